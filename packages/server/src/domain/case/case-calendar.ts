import { z } from 'zod';
import { workCalendarDaysChanged, workCalendarUpdated } from '../calendar/calendar.events';
import { afterCommit, query, type Context } from '../shared/context';
import type { Follower } from '../shared/events';
import { defineTask, scheduleJob } from '../shared/jobs';
import { clockOf, dueOf, forgetCalendars } from './case-clock';
import { CLOCK_RUNNING } from './case.rules';

/**
 * A district's calendar changed (work hours, weekends, holidays, make-up days): the open cases of
 * its streets get their due times computed again on it, by a job, so the edit itself stays quick.
 * The overdue sweep (case-overdue.ts) then marks by the new due times.
 */
export const RECOMPUTE_TASK = 'case.recomputeDeadlines';

const BATCH = 500;

const recomputeLater: Follower = async (ctx, event) => {
  await scheduleJob(
    ctx,
    RECOMPUTE_TASK,
    { districtId: event.subjectId },
    // A burst of edits makes one run, after the last.
    { jobKey: `${RECOMPUTE_TASK}:${event.subjectId}`, runAt: new Date(Date.now() + 1000) },
  );
  afterCommit(ctx, () => forgetCalendars(ctx));
};

export const calendarFollowers = [
  { event: workCalendarUpdated, run: recomputeLater },
  { event: workCalendarDaysChanged, run: recomputeLater },
];

interface OpenCase {
  id: string;
  streetId: string;
  dueAt: Date;
  stageStartedAt: Date;
  allowedMinutes: number;
  pausedMinutes: number;
}

/** Recomputes the due times of the district's open, running cases; answers how many moved. */
export async function recomputeDeadlines(ctx: Context, districtId: string): Promise<number> {
  forgetCalendars(ctx);
  let after = '0';
  let moved = 0;
  for (;;) {
    const rows = await query<OpenCase>(
      ctx,
      `SELECT c.id::text AS id, c.street_id::text AS "streetId", c.due_at AS "dueAt",
         c.stage_started_at AS "stageStartedAt", c.allowed_minutes AS "allowedMinutes",
         c.paused_minutes AS "pausedMinutes"
       FROM case_file c JOIN street s ON s.id = c.street_id
       WHERE s.district_id = $1 AND c.status = ANY($2::text[]) AND c.id > $3::bigint
       ORDER BY c.id LIMIT ${BATCH}
       -- A transition committing meanwhile waits, or is waited for: never overwritten.
       FOR UPDATE OF c`,
      [districtId, CLOCK_RUNNING, after],
    );
    for (const row of rows) {
      const dueAt = dueOf(await clockOf(ctx, row.streetId), row);
      if (dueAt.getTime() === row.dueAt.getTime()) continue;
      await query(
        ctx,
        `UPDATE case_file SET due_at = $2, overdue_at = CASE WHEN $2 > now() THEN NULL ELSE overdue_at END
         WHERE id = $1`,
        [row.id, dueAt],
      );
      await query(
        ctx,
        `UPDATE case_department SET due_at = $2, overdue_at = NULL
         WHERE case_id = $1 AND state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')`,
        [row.id, dueAt],
      );
      moved++;
    }
    if (rows.length < BATCH) return moved;
    after = rows[rows.length - 1]!.id;
  }
}

export const recomputeTask = defineTask({
  payload: z.object({ districtId: z.string().regex(/^[0-9]+$/) }),
  async run(ctx, { districtId }) {
    const moved = await recomputeDeadlines(ctx, districtId);
    if (moved)
      ctx.logger.info({ districtId, moved }, 'case due times recomputed on a calendar change');
  },
});
