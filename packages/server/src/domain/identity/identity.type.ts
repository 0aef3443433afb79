import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import type { Role } from '../shared/viewer';
import type { ApiKeyRecord } from './api-key.service';
import type { UserRecord } from './user.service';

export const RoleEnum = {
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
  DISTRICT_ADMIN: 'DISTRICT_ADMIN',
  STREET_ADMIN: 'STREET_ADMIN',
  COMMUNITY_STAFF: 'COMMUNITY_STAFF',
  GRID_WORKER: 'GRID_WORKER',
  DEPARTMENT_STAFF: 'DEPARTMENT_STAFF',
  VOLUNTEER: 'VOLUNTEER',
  RESIDENT: 'RESIDENT',
  INTEGRATION: 'INTEGRATION',
} as const;
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'Role of a caller; docs/security.md lists what each may read and write.',
  valuesConfig: {
    PLATFORM_ADMIN: { description: 'Runs the platform: every street.' },
    DISTRICT_ADMIN: { description: 'District administrator (区级): every street of one district.' },
    STREET_ADMIN: { description: 'Street administrator (街道管理员): one street.' },
    COMMUNITY_STAFF: { description: 'Community staff (社区工作人员) of one community.' },
    GRID_WORKER: { description: 'Grid worker (网格员): one grid subtree.' },
    DEPARTMENT_STAFF: { description: 'Staff of a functional department (职能部门).' },
    VOLUNTEER: { description: 'A volunteer (志愿者): own records and public information.' },
    RESIDENT: { description: 'A resident (居民): own records and public information.' },
    INTEGRATION: {
      description: 'An API key of a third-party app or integration: what its scopes name.',
    },
  },
});

export const ViewerKindEnum = {
  ANONYMOUS: 'anonymous',
  USER: 'user',
  API_KEY: 'api-key',
  ADMIN_TOKEN: 'admin-token',
  SYSTEM: 'system',
} as const;
registerEnumType(ViewerKindEnum, {
  name: 'ViewerKind',
  description: 'How the caller identified itself.',
  valuesConfig: {
    ANONYMOUS: { description: 'No credentials.' },
    USER: {
      description: 'A signed-in user (access token, or a token of the configured OpenID provider).',
    },
    API_KEY: { description: 'An API key.' },
    ADMIN_TOKEN: { description: 'The bootstrap administrator token.' },
    SYSTEM: { description: 'The server itself.' },
  },
});

@ObjectType({ implements: Node, description: 'A staff account that signs in (用户).' })
export class User extends Node {
  @Field({ description: 'Sign-in name.' })
  username!: string;

  @Field({ description: 'Name shown to others.' })
  displayName!: string;

  @Field(() => RoleEnum, { description: 'The role, which decides what the user may do.' })
  role!: Role;

  @Field({ description: 'Whether the account is disabled.' })
  disabled!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When the user last signed in with a password.',
  })
  lastLoginAt!: Date | null;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;

  record!: UserRecord;

  static from(r: UserRecord): User {
    return Object.assign(new User(), r, { id: toGlobalId('User', r.id), record: r });
  }
}

@ObjectType({ description: 'Who you are to the API, as your credentials say.' })
export class ViewerInfo {
  @Field({ description: 'Whether any credentials were presented and accepted.' })
  authenticated!: boolean;

  @Field(() => ViewerKindEnum, { description: 'How you identified yourself.' })
  kind!: string;

  @Field(() => RoleEnum, { nullable: true, description: 'Your role; null when anonymous.' })
  role!: Role | null;

  @Field({ description: 'Whether you reach every street (platform-wide roles).' })
  allStreets!: boolean;

  @Field(() => [String], { description: 'API key scopes; empty for users.' })
  scopes!: string[];

  streetIds!: string[];
  userId!: string | null;
}

@ObjectType({
  implements: Node,
  description:
    'An API key of a third-party app or integration. The secret is shown once, at creation.',
})
export class ApiKey extends Node {
  @Field({ description: 'What the key is for.' })
  name!: string;

  @Field({ description: 'The public part of the key (lxk_<prefix>_…), to recognise it in logs.' })
  prefix!: string;

  @Field(() => [String], { description: 'What the key may do, e.g. "grid:read".' })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null for never.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was last used (to the minute).' })
  lastUsedAt!: Date | null;

  @Field({ description: 'Whether the key has been revoked.' })
  revoked!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  revokedAt!: Date | null;

  @Field({ description: 'When the key was created.' })
  createdAt!: Date;

  record!: ApiKeyRecord;

  static from(r: ApiKeyRecord): ApiKey {
    return Object.assign(new ApiKey(), r, {
      id: toGlobalId('ApiKey', r.id),
      record: r,
      revoked: r.revokedAt !== null,
    });
  }
}

@ObjectType({ description: 'The result of signing in or refreshing: tokens to call the API with.' })
export class AuthPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Access token: send it as "Authorization: Bearer <token>". Short-lived.',
  })
  accessToken!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the access token expires.' })
  accessTokenExpiresAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Refresh token: swap it for new tokens with refreshAccessToken. Works once.',
  })
  refreshToken!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires.' })
  refreshTokenExpiresAt!: Date | null;

  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user!: User | null;

  @Field(() => [UserError], { description: 'Problems; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a mutation that returns nothing but problems.' })
export class EmptyPayload {
  @Field(() => [UserError], { description: 'Problems; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of a user mutation.' })
export class UserPayload {
  @Field(() => User, {
    nullable: true,
    description: 'The user after the mutation; null when it failed.',
  })
  user!: User | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of creating an API key.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key; null when it failed.' })
  apiKey!: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The whole key (lxk_…). Shown this once only: store it safely.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of an API key mutation.' })
export class ApiKeyPayload {
  @Field(() => ApiKey, {
    nullable: true,
    description: 'The key after the mutation; null when it failed.',
  })
  apiKey!: ApiKey | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
