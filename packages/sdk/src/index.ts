export {
  createClient,
  LianxinApiError,
  type ClientOptions,
  type GraphQLErrorBody,
  type LianxinClient,
  type TypedDocument,
} from './client';
export * from './generated/graphql';
export * from './plugin';
export {
  CASE_EVENT_TYPES,
  DEFAULT_TOLERANCE_SECONDS,
  isCaseEvent,
  isWebhookEventOfType,
  SIGNATURE_HEADER,
  verifyWebhook,
  WebhookVerificationError,
  type CaseEventBase,
  type CaseEventPayloads,
  type CaseEventType,
  type CaseWebhookEvent,
  type VerifyWebhookOptions,
  type WebhookEvent,
  type WebhookHeaders,
  type WebhookVerificationReason,
} from './webhooks';
