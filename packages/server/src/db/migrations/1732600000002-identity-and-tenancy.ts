import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables that belong to a street: row-level security keeps every statement inside the caller's streets. */
export const TENANT_TABLES = [
  'grid',
  'person',
  'grid_assignment',
  'organization',
  'organization_grid',
  'organization_member',
  'volunteer_team',
  'volunteer',
  'volunteer_team_member',
  'volunteer_registration',
  'service_post',
  'service_post_claim',
  'brand',
  'activity',
  'activity_participant',
  'service_record',
  'domain_event',
  'audit_log',
];

/**
 * Identities (staff users, refresh tokens, API keys), the audit log, and tenant isolation in the
 * database: the server runs its statements as `lianxin_app`, a role without BYPASSRLS that does not
 * own the tables, and sets the caller's streets per request (`lianxin.street_ids`: `*` for
 * platform-wide callers, else a comma-separated list of street ids; unset means no rows at all).
 */
export class IdentityAndTenancy1732600000002 implements MigrationInterface {
  name = 'IdentityAndTenancy1732600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
        display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        password_hash     text,
        external_subject  text UNIQUE,
        role              text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN',
                            'COMMUNITY_STAFF', 'GRID_WORKER', 'DEPARTMENT_STAFF', 'VOLUNTEER', 'RESIDENT')),
        district_id       bigint REFERENCES district (id),
        street_id         bigint REFERENCES street (id),
        community_id      bigint,
        grid_id           bigint,
        grid_code         text,
        department_id     bigint,
        person_id         bigint,
        token_version     integer NOT NULL DEFAULT 0,
        disabled_at       timestamptz,
        last_login_at     timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (street_id, community_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id),
        FOREIGN KEY (street_id, department_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, person_id) REFERENCES person (street_id, id),
        CHECK (password_hash IS NOT NULL OR external_subject IS NOT NULL),
        CHECK (role <> 'PLATFORM_ADMIN' OR (street_id IS NULL AND district_id IS NULL)),
        CHECK (role <> 'DISTRICT_ADMIN' OR (district_id IS NOT NULL AND street_id IS NULL)),
        CHECK (role IN ('PLATFORM_ADMIN', 'DISTRICT_ADMIN') OR street_id IS NOT NULL),
        CHECK (role <> 'COMMUNITY_STAFF' OR community_id IS NOT NULL),
        CHECK (role <> 'GRID_WORKER' OR (grid_id IS NOT NULL AND grid_code IS NOT NULL)),
        CHECK (role <> 'DEPARTMENT_STAFF' OR department_id IS NOT NULL),
        CHECK (role NOT IN ('VOLUNTEER', 'RESIDENT') OR person_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE refresh_token (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id     bigint NOT NULL REFERENCES app_user (id),
        family_id   uuid NOT NULL,
        token_hash  text NOT NULL UNIQUE,
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz,
        revoked_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_token_family_idx ON refresh_token (family_id)`);

    await q.query(`
      CREATE TABLE api_key (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id      bigint REFERENCES street (id),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix         text NOT NULL UNIQUE,
        secret_hash    text NOT NULL,
        scopes         text[] NOT NULL,
        created_by     bigint REFERENCES app_user (id),
        expires_at     timestamptz,
        last_used_at   timestamptz,
        revoked_at     timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id     bigint NOT NULL REFERENCES street (id),
        action        text NOT NULL,
        actor         jsonb NOT NULL,
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        fields        text[] NOT NULL DEFAULT '{}',
        request_id    text,
        occurred_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_street_idx ON audit_log (street_id, occurred_at)`);

    // The policy: `*` sees every street, a list sees those, anything else (unset) sees nothing.
    // The setting is read through scalar subqueries, so PostgreSQL evaluates it once per
    // statement (an InitPlan), not once per row.
    await q.query(`
      CREATE FUNCTION lianxin_all_streets() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(current_setting('lianxin.street_ids', true), '') = '*'
      $$`);
    await q.query(`
      CREATE FUNCTION lianxin_street_ids() RETURNS bigint[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN coalesce(current_setting('lianxin.street_ids', true), '') IN ('', '*') THEN '{}'::bigint[]
                    ELSE string_to_array(current_setting('lianxin.street_ids', true), ',')::bigint[] END
      $$`);
    const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;
    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING ${visible} WITH CHECK ${visible}`,
      );
    }
    // domain_event rows of platform-level facts have no street: platform-wide callers only
    // (NULL = ANY (…) is never true, so the policy above already says so).

    // The role the server runs as. Roles belong to the cluster, so it may exist already.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lianxin_app') THEN
          CREATE ROLE lianxin_app NOLOGIN NOBYPASSRLS;
        END IF;
      END $$`);
    await q.query(`GRANT lianxin_app TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public TO lianxin_app`);
    await q.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lianxin_app`,
    );
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lianxin_app`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lianxin_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lianxin_app`,
    );
    // History is append-only for the server.
    await q.query(`REVOKE UPDATE, DELETE ON domain_event, audit_log FROM lianxin_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TENANT_TABLES) {
      await q.query(`DROP POLICY IF EXISTS tenant_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION lianxin_street_ids()`);
    await q.query(`DROP FUNCTION lianxin_all_streets()`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE api_key`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
  }
}
