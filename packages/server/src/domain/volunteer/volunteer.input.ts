import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { rowIdOf } from '../../graphql/relay/global-id';
import { LocalDate } from '../../graphql/relay/scalars';
import type { VolunteerFilter } from './volunteer.service';

export const VolunteerOrderField = {
  NAME: 'NAME',
  JOINED_ON: 'JOINED_ON',
  CREATED_AT: 'CREATED_AT',
} as const;
registerOrderFields(VolunteerOrderField, 'VolunteerOrderField', 'volunteers', {
  NAME: "By the volunteer's name.",
  JOINED_ON: 'By when the person became a volunteer.',
  CREATED_AT: 'By when the record was created.',
});
export const VolunteerOrder = orderInputOf(VolunteerOrderField, 'Volunteer', 'volunteers');

@InputType({ description: 'Which volunteers to list.' })
export class VolunteerFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only volunteers of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only members of this volunteer team.' })
  teamId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only volunteers holding an active claim on this service post.',
  })
  postId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only volunteers actively registered with this community (an Organization of kind COMMUNITY).',
  })
  registeredWith?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only volunteers with (true) or without (false) an active community registration (在职党员进社区报到).',
  })
  registered?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only volunteers offering this skill.' })
  skill?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Volunteers whose name contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived volunteers (default false).',
  })
  includeArchived?: boolean | null;
}

/** Service filter from a `volunteers` filter; IDs the caller cannot see match nothing. */
export function volunteerFilterOf(f: VolunteerFilterInput | null | undefined): VolunteerFilter {
  return {
    streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
    teamId: f?.teamId ? rowIdOf(f.teamId, 'VolunteerTeam', 'filter.teamId') : null,
    postId: f?.postId ? rowIdOf(f.postId, 'ServicePost', 'filter.postId') : null,
    registeredWith: f?.registeredWith
      ? rowIdOf(f.registeredWith, 'Organization', 'filter.registeredWith')
      : null,
    registered: f?.registered,
    skill: f?.skill,
    search: f?.search,
    includeArchived: f?.includeArchived,
  };
}

@ArgsType()
export class VolunteersArgs extends ConnectionArgs {
  @Field(() => VolunteerFilterInput, { nullable: true, description: 'Which volunteers to list.' })
  filter?: VolunteerFilterInput | null;

  @Field(() => VolunteerOrder, { nullable: true, description: 'Ordering (default: by name).' })
  orderBy?: InstanceType<typeof VolunteerOrder> | null;
}

@InputType({ description: 'A person to register as a volunteer.' })
export class RegisterVolunteerInput {
  @Field(() => ID, { description: 'The person; a person is registered at most once.' })
  personId!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Skills offered (at most 20, each at most 30 characters).',
  })
  skills?: string[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the person became a volunteer (default today; not in the future).',
  })
  joinedOn?: string | null;
}

@InputType({ description: 'Changes to a volunteer; fields left out stay as they are.' })
export class UpdateVolunteerInput {
  @Field(() => ID, { description: 'The volunteer to change.' })
  id!: string;

  @Field(() => [String], { nullable: true, description: 'The new list of skills.' })
  skills?: string[] | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When the person became a volunteer (not in the future).',
  })
  joinedOn?: string | null;
}

@InputType({
  description:
    'The volunteer to archive; their post claims are released and community registration ended.',
})
export class ArchiveVolunteerInput {
  @Field(() => ID, { description: 'The volunteer to archive.' })
  id!: string;
}

@InputType({
  description:
    'An in-service party member registering with the community where they live (在职党员进社区报到).',
})
export class RegisterWithCommunityInput {
  @Field(() => ID, {
    description: 'The volunteer; the person must be an in-service party member (在职党员).',
  })
  volunteerId!: string;

  @Field(() => ID, {
    description: 'The community: an Organization of kind COMMUNITY of the same street.',
  })
  communityId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Where the member works (at most 100 characters; default the person's employer).",
  })
  employer?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The day the member registered (default today; not in the future).',
  })
  registeredOn?: string | null;
}

@InputType({ description: 'A community registration to end.' })
export class EndCommunityRegistrationInput {
  @Field(() => ID, { description: 'The registration.' })
  registrationId!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day of the registration (default today; not in the future).',
  })
  endedOn?: string | null;
}
