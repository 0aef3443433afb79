import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { DISABLE_CAUSES } from './webhook.entity';

// A receiver URL may carry a token in its path or query: the events (and so the audit log) name
// only its host.
const host = z.string();
const eventTypes = z.array(z.string()).min(1);

export const webhookEndpointCreated = defineEvent('webhook_endpoint.created', {
  subject: 'WebhookEndpoint',
  description:
    "A webhook endpoint was registered for a street's events; `host` is its receiver's host.",
  payload: z.object({ host, eventTypes }).strict(),
});

export const webhookEndpointUpdated = defineEvent('webhook_endpoint.updated', {
  subject: 'WebhookEndpoint',
  description:
    "A webhook endpoint's receiver, event types or description changed; `changes` holds the new values (the receiver as its host).",
  payload: z
    .object({
      changes: z
        .object({ host, eventTypes, description: z.string().nullable() })
        .partial()
        .strict(),
    })
    .strict(),
});

export const webhookEndpointSecretRotated = defineEvent('webhook_endpoint.secret_rotated', {
  subject: 'WebhookEndpoint',
  description:
    "A webhook endpoint's signing secret was replaced; the previous one signs beside it until `previousValidUntil` (null: not at all).",
  payload: z.object({ previousValidUntil: field.timestamp.nullable() }).strict(),
});

export const webhookEndpointDisabled = defineEvent('webhook_endpoint.disabled', {
  subject: 'WebhookEndpoint',
  description:
    'A webhook endpoint was disabled, by an administrator or after repeated failed deliveries (`failures` in a row); its waiting deliveries were cancelled.',
  payload: z
    .object({
      cause: z.enum(DISABLE_CAUSES),
      reason: z.string(),
      failures: z.number().int().min(0),
    })
    .strict(),
});

export const webhookEndpointEnabled = defineEvent('webhook_endpoint.enabled', {
  subject: 'WebhookEndpoint',
  description: 'A disabled webhook endpoint was enabled again.',
  payload: z.object({}).strict(),
});

export const webhookEndpointDeleted = defineEvent('webhook_endpoint.deleted', {
  subject: 'WebhookEndpoint',
  description: 'A webhook endpoint was deleted, with its delivery log.',
  payload: z.object({}).strict(),
});

export const webhookDeliveryRedelivered = defineEvent('webhook_delivery.redelivered', {
  subject: 'WebhookDelivery',
  description:
    'An administrator sent an event to a webhook endpoint again: a new delivery (the subject) of the same event.',
  payload: z.object({ endpointId: field.id, eventId: field.id, redeliveryOfId: field.id }).strict(),
});

/** The webhook area's own events: recorded and audited, never delivered by webhooks. */
export const webhookEvents = [
  webhookEndpointCreated,
  webhookEndpointUpdated,
  webhookEndpointSecretRotated,
  webhookEndpointDisabled,
  webhookEndpointEnabled,
  webhookEndpointDeleted,
  webhookDeliveryRedelivered,
];
