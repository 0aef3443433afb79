import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { eventCursor } from '../../events/cursor';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import {
  DELIVERY_STATUSES,
  DISABLE_CAUSES,
  type DeliveryStatus,
  type DisableCause,
} from './webhook.entity';
import type {
  WebhookAttemptRecord,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
} from './webhook.service';

const enumOf = <const T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const WebhookEndpointStatusEnum = { ENABLED: 'ENABLED', DISABLED: 'DISABLED' } as const;
registerEnumType(WebhookEndpointStatusEnum, {
  name: 'WebhookEndpointStatus',
  description: 'Whether an endpoint receives events.',
  valuesConfig: {
    ENABLED: { description: 'Events of its types are delivered to it.' },
    DISABLED: {
      description:
        'Nothing is delivered until an administrator enables it again; see disabledReason.',
    },
  },
});

export const WebhookDisableCauseEnum = enumOf(DISABLE_CAUSES);
registerEnumType(WebhookDisableCauseEnum, {
  name: 'WebhookDisableCause',
  description: 'Who disabled an endpoint.',
  valuesConfig: {
    ADMINISTRATOR: { description: 'An administrator, with disableWebhookEndpoint.' },
    FAILURES: {
      description:
        'The server, after its deliveries failed many times in a row over a long time (see docs/realtime.md).',
    },
  },
});

export const WebhookDeliveryStatusEnum = enumOf(DELIVERY_STATUSES);
registerEnumType(WebhookDeliveryStatusEnum, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first or next attempt (see nextAttemptAt).' },
    DELIVERED: { description: 'The receiver answered an attempt with a 2xx status.' },
    FAILED: { description: 'Every attempt failed; no more are made. Redeliver it to try again.' },
    CANCELLED: {
      description:
        'No more attempts: its endpoint was disabled, or a redelivery replaced it (see lastError).',
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    "A receiver of a street's events (webhook): each event of its types is POSTed to its URL as " +
    'JSON, signed with its secret, and retried for hours until the receiver answers 2xx. See docs/realtime.md.',
})
export class WebhookEndpoint extends Node {
  @Field({
    description: 'Where deliveries are POSTed (https://, unless the operator allows http).',
  })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the endpoint is for.' })
  description!: string | null;

  @Field(() => [String], {
    description:
      'The event types it receives: names such as "case.reported", or "case.*" for all of an area.',
  })
  eventTypes!: string[];

  @Field(() => WebhookEndpointStatusEnum, { description: 'Whether it receives events.' })
  status!: keyof typeof WebhookEndpointStatusEnum;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while enabled.' })
  disabledAt!: Date | null;

  @Field(() => WebhookDisableCauseEnum, {
    nullable: true,
    description: 'Who disabled it; null while enabled.',
  })
  disabledCause!: DisableCause | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it was disabled, e.g. after how many failed attempts since when, and the last error; null while enabled.',
  })
  disabledReason!: string | null;

  @Field({
    description:
      'The signing secret\'s last characters ("whsec_…AbCd"), to tell secrets apart; the secret itself is shown only when created or rotated.',
  })
  secretHint!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      'Until when the secret before the last rotation still signs deliveries (a second v1= in Lianxin-Signature); null when it does not.',
  })
  previousSecretExpiresAt!: Date | null;

  @Field(() => Int, { description: 'Failed attempts in a row since its last successful one.' })
  consecutiveFailures!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the first of those failed attempts started; null when the last one succeeded.',
  })
  failingSince!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an attempt last succeeded.' })
  lastSuccessAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When an attempt last failed.' })
  lastFailureAt!: Date | null;

  @Field({ description: 'When it was registered; it receives the events recorded from then on.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt!: Date;

  record!: WebhookEndpointRecord;

  static from(r: WebhookEndpointRecord): WebhookEndpoint {
    return Object.assign(new WebhookEndpoint(), r, {
      id: toGlobalId('WebhookEndpoint', r.id),
      record: r,
      status: r.disabledAt ? 'DISABLED' : 'ENABLED',
    });
  }
}

export const { Connection: WebhookEndpointConnection } = connectionOf(
  WebhookEndpoint,
  'WebhookEndpoint',
  'webhook endpoints',
);

@ObjectType({ description: 'One attempt of a delivery: one POST to the receiver.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int, { description: 'Its number, from 1 (sent as Lianxin-Delivery-Attempt).' })
  number!: number;

  @Field({ description: 'When it started.' })
  startedAt!: Date;

  @Field(() => Int, {
    description:
      'How long it took, in milliseconds: resolving, connecting and waiting for the status.',
  })
  durationMs!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The receiver's HTTP status; null when none arrived (refused, timed out …).",
  })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed; null when it succeeded.' })
  error!: string | null;

  @Field({ description: 'Whether the receiver answered with a 2xx status in time.' })
  succeeded!: boolean;

  static from(r: WebhookAttemptRecord): WebhookDeliveryAttempt {
    return Object.assign(new WebhookDeliveryAttempt(), r, { succeeded: r.error === null });
  }
}

@ObjectType({
  implements: Node,
  description:
    'One event sent to one endpoint, with its attempts: an entry of the delivery log. A redelivery is a new delivery of the same event.',
})
export class WebhookDelivery extends Node {
  @Field({
    description: 'The id sent in the Lianxin-Delivery-Id header (a new one for each redelivery).',
  })
  deliveryId!: string;

  @Field({
    description:
      'The event\'s id, sent as the body\'s "id" and in Lianxin-Event-Id: the same for every delivery of one event, so receivers drop duplicates by it.',
  })
  eventId!: string;

  @Field({ description: 'The event\'s type, e.g. "case.reported".' })
  eventType!: string;

  @Field({
    description:
      'The event\'s position in the stream (the body\'s "cursor"): resume reading events after it.',
  })
  eventCursor!: string;

  @Field(() => WebhookDeliveryStatusEnum, { description: 'Where the delivery stands.' })
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attemptCount!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The receiver's HTTP status at the last attempt; null when none arrived.",
  })
  lastStatusCode!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How long the last attempt took, in milliseconds.',
  })
  lastDurationMs!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed, or why the delivery was cancelled.',
  })
  lastError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the last attempt started.' })
  lastAttemptAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due; null when none will be made.',
  })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: Date | null;

  @Field({ description: 'When the delivery was created (after its event was committed).' })
  createdAt!: Date;

  record!: WebhookDeliveryRecord;

  static from(r: WebhookDeliveryRecord): WebhookDelivery {
    return Object.assign(new WebhookDelivery(), r, {
      id: toGlobalId('WebhookDelivery', r.id),
      deliveryId: r.id,
      eventCursor: eventCursor({ txId: r.eventTxId, id: r.eventId }),
      record: r,
    });
  }
}

export const { Connection: WebhookDeliveryConnection } = connectionOf(
  WebhookDelivery,
  'WebhookDelivery',
  'webhook deliveries',
);

@ObjectType({ description: 'An event type an endpoint may receive.' })
export class WebhookEventType {
  @Field({ description: 'Its name, e.g. "case.reported"; "<area>.*" selects all of an area.' })
  name!: string;

  @Field({ description: 'The GraphQL type the event is about (its subject), e.g. "Case".' })
  subject!: string;

  @Field({ description: 'What happened.' })
  description!: string;
}

@ObjectType({ description: 'The result of a webhook endpoint mutation.' })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint, {
    nullable: true,
    description: 'The endpoint as it is after the mutation; null when it failed.',
  })
  endpoint!: WebhookEndpoint | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of registering an endpoint or rotating its secret.' })
export class WebhookEndpointSecretPayload {
  @Field(() => WebhookEndpoint, {
    nullable: true,
    description: 'The endpoint as it is after the mutation; null when it failed.',
  })
  endpoint!: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (whsec_…), to verify Lianxin-Signature with. Shown this once only: store it safely.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleting a webhook endpoint.' })
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, {
    nullable: true,
    description: 'The ID of the deleted endpoint; null when it failed.',
  })
  deletedEndpointId!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of redelivering an event.' })
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, {
    nullable: true,
    description: 'The new delivery, due now; null when it failed.',
  })
  delivery!: WebhookDelivery | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
