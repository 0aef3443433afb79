import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import { identityEvents } from './identity.events';
import type { NodeFetcher } from '../../graphql/relay/node';
import { ApiKeyEntity, UserEntity } from './identity.entity';
import {
  ApiKeyResolver,
  IdentityResolver,
  UserResolver,
  apiKeyNode,
  userNode,
} from './identity.resolver';

const entities = [UserEntity, ApiKeyEntity];
const resolvers = [IdentityResolver, UserResolver, ApiKeyResolver];
const nodeFetchers: NodeFetcher[] = [userNode, apiKeyNode];

/** Users, sign-in, API keys, and the audit log. */
export default defineModule({
  name: 'identity',
  entities,
  resolvers,
  nodeFetchers,
  events: identityEvents,
  policyAreas: { audit: corePolicy('audit') },
});
