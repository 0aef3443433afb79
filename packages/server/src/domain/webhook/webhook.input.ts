import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { isRowId } from '../shared/row-id';
import type { DeliveryStatus } from './webhook.entity';
import type { WebhookDeliveryFilter, WebhookEndpointFilter } from './webhook.service';
import { WebhookDeliveryStatusEnum, WebhookEndpointStatusEnum } from './webhook.type';
import { PublicError } from '../shared/errors';

@InputType({ description: 'Which webhook endpoints to list.' })
export class WebhookEndpointFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only the endpoints of this street.' })
  streetId?: string | null;

  @Field(() => WebhookEndpointStatusEnum, {
    nullable: true,
    description: 'Only enabled, or only disabled, endpoints.',
  })
  status?: keyof typeof WebhookEndpointStatusEnum | null;
}

@ArgsType()
export class WebhookEndpointsArgs extends ConnectionArgs {
  @Field(() => WebhookEndpointFilterInput, { nullable: true, description: 'Which endpoints.' })
  filter?: WebhookEndpointFilterInput | null;
}

export const webhookEndpointFilterOf = (
  f: WebhookEndpointFilterInput | null | undefined,
): WebhookEndpointFilter => ({
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  disabled: f?.status ? f.status === 'DISABLED' : null,
});

@InputType({ description: 'Which deliveries of an endpoint to list.' })
export class WebhookDeliveryFilterInput {
  @Field(() => WebhookDeliveryStatusEnum, {
    nullable: true,
    description: 'Only deliveries in this state.',
  })
  status?: DeliveryStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only the deliveries of this event (its id, as in the body\'s "id").',
  })
  eventId?: string | null;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => WebhookDeliveryFilterInput, { nullable: true, description: 'Which deliveries.' })
  filter?: WebhookDeliveryFilterInput | null;
}

export const webhookDeliveryFilterOf = (
  f: WebhookDeliveryFilterInput | null | undefined,
): WebhookDeliveryFilter => {
  if (f?.eventId != null && !isRowId(f.eventId)) {
    throw new PublicError('BAD_USER_INPUT', '"filter.eventId" is not an event id (digits).', {
      argument: 'filter.eventId',
    });
  }
  return { status: f?.status ?? null, eventId: f?.eventId ?? null };
};

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookEndpointInput {
  @Field(() => ID, { description: 'The street whose events it receives.' })
  streetId!: string;

  @Field({
    description:
      'Where to POST deliveries: an absolute https:// URL on the public internet (no user name or password).',
  })
  url!: string;

  @Field(() => [String], {
    description:
      'The event types to receive (see webhookEventTypes), e.g. ["case.reported", "case.verified"], or "case.*" for all of an area. At least one.',
  })
  eventTypes!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'What the endpoint is for (at most 500 characters).',
  })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint; what is left out stays as it is.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A new receiver URL (checked as at registration).',
  })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'The event types to receive from now on.' })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new description; blank clears it.' })
  description?: string | null;
}

@InputType({ description: 'The webhook endpoint whose signing secret to replace.' })
export class RotateWebhookEndpointSecretInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many hours the old secret keeps signing beside the new one (0 to 168; 24 when left out), so the receiver can switch without refusing deliveries.',
  })
  keepPreviousHours?: number | null;
}

@InputType({ description: 'The webhook endpoint to disable.' })
export class DisableWebhookEndpointInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why, for the notice on the endpoint (at most 500 characters).',
  })
  reason?: string | null;
}

@InputType({ description: 'A webhook endpoint, by its ID.' })
export class WebhookEndpointIdInput {
  @Field(() => ID, { description: 'The endpoint.' })
  id!: string;
}

@InputType({ description: 'The delivery whose event to send again.' })
export class RedeliverWebhookDeliveryInput {
  @Field(() => ID, { description: "The delivery (any of the event's deliveries to the endpoint)." })
  id!: string;
}
