import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId, toGlobalId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  CreateWebhookEndpointInput,
  DisableWebhookEndpointInput,
  RedeliverWebhookDeliveryInput,
  RotateWebhookEndpointSecretInput,
  UpdateWebhookEndpointInput,
  webhookDeliveryFilterOf,
  WebhookDeliveriesArgs,
  webhookEndpointFilterOf,
  WebhookEndpointIdInput,
  WebhookEndpointsArgs,
} from './webhook.input';
import { subscribableTypes } from './webhook.rules';
import {
  webhookDeliveryById,
  webhookEndpointById,
  webhookService,
  type WebhookDeliveryRecord,
  type WebhookEndpointRecord,
} from './webhook.service';
import {
  DeleteWebhookEndpointPayload,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookDeliveryConnection,
  WebhookDeliveryPayload,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointPayload,
  WebhookEndpointSecretPayload,
  WebhookEventType,
} from './webhook.type';

const endpointPayload = (r: WebhookEndpointRecord | null) => ({
  endpoint: r && WebhookEndpoint.from(r),
});
const secretPayload = (r: { endpoint: WebhookEndpointRecord; secret: string } | null) => ({
  endpoint: r && WebhookEndpoint.from(r.endpoint),
  secret: r?.secret ?? null,
});
const endpointId = (id: string) => inputId(id, 'WebhookEndpoint', ['input', 'id']);

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, {
    description:
      'Webhook endpoints of the streets you administer (street, district and platform administrators); others see none.',
  })
  async webhookEndpoints(
    @Ctx() ctx: Context,
    @Args() args: WebhookEndpointsArgs,
  ): Promise<ConnectionShape<WebhookEndpoint>> {
    const filter = webhookEndpointFilterOf(args.filter);
    const page = await webhookService.list(
      ctx,
      filter,
      { field: 'CREATED', descending: false },
      args,
    );
    return toConnection(page, WebhookEndpoint.from, () => webhookService.count(ctx, filter));
  }

  @Query(() => [WebhookEventType], {
    description:
      "The event types a webhook endpoint may receive (every type the stream carries but the webhook area's own), as listed in docs/events.md.",
  })
  webhookEventTypes(): WebhookEventType[] {
    return subscribableTypes().map((t) =>
      Object.assign(new WebhookEventType(), {
        name: t.name,
        subject: t.subject,
        description: t.description,
      }),
    );
  }

  @FieldResolver(() => Street, { description: 'The street whose events it receives.' })
  async street(@Ctx() ctx: Context, @Root() endpoint: WebhookEndpoint): Promise<Street> {
    return Street.from((await streetService.get(ctx, endpoint.record.streetId))!);
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'The delivery log, newest first: each event sent, its attempts and state.',
  })
  async deliveries(
    @Ctx() ctx: Context,
    @Root() endpoint: WebhookEndpoint,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<ConnectionShape<WebhookDelivery>> {
    const filter = webhookDeliveryFilterOf(args.filter);
    const page = await webhookService.deliveries(ctx, endpoint.record.id, filter, args);
    return toConnection(page, WebhookDelivery.from, () =>
      webhookService.countDeliveries(ctx, endpoint.record.id, filter),
    );
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description:
      "Registers a webhook endpoint for events of a street (the street's administrators). Answers its signing secret, this once.",
  })
  createWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint.' }) input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutate(
      ctx,
      (tx) =>
        webhookService.create(tx, {
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          url: input.url,
          eventTypes: input.eventTypes,
          description: input.description,
        }),
      secretPayload,
    );
  }

  @Mutation(() => WebhookEndpointPayload, {
    description: "Changes a webhook endpoint's URL, event types or description.",
  })
  updateWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint and the changes.' })
    input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    return mutate(
      ctx,
      (tx) =>
        webhookService.update(tx, endpointId(input.id), {
          url: input.url ?? undefined,
          eventTypes: input.eventTypes ?? undefined,
          description: input.description,
        }),
      endpointPayload,
    );
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description:
      "Replaces a webhook endpoint's signing secret; answers the new one, this once. The old one keeps signing beside it for a while.",
  })
  rotateWebhookEndpointSecret(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint.' }) input: RotateWebhookEndpointSecretInput,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutate(
      ctx,
      (tx) => webhookService.rotateSecret(tx, endpointId(input.id), input.keepPreviousHours ?? 24),
      secretPayload,
    );
  }

  @Mutation(() => WebhookEndpointPayload, {
    description:
      'Disables a webhook endpoint: nothing more is sent to it, and deliveries waiting for a retry are cancelled.',
  })
  disableWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint.' }) input: DisableWebhookEndpointInput,
  ): Promise<WebhookEndpointPayload> {
    return mutate(
      ctx,
      (tx) => webhookService.disable(tx, endpointId(input.id), input.reason),
      endpointPayload,
    );
  }

  @Mutation(() => WebhookEndpointPayload, {
    description:
      'Enables a disabled webhook endpoint (its failure count cleared): events from now on reach it; redeliver those it missed.',
  })
  enableWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint.' }) input: WebhookEndpointIdInput,
  ): Promise<WebhookEndpointPayload> {
    return mutate(ctx, (tx) => webhookService.enable(tx, endpointId(input.id)), endpointPayload);
  }

  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: 'Deletes a webhook endpoint and its delivery log.',
  })
  deleteWebhookEndpoint(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The endpoint.' }) input: WebhookEndpointIdInput,
  ): Promise<DeleteWebhookEndpointPayload> {
    return mutate(
      ctx,
      (tx) => webhookService.remove(tx, endpointId(input.id)),
      (id: string | null) => ({ deletedEndpointId: id && toGlobalId('WebhookEndpoint', id) }),
    );
  }

  @Mutation(() => WebhookDeliveryPayload, {
    description:
      "Sends a delivery's event to its endpoint again, now: a new delivery with the same event id (receivers drop it if they had it). A delivery still waiting for a retry is replaced.",
  })
  redeliverWebhookDelivery(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The delivery.' }) input: RedeliverWebhookDeliveryInput,
  ): Promise<WebhookDeliveryPayload> {
    return mutate(
      ctx,
      (tx) => webhookService.redeliver(tx, inputId(input.id, 'WebhookDelivery', ['input', 'id'])),
      (r: WebhookDeliveryRecord | null) => ({ delivery: r && WebhookDelivery.from(r) }),
    );
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => WebhookEndpoint, { description: 'The endpoint it was sent to.' })
  async endpoint(@Ctx() ctx: Context, @Root() delivery: WebhookDelivery): Promise<WebhookEndpoint> {
    return WebhookEndpoint.from((await webhookService.get(ctx, delivery.record.endpointId))!);
  }

  @FieldResolver(() => WebhookDelivery, {
    nullable: true,
    description: 'The delivery this one sent again; null for the first delivery of its event.',
  })
  async redeliveryOf(
    @Ctx() ctx: Context,
    @Root() delivery: WebhookDelivery,
  ): Promise<WebhookDelivery | null> {
    if (!delivery.record.redeliveryOfId) return null;
    const found = await webhookService.delivery(ctx, delivery.record.redeliveryOfId);
    return found && WebhookDelivery.from(found);
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Its attempts, oldest first.' })
  async attempts(
    @Ctx() ctx: Context,
    @Root() delivery: WebhookDelivery,
  ): Promise<WebhookDeliveryAttempt[]> {
    return (await webhookService.attempts(ctx, delivery.record.id)).map(
      WebhookDeliveryAttempt.from,
    );
  }
}

export const webhookEndpointNode: NodeFetcher = {
  typeName: 'WebhookEndpoint',
  fetch: async (ctx, ids) =>
    (await loader(ctx, webhookEndpointById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? WebhookEndpoint.from(r) : null,
    ),
};

export const webhookDeliveryNode: NodeFetcher = {
  typeName: 'WebhookDelivery',
  fetch: async (ctx, ids) =>
    (await loader(ctx, webhookDeliveryById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? WebhookDelivery.from(r) : null,
    ),
};
