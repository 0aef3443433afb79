import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { inputId } from '../../graphql/relay/global-id';
import { mutate } from '../../graphql/relay/payload';
import { LocalDate } from '../../graphql/relay/scalars';
import { District } from '../district/district.type';
import type { Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { calendarService, type CalendarSettings } from './calendar.service';
import {
  RemoveCalendarDaysInput,
  SetCalendarDaysInput,
  UpdateWorkCalendarInput,
} from './calendar.input';
import { CalendarDay, WorkCalendar, WorkCalendarPayload } from './calendar.type';

/** Arguments' problems as BAD_USER_INPUT naming the argument (queries have no userErrors). */
async function asArgumentError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const [first] = error.problems;
    throw new PublicError('BAD_USER_INPUT', first!.message, { argument: first!.field.join('.') });
  }
}

/** Moments a calendar answers for: the years its days may be listed in. */
function checkMoment(at: Date, argument: string): void {
  const year = at.getUTCFullYear();
  if (!(year >= 2000 && year <= 2100))
    throw new PublicError('BAD_USER_INPUT', `"${argument}" is outside the years 2000 to 2100.`, {
      argument,
    });
}

/** Longest working time a due time is asked for: about ten years of working days. */
const MAX_WORK_MINUTES = 1_000_000;

@Resolver(() => District)
export class DistrictCalendarResolver {
  @FieldResolver(() => WorkCalendar, {
    description: "The district's work calendar, on which deadlines in working time are counted.",
  })
  async workCalendar(@Ctx() ctx: Context, @Root() district: District): Promise<WorkCalendar> {
    return WorkCalendar.from((await calendarService.settings(ctx, district.rowId))!);
  }
}

@Resolver(() => WorkCalendar)
export class WorkCalendarResolver {
  @FieldResolver(() => [CalendarDay], {
    description:
      'The holidays and make-up working days listed between two dates (at most 400 days).',
  })
  days(
    @Ctx() ctx: Context,
    @Root() calendar: WorkCalendar,
    @Arg('from', () => LocalDate, { description: 'First date.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last date.' }) to: string,
  ): Promise<CalendarDay[]> {
    return asArgumentError(async () =>
      (await calendarService.days(ctx, calendar.settings.districtId, from, to)).map(
        CalendarDay.from,
      ),
    );
  }

  @FieldResolver(() => Date, {
    description:
      'When a limit of `workMinutes` of working time that starts at `start` runs out (a due time).',
  })
  async dueTime(
    @Ctx() ctx: Context,
    @Root() calendar: WorkCalendar,
    @Arg('start', () => Date, { description: 'When the time starts.' }) start: Date,
    @Arg('workMinutes', () => Int, { description: 'Minutes of working time (≥ 0).' })
    workMinutes: number,
  ): Promise<Date> {
    checkMoment(start, 'start');
    if (workMinutes < 0 || workMinutes > MAX_WORK_MINUTES)
      throw new PublicError('BAD_USER_INPUT', `"workMinutes" is 0 to ${MAX_WORK_MINUTES}.`, {
        argument: 'workMinutes',
      });
    const time = await calendarService.workingTime(ctx, calendar.settings.districtId, start);
    try {
      return time!.addWorkingMinutes(start, workMinutes);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new PublicError('BAD_USER_INPUT', `No due time: ${error.message}.`, {
        argument: 'workMinutes',
      });
    }
  }

  @FieldResolver(() => Int, { description: 'Minutes of working time between two moments.' })
  async workingMinutesBetween(
    @Ctx() ctx: Context,
    @Root() calendar: WorkCalendar,
    @Arg('from', () => Date, { description: 'Start.' }) from: Date,
    @Arg('to', () => Date, { description: 'End (at most about ten years later).' }) to: Date,
  ): Promise<number> {
    checkMoment(from, 'from');
    checkMoment(to, 'to');
    if (to.getTime() - from.getTime() > 3650 * 86_400_000)
      throw new PublicError('BAD_USER_INPUT', '"to" is more than ten years after "from".', {
        argument: 'to',
      });
    const time = await calendarService.workingTime(ctx, calendar.settings.districtId, from);
    return time!.workingMinutesBetween(from, to);
  }

  @Mutation(() => WorkCalendarPayload, {
    description:
      "Sets a district's work hours and weekend days (platform administrators, or the district's).",
  })
  updateWorkCalendar(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The calendar.' }) input: UpdateWorkCalendarInput,
  ): Promise<WorkCalendarPayload> {
    return mutate(
      ctx,
      (tx) =>
        calendarService.update(tx, inputId(input.districtId, 'District', ['input', 'districtId']), {
          workPeriods: input.workPeriods?.map((p) => [p.start, p.end] as [string, string]),
          weekendDays: input.weekendDays,
        }),
      (s: CalendarSettings | null) => ({ calendar: s && WorkCalendar.from(s) }),
    );
  }

  @Mutation(() => WorkCalendarPayload, {
    description:
      'Lists public holidays and make-up working days of a district (its administrators).',
  })
  setCalendarDays(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The days.' }) input: SetCalendarDaysInput,
  ): Promise<WorkCalendarPayload> {
    return mutate(
      ctx,
      async (tx) => {
        const id = inputId(input.districtId, 'District', ['input', 'districtId']);
        await calendarService.setDays(tx, id, input.days);
        return (await calendarService.settings(tx, id))!;
      },
      (s: CalendarSettings | null) => ({ calendar: s && WorkCalendar.from(s) }),
    );
  }

  @Mutation(() => WorkCalendarPayload, {
    description: 'Removes listed dates from a district calendar: they follow their weekday again.',
  })
  removeCalendarDays(
    @Ctx() ctx: Context,
    @Arg('input', { description: 'The dates.' }) input: RemoveCalendarDaysInput,
  ): Promise<WorkCalendarPayload> {
    return mutate(
      ctx,
      async (tx) => {
        const id = inputId(input.districtId, 'District', ['input', 'districtId']);
        await calendarService.removeDays(tx, id, input.dates);
        return (await calendarService.settings(tx, id))!;
      },
      (s: CalendarSettings | null) => ({ calendar: s && WorkCalendar.from(s) }),
    );
  }
}
