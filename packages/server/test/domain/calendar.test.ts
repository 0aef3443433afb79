/**
 * Work calendars per district, through the API: the defaults, a district's own work hours,
 * holidays and make-up working days, due times counted on them, who may change them, and clear
 * errors for bad input.
 */
import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let A: StreetActors; // 南街, 西峰区
let B: StreetActors; // a street of 西固区
let xifeng: string;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
  const [d] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM district WHERE code = '621002'`,
  );
  xifeng = gid('District', d!.id);
}, 60_000);
afterAll(() => p.stop());

const as = (actors: StreetActors, role: keyof StreetActors['tokens']) => ({
  as: { token: actors.tokens[role] },
});

const read = `query($start: DateTime!, $minutes: Int!, $from: LocalDate!, $to: LocalDate!) {
  district(code: "621002") { workCalendar {
    workPeriods { start end } weekendDays workMinutesPerDay custom
    days(from: $from, to: $to) { date kind name }
    dueTime(start: $start, workMinutes: $minutes) } } }`;
const update = `mutation($input: UpdateWorkCalendarInput!) { updateWorkCalendar(input: $input) {
  calendar { workPeriods { start end } weekendDays workMinutesPerDay custom } userErrors { field message code } } }`;
const setDays = `mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) {
  calendar { custom } userErrors { field message code } } }`;
const removeDays = `mutation($input: RemoveCalendarDaysInput!) { removeCalendarDays(input: $input) {
  calendar { custom } userErrors { field message code } } }`;

const october = { from: '2026-09-25', to: '2026-10-12' };
/** Wednesday 10:00 China Standard Time, before the National Day week. */
const start = '2026-09-30T02:00:00.000Z';

describe('work calendars', () => {
  it('gives every district the default hours until it sets its own, readable by anyone', async () => {
    const res = await p.gql<any>(read, { start, minutes: 420, ...october }, { as: 'anonymous' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.district.workCalendar).toEqual({
      workPeriods: [
        { start: '08:30', end: '12:00' },
        { start: '14:00', end: '17:30' },
      ],
      weekendDays: [6, 7],
      workMinutesPerDay: 420,
      custom: false,
      days: [],
      // One working day later: Thursday 10:00.
      dueTime: '2026-10-01T02:00:00.000Z',
    });
  });

  it("lets the district's administrator set hours, holidays and make-up days; due times follow", async () => {
    const hours = await p.gql<any>(
      update,
      {
        input: {
          districtId: xifeng,
          workPeriods: [
            { start: '08:30', end: '12:00' },
            { start: '14:30', end: '17:30' },
          ],
        },
      },
      as(A, 'DISTRICT_ADMIN'),
    );
    expect(hours.body.errors).toBeUndefined();
    expect(hours.body.data.updateWorkCalendar).toEqual({
      calendar: {
        workPeriods: [
          { start: '08:30', end: '12:00' },
          { start: '14:30', end: '17:30' },
        ],
        weekendDays: [6, 7],
        workMinutesPerDay: 390,
        custom: true,
      },
      userErrors: [],
    });
    const days = await p.gql<any>(
      setDays,
      {
        input: {
          districtId: xifeng,
          days: [
            ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              date: `2026-10-0${d}`,
              kind: 'HOLIDAY',
              name: '国庆节、中秋节',
            })),
            { date: '2026-10-10', kind: 'WORKDAY', name: '国庆节调休上班' },
          ],
        },
      },
      as(A, 'DISTRICT_ADMIN'),
    );
    expect(days.body.data.setCalendarDays.userErrors).toEqual([]);
    // Two working days from Wednesday 10:00 skip the holiday week: Friday 9 October, 10:00.
    const two = await p.gql<any>(read, { start, minutes: 780, ...october });
    expect(two.body.data.district.workCalendar.dueTime).toBe('2026-10-09T02:00:00.000Z');
    expect(two.body.data.district.workCalendar.days.map((d: any) => [d.date, d.kind])).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => [`2026-10-0${d}`, 'HOLIDAY']),
      ['2026-10-10', 'WORKDAY'],
    ]);
    // Three: the make-up Saturday counts.
    const three = await p.gql<any>(read, { start, minutes: 1170, ...october });
    expect(three.body.data.district.workCalendar.dueTime).toBe('2026-10-10T02:00:00.000Z');
    // Without the holidays, the week is worked again.
    const removed = await p.gql<any>(
      removeDays,
      { input: { districtId: xifeng, dates: ['2026-10-01', '2026-10-02'] } },
      as(A, 'DISTRICT_ADMIN'),
    );
    expect(removed.body.data.removeCalendarDays.userErrors).toEqual([]);
    const after = await p.gql<any>(read, { start, minutes: 780, ...october });
    expect(after.body.data.district.workCalendar.dueTime).toBe('2026-10-02T02:00:00.000Z');
    const events = await p.db.query<{ type: string }>(
      `SELECT type FROM domain_event WHERE type LIKE 'work_calendar.%' ORDER BY id`,
    );
    expect(events.map((e) => e.type)).toEqual([
      'work_calendar.updated',
      'work_calendar.days_changed',
      'work_calendar.days_changed',
    ]);
  });

  it("refuses everyone else: another district's administrator, street administrators, API keys", async () => {
    const input = { districtId: xifeng, weekendDays: [7] };
    for (const [actors, role] of [
      [B, 'DISTRICT_ADMIN'],
      [A, 'STREET_ADMIN'],
      [A, 'INTEGRATION'],
      [A, 'GRID_WORKER'],
    ] as const) {
      const res = await p.gql<any>(update, { input }, as(actors, role));
      expect([role, res.body.errors?.[0]?.extensions.code]).toEqual([role, 'FORBIDDEN']);
    }
    const anonymous = await p.gql<any>(update, { input }, { as: 'anonymous' });
    expect(anonymous.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('names what is wrong with bad input, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [
        { workPeriods: [{ start: '12:00', end: '08:30' }] },
        ['input', 'workPeriods', '0'],
        /ends before it starts/,
      ],
      [
        {
          workPeriods: [
            { start: '08:30', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
        ['input', 'workPeriods', '1'],
        /do not overlap/,
      ],
      [
        { workPeriods: [{ start: '8:30', end: '12:00' }] },
        ['input', 'workPeriods', '0'],
        /"HH:MM"/,
      ],
      [{ workPeriods: [] }, ['input', 'workPeriods'], /1 to 6/],
      [{ weekendDays: [0] }, ['input', 'weekendDays'], /1 \(Monday\) to 7/],
      [
        { weekendDays: [1, 2, 3, 4, 5, 6, 7] },
        ['input', 'weekendDays'],
        /at least one working day/,
      ],
    ];
    for (const [change, field, message] of cases) {
      const res = await p.gql<any>(update, { input: { districtId: xifeng, ...change } });
      const [error] = res.body.data.updateWorkCalendar.userErrors;
      expect([field, error?.field, error?.message]).toEqual([
        field,
        field,
        expect.stringMatching(message),
      ]);
    }
    const twice = await p.gql<any>(setDays, {
      input: {
        districtId: xifeng,
        days: [
          { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
          { date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' },
          { date: '2027-01-02', kind: 'HOLIDAY', name: ' ' },
        ],
      },
    });
    expect(twice.body.data.setCalendarDays.userErrors.map((e: any) => e.field)).toEqual([
      ['input', 'days', '1', 'date'],
      ['input', 'days', '2', 'name'],
    ]);
    const unknown = await p.gql<any>(removeDays, {
      input: { districtId: xifeng, dates: ['2030-05-01'] },
    });
    expect(unknown.body.data.removeCalendarDays.userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Not listed in this calendar: 2030-05-01.',
    });
    const [row] = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_calendar_day WHERE day >= '2027-01-01'`,
    );
    expect(row!.n).toBe(0);
    const span = await p.gql<any>(read, {
      start,
      minutes: 1,
      from: '2026-01-01',
      to: '2027-06-01',
    });
    expect(span.body.errors[0]).toMatchObject({
      message: 'Ask for at most 400 days at once.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const negative = await p.gql<any>(read, { start, minutes: -5, ...october });
    expect(negative.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // Found by the fuzzer: a start in year 1 reached SQL as a date in year 0.
    const ancient = await p.gql<any>(read, {
      start: '0001-01-01T00:00:00Z',
      minutes: 5,
      ...october,
    });
    expect(ancient.body.errors[0]).toMatchObject({
      message: '"start" is outside the years 2000 to 2100.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
