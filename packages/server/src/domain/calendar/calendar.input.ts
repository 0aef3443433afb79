import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../../graphql/relay/scalars';
import type { DayKind } from './working-time';
import { DayKindEnum } from './calendar.type';

@InputType({ description: 'A period of work in a working day, in local time.' })
export class WorkPeriodInput {
  @Field({ description: 'Start, "HH:MM".' })
  start!: string;

  @Field({ description: 'End, "HH:MM" (24:00 for midnight).' })
  end!: string;
}

@InputType({ description: "A district's work hours and weekend days; left out stays as it is." })
export class UpdateWorkCalendarInput {
  @Field(() => ID, { description: 'The district.' })
  districtId!: string;

  @Field(() => [WorkPeriodInput], {
    nullable: true,
    description: 'The work periods of a working day, in order (1 to 6).',
  })
  workPeriods?: WorkPeriodInput[] | null;

  @Field(() => [Int], { nullable: true, description: 'Weekdays off: 1 (Monday) to 7 (Sunday).' })
  weekendDays?: number[] | null;
}

@InputType({ description: 'A holiday or make-up working day.' })
export class CalendarDayInput {
  @Field(() => LocalDate, { description: 'The date.' })
  date!: string;

  @Field(() => DayKindEnum, { description: 'Holiday or make-up working day.' })
  kind!: DayKind;

  @Field({ description: 'What it is, e.g. "国庆节" (1–50 characters).' })
  name!: string;
}

@InputType({
  description: 'Holidays and make-up working days to list (a listed date is replaced).',
})
export class SetCalendarDaysInput {
  @Field(() => ID, { description: 'The district.' })
  districtId!: string;

  @Field(() => [CalendarDayInput], { description: 'The days (1 to 400).' })
  days!: CalendarDayInput[];
}

@InputType({ description: 'Listed dates to remove: they follow their weekday again.' })
export class RemoveCalendarDaysInput {
  @Field(() => ID, { description: 'The district.' })
  districtId!: string;

  @Field(() => [LocalDate], { description: 'The dates (1 to 400).' })
  dates!: string[];
}
