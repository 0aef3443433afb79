import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { LocalDate } from '../../graphql/relay/scalars';
import type { ServicePostFilter, ServicePostKind } from './post.service';
import { ServicePostKindEnum } from './post.type';

export const ServicePostOrderField = { NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(ServicePostOrderField, 'ServicePostOrderField', 'service posts', {
  NAME: 'By name.',
  CREATED_AT: 'By when the post was created.',
});
export const ServicePostOrder = orderInputOf(ServicePostOrderField, 'ServicePost', 'service posts');

@InputType({ description: 'Which service posts to list.' })
export class ServicePostFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only posts of this street.' })
  streetId?: string | null;

  @Field(() => ServicePostKindEnum, { nullable: true, description: 'Only posts of this kind.' })
  kind?: ServicePostKind | null;

  @Field(() => ID, { nullable: true, description: 'Only posts of this organization.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only posts in this grid.' })
  gridId?: string | null;

  @Field(() => String, { nullable: true, description: 'Posts whose name contains this text.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived posts (default false).' })
  includeArchived?: boolean | null;
}

/** Service filter from a `servicePosts` filter. */
export const postFilterOf = (f: ServicePostFilterInput | null | undefined): ServicePostFilter => ({
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  kind: f?.kind,
  organizationId: f?.organizationId
    ? rowIdOf(f.organizationId, 'Organization', 'filter.organizationId')
    : null,
  gridId: f?.gridId ? rowIdOf(f.gridId, 'Grid', 'filter.gridId') : null,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class ServicePostsArgs extends ConnectionArgs {
  @Field(() => ServicePostFilterInput, {
    nullable: true,
    description: 'Which posts to list.',
  })
  filter?: ServicePostFilterInput | null;

  @Field(() => ServicePostOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof ServicePostOrder> | null;
}

@InputType({ description: 'A new service post.' })
export class CreateServicePostInput {
  @Field(() => ID, { description: 'The street the post belongs to.' })
  streetId!: string;

  @Field({ description: 'Name (1–100 characters).' })
  name!: string;

  @Field(() => ServicePostKindEnum, { description: 'What the post is for.' })
  kind!: ServicePostKind;

  @Field(() => Int, {
    nullable: true,
    description:
      'How many volunteers may hold the post at once (at least 1); leave out for no limit.',
  })
  capacity?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'What the holder does (at most 500 characters).',
  })
  description?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization the post belongs to (of the same street).',
  })
  organizationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The grid the post serves (of the same street).',
  })
  gridId?: string | null;
}

@InputType({
  description: 'Changes to a post; fields left out stay as they are, null clears optional ones.',
})
export class UpdateServicePostInput {
  @Field(() => ID, { description: 'The post to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => ServicePostKindEnum, { nullable: true, description: 'New kind.' })
  kind?: ServicePostKind | null;

  @Field(() => Int, {
    nullable: true,
    description: 'New capacity, not below the active claims; null removes the limit.',
  })
  capacity?: number | null;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'New organization; null clears it.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New grid; null clears it.' })
  gridId?: string | null;
}

@InputType({ description: 'The post to archive; it must have no active claims.' })
export class ArchiveServicePostInput {
  @Field(() => ID, { description: 'The post to archive.' })
  id!: string;
}

@InputType({ description: 'A volunteer taking up a service post (认岗).' })
export class ClaimServicePostInput {
  @Field(() => ID, { description: 'The post.' })
  postId!: string;

  @Field(() => ID, { description: 'The volunteer (of the same street).' })
  volunteerId!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The first day on the post (default today; not in the future).',
  })
  claimedOn?: string | null;
}

@InputType({ description: 'A claim to release: the volunteer leaves the post.' })
export class ReleaseServicePostClaimInput {
  @Field(() => ID, { description: 'The claim.' })
  claimId!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day on the post (default today; not in the future).',
  })
  releasedOn?: string | null;
}
