import { z } from 'zod';

/** `<area>.<what_happened>`, both lower snake case: `grid.created`, `service_post.claim_released`. */
const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*\.[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** The GraphQL type of the subject: `Grid`, `ServicePost`. */
const SUBJECT = /^[A-Z][A-Za-z0-9]*$/;

/**
 * One kind of domain event: its name, the kind of thing it is about, and the schema of its
 * payload. `P` is the payload as a service passes it (dates as `Date`); the stream stores it
 * as JSON, and `payload.parse` turns a stored payload back into `P`.
 */
export interface EventType<P extends object = object> {
  readonly name: string;
  /** What `subjectId` names: the GraphQL type of the subject. */
  readonly subject: string;
  readonly description: string;
  readonly payload: z.ZodType<P, unknown>;
  /** Where it was defined (file:line), for messages about the catalog. */
  readonly definedAt: string;
}

export interface EventSpec<P extends object> {
  subject: string;
  /** A strict object (or a union of strict ones), so nothing unnamed, such as personal data, slips in. */
  payload: z.ZodType<P, unknown>;
  description: string;
}

/** Defines an event type; a bad name, subject or payload schema is refused at startup. */
export function defineEvent<P extends object>(name: string, spec: EventSpec<P>): EventType<P> {
  if (!NAME.test(name)) {
    throw new Error(
      `Event name "${name}" is not <area>.<what_happened> in lower snake case, e.g. grid.created`,
    );
  }
  if (!SUBJECT.test(spec.subject)) {
    throw new Error(`Event ${name}: subject "${spec.subject}" is not a type name such as Grid`);
  }
  if (!isStrictObject(spec.payload)) {
    throw new Error(`Event ${name}: the payload schema must be z.object({...}).strict()`);
  }
  if (!spec.description.trim()) throw new Error(`Event ${name} has no description`);
  return {
    name,
    subject: spec.subject,
    description: spec.description,
    payload: spec.payload,
    definedAt: callerOf(defineEvent),
  };
}

function isStrictObject(schema: z.ZodType): boolean {
  const def = schema._zod.def as {
    type: string;
    catchall?: z.ZodType;
    options?: z.ZodType[];
  };
  if (def.type === 'union') return def.options!.every(isStrictObject);
  return def.type === 'object' && def.catchall?._zod.def.type === 'never';
}

function callerOf(fn: (...args: never[]) => unknown): string {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  const line = holder.stack?.split('\n')[1] ?? '';
  return /\(?([^\s()]+:\d+):\d+\)?$/.exec(line)?.[1] ?? 'unknown place';
}

/** Field types shared by payloads. */
export const field = {
  /** A row's ID: a bigint, as a string of digits. */
  id: z
    .string()
    .regex(/^[0-9]+$/, 'An ID is a string of digits.')
    .meta({ title: 'ID' }),
  /** A calendar date, YYYY-MM-DD (the streets' local date). */
  date: z.iso.date().meta({ title: 'date' }),
  /** A moment: a `Date` in services, an ISO 8601 UTC string in the stream. */
  timestamp: z
    .codec(z.iso.datetime(), z.date(), {
      decode: (text) => new Date(text),
      encode: (date) => date.toISOString(),
    })
    .meta({ title: 'timestamp' }),
  /**
   * One of an area's values. They are read when first checked, since they live in the area's
   * services, which import its events (a plain import would see them undefined).
   */
  oneOf: <const T extends readonly [string, ...string[]]>(values: () => T) =>
    z.lazy(() => z.enum(values())),
};

/**
 * Checks a payload against its event type and answers it as stored (JSON: dates as strings).
 * An invalid payload is a bug in the service that passed it: the error names the event and
 * what was wrong (never the values, which may be personal).
 */
export function encodePayload<P extends object>(type: EventType<P>, payload: P): unknown {
  const result = type.payload.safeEncode(payload);
  if (!result.success) {
    throw new Error(`Event ${type.name} has an invalid payload:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Every event type the server knows; consumers look types up here. Checked when built. */
export class EventCatalog {
  private readonly types = new Map<string, EventType>();

  constructor(types: readonly EventType[]) {
    for (const type of types) {
      const other = this.types.get(type.name);
      if (other) {
        throw new Error(
          `Event type ${type.name} is defined twice: "${other.description}" (${other.subject}, ` +
            `at ${other.definedAt}) and "${type.description}" (${type.subject}, at ${type.definedAt})`,
        );
      }
      this.types.set(type.name, type);
    }
  }

  get(name: string): EventType | undefined {
    return this.types.get(name);
  }

  /** In definition order. */
  all(): readonly EventType[] {
    return [...this.types.values()];
  }
}

/**
 * The event types the server records, for services that let callers name them (a webhook's
 * subscription): filled once at start-up from the modules (src/modules.ts), like the task and
 * policy registries.
 */
export class EventTypeRegistry {
  private catalog = new EventCatalog([]);

  /** Adds `types`; refuses a name already known (see `EventCatalog`). */
  register(types: readonly EventType[]): void {
    this.catalog = new EventCatalog([...this.catalog.all(), ...types]);
  }

  get(name: string): EventType | undefined {
    return this.catalog.get(name);
  }

  /** In registration order. */
  all(): readonly EventType[] {
    return this.catalog.all();
  }
}

export const eventTypeRegistry = new EventTypeRegistry();
