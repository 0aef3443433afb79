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
