import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A link to media the reporting app keeps (Open311's `media_url`): unlike an attachment it is not
 * a file of ours with a checksum, only where the reporter's photo can be seen.
 */
export class CaseMediaUrl1732600000018 implements MigrationInterface {
  name = 'CaseMediaUrl1732600000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
    await q.query(
      `ALTER TABLE case_file ADD COLUMN media_url text CHECK (length(media_url) BETWEEN 1 AND 2000)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file DROP COLUMN media_url`);
  }
}
