/**
 * Working time: due times across weekends, public holidays and make-up working days (调休), in
 * China Standard Time. The fixture's holiday week and make-up Saturday follow the pattern of the
 * National Day holiday; the calendar itself is each district's to edit.
 */
import {
  WorkingTime,
  minutesOf,
  timeOf,
  type DayKind,
} from '../../src/domain/calendar/working-time';

const days = new Map<string, DayKind>([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d): [string, DayKind] => [
    `2026-10-${d}`,
    'HOLIDAY',
  ]),
  ['2026-10-10', 'WORKDAY'], // a Saturday
]);
// 08:30–12:00 and 14:30–17:30: 390 working minutes a day.
const calendar = new WorkingTime({
  periods: [
    [510, 720],
    [870, 1050],
  ],
  weekend: [6, 7],
  days,
  offsetMinutes: 480,
});
/** A moment given in China Standard Time. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('working time', () => {
  it('has a working day of the periods summed', () => {
    expect(calendar.dayMinutes).toBe(390);
  });

  it('carries what a day cannot hold over the weekend', () => {
    // Friday 16:30: an hour left that day, then Monday.
    expect(calendar.addWorkDays(cst('2026-09-25T16:30:00'), 1)).toEqual(cst('2026-09-28T16:30:00'));
  });

  it('skips a holiday week', () => {
    expect(calendar.addWorkDays(cst('2026-09-30T10:00:00'), 2)).toEqual(cst('2026-10-09T10:00:00'));
  });

  it('works on a make-up Saturday', () => {
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
    expect(calendar.addWorkDays(cst('2026-10-09T10:00:00'), 1)).toEqual(cst('2026-10-10T10:00:00'));
  });

  it('starts outside work hours at the next period, and ends at a period end, not the next start', () => {
    expect(calendar.addWorkingMinutes(cst('2026-09-26T09:00:00'), 30)).toEqual(
      cst('2026-09-28T09:00:00'),
    );
    expect(calendar.addWorkingMinutes(cst('2026-09-28T12:30:00'), 0)).toEqual(
      cst('2026-09-28T14:30:00'),
    );
    expect(calendar.addWorkingMinutes(cst('2026-09-28T08:30:00'), 210)).toEqual(
      cst('2026-09-28T12:00:00'),
    );
  });

  it('measures working minutes between two moments, the inverse of adding them', () => {
    const pairs: [string, number][] = [
      ['2026-09-25T16:30:00', 390],
      ['2026-09-30T10:00:00', 780],
      ['2026-10-09T10:00:00', 390],
      ['2026-09-28T08:30:00', 210],
      ['2026-09-26T09:00:00', 30],
      ['2026-09-29T11:17:00', 1234],
    ];
    for (const [start, minutes] of pairs) {
      const due = calendar.addWorkingMinutes(cst(start), minutes);
      expect([start, calendar.workingMinutesBetween(cst(start), due)]).toEqual([start, minutes]);
    }
    expect(
      calendar.workingMinutesBetween(cst('2026-10-02T09:00:00'), cst('2026-10-04T09:00:00')),
    ).toBe(0);
    expect(
      calendar.workingMinutesBetween(cst('2026-10-09T10:00:00'), cst('2026-10-09T09:00:00')),
    ).toBe(0);
  });

  it('refuses what cannot be computed', () => {
    const never = new WorkingTime({
      periods: [[510, 720]],
      weekend: [1, 2, 3, 4, 5, 6, 7],
      days: new Map(),
      offsetMinutes: 480,
    });
    expect(() => never.addWorkDays(cst('2026-09-28T09:00:00'), 1)).toThrow(/no working time/);
    expect(() => calendar.addWorkingMinutes(cst('2026-09-28T09:00:00'), -1)).toThrow(RangeError);
  });

  it('reads and writes times of day', () => {
    expect(minutesOf('08:30')).toBe(510);
    expect(minutesOf('24:00')).toBe(1440);
    expect(['8:30', '24:01', '12:60', 'noon', ''].map(minutesOf)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(timeOf(1050)).toBe('17:30');
  });
});
