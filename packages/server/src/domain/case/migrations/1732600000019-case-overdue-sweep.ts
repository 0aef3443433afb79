import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Overdue marks come from one recurring sweep (case-overdue.ts) instead of a job per due time.
 * Its three questions — which open cases, which departments yet to acknowledge, which working
 * departments are past due and not marked — each read a partial index holding only the rows that
 * may still be marked (not marked yet, clock running), soonest due first, so a sweep reads what it
 * marks and little else however many cases there are or wait suspended. The jobs of the former `case.deadline` task go: no runner handles it any more,
 * and the sweep marks what they would have.
 */
export class CaseOverdueSweep1732600000019 implements MigrationInterface {
  name = 'CaseOverdueSweep1732600000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
    // The statuses whose clock runs (case.rules.ts CLOCK_RUNNING): the sweep's statement names
    // the same list, so that the planner can use the index.
    await q.query(
      `CREATE INDEX case_file_overdue_sweep_idx ON case_file (due_at)
       WHERE overdue_at IS NULL
         AND status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING')`,
    );
    // A department's clock stops with its case's (挂账): set while the case is suspended, so the
    // departments of suspended cases stay out of the sweep's indexes.
    await q.query(`ALTER TABLE case_department ADD COLUMN suspended_at timestamptz`);
    await q.query(
      `UPDATE case_department d SET suspended_at = c.suspended_at FROM case_file c
       WHERE c.id = d.case_id AND c.status = 'SUSPENDED'
         AND d.state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')`,
    );
    await q.query(
      `CREATE INDEX case_department_acknowledge_sweep_idx ON case_department (acknowledge_due_at)
       WHERE acknowledge_overdue_at IS NULL AND suspended_at IS NULL AND state = 'DISPATCHED'`,
    );
    await q.query(
      `CREATE INDEX case_department_overdue_sweep_idx ON case_department (due_at)
       WHERE overdue_at IS NULL AND suspended_at IS NULL
         AND state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS')`,
    );
    await q.query(
      `SELECT graphile_worker.remove_job(key) FROM graphile_worker.jobs
       WHERE task_identifier = 'case.deadline' AND key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The removed deadline jobs are not brought back: an older server marks nothing overdue
    // until the cases' due times are set again.
    await q.query(
      `DROP INDEX case_department_overdue_sweep_idx, case_department_acknowledge_sweep_idx,
         case_file_overdue_sweep_idx`,
    );
    await q.query(`ALTER TABLE case_department DROP COLUMN suspended_at`);
  }
}
