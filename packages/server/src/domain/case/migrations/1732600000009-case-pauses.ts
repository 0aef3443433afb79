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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file DROP COLUMN paused_minutes`);
  }
}
