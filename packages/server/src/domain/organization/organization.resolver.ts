import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { relationConnection } from '../../graphql/relay/relation-loader';
import { organizationChildren } from './organization.model';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId, rowIdOf } from '../../graphql/relay/global-id';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import type { Context } from '../shared/context';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchiveOrganizationInput,
  CreateOrganizationInput,
  organizationFilterOf,
  OrganizationsArgs,
  organizationTreeFilterOf,
  OrganizationTreeArgs,
  UpdateOrganizationInput,
} from './organization.input';
import {
  NO_PATH,
  organizationService,
  type OrganizationFilter,
  type OrganizationRecord,
} from './organization.service';
import { Organization, OrganizationConnection, OrganizationPayload } from './organization.type';

export const toOrganizationPayload = (
  r: OrganizationRecord | null,
): Omit<OrganizationPayload, 'userErrors'> => ({ organization: r && Organization.from(r) });

/** Service filter from the `organizations` arguments; IDs the caller cannot see match nothing. */
async function filterOf(
  ctx: Context,
  args: OrganizationsArgs,
  streetId?: string,
): Promise<OrganizationFilter> {
  const f = args.filter;
  const filter = organizationFilterOf(f, streetId);
  if (f?.subtreeOf) {
    const root = await organizationService.get(
      ctx,
      rowIdOf(f.subtreeOf, 'Organization', 'filter.subtreeOf'),
    );
    filter.subtreePath = root?.path ?? NO_PATH;
  }
  return filter;
}

async function organizationsConnection(
  ctx: Context,
  args: OrganizationsArgs,
  streetId?: string,
): Promise<ConnectionShape<Organization>> {
  const ordering = orderingOf(args.orderBy, 'NAME');
  if (streetId) {
    // One statement for the field on every street of a page.
    const filter = { ...(await filterOf(ctx, args, streetId)), streetId: null };
    const page = await organizationService.pageOf(ctx, 'street', streetId, filter, ordering, args);
    return toConnection(page, Organization.from, () =>
      organizationService.countOf(ctx, 'street', streetId, filter),
    );
  }
  const filter = await filterOf(ctx, args);
  const page = await organizationService.list(ctx, filter, ordering, args);
  return toConnection(page, Organization.from, () => organizationService.count(ctx, filter));
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, {
    description: 'Organizations of the streets you may see.',
  })
  organizations(
    @Ctx() ctx: Context,
    @Args() args: OrganizationsArgs,
  ): Promise<ConnectionShape<Organization>> {
    return organizationsConnection(ctx, args);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization directly above this one; null for a root.',
  })
  async parent(@Ctx() ctx: Context, @Root() org: Organization): Promise<Organization | null> {
    if (!org.record.parentId) return null;
    const parent = await organizationService.get(ctx, org.record.parentId);
    return parent && Organization.from(parent);
  }

  @FieldResolver(() => [Organization], {
    description: 'The organizations above this one, from the root down to the parent.',
  })
  async ancestors(@Ctx() ctx: Context, @Root() org: Organization): Promise<Organization[]> {
    return (await organizationService.ancestors(ctx, org.record)).map(Organization.from);
  }

  @FieldResolver(() => OrganizationConnection, {
    description: 'The organizations directly below this one.',
  })
  async children(
    @Ctx() ctx: Context,
    @Root() org: Organization,
    @Args() args: OrganizationTreeArgs,
  ): Promise<ConnectionShape<Organization>> {
    return relationConnection(ctx, organizationChildren, org.record.id, args, Organization.from);
  }

  @FieldResolver(() => OrganizationConnection, {
    description: 'All organizations below this one, at any depth.',
  })
  async descendants(
    @Ctx() ctx: Context,
    @Root() org: Organization,
    @Args() args: OrganizationTreeArgs,
  ): Promise<ConnectionShape<Organization>> {
    const filter = organizationTreeFilterOf(args.filter);
    const page = await organizationService.descendantPage(
      ctx,
      org.record.id,
      filter,
      orderingOf(args.orderBy, 'NAME'),
      args,
    );
    return toConnection(page, Organization.from, () =>
      organizationService.descendantCount(ctx, org.record.id, filter),
    );
  }

  @FieldResolver(() => Street, { description: 'The street the organization belongs to.' })
  async street(@Ctx() ctx: Context, @Root() org: Organization): Promise<Street> {
    return Street.from((await streetService.get(ctx, org.record.streetId))!);
  }

  @Mutation(() => OrganizationPayload, {
    description:
      'Creates an organization, as a root or under a parent of a kind its kind may sit under.',
  })
  createOrganization(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The organization to create.' }) input: CreateOrganizationInput,
  ): Promise<OrganizationPayload> {
    return mutate(
      ctx,
      (tx) =>
        organizationService.create(tx, {
          ...input,
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          parentId: input.parentId
            ? inputId(input.parentId, 'Organization', ['input', 'parentId'])
            : null,
        }),
      toOrganizationPayload,
    );
  }

  @Mutation(() => OrganizationPayload, {
    description:
      "Changes an organization's details, or moves it (with its subtree) to a new parent.",
  })
  updateOrganization(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The organization and the changes.' })
    input: UpdateOrganizationInput,
  ): Promise<OrganizationPayload> {
    const { id, parentId, ...changes } = input;
    return mutate(
      ctx,
      (tx) =>
        organizationService.update(tx, inputId(id, 'Organization', ['input', 'id']), {
          ...changes,
          name: changes.name ?? undefined,
          parentId:
            parentId == null ? parentId : inputId(parentId, 'Organization', ['input', 'parentId']),
        }),
      toOrganizationPayload,
    );
  }

  @Mutation(() => OrganizationPayload, {
    description:
      'Archives an organization that has no child organizations in use; it stays readable.',
  })
  archiveOrganization(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The organization to archive.' }) input: ArchiveOrganizationInput,
  ): Promise<OrganizationPayload> {
    return mutate(
      ctx,
      (tx) => organizationService.archive(tx, inputId(input.id, 'Organization', ['input', 'id'])),
      toOrganizationPayload,
    );
  }
}

@Resolver(() => Street)
export class StreetOrganizationsResolver {
  @FieldResolver(() => OrganizationConnection, { description: 'Organizations of this street.' })
  organizations(
    @Ctx() ctx: Context,
    @Root() street: Street,
    @Args() args: OrganizationsArgs,
  ): Promise<ConnectionShape<Organization>> {
    return organizationsConnection(ctx, args, street.rowId);
  }
}
