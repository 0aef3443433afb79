import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { LocalDate } from '../../graphql/relay/scalars';
import type { MemberFilter, MemberRole } from './organization-member.service';
import type { OrganizationFilter, OrganizationKind } from './organization.service';
import { OrganizationKindEnum, OrganizationMemberRoleEnum } from './organization.type';

export const OrganizationOrderField = { NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(OrganizationOrderField, 'OrganizationOrderField', 'organizations', {
  NAME: 'By name.',
  CREATED_AT: 'By when the organization was created.',
});
export const OrganizationOrder = orderInputOf(
  OrganizationOrderField,
  'Organization',
  'organizations',
);

@InputType({ description: 'Which organizations to list.' })
export class OrganizationFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only organizations of this street.' })
  streetId?: string | null;

  @Field(() => [OrganizationKindEnum], {
    nullable: true,
    description: 'Only organizations of any of these kinds.',
  })
  kinds?: OrganizationKind[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the direct children of this organization.',
  })
  parentId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only this organization and everything below it.',
  })
  subtreeOf?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Organizations whose name or code contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived organizations (default false).',
  })
  includeArchived?: boolean | null;
}

@InputType({ description: 'Which child or descendant organizations to list.' })
export class OrganizationTreeFilterInput {
  @Field(() => [OrganizationKindEnum], {
    nullable: true,
    description: 'Only organizations of any of these kinds.',
  })
  kinds?: OrganizationKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Organizations whose name or code contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived organizations (default false).',
  })
  includeArchived?: boolean | null;
}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilterInput, {
    nullable: true,
    description: 'Which organizations to list.',
  })
  filter?: OrganizationFilterInput | null;

  @Field(() => OrganizationOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof OrganizationOrder> | null;
}

@ArgsType()
export class OrganizationTreeArgs extends ConnectionArgs {
  @Field(() => OrganizationTreeFilterInput, {
    nullable: true,
    description: 'Which organizations to list.',
  })
  filter?: OrganizationTreeFilterInput | null;

  @Field(() => OrganizationOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof OrganizationOrder> | null;
}

@InputType({ description: 'Which members of an organization to list.' })
export class OrganizationMemberFilterInput {
  @Field(() => OrganizationMemberRoleEnum, {
    nullable: true,
    description: 'Only members in this role.',
  })
  role?: MemberRole | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include memberships that have ended (default false: current members only).',
  })
  includeEnded?: boolean | null;
}

@ArgsType()
export class OrganizationMembersArgs extends ConnectionArgs {
  @Field(() => OrganizationMemberFilterInput, {
    nullable: true,
    description: 'Which members to list.',
  })
  filter?: OrganizationMemberFilterInput | null;
}

@InputType('OrganizationFieldsInput', { description: 'Details of an organization.' })
class OrganizationFieldsInput {
  @Field(() => String, {
    nullable: true,
    description: 'Code, unique within the street: 1–32 letters, digits or dashes.',
  })
  code?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Office phone: 7–20 digits and dashes, optionally starting with +.',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Address (at most 200 characters).' })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Description (at most 2000 characters).',
  })
  description?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the organization was founded; not in the future.',
  })
  foundedOn?: string | null;
}

@InputType({ description: 'A new organization.' })
export class CreateOrganizationInput extends OrganizationFieldsInput {
  @Field(() => ID, { description: 'The street the organization belongs to.' })
  streetId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The parent organization, of the same street. Party groups, party branches and community ' +
      'joint party committees need one; see OrganizationKind for which kinds may be parents.',
  })
  parentId?: string | null;

  @Field(() => OrganizationKindEnum, { description: 'What kind of organization; fixed later.' })
  kind!: OrganizationKind;

  @Field({ description: 'Name (1–100 characters).' })
  name!: string;
}

@InputType({
  description:
    'Changes to an organization; fields left out stay as they are, null clears optional ones.',
})
export class UpdateOrganizationInput extends OrganizationFieldsInput {
  @Field(() => ID, { description: 'The organization to change.' })
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Moves the organization, with everything below it, under this parent; null makes it a root ' +
      '(for kinds that may be roots).',
  })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;
}

@InputType({
  description: 'The organization to archive; it must have no child organizations in use.',
})
export class ArchiveOrganizationInput {
  @Field(() => ID, { description: 'The organization to archive.' })
  id!: string;
}

@InputType({ description: 'A person to give a role in an organization.' })
export class AddOrganizationMemberInput {
  @Field(() => ID, { description: 'The organization.' })
  organizationId!: string;

  @Field(() => ID, { description: 'The person (of the same street).' })
  personId!: string;

  @Field(() => OrganizationMemberRoleEnum, { description: 'The role.' })
  role!: MemberRole;

  @Field(() => LocalDate, { nullable: true, description: 'First day in the role (default today).' })
  startedOn?: string | null;
}

@InputType({ description: 'A membership to end.' })
export class EndOrganizationMembershipInput {
  @Field(() => ID, { description: 'The membership (an OrganizationMember ID).' })
  memberId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Last day in the role (default today).' })
  endedOn?: string | null;
}

@InputType({ description: 'The grids an organization covers, replacing the ones it had.' })
export class SetOrganizationGridsInput {
  @Field(() => ID, { description: 'The organization.' })
  organizationId!: string;

  @Field(() => [ID], {
    description: 'The grids it covers from now on (of the same street, at most 500); [] for none.',
  })
  gridIds!: string[];
}

/**
 * The service filter for an `organizations` filter (IDs of the wrong type are BAD_USER_INPUT),
 * all but `subtreeOf`, which needs its root read first. `streetId` is the street a field sits on.
 */
export function organizationFilterOf(
  f: OrganizationFilterInput | null | undefined,
  streetId?: string,
): OrganizationFilter {
  return {
    streetId: streetId ?? (f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null),
    kinds: f?.kinds,
    parentId: f?.parentId ? rowIdOf(f.parentId, 'Organization', 'filter.parentId') : null,
    search: f?.search,
    includeArchived: f?.includeArchived,
  };
}

/** The service filter for an organization's `children` or `descendants` filter. */
export const organizationTreeFilterOf = (
  f: OrganizationTreeFilterInput | null | undefined,
): OrganizationFilter => ({
  kinds: f?.kinds,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

/** The service filter for an organization's `members` filter. */
export const memberFilterOf = (
  f: OrganizationMemberFilterInput | null | undefined,
): MemberFilter => ({
  role: f?.role,
  includeEnded: f?.includeEnded,
});
