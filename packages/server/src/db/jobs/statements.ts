import { sql } from '../statement';

/**
 * Adding and removing jobs: run in the caller's transaction (as the app role), so a job exists
 * if and only if that transaction commits. See migrations/1732600000007-job-queue.ts.
 */
export const jobStatements = {
  /** ($1 task, $2 payload json, $3 run at, $4 job key, $5 max attempts) → `id`. */
  schedule: sql(
    'job_schedule',
    'SELECT lianxin_schedule_job($1, $2::json, $3, $4, $5)::text AS id',
  ),
  /** ($1 job key) → `removed`: whether a job with that key was waiting. */
  cancel: sql('job_cancel', 'SELECT lianxin_cancel_job($1) AS removed'),
};
