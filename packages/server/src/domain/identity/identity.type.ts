import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { CASE_DUTIES, type CaseDuty } from './identity.entity';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import type { Role } from '../shared/viewer';
import type { ApiKeyRecord } from './api-key.service';
import type { SessionEndReason, SessionRecord } from './session.service';
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

export const CaseDutyEnum = Object.fromEntries(CASE_DUTIES.map((d) => [d, d])) as {
  [K in CaseDuty]: K;
};
registerEnumType(CaseDutyEnum, {
  name: 'CaseDuty',
  description: 'A case duty held by staff beside their role.',
  valuesConfig: {
    INTAKE: { description: 'Takes reports in and accepts or rejects them (受理员).' },
    SHIFT_LEAD: {
      description: 'Decides acceptance, postponements, suspension and cancellation (值班长).',
    },
    DISPATCHER: { description: 'Sends cases to departments (派遣员).' },
    INSPECTOR: { description: 'Verifies fixes on site (监督员).' },
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

  @Field(() => [CaseDutyEnum], {
    description: 'Case duties held beside the role (受理员, 值班长, 派遣员, 监督员).',
  })
  caseDuties!: CaseDuty[];

  @Field({ description: 'Whether the account is disabled.' })
  disabled!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When the user last signed in with a password.',
  })
  lastLoginAt!: Date | null;

  @Field({
    description: 'Whether the account signs in with a password (else through the OpenID provider).',
  })
  hasPassword!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the password was last set.' })
  passwordChangedAt!: Date | null;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;

  @Field({ description: 'When the account was last changed.' })
  updatedAt!: Date;

  record!: UserRecord;

  static from(r: UserRecord): User {
    return Object.assign(new User(), r, { id: toGlobalId('User', r.id), record: r });
  }
}

export const { Connection: UserConnection } = connectionOf(User, 'User', 'users');

export const SessionEndReasonEnum = {
  SIGNED_OUT: 'SIGNED_OUT',
  ENDED: 'ENDED',
  SIGNED_OUT_EVERYWHERE: 'SIGNED_OUT_EVERYWHERE',
  PASSWORD_CHANGED: 'PASSWORD_CHANGED',
  PASSWORD_RESET: 'PASSWORD_RESET',
  DISABLED: 'DISABLED',
  TOKEN_REUSED: 'TOKEN_REUSED',
} as const;
registerEnumType(SessionEndReasonEnum, {
  name: 'SessionEndReason',
  description: 'Why a sign-in ended.',
  valuesConfig: {
    SIGNED_OUT: { description: 'Its user signed out (logout).' },
    ENDED: { description: 'Its user or an administrator ended it (endSession).' },
    SIGNED_OUT_EVERYWHERE: { description: 'Every sign-in of the account was ended at once.' },
    PASSWORD_CHANGED: { description: 'The user changed their password on another sign-in.' },
    PASSWORD_RESET: { description: 'The password was set with a reset token.' },
    DISABLED: { description: 'The account was disabled.' },
    TOKEN_REUSED: {
      description: 'A used refresh token was presented again (a sign it was stolen).',
    },
  },
});

@ObjectType({
  implements: Node,
  description:
    'One sign-in of a user (会话): from a password sign-in until sign-out, with the device and address it was last used from.',
})
export class UserSession extends Node {
  @Field(() => String, {
    nullable: true,
    description: "The device: the client's User-Agent when it last signed in or refreshed.",
  })
  device!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The network address it was last used from.',
  })
  address!: string | null;

  @Field({ description: 'When the user signed in.' })
  createdAt!: Date;

  @Field({ description: 'When its tokens were last refreshed (or it began).' })
  lastUsedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended; null while it goes on.' })
  endedAt!: Date | null;

  @Field(() => SessionEndReasonEnum, { nullable: true, description: 'Why it ended.' })
  endedReason!: SessionEndReason | null;

  @Field({ description: 'Whether it goes on (not ended).' })
  active!: boolean;

  @Field({ description: 'Whether this is the sign-in of the token making this request.' })
  current!: boolean;

  record!: SessionRecord;

  /** `currentSessionId`: the sign-in (refresh token family) of the request's access token. */
  static from(r: SessionRecord, currentSessionId?: string): UserSession {
    return Object.assign(new UserSession(), {
      id: toGlobalId('UserSession', r.id),
      device: r.userAgent,
      address: r.clientAddress,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      endedAt: r.endedAt,
      endedReason: r.endedReason,
      active: r.endedAt === null,
      current: r.familyId === currentSessionId,
      record: r,
    });
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

@ObjectType({ description: 'The result of issuing a password reset token.' })
export class ResetPasswordPayload {
  @Field(() => User, { nullable: true, description: 'The account; null when it failed.' })
  user!: User | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The one-time reset token (lxr_…). Shown this once: hand it to the user, who swaps it for a new password with completePasswordReset.',
  })
  resetToken!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the token stops working.' })
  resetTokenExpiresAt!: Date | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of ending a sign-in.' })
export class EndSessionPayload {
  @Field(() => UserSession, {
    nullable: true,
    description: 'The ended sign-in; null when it failed.',
  })
  session!: UserSession | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
