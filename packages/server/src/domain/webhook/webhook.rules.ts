import { loadConfig, type Config } from '../../config';
import { eventTypeRegistry, type EventType } from '../../events/catalog';
import type { Context } from '../shared/context';
import { PublicError, type InputProblem } from '../shared/errors';
import { writeAccess, type Access, type AreaPolicy } from '../shared/policy';
import { ROLES, type Role } from '../shared/viewer';
import { webhookEvents } from './webhook.events';

/** The policy area of webhook endpoints and their deliveries. */
export const WEBHOOK_AREA = 'webhook';

const administrators = Object.fromEntries(
  ROLES.map((r): [Role, Access] => [
    r,
    r === 'PLATFORM_ADMIN' || r === 'DISTRICT_ADMIN' || r === 'STREET_ADMIN' ? 'street' : 'none',
  ]),
) as Record<Role, Access>;

/**
 * Endpoints are the street administrators' business (district and platform administrators in
 * their streets), like API keys: they read and manage them, nobody else sees them, and no API key
 * scope reaches them (an endpoint receives the whole street's events of its types).
 */
export const webhookPolicy: AreaPolicy = {
  read: administrators,
  write: administrators,
  scopes: false,
};

/** Throws unless the viewer may manage the webhook endpoints of `streetId`. */
export function requireWebhookAdmin(ctx: Context, streetId: string): void {
  const { viewer } = ctx;
  if (viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', 'Sign in to manage webhooks.');
  const inStreet = viewer.streetIds === 'all' || viewer.streetIds.includes(streetId);
  if (!inStreet || writeAccess(viewer, WEBHOOK_AREA) !== 'street') {
    throw new PublicError(
      'FORBIDDEN',
      "Only the street's administrators (street, district or platform) may manage its webhooks.",
    );
  }
}

/** What the server's configuration says of webhooks (config.ts, `WEBHOOK_*`). */
export interface WebhookSettings {
  /** Receivers on private, loopback, link-local and other non-public addresses are allowed. */
  allowPrivateNetworks: boolean;
  /** `http://` receivers are allowed (always with private networks allowed). */
  allowHttp: boolean;
  /** How long one attempt may take, from connecting to the response's status. */
  timeoutMs: number;
  /** Attempts of one delivery before it is given up (FAILED). */
  maxAttempts: number;
  /** The wait after the first failed attempt; it doubles with each further one, up to 8 hours. */
  retryBaseSeconds: number;
  /** Failed attempts in a row (over the endpoint's deliveries) that can disable it … */
  disableAfterFailures: number;
  /** … once the first of them is at least this old. */
  disableAfterSeconds: number;
}

let defaults: Config | undefined;

/** The settings of the server the context belongs to; the defaults where it has none. */
export function webhookSettings(ctx: Context): WebhookSettings {
  const c = ctx.config ?? (defaults ??= loadConfig({}));
  return {
    allowPrivateNetworks: c.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    allowHttp: c.WEBHOOK_ALLOW_HTTP || c.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    timeoutMs: c.WEBHOOK_TIMEOUT_MS,
    maxAttempts: c.WEBHOOK_MAX_ATTEMPTS,
    retryBaseSeconds: c.WEBHOOK_RETRY_BASE_SECONDS,
    disableAfterFailures: c.WEBHOOK_DISABLE_AFTER_FAILURES,
    disableAfterSeconds: c.WEBHOOK_DISABLE_AFTER_SECONDS,
  };
}

/** The longest wait between two attempts of a delivery. */
export const MAX_RETRY_DELAY_SECONDS = 8 * 3600;

/**
 * Seconds to wait after failed attempt `attempt` (1 for the first): the base, doubled for each
 * further attempt, at most 8 hours, give or take 10% so that the deliveries of one outage do not
 * all come back at once. With the defaults (30 s, 12 attempts) a delivery is tried for about
 * 16 hours: 30 s, 1 min, 2, 4, 8, 16, 32 min, 1 h, 2 h, 4 h, 8 h.
 */
export function retryDelaySeconds(
  attempt: number,
  baseSeconds: number,
  random: () => number = Math.random,
): number {
  const plain = Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_SECONDS);
  return Math.max(1, Math.round(plain * (0.9 + 0.2 * random())));
}

/**
 * Whether an endpoint whose attempts have failed `failures` times in a row since `failingSince`
 * is disabled: both thresholds must be passed, so neither a burst of events during a short outage
 * nor one old failure disables it.
 */
export function shouldDisable(
  failures: number,
  failingSince: Date,
  now: Date,
  settings: WebhookSettings,
): boolean {
  return (
    failures >= settings.disableAfterFailures &&
    now.getTime() - failingSince.getTime() >= settings.disableAfterSeconds * 1000
  );
}

/** The areas whose events webhooks never carry: their own (no delivery begets a delivery). */
const OWN_AREAS = new Set(webhookEvents.map((e) => areaOf(e.name)));

/** `case` of `case.reported`. */
export function areaOf(type: string): string {
  return type.slice(0, type.indexOf('.'));
}

/** Whether events of `type` may be delivered by webhooks. */
export function deliverable(type: string): boolean {
  return !OWN_AREAS.has(areaOf(type));
}

/** The event types an endpoint may take, in the catalog's order. */
export function subscribableTypes(): readonly EventType[] {
  return eventTypeRegistry.all().filter((t) => deliverable(t.name));
}

const WILDCARD = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\.\*$/;

/**
 * Checks an endpoint's event types: each the name of a type the server records (see
 * `webhookEventTypes`), or `<area>.*` for every type of an area, now and later; at least one.
 * Answers them without duplicates, in the order given, or the problems, each naming its entry.
 */
export function checkEventTypes(
  given: readonly string[],
  field: string[],
): { types: string[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (given.length === 0) {
    problems.push({ field, message: 'Give at least one event type.', code: 'REQUIRED' });
  }
  if (given.length > 100) {
    problems.push({ field, message: 'Give at most 100 event types.', code: 'INVALID' });
  }
  const known = subscribableTypes();
  given.forEach((type, i) => {
    const at = [...field, String(i)];
    const area = WILDCARD.exec(type)?.[1];
    const ownArea = area
      ? OWN_AREAS.has(area)
      : !!eventTypeRegistry.get(type) && !deliverable(type);
    if (ownArea) {
      problems.push({
        field: at,
        message: `Webhooks do not carry the webhook area's own events ("${type}").`,
        code: 'INVALID',
      });
    } else if (area ? !known.some((t) => areaOf(t.name) === area) : !eventTypeRegistry.get(type)) {
      problems.push({
        field: at,
        message:
          `Unknown event type "${type.slice(0, 100)}": give a type that webhookEventTypes lists ` +
          '(e.g. "case.reported"), or "<area>.*" for all of an area\'s (e.g. "case.*").',
        code: 'INVALID',
      });
    }
  });
  return { types: [...new Set(given)], problems };
}
