/**
 * Cases through the API: the closed loop from report to closure, the rework loop, the whistle,
 * postponement and suspension on working time, escalation, merge and reopen, cancel, rating,
 * every illegal transition from every state, stale versions, idempotent reports, who sees and
 * does what, and bad input that writes nothing.
 */
import { CASE_ACTIONS, TRANSITIONS } from '../../src/domain/case/case.rules';
import { CASE_STATUSES } from '../../src/domain/case/case.entity';
import { gid, streetActors, type StreetActors } from '../actors';
import {
  caseActors,
  caseClient,
  extraFor,
  reportInput,
  workAllDay,
  type CaseActors,
  type CaseView,
} from '../cases';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let A: StreetActors; // 南街, 西峰区
let B: StreetActors; // a street of 西固区
let C: CaseActors;
let districtId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
  C = await caseActors(p, A);
  const [d] = await p.db.query<{ id: string }>(
    `SELECT district_id::text AS id FROM street WHERE id = $1`,
    [A.streetId],
  );
  districtId = d!.id;
  await workAllDay(p, districtId);
}, 60_000);
afterAll(() => p.stop());

const grid = () => caseClient(p, A.tokens.GRID_WORKER);
const intake = () => caseClient(p, C.intake);
const dispatcher = () => caseClient(p, C.dispatcher);
const shiftLead = () => caseClient(p, C.shiftLead);
const inspector = () => caseClient(p, C.inspector);
const admin = () => caseClient(p, A.tokens.STREET_ADMIN);
const department = () => caseClient(p, A.tokens.DEPARTMENT_STAFF);
const department2 = () => caseClient(p, C.departments[0]!.token);
const department3 = () => caseClient(p, C.departments[1]!.token);

/** Runs an action and expects it to succeed; answers the case after it. */
async function ok(client: ReturnType<typeof caseClient>, action: string, c: CaseView, extra = {}) {
  const r = await client.act(action, c, { ...extraFor(action, A, C), ...extra });
  expect(r.userErrors).toEqual([]);
  expect(r.case!.version).toBe(c.version + 1);
  return r.case!;
}

async function reported(extra: Record<string, unknown> = {}): Promise<CaseView> {
  const res = await grid().report(reportInput(A, C, extra));
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.reportCase.userErrors).toEqual([]);
  return res.body.data.reportCase.case;
}

async function dispatched(departmentIds = [A.ids.department]): Promise<CaseView> {
  const c = await ok(intake(), 'ACCEPT', await reported());
  return ok(dispatcher(), 'DISPATCH', c, {
    departmentIds: departmentIds.map((id) => gid('Organization', id)),
  });
}

async function verifying(): Promise<CaseView> {
  let c = await dispatched();
  c = await ok(department(), 'ACKNOWLEDGE', c);
  c = await ok(department(), 'START', c);
  return ok(department(), 'RESOLVE', c);
}

describe('the closed loop', () => {
  it('runs report → accept → dispatch → acknowledge → start → resolve → verify → rate, each on the timeline', async () => {
    let c = await reported({ description: '小区东门消防通道被占', address: '南街 12 号' });
    expect(c.status).toBe('REPORTED');
    expect(c.version).toBe(1);
    expect(c.source).toBe('PATROL');
    expect(c.level).toBe('GRID');
    // Street code, local date, four-digit sequence.
    expect(c.number).toMatch(/^621002001\d{8}\d{4}$/);
    c = await ok(intake(), 'ACCEPT', c);
    expect(c.status).toBe('ACCEPTED');
    c = await ok(dispatcher(), 'DISPATCH', c);
    expect(c.status).toBe('DISPATCHED');
    expect(c.departments).toEqual([
      expect.objectContaining({
        state: 'DISPATCHED',
        department: { id: gid('Organization', A.ids.department) },
      }),
    ]);
    c = await ok(department(), 'ACKNOWLEDGE', c);
    expect(c.departments[0].state).toBe('ACKNOWLEDGED');
    expect(c.departments[0].acknowledgedLate).toBe(false);
    c = await ok(department(), 'START', c);
    expect(c.status).toBe('IN_PROGRESS');
    c = await ok(department(), 'RESOLVE', c);
    expect(c.status).toBe('VERIFYING');
    expect(c.resolvedAt).not.toBeNull();
    c = await ok(inspector(), 'VERIFY', c, { passed: true, note: '现场核查 已清理' });
    expect(c.status).toBe('CLOSED');
    expect(c.closedAt).not.toBeNull();
    // The grid worker reported it: they rate it.
    c = await ok(grid(), 'RATE', c, { rating: 'SATISFIED', comment: '处理及时' });
    expect(c.rating).toBe('SATISFIED');

    const seen = await admin().get(c.id);
    expect(seen!.timeline.nodes.map((e: any) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['REPORT', null, 'REPORTED'],
      ['ACCEPT', 'REPORTED', 'ACCEPTED'],
      ['DISPATCH', 'ACCEPTED', 'DISPATCHED'],
      ['ACKNOWLEDGE', 'DISPATCHED', 'DISPATCHED'],
      ['START', 'DISPATCHED', 'IN_PROGRESS'],
      ['RESOLVE', 'IN_PROGRESS', 'VERIFYING'],
      ['VERIFY', 'VERIFYING', 'CLOSED'],
      ['RATE', 'CLOSED', 'CLOSED'],
    ]);
    expect(seen!.timeline.nodes[6].note).toBe('现场核查 已清理');
    // Each change is a typed event in the stream.
    const events = await p.db.query<{ type: string }>(
      `SELECT type FROM domain_event WHERE subject_type = 'Case' AND subject_id = $1 ORDER BY id`,
      [seen!.id ? Buffer.from(seen!.id, 'base64url').toString().split(':')[1] : ''],
    );
    expect(events.map((e) => e.type)).toEqual([
      'case.reported',
      'case.accepted',
      'case.dispatched',
      'case.acknowledged',
      'case.started',
      'case.resolved',
      'case.verified',
      'case.rated',
    ]);
  });

  it('numbers cases of a street and day without gaps, even when a report fails', async () => {
    const first = await reported();
    const bad = await grid().report(reportInput(A, C, { title: 'x'.repeat(201) }));
    expect(bad.body.data.reportCase.userErrors[0].field).toEqual(['input', 'title']);
    const second = await reported();
    expect(Number(second.number.slice(-4))).toBe(Number(first.number.slice(-4)) + 1);
    expect(second.number.slice(0, -4)).toBe(first.number.slice(0, -4));
  });

  it('loops back for rework when verification fails, and counts it', async () => {
    let c = await verifying();
    const failed = await inspector().act('VERIFY', c, { passed: false });
    expect(failed.userErrors).toEqual([
      {
        field: ['input', 'note'],
        message: 'Say what is still wrong when a verification fails.',
        code: 'REQUIRED',
      },
    ]);
    c = await ok(inspector(), 'VERIFY', c, { passed: false, note: '仍有车辆占道' });
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.reworkCount).toBe(1);
    expect(c.departments[0].state).toBe('IN_PROGRESS');
    c = await ok(department(), 'RESOLVE', c);
    c = await ok(inspector(), 'VERIFY', c, { passed: true });
    expect(c.status).toBe('CLOSED');
  });

  it('resolves small things in the grid (小事不出网格), verified by an inspector', async () => {
    let c = await ok(intake(), 'ACCEPT', await reported());
    c = await ok(grid(), 'RESOLVE_ON_THE_SPOT', c, { resolution: '已劝离' });
    expect(c.status).toBe('VERIFYING');
    c = await ok(inspector(), 'VERIFY', c, { passed: false, note: '又停回来了' });
    expect(c.status).toBe('ACCEPTED');
  });
});

describe('the whistle (吹哨报到)', () => {
  it('waits for every department still on it; one late to acknowledge, one returning', async () => {
    let c = await dispatched([A.ids.department, C.departments[0]!.id, C.departments[1]!.id]);
    expect(c.departments.map((d: any) => d.state)).toEqual([
      'DISPATCHED',
      'DISPATCHED',
      'DISPATCHED',
    ]);
    // The second department's acknowledge time passes.
    await p.db.query(
      `UPDATE case_department SET acknowledge_due_at = now() - interval '1 hour'
       WHERE department_id = $1 AND state = 'DISPATCHED'`,
      [C.departments[0]!.id],
    );
    c = (await admin().get(c.id))!;
    expect(c.departments[1].acknowledgedLate).toBe(true);
    c = await ok(department(), 'START', c);
    c = await ok(department2(), 'ACKNOWLEDGE', c);
    expect(c.departments[1].acknowledgedLate).toBe(true);
    c = await ok(department2(), 'START', c);
    // The third returns it: not theirs.
    const noReason = await department3().act('RETURN', c, { reason: '  ' });
    expect(noReason.userErrors[0]).toMatchObject({ field: ['input', 'reason'], code: 'INVALID' });
    c = await ok(department3(), 'RETURN', c, { reason: '不属于环卫职责' });
    expect(c.returnCount).toBe(1);
    expect(c.departments[2].state).toBe('RETURNED');
    expect(c.status).toBe('IN_PROGRESS');
    // A returned department still reads the case, and can do nothing more with it.
    const after = await department3().act('RESOLVE', c, { resolution: 'x' });
    expect(after.userErrors[0]).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a department it was dispatched to may resolve this case.',
    });
    c = await ok(department(), 'RESOLVE', c);
    expect(c.status).toBe('IN_PROGRESS');
    c = await ok(department2(), 'RESOLVE', c);
    expect(c.status).toBe('VERIFYING');
  });

  it('goes back to the dispatcher when the only department returns it', async () => {
    let c = await dispatched();
    c = await ok(department(), 'RETURN', c, { reason: '非本部门职责' });
    expect(c.status).toBe('ACCEPTED');
    c = await ok(dispatcher(), 'DISPATCH', c, {
      departmentIds: [gid('Organization', C.departments[0]!.id)],
    });
    expect(c.departments.map((d: any) => d.state)).toEqual(['RETURNED', 'DISPATCHED']);
  });

  it('refuses a dispatch to what is not a department of the street', async () => {
    const c = await ok(intake(), 'ACCEPT', await reported());
    const r = await dispatcher().act('DISPATCH', c, {
      departmentIds: [
        gid('Organization', A.ids.communityOrg),
        gid('Organization', B.ids.department),
      ],
    });
    expect(r.userErrors[0]).toMatchObject({
      field: ['input', 'departmentIds', '0'],
      code: 'INVALID',
    });
    const twice = await dispatcher().act('DISPATCH', c, {
      departmentIds: [gid('Organization', A.ids.department), gid('Organization', A.ids.department)],
    });
    expect(twice.userErrors[0]).toMatchObject({
      field: ['input', 'departmentIds'],
      message: 'A department is named twice.',
    });
    const none = await dispatcher().act('DISPATCH', c, { departmentIds: [] });
    expect(none.userErrors[0]!.message).toBe('Dispatch to at least one department.');
  });
});

/** The local (UTC+8) date of a moment, YYYY-MM-DD. */
const localDate = (iso: string, plusDays = 0) =>
  new Date(Date.parse(iso) + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
const isoWeekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe('working time', () => {
  it('moves due times by postponement and suspension over a weekend, a holiday and a make-up working day', async () => {
    // Weekends off, all day worked otherwise: a due time moves by whole working days. Changed
    // through the API, so this instance reads the new calendar at once.
    const district = gid('District', districtId);
    const calendar = async (mutation: string, input: Record<string, unknown>) => {
      const res = await p.gql<any>(
        `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { userErrors { message } } }`,
        { input: { districtId: district, ...input } },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data[mutation].userErrors).toEqual([]);
    };
    await calendar('updateWorkCalendar', {
      workPeriods: [{ start: '00:00', end: '24:00' }],
      weekendDays: [6, 7],
    });
    let holiday = '';
    let makeUp = '';
    try {
      let c = await dispatched();
      c = await ok(department(), 'START', c);
      const due = c.dueAt as string;
      // The day after the due day is a holiday, and the first Saturday after it a make-up day.
      holiday = localDate(due, 1);
      makeUp = localDate(due, 2);
      while (isoWeekday(makeUp) !== 6) makeUp = localDate(`${makeUp}T00:00:00+08:00`, 1);
      await calendar('setCalendarDays', {
        days: [
          { date: holiday, kind: 'HOLIDAY', name: '测试假日' },
          { date: makeUp, kind: 'WORKDAY', name: '调休' },
        ],
      });

      // Three working days later, counting from the due time: skip the holiday and days off.
      const expected = (from: string, days: number) => {
        let date = localDate(from);
        let left = days;
        while (left > 0) {
          date = localDate(`${date}T00:00:00+08:00`, 1);
          const off = date === holiday || (isoWeekday(date) >= 6 && date !== makeUp);
          if (!off) left--;
        }
        return new Date(
          Date.parse(
            `${date}T${new Date(Date.parse(from) + 8 * 3600_000).toISOString().slice(11, 23)}Z`,
          ) -
            8 * 3600_000,
        ).toISOString();
      };
      c = await ok(department(), 'REQUEST_POSTPONEMENT', c, {
        workMinutes: 3 * 1440,
        reason: '等待材料',
      });
      expect(c.pendingPostponement).toEqual({ workMinutes: 4320 });
      expect(c.dueAt).toBe(due);
      c = await ok(shiftLead(), 'DECIDE_POSTPONEMENT', c, { approved: true });
      expect(c.pendingPostponement).toBeNull();
      expect(c.postponeCount).toBe(1);
      expect(c.dueAt).toBe(expected(due, 3));
      expect(c.departments[0].dueAt).toBe(c.dueAt);

      // Suspension stops the clock: the working time it spends suspended moves the due time.
      const beforeSuspend = c.dueAt as string;
      c = await ok(shiftLead(), 'SUSPEND', c, { reason: '需列入预算' });
      expect(c.status).toBe('SUSPENDED');
      expect(c.isOverdue).toBe(false);
      // Say it was suspended three days ago, over the holiday.
      await p.db.query(
        `UPDATE case_file SET suspended_at = suspended_at - interval '3 days' WHERE number = $1`,
        [c.number],
      );
      const [since] = await p.db.query<{ at: Date }>(
        `SELECT suspended_at AS at FROM case_file WHERE number = $1`,
        [c.number],
      );
      c = await ok(shiftLead(), 'RESUME', c);
      expect(c.status).toBe('IN_PROGRESS');
      const between = await p.gql<any>(
        `query($from: DateTime!, $to: DateTime!) { district(code: "621002") { workCalendar {
           workingMinutesBetween(from: $from, to: $to) } } }`,
        { from: since!.at.toISOString(), to: new Date().toISOString() },
      );
      const paused = between.body.data.district.workCalendar.workingMinutesBetween as number;
      // Three days with a holiday or a weekend day among them count less than 3 × 1440.
      expect(paused).toBeLessThanOrEqual(3 * 1440);
      const moved = await p.gql<any>(
        `query($start: DateTime!, $minutes: Int!) { district(code: "621002") { workCalendar {
           dueTime(start: $start, workMinutes: $minutes) } } }`,
        { start: beforeSuspend, minutes: paused },
      );
      const want = Date.parse(moved.body.data.district.workCalendar.dueTime);
      expect(Math.abs(Date.parse(c.dueAt) - want)).toBeLessThan(5_000);
      expect(Date.parse(c.dueAt)).toBeGreaterThan(Date.parse(beforeSuspend));
    } finally {
      if (holiday) await calendar('removeCalendarDays', { dates: [holiday, makeUp] });
      await calendar('updateWorkCalendar', { weekendDays: [] });
    }
  }, 60_000);

  it('refuses a postponement decision when none was asked for, and refusing keeps the due time', async () => {
    let c = await dispatched();
    c = await ok(department(), 'START', c);
    const none = await shiftLead().act('DECIDE_POSTPONEMENT', c, { approved: true });
    expect(none.userErrors[0]!.code).toBe('ILLEGAL_TRANSITION');
    expect(none.userErrors[0]!.message).toMatch(
      /^No postponement is waiting for a decision\. Allowed now: /,
    );
    c = await ok(department(), 'REQUEST_POSTPONEMENT', c, { workMinutes: 60, reason: '等待' });
    const due = c.dueAt;
    c = await ok(shiftLead(), 'DECIDE_POSTPONEMENT', c, { approved: false });
    expect(c.dueAt).toBe(due);
    expect(c.postponeCount).toBe(0);
  });
});

describe('levels, owners, categories', () => {
  it('escalates grid → community → street, and no further', async () => {
    let c = await reported();
    c = await ok(grid(), 'ESCALATE', c);
    expect(c.level).toBe('COMMUNITY');
    c = await ok(caseClient(p, A.tokens.COMMUNITY_STAFF), 'ESCALATE', c);
    expect(c.level).toBe('STREET');
    const again = await admin().act('ESCALATE', c);
    expect(again.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(again.userErrors[0]!.message).toMatch(
      /^The case is at street level already\. Allowed now: ACCEPT, REJECT/,
    );
  });

  it('reassigns to staff of the street only', async () => {
    const c = await reported();
    const [u] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM app_user WHERE username = $1`,
      [`community_staff.${A.code}`],
    );
    const done = await ok(shiftLead(), 'REASSIGN', c, { ownerId: gid('User', u!.id) });
    expect(done.version).toBe(2);
    const [resident] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM app_user WHERE username = $1`,
      [`resident.${A.code}`],
    );
    const r = await shiftLead().act('REASSIGN', done, { ownerId: gid('User', resident!.id) });
    expect(r.userErrors[0]).toMatchObject({ field: ['input', 'ownerId'], code: 'NOT_FOUND' });
  });

  it('recategorizes onto the new category’s limits', async () => {
    let c = await ok(intake(), 'ACCEPT', await reported());
    c = await ok(intake(), 'RECATEGORIZE', c, {
      categoryId: gid('CaseCategory', C.category.stall),
    });
    const seen = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Case { category { code } rules { timeLimits { urgency workMinutes } } allowedWorkMinutes } } }`,
      { id: c.id },
    );
    const rules = seen.body.data.node;
    expect(rules.category.code).toBe('0501');
    expect(rules.allowedWorkMinutes).toBe(
      rules.rules.timeLimits.find((l: any) => l.urgency === 'B').workMinutes,
    );
    const major = await intake().act('RECATEGORIZE', c, {
      categoryId: gid('CaseCategory', C.category.major),
    });
    expect(major.userErrors[0]!.message).toMatch(/is a major class \(大类\)/);
  });
});

describe('merge, reopen, cancel, rate', () => {
  it('merges a duplicate into the case that stays, which records it', async () => {
    const stays = await reported();
    let dup = await reported();
    dup = await ok(intake(), 'MERGE', dup, { intoCaseId: stays.id });
    expect(dup.status).toBe('CANCELLED');
    expect(dup.mergedInto).toEqual({ id: stays.id });
    const kept = await admin().get(stays.id);
    expect(kept!.version).toBe(1);
    expect(kept!.timeline.nodes.map((e: any) => e.action)).toEqual(['REPORT', 'MERGE']);
    const self = await intake().act('MERGE', stays, { intoCaseId: stays.id });
    expect(self.userErrors[0]!.message).toBe('A case cannot be merged into itself.');
    const intoClosed = await intake().act('MERGE', stays, { intoCaseId: dup.id });
    expect(intoClosed.userErrors[0]!.message).toBe(
      'Merge into an open case: this one is CANCELLED.',
    );
  });

  it('reopens a closed case back to its departments, on a new clock', async () => {
    let c = await ok(inspector(), 'VERIFY', await verifying(), { passed: true });
    c = await ok(shiftLead(), 'REOPEN', c, { reason: '居民反映问题复发' });
    expect(c.status).toBe('IN_PROGRESS');
    expect(c.reopenCount).toBe(1);
    expect(c.closedAt).toBeNull();
    expect(c.departments[0].state).toBe('IN_PROGRESS');
  });

  it('cancels an open case and withdraws its departments', async () => {
    let c = await dispatched();
    c = await ok(shiftLead(), 'CANCEL', c, { reason: '重复上报' });
    expect(c.status).toBe('CANCELLED');
    expect(c.departments[0].state).toBe('WITHDRAWN');
    const r = await department().act('ACKNOWLEDGE', c);
    expect(r.userErrors[0]!.code).toBe('ILLEGAL_TRANSITION');
  });

  it('lets only the reporter rate, once', async () => {
    let c = await ok(inspector(), 'VERIFY', await verifying(), { passed: true });
    const other = await admin().act('RATE', c, { rating: 'SATISFIED' });
    expect(other.userErrors[0]).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only its reporter may rate this case.',
    });
    c = await ok(grid(), 'RATE', c, { rating: 'DISSATISFIED' });
    const twice = await grid().act('RATE', c, { rating: 'SATISFIED' });
    expect(twice.userErrors[0]!.message).toMatch(/^The case is rated already\./);
  });
});

describe('the state machine', () => {
  /** A case in each state, by the shortest legal path. */
  async function inState(status: string): Promise<CaseView> {
    switch (status) {
      case 'REPORTED':
        return reported();
      case 'ACCEPTED':
        return ok(intake(), 'ACCEPT', await reported());
      case 'REJECTED':
        return ok(intake(), 'REJECT', await reported());
      case 'DISPATCHED':
        return dispatched();
      case 'IN_PROGRESS':
        return ok(department(), 'START', await dispatched());
      case 'SUSPENDED':
        return ok(shiftLead(), 'SUSPEND', await ok(department(), 'START', await dispatched()));
      case 'VERIFYING':
        return verifying();
      case 'CLOSED':
        return ok(inspector(), 'VERIFY', await verifying(), { passed: true });
      case 'CANCELLED':
        return ok(shiftLead(), 'CANCEL', await reported());
    }
    throw new Error(status);
  }

  it('refuses every action its table does not allow from each state, naming what is allowed', async () => {
    let refused = 0;
    for (const status of CASE_STATUSES) {
      const c = await inState(status);
      expect(c.status).toBe(status);
      for (const action of CASE_ACTIONS.filter((a) => !TRANSITIONS[a].from.includes(status))) {
        const r = await admin().act(action, c, extraFor(action, A, C, c));
        expect([action, status, r.userErrors[0]?.code]).toEqual([
          action,
          status,
          'ILLEGAL_TRANSITION',
        ]);
        expect(r.userErrors[0]!.message).toContain(`A case that is ${status} cannot be`);
        expect(r.case).toBeNull();
        refused++;
      }
      // Nothing was written by the refusals.
      expect((await admin().get(c.id))!.version).toBe(c.version);
    }
    expect(refused).toBeGreaterThan(100);
  }, 120_000);

  it('answers the actions the caller may take now', async () => {
    const c = await reported();
    // Intake staff of the community may also escalate, as community staff.
    expect((await intake().get(c.id))!.allowedActions).toEqual([
      'ACCEPT',
      'REJECT',
      'ESCALATE',
      'RECATEGORIZE',
      'MERGE',
    ]);
    expect((await grid().get(c.id))!.allowedActions).toEqual(['ESCALATE']);
    expect((await admin().get(c.id))!.allowedActions).toEqual([
      'ACCEPT',
      'REJECT',
      'ESCALATE',
      'REASSIGN',
      'RECATEGORIZE',
      'CANCEL',
      'MERGE',
    ]);
  });

  it('lets one of two concurrent changes of one version through; the other is a CONFLICT', async () => {
    const c = await reported();
    const [x, y] = await Promise.all([
      intake().act('ACCEPT', c),
      shiftLead().act('REJECT', c, { reason: '不属实' }),
    ]);
    const codes = [x, y].map((r) => r.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const conflict = [x, y].find((r) => r.userErrors.length)!;
    expect(conflict.userErrors[0]).toMatchObject({ field: ['input', 'version'] });
    expect(conflict.userErrors[0]!.message).toMatch(
      /^The case changed since you read it: it is at version 2, you sent 1\./,
    );
    expect((await admin().get(c.id))!.timeline.nodes).toHaveLength(2);
  });
});

describe('idempotent reports', () => {
  it('answers a retry with the first result, and refuses the key for another report', async () => {
    const input = reportInput(A, C, { idempotencyKey: 'patrol-2026-001' });
    const first = await grid().report(input);
    const again = await grid().report(input);
    expect(again.body.data.reportCase.replayed).toBe(true);
    expect(again.body.data.reportCase.case.id).toBe(first.body.data.reportCase.case.id);
    expect(first.body.data.reportCase.replayed).toBe(false);
    const other = await grid().report({ ...input, title: '另一件事' });
    expect(other.body.data.reportCase.userErrors).toEqual([
      {
        field: ['input', 'idempotencyKey'],
        message:
          'This idempotency key was used for a different report; use a new key for a new report.',
        code: 'CONFLICT',
      },
    ]);
    // Another caller's key is their own.
    const theirs = await caseClient(p, A.tokens.STREET_ADMIN).report(input);
    expect(theirs.body.data.reportCase.replayed).toBe(false);
  });

  it('writes one case for concurrent retries', async () => {
    const input = reportInput(A, C, { idempotencyKey: 'concurrent-1' });
    const results = await Promise.all([1, 2, 3, 4].map(() => grid().report(input)));
    const ids = new Set(results.map((r) => r.body.data.reportCase.case.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.body.data.reportCase.replayed)).toHaveLength(3);
  });
});

describe('who sees and does what', () => {
  const list = (token: string) =>
    p.gql<any>(`{ cases(first: 100) { totalCount nodes { id } } }`, {}, { as: { token } });

  it('shows a department only what was dispatched to it, and lets it act only on that', async () => {
    const mine = await dispatched();
    const notMine = await ok(intake(), 'ACCEPT', await reported());
    const seen = (await list(A.tokens.DEPARTMENT_STAFF)).body.data.cases.nodes.map(
      (n: any) => n.id,
    );
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(notMine.id);
    const r = await department().act('ACKNOWLEDGE', notMine);
    expect(r.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_FOUND' });
  });

  it('shows residents their own reports, which they rate', async () => {
    const resident = caseClient(p, A.tokens.RESIDENT);
    const res = await resident.report(reportInput(A, C, { title: '楼道灯坏了' }));
    expect(res.body.data.reportCase.userErrors).toEqual([]);
    const own = res.body.data.reportCase.case;
    expect(own.source).toBe('RESIDENT');
    const someoneElses = await reported();
    const seen = (await list(A.tokens.RESIDENT)).body.data.cases.nodes.map((n: any) => n.id);
    expect(seen).toEqual([own.id]);
    expect(seen).not.toContain(someoneElses.id);
    const asHotline = await resident.report(reportInput(A, C, { source: 'HOTLINE' }));
    expect(asHotline.body.data.reportCase.userErrors[0]).toMatchObject({
      field: ['input', 'source'],
    });
  });

  it("shows a grid worker their subtree, and another street nothing of this one's", async () => {
    const inUnit = await reported();
    const elsewhere = await caseClient(p, A.tokens.STREET_ADMIN).report(
      reportInput(A, C, { gridId: gid('Grid', A.ids.otherCommunity) }),
    );
    const outside = elsewhere.body.data.reportCase.case;
    const seen = (await list(A.tokens.GRID_WORKER)).body.data.cases.nodes.map((n: any) => n.id);
    expect(seen).toContain(inUnit.id);
    expect(seen).not.toContain(outside.id);
    expect((await list(B.tokens.STREET_ADMIN)).body.data.cases.totalCount).toBe(0);
    const r = await caseClient(p, B.tokens.STREET_ADMIN).act('ACCEPT', inUnit);
    expect(r.userErrors[0]).toMatchObject({ code: 'NOT_FOUND' });
    // Nor may it report into this street's grid.
    const into = await caseClient(p, B.tokens.STREET_ADMIN).report(reportInput(A, C));
    expect(into.body.data.reportCase.userErrors[0]).toMatchObject({
      field: ['input', 'gridId'],
      code: 'NOT_FOUND',
    });
  });

  it('lets only staff with the duty take a duty’s action', async () => {
    const c = await reported();
    const r = await dispatcher().act('ACCEPT', c);
    expect(r.userErrors[0]).toEqual({
      field: ['input', 'id'],
      message:
        "Only intake staff (受理员), shift leads (值班长), the street's administrators may accept this case.",
      code: 'FORBIDDEN',
    });
  });
});

describe('bad input', () => {
  const count = async () =>
    Number((await p.db.query<{ n: string }>(`SELECT count(*) AS n FROM case_file`))[0]!.n);

  it('names each field at fault and writes nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ categoryId: gid('CaseCategory', '999999') }, ['input', 'categoryId'], /No case category/],
      [
        { categoryId: gid('CaseCategory', C.category.major) },
        ['input', 'categoryId'],
        /major class/,
      ],
      [
        { gridId: gid('Grid', B.ids.unit) },
        ['input', 'gridId'],
        /No grid with this ID exists in this street/,
      ],
      [{ title: '  ' }, ['input', 'title'], /title is required/],
      [{ description: '长'.repeat(5001) }, ['input', 'description'], /at most 5000/],
      [
        {
          attachments: [
            { url: 'https://files.example/a.jpg', type: 'image/jpeg', size: 10, checksum: 'abc' },
          ],
        },
        ['input', 'attachments', '0', 'checksum'],
        /sha256/,
      ],
      [
        {
          attachments: [
            { url: 'ftp://x', type: 'image/jpeg', size: 10, checksum: `sha256:${'0'.repeat(64)}` },
          ],
        },
        ['input', 'attachments', '0', 'url'],
        /http\(s\) URL/,
      ],
      [{ location: { lng: 200, lat: 30 } }, ['input', 'longitude'], /between -180 and 180/],
      [{ externalReference: 'x'.repeat(101) }, ['input', 'externalReference'], /at most 100/],
    ];
    for (const [extra, field, message] of cases) {
      const res = await grid().report(reportInput(A, C, extra));
      expect(res.body.errors).toBeUndefined();
      const [error] = res.body.data.reportCase.userErrors;
      expect([field, error?.field, error?.message]).toEqual([
        field,
        field,
        expect.stringMatching(message),
      ]);
      expect(res.body.data.reportCase.case).toBeNull();
    }
    expect(await count()).toBe(before);
  });

  it('refuses a second case with an integrator’s reference, in that street', async () => {
    const api = caseClient(p, A.tokens.INTEGRATION);
    const first = await api.report(
      reportInput(A, C, { externalReference: 'wx-12345', source: 'INTEGRATION' }),
    );
    expect(first.body.data.reportCase.case.source).toBe('INTEGRATION');
    const again = await api.report(reportInput(A, C, { externalReference: 'wx-12345' }));
    expect(again.body.data.reportCase.userErrors[0]).toMatchObject({
      field: ['input', 'externalReference'],
      code: 'TAKEN',
    });
  });

  it('answers a malformed ID or a missing version as a clear error', async () => {
    const c = await reported();
    const res = await p.gql<any>(
      `mutation { acceptCase(input: { id: "nope", version: 1 }) { userErrors { field message code } } }`,
      {},
      { as: { token: C.intake } },
    );
    expect(res.body.data.acceptCase.userErrors[0]).toMatchObject({ field: ['input', 'id'] });
    const noVersion = await p.gql<any>(
      `mutation($id: ID!) { acceptCase(input: { id: $id }) { userErrors { message } } }`,
      { id: c.id },
      { as: { token: C.intake } },
    );
    expect(noVersion.body.errors[0].message).toMatch(/version/);
    expect(noVersion.status).toBe(400);
  });
});

describe('queries', () => {
  it('filters by status, category, urgency, grid subtree, department, overdue and Chinese text; orders by due time', async () => {
    const a = await reported({ title: '店外经营 占用人行道', urgency: 'A' });
    await reported({ title: '井盖缺失', urgency: 'C' });
    const q = `query($f: CaseFilterInput, $o: CaseOrder) { cases(first: 100, filter: $f, orderBy: $o) { totalCount nodes { id title urgency status dueAt } } }`;
    const run = async (f: Record<string, unknown>, o?: Record<string, unknown>) => {
      const res = await p.gql<any>(q, { f, o }, { as: { token: A.tokens.STREET_ADMIN } });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.cases;
    };
    const text = await run({ search: '人行道' });
    expect(text.nodes.map((n: any) => n.id)).toEqual([a.id]);
    expect((await run({ urgencies: ['A'], search: '店外' })).totalCount).toBe(1);
    const all = await run({ statuses: ['REPORTED'] });
    const dues = all.nodes.map((n: any) => n.dueAt);
    expect(dues).toEqual([...dues].sort());
    expect((await run({ gridId: gid('Grid', A.ids.community), search: '井盖' })).totalCount).toBe(
      1,
    );
    expect(
      (await run({ gridId: gid('Grid', A.ids.otherCommunity), search: '井盖' })).totalCount,
    ).toBe(0);
    expect(
      (await run({ categoryIds: [gid('CaseCategory', C.category.major)], search: '井盖' }))
        .totalCount,
    ).toBe(0);
    const byNumber = await p.gql<any>(`query($n: String!) { caseByNumber(number: $n) { id } }`, {
      n: a.number,
    });
    expect(byNumber.body.data.caseByNumber.id).toBe(a.id);
    const bad = await p.gql<any>(q, {
      f: { reportedFrom: '2026-02-01T00:00:00Z', reportedTo: '2026-01-01T00:00:00Z' },
    });
    expect(bad.body.errors[0].message).toBe(
      '"filter.reportedFrom" must not be after "filter.reportedTo".',
    );
  });

  it('offers open cases of the same category nearby as duplicates, at report time and by query', async () => {
    const here = { lng: 107.64, lat: 35.71 };
    const first = await reported({ location: here });
    const res = await grid().report(
      reportInput(A, C, { location: { lng: 107.6405, lat: 35.7102 } }),
    );
    expect(res.body.data.reportCase.duplicateCandidates.map((d: any) => d.id)).toContain(first.id);
    const far = await grid().report(reportInput(A, C, { location: { lng: 107.7, lat: 35.8 } }));
    expect(far.body.data.reportCase.duplicateCandidates.map((d: any) => d.id)).not.toContain(
      first.id,
    );
    const q = await p.gql<any>(
      `query($c: ID!, $g: ID!) { caseDuplicateCandidates(categoryId: $c, gridId: $g, location: { lng: 107.64, lat: 35.71 }) { id } }`,
      { c: gid('CaseCategory', C.category.parking), g: gid('Grid', A.ids.unit) },
      { as: { token: A.tokens.STREET_ADMIN } },
    );
    expect(q.body.data.caseDuplicateCandidates.map((d: any) => d.id)).toContain(first.id);
  });

  it('lists each role its work queue (待我处理), soonest due first', async () => {
    const c = await reported();
    const queue = async (token: string) =>
      (
        await p.gql<any>(`{ caseQueue(first: 100) { nodes { id status } } }`, {}, { as: { token } })
      ).body.data.caseQueue.nodes.map((n: any) => n.id);
    expect(await queue(C.intake)).toContain(c.id);
    expect(await queue(C.dispatcher)).not.toContain(c.id);
    const accepted = await ok(intake(), 'ACCEPT', c);
    expect(await queue(C.intake)).not.toContain(c.id);
    expect(await queue(C.dispatcher)).toContain(c.id);
    const sent = await ok(dispatcher(), 'DISPATCH', accepted);
    expect(await queue(A.tokens.DEPARTMENT_STAFF)).toContain(sent.id);
    expect(await queue(C.departments[0]!.token)).not.toContain(sent.id);
  });

  it('answers a filtered page, and a case with its last 20 timeline entries, in one statement each', async () => {
    const c = await ok(intake(), 'ACCEPT', await reported());
    const statements = async (query: string, variables: Record<string, unknown>) => {
      // Signing the caller in (their account, cached for a few seconds) is not the query's.
      await p.gql('{ __typename }', {}, { as: { token: A.tokens.STREET_ADMIN } });
      const { result, statements } = await p.countStatements(() =>
        p.gql<any>(query, variables, { as: { token: A.tokens.STREET_ADMIN } }),
      );
      expect(result.body.errors).toBeUndefined();
      return {
        data: result.body.data,
        sent: statements.filter((s) => !s.startsWith('set_config')),
      };
    };
    const page = await statements(
      `query($s: ID!) { cases(first: 20, filter: { streetId: $s, statuses: [ACCEPTED, REPORTED] }) {
         totalCount nodes { id number title status urgency dueAt isOverdue
           category { code name } grid { code name } departments { state department { name } } } } }`,
      { s: gid('Street', A.streetId) },
    );
    expect(page.data.cases.nodes.length).toBeGreaterThan(0);
    expect(page.sent).toHaveLength(1);
    const one = await statements(
      `query($n: String!) { caseByNumber(number: $n) { number status
         timeline(last: 20) { nodes { action fromStatus toStatus occurredAt note } } } }`,
      { n: c.number },
    );
    expect(one.data.caseByNumber.timeline.nodes.map((e: any) => e.action)).toEqual([
      'REPORT',
      'ACCEPT',
    ]);
    expect(one.sent).toHaveLength(1);
  });
});

describe('edges found in review', () => {
  it('answers a return reason over its limit as a user error, not a server error', async () => {
    let c = await dispatched();
    const r = await department().act('RETURN', c, { reason: '长'.repeat(1001) });
    expect(r.userErrors[0]).toMatchObject({ field: ['input', 'reason'], code: 'TOO_LONG' });
    // Nothing was written: the department goes on with the case.
    c = await ok(department(), 'START', c);
    c = await ok(department(), 'RESOLVE', c);
    expect(c.status).toBe('VERIFYING');
  });

  it('refuses more time to a department that has resolved its part, and drops what it asked', async () => {
    let c = await dispatched([A.ids.department, C.departments[0]!.id]);
    c = await ok(department(), 'START', c);
    c = await ok(department2(), 'START', c);
    c = await ok(department(), 'REQUEST_POSTPONEMENT', c, { workMinutes: 60, reason: '等待' });
    c = await ok(department(), 'RESOLVE', c);
    expect(c.pendingPostponement).toBeNull();
    const late = await department().act('REQUEST_POSTPONEMENT', c, {
      workMinutes: 60,
      reason: 'x',
    });
    expect(late.userErrors[0]).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(late.userErrors[0]!.message).toMatch(/resolved its part/);
  });

  it('refuses a duplicate search off the map, and tells attachments apart in idempotent retries', async () => {
    const q = await p.gql<any>(
      `query($c: ID!, $g: ID!) { caseDuplicateCandidates(categoryId: $c, gridId: $g, location: { lng: 1, lat: 1e308 }) { id } }`,
      { c: gid('CaseCategory', C.category.parking), g: gid('Grid', A.ids.unit) },
      { as: { token: A.tokens.STREET_ADMIN } },
    );
    expect(q.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const file = (n: string) => ({
      url: `https://files.example/${n}.jpg`,
      type: 'image/jpeg',
      size: 10,
      checksum: `sha256:${n.repeat(64).slice(0, 64)}`,
    });
    const input = reportInput(A, C, { idempotencyKey: 'photos-1', attachments: [file('a')] });
    expect((await grid().report(input)).body.data.reportCase.userErrors).toEqual([]);
    const other = await grid().report({ ...input, attachments: [file('b')] });
    expect(other.body.data.reportCase.userErrors[0]).toMatchObject({ code: 'CONFLICT' });
  });
});
