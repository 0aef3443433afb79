import { defineModule } from '../../graphql/relay/module';
import { Webhooks1732600000012 } from './migrations/1732600000012-webhooks';
import { DELIVER_TASK, deliverTask, webhookConsumer } from './webhook-delivery';
import { WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entity';
import { webhookEvents } from './webhook.events';
import {
  WebhookDeliveryResolver,
  WebhookEndpointResolver,
  webhookDeliveryNode,
  webhookEndpointNode,
} from './webhook.resolver';
import { WEBHOOK_AREA, webhookPolicy } from './webhook.rules';

/**
 * Webhooks: a street's administrators register receivers for event types; the stream's events
 * reach them through the relay (a consumer writing deliveries) and the job queue (signed POSTs,
 * retried for hours), with a delivery log, redelivery, and endpoints disabled when they keep
 * failing. See docs/realtime.md.
 */
export default defineModule({
  name: 'webhook',
  entities: [WebhookEndpointEntity, WebhookDeliveryEntity],
  resolvers: [WebhookEndpointResolver, WebhookDeliveryResolver],
  nodeFetchers: [webhookEndpointNode, webhookDeliveryNode],
  migrations: [Webhooks1732600000012],
  events: webhookEvents,
  policyAreas: { [WEBHOOK_AREA]: webhookPolicy },
  tasks: { [DELIVER_TASK]: deliverTask },
  consumers: [webhookConsumer],
});
