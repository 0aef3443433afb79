import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { mutate } from '../../graphql/relay/payload';
import { inTransaction, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import { Street } from '../street/street.type';
import { streetService } from '../street/street.service';
import { apiKeyService, type ApiKeyRecord } from './api-key.service';
import { authService, type Session } from './auth.service';
import {
  CreateApiKeyInput,
  CreateUserInput,
  DisableUserInput,
  LoginInput,
  RefreshTokenInput,
  RevokeApiKeyInput,
} from './identity.input';
import {
  ApiKey,
  ApiKeyPayload,
  AuthPayload,
  CreateApiKeyPayload,
  EmptyPayload,
  User,
  UserPayload,
  ViewerInfo,
} from './identity.type';
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
        await authService.revokeAllSessions(tx, ctx.viewer.id!);
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

@Resolver(() => User)
export class UserResolver {
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

/** Users are visible to themselves and to administrators of their street. */
export const userNode: NodeFetcher = {
  typeName: 'User',
  fetch: async (ctx, ids) => {
    const { viewer } = ctx;
    const rows = await Promise.all(ids.map((id) => userService.get(ctx, id)));
    return rows.map((r) => {
      if (!r) return null;
      const self = viewer.kind === 'user' && viewer.id === r.id;
      const admin =
        viewer.role === 'PLATFORM_ADMIN' ||
        ((viewer.role === 'STREET_ADMIN' || viewer.role === 'DISTRICT_ADMIN') &&
          r.streetId !== null &&
          viewer.streetIds !== 'all' &&
          viewer.streetIds.includes(r.streetId));
      return self || admin ? User.from(r) : null;
    });
  },
};
