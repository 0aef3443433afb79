/**
 * Working time (工作时间): a district's work hours, weekend days, public holidays and make-up
 * working days (调休) turn "5 work days" into a due time, and an elapsed span into working
 * minutes. Pure arithmetic on one fixed UTC offset (China has one time zone and no daylight
 * saving), so results are exact and testable without a clock.
 */

/** What a listed day is instead of what its weekday says. */
export type DayKind = 'HOLIDAY' | 'WORKDAY';

export interface WorkCalendarSpec {
  /** Work periods of a working day, minutes after local midnight, sorted and apart: [[510, 720], [870, 1050]]. */
  periods: readonly (readonly [number, number])[];
  /** ISO weekdays off (1 = Monday … 7 = Sunday). */
  weekend: readonly number[];
  /** Dates (`YYYY-MM-DD`, local) that are holidays or make-up working days. */
  days: ReadonlyMap<string, DayKind>;
  /** Local time's offset from UTC in minutes (480 for China Standard Time). */
  offsetMinutes: number;
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** No due time lies further than this many days ahead: a calendar without working days ends. */
const MAX_DAYS = 3660;

/** `YYYY-MM-DD` of a local day number (days since 1970-01-01). */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MINUTES * MINUTE).toISOString().slice(0, 10);
}

/** The local day number of a `YYYY-MM-DD` date. */
export function dayOfDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / (DAY_MINUTES * MINUTE));
}

export class WorkingTime {
  /** Minutes of work in a working day. */
  readonly dayMinutes: number;

  constructor(private readonly spec: WorkCalendarSpec) {
    this.dayMinutes = spec.periods.reduce((sum, [start, end]) => sum + (end - start), 0);
  }

  /** Whether a local date is a working day: a make-up day is, a holiday is not, else by weekday. */
  isWorkday(date: string): boolean {
    const listed = this.spec.days.get(date);
    if (listed) return listed === 'WORKDAY';
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    return !this.spec.weekend.includes(weekday);
  }

  /** Local minutes since the epoch. */
  private local(at: Date): number {
    return Math.floor(at.getTime() / MINUTE) + this.spec.offsetMinutes;
  }

  private instant(localMinutes: number): Date {
    return new Date((localMinutes - this.spec.offsetMinutes) * MINUTE);
  }

  /**
   * The moment `minutes` of working time after `start`. A start outside work hours counts from
   * the next work period; the end falls inside a period (the end of one, never the start of the
   * next, when it lands on a boundary). Throws when the calendar has no work left in ten years.
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('minutes must be ≥ 0');
    if (this.dayMinutes === 0) throw new RangeError('the calendar has no work hours');
    const now = this.local(start);
    let day = Math.floor(now / DAY_MINUTES);
    let left = minutes;
    for (let n = 0; n < MAX_DAYS; n++, day++) {
      if (!this.isWorkday(dateOfDay(day))) continue;
      const base = day * DAY_MINUTES;
      for (const [from, to] of this.spec.periods) {
        const begin = Math.max(base + from, now);
        const end = base + to;
        if (begin >= end) continue;
        if (left <= end - begin) return this.instant(begin + left);
        left -= end - begin;
      }
    }
    throw new RangeError('the calendar has no working time within ten years');
  }

  /** Working minutes between two moments (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    const a = this.local(from);
    const b = this.local(to);
    if (b <= a) return 0;
    let total = 0;
    const last = Math.floor(b / DAY_MINUTES);
    for (let day = Math.floor(a / DAY_MINUTES); day <= last; day++) {
      if (!this.isWorkday(dateOfDay(day))) continue;
      const base = day * DAY_MINUTES;
      for (const [start, end] of this.spec.periods) {
        const overlap = Math.min(base + end, b) - Math.max(base + start, a);
        if (overlap > 0) total += overlap;
      }
    }
    return total;
  }

  /** The due time of a limit in work days (a whole working day's minutes each). */
  addWorkDays(start: Date, days: number): Date {
    return this.addWorkingMinutes(start, days * this.dayMinutes);
  }
}

/** `HH:MM` to minutes after midnight; null when it is not a time of day (24:00 allowed as an end). */
export function minutesOf(text: string): number | null {
  const m = /^([01][0-9]|2[0-4]):([0-5][0-9])$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= DAY_MINUTES ? minutes : null;
}

/** Minutes after midnight as `HH:MM`. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
