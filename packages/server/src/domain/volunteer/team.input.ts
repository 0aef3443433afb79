import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { rowIdOf } from '../../graphql/relay/global-id';
import { LocalDate } from '../../graphql/relay/scalars';
import type { VolunteerTeamFilter } from './team.service';
import { VolunteerOrder } from './volunteer.input';

export const VolunteerTeamOrderField = { NAME: 'NAME', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(VolunteerTeamOrderField, 'VolunteerTeamOrderField', 'volunteer teams', {
  NAME: 'By name.',
  CREATED_AT: 'By when the team was created.',
});
export const VolunteerTeamOrder = orderInputOf(
  VolunteerTeamOrderField,
  'VolunteerTeam',
  'volunteer teams',
);

@InputType({ description: 'Which volunteer teams to list.' })
export class VolunteerTeamFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only teams of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only teams run by this organization.' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Teams whose name contains this text.' })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived teams (default false).' })
  includeArchived?: boolean | null;
}

/** Service filter from a `volunteerTeams` filter. */
export const teamFilterOf = (
  f: VolunteerTeamFilterInput | null | undefined,
): VolunteerTeamFilter => ({
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  organizationId: f?.organizationId
    ? rowIdOf(f.organizationId, 'Organization', 'filter.organizationId')
    : null,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class VolunteerTeamsArgs extends ConnectionArgs {
  @Field(() => VolunteerTeamFilterInput, {
    nullable: true,
    description: 'Which teams to list.',
  })
  filter?: VolunteerTeamFilterInput | null;

  @Field(() => VolunteerTeamOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof VolunteerTeamOrder> | null;
}

@ArgsType()
export class TeamMembersArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Members whose name contains this text.' })
  search?: string | null;

  @Field(() => VolunteerOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof VolunteerOrder> | null;
}

@InputType({ description: 'A new volunteer team.' })
export class CreateVolunteerTeamInput {
  @Field(() => ID, { description: 'The street the team belongs to.' })
  streetId!: string;

  @Field({ description: 'Name (1–100 characters), unique among the active teams of the street.' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What the team does (at most 500 characters).',
  })
  description?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When the team was founded.' })
  foundedOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization that runs the team (of the same street).',
  })
  organizationId?: string | null;
}

@InputType({
  description: 'Changes to a team; fields left out stay as they are, null clears optional ones.',
})
export class UpdateVolunteerTeamInput {
  @Field(() => ID, { description: 'The team to change.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  description?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Founding date; null clears it.' })
  foundedOn?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization that runs the team; null clears it.',
  })
  organizationId?: string | null;
}

@InputType({ description: 'The team to archive.' })
export class ArchiveVolunteerTeamInput {
  @Field(() => ID, { description: 'The team to archive.' })
  id!: string;
}

@InputType({ description: 'A volunteer joining or leaving a team.' })
export class VolunteerTeamMemberInput {
  @Field(() => ID, { description: 'The team.' })
  teamId!: string;

  @Field(() => ID, { description: 'The volunteer (of the same street).' })
  volunteerId!: string;
}
