import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ACKNOWLEDGE_LIMITS,
  INTAKE_LIMITS,
  STANDARD_CATEGORIES,
  onDefaultCalendar,
} from '../category.catalog';

const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;

/**
 * Cases (案件): categories with versioned rules, the case itself, the departments dispatched to it
 * (the whistle), its immutable timeline, and the per-street daily counter behind case numbers.
 * Every row carries its street and row-level security; the platform's standard categories have
 * no street and every caller reads them.
 */
export class Cases1732600000008 implements MigrationInterface {
  name = 'Cases1732600000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`SELECT set_config('lianxin.street_ids', '*', true)`);

    // 大类 / 小类: a minor (with rules) under a major (a heading). Street-owned ones extend the
    // platform's catalog; a code and an Open311 service code name one category in a street.
    await q.query(`
      CREATE TABLE case_category (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id     bigint REFERENCES street (id),
        parent_id     bigint REFERENCES case_category (id),
        code          text NOT NULL CHECK (code ~ '^[0-9A-Z]{2}([0-9A-Z]{2}){0,2}$'),
        name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        name_en       text CHECK (length(name_en) BETWEEN 1 AND 100),
        service_code  text NOT NULL CHECK (service_code ~ '^[a-z0-9][a-z0-9.-]{0,99}$'),
        version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        archived_at   timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (length(code) = 2))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_category_code_key ON case_category (coalesce(street_id, 0), code)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX case_category_service_code_key ON case_category (coalesce(street_id, 0), service_code)`,
    );
    // The rules a case is handled under, one row per version: a case keeps the version it had.
    await q.query(`
      CREATE TABLE case_category_version (
        category_id          bigint NOT NULL REFERENCES case_category (id),
        version              integer NOT NULL CHECK (version >= 1),
        street_id            bigint REFERENCES street (id),
        acceptance_criteria  text NOT NULL CHECK (length(acceptance_criteria) BETWEEN 1 AND 2000),
        closure_criteria     text NOT NULL CHECK (length(closure_criteria) BETWEEN 1 AND 2000),
        time_limits          jsonb NOT NULL,
        intake_limits        jsonb NOT NULL,
        acknowledge_limits   jsonb NOT NULL,
        departments          text[] NOT NULL DEFAULT '{}',
        created_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category_id, version)
      )`);

    await q.query(`
      CREATE TABLE case_file (
        id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id           bigint NOT NULL REFERENCES street (id),
        number              text NOT NULL UNIQUE,
        title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description         text CHECK (length(description) <= 5000),
        category_id         bigint NOT NULL,
        category_version    integer NOT NULL,
        source              text NOT NULL CHECK (source IN ('PATROL', 'RESIDENT', 'HOTLINE', 'INTEGRATION')),
        urgency             text NOT NULL CHECK (urgency IN ('A', 'B', 'C')),
        status              text NOT NULL CHECK (status IN ('REPORTED', 'ACCEPTED', 'REJECTED', 'DISPATCHED',
                              'IN_PROGRESS', 'SUSPENDED', 'VERIFYING', 'CLOSED', 'CANCELLED')),
        level               text NOT NULL DEFAULT 'GRID' CHECK (level IN ('GRID', 'COMMUNITY', 'STREET')),
        owner_user_id       bigint REFERENCES app_user (id),
        grid_id             bigint NOT NULL,
        address             text CHECK (length(address) <= 200),
        latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
        reporter_user_id    bigint REFERENCES app_user (id),
        reporter_person_id  bigint,
        reported_by         text NOT NULL,
        external_ref        text CHECK (length(external_ref) BETWEEN 1 AND 100),
        idempotency_key     text CHECK (length(idempotency_key) BETWEEN 1 AND 100),
        request_hash        text,
        attachments         jsonb NOT NULL DEFAULT '[]',
        version             integer NOT NULL DEFAULT 1,
        reported_at         timestamptz NOT NULL DEFAULT now(),
        accept_due_at       timestamptz NOT NULL,
        accepted_at         timestamptz,
        rejected_at         timestamptz,
        dispatched_at       timestamptz,
        allowed_minutes     integer NOT NULL CHECK (allowed_minutes > 0),
        stage_started_at    timestamptz NOT NULL,
        due_at              timestamptz NOT NULL,
        suspended_at        timestamptz,
        remaining_minutes   integer,
        overdue_at          timestamptz,
        pending_postponement jsonb,
        resolved_at         timestamptz,
        resolution          text CHECK (length(resolution) <= 5000),
        handling_minutes    integer,
        verified_at         timestamptz,
        closed_at           timestamptz,
        cancelled_at        timestamptz,
        cancel_reason       text,
        merged_into_id      bigint REFERENCES case_file (id),
        return_count        integer NOT NULL DEFAULT 0,
        postpone_count      integer NOT NULL DEFAULT 0,
        suspend_count       integer NOT NULL DEFAULT 0,
        rework_count        integer NOT NULL DEFAULT 0,
        reopen_count        integer NOT NULL DEFAULT 0,
        rating              text CHECK (rating IN ('SATISFIED', 'NEUTRAL', 'DISSATISFIED')),
        rating_comment      text CHECK (length(rating_comment) <= 500),
        rated_at            timestamptz,
        search_text         text GENERATED ALWAYS AS (
                              title || ' ' || coalesce(description, '') || ' ' || coalesce(address, '') || ' ' || number
                            ) STORED,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (street_id, id),
        FOREIGN KEY (category_id, category_version) REFERENCES case_category_version (category_id, version),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id),
        FOREIGN KEY (street_id, reporter_person_id) REFERENCES person (street_id, id),
        CHECK ((latitude IS NULL) = (longitude IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_file_external_ref_key ON case_file (street_id, external_ref) WHERE external_ref IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX case_file_idempotency_key ON case_file (reported_by, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    // The list pages: newest first, by due time among open ones, per status.
    await q.query(
      `CREATE INDEX case_file_reported_idx ON case_file (street_id, reported_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX case_file_status_due_idx ON case_file (street_id, status, due_at, id)`,
    );
    await q.query(
      `CREATE INDEX case_file_status_reported_idx ON case_file (street_id, status, reported_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX case_file_grid_idx ON case_file (grid_id, reported_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX case_file_category_idx ON case_file (category_id, reported_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX case_file_reporter_idx ON case_file (reporter_user_id) WHERE reporter_user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX case_file_search_idx ON case_file USING gin (search_text gin_trgm_ops)`,
    );

    // The whistle: each department a case is dispatched to, with its own acknowledge (报到) and
    // resolve state and due times. A department returned (退回) keeps its row.
    await q.query(`
      CREATE TABLE case_department (
        id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id             bigint NOT NULL REFERENCES street (id),
        case_id               bigint NOT NULL,
        department_id         bigint NOT NULL,
        state                 text NOT NULL CHECK (state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS',
                                'RESOLVED', 'RETURNED', 'WITHDRAWN')),
        dispatched_at         timestamptz NOT NULL DEFAULT now(),
        acknowledge_due_at    timestamptz NOT NULL,
        acknowledged_at       timestamptz,
        started_at            timestamptz,
        due_at                timestamptz NOT NULL,
        resolved_at           timestamptz,
        resolution            text CHECK (length(resolution) <= 5000),
        returned_at           timestamptz,
        return_reason         text CHECK (length(return_reason) <= 1000),
        acknowledge_overdue_at timestamptz,
        overdue_at            timestamptz,
        FOREIGN KEY (street_id, case_id) REFERENCES case_file (street_id, id),
        FOREIGN KEY (street_id, department_id) REFERENCES organization (street_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_department_active_key ON case_department (case_id, department_id)
       WHERE state NOT IN ('RETURNED', 'WITHDRAWN')`,
    );
    await q.query(`CREATE INDEX case_department_case_idx ON case_department (case_id, id)`);
    await q.query(
      `CREATE INDEX case_department_queue_idx ON case_department (department_id, state, due_at)`,
    );

    await q.query(`
      CREATE TABLE case_timeline (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id      bigint NOT NULL REFERENCES street (id),
        case_id        bigint NOT NULL,
        action         text NOT NULL,
        from_status    text,
        to_status      text NOT NULL,
        actor_kind     text NOT NULL,
        actor_id       text,
        actor_role     text,
        department_id  bigint,
        note           text CHECK (length(note) <= 2000),
        attachments    jsonb NOT NULL DEFAULT '[]',
        details        jsonb NOT NULL DEFAULT '{}',
        occurred_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (street_id, case_id) REFERENCES case_file (street_id, id)
      )`);
    await q.query(`CREATE INDEX case_timeline_case_idx ON case_timeline (case_id, id DESC)`);
    await q.query(
      `CREATE INDEX case_timeline_action_idx ON case_timeline (street_id, action, occurred_at)`,
    );

    // Case numbers are gap-free per street and day: the counter row is taken in the report's
    // transaction, so a report that rolls back gives its number back.
    await q.query(`
      CREATE TABLE case_number_counter (
        street_id  bigint NOT NULL REFERENCES street (id),
        day        date NOT NULL,
        last       integer NOT NULL,
        PRIMARY KEY (street_id, day)
      )`);

    for (const table of ['case_file', 'case_department', 'case_timeline', 'case_number_counter']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING ${visible} WITH CHECK ${visible}`,
      );
    }
    // The platform's catalog (no street) is read by all; only platform-wide callers write it.
    for (const table of ['case_category', 'case_category_version']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING (street_id IS NULL OR ${visible}) WITH CHECK ${visible}`,
      );
    }
    // History is append-only for the server, and so are the rules a case was handled under.
    await q.query(`REVOKE UPDATE, DELETE ON case_timeline, case_category_version FROM lianxin_app`);

    await installCatalog(q);

    // Case duties (受理员, 值班长, 派遣员, 监督员) are grants on an account, beside its role.
    await q.query(`
      ALTER TABLE app_user ADD COLUMN case_duties text[] NOT NULL DEFAULT '{}'
        CHECK (case_duties <@ '{INTAKE,SHIFT_LEAD,DISPATCHER,INSPECTOR}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN case_duties`);
    await q.query(
      `DROP TABLE case_number_counter, case_timeline, case_department, case_file, case_category_version, case_category`,
    );
  }
}

/**
 * The platform's standard catalog (category.catalog.ts) as this migration ships it: majors, then
 * minors with version 1 of their rules. A later change to the catalog is a later migration.
 */
async function installCatalog(q: QueryRunner): Promise<void> {
  const ids = new Map<string, string>();
  // Whole days of the catalog become days of the default calendar (420 working minutes).
  const limits = (l: { A: number; B: number; C: number }) => JSON.stringify(onDefaultCalendar(l));
  for (const seed of [...STANDARD_CATEGORIES].sort((a, b) => a.code.length - b.code.length)) {
    const parentId = seed.code.length > 2 ? ids.get(seed.code.slice(0, 2)) : null;
    if (parentId === undefined) throw new Error(`Category ${seed.code} has no major class`);
    const [row] = (await q.query(
      `INSERT INTO case_category (street_id, parent_id, code, name, name_en, service_code)
       VALUES (NULL, $1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [parentId, seed.code, seed.name, seed.nameEn, seed.serviceCode],
    )) as { id: string }[];
    ids.set(seed.code, row!.id);
    if (parentId === null) continue;
    await q.query(
      `INSERT INTO case_category_version (category_id, version, street_id, acceptance_criteria,
         closure_criteria, time_limits, intake_limits, acknowledge_limits, departments)
       VALUES ($1, 1, NULL, $2, $3, $4, $5, $6, $7)`,
      [
        row!.id,
        seed.acceptanceCriteria,
        seed.closureCriteria,
        limits(seed.timeLimits!),
        limits(INTAKE_LIMITS),
        limits(ACKNOWLEDGE_LIMITS),
        seed.departments ?? [],
      ],
    );
  }
}
