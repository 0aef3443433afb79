import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { batchLoader, loader, query, repository, type Context } from '../shared/context';
import { entityColumns } from '../shared/entity-columns';
import { InputError, type InputProblem } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { cancelJob } from '../shared/jobs';
import type { Page, PageRequest } from '../shared/keyset';
import {
  byIdLoader,
  filteredReads,
  groupedReads,
  readRuleAllows,
  type TableSpec,
} from '../shared/table';
import { validate } from '../shared/validate';
import { loadForUpdate, saveChanges } from '../shared/write';
import { streetService } from '../street/street.service';
import { checkReceiverHost, parseReceiverUrl, ReceiverRefused } from './webhook-address';
import { deliveryJobKey, disableEndpoint, scheduleDelivery } from './webhook-delivery';
import {
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  type DeliveryStatus,
} from './webhook.entity';
import {
  webhookDeliveryRedelivered,
  webhookEndpointCreated,
  webhookEndpointDeleted,
  webhookEndpointEnabled,
  webhookEndpointSecretRotated,
  webhookEndpointUpdated,
} from './webhook.events';
import {
  checkEventTypes,
  requireWebhookAdmin,
  WEBHOOK_AREA,
  webhookSettings,
} from './webhook.rules';

/** An endpoint as the API shows it: never its secrets, only the last characters of the current one. */
export type WebhookEndpointRecord = Omit<WebhookEndpointEntity, 'secret' | 'previousSecret'> & {
  /** `whsec_…` and the secret's last four characters, to tell secrets apart. */
  secretHint: string;
};
export type WebhookDeliveryRecord = WebhookDeliveryEntity;

export interface WebhookAttemptRecord {
  deliveryId: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

export interface WebhookEndpointFilter {
  streetId?: string | null;
  /** Only enabled (false) or disabled (true) endpoints. */
  disabled?: boolean | null;
}

export interface WebhookDeliveryFilter {
  status?: DeliveryStatus | null;
  /** The deliveries of one event (its id, as in the body's `id`). */
  eventId?: string | null;
}

export const webhookEndpointTable: TableSpec<WebhookEndpointRecord> = {
  from: 'webhook_endpoint w',
  alias: 'w',
  area: WEBHOOK_AREA,
  columns: entityColumns(WebhookEndpointEntity, 'w', {
    omit: ['secret', 'previousSecret'],
    extra: [`'whsec_…' || right(w.secret, 4) AS "secretHint"`],
  }),
  orders: {
    CREATED: {
      key: 'w.id',
      type: 'bigint',
      id: 'w.id',
      unique: true,
      valueOf: (r) => r.id as string,
      idOf: (r) => r.id as string,
    },
  },
};

/** The delivery log, newest first (ids grow with time). */
export const webhookDeliveryTable: TableSpec<WebhookDeliveryRecord> = {
  from: 'webhook_delivery d',
  alias: 'd',
  area: WEBHOOK_AREA,
  columns: entityColumns(WebhookDeliveryEntity, 'd'),
  orders: {
    CREATED: {
      key: 'd.id',
      type: 'bigint',
      id: 'd.id',
      unique: true,
      valueOf: (r) => r.id as string,
      idOf: (r) => r.id as string,
    },
  },
};
const NEWEST_FIRST = { field: 'CREATED', descending: true };

export function webhookEndpointFilterSql(
  filter: WebhookEndpointFilter,
  params: unknown[],
): string[] {
  const where: string[] = [];
  if (filter.streetId) {
    params.push(filter.streetId);
    where.push(`w.street_id = $${params.length}::bigint`);
  }
  if (filter.disabled === true) where.push('w.disabled_at IS NOT NULL');
  if (filter.disabled === false) where.push('w.disabled_at IS NULL');
  return where;
}

function deliveryFilterSql(filter: WebhookDeliveryFilter, params: unknown[]): string[] {
  const where: string[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`d.status = $${params.length}`);
  }
  if (filter.eventId) {
    params.push(filter.eventId);
    where.push(`d.event_id = $${params.length}::bigint`);
  }
  return where;
}

/** Deliveries under their endpoint, batched across endpoints (one statement for a page of them). */
const deliveryLog = groupedReads(webhookDeliveryTable, deliveryFilterSql, {
  endpoint: 'd.endpoint_id',
});

export const webhookEndpointById = byIdLoader(webhookEndpointTable);
export const webhookDeliveryById = byIdLoader(webhookDeliveryTable);

/** The attempts of deliveries, oldest first, batched across a page of deliveries. */
const attemptsOf = (ctx: Context) =>
  batchLoader<string, WebhookAttemptRecord[]>(ctx, async (ids) => {
    const rows = await query<WebhookAttemptRecord>(
      ctx,
      `SELECT a.delivery_id::text AS "deliveryId", a.number, a.started_at AS "startedAt",
         a.duration_ms AS "durationMs", a.status_code AS "statusCode", a.error
       FROM webhook_delivery_attempt a
       WHERE a.delivery_id = ANY($1::bigint[]) ORDER BY a.delivery_id, a.number`,
      [ids],
    );
    const by = new Map<string, WebhookAttemptRecord[]>();
    for (const r of rows) by.set(r.deliveryId, [...(by.get(r.deliveryId) ?? []), r]);
    return ids.map((id) => by.get(id) ?? []);
  });

const SECRET_PREFIX = 'whsec_';
const newSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Optional text; blank is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((s) => s || null)
    .nullable();
const urlText = z
  .string()
  .trim()
  .min(1, 'Give the receiver URL.')
  .max(2000, 'At most 2000 characters.');
const createInput = z.object({ url: urlText, description: optionalText(500).optional() });
const updateInput = z.object({
  url: urlText.optional(),
  description: optionalText(500).optional(),
});

export interface CreateWebhookEndpointInput {
  streetId: string;
  url: string;
  eventTypes: string[];
  description?: string | null;
}
export interface UpdateWebhookEndpointInput {
  url?: string;
  eventTypes?: string[];
  description?: string | null;
}

/**
 * Checks a receiver URL for `field`: its form, and (unless the operator allows private
 * networks) that its host is, and resolves only to, public addresses. Answers its problem.
 */
async function receiverProblem(
  ctx: Context,
  url: string,
  field: string[],
): Promise<InputProblem | null> {
  const rules = webhookSettings(ctx);
  try {
    await checkReceiverHost(parseReceiverUrl(url, rules), rules);
    return null;
  } catch (error) {
    if (!(error instanceof ReceiverRefused)) throw error;
    return { field, message: error.message, code: 'INVALID' };
  }
}

/** Loads an endpoint for change, locked; one the viewer does not administer is NOT_FOUND. */
function loadEndpoint(ctx: Context, id: string, action: string): Promise<WebhookEndpointEntity> {
  return loadForUpdate(
    ctx,
    WebhookEndpointEntity,
    id,
    ['input', 'id'],
    'webhook endpoint',
    action,
    (row) => requireWebhookAdmin(ctx, row.streetId),
    webhookEndpointTable,
  );
}

async function reread(ctx: Context, id: string): Promise<WebhookEndpointRecord> {
  const [row] = await query<WebhookEndpointRecord>(
    ctx,
    `SELECT ${webhookEndpointTable.columns} FROM webhook_endpoint w WHERE w.id = $1`,
    [id],
  );
  return row!;
}

/**
 * Webhook endpoints: a street's administrators register receivers for event types of their
 * street, each with a signing secret shown once. Deliveries, their retries and the endpoint's
 * health are webhook-delivery.ts's.
 */
export const webhookService = {
  get(ctx: Context, id: string): Promise<WebhookEndpointRecord | null> {
    return loader(ctx, webhookEndpointById).load(id);
  },

  ...filteredReads(webhookEndpointTable, webhookEndpointFilterSql),

  delivery(ctx: Context, id: string): Promise<WebhookDeliveryRecord | null> {
    return loader(ctx, webhookDeliveryById).load(id);
  },

  /** The endpoint's delivery log, newest first; batched across endpoints. */
  deliveries(
    ctx: Context,
    endpointId: string,
    filter: WebhookDeliveryFilter,
    page: PageRequest,
  ): Promise<Page<WebhookDeliveryRecord>> {
    return deliveryLog.pageOf(ctx, 'endpoint', endpointId, filter, NEWEST_FIRST, page);
  },

  countDeliveries(
    ctx: Context,
    endpointId: string,
    filter: WebhookDeliveryFilter,
  ): Promise<number> {
    return deliveryLog.countOf(ctx, 'endpoint', endpointId, filter);
  },

  attempts(ctx: Context, deliveryId: string): Promise<WebhookAttemptRecord[]> {
    return loader(ctx, attemptsOf).load(deliveryId);
  },

  async create(
    ctx: Context,
    input: CreateWebhookEndpointInput,
  ): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    const street = await streetService.get(ctx, input.streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireWebhookAdmin(ctx, street.id);
    const problems: InputProblem[] = [];
    let v: z.output<typeof createInput> | null = null;
    try {
      v = validate(createInput, input);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
    const types = checkEventTypes(input.eventTypes, ['input', 'eventTypes']);
    problems.push(...types.problems);
    const urlProblem = v ? await receiverProblem(ctx, v.url, ['input', 'url']) : null;
    if (urlProblem) problems.push(urlProblem);
    if (problems.length || !v) throw new InputError(problems);
    const url = v.url;

    const secret = newSecret();
    const saved = await repository(ctx, WebhookEndpointEntity).save(
      Object.assign(new WebhookEndpointEntity(), {
        streetId: street.id,
        url,
        description: v.description ?? null,
        eventTypes: types.types,
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
        disabledAt: null,
        disabledCause: null,
        disabledReason: null,
        consecutiveFailures: 0,
        failingSince: null,
        lastSuccessAt: null,
        lastFailureAt: null,
        createdBy: ctx.viewer.kind === 'user' ? ctx.viewer.id : null,
      }),
    );
    await recordEvent(ctx, webhookEndpointCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: { host: new URL(url).host, eventTypes: types.types },
    });
    return { endpoint: await reread(ctx, saved.id), secret };
  },

  async update(
    ctx: Context,
    id: string,
    input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointRecord> {
    const endpoint = await loadEndpoint(ctx, id, 'change webhooks');
    const v = validate(updateInput, input);
    const problems: InputProblem[] = [];
    let eventTypes: string[] | undefined;
    if (input.eventTypes !== undefined) {
      const types = checkEventTypes(input.eventTypes, ['input', 'eventTypes']);
      problems.push(...types.problems);
      eventTypes = types.types;
    }
    if (v.url !== undefined && v.url !== endpoint.url) {
      const problem = await receiverProblem(ctx, v.url, ['input', 'url']);
      if (problem) problems.push(problem);
    }
    if (problems.length) throw new InputError(problems);
    const saved = await saveChanges(
      ctx,
      WebhookEndpointEntity,
      endpoint,
      { url: v.url, description: v.description, eventTypes },
      webhookEndpointUpdated,
      (changes) => ({
        changes: {
          ...(changes.url !== undefined ? { host: new URL(changes.url).host } : {}),
          ...(changes.eventTypes !== undefined ? { eventTypes: changes.eventTypes } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
        },
      }),
    );
    return reread(ctx, saved.id);
  },

  /**
   * A new signing secret, shown once. The old one keeps signing beside it (a second `v1=`) for
   * `keepPreviousHours`, so the receiver can switch without refusing deliveries meanwhile.
   */
  async rotateSecret(
    ctx: Context,
    id: string,
    keepPreviousHours: number,
  ): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
    const endpoint = await loadEndpoint(ctx, id, 'rotate webhook secrets');
    if (!Number.isInteger(keepPreviousHours) || keepPreviousHours < 0 || keepPreviousHours > 168) {
      throw InputError.single(
        ['input', 'keepPreviousHours'],
        'Keep the previous secret from 0 to 168 hours (a week).',
        'INVALID',
      );
    }
    const secret = newSecret();
    const until =
      keepPreviousHours > 0 ? new Date(Date.now() + keepPreviousHours * 3600_000) : null;
    await query(
      ctx,
      `UPDATE webhook_endpoint SET previous_secret = CASE WHEN $3::timestamptz IS NULL THEN NULL ELSE secret END,
         previous_secret_expires_at = $3, secret = $2, updated_at = now() WHERE id = $1`,
      [endpoint.id, secret, until],
    );
    await recordEvent(ctx, webhookEndpointSecretRotated, {
      streetId: endpoint.streetId,
      subjectId: endpoint.id,
      payload: { previousValidUntil: until },
    });
    return { endpoint: await reread(ctx, endpoint.id), secret };
  },

  /** Stops deliveries to the endpoint; those waiting for an attempt are cancelled. */
  async disable(ctx: Context, id: string, note?: string | null): Promise<WebhookEndpointRecord> {
    const endpoint = await loadEndpoint(ctx, id, 'disable webhooks');
    if (endpoint.disabledAt) {
      throw InputError.single(
        ['input', 'id'],
        'This webhook endpoint is already disabled.',
        'ILLEGAL_TRANSITION',
      );
    }
    const text = note?.trim();
    if (text && text.length > 500)
      throw InputError.single(['input', 'reason'], 'At most 500 characters.', 'TOO_LONG');
    await disableEndpoint(ctx, {
      endpointId: endpoint.id,
      streetId: endpoint.streetId,
      cause: 'ADMINISTRATOR',
      reason: text ? `Disabled by an administrator: ${text}` : 'Disabled by an administrator.',
      failures: endpoint.consecutiveFailures,
    });
    return reread(ctx, endpoint.id);
  },

  /** Enables a disabled endpoint, its failure count cleared; events from now on reach it. */
  async enable(ctx: Context, id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await loadEndpoint(ctx, id, 'enable webhooks');
    if (!endpoint.disabledAt) {
      throw InputError.single(
        ['input', 'id'],
        'This webhook endpoint is enabled already.',
        'ILLEGAL_TRANSITION',
      );
    }
    await query(
      ctx,
      `UPDATE webhook_endpoint SET disabled_at = NULL, disabled_cause = NULL, disabled_reason = NULL,
         consecutive_failures = 0, failing_since = NULL, updated_at = now() WHERE id = $1`,
      [endpoint.id],
    );
    await recordEvent(ctx, webhookEndpointEnabled, {
      streetId: endpoint.streetId,
      subjectId: endpoint.id,
      payload: {},
    });
    return reread(ctx, endpoint.id);
  },

  /** Deletes an endpoint with its delivery log; waiting deliveries' jobs find nothing to do. */
  async remove(ctx: Context, id: string): Promise<string> {
    const endpoint = await loadEndpoint(ctx, id, 'delete webhooks');
    await query(ctx, `DELETE FROM webhook_endpoint WHERE id = $1`, [endpoint.id]);
    await recordEvent(ctx, webhookEndpointDeleted, {
      streetId: endpoint.streetId,
      subjectId: endpoint.id,
      payload: {},
    });
    return endpoint.id;
  },

  /**
   * Sends a delivery's event to its endpoint again, now: a new delivery of the same event (same
   * `Lianxin-Event-Id`, new `Lianxin-Delivery-Id`) with attempts of its own. A delivery still
   * waiting for a retry is cancelled in its favour. The endpoint must be enabled.
   */
  async redeliver(ctx: Context, id: string): Promise<WebhookDeliveryRecord> {
    const field = ['input', 'id'];
    const notFound = () =>
      InputError.single(field, 'No webhook delivery has this ID.', 'NOT_FOUND');
    const [found] = await query<{ endpointId: string; streetId: string }>(
      ctx,
      `SELECT endpoint_id::text AS "endpointId", street_id::text AS "streetId"
       FROM webhook_delivery WHERE id = $1`,
      [id],
    );
    const scope = ctx.viewer.streetIds;
    if (
      !found ||
      (scope !== 'all' && !scope.includes(found.streetId)) ||
      !(await readRuleAllows(ctx, webhookDeliveryTable, id))
    ) {
      throw notFound();
    }
    requireWebhookAdmin(ctx, found.streetId);
    // The endpoint first, then the delivery: the order every writer of both takes.
    const [endpoint] = await query<{ disabled: boolean }>(
      ctx,
      `SELECT disabled_at IS NOT NULL AS disabled FROM webhook_endpoint WHERE id = $1 FOR UPDATE`,
      [found.endpointId],
    );
    if (!endpoint) throw notFound();
    if (endpoint.disabled) {
      throw InputError.single(
        field,
        'The endpoint is disabled: enable it before sending it events again.',
        'ILLEGAL_TRANSITION',
      );
    }
    const [original] = await query<WebhookDeliveryRecord>(
      ctx,
      `SELECT ${webhookDeliveryTable.columns} FROM webhook_delivery d WHERE d.id = $1 FOR UPDATE`,
      [id],
    );
    const [created] = await query<{ id: string }>(
      ctx,
      `INSERT INTO webhook_delivery (street_id, endpoint_id, event_id, event_tx_id, event_type,
         redelivery_of_id, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id::text AS id`,
      [
        original!.streetId,
        original!.endpointId,
        original!.eventId,
        original!.eventTxId,
        original!.eventType,
        original!.id,
      ],
    );
    if (original!.status === 'PENDING') {
      await query(
        ctx,
        `UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL,
           last_error = $2 WHERE id = $1`,
        [original!.id, `Replaced by redelivery ${created!.id}.`],
      );
      await cancelJob(ctx, deliveryJobKey(original!.id));
    }
    await scheduleDelivery(ctx, created!.id);
    await recordEvent(ctx, webhookDeliveryRedelivered, {
      streetId: original!.streetId,
      subjectId: created!.id,
      payload: {
        endpointId: original!.endpointId,
        eventId: original!.eventId,
        redeliveryOfId: original!.id,
      },
    });
    const [row] = await query<WebhookDeliveryRecord>(
      ctx,
      `SELECT ${webhookDeliveryTable.columns} FROM webhook_delivery d WHERE d.id = $1`,
      [created!.id],
    );
    return row!;
  },
};
