import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import type { BrandFilter } from './brand.service';

export const BrandOrderField = { NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(BrandOrderField, 'BrandOrderField', 'brands', {
  NAME: 'By name.',
  CREATED_AT: 'By when the brand was created.',
});
export const BrandOrder = orderInputOf(BrandOrderField, 'Brand', 'brands');

@InputType({ description: 'Which brands to list.' })
export class BrandFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only brands of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only brands owned by this organization.' })
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct sub-brands of this brand.' })
  parentId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only top-level brands, which are no sub-brand of another (default false).',
  })
  rootsOnly?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only this brand and all its sub-brands, at any depth.',
  })
  subtreeOf?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only primary brands of communities (一社一品) (default false).',
  })
  primaryOnly?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Brands whose name or slogan contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived brands (default false).',
  })
  includeArchived?: boolean | null;
}

@InputType({ description: 'Which brands of a brand, organization or street to list.' })
export class NestedBrandFilterInput {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only primary brands of communities (一社一品) (default false).',
  })
  primaryOnly?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Brands whose name or slogan contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived brands (default false).',
  })
  includeArchived?: boolean | null;
}

/** Service filter from a `brands` filter; IDs of the wrong type are BAD_USER_INPUT. */
export const brandFilterOf = (f: BrandFilterInput | null | undefined): BrandFilter => ({
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  ownerId: f?.ownerId ? rowIdOf(f.ownerId, 'Organization', 'filter.ownerId') : null,
  parentId: f?.parentId ? rowIdOf(f.parentId, 'Brand', 'filter.parentId') : null,
  rootsOnly: f?.rootsOnly,
  subtreeOf: f?.subtreeOf ? rowIdOf(f.subtreeOf, 'Brand', 'filter.subtreeOf') : null,
  primaryOnly: f?.primaryOnly,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class BrandsArgs extends ConnectionArgs {
  @Field(() => BrandFilterInput, { nullable: true, description: 'Which brands to list.' })
  filter?: BrandFilterInput | null;

  @Field(() => BrandOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof BrandOrder> | null;
}

@ArgsType()
export class NestedBrandsArgs extends ConnectionArgs {
  @Field(() => NestedBrandFilterInput, { nullable: true, description: 'Which brands to list.' })
  filter?: NestedBrandFilterInput | null;

  @Field(() => BrandOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof BrandOrder> | null;
}

@InputType({ description: 'A new brand or sub-brand.' })
export class CreateBrandInput {
  @Field(() => ID, { description: 'The street the brand belongs to.' })
  streetId!: string;

  @Field(() => ID, {
    description:
      'The organization that runs the brand (of the same street); a community for a primary brand.',
  })
  ownerId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The brand this is a sub-brand of (same street, not archived); leave out for a top-level brand.',
  })
  parentId?: string | null;

  @Field({ description: 'Name (1–100 characters).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Slogan (at most 100 characters).' })
  slogan?: string | null;

  @Field(() => String, { nullable: true, description: 'Description (at most 2000 characters).' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Make this the community's primary brand (一社一品); the owner must be a community " +
      'without another primary brand in use (default false).',
  })
  isPrimary?: boolean | null;
}

@InputType({
  description: 'Changes to a brand; fields left out stay as they are, null clears optional ones.',
})
export class UpdateBrandInput {
  @Field(() => ID, { description: 'The brand to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New slogan; null clears it.' })
  slogan?: string | null;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Make this the community's primary brand (一社一品), or with false no longer primary.",
  })
  isPrimary?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A new owning organization (same street).',
  })
  ownerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Move the brand, with its sub-brands, under this brand (same street, not archived); ' +
      'null makes it a top-level brand.',
  })
  parentId?: string | null;
}

@InputType({ description: 'The brand to archive; it must have no sub-brands in use.' })
export class ArchiveBrandInput {
  @Field(() => ID, { description: 'The brand to archive.' })
  id!: string;
}

/** The service filter for a nested `brands` or `children` filter (an organization's, a brand's). */
export const nestedBrandFilterOf = (f: NestedBrandFilterInput | null | undefined): BrandFilter => ({
  primaryOnly: f?.primaryOnly,
  search: f?.search,
  includeArchived: f?.includeArchived,
});
