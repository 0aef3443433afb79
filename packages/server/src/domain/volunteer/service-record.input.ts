import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { LocalDate } from '../../graphql/relay/scalars';
import type { ServiceRecordFilter } from './service-record.read';

export const ServiceRecordOrderField = {
  SERVED_ON: 'SERVED_ON',
  CREATED_AT: 'CREATED_AT',
} as const;
registerOrderFields(ServiceRecordOrderField, 'ServiceRecordOrderField', 'service records', {
  SERVED_ON: 'By the day of the service.',
  CREATED_AT: 'By when the record was written.',
});
export const ServiceRecordOrder = orderInputOf(
  ServiceRecordOrderField,
  'ServiceRecord',
  'service records',
);

@InputType('VolunteerServiceRecordFilterInput', {
  description: "Which of a volunteer's service records to list.",
})
export class VolunteerServiceRecordFilterInput {
  @Field(() => LocalDate, { nullable: true, description: 'Only service on or after this day.' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only service on or before this day.' })
  to?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only confirmed (true) or unconfirmed (false) records.',
  })
  confirmed?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only records that count toward totals (true) or that do not (false).',
  })
  counted?: boolean | null;
}

@InputType({ description: 'Which service records to list.' })
export class ServiceRecordFilterInput extends VolunteerServiceRecordFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only records of this street.' })
  streetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only records of this volunteer.' })
  volunteerId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only records of the current members of this volunteer team.',
  })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only records of service on this post.' })
  postId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only records kept by this organization.',
  })
  organizationId?: string | null;
}

/** The parts of a record filter a volunteer's own connection offers too. */
export const ledgerFilterOf = (
  f: VolunteerServiceRecordFilterInput | null | undefined,
): ServiceRecordFilter => ({
  from: f?.from,
  to: f?.to,
  confirmed: f?.confirmed,
  counted: f?.counted,
});

/** Service filter from a `serviceRecords` filter. */
export const serviceRecordFilterOf = (
  f: ServiceRecordFilterInput | null | undefined,
): ServiceRecordFilter => ({
  ...ledgerFilterOf(f),
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  volunteerId: f?.volunteerId ? rowIdOf(f.volunteerId, 'Volunteer', 'filter.volunteerId') : null,
  teamId: f?.teamId ? rowIdOf(f.teamId, 'VolunteerTeam', 'filter.teamId') : null,
  postId: f?.postId ? rowIdOf(f.postId, 'ServicePost', 'filter.postId') : null,
  organizationId: f?.organizationId
    ? rowIdOf(f.organizationId, 'Organization', 'filter.organizationId')
    : null,
});

@ArgsType()
export class ServiceRecordsArgs extends ConnectionArgs {
  @Field(() => ServiceRecordFilterInput, {
    nullable: true,
    description: 'Which records to list.',
  })
  filter?: ServiceRecordFilterInput | null;

  @Field(() => ServiceRecordOrder, {
    nullable: true,
    description: 'Ordering (default: newest service first).',
  })
  orderBy?: InstanceType<typeof ServiceRecordOrder> | null;
}

@ArgsType()
export class VolunteerServiceRecordsArgs extends ConnectionArgs {
  @Field(() => VolunteerServiceRecordFilterInput, {
    nullable: true,
    description: 'Which records to list.',
  })
  filter?: VolunteerServiceRecordFilterInput | null;

  @Field(() => ServiceRecordOrder, {
    nullable: true,
    description: 'Ordering (default: newest service first).',
  })
  orderBy?: InstanceType<typeof ServiceRecordOrder> | null;
}

@ArgsType()
export class ServiceTotalsArgs {
  @Field(() => LocalDate, { nullable: true, description: 'Only service on or after this day.' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only service on or before this day.' })
  to?: string | null;
}

@InputType({ description: 'Volunteer service to record (志愿服务记录).' })
export class RecordServiceInput {
  @Field(() => ID, { description: 'The volunteer who served.' })
  volunteerId!: string;

  @Field(() => ID, {
    description: 'The organization that keeps the record (记录单位), of the same street.',
  })
  organizationId!: string;

  @Field(() => LocalDate, { description: 'The day of the service (not in the future).' })
  servedOn!: string;

  @Field(() => Float, {
    description: 'Hours served: more than 0, at most 24, with at most two decimals.',
  })
  hours!: number;

  @Field(() => Int, { nullable: true, description: 'How many people were served (default 0).' })
  peopleServed?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The service post served on; the volunteer must have held it that day.',
  })
  postId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The activity served at (an Activity of the same street).',
  })
  activityId?: string | null;

  @Field({ description: 'What was done (1–500 characters).' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Where (at most 200 characters).' })
  place?: string | null;
}

@InputType({ description: 'A service record to confirm.' })
export class ConfirmServiceRecordInput {
  @Field(() => ID, { description: 'The record; it must be unconfirmed and not corrected.' })
  recordId!: string;

  @Field(() => ID, {
    description: 'The person confirming (of the same street; not the volunteer).',
  })
  confirmedById!: string;
}

@InputType({
  description:
    'A correction of a service record: a new, unconfirmed record that supersedes it. Fields ' +
    'left out are copied from the record corrected.',
})
export class CorrectServiceRecordInput {
  @Field(() => ID, { description: 'The record to correct: the newest of its chain.' })
  recordId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'The corrected day of the service.' })
  servedOn?: string | null;

  @Field(() => Float, { nullable: true, description: 'The corrected hours.' })
  hours?: number | null;

  @Field(() => Int, { nullable: true, description: 'The corrected number of people served.' })
  peopleServed?: number | null;

  @Field(() => String, { nullable: true, description: 'The corrected description.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The corrected place; null clears it.' })
  place?: string | null;
}
