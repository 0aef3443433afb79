import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import type { CalendarDayRecord, CalendarSettings } from './calendar.service';
import { minutesOf, type DayKind } from './working-time';

export const DayKindEnum = { HOLIDAY: 'HOLIDAY', WORKDAY: 'WORKDAY' } as const;
registerEnumType(DayKindEnum, {
  name: 'CalendarDayKind',
  description: 'What a listed date is instead of what its weekday says.',
  valuesConfig: {
    HOLIDAY: { description: 'A public holiday (法定节假日): no work.' },
    WORKDAY: { description: 'A make-up working day (调休上班) on a weekend.' },
  },
});

@ObjectType({ description: 'A period of work in a working day, in local time.' })
export class WorkPeriod {
  @Field({ description: 'Start, "HH:MM".' })
  start!: string;

  @Field({ description: 'End, "HH:MM".' })
  end!: string;
}

@ObjectType({ description: 'A date that is a holiday or a make-up working day.' })
export class CalendarDay {
  @Field(() => LocalDate, { description: 'The date.' })
  date!: string;

  @Field(() => DayKindEnum, { description: 'Holiday or make-up working day.' })
  kind!: DayKind;

  @Field({ description: 'What it is, e.g. "国庆节".' })
  name!: string;

  static from(r: CalendarDayRecord): CalendarDay {
    return Object.assign(new CalendarDay(), r);
  }
}

@ObjectType({
  description:
    "A district's work calendar (工作日历): deadlines in working time (5 work days) are counted on it.",
})
export class WorkCalendar {
  @Field(() => [WorkPeriod], { description: 'The work periods of a working day.' })
  workPeriods!: WorkPeriod[];

  @Field(() => [Int], { description: 'Weekdays off: 1 (Monday) to 7 (Sunday).' })
  weekendDays!: number[];

  @Field(() => Int, { description: 'Minutes of work in a working day.' })
  workMinutesPerDay!: number;

  @Field({ description: "Whether the district set its own hours (else the platform's defaults)." })
  custom!: boolean;

  settings!: CalendarSettings;

  static from(s: CalendarSettings): WorkCalendar {
    const workPeriods = s.workPeriods.map(([start, end]) =>
      Object.assign(new WorkPeriod(), { start, end }),
    );
    return Object.assign(new WorkCalendar(), {
      workPeriods,
      weekendDays: s.weekendDays,
      workMinutesPerDay: s.workPeriods.reduce(
        (sum, [a, b]) => sum + minutesOf(b)! - minutesOf(a)!,
        0,
      ),
      custom: s.custom,
      settings: s,
    });
  }
}

@ObjectType({ description: 'The result of changing a work calendar.' })
export class WorkCalendarPayload {
  @Field(() => WorkCalendar, { nullable: true, description: 'The calendar; null when it failed.' })
  calendar!: WorkCalendar | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
