import { defineModule } from '../../graphql/relay/module';
import { identityEvents } from './identity.events';
import type { NodeFetcher } from '../../graphql/relay/node';
import { ApiKeyEntity, UserEntity } from './identity.entity';
import {
  ApiKeyResolver,
  IdentityResolver,
  UserResolver,
  apiKeyNode,
  userNode,
  userSessionNode,
} from './identity.resolver';
import { SignInResolver } from './sign-in.resolver';
import { SessionsAndResets1732600000004 } from './migrations/1732600000004-sessions-and-resets';

const entities = [UserEntity, ApiKeyEntity];
const resolvers = [IdentityResolver, SignInResolver, UserResolver, ApiKeyResolver];
const nodeFetchers: NodeFetcher[] = [userNode, userSessionNode, apiKeyNode];

/** Users, their sign-ins and passwords, and API keys. */
export default defineModule({
  name: 'identity',
  entities,
  resolvers,
  nodeFetchers,
  migrations: [SessionsAndResets1732600000004],
  events: identityEvents,
});
