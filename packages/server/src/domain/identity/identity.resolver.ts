import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { inTransaction, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import { Street } from '../street/street.type';
import { streetService } from '../street/street.service';
import { mayManage } from './account-rules';
import { apiKeyService, type ApiKeyRecord } from './api-key.service';
import { authService, type Session } from './auth.service';
import { userSessionEnded, userSignedOutEverywhere } from './identity.events';
import {
  ChangePasswordInput,
  CompletePasswordResetInput,
  CreateApiKeyInput,
  CreateUserInput,
  DisableUserInput,
  EnableUserInput,
  EndSessionInput,
  LoginInput,
  RefreshTokenInput,
  ResetPasswordInput,
  RevokeApiKeyInput,
  UpdateUserInput,
  userFilterOf,
  UsersArgs,
} from './identity.input';
import {
  ApiKey,
  ApiKeyPayload,
  AuthPayload,
  CreateApiKeyPayload,
  EmptyPayload,
  EndSessionPayload,
  ResetPasswordPayload,
  User,
  UserConnection,
  UserPayload,
  UserSession,
  ViewerInfo,
} from './identity.type';
import { sessionService, type SessionRecord } from './session.service';
import { recordEvent } from '../shared/events';
import { passwordService } from './password.service';
import { userService, type UserRecord } from './user.service';

/** A refused sign-in as HTTP 429 with Retry-After, like the cost limit's (graphql/limits). */
function tooManyLogins(error: PublicError): GraphQLError {
  const seconds = Number(error.details.retryAfterSeconds);
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}

async function authPayload(
  ctx: Context,
  session: Session | null,
): Promise<Omit<AuthPayload, 'userErrors'>> {
  const user = session && (await userService.get(ctx, session.userId));
  return {
    accessToken: session?.accessToken ?? null,
    accessTokenExpiresAt: session?.accessTokenExpiresAt ?? null,
    refreshToken: session?.refreshToken ?? null,
    refreshTokenExpiresAt: session?.refreshTokenExpiresAt ?? null,
    user: user ? User.from(user) : null,
  };
}

const optionalId = (id: string | null | undefined, type: string, field: string) =>
  id ? inputId(id, type, ['input', field]) : null;

@Resolver(() => ViewerInfo)
export class IdentityResolver {
  @Query(() => ViewerInfo, {
    description: 'Who you are to the API: your role, and the streets you reach.',
  })
  viewer(@Ctx() ctx: Context): ViewerInfo {
    const v = ctx.viewer;
    return Object.assign(new ViewerInfo(), {
      authenticated: v.kind !== 'anonymous',
      kind: v.kind,
      role: v.role,
      allStreets: v.streetIds === 'all',
      scopes: [...(v.scopes ?? [])],
      streetIds: v.streetIds === 'all' ? [] : [...v.streetIds],
      userId: v.kind === 'user' ? v.id : null,
    });
  }

  @FieldResolver(() => [Street], {
    description: 'The streets you reach (empty when you reach all of them; see allStreets).',
  })
  async streets(@Ctx() ctx: Context, @Root() info: ViewerInfo): Promise<Street[]> {
    const found = await Promise.all(info.streetIds.map((id) => streetService.get(ctx, id)));
    return found.filter((s) => s !== null).map(Street.from);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'Your account, when you signed in as a user.',
  })
  async user(@Ctx() ctx: Context, @Root() info: ViewerInfo): Promise<User | null> {
    const r = info.userId ? await userService.get(ctx, info.userId) : null;
    return r && User.from(r);
  }

  @Query(() => [ApiKey], { description: 'API keys you administer.' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return (await apiKeyService.list(ctx)).map(ApiKey.from);
  }

  @Query(() => UserConnection, {
    description:
      "Staff accounts you administer (administrators only): your streets' accounts, and for district administrators their district's.",
  })
  async users(@Ctx() ctx: Context, @Args() args: UsersArgs): Promise<ConnectionShape<User>> {
    const filter = userFilterOf(args.filter);
    const page = await userService.list(ctx, filter, orderingOf(args.orderBy, 'USERNAME'), args);
    return toConnection(page, User.from, () => userService.count(ctx, filter));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with a username and password.' })
  async login(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'Username and password.' }) input: LoginInput,
  ): Promise<AuthPayload> {
    try {
      const session = await authService.login(ctx, input.username, input.password);
      return { ...(await authPayload(ctx, session)), userErrors: [] };
    } catch (error) {
      if (error instanceof PublicError && error.code === 'RATE_LIMITED') throw tooManyLogins(error);
      if (!(error instanceof InputError)) throw error;
      return { ...(await authPayload(ctx, null)), userErrors: error.problems };
    }
  }

  @Mutation(() => AuthPayload, {
    description: 'Swaps a refresh token for new tokens. Each refresh token works once.',
  })
  async refreshAccessToken(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The refresh token.' }) input: RefreshTokenInput,
  ): Promise<AuthPayload> {
    const result = await inTransaction(ctx, (tx) => authService.refresh(tx, input.refreshToken));
    if (result instanceof InputError)
      return { ...(await authPayload(ctx, null)), userErrors: result.problems };
    return { ...(await authPayload(ctx, result)), userErrors: [] };
  }

  @Mutation(() => EmptyPayload, {
    description:
      'Signs out: the refresh token, and every token refreshed from the same sign-in, stop working.',
  })
  logout(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The refresh token of the sign-in to end.' })
    input: RefreshTokenInput,
  ): Promise<EmptyPayload> {
    return mutate(
      ctx,
      (tx) => authService.logout(tx, input.refreshToken),
      () => ({}),
    );
  }

  @Mutation(() => EmptyPayload, {
    description: 'Signs you out everywhere: all your tokens stop working at once.',
  })
  signOutEverywhere(@Ctx() ctx: Context): Promise<EmptyPayload> {
    return mutate(
      ctx,
      async (tx) => {
        if (ctx.viewer.kind !== 'user')
          throw InputError.single([], 'Only signed-in users have sessions to end.', 'INVALID');
        const user = (await userService.get(tx, ctx.viewer.id!))!;
        await authService.revokeAllSessions(tx, user.id, 'SIGNED_OUT_EVERYWHERE');
        await recordEvent(tx, userSignedOutEverywhere, {
          streetId: user.streetId,
          subjectId: user.id,
          payload: {},
        });
      },
      () => ({}),
    );
  }

  @Mutation(() => UserPayload, {
    description: 'Creates a staff account (administrators, within their scope).',
  })
  createUser(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The account.' }) input: CreateUserInput,
  ): Promise<UserPayload> {
    return mutate(
      ctx,
      (tx) =>
        userService.create(tx, {
          ...input,
          districtId: optionalId(input.districtId, 'District', 'districtId'),
          streetId: optionalId(input.streetId, 'Street', 'streetId'),
          communityId: optionalId(input.communityId, 'Organization', 'communityId'),
          gridId: optionalId(input.gridId, 'Grid', 'gridId'),
          departmentId: optionalId(input.departmentId, 'Organization', 'departmentId'),
          personId: optionalId(input.personId, 'Person', 'personId'),
        }),
      (r: UserRecord | null) => ({ user: r && User.from(r) }),
    );
  }

  @Mutation(() => UserPayload, {
    description: 'Disables an account; its tokens stop working at once.',
  })
  disableUser(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The account.' }) input: DisableUserInput,
  ): Promise<UserPayload> {
    return mutate(
      ctx,
      (tx) => userService.disable(tx, inputId(input.id, 'User', ['input', 'id'])),
      (r: UserRecord | null) => ({
        user: r && User.from(r),
      }),
    );
  }

  @Mutation(() => UserPayload, {
    description:
      "Changes an account's display name, role or scope (administrators: roles below their own, in their streets).",
  })
  updateUser(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The changes.' }) input: UpdateUserInput,
  ): Promise<UserPayload> {
    return mutate(
      ctx,
      (tx) =>
        userService.update(tx, {
          id: inputId(input.id, 'User', ['input', 'id']),
          displayName: input.displayName,
          role: input.role,
          districtId: optionalId(input.districtId, 'District', 'districtId'),
          streetId: optionalId(input.streetId, 'Street', 'streetId'),
          communityId: optionalId(input.communityId, 'Organization', 'communityId'),
          gridId: optionalId(input.gridId, 'Grid', 'gridId'),
          departmentId: optionalId(input.departmentId, 'Organization', 'departmentId'),
          personId: optionalId(input.personId, 'Person', 'personId'),
        }),
      (r: UserRecord | null) => ({ user: r && User.from(r) }),
    );
  }

  @Mutation(() => UserPayload, { description: 'Enables a disabled account: it may sign in again.' })
  enableUser(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The account.' }) input: EnableUserInput,
  ): Promise<UserPayload> {
    return mutate(
      ctx,
      (tx) => userService.enable(tx, inputId(input.id, 'User', ['input', 'id'])),
      (r: UserRecord | null) => ({ user: r && User.from(r) }),
    );
  }

  @Mutation(() => AuthPayload, {
    description:
      'Changes your password, given the current one. Your other sign-ins end; this one goes on with the new tokens in the payload.',
  })
  async changePassword(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The current and the new password.' }) input: ChangePasswordInput,
  ): Promise<AuthPayload> {
    try {
      const { session } = await passwordService.changePassword(
        ctx,
        input.currentPassword,
        input.newPassword,
      );
      const payload = await authPayload(ctx, session);
      if (!payload.user && ctx.viewer.id) {
        const user = await userService.get(ctx, ctx.viewer.id);
        payload.user = user && User.from(user);
      }
      return { ...payload, userErrors: [] };
    } catch (error) {
      if (error instanceof PublicError && error.code === 'RATE_LIMITED') throw tooManyLogins(error);
      if (!(error instanceof InputError)) throw error;
      return { ...(await authPayload(ctx, null)), userErrors: error.problems };
    }
  }

  @Mutation(() => ResetPasswordPayload, {
    description:
      'Issues a one-time password reset token for an account you administer; the payload shows it this once.',
  })
  resetPassword(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The account.' }) input: ResetPasswordInput,
  ): Promise<ResetPasswordPayload> {
    return mutate(
      ctx,
      (tx) => passwordService.resetPassword(tx, inputId(input.id, 'User', ['input', 'id'])),
      (r: { user: UserRecord; token: string; expiresAt: Date } | null) => ({
        user: r && User.from(r.user),
        resetToken: r?.token ?? null,
        resetTokenExpiresAt: r?.expiresAt ?? null,
      }),
    );
  }

  @Mutation(() => EmptyPayload, {
    description:
      'Sets a new password with a reset token from an administrator (no sign-in needed). The token works once; every sign-in of the account ends.',
  })
  async completePasswordReset(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The token and the new password.' })
    input: CompletePasswordResetInput,
  ): Promise<EmptyPayload> {
    try {
      await passwordService.completePasswordReset(ctx, input.token, input.newPassword);
      return { userErrors: [] };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      return { userErrors: error.problems };
    }
  }

  @Mutation(() => EndSessionPayload, {
    description:
      'Ends one sign-in: your own, or one of an account you administer. Its tokens stop working.',
  })
  endSession(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The sign-in.' }) input: EndSessionInput,
  ): Promise<EndSessionPayload> {
    return mutate(
      ctx,
      async (tx) => {
        const id = inputId(input.id, 'UserSession', ['input', 'id']);
        const [session] = await sessionService.byIds(tx, [id]);
        const user = session && (await userService.get(tx, session.userId));
        if (!session || !user || !mayEndSessionsOf(ctx, user)) {
          throw InputError.single(
            ['input', 'id'],
            'No sign-in you may end has this ID.',
            'NOT_FOUND',
          );
        }
        if (session.endedAt)
          throw InputError.single(
            ['input', 'id'],
            'This sign-in has already ended.',
            'ILLEGAL_TRANSITION',
          );
        await sessionService.end(tx, user.id, session.familyId, 'ENDED');
        await recordEvent(tx, userSessionEnded, {
          streetId: user.streetId,
          subjectId: user.id,
          payload: { sessionId: session.familyId },
        });
        return (await sessionService.byIds(tx, [id]))[0]!;
      },
      (r: SessionRecord | null) => ({ session: r && UserSession.from(r, ctx.viewer.sessionId) }),
    );
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates an API key; the payload shows its secret this once.',
  })
  createApiKey(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The key.' }) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    return mutate(
      ctx,
      (tx) =>
        apiKeyService.create(tx, {
          ...input,
          streetId: optionalId(input.streetId, 'Street', 'streetId'),
        }),
      (r: { key: ApiKeyRecord; secret: string } | null) => ({
        apiKey: r && ApiKey.from(r.key),
        secret: r?.secret ?? null,
      }),
    );
  }

  @Mutation(() => ApiKeyPayload, { description: 'Revokes an API key; it stops working at once.' })
  revokeApiKey(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The key.' }) input: RevokeApiKeyInput,
  ): Promise<ApiKeyPayload> {
    return mutate(
      ctx,
      (tx) => apiKeyService.revoke(tx, inputId(input.id, 'ApiKey', ['input', 'id'])),
      (r: ApiKeyRecord | null) => ({
        apiKey: r && ApiKey.from(r),
      }),
    );
  }
}

/** A user's own sign-ins, and those of accounts the viewer administers. */
function mayEndSessionsOf(ctx: Context, user: UserRecord): boolean {
  const self = ctx.viewer.kind === 'user' && ctx.viewer.id === user.id;
  return self || mayManage(ctx.viewer, user);
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => [UserSession], {
    nullable: true,
    description:
      'Sign-ins of the account, most recently used first (at most 100): yours, or those of an account you administer.',
  })
  async sessions(
    @Ctx() ctx: Context,
    @Root() user: User,
    @Arg('includeEnded', {
      defaultValue: false,
      description: 'Include ended sign-ins (default false).',
    })
    includeEnded: boolean,
  ): Promise<UserSession[]> {
    if (!mayEndSessionsOf(ctx, user.record)) {
      throw new PublicError(
        'FORBIDDEN',
        "Only the account's user and its administrators may see its sign-ins.",
      );
    }
    const rows = await sessionService.list(ctx, user.record.id, includeEnded);
    return rows.map((r) => UserSession.from(r, ctx.viewer.sessionId));
  }

  @FieldResolver(() => Street, {
    nullable: true,
    description: 'The street the account works in; null for district and platform roles.',
  })
  async street(@Ctx() ctx: Context, @Root() user: User): Promise<Street | null> {
    const s = user.record.streetId ? await streetService.get(ctx, user.record.streetId) : null;
    return s && Street.from(s);
  }

  @FieldResolver(() => District, {
    nullable: true,
    description: 'The district of a district administrator.',
  })
  async district(@Ctx() ctx: Context, @Root() user: User): Promise<District | null> {
    const d = user.record.districtId
      ? await districtService.get(ctx, user.record.districtId)
      : null;
    return d && District.from(d);
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @FieldResolver(() => Street, {
    nullable: true,
    description: 'The street the key works in; null for every street.',
  })
  async street(@Ctx() ctx: Context, @Root() key: ApiKey): Promise<Street | null> {
    const s = key.record.streetId ? await streetService.get(ctx, key.record.streetId) : null;
    return s && Street.from(s);
  }
}

/** API keys are visible to the administrators who manage them. */
export const apiKeyNode: NodeFetcher = {
  typeName: 'ApiKey',
  fetch: async (ctx, ids) => (await apiKeyService.byIds(ctx, ids)).map((k) => k && ApiKey.from(k)),
};

/** Users are visible to themselves and to the administrators of their street or district. */
export const userNode: NodeFetcher = {
  typeName: 'User',
  fetch: async (ctx, ids) => (await userService.visible(ctx, ids)).map((r) => r && User.from(r)),
};

/** Sign-ins are visible to their user and to the account's administrators. */
export const userSessionNode: NodeFetcher = {
  typeName: 'UserSession',
  fetch: async (ctx, ids) => {
    const sessions = await sessionService.byIds(ctx, ids);
    const users = await userService.visible(
      ctx,
      sessions.map((s) => s?.userId ?? '0'),
    );
    return sessions.map((s, i) => {
      const user = users[i];
      return s && user && mayEndSessionsOf(ctx, user)
        ? UserSession.from(s, ctx.viewer.sessionId)
        : null;
    });
  },
};
