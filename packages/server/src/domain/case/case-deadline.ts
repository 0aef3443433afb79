import { z } from 'zod';
import { query, type Context } from '../shared/context';
import { recordEvent } from '../shared/events';
import { cancelJob, defineTask, scheduleJob } from '../shared/jobs';
import { caseOverdue } from './case.events';
import { CLOCK_RUNNING } from './case.rules';

/**
 * Deadlines: each due time is a job in the PostgreSQL job queue, scheduled in the transaction that
 * set it (so it exists exactly when the change does) and replaced when the due time moves. At its
 * time the job marks the case or the department overdue, on the timeline, unless the due time
 * moved or the work was done meanwhile: a stale job does nothing.
 */
export const DEADLINE_TASK = 'case.deadline';

const payload = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('CASE'), caseId: z.string(), dueAt: z.iso.datetime() }),
  z.object({
    stage: z.enum(['ACKNOWLEDGE', 'DEPARTMENT']),
    rowId: z.string(),
    dueAt: z.iso.datetime(),
  }),
]);
export type DeadlinePayload = z.infer<typeof payload>;

const caseKey = (caseId: string) => `${DEADLINE_TASK}:case:${caseId}`;
const departmentKey = (rowId: string, stage: 'ACKNOWLEDGE' | 'DEPARTMENT') =>
  `${DEADLINE_TASK}:department:${rowId}:${stage === 'ACKNOWLEDGE' ? 'acknowledge' : 'due'}`;

/** The case's due time: its job, replacing any earlier one. */
export async function scheduleDeadline(ctx: Context, caseId: string, dueAt: Date): Promise<void> {
  await scheduleJob(
    ctx,
    DEADLINE_TASK,
    { stage: 'CASE', caseId, dueAt: dueAt.toISOString() },
    { runAt: dueAt, jobKey: caseKey(caseId) },
  );
}

/** A dispatched department's acknowledge (报到) and handling due times; null leaves one as it is. */
export async function scheduleDepartmentDeadlines(
  ctx: Context,
  rowId: string,
  acknowledgeDueAt: Date | null,
  dueAt: Date | null,
): Promise<void> {
  if (acknowledgeDueAt) {
    await scheduleJob(
      ctx,
      DEADLINE_TASK,
      { stage: 'ACKNOWLEDGE', rowId, dueAt: acknowledgeDueAt.toISOString() },
      { runAt: acknowledgeDueAt, jobKey: departmentKey(rowId, 'ACKNOWLEDGE') },
    );
  }
  if (dueAt) {
    await scheduleJob(
      ctx,
      DEADLINE_TASK,
      { stage: 'DEPARTMENT', rowId, dueAt: dueAt.toISOString() },
      { runAt: dueAt, jobKey: departmentKey(rowId, 'DEPARTMENT') },
    );
  }
}

/** Drops the jobs of a case that no longer runs a clock, and of department rows that are done. */
export async function cancelDeadlines(
  ctx: Context,
  caseId: string | null,
  departmentRowIds: readonly string[] = [],
): Promise<void> {
  if (caseId) await cancelJob(ctx, caseKey(caseId));
  for (const rowId of departmentRowIds) {
    await cancelJob(ctx, departmentKey(rowId, 'ACKNOWLEDGE'));
    await cancelJob(ctx, departmentKey(rowId, 'DEPARTMENT'));
  }
}

/**
 * The job: marks what is still due at this due time as overdue, once. Runs as the system in a
 * transaction of its own.
 */
export async function markOverdue(ctx: Context, job: DeadlinePayload): Promise<void> {
  const dueAt = new Date(job.dueAt);
  if (job.stage === 'CASE') {
    const [c] = await query<{ streetId: string; number: string; status: string; version: number }>(
      ctx,
      `UPDATE case_file SET overdue_at = now()
       WHERE id = $1 AND due_at = $2 AND overdue_at IS NULL AND status = ANY($3::text[]) AND due_at <= now()
       RETURNING street_id::text AS "streetId", number, status, version`,
      [job.caseId, dueAt, CLOCK_RUNNING],
    );
    if (!c) return;
    const stage = c.status === 'REPORTED' ? 'INTAKE' : 'HANDLING';
    await timeline(ctx, c.streetId, job.caseId, c.status, null, stage, dueAt);
    await recordEvent(ctx, caseOverdue, {
      streetId: c.streetId,
      subjectId: job.caseId,
      payload: {
        number: c.number,
        from: c.status as never,
        to: c.status as never,
        version: c.version,
        departmentId: null,
        stage,
      },
    });
    return;
  }
  const acknowledge = job.stage === 'ACKNOWLEDGE';
  const [d] = await query<{
    streetId: string;
    caseId: string;
    departmentId: string;
    number: string;
    status: string;
    version: number;
  }>(
    ctx,
    acknowledge
      ? `UPDATE case_department d SET acknowledge_overdue_at = now() FROM case_file c
         WHERE d.id = $1 AND c.id = d.case_id AND d.acknowledge_due_at = $2 AND d.state = 'DISPATCHED'
           AND d.acknowledge_overdue_at IS NULL AND c.status <> 'SUSPENDED' AND d.acknowledge_due_at <= now()
         RETURNING d.street_id::text AS "streetId", d.case_id::text AS "caseId",
           d.department_id::text AS "departmentId", c.number, c.status, c.version`
      : `UPDATE case_department d SET overdue_at = now() FROM case_file c
         WHERE d.id = $1 AND c.id = d.case_id AND d.due_at = $2
           AND d.state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')
           AND d.overdue_at IS NULL AND c.status <> 'SUSPENDED' AND d.due_at <= now()
         RETURNING d.street_id::text AS "streetId", d.case_id::text AS "caseId",
           d.department_id::text AS "departmentId", c.number, c.status, c.version`,
    [job.rowId, dueAt],
  );
  if (!d) return;
  const stage = acknowledge ? 'ACKNOWLEDGE' : 'HANDLING';
  await timeline(ctx, d.streetId, d.caseId, d.status, d.departmentId, stage, dueAt);
  await recordEvent(ctx, caseOverdue, {
    streetId: d.streetId,
    subjectId: d.caseId,
    payload: {
      number: d.number,
      from: d.status as never,
      to: d.status as never,
      version: d.version,
      departmentId: d.departmentId,
      stage,
    },
  });
}

async function timeline(
  ctx: Context,
  streetId: string,
  caseId: string,
  status: string,
  departmentId: string | null,
  stage: string,
  dueAt: Date,
): Promise<void> {
  await query(
    ctx,
    `INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
       actor_id, actor_role, department_id, details)
     VALUES ($1, $2, $3, $4, $4, 'system', 'system', NULL, $5, $6)`,
    [
      streetId,
      caseId,
      stage === 'ACKNOWLEDGE' ? 'ACKNOWLEDGE_OVERDUE' : 'OVERDUE',
      status,
      departmentId,
      JSON.stringify({ stage, dueAt: dueAt.toISOString() }),
    ],
  );
}

/** The module's task: the queue runs it as the system, in a transaction of its own. */
export const deadlineTask = defineTask({ payload, run: markOverdue });
