import type { NodeFetcher } from '../../graphql/relay/node';
import { ApiKeyEntity, UserEntity } from './identity.entity';
import {
  ApiKeyResolver,
  IdentityResolver,
  UserResolver,
  apiKeyNode,
  userNode,
} from './identity.resolver';

/** What the identity area adds to the server (wired in src/modules.ts). */
export const entities = [UserEntity, ApiKeyEntity];
export const resolvers = [IdentityResolver, UserResolver, ApiKeyResolver];
export const nodeFetchers: NodeFetcher[] = [userNode, apiKeyNode];
