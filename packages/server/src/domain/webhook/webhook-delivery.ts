import { z } from 'zod';
import { sql } from '../../db/statement';
import { eventCursor } from '../../events/cursor';
import type { EventConsumer } from '../../events/relay';
import { query, type Context } from '../shared/context';
import { recordEvent } from '../shared/events';
import { defineTask, scheduleJob } from '../shared/jobs';
import { sendDelivery, signatureHeader, type AttemptOutcome } from './webhook-sender';
import type { DisableCause } from './webhook.entity';
import { webhookEndpointDisabled } from './webhook.events';
import {
  deliverable,
  retryDelaySeconds,
  shouldDisable,
  webhookSettings,
  type WebhookSettings,
} from './webhook.rules';

/**
 * Deliveries: the stream's events reach webhooks through the relay's consumer below, which, in
 * the transaction that moves its position, writes one delivery per matching enabled endpoint
 * and schedules its job — so a crash neither loses nor doubles one. Each job sends its delivery
 * once, records the attempt, and either marks it delivered, schedules the next attempt (backing
 * off over hours), or gives it up; an endpoint failing for long enough is disabled.
 */
export const DELIVER_TASK = 'webhook.deliver';

/** The job of a delivery: one per delivery at a time. */
export const deliveryJobKey = (deliveryId: string) => `${DELIVER_TASK}:${deliveryId}`;

const payload = z.object({ deliveryId: z.string().regex(/^[0-9]+$/) }).strict();

/** Schedules the delivery's next attempt, now or at `runAt`, replacing a waiting one. */
export async function scheduleDelivery(
  ctx: Context,
  deliveryId: string,
  runAt?: Date,
): Promise<void> {
  await scheduleJob(
    ctx,
    DELIVER_TASK,
    { deliveryId },
    { runAt, jobKey: deliveryJobKey(deliveryId) },
  );
}

// One statement per batch: the deliveries of every event of it to every enabled endpoint of the
// event's street that takes its type (by name, or `<area>.*`) and existed when it happened, and
// their jobs. The unique index keeps a batch that came twice from doubling a delivery.
const fanOut = sql(
  'webhook_fan_out',
  `WITH created AS (
     INSERT INTO webhook_delivery (street_id, endpoint_id, event_id, event_tx_id, event_type, next_attempt_at)
     SELECT w.street_id, w.id, e.id, e.tx_id::text::bigint, e.type, now()
     FROM domain_event e
     JOIN webhook_endpoint w ON w.street_id = e.street_id AND w.disabled_at IS NULL
       AND e.occurred_at >= w.created_at
       AND (e.type = ANY (w.event_types) OR split_part(e.type, '.', 1) || '.*' = ANY (w.event_types))
     WHERE e.id = ANY ($1::bigint[])
     ORDER BY e.tx_id, e.id, w.id
     ON CONFLICT (endpoint_id, event_id) WHERE redelivery_of_id IS NULL DO NOTHING
     RETURNING id)
   SELECT count(lianxin_schedule_job($2, json_build_object('deliveryId', c.id::text), NULL,
            $2 || ':' || c.id, NULL))::int AS n
   FROM created c`,
);

/**
 * The relay's consumer: events of a street, of every type but the webhook area's own, become
 * deliveries to the street's matching endpoints, in the relay's transaction.
 */
export const webhookConsumer: EventConsumer = {
  name: 'webhook.deliveries',
  async handle(events, tx) {
    const ids = events.filter((e) => e.streetId !== null && deliverable(e.type)).map((e) => e.id);
    if (!ids.length) return;
    await tx.query({ name: fanOut.name, text: fanOut.text }, [ids, DELIVER_TASK]);
  },
};

/** What an attempt needs to know of its delivery, endpoint and event. */
interface AttemptRow {
  id: string;
  streetId: string;
  streetCode: string;
  endpointId: string;
  status: string;
  attemptCount: number;
  url: string;
  secret: string;
  previousSecret: string | null;
  endpointDisabled: boolean;
  eventId: string;
  eventTxId: string;
  eventType: string;
  subjectType: string | null;
  subjectId: string | null;
  payload: Record<string, unknown> | null;
  occurredAt: string | null;
}

const loadAttempt = sql(
  'webhook_load_attempt',
  `SELECT d.id::text AS id, d.street_id::text AS "streetId", s.code AS "streetCode",
     d.endpoint_id::text AS "endpointId", d.status, d.attempt_count AS "attemptCount",
     w.url, w.secret,
     CASE WHEN w.previous_secret_expires_at > now() THEN w.previous_secret END AS "previousSecret",
     w.disabled_at IS NOT NULL AS "endpointDisabled",
     d.event_id::text AS "eventId", d.event_tx_id::text AS "eventTxId", d.event_type AS "eventType",
     e.subject_type AS "subjectType", e.subject_id AS "subjectId", e.payload,
     to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt"
   FROM webhook_delivery d
   JOIN webhook_endpoint w ON w.id = d.endpoint_id
   JOIN street s ON s.id = d.street_id
   LEFT JOIN domain_event e ON e.id = d.event_id
   WHERE d.id = $1`,
);

/**
 * The body of a delivery: the event as the stream holds it, the same bytes at every attempt.
 * IDs are row IDs (strings of digits), as in the stream; `cursor` is the event's stream position.
 */
export function deliveryBody(row: AttemptRow): string {
  return JSON.stringify({
    id: row.eventId,
    type: row.eventType,
    cursor: eventCursor({ txId: row.eventTxId, id: row.eventId }),
    occurredAt: row.occurredAt,
    street: { id: row.streetId, code: row.streetCode },
    subject: { type: row.subjectType, id: row.subjectId },
    payload: row.payload,
  });
}

/** The job: one attempt of one delivery, run as the system in a transaction of its own. */
async function attempt(ctx: Context, { deliveryId }: z.infer<typeof payload>): Promise<void> {
  const settings = webhookSettings(ctx);
  // Nothing is locked or written before the request, so the transaction holds no transaction id
  // (and holds back neither the event stream nor anyone's locks) while the receiver answers.
  const [row] = await query<AttemptRow>(ctx, loadAttempt, [deliveryId]);
  // Delivered, given up, cancelled, or deleted with its endpoint: a stale job does nothing.
  if (!row || row.status !== 'PENDING') return;
  if (row.endpointDisabled || row.payload === null) {
    const error = row.endpointDisabled
      ? 'Not sent: the endpoint is disabled.'
      : 'Not sent: the event is no longer in the stream.';
    await query(
      ctx,
      `UPDATE webhook_delivery SET status = $3, next_attempt_at = NULL, last_error = $2
       WHERE id = $1 AND status = 'PENDING'`,
      [row.id, error, row.endpointDisabled ? 'CANCELLED' : 'FAILED'],
    );
    return;
  }
  const body = deliveryBody(row);
  const timestamp = Math.floor(Date.now() / 1000);
  const number = row.attemptCount + 1;
  const startedAt = new Date();
  const outcome = await sendDelivery(
    row.url,
    {
      'Content-Type': 'application/json',
      'User-Agent': 'Lianxin-Webhooks/1',
      'Lianxin-Event-Id': row.eventId,
      'Lianxin-Event-Type': row.eventType,
      'Lianxin-Delivery-Id': row.id,
      'Lianxin-Delivery-Attempt': String(number),
      'Lianxin-Signature': signatureHeader(
        body,
        row.previousSecret ? [row.secret, row.previousSecret] : [row.secret],
        timestamp,
      ),
    },
    body,
    { ...settings, signal: ctx.session.signal },
  );
  await recordAttempt(ctx, row, startedAt, outcome, settings);
}

/**
 * Records an attempt's outcome: the attempt in the log, the delivery's state and next try, the
 * endpoint's health; disables the endpoint when it has failed long enough.
 */
async function recordAttempt(
  ctx: Context,
  row: AttemptRow,
  startedAt: Date,
  outcome: AttemptOutcome,
  settings: WebhookSettings,
): Promise<void> {
  // The endpoint first, then the delivery: the order every writer of both takes.
  const [endpoint] = await query<{ disabled: boolean }>(
    ctx,
    `SELECT disabled_at IS NOT NULL AS disabled FROM webhook_endpoint WHERE id = $1 FOR NO KEY UPDATE`,
    [row.endpointId],
  );
  const [delivery] = await query<{ status: string; attemptCount: number }>(
    ctx,
    `SELECT status, attempt_count AS "attemptCount" FROM webhook_delivery WHERE id = $1 FOR UPDATE`,
    [row.id],
  );
  if (!endpoint || !delivery) return; // deleted meanwhile, with its log
  const number = delivery.attemptCount + 1;
  await query(
    ctx,
    `INSERT INTO webhook_delivery_attempt (delivery_id, number, street_id, started_at, duration_ms, status_code, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      row.id,
      number,
      row.streetId,
      startedAt,
      outcome.durationMs,
      outcome.statusCode,
      outcome.error,
    ],
  );
  // The delivery may have been settled meanwhile (cancelled, or by a job run twice): a failure
  // leaves its state and the reason it was given; a success marks it delivered, as it is.
  const pending = delivery.status === 'PENDING';
  const log = {
    endpointId: row.endpointId,
    deliveryId: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: number,
    statusCode: outcome.statusCode ?? undefined,
    ms: outcome.durationMs,
  };
  if (outcome.ok) {
    await query(
      ctx,
      `UPDATE webhook_delivery SET attempt_count = $2, last_status_code = $3, last_duration_ms = $4,
         last_error = NULL, last_attempt_at = $5, next_attempt_at = NULL,
         status = CASE WHEN status IN ('PENDING', 'CANCELLED') THEN 'DELIVERED' ELSE status END,
         delivered_at = coalesce(delivered_at, now())
       WHERE id = $1`,
      [row.id, number, outcome.statusCode, outcome.durationMs, startedAt],
    );
    await query(
      ctx,
      `UPDATE webhook_endpoint SET consecutive_failures = 0, failing_since = NULL, last_success_at = now()
       WHERE id = $1`,
      [row.endpointId],
    );
    ctx.logger.debug(log, 'webhook delivered');
    return;
  }

  const last = number >= settings.maxAttempts;
  const next =
    pending && !last
      ? new Date(Date.now() + retryDelaySeconds(number, settings.retryBaseSeconds) * 1000)
      : null;
  await query(
    ctx,
    `UPDATE webhook_delivery SET attempt_count = $2, last_status_code = $3, last_duration_ms = $4,
       last_error = CASE WHEN status = 'PENDING' THEN $5 ELSE last_error END,
       last_attempt_at = $6, next_attempt_at = $7,
       status = CASE WHEN status = 'PENDING' AND $8 THEN 'FAILED' ELSE status END
     WHERE id = $1`,
    [row.id, number, outcome.statusCode, outcome.durationMs, outcome.error, startedAt, next, last],
  );
  if (next) await scheduleDelivery(ctx, row.id, next);
  ctx.logger.warn(
    { ...log, reason: outcome.error, nextAttemptAt: next?.toISOString() },
    last && pending
      ? `webhook delivery failed on its last attempt (${outcome.error}); it is given up`
      : `webhook delivery attempt failed (${outcome.error}); it is tried again later`,
  );

  const [health] = await query<{ failures: number; failingSince: Date }>(
    ctx,
    `UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1,
       failing_since = coalesce(failing_since, $2), last_failure_at = now()
     WHERE id = $1 RETURNING consecutive_failures AS failures, failing_since AS "failingSince"`,
    [row.endpointId, startedAt],
  );
  if (
    !endpoint.disabled &&
    shouldDisable(health!.failures, health!.failingSince, new Date(), settings)
  ) {
    const reason =
      `Disabled after ${health!.failures} failed attempts in a row since ` +
      `${health!.failingSince.toISOString()}; the last: ${outcome.error}`;
    await disableEndpoint(ctx, {
      endpointId: row.endpointId,
      streetId: row.streetId,
      cause: 'FAILURES',
      reason: reason.slice(0, 1000),
      failures: health!.failures,
    });
    ctx.logger.warn(
      { endpointId: row.endpointId, failures: health!.failures },
      'webhook endpoint disabled after repeated failures',
    );
  }
}

/**
 * Disables an endpoint (its row locked by the caller) with the notice its administrators see, and
 * cancels its waiting deliveries and their jobs, in the caller's transaction.
 */
export async function disableEndpoint(
  ctx: Context,
  d: {
    endpointId: string;
    streetId: string;
    cause: DisableCause;
    reason: string;
    failures: number;
  },
): Promise<void> {
  await query(
    ctx,
    `UPDATE webhook_endpoint SET disabled_at = now(), disabled_cause = $2, disabled_reason = $3,
       updated_at = now() WHERE id = $1`,
    [d.endpointId, d.cause, d.reason],
  );
  await query(
    ctx,
    `WITH cancelled AS (
       UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL,
         last_error = left(coalesce(last_error || ' ', '') || 'Cancelled: the endpoint was disabled.', 1000)
       WHERE endpoint_id = $1 AND status = 'PENDING' RETURNING id)
     SELECT count(lianxin_cancel_job($2 || ':' || id))::int AS n FROM cancelled`,
    [d.endpointId, DELIVER_TASK],
  );
  await recordEvent(ctx, webhookEndpointDisabled, {
    streetId: d.streetId,
    subjectId: d.endpointId,
    payload: { cause: d.cause, reason: d.reason, failures: d.failures },
  });
}

/** The module's task: the queue runs it as the system, in a transaction of its own. */
export const deliverTask = defineTask({ payload, run: attempt });
