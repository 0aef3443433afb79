import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { relationConnection } from '../../graphql/relay/relation-loader';
import { PublicError } from '../shared/errors';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { apiKeyService, type ApiKeyRecord } from '../identity/api-key.service';
import { ApiKey, User } from '../identity/identity.type';
import { userService } from '../identity/user.service';
import { Person } from '../person/person.type';
import { batchLoader, loader, type Context } from '../shared/context';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import { auditFilterOf, AuditLogArgs, PersonalDataReadsArgs } from './audit.input';
import { personalDataReads } from './audit.model';
import { auditService, type AuditFilter } from './audit.service';
import { AuditEntry, AuditEntryConnection } from './audit.type';

/** Newest first unless `orderBy` says otherwise. */
const auditOrdering = (orderBy: AuditLogArgs['orderBy']) =>
  orderBy ? orderingOf(orderBy, 'OCCURRED_AT') : { field: 'OCCURRED_AT', descending: true };

async function auditPage(
  ctx: Context,
  filter: AuditFilter,
  args: AuditLogArgs | PersonalDataReadsArgs,
  orderBy: AuditLogArgs['orderBy'],
): Promise<ConnectionShape<AuditEntry>> {
  const page = await auditService.list(ctx, filter, auditOrdering(orderBy), args);
  return toConnection(page, AuditEntry.from, () => auditService.count(ctx, filter));
}

/** API keys the viewer administers, for the actors of a page of entries (one read per request). */
const apiKeysById = (ctx: Context) =>
  batchLoader<string, ApiKeyRecord | null>(ctx, (ids) => apiKeyService.byIds(ctx, ids));

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'The audit log of the streets you administer, newest first: every change, and every full read of personal data. Empty unless your role may read it (street, district and platform administrators).',
  })
  auditLog(@Ctx() ctx: Context, @Args() args: AuditLogArgs): Promise<ConnectionShape<AuditEntry>> {
    return auditPage(ctx, auditFilterOf(args.filter), args, args.orderBy);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The user who acted, when a user did and you may see the account.',
  })
  async actorUser(@Ctx() ctx: Context, @Root() entry: AuditEntry): Promise<User | null> {
    const { actorKind, actorId } = entry.record;
    if (actorKind !== 'user' || !actorId) return null;
    const [user] = await userService.visible(ctx, [actorId]);
    return user ? User.from(user) : null;
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description: 'The API key that acted, when one did and you administer it.',
  })
  async actorApiKey(@Ctx() ctx: Context, @Root() entry: AuditEntry): Promise<ApiKey | null> {
    const { actorKind, actorId } = entry.record;
    if (actorKind !== 'api-key' || !actorId) return null;
    const key = await loader(ctx, apiKeysById).load(actorId);
    return key ? ApiKey.from(key) : null;
  }

  @FieldResolver(() => Street, {
    nullable: true,
    description: 'The street the entry belongs to; null for platform-level entries.',
  })
  async street(@Ctx() ctx: Context, @Root() entry: AuditEntry): Promise<Street | null> {
    const s = entry.record.streetId ? await streetService.get(ctx, entry.record.streetId) : null;
    return s && Street.from(s);
  }
}

@Resolver(() => Person)
export class PersonAuditResolver {
  @FieldResolver(() => AuditEntryConnection, {
    description:
      "Who has read this person's personal data in full, newest first (谁查看了个人信息). Empty unless you may read the audit log.",
  })
  personalDataReads(
    @Ctx() ctx: Context,
    @Root() person: Person,
    @Args() args: PersonalDataReadsArgs,
  ): Promise<ConnectionShape<AuditEntry>> {
    if (args.occurredFrom && args.occurredTo && args.occurredFrom >= args.occurredTo)
      throw new PublicError('BAD_USER_INPUT', '"occurredTo" must be later than "occurredFrom".', {
        argument: 'occurredTo',
      });
    return relationConnection(ctx, personalDataReads, person.record.id, args, AuditEntry.from);
  }
}

/** Audit entries are visible to those who may read the audit log of their street. */
export const auditEntryNode: NodeFetcher = {
  typeName: 'AuditEntry',
  fetch: async (ctx, ids) =>
    (await auditService.byIds(ctx, ids)).map((r) => r && AuditEntry.from(r)),
};
