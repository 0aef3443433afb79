import { sql } from '../../db/statement';
import { requirePlatformAdmin } from '../shared/authorize';
import { batchLoader, loader, query, type Context } from '../shared/context';
import { InputError, type InputProblem } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { workCalendarDaysChanged, workCalendarUpdated } from './calendar.events';
import { WorkingTime, dayOfDate, minutesOf, type DayKind } from './working-time';

/** A district's calendar settings, as stored (or the defaults). */
export interface CalendarSettings {
  districtId: string;
  /** `[["08:30", "12:00"], ["14:00", "17:30"]]`. */
  workPeriods: [string, string][];
  weekendDays: number[];
  utcOffsetMinutes: number;
  /** Whether the district set its own (else the defaults hold). */
  custom: boolean;
}

export interface CalendarDayRecord {
  date: string;
  kind: DayKind;
  name: string;
}

/** What a district has until it sets its own: 08:30–12:00 and 14:00–17:30, Monday to Friday. */
export const DEFAULT_WORK_PERIODS: [string, string][] = [
  ['08:30', '12:00'],
  ['14:00', '17:30'],
];
const DEFAULT_WEEKEND = [6, 7];
/** How many days one read of listed days may span. */
const MAX_SPAN_DAYS = 400;

const settingsOf = sql(
  'calendar_settings',
  `SELECT d.id::text AS "districtId", c.work_periods AS "workPeriods", c.weekend_days AS "weekendDays",
     coalesce(c.utc_offset_minutes, 480) AS "utcOffsetMinutes", c.district_id IS NOT NULL AS custom
   FROM district d LEFT JOIN work_calendar c ON c.district_id = d.id WHERE d.id = ANY($1::bigint[])`,
);
const daysOf = sql(
  'calendar_days',
  `SELECT district_id::text AS "districtId", day::text AS date, kind, name FROM work_calendar_day
   WHERE district_id = ANY($1::bigint[]) AND day BETWEEN $2::date AND $3::date ORDER BY day`,
);

const settingsLoader = (ctx: Context) =>
  batchLoader<string, CalendarSettings | null>(ctx, async (ids) => {
    const rows = await query<CalendarSettings>(ctx, settingsOf, [ids]);
    const found = new Map(
      rows.map((r) => [
        r.districtId,
        {
          ...r,
          workPeriods: r.workPeriods ?? DEFAULT_WORK_PERIODS,
          weekendDays: r.weekendDays ?? DEFAULT_WEEKEND,
        },
      ]),
    );
    return ids.map((id) => found.get(id) ?? null);
  });

/**
 * Listed days of many districts for ten years from a date, in one statement per date (keys:
 * `district|from`): the span a working-time computation may need.
 */
const spanLoader = (ctx: Context) =>
  batchLoader<string, { date: string; kind: DayKind }[]>(ctx, async (keys) => {
    const byStart = new Map<string, string[]>();
    for (const key of keys) {
      const [district, from] = key.split('|') as [string, string];
      byStart.set(from, [...(byStart.get(from) ?? []), district]);
    }
    const found = new Map<string, { date: string; kind: DayKind }[]>(keys.map((k) => [k, []]));
    for (const [from, districts] of byStart) {
      const rows = await query<{ districtId: string; date: string; kind: DayKind }>(
        ctx,
        `SELECT district_id::text AS "districtId", day::text AS date, kind FROM work_calendar_day
         WHERE district_id = ANY($1::bigint[]) AND day >= $2::date AND day < $2::date + 3660`,
        [districts, from],
      );
      for (const { districtId, ...day } of rows) found.get(`${districtId}|${from}`)!.push(day);
    }
    return keys.map((k) => found.get(k)!);
  });

/** Listed days of many districts in one range, in one statement (keys: `district|from|to`). */
const daysLoader = (ctx: Context) =>
  batchLoader<string, CalendarDayRecord[]>(ctx, async (keys) => {
    const byRange = new Map<string, string[]>();
    for (const key of keys) {
      const [district, from, to] = key.split('|') as [string, string, string];
      byRange.set(`${from}|${to}`, [...(byRange.get(`${from}|${to}`) ?? []), district]);
    }
    const found = new Map<string, CalendarDayRecord[]>();
    for (const [range, districts] of byRange) {
      const [from, to] = range.split('|');
      const rows = await query<CalendarDayRecord & { districtId: string }>(ctx, daysOf, [
        districts,
        from,
        to,
      ]);
      for (const d of districts) found.set(`${d}|${range}`, []);
      for (const { districtId, ...day } of rows) found.get(`${districtId}|${range}`)!.push(day);
    }
    return keys.map((k) => found.get(k) ?? []);
  });

const problem = (field: string[], message: string): InputProblem => ({
  field,
  message,
  code: 'INVALID',
});

/** Checks work periods: 1–6 `HH:MM` pairs, each start before its end, in order and apart. */
function checkPeriods(periods: readonly (readonly [string, string])[]): InputProblem[] {
  const path = ['input', 'workPeriods'];
  if (periods.length < 1 || periods.length > 6)
    return [problem(path, 'Give 1 to 6 work periods a day.')];
  let previousEnd = -1;
  for (const [i, [start, end]] of periods.entries()) {
    const from = minutesOf(start);
    const to = minutesOf(end);
    if (from === null || to === null)
      return [problem([...path, String(i)], 'A work period is two times of day, "HH:MM".')];
    if (from >= to)
      return [problem([...path, String(i)], `The period ${start}–${end} ends before it starts.`)];
    if (from < previousEnd)
      return [
        problem([...path, String(i)], 'Work periods are in order of the day and do not overlap.'),
      ];
    previousEnd = to;
  }
  return [];
}

/** The dates a range of days spans, checked: `from` not after `to`, at most 400 days. */
export function checkSpan(from: string, to: string): void {
  const days = dayOfDate(to) - dayOfDate(from);
  if (days < 0) throw InputError.single(['to'], '"to" is before "from".', 'INVALID');
  if (days > MAX_SPAN_DAYS)
    throw InputError.single(['to'], `Ask for at most ${MAX_SPAN_DAYS} days at once.`, 'INVALID');
}

/** Work calendars per district: read by everyone (deadlines are public), changed by its admins. */
export const calendarService = {
  async settings(ctx: Context, districtId: string): Promise<CalendarSettings | null> {
    return loader(ctx, settingsLoader).load(districtId);
  },

  days(ctx: Context, districtId: string, from: string, to: string): Promise<CalendarDayRecord[]> {
    checkSpan(from, to);
    return loader(ctx, daysLoader).load(`${districtId}|${from}|${to}`);
  },

  /**
   * The district's working time over the span a computation may need: its settings, and its
   * listed days from `from` on (for ten years; a calendar lists a few dozen days a year).
   */
  async workingTime(ctx: Context, districtId: string, from: Date): Promise<WorkingTime | null> {
    const settings = await this.settings(ctx, districtId);
    if (!settings) return null;
    const start = new Date(from.getTime() - 86_400_000).toISOString().slice(0, 10);
    const days = await loader(ctx, spanLoader).load(`${districtId}|${start}`);
    return new WorkingTime({
      periods: settings.workPeriods.map(([a, b]) => [minutesOf(a)!, minutesOf(b)!] as const),
      weekend: settings.weekendDays,
      days: new Map(days.map((r) => [r.date, r.kind])),
      offsetMinutes: settings.utcOffsetMinutes,
    });
  },

  /** Sets work hours and weekend days (platform administrators, or the district's). */
  async update(
    ctx: Context,
    districtId: string,
    input: { workPeriods?: [string, string][] | null; weekendDays?: number[] | null },
  ): Promise<CalendarSettings> {
    requirePlatformAdmin(ctx, "change a district's work calendar", districtId);
    const current = await this.settings(ctx, districtId);
    if (!current)
      throw InputError.single(['input', 'districtId'], 'No district has this ID.', 'NOT_FOUND');
    const workPeriods = input.workPeriods ?? current.workPeriods;
    const weekendDays = [...new Set(input.weekendDays ?? current.weekendDays)].sort();
    const problems = checkPeriods(workPeriods);
    if (weekendDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      problems.push(
        problem(['input', 'weekendDays'], 'Weekend days are 1 (Monday) to 7 (Sunday).'),
      );
    else if (weekendDays.length === 7)
      problems.push(problem(['input', 'weekendDays'], 'A week needs at least one working day.'));
    if (problems.length) throw new InputError(problems);
    await query(
      ctx,
      `INSERT INTO work_calendar (district_id, work_periods, weekend_days) VALUES ($1, $2, $3)
       ON CONFLICT (district_id) DO UPDATE SET work_periods = $2, weekend_days = $3, updated_at = now()`,
      [districtId, JSON.stringify(workPeriods), weekendDays],
    );
    await recordEvent(ctx, workCalendarUpdated, {
      streetId: null,
      subjectId: districtId,
      payload: { workPeriods, weekendDays },
    });
    return { ...current, workPeriods, weekendDays, custom: true };
  },

  /** Lists holidays and make-up working days (replacing what a date had). */
  async setDays(ctx: Context, districtId: string, days: CalendarDayRecord[]): Promise<void> {
    requirePlatformAdmin(ctx, "change a district's work calendar", districtId);
    if (!(await this.settings(ctx, districtId)))
      throw InputError.single(['input', 'districtId'], 'No district has this ID.', 'NOT_FOUND');
    const problems: InputProblem[] = [];
    if (days.length < 1 || days.length > MAX_SPAN_DAYS)
      problems.push(problem(['input', 'days'], `Give 1 to ${MAX_SPAN_DAYS} days.`));
    const seen = new Set<string>();
    for (const [i, d] of days.entries()) {
      const at = ['input', 'days', String(i)];
      if (seen.has(d.date)) problems.push(problem([...at, 'date'], `${d.date} is listed twice.`));
      seen.add(d.date);
      const year = Number(d.date.slice(0, 4));
      if (year < 2000 || year > 2100)
        problems.push(problem([...at, 'date'], 'Dates are in the years 2000 to 2100.'));
      const name = d.name.trim();
      if (name.length < 1 || name.length > 50)
        problems.push(problem([...at, 'name'], 'A name has 1 to 50 characters, e.g. "国庆节".'));
    }
    if (problems.length) throw new InputError(problems);
    await query(
      ctx,
      `INSERT INTO work_calendar_day (district_id, day, kind, name)
       SELECT $1, d.day, d.kind, d.name FROM jsonb_to_recordset($2::jsonb) AS d(day date, kind text, name text)
       ON CONFLICT (district_id, day) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
      [
        districtId,
        JSON.stringify(days.map((d) => ({ day: d.date, kind: d.kind, name: d.name.trim() }))),
      ],
    );
    await recordEvent(ctx, workCalendarDaysChanged, {
      streetId: null,
      subjectId: districtId,
      payload: { set: days.map((d) => ({ date: d.date, kind: d.kind })), removed: [] },
    });
  },

  /** Removes listed days: they follow their weekday again. */
  async removeDays(ctx: Context, districtId: string, dates: string[]): Promise<void> {
    requirePlatformAdmin(ctx, "change a district's work calendar", districtId);
    if (dates.length < 1 || dates.length > MAX_SPAN_DAYS)
      throw InputError.single(['input', 'dates'], `Give 1 to ${MAX_SPAN_DAYS} dates.`, 'INVALID');
    const removed = await query<{ date: string }>(
      ctx,
      `DELETE FROM work_calendar_day WHERE district_id = $1 AND day = ANY($2::date[]) RETURNING day::text AS date`,
      [districtId, dates],
    );
    const missing = dates.filter((d) => !removed.some((r) => r.date === d));
    if (missing.length)
      throw InputError.single(
        ['input', 'dates'],
        `Not listed in this calendar: ${missing.join(', ')}.`,
        'NOT_FOUND',
      );
    await recordEvent(ctx, workCalendarDaysChanged, {
      streetId: null,
      subjectId: districtId,
      payload: { set: [], removed: dates },
    });
  },
};
