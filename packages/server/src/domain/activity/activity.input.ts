import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { PublicError } from '../shared/errors';
import type { ParticipantFilter, ParticipantRole } from './activity-participant.service';
import type { ActivityFilter, ActivityKind } from './activity.service';
import { ActivityKindEnum, ParticipantRoleEnum } from './activity.type';

export const ActivityOrderField = { STARTS_AT: 'STARTS_AT', CREATED_AT: 'CREATED_AT' } as const;
registerOrderFields(ActivityOrderField, 'ActivityOrderField', 'activities', {
  STARTS_AT: 'By when the activity starts.',
  CREATED_AT: 'By when the activity was recorded.',
});
export const ActivityOrder = orderInputOf(ActivityOrderField, 'Activity', 'activities');

export const ParticipantOrderField = { ROLE: 'ROLE', NAME: 'NAME', ADDED_AT: 'ADDED_AT' } as const;
registerOrderFields(ParticipantOrderField, 'ActivityParticipantOrderField', 'participants', {
  ROLE: 'By role: organizers, speakers, volunteers, then the other participants.',
  NAME: "By the person's name.",
  ADDED_AT: 'By when the person was added.',
});
export const ParticipantOrder = orderInputOf(
  ParticipantOrderField,
  'ActivityParticipant',
  'participants',
);

@InputType({
  description: 'Which activities of a brand, organization, grid, street or person to list.',
})
export class NestedActivityFilterInput {
  @Field(() => [ActivityKindEnum], {
    nullable: true,
    description: 'Only activities of any of these kinds.',
  })
  kinds?: ActivityKind[] | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Only activities starting at or after this time.',
  })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only activities starting before this time.' })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Activities whose title or place contains this text.',
  })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Include archived activities (default false).',
  })
  includeArchived?: boolean | null;
}

@InputType({ description: 'Which activities to list.' })
export class ActivityFilterInput extends NestedActivityFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only activities of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only activities run under this brand.' })
  brandId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "With brandId: also activities of the brand's sub-brands, at any depth (default false).",
  })
  includeSubBrands?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only activities run by this organization.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only activities held in this grid.' })
  gridId?: string | null;
}

/** The filter fields shared by every activity list; an empty time range is the caller's mistake. */
export function nestedActivityFilterOf(
  f: NestedActivityFilterInput | null | undefined,
): ActivityFilter {
  if (f?.from && f.to && f.from > f.to) {
    throw new PublicError('BAD_USER_INPUT', '"filter.from" must not be after "filter.to".', {
      argument: 'filter.from',
    });
  }
  return {
    kinds: f?.kinds,
    from: f?.from,
    to: f?.to,
    search: f?.search,
    includeArchived: f?.includeArchived,
  };
}

/** The service filter for an `activities` filter. */
export const activityFilterOf = (f: ActivityFilterInput | null | undefined): ActivityFilter => ({
  ...nestedActivityFilterOf(f),
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  brandId: f?.brandId ? rowIdOf(f.brandId, 'Brand', 'filter.brandId') : null,
  includeSubBrands: f?.includeSubBrands,
  organizationId: f?.organizationId
    ? rowIdOf(f.organizationId, 'Organization', 'filter.organizationId')
    : null,
  gridId: f?.gridId ? rowIdOf(f.gridId, 'Grid', 'filter.gridId') : null,
});

@ArgsType()
export class ActivitiesArgs extends ConnectionArgs {
  @Field(() => ActivityFilterInput, { nullable: true, description: 'Which activities to list.' })
  filter?: ActivityFilterInput | null;

  @Field(() => ActivityOrder, {
    nullable: true,
    description: 'Ordering (default: by start, latest first).',
  })
  orderBy?: InstanceType<typeof ActivityOrder> | null;
}

@ArgsType()
export class NestedActivitiesArgs extends ConnectionArgs {
  @Field(() => NestedActivityFilterInput, {
    nullable: true,
    description: 'Which activities to list.',
  })
  filter?: NestedActivityFilterInput | null;

  @Field(() => ActivityOrder, {
    nullable: true,
    description: 'Ordering (default: by start, latest first).',
  })
  orderBy?: InstanceType<typeof ActivityOrder> | null;
}

@ArgsType()
export class BrandActivitiesArgs extends NestedActivitiesArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Also activities of the sub-brands, at any depth (default false).',
  })
  includeSubBrands?: boolean | null;
}

@InputType({ description: 'Which participants to list.' })
export class ParticipantFilterInput {
  @Field(() => [ParticipantRoleEnum], {
    nullable: true,
    description: 'Only participants in any of these roles.',
  })
  roles?: ParticipantRole[] | null;
}

export const participantFilterOf = (
  f: ParticipantFilterInput | null | undefined,
): ParticipantFilter => ({ roles: f?.roles });

@ArgsType()
export class ParticipantsArgs extends ConnectionArgs {
  @Field(() => ParticipantFilterInput, {
    nullable: true,
    description: 'Which participants to list.',
  })
  filter?: ParticipantFilterInput | null;

  @Field(() => ParticipantOrder, {
    nullable: true,
    description: 'Ordering (default: by role, organizers first).',
  })
  orderBy?: InstanceType<typeof ParticipantOrder> | null;
}

@InputType('ActivityFieldsInput', { description: 'Details of an activity.' })
class ActivityFieldsInput {
  @Field(() => Date, {
    nullable: true,
    description: 'When the activity ends; not before it starts. Null clears it.',
  })
  endsAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where it takes place (at most 200 characters).',
  })
  place?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What it is about (at most 5000 characters).',
  })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What came of it (活动成效) (at most 5000 characters).',
  })
  outcome?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The brand it is run under (same street, not archived).',
  })
  brandId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization that runs it (same street, not archived).',
  })
  organizationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The grid it is held in (same street, not archived).',
  })
  gridId?: string | null;
}

@InputType({
  description:
    'A new activity; it is run under at least one of a brand, an organization and a grid.',
})
export class CreateActivityInput extends ActivityFieldsInput {
  @Field(() => ID, { description: 'The street the activity belongs to.' })
  streetId!: string;

  @Field(() => ActivityKindEnum, { description: 'What kind of activity.' })
  kind!: ActivityKind;

  @Field({ description: 'Title (1–200 characters).' })
  title!: string;

  @Field({ description: 'When the activity starts.' })
  startsAt!: Date;
}

@InputType({
  description:
    'Changes to an activity; fields left out stay as they are, null clears optional ones ' +
    '(at least one of brand, organization and grid remains).',
})
export class UpdateActivityInput extends ActivityFieldsInput {
  @Field(() => ID, { description: 'The activity to change.' })
  id!: string;

  @Field(() => ActivityKindEnum, { nullable: true, description: 'New kind.' })
  kind?: ActivityKind | null;

  @Field(() => String, { nullable: true, description: 'New title.' })
  title?: string | null;

  @Field(() => Date, { nullable: true, description: 'New start time.' })
  startsAt?: Date | null;
}

@InputType({ description: 'The activity to archive.' })
export class ArchiveActivityInput {
  @Field(() => ID, { description: 'The activity to archive.' })
  id!: string;
}

@InputType({ description: 'A person to add to an activity, and their role.' })
export class ActivityParticipantInput {
  @Field(() => ID, { description: 'The person (of the same street).' })
  personId!: string;

  @Field(() => ParticipantRoleEnum, {
    nullable: true,
    description: 'The part they play (default PARTICIPANT).',
  })
  role?: ParticipantRole | null;
}

@InputType({ description: 'People to add to an activity.' })
export class AddActivityParticipantsInput {
  @Field(() => ID, { description: 'The activity (not archived).' })
  activityId!: string;

  @Field(() => [ActivityParticipantInput], {
    description:
      'The people and their roles: 1 to 500 per call, each at most once and not yet taking part.',
  })
  participants!: ActivityParticipantInput[];
}

@InputType({ description: 'A participant to remove from an activity.' })
export class RemoveActivityParticipantInput {
  @Field(() => ID, { description: 'The activity (not archived).' })
  activityId!: string;

  @Field(() => ID, { description: 'The person to remove.' })
  personId!: string;
}
