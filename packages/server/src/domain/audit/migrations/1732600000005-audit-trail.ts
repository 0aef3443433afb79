import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log as people read it: who (credential kind, id, role) from which address, and what
 * changed (an event's payload) or was read; platform-level entries (accounts of no street) have no
 * street. Entries stay immutable for the server: only `lianxin_purge_audit_log`, a function owned
 * by the tables' owner, removes entries past the retention period, and it records that it did.
 */
export class AuditTrail1732600000005 implements MigrationInterface {
  name = 'AuditTrail1732600000005';

  async up(q: QueryRunner): Promise<void> {
    // Row-level security applies to the owner too (FORCE): this migration works on every street.
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
    await q.query(`
      ALTER TABLE audit_log
        ALTER COLUMN street_id DROP NOT NULL,
        ADD COLUMN actor_kind text,
        ADD COLUMN actor_id text,
        ADD COLUMN actor_role text,
        ADD COLUMN client_address text CHECK (length(client_address) <= 100),
        ADD COLUMN details jsonb`);
    await q.query(`
      UPDATE audit_log SET actor_kind = actor->>'kind', actor_id = actor->>'id', actor_role = actor->>'role'`);
    await q.query(`
      ALTER TABLE audit_log
        ALTER COLUMN actor_kind SET NOT NULL,
        ADD CONSTRAINT audit_log_actor_kind_check
          CHECK (actor_kind IN ('anonymous', 'user', 'api-key', 'admin-token', 'system')),
        DROP COLUMN actor`);
    await q.query(`DROP INDEX audit_log_street_idx`);
    await q.query(`CREATE INDEX audit_log_street_idx ON audit_log (street_id, occurred_at, id)`);
    await q.query(
      `CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, occurred_at, id)`,
    );
    await q.query(
      `CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, occurred_at, id)`,
    );
    await q.query(`CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at, id)`);

    // Facts of no street (a district's calendar, a district administrator's account) may be
    // written by callers scoped to streets; only platform-wide callers read them back.
    const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;
    for (const table of ['domain_event', 'audit_log']) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING ${visible} WITH CHECK (street_id IS NULL OR ${visible})`,
      );
    }

    // Retention: removes entries older than `cutoff` (never younger than 30 days, so the server
    // cannot empty the log) and records, per street, how many went; one purge at a time.
    await q.query(`
      CREATE FUNCTION lianxin_purge_audit_log(cutoff timestamptz, request_id text)
      RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE removed bigint;
      BEGIN
        IF cutoff IS NULL OR cutoff > now() - interval '30 days' THEN
          RAISE EXCEPTION 'audit entries are kept at least 30 days (cutoff %)', cutoff
            USING ERRCODE = '22023';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('lianxin_purge_audit_log'));
        PERFORM set_config('lianxin.street_ids', '*', true);
        WITH gone AS (DELETE FROM audit_log WHERE occurred_at < cutoff RETURNING street_id),
             counted AS (SELECT street_id, count(*) AS n FROM gone GROUP BY street_id),
             -- Runs whether or not it is read, as every data-modifying WITH does.
             recorded AS (
               INSERT INTO audit_log (street_id, action, actor_kind, subject_type, subject_id,
                                      request_id, details)
               SELECT street_id, 'audit_log.purged', 'system', 'AuditLog',
                      coalesce(street_id::text, 'platform'), request_id,
                      jsonb_build_object('removed', n, 'olderThan', cutoff)
               FROM counted)
        SELECT coalesce(sum(n), 0) INTO removed FROM counted;
        RETURN removed;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION lianxin_purge_audit_log(timestamptz, text) FROM PUBLIC`);
    await q.query(
      `GRANT EXECUTE ON FUNCTION lianxin_purge_audit_log(timestamptz, text) TO lianxin_app`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
    const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;
    for (const table of ['domain_event', 'audit_log']) {
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING ${visible} WITH CHECK ${visible}`,
      );
    }
    await q.query(`DROP FUNCTION lianxin_purge_audit_log(timestamptz, text)`);
    await q.query(`DROP INDEX audit_log_occurred_idx`);
    await q.query(`DROP INDEX audit_log_actor_idx`);
    await q.query(`DROP INDEX audit_log_subject_idx`);
    await q.query(`DROP INDEX audit_log_street_idx`);
    await q.query(`CREATE INDEX audit_log_street_idx ON audit_log (street_id, occurred_at)`);
    await q.query(`DELETE FROM audit_log WHERE street_id IS NULL`);
    await q.query(`
      ALTER TABLE audit_log
        ADD COLUMN actor jsonb,
        DROP CONSTRAINT audit_log_actor_kind_check`);
    await q.query(`
      UPDATE audit_log SET actor = jsonb_strip_nulls(jsonb_build_object('kind', actor_kind, 'id', actor_id, 'role', actor_role))`);
    await q.query(`
      ALTER TABLE audit_log
        ALTER COLUMN actor SET NOT NULL,
        ALTER COLUMN street_id SET NOT NULL,
        DROP COLUMN actor_kind, DROP COLUMN actor_id, DROP COLUMN actor_role,
        DROP COLUMN client_address, DROP COLUMN details`);
  }
}
