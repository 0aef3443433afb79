import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { relationConnection } from '../../graphql/relay/relation-loader';
import { brandChildren, organizationBrands } from './brand.model';
import { toConnection, type ConnectionShape } from '../../graphql/relay/connection';
import { inputId } from '../../graphql/relay/global-id';
import type { NodeFetcher } from '../../graphql/relay/node';
import { orderingOf } from '../../graphql/relay/order';
import { mutate } from '../../graphql/relay/payload';
import { loader, type Context } from '../shared/context';
import { organizationService } from '../organization/organization.service';
import { Organization } from '../organization/organization.type';
import { streetService } from '../street/street.service';
import { Street } from '../street/street.type';
import {
  ArchiveBrandInput,
  brandFilterOf,
  BrandsArgs,
  CreateBrandInput,
  NestedBrandsArgs,
  UpdateBrandInput,
} from './brand.input';
import {
  brandById,
  brandService,
  type BrandFilter,
  type BrandGroup,
  type BrandRecord,
} from './brand.service';
import { Brand, BrandConnection, BrandPayload } from './brand.type';

const toPayload = (r: BrandRecord | null): Omit<BrandPayload, 'userErrors'> => ({
  brand: r && Brand.from(r),
});

const filterOf = (args: BrandsArgs) => brandFilterOf(args.filter);

/** The brands under one parent brand, owner or street, batched across parents. */
async function nestedBrands(
  ctx: Context,
  group: BrandGroup,
  id: string,
  filter: BrandFilter,
  args: BrandsArgs | NestedBrandsArgs,
): Promise<ConnectionShape<Brand>> {
  const page = await brandService.pageOf(
    ctx,
    group,
    id,
    filter,
    orderingOf(args.orderBy, 'NAME'),
    args,
  );
  return toConnection(page, Brand.from, () => brandService.countOf(ctx, group, id, filter));
}

@Resolver(() => Brand)
export class BrandResolver {
  @Query(() => BrandConnection, {
    description: 'Party-building brands (党建品牌) of the streets you may see.',
  })
  async brands(@Ctx() ctx: Context, @Args() args: BrandsArgs): Promise<ConnectionShape<Brand>> {
    const filter = filterOf(args);
    const page = await brandService.list(ctx, filter, orderingOf(args.orderBy, 'NAME'), args);
    return toConnection(page, Brand.from, () => brandService.count(ctx, filter));
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization that runs the brand; null when you may not see it.',
  })
  async owner(@Ctx() ctx: Context, @Root() brand: Brand): Promise<Organization | null> {
    const found = await organizationService.get(ctx, brand.record.ownerId);
    return found && Organization.from(found);
  }

  @FieldResolver(() => Brand, {
    nullable: true,
    description: 'The brand this is a sub-brand of; null for a top-level brand.',
  })
  async parent(@Ctx() ctx: Context, @Root() brand: Brand): Promise<Brand | null> {
    if (!brand.record.parentId) return null;
    const parent = await brandService.get(ctx, brand.record.parentId);
    return parent && Brand.from(parent);
  }

  @FieldResolver(() => [Brand], {
    description: 'The brands above this one, from the top-level brand down to the parent.',
  })
  async ancestors(@Ctx() ctx: Context, @Root() brand: Brand): Promise<Brand[]> {
    return (await brandService.ancestors(ctx, brand.record)).map(Brand.from);
  }

  @FieldResolver(() => BrandConnection, {
    description: 'The sub-brands (子品牌) directly below this brand.',
  })
  children(
    @Ctx() ctx: Context,
    @Root() brand: Brand,
    @Args() args: NestedBrandsArgs,
  ): Promise<ConnectionShape<Brand>> {
    return relationConnection(ctx, brandChildren, brand.record.id, args, Brand.from);
  }

  @FieldResolver(() => Street, { description: 'The street the brand belongs to.' })
  async street(@Ctx() ctx: Context, @Root() brand: Brand): Promise<Street> {
    return Street.from((await streetService.get(ctx, brand.record.streetId))!);
  }

  @Mutation(() => BrandPayload, {
    description:
      'Creates a brand, or a sub-brand under a brand of the same street; a primary brand ' +
      '(一社一品) belongs to a community that has none in use.',
  })
  createBrand(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The brand to create.' }) input: CreateBrandInput,
  ): Promise<BrandPayload> {
    return mutate(
      ctx,
      (tx) =>
        brandService.create(tx, {
          streetId: inputId(input.streetId, 'Street', ['input', 'streetId']),
          ownerId: inputId(input.ownerId, 'Organization', ['input', 'ownerId']),
          parentId: input.parentId ? inputId(input.parentId, 'Brand', ['input', 'parentId']) : null,
          name: input.name,
          slogan: input.slogan,
          description: input.description,
          isPrimary: input.isPrimary ?? undefined,
        }),
      toPayload,
    );
  }

  @Mutation(() => BrandPayload, {
    description:
      "Changes a brand's name, slogan, description, owner or primary status, or moves it " +
      'with its sub-brands under another brand.',
  })
  updateBrand(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The brand and the changes.' }) input: UpdateBrandInput,
  ): Promise<BrandPayload> {
    return mutate(
      ctx,
      (tx) =>
        brandService.update(tx, inputId(input.id, 'Brand', ['input', 'id']), {
          name: input.name ?? undefined,
          slogan: input.slogan,
          description: input.description,
          isPrimary: input.isPrimary ?? undefined,
          ownerId: input.ownerId
            ? inputId(input.ownerId, 'Organization', ['input', 'ownerId'])
            : undefined,
          parentId:
            input.parentId == null
              ? input.parentId
              : inputId(input.parentId, 'Brand', ['input', 'parentId']),
        }),
      toPayload,
    );
  }

  @Mutation(() => BrandPayload, {
    description: 'Archives a brand that has no sub-brands in use; it stays readable.',
  })
  archiveBrand(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The brand to archive.' }) input: ArchiveBrandInput,
  ): Promise<BrandPayload> {
    return mutate(
      ctx,
      (tx) => brandService.archive(tx, inputId(input.id, 'Brand', ['input', 'id'])),
      toPayload,
    );
  }
}

@Resolver(() => Organization)
export class OrganizationBrandsResolver {
  @FieldResolver(() => BrandConnection, {
    description: 'Brands this organization runs, e.g. its primary brand (一社一品).',
  })
  brands(
    @Ctx() ctx: Context,
    @Root() organization: Organization,
    @Args() args: NestedBrandsArgs,
  ): Promise<ConnectionShape<Brand>> {
    return relationConnection(ctx, organizationBrands, organization.record.id, args, Brand.from);
  }
}

@Resolver(() => Street)
export class StreetBrandsResolver {
  @FieldResolver(() => BrandConnection, { description: 'Party-building brands of this street.' })
  brands(
    @Ctx() ctx: Context,
    @Root() street: Street,
    @Args() args: BrandsArgs,
  ): Promise<ConnectionShape<Brand>> {
    return nestedBrands(ctx, 'street', street.rowId, { ...filterOf(args), streetId: null }, args);
  }
}

export const brandNode: NodeFetcher = {
  typeName: 'Brand',
  fetch: async (ctx, ids) =>
    (await loader(ctx, brandById).loadMany(ids)).map((r) =>
      r && !(r instanceof Error) ? Brand.from(r) : null,
    ),
};
