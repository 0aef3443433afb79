/**
 * Checking a webhook delivery from Lianxin (docs/realtime.md, "Checking the signature"), for the
 * receiving server: the `Lianxin-Signature` header is `t=<unix seconds>,v1=<hex>[,v1=<hex>]`,
 * each hex HMAC-SHA256 keyed with an endpoint secret over `<t>.<raw body>`; a second `v1` follows
 * while a rotated-out secret is still valid. Node only (it uses `node:crypto`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CaseLevel, CaseRating, CaseSource, CaseStatus, Urgency } from './generated/graphql';

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'Lianxin-Signature';

/** Seconds a delivery's timestamp may be from now, either way, unless told otherwise. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Why a delivery was refused. */
export type WebhookVerificationReason =
  /** No `Lianxin-Signature` header. */
  | 'MISSING_HEADER'
  /** The header is not `t=<unix seconds>,v1=<64 hex digits>…`. */
  | 'MALFORMED_HEADER'
  /** No `v1` matches the body with any of the secrets: a changed body or another secret. */
  | 'SIGNATURE_MISMATCH'
  /** Signed longer ago than the tolerance: possibly a replay. */
  | 'TIMESTAMP_TOO_OLD'
  /** Signed further in the future than the tolerance: a clock is wrong. */
  | 'TIMESTAMP_IN_FUTURE'
  /** Signed correctly, but the body is not a JSON event. */
  | 'BODY_NOT_JSON';

/** A delivery that is not (or no longer) provably from Lianxin. Answer it with a 4xx. */
export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/**
 * The body of every delivery. IDs are row IDs (strings of digits), as in the event stream, not
 * the API's global IDs; `payload` has the shape docs/events.md gives for `type`.
 */
export interface WebhookEvent<
  TType extends string = string,
  TPayload extends object = Record<string, unknown>,
> {
  /** The event's id: the same at every delivery of it, so drop one whose id you have. */
  id: string;
  type: TType;
  /** The event's position in the stream: resume reading after it. */
  cursor: string;
  /** When the change was recorded (ISO 8601, UTC). */
  occurredAt: string;
  street: { id: string; code: string };
  /** What the event is about: its GraphQL type and row id. */
  subject: { type: string; id: string };
  payload: TPayload;
}

/** What every case event's payload carries: the case's number, its state before and after. */
export type CaseEventBase = {
  number: string;
  from: CaseStatus | null;
  to: CaseStatus;
  version: number;
};

/** The payloads of the case lifecycle's events (docs/events.md), beside `CaseEventBase`. */
export interface CaseEventPayloads {
  'case.reported': {
    categoryId: string;
    categoryVersion: number;
    source: CaseSource;
    urgency: Urgency;
    gridId: string;
    dueAt: string;
    externalRef: string | null;
  };
  'case.accepted': { dueAt: string };
  'case.rejected': Record<string, never>;
  'case.dispatched': { departmentIds: string[] };
  'case.resolved_on_the_spot': Record<string, never>;
  'case.acknowledged': { departmentId: string; late: boolean };
  'case.started': { departmentId: string };
  'case.returned': { departmentId: string };
  'case.postponement_requested': { departmentId: string; minutes: number };
  'case.postponement_decided': { approved: boolean; minutes: number; dueAt: string };
  'case.suspended': Record<string, never>;
  'case.resumed': { dueAt: string };
  'case.resolved': { departmentId: string };
  'case.verified': { passed: boolean };
  'case.rated': { rating: CaseRating };
  'case.escalated': { fromLevel: CaseLevel; toLevel: CaseLevel };
  'case.reassigned': { ownerUserId: string | null };
  'case.recategorized': { categoryId: string; categoryVersion: number; dueAt: string };
  'case.cancelled': Record<string, never>;
  'case.reopened': Record<string, never>;
  'case.merged': { intoCaseId: string };
  'case.overdue': { departmentId: string | null; stage: 'INTAKE' | 'HANDLING' | 'ACKNOWLEDGE' };
}

export type CaseEventType = keyof CaseEventPayloads;

/** The case event types, as the server's event catalogue names them. */
export const CASE_EVENT_TYPES = [
  'case.reported',
  'case.accepted',
  'case.rejected',
  'case.dispatched',
  'case.resolved_on_the_spot',
  'case.acknowledged',
  'case.started',
  'case.returned',
  'case.postponement_requested',
  'case.postponement_decided',
  'case.suspended',
  'case.resumed',
  'case.resolved',
  'case.verified',
  'case.rated',
  'case.escalated',
  'case.reassigned',
  'case.recategorized',
  'case.cancelled',
  'case.reopened',
  'case.merged',
  'case.overdue',
] as const satisfies readonly CaseEventType[];

/** A case event, discriminated by `type`: `if (e.type === 'case.rated') e.payload.rating`. */
export type CaseWebhookEvent = {
  [T in CaseEventType]: WebhookEvent<T, CaseEventBase & CaseEventPayloads[T]>;
}[CaseEventType];

/** Whether `event` is a case event, typed by its `type` once narrowed. */
export function isCaseEvent(event: WebhookEvent): event is CaseWebhookEvent {
  return (CASE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Whether `event` is of type `type`, typed accordingly. */
export function isWebhookEventOfType<T extends CaseEventType>(
  event: WebhookEvent,
  type: T,
): event is Extract<CaseWebhookEvent, { type: T }> {
  return event.type === type;
}

/** Request headers as Node (`req.headers`) or fetch (`Headers`) give them. */
export type WebhookHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyWebhookOptions {
  /** Seconds the timestamp may be from now, either way (300 unless given). */
  toleranceSeconds?: number;
  /** The time to check against (now unless given). */
  now?: Date;
}

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if ('get' in headers && typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

/** `t` and the `v1` signatures of a header, or a MALFORMED_HEADER error. */
function parseSignature(header: string): { timestamp: number; signatures: Buffer[] } {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  const malformed = (why: string) =>
    new WebhookVerificationError(
      'MALFORMED_HEADER',
      `The ${SIGNATURE_HEADER} header is not "t=<unix seconds>,v1=<hex>": ${why}.`,
    );
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) throw malformed(`"${part.trim()}" is not key=value`);
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) throw malformed('t is given twice');
      if (!/^\d{1,12}$/.test(value)) throw malformed(`t "${value}" is not a number of seconds`);
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) throw malformed('a v1 is not 64 hex digits');
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are left to the receivers that know them.
  }
  if (timestamp === undefined) throw malformed('there is no t');
  if (signatures.length === 0) throw malformed('there is no v1');
  return { timestamp, signatures };
}

/**
 * Checks that a delivery came from Lianxin and is recent, and returns its event. `secret` is the
 * endpoint's secret (the whole `whsec_…` string), or several: during a rotation on your side,
 * give the new and the old. `rawBody` is the body exactly as received — not a re-serialized
 * object. Throws `WebhookVerificationError` (with a `reason`) when the delivery must be refused.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): WebhookEvent {
  const secrets = typeof secret === 'string' ? [secret] : [...secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new TypeError('verifyWebhook: give the endpoint secret (whsec_…), not an empty one.');
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new TypeError('verifyWebhook: toleranceSeconds must be a number of seconds, 0 or more.');
  }
  const header = headerOf(headers, SIGNATURE_HEADER);
  if (header === undefined || header.trim() === '') {
    throw new WebhookVerificationError(
      'MISSING_HEADER',
      `The delivery has no ${SIGNATURE_HEADER} header.`,
    );
  }
  const { timestamp, signatures } = parseSignature(header);
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const matches = secrets.some((key) => {
    const expected = createHmac('sha256', key).update(`${timestamp}.`).update(body).digest();
    // Every v1 is compared (in constant time), so the time taken says nothing of which matched.
    return signatures.reduce((ok, given) => timingSafeEqual(given, expected) || ok, false);
  });
  if (!matches) {
    throw new WebhookVerificationError(
      'SIGNATURE_MISMATCH',
      'No signature of the delivery matches its body with the secret given: the body was changed, or it was signed with another secret.',
    );
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (timestamp < now - tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_TOO_OLD',
      `The delivery was signed ${now - timestamp} s ago, more than the ${tolerance} s allowed: it may be a replay.`,
    );
  }
  if (timestamp > now + tolerance) {
    throw new WebhookVerificationError(
      'TIMESTAMP_IN_FUTURE',
      `The delivery is signed ${timestamp - now} s in the future, more than the ${tolerance} s allowed: check the clocks.`,
    );
  }
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WebhookVerificationError('BODY_NOT_JSON', 'The delivery body is not JSON.');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof (event as { type?: unknown }).type !== 'string' ||
    typeof (event as { id?: unknown }).id !== 'string'
  ) {
    throw new WebhookVerificationError(
      'BODY_NOT_JSON',
      'The delivery body is JSON but not an event (an object with an id and a type).',
    );
  }
  return event as WebhookEvent;
}
