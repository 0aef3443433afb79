export {
  createClient,
  LianxinApiError,
  type ClientOptions,
  type GraphQLErrorBody,
  type LianxinClient,
  type TypedDocument,
} from './client/index.js';
export * from './generated/graphql';
export * from './plugin';
