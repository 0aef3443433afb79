/**
 * Case deadlines run on the PostgreSQL job queue: a due time is a job scheduled with the change
 * that set it; at its time the case (or a department) is marked overdue on its timeline, once,
 * whichever instance runs it, also when no runner was up at the due time; a job whose due time
 * moved meanwhile does nothing.
 */
import { scheduleDeadline, scheduleDepartmentDeadlines } from '../../src/domain/case/case-deadline';
import { inTransaction } from '../../src/domain/shared/context';
import { systemViewer } from '../../src/domain/shared/viewer';
import { createContext, releaseContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
import { gid, streetActors, type StreetActors } from '../actors';
import {
  caseActors,
  caseClient,
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

async function report(): Promise<CaseView> {
  const res = await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C));
  expect(res.body.data.reportCase.userErrors).toEqual([]);
  return res.body.data.reportCase.case;
}

/** Moves a case's due time to `at` as the service would: the case's column and its job, together. */
async function dueAt(caseId: string, at: Date): Promise<void> {
  const ctx = createContext({ db: p.appDb, logger: createLogger(p.config) }, systemViewer);
  try {
    await inTransaction(ctx, async (tx) => {
      await p.db.query(`UPDATE case_file SET due_at = $2 WHERE id = $1`, [caseId, at]);
      await scheduleDeadline(tx, caseId, at);
    });
  } finally {
    await releaseContext(ctx);
  }
}

const overdueEntries = (caseId: string) =>
  p.db.query<{ action: string; details: { stage: string } }>(
    `SELECT action, details FROM case_timeline WHERE case_id = $1 AND action LIKE '%OVERDUE' ORDER BY id`,
    [caseId],
  );

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('case deadlines', () => {
  it('marks a case overdue once its due time passes, also when the runner starts after it', async () => {
    const c = await report();
    const id = rowId(c.id);
    // Due in a moment, with no runner up: the job waits in PostgreSQL.
    await dueAt(id, new Date(Date.now() + 500));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await overdueEntries(id)).toEqual([]);
    await p.app.jobs.start();
    try {
      await until(async () => (await overdueEntries(id)).length > 0);
      expect(await overdueEntries(id)).toEqual([
        { action: 'OVERDUE', details: expect.objectContaining({ stage: 'INTAKE' }) },
      ]);
      const [row] = await p.db.query<{ overdue: boolean }>(
        `SELECT overdue_at IS NOT NULL AS overdue FROM case_file WHERE id = $1`,
        [id],
      );
      expect(row!.overdue).toBe(true);
      const events = await p.db.query<{ payload: { stage: string } }>(
        `SELECT payload FROM domain_event WHERE type = 'case.overdue' AND subject_id = $1`,
        [id],
      );
      expect(events.map((e) => e.payload.stage)).toEqual(['INTAKE']);
      const seen = await caseClient(p, A.tokens.STREET_ADMIN).get(c.id);
      expect(seen!.isOverdue).toBe(true);
    } finally {
      await p.app.jobs.stop();
    }
  }, 30_000);

  it('does nothing when the due time moved or the case was done meanwhile', async () => {
    const moved = await report();
    const done = await report();
    const soon = new Date(Date.now() + 300);
    await dueAt(rowId(moved.id), soon);
    await dueAt(rowId(done.id), soon);
    // The first case's due time moves later without its job (as if the job were stale); the
    // second is rejected, so its clock stops.
    await p.db.query(`UPDATE case_file SET due_at = due_at + interval '1 day' WHERE id = $1`, [
      rowId(moved.id),
    ]);
    const r = await caseClient(p, C.intake).act('REJECT', done, { reason: '不属实' });
    expect(r.userErrors).toEqual([]);
    await p.app.jobs.start();
    try {
      await until(async () => {
        const [n] = await p.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM graphile_worker.jobs WHERE key LIKE 'case.deadline:case:%' AND run_at < now()`,
        );
        return n!.n === '0';
      });
      expect(await overdueEntries(rowId(moved.id))).toEqual([]);
      expect(await overdueEntries(rowId(done.id))).toEqual([]);
    } finally {
      await p.app.jobs.stop();
    }
  }, 30_000);

  it('marks each deadline once with two instances running jobs, departments’ acknowledge times too', async () => {
    const cases: CaseView[] = [];
    for (let i = 0; i < 12; i++) cases.push(await report());
    const soon = new Date(Date.now() + 1000);
    for (const c of cases) await dueAt(rowId(c.id), soon);
    // One dispatched case whose department must acknowledge by `soon`.
    let sent = await caseClient(p, C.intake).act('ACCEPT', await report());
    sent = await caseClient(p, C.dispatcher).act('DISPATCH', sent.case!, {
      departmentIds: [gid('Organization', A.ids.department)],
    });
    const [dept] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM case_department WHERE case_id = $1`,
      [rowId(sent.case!.id)],
    );
    await p.db.query(`UPDATE case_department SET acknowledge_due_at = $2 WHERE id = $1`, [
      dept!.id,
      soon,
    ]);
    const ctx = createContext({ db: p.appDb, logger: createLogger(p.config) }, systemViewer);
    await inTransaction(ctx, (tx) => scheduleDepartmentDeadlines(tx, dept!.id, soon, null));
    await releaseContext(ctx);

    const second = await p.startInstance({ JOBS_ENABLED: 'true' });
    await p.app.jobs.start();
    try {
      await until(async () => {
        const [n] = await p.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM case_timeline WHERE action IN ('OVERDUE', 'ACKNOWLEDGE_OVERDUE')
             AND case_id = ANY($1::bigint[])`,
          [[...cases, sent.case!].map((c) => rowId(c.id))],
        );
        return Number(n!.n) >= cases.length + 1;
      });
      // Give a duplicate run time to show itself.
      await new Promise((r) => setTimeout(r, 1500));
      for (const c of cases) expect(await overdueEntries(rowId(c.id))).toHaveLength(1);
      expect((await overdueEntries(rowId(sent.case!.id))).map((e) => e.action)).toEqual([
        'ACKNOWLEDGE_OVERDUE',
      ]);
      const seen = await caseClient(p, A.tokens.STREET_ADMIN).get(sent.case!.id);
      expect(seen!.departments[0].acknowledgedLate).toBe(true);
    } finally {
      await second.stop();
      await p.app.jobs.stop();
    }
  }, 60_000);

  it('recomputes open cases’ due times when their district’s calendar changes', async () => {
    const c = await caseClient(p, C.intake).act('ACCEPT', await report());
    const due = c.case!.dueAt as string;
    const dueDay = new Date(Date.parse(due) + 8 * 3600_000).toISOString().slice(0, 10);
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
        seen = await caseClient(p, A.tokens.STREET_ADMIN).get(c.case!.id);
        return seen!.dueAt !== due;
      });
      const movedBy = Date.parse(seen!.dueAt) - Date.parse(due);
      expect(movedBy).toBeGreaterThan(0);
      expect(movedBy).toBeLessThanOrEqual(86_400_000);
    } finally {
      await p.app.jobs.stop();
    }
  }, 30_000);
});
