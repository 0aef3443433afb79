import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working minutes a case's current stage spent suspended (挂账): its due time is always the
 * stage's start plus its allowed and paused working time, so a calendar edit can recompute it.
 */
export class CasePauses1732600000009 implements MigrationInterface {
  name = 'CasePauses1732600000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
    await q.query(
      `ALTER TABLE case_file ADD COLUMN paused_minutes integer NOT NULL DEFAULT 0 CHECK (paused_minutes >= 0)`,
    );
    // A person's reports (self-service reads) and a case's merged duplicates; also what a delete
    // of a person or a case checks.
    await q.query(
      `CREATE INDEX case_file_reporter_person_idx ON case_file (reporter_person_id) WHERE reporter_person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX case_file_merged_into_idx ON case_file (merged_into_id) WHERE merged_into_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_file_merged_into_idx, case_file_reporter_person_idx`);
    await q.query(`ALTER TABLE case_file DROP COLUMN paused_minutes`);
  }
}
