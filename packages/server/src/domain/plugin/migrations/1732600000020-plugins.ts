import type { MigrationInterface, QueryRunner } from 'typeorm';

const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;

/**
 * The plugin host's books: which plugin is enabled in which street and with what configuration
 * (a street's administrators see and change their own street's rows only), which plugin
 * migrations ran (with their checksums, for `lianxin plugin check`), and each plugin hook's
 * failures (the host's view: no street).
 */
export class Plugins1732600000020 implements MigrationInterface {
  name = 'Plugins1732600000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plugin_street (
        plugin      text NOT NULL CHECK (plugin ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'),
        street_id   bigint NOT NULL REFERENCES street (id),
        enabled     boolean NOT NULL,
        config      jsonb NOT NULL DEFAULT '{}',
        version     integer NOT NULL DEFAULT 1,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plugin, street_id)
      )`);
    await q.query(`ALTER TABLE plugin_street ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE plugin_street FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON plugin_street USING ${visible} WITH CHECK ${visible}`,
    );
    await q.query(`
      CREATE TABLE plugin_migration (
        plugin      text NOT NULL,
        name        text NOT NULL,
        checksum    text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (plugin, name)
      )`);
    await q.query(`
      CREATE TABLE plugin_hook_state (
        consumer         text PRIMARY KEY,
        failures         integer NOT NULL DEFAULT 0,
        last_error       text,
        last_error_at    timestamptz,
        last_success_at  timestamptz
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON plugin_street TO lianxin_app`);
    await q.query(`GRANT SELECT ON plugin_migration TO lianxin_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON plugin_hook_state TO lianxin_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plugin_hook_state`);
    await q.query(`DROP TABLE plugin_migration`);
    await q.query(`DROP TABLE plugin_street`);
  }
}
