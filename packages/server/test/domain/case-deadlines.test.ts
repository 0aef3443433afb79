/**
 * Case deadlines: the due times a case's changes set schedule nothing; one recurring sweep on the
 * PostgreSQL job queue marks every case and department past due on its timeline, once — run
 * again, run by two instances at once, run after a restart that missed its time — and never
 * marks work done before its due time. Calendar edits still move the due times themselves.
 */
import { Client } from 'pg';
import {
  OVERDUE_SWEEP_TASK,
  sweepOverdue,
  sweepStatements,
} from '../../src/domain/case/case-overdue';
import { inTransaction, type Context } from '../../src/domain/shared/context';
import { systemViewer } from '../../src/domain/shared/viewer';
import { createContext, releaseContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
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
let A: StreetActors;
let C: CaseActors;
let districtId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  C = await caseActors(p, A);
  const [d] = await p.db.query<{ id: string }>(
    `SELECT district_id::text AS id FROM street WHERE id = $1`,
    [A.streetId],
  );
  districtId = d!.id;
  await workAllDay(p, districtId);
}, 60_000);
afterAll(async () => {
  await p.app.jobs.stop();
  await p.stop();
});

const rowId = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function report(): Promise<CaseView> {
  const res = await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C));
  expect(res.body.data.reportCase.userErrors).toEqual([]);
  return res.body.data.reportCase.case;
}

/** Runs `action` as `token` and expects it to succeed. */
async function ok(token: string, action: string, c: CaseView, extra = {}): Promise<CaseView> {
  const r = await caseClient(p, token).act(action, c, { ...extraFor(action, A, C), ...extra });
  expect(r.userErrors).toEqual([]);
  return r.case!;
}

async function dispatched(): Promise<CaseView> {
  const c = await ok(C.intake, 'ACCEPT', await report());
  return ok(C.dispatcher, 'DISPATCH', c, {
    departmentIds: [gid('Organization', A.ids.department)],
  });
}

/** Moves a case's due time (and its departments' due times) to `at`. */
async function due(caseId: string, at: Date, department: { acknowledge?: Date; due?: Date } = {}) {
  await p.db.query(`UPDATE case_file SET due_at = $2 WHERE id = $1`, [caseId, at]);
  if (department.acknowledge) {
    await p.db.query(`UPDATE case_department SET acknowledge_due_at = $2 WHERE case_id = $1`, [
      caseId,
      department.acknowledge,
    ]);
  }
  if (department.due) {
    await p.db.query(`UPDATE case_department SET due_at = $2 WHERE case_id = $1`, [
      caseId,
      department.due,
    ]);
  }
}
const ago = (ms: number) => new Date(Date.now() - ms);

interface Mark {
  action: string;
  department: string | null;
  stage: string;
}
const marks = (caseId: string) =>
  p.db.query<Mark>(
    `SELECT action, department_id::text AS department, details->>'stage' AS stage
     FROM case_timeline WHERE case_id = $1 AND action LIKE '%OVERDUE' ORDER BY id`,
    [caseId],
  );
const overdueEvents = (caseId: string) =>
  p.db.query<{ stage: string; departmentId: string | null }>(
    `SELECT payload->>'stage' AS stage, payload->>'departmentId' AS "departmentId"
     FROM domain_event WHERE type = 'case.overdue' AND subject_id = $1 ORDER BY id`,
    [caseId],
  );

/** One sweep as the job runs it: as the system, in a transaction of its own. */
async function sweep(): Promise<{ marked: number; more: boolean }> {
  const ctx = createContext({ db: p.appDb, logger: createLogger(p.config) }, systemViewer);
  try {
    return await inTransaction(ctx, (tx: Context) => sweepOverdue(tx));
  } finally {
    await releaseContext(ctx);
  }
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(100);
  }
}

const sweepJobs = () =>
  p.db.query<{ runAt: Date; locked: boolean }>(
    `SELECT run_at AS "runAt", locked_at IS NOT NULL AS locked FROM graphile_worker.jobs
     WHERE task_identifier = $1`,
    [OVERDUE_SWEEP_TASK],
  );

describe('case deadlines', () => {
  it('schedules nothing when a case is reported and handled', async () => {
    const before = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs`,
    );
    const { statements } = await p.countStatements(() => dispatched());
    expect(statements.filter((s) => /graphile_worker|_job\b|schedule_job/.test(s))).toEqual([]);
    expect(await p.db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs`)).toEqual(before);
  });

  it('marks a case and a department overdue on the timeline once, however often it sweeps', async () => {
    const reported = await report();
    const sent = await dispatched();
    const [r, s] = [rowId(reported.id), rowId(sent.id)];
    await due(r, ago(60_000));
    await due(s, ago(30_000), { acknowledge: ago(50_000), due: ago(30_000) });

    await sweep();
    const [dept] = await p.db.query<{ id: string }>(
      `SELECT department_id::text AS id FROM case_department WHERE case_id = $1`,
      [s],
    );
    expect(await marks(r)).toEqual([{ action: 'OVERDUE', department: null, stage: 'INTAKE' }]);
    expect(await marks(s)).toEqual([
      { action: 'OVERDUE', department: null, stage: 'HANDLING' },
      { action: 'ACKNOWLEDGE_OVERDUE', department: dept!.id, stage: 'ACKNOWLEDGE' },
      { action: 'OVERDUE', department: dept!.id, stage: 'HANDLING' },
    ]);
    expect(await overdueEvents(s)).toEqual([
      { stage: 'HANDLING', departmentId: null },
      { stage: 'ACKNOWLEDGE', departmentId: dept!.id },
      { stage: 'HANDLING', departmentId: dept!.id },
    ]);
    const [row] = await p.db.query<{ marked: boolean; ack: boolean; late: boolean }>(
      `SELECT c.overdue_at IS NOT NULL AS marked, d.acknowledge_overdue_at IS NOT NULL AS ack,
         d.overdue_at IS NOT NULL AS late
       FROM case_file c JOIN case_department d ON d.case_id = c.id WHERE c.id = $1`,
      [s],
    );
    expect(row).toEqual({ marked: true, ack: true, late: true });
    const seen = await caseClient(p, A.tokens.STREET_ADMIN).get(sent.id);
    expect(seen!.isOverdue).toBe(true);
    expect(seen!.departments[0].acknowledgedLate).toBe(true);
    expect(seen!.timeline.nodes.map((n: { action: string }) => n.action)).toContain(
      'ACKNOWLEDGE_OVERDUE',
    );

    // Again, and again: nothing new.
    expect(await sweep()).toEqual({ marked: 0, more: false });
    await sweep();
    expect(await marks(r)).toHaveLength(1);
    expect(await marks(s)).toHaveLength(3);
    expect(await overdueEvents(r)).toHaveLength(1);
    expect(await overdueEvents(s)).toHaveLength(3);

    // A new stage is a new due time: accepting the case clears its intake mark, and its handling
    // due time is marked when it passes, once.
    const accepted = await ok(
      C.intake,
      'ACCEPT',
      (await caseClient(p, C.intake).get(reported.id))!,
    );
    await due(r, ago(1000));
    await sweep();
    await sweep();
    expect((await marks(r)).map((m) => m.stage)).toEqual(['INTAKE', 'HANDLING']);
    expect(accepted.status).toBe('ACCEPTED');
  });

  it('never marks work done before its due time, nor a case whose clock stopped', async () => {
    // Closed: resolved by its department, verified; then its due times pass.
    let closed = await dispatched();
    closed = await ok(A.tokens.DEPARTMENT_STAFF, 'ACKNOWLEDGE', closed);
    closed = await ok(A.tokens.DEPARTMENT_STAFF, 'START', closed);
    closed = await ok(A.tokens.DEPARTMENT_STAFF, 'RESOLVE', closed);
    expect(closed.status).toBe('VERIFYING');
    closed = await ok(C.inspector, 'VERIFY', closed, { passed: true });
    expect(closed.status).toBe('CLOSED');
    // A department resolved its part; the case waits for another department.
    let part = await ok(C.intake, 'ACCEPT', await report());
    part = await ok(C.dispatcher, 'DISPATCH', part, {
      departmentIds: [
        gid('Organization', A.ids.department),
        gid('Organization', C.departments[0]!.id),
      ],
    });
    part = await ok(A.tokens.DEPARTMENT_STAFF, 'ACKNOWLEDGE', part);
    part = await ok(A.tokens.DEPARTMENT_STAFF, 'START', part);
    part = await ok(A.tokens.DEPARTMENT_STAFF, 'RESOLVE', part);
    // Rejected at intake; and one suspended (挂账: its clock stops).
    const rejected = await ok(C.intake, 'REJECT', await report(), { reason: '不属实' });
    let suspended = await dispatched();
    suspended = await ok(A.tokens.DEPARTMENT_STAFF, 'ACKNOWLEDGE', suspended);
    suspended = await ok(A.tokens.DEPARTMENT_STAFF, 'START', suspended);
    suspended = await ok(C.shiftLead, 'SUSPEND', suspended, { reason: '等待天气好转' });
    // Its department's clock stops with it: out of the sweep's index.
    const pausedSince = () =>
      p.db.query<{ at: Date | null }>(
        `SELECT suspended_at AS at FROM case_department WHERE case_id = $1`,
        [rowId(suspended.id)],
      );
    expect((await pausedSince())[0]!.at).toBeInstanceOf(Date);

    const past = { acknowledge: ago(90_000), due: ago(60_000) };
    for (const c of [closed, rejected, suspended]) await due(rowId(c.id), ago(60_000), past);
    // The resolved department's due times pass; the other department's and the case's do not.
    await p.db.query(
      `UPDATE case_department SET acknowledge_due_at = $2, due_at = $2 WHERE case_id = $1 AND state = 'RESOLVED'`,
      [rowId(part.id), ago(60_000)],
    );
    await sweep();
    for (const c of [closed, rejected, suspended, part])
      expect(await marks(rowId(c.id))).toEqual([]);

    // Resumed, the suspended case's clocks run again, on due times moved by the time suspended;
    // once those pass, the case and its department are marked, once.
    suspended = await ok(C.shiftLead, 'RESUME', suspended);
    expect((await pausedSince())[0]!.at).toBeNull();
    await sweep();
    expect(await marks(rowId(suspended.id))).toEqual([]);
    await due(rowId(suspended.id), ago(1000), { due: ago(1000) });
    await sweep();
    await sweep();
    expect((await marks(rowId(suspended.id))).map((m) => [m.action, m.stage])).toEqual([
      ['OVERDUE', 'HANDLING'],
      ['OVERDUE', 'HANDLING'],
    ]);
  });

  it('runs a sweep that came due while no instance ran jobs as soon as one starts', async () => {
    const first = await p.startInstance({ JOBS_ENABLED: 'true', CASE_OVERDUE_SWEEP_SECONDS: '1' });
    try {
      // Its first run comes at once, and it schedules the next one.
      await until(async () => (await sweepJobs()).some((j) => !j.locked && j.runAt > new Date()));
    } finally {
      await first.stop();
    }
    const [waiting] = await sweepJobs();
    expect(await sweepJobs()).toHaveLength(1);
    // While nothing runs jobs, a case comes due, and so does the sweep.
    const c = await report();
    await due(rowId(c.id), new Date(Date.now() + 200));
    await sleep(Math.max(0, waiting!.runAt.getTime() - Date.now()) + 500);
    expect(await marks(rowId(c.id))).toEqual([]);
    // A new instance with a sweep interval of an hour: the sweep that is due runs at its start.
    const second = await p.startInstance({
      JOBS_ENABLED: 'true',
      CASE_OVERDUE_SWEEP_SECONDS: '3600',
    });
    try {
      await until(async () => (await marks(rowId(c.id))).length > 0, 10_000);
      expect(await marks(rowId(c.id))).toEqual([
        { action: 'OVERDUE', department: null, stage: 'INTAKE' },
      ]);
      // One sweep job waits, an hour on.
      await until(async () => (await sweepJobs()).every((j) => !j.locked));
      const jobs = await sweepJobs();
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.runAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('marks each due time once with two instances sweeping, and with sweeps that overlap', async () => {
    const cases: CaseView[] = [];
    for (let i = 0; i < 12; i++) cases.push(await report());
    const sent = await dispatched();
    const soon = new Date(Date.now() + 1000);
    for (const c of cases) await due(rowId(c.id), soon);
    await due(rowId(sent.id), new Date(Date.now() + 3600_000), { acknowledge: soon });

    const one = await p.startInstance({ JOBS_ENABLED: 'true', CASE_OVERDUE_SWEEP_SECONDS: '1' });
    const two = await p.startInstance({ JOBS_ENABLED: 'true', CASE_OVERDUE_SWEEP_SECONDS: '1' });
    try {
      const all = [...cases, sent].map((c) => rowId(c.id));
      await until(async () => {
        const [n] = await p.db.query<{ n: number }>(
          `SELECT count(DISTINCT case_id)::int AS n FROM case_timeline
           WHERE action LIKE '%OVERDUE' AND case_id = ANY($1::bigint[])`,
          [all],
        );
        return n!.n === all.length;
      });
      // A few more sweeps by both instances.
      await sleep(2500);
      for (const c of cases) {
        expect(await marks(rowId(c.id))).toEqual([
          { action: 'OVERDUE', department: null, stage: 'INTAKE' },
        ]);
        expect(await overdueEvents(rowId(c.id))).toHaveLength(1);
      }
      expect((await marks(rowId(sent.id))).map((m) => m.action)).toEqual(['ACKNOWLEDGE_OVERDUE']);
      // Never more than one sweep waiting, whichever instance scheduled it.
      expect((await sweepJobs()).filter((j) => !j.locked).length).toBeLessThanOrEqual(1);
    } finally {
      await two.stop();
      await one.stop();
    }

    // Sweeps at the same moment take their rows with SKIP LOCKED: they split the work.
    const more: CaseView[] = [];
    for (let i = 0; i < 20; i++) more.push(await report());
    for (const c of more) await due(rowId(c.id), ago(1000));
    const runs = await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    expect(runs.reduce((n, r) => n + r.marked, 0)).toBe(20);
    for (const c of more) expect(await marks(rowId(c.id))).toHaveLength(1);
  }, 60_000);

  it('works a backlog off in batches, each run its own transaction', async () => {
    await sweep(); // what earlier tests left due
    const backlog: CaseView[] = [];
    for (let i = 0; i < 5; i++) backlog.push(await report());
    for (const c of backlog) await due(rowId(c.id), ago(1000));
    const ctx = createContext({ db: p.appDb, logger: createLogger(p.config) }, systemViewer);
    try {
      const first = await inTransaction(ctx, (tx: Context) => sweepOverdue(tx, 2));
      expect(first).toEqual({ marked: 2, more: true });
      await inTransaction(ctx, (tx: Context) => sweepOverdue(tx, 2));
      const last = await inTransaction(ctx, (tx: Context) => sweepOverdue(tx, 2));
      expect(last).toEqual({ marked: 1, more: false });
    } finally {
      await releaseContext(ctx);
    }
    for (const c of backlog) expect(await marks(rowId(c.id))).toHaveLength(1);
  });

  it('finds what is due through the partial indexes, not by reading every case', async () => {
    const client = new Client({ connectionString: p.config.DATABASE_URL });
    await client.connect();
    try {
      await client.query('BEGIN');
      // On a table this small the planner would read it whole; what matters is that an index
      // whose predicate matches the statement's condition exists.
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = async (text: string) =>
        (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text.replace('$1', '500')}`)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      expect(await plan(sweepStatements.case)).toMatch(/case_file_overdue_sweep_idx/);
      expect(await plan(sweepStatements.acknowledge)).toMatch(
        /case_department_acknowledge_sweep_idx/,
      );
      expect(await plan(sweepStatements.department)).toMatch(/case_department_overdue_sweep_idx/);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('recomputes open cases’ due times when their district’s calendar changes', async () => {
    const c = await ok(C.intake, 'ACCEPT', await report());
    const was = c.dueAt as string;
    const dueDay = new Date(Date.parse(was) + 8 * 3600_000).toISOString().slice(0, 10);
    await p.app.jobs.start();
    try {
      // The due day becomes a holiday: the due time moves to the same time the next working day.
      const res = await p.gql<any>(
        `mutation($input: SetCalendarDaysInput!) { setCalendarDays(input: $input) { userErrors { message } } }`,
        {
          input: {
            districtId: gid('District', districtId),
            days: [{ date: dueDay, kind: 'HOLIDAY', name: '临时假日' }],
          },
        },
      );
      expect(res.body.data.setCalendarDays.userErrors).toEqual([]);
      let seen: CaseView | null = null;
      await until(async () => {
        seen = await caseClient(p, A.tokens.STREET_ADMIN).get(c.id);
        return seen!.dueAt !== was;
      });
      const movedBy = Date.parse(seen!.dueAt) - Date.parse(was);
      expect(movedBy).toBeGreaterThan(0);
      expect(movedBy).toBeLessThanOrEqual(86_400_000);
    } finally {
      await p.app.jobs.stop();
    }
  }, 30_000);
});
