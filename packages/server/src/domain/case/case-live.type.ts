import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { JSONObject } from '../../graphql/relay/scalars';
import type { CaseStatus } from './case.entity';
import { Case, CaseStatusEnum } from './case.type';

@InputType({
  description:
    'Which case events to receive; every condition given must hold. Events of cases you may not read never come, whatever the filter.',
})
export class CaseSubscriptionFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cases.' })
  caseIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only cases in this grid or below it.' })
  gridId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only cases dispatched to one of these departments (organizations).',
  })
  departmentIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only cases of these streets.' })
  streetIds?: string[] | null;

  @Field(() => [CaseStatusEnum], {
    nullable: true,
    description: 'Only events that left the case in one of these statuses.',
  })
  statuses?: CaseStatus[] | null;
}

@ObjectType({
  description:
    'Something that happened to a case, as it happened, with the case as it is now. Resume after it with its `cursor`.',
})
export class CaseEvent {
  @Field({
    description:
      'Its place in the event stream: pass it as `after` to `caseEvents` (or `events`) to receive what came after it, with no gap and no duplicate.',
  })
  cursor!: string;

  @Field(() => ID, {
    description: 'The event’s id in the stream (digits): the same in webhooks, for de-duplication.',
  })
  eventId!: string;

  @Field({ description: 'What happened, e.g. `case.dispatched` (see docs/events.md).' })
  type!: string;

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => CaseStatusEnum, {
    nullable: true,
    description: 'Status before (null for a report).',
  })
  from!: CaseStatus | null;

  @Field(() => CaseStatusEnum, { description: 'Status after.' })
  to!: CaseStatus;

  @Field(() => Int, { description: 'The case’s version after the change.' })
  version!: number;

  @Field(() => JSONObject, {
    description: 'The event’s own fields, as documented for its type in docs/events.md.',
  })
  payload!: Record<string, unknown>;

  @Field(() => Case, { description: 'The case as it is now.' })
  case!: Case;
}
