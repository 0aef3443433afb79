import { Args, Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import type { Context } from '../shared/context';
import { PublicError } from '../shared/errors';
import { District } from '../district/district.type';
import { districtService } from '../district/district.service';
import { Street } from '../street/street.type';
import { streetService } from '../street/street.service';
import { mayEndSessionsOf } from './account-rules';
import { apiKeyService, type ApiKeyRecord } from './api-key.service';
import {
  CreateApiKeyInput,
  CreateUserInput,
  DisableUserInput,
  EnableUserInput,
  RevokeApiKeyInput,
  UpdateUserInput,
  userFilterOf,
  UsersArgs,
} from './identity.input';
import {
  ApiKey,
  ApiKeyPayload,
  CreateApiKeyPayload,
  User,
  UserConnection,
  UserPayload,
  UserSession,
  ViewerInfo,
} from './identity.type';
import { sessionService } from './session.service';
import { userService, type UserRecord } from './user.service';

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
          caseDuties: input.caseDuties,
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
    if (!mayEndSessionsOf(ctx.viewer, user.record)) {
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
      return s && user && mayEndSessionsOf(ctx.viewer, user)
        ? UserSession.from(s, ctx.viewer.sessionId)
        : null;
    });
  },
};
