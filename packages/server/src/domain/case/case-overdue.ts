import { z } from 'zod';
import { query, type Context } from '../shared/context';
import { recordEvent } from '../shared/events';
import { defineTask } from '../shared/jobs';
import { caseOverdue } from './case.events';
import { CLOCK_RUNNING } from './case.rules';

/**
 * Overdue marks: one recurring job on the PostgreSQL job queue (every CASE_OVERDUE_SWEEP_SECONDS,
 * app.ts) marks, in one transaction, every open case and dispatched department that is past its
 * due time and not marked yet: on the timeline (`OVERDUE`, `ACKNOWLEDGE_OVERDUE`) with its
 * `case.overdue` event. Changes schedule nothing: a mark comes within one sweep of the due time.
 * A due time that moves later clears its mark (the transitions do), so the new one is marked
 * again when it passes; reads (`isOverdue`, `overdueRatio`) are computed from the due times.
 *
 * Once: a row is marked only while its mark is empty, and the sweep takes its rows with
 * `FOR UPDATE SKIP LOCKED`, so two sweeps at once (two instances) split the work, and a row a
 * transition holds is left for the next sweep, which also sees the transition's outcome.
 */
export const OVERDUE_SWEEP_TASK = 'case.sweepOverdue';

/** Marks per stage and run: a backlog (after a long stop) is worked off run after run. */
export const SWEEP_BATCH = 500;

// The statuses as literals: the partial indexes of migration 1732600000019 are chosen by the
// planner only when the statement's condition matches their predicate, which a parameter cannot.
// A suspended case is out of its index by its status, its departments by their `suspended_at`
// (set and cleared with the case's): so a sweep reads only what it may mark, however many cases
// wait suspended past their due times. The status check on the case stays, as a safeguard.
const running = CLOCK_RUNNING.map((s) => `'${s}'`).join(', ');
const isoDue = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface Marked {
  streetId: string;
  caseId: string;
  departmentId: string | null;
  number: string;
  status: string;
  version: number;
  stage: 'INTAKE' | 'HANDLING' | 'ACKNOWLEDGE';
}

/** Each stage's sweep: takes what is due, marks it and writes its timeline entry; answers it. */
export const sweepStatements = {
  case: `
    WITH due AS (
      SELECT id FROM case_file
      WHERE overdue_at IS NULL AND status IN (${running}) AND due_at <= now()
      ORDER BY due_at LIMIT $1
      FOR UPDATE SKIP LOCKED),
    marked AS (
      UPDATE case_file c SET overdue_at = now() FROM due WHERE c.id = due.id
      RETURNING c.id, c.street_id, c.number, c.status, c.version, c.due_at,
        CASE WHEN c.status = 'REPORTED' THEN 'INTAKE' ELSE 'HANDLING' END AS stage),
    entry AS (
      INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
        actor_id, actor_role, department_id, details)
      SELECT street_id, id, 'OVERDUE', status, status, 'system', 'system', NULL, NULL,
        jsonb_build_object('stage', stage, 'dueAt', ${isoDue('due_at')})
      FROM marked ORDER BY due_at, id)
    SELECT street_id::text AS "streetId", id::text AS "caseId", NULL AS "departmentId", number,
      status, version, stage
    FROM marked ORDER BY due_at, id`,
  acknowledge: `
    WITH due AS (
      SELECT d.id FROM case_department d JOIN case_file c ON c.id = d.case_id
      WHERE d.acknowledge_overdue_at IS NULL AND d.suspended_at IS NULL AND d.state = 'DISPATCHED'
        AND d.acknowledge_due_at <= now() AND c.status IN (${running})
      ORDER BY d.acknowledge_due_at LIMIT $1
      FOR UPDATE OF d, c SKIP LOCKED),
    marked AS (
      UPDATE case_department d SET acknowledge_overdue_at = now() FROM due, case_file c
      WHERE d.id = due.id AND c.id = d.case_id
      RETURNING d.id, d.street_id, d.case_id, d.department_id, d.acknowledge_due_at AS due_at,
        c.number, c.status, c.version),
    entry AS (
      INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
        actor_id, actor_role, department_id, details)
      SELECT street_id, case_id, 'ACKNOWLEDGE_OVERDUE', status, status, 'system', 'system', NULL,
        department_id, jsonb_build_object('stage', 'ACKNOWLEDGE', 'dueAt', ${isoDue('due_at')})
      FROM marked ORDER BY due_at, id)
    SELECT street_id::text AS "streetId", case_id::text AS "caseId",
      department_id::text AS "departmentId", number, status, version, 'ACKNOWLEDGE' AS stage
    FROM marked ORDER BY due_at, id`,
  department: `
    WITH due AS (
      SELECT d.id FROM case_department d JOIN case_file c ON c.id = d.case_id
      WHERE d.overdue_at IS NULL AND d.suspended_at IS NULL
        AND d.state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')
        AND d.due_at <= now() AND c.status IN (${running})
      ORDER BY d.due_at LIMIT $1
      FOR UPDATE OF d, c SKIP LOCKED),
    marked AS (
      UPDATE case_department d SET overdue_at = now() FROM due, case_file c
      WHERE d.id = due.id AND c.id = d.case_id
      RETURNING d.id, d.street_id, d.case_id, d.department_id, d.due_at, c.number, c.status,
        c.version),
    entry AS (
      INSERT INTO case_timeline (street_id, case_id, action, from_status, to_status, actor_kind,
        actor_id, actor_role, department_id, details)
      SELECT street_id, case_id, 'OVERDUE', status, status, 'system', 'system', NULL,
        department_id, jsonb_build_object('stage', 'HANDLING', 'dueAt', ${isoDue('due_at')})
      FROM marked ORDER BY due_at, id)
    SELECT street_id::text AS "streetId", case_id::text AS "caseId",
      department_id::text AS "departmentId", number, status, version, 'HANDLING' AS stage
    FROM marked ORDER BY due_at, id`,
};

/**
 * One sweep, in the caller's transaction (the job's, as the system): marks what is due, each
 * with its timeline entry and `case.overdue` event. Answers how many it marked and whether a
 * stage filled its batch (more may be due).
 */
export async function sweepOverdue(
  ctx: Context,
  batch = SWEEP_BATCH,
): Promise<{ marked: number; more: boolean }> {
  let marked = 0;
  let more = false;
  for (const statement of [
    sweepStatements.case,
    sweepStatements.acknowledge,
    sweepStatements.department,
  ]) {
    const rows = await query<Marked>(ctx, statement, [batch]);
    for (const m of rows) {
      await recordEvent(ctx, caseOverdue, {
        streetId: m.streetId,
        subjectId: m.caseId,
        payload: {
          number: m.number,
          from: m.status as never,
          to: m.status as never,
          version: m.version,
          departmentId: m.departmentId,
          stage: m.stage,
        },
      });
    }
    marked += rows.length;
    more ||= rows.length === batch;
  }
  return { marked, more };
}

/** The module's recurring task: the queue runs it as the system, in a transaction of its own. */
export const overdueSweepTask = defineTask({
  payload: z.object({}),
  async run(ctx) {
    const { marked, more } = await sweepOverdue(ctx);
    if (marked) ctx.logger.debug({ marked, more }, 'cases and departments marked overdue');
    return more ? 'again' : undefined;
  },
});
