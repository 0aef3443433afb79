import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import type { ActivityParticipantRecord, ParticipantRole } from './activity-participant.service';
import type { ActivityKind, ActivityRecord } from './activity.service';

export const ActivityKindEnum = {
  LECTURE: 'LECTURE',
  DELIBERATION: 'DELIBERATION',
  VOLUNTEER_SERVICE: 'VOLUNTEER_SERVICE',
  RECTIFICATION: 'RECTIFICATION',
  CULTURAL: 'CULTURAL',
  MEETING: 'MEETING',
  OTHER: 'OTHER',
} as const;
registerEnumType(ActivityKindEnum, {
  name: 'ActivityKind',
  description: 'What kind of activity.',
  valuesConfig: {
    LECTURE: { description: 'Lecture or policy talk (讲堂, 宣讲).' },
    DELIBERATION: { description: "Residents' council or consultation (议事会, 协商)." },
    VOLUNTEER_SERVICE: { description: 'Volunteer service (志愿服务).' },
    RECTIFICATION: { description: 'Rectification drive, e.g. of the environment (整治行动).' },
    CULTURAL: { description: 'Cultural or sports event (文体活动).' },
    MEETING: { description: 'Meeting, e.g. of a party branch (会议, 组织生活).' },
    OTHER: { description: 'Any other activity.' },
  },
});

export const ParticipantRoleEnum = {
  ORGANIZER: 'ORGANIZER',
  SPEAKER: 'SPEAKER',
  VOLUNTEER: 'VOLUNTEER',
  PARTICIPANT: 'PARTICIPANT',
} as const;
registerEnumType(ParticipantRoleEnum, {
  name: 'ActivityParticipantRole',
  description: 'The part a person plays in an activity.',
  valuesConfig: {
    ORGANIZER: { description: 'Organizes the activity (组织者).' },
    SPEAKER: { description: 'Speaks or teaches (主讲人, 宣讲员).' },
    VOLUNTEER: { description: 'Serves as a volunteer (志愿者).' },
    PARTICIPANT: { description: 'Takes part (参与者).' },
  },
});

@ObjectType({
  implements: Node,
  description:
    'An activity (活动): a lecture, council, volunteer service, drive or meeting, run under a ' +
    'brand, an organization and/or a grid of one street, with its participants.',
})
export class Activity extends Node {
  @Field(() => ActivityKindEnum, { description: 'What kind of activity.' })
  kind!: ActivityKind;

  @Field({ description: 'Title, e.g. "初心堂 党史宣讲".' })
  title!: string;

  @Field({ description: 'When the activity starts.' })
  startsAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When it ends, if known; not before the start.',
  })
  endsAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'What it is about.' })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'What came of it, e.g. decisions or people served (活动成效).',
  })
  outcome!: string | null;

  @Field({
    description:
      'Whether the activity is archived (kept for history, hidden from lists by default).',
  })
  archived!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the activity was archived.' })
  archivedAt!: Date | null;

  @Field({ description: 'When the activity was recorded.' })
  createdAt!: Date;

  @Field({ description: 'When the activity was last changed.' })
  updatedAt!: Date;

  record!: ActivityRecord;

  static from(r: ActivityRecord): Activity {
    return Object.assign(new Activity(), r, {
      id: toGlobalId('Activity', r.id),
      record: r,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: ActivityConnection } = connectionOf(Activity, 'Activity', 'activities');

@ObjectType({ description: 'A person taking part in an activity, and in which role.' })
export class ActivityParticipant {
  @Field(() => ParticipantRoleEnum, { description: 'The part the person plays.' })
  role!: ParticipantRole;

  @Field({ description: 'When the person was added to the activity.' })
  addedAt!: Date;

  record!: ActivityParticipantRecord;

  static from(r: ActivityParticipantRecord): ActivityParticipant {
    return Object.assign(new ActivityParticipant(), r, { record: r, addedAt: r.createdAt });
  }
}

export const { Connection: ActivityParticipantConnection } = connectionOf(
  ActivityParticipant,
  'ActivityParticipant',
  'activity participants',
);

@ObjectType({ description: 'The result of an activity mutation.' })
export class ActivityPayload {
  @Field(() => Activity, {
    nullable: true,
    description: 'The activity as it is after the mutation; null when it failed.',
  })
  activity!: Activity | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of adding participants to an activity.' })
export class AddActivityParticipantsPayload {
  @Field(() => Activity, {
    nullable: true,
    description: 'The activity after the mutation; null when it failed.',
  })
  activity!: Activity | null;

  @Field(() => [ActivityParticipant], {
    nullable: true,
    description: 'The participants added, in the order given; null when it failed.',
  })
  participants!: ActivityParticipant[] | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
