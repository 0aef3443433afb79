import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The core domain: grids, people, organizations, volunteers, brands and activities.
 *
 * Every table carries `street_id`, and every reference to another tenant row is a composite
 * foreign key on (street_id, id), so the database itself refuses a link across streets.
 */
export class CoreDomain1732600000001 implements MigrationInterface {
  name = 'CoreDomain1732600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS ltree`);

    const audit = `
      archived_at  timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now()`;

    await q.query(`
      CREATE TABLE grid (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id    bigint NOT NULL REFERENCES street (id),
        parent_id    bigint,
        level        text NOT NULL CHECK (level IN ('STREET', 'COMMUNITY', 'UNIT', 'BUILDING')),
        code         text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{9}([0-9]{3}){0,3}$'),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        boundary     jsonb,
        center_lng   double precision CHECK (center_lng BETWEEN -180 AND 180),
        center_lat   double precision CHECK (center_lat BETWEEN -90 AND 90),
        households   integer CHECK (households >= 0),
        residents    integer CHECK (residents >= 0),
        buildings    integer CHECK (buildings >= 0),
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, parent_id) REFERENCES grid (street_id, id),
        CHECK ((level = 'STREET') = (parent_id IS NULL))
      )`);
    // The code is the materialized path: a subtree is a code prefix.
    await q.query(`CREATE INDEX grid_code_prefix_idx ON grid (code text_pattern_ops)`);
    await q.query(`CREATE INDEX grid_street_level_idx ON grid (street_id, level, code)`);
    await q.query(`CREATE INDEX grid_parent_idx ON grid (parent_id, code)`);
    await q.query(
      `CREATE UNIQUE INDEX grid_one_street_grid ON grid (street_id) WHERE level = 'STREET'`,
    );

    await q.query(`
      CREATE TABLE person (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES street (id),
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        gender           text CHECK (gender IN ('MALE', 'FEMALE')),
        birth_year       smallint CHECK (birth_year BETWEEN 1900 AND 2100),
        phone            text,
        id_number        text,
        is_staff         boolean NOT NULL DEFAULT false,
        party_status     text CHECK (party_status IN ('MEMBER', 'PROBATIONARY')),
        party_kind       text CHECK (party_kind IN ('RETIRED', 'IN_SERVICE', 'OTHER')),
        party_joined_on  date,
        home_grid_id     bigint,
        employer         text,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, home_grid_id) REFERENCES grid (street_id, id),
        CHECK (party_status IS NOT NULL OR (party_kind IS NULL AND party_joined_on IS NULL))
      )`);
    await q.query(`CREATE INDEX person_street_name_idx ON person (street_id, name, id)`);
    await q.query(`CREATE INDEX person_home_grid_idx ON person (home_grid_id)`);
    await q.query(
      `CREATE INDEX person_party_idx ON person (street_id, party_kind) WHERE party_status IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE grid_assignment (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id   bigint NOT NULL REFERENCES street (id),
        grid_id     bigint NOT NULL,
        person_id   bigint NOT NULL,
        role        text NOT NULL CHECK (role IN ('INSTRUCTOR', 'LEADER', 'MEMBER', 'ASSISTANT', 'BUILDING_LEAD')),
        started_on  date NOT NULL DEFAULT current_date,
        ended_on    date,
        created_at  timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id),
        FOREIGN KEY (street_id, person_id) REFERENCES person (street_id, id),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX grid_assignment_active_idx ON grid_assignment (grid_id, person_id, role) WHERE ended_on IS NULL`,
    );
    await q.query(
      `CREATE INDEX grid_assignment_person_idx ON grid_assignment (person_id) WHERE ended_on IS NULL`,
    );

    await q.query(`
      CREATE TABLE organization (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id    bigint NOT NULL REFERENCES street (id),
        parent_id    bigint,
        path         ltree NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('STREET_COMMITTEE', 'JOINT_COMMITTEE', 'COMMUNITY',
                       'COMMUNITY_COMMITTEE', 'PARTY_BRANCH', 'PARTY_GROUP', 'DEPARTMENT', 'CO_BUILDING_UNIT',
                       'SOCIAL_ORGANIZATION', 'PROPERTY_MANAGER', 'OWNERS_COMMITTEE')),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        code         text CHECK (code ~ '^[0-9A-Za-z-]{1,32}$'),
        phone        text,
        address      text,
        description  text,
        founded_on   date,
        ${audit},
        UNIQUE (street_id, id),
        UNIQUE (street_id, code),
        FOREIGN KEY (street_id, parent_id) REFERENCES organization (street_id, id)
      )`);
    await q.query(`CREATE INDEX organization_path_idx ON organization USING gist (path)`);
    await q.query(`CREATE INDEX organization_parent_idx ON organization (parent_id, name, id)`);
    await q.query(
      `CREATE INDEX organization_street_kind_idx ON organization (street_id, kind, name, id)`,
    );

    await q.query(`
      CREATE TABLE organization_grid (
        street_id        bigint NOT NULL REFERENCES street (id),
        organization_id  bigint NOT NULL,
        grid_id          bigint NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, grid_id),
        FOREIGN KEY (street_id, organization_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id)
      )`);
    await q.query(`CREATE INDEX organization_grid_grid_idx ON organization_grid (grid_id)`);

    await q.query(`
      CREATE TABLE organization_member (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES street (id),
        organization_id  bigint NOT NULL,
        person_id        bigint NOT NULL,
        role             text NOT NULL CHECK (role IN ('SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER',
                           'DIRECTOR', 'DEPUTY_DIRECTOR', 'STAFF', 'MEMBER', 'LIAISON')),
        started_on       date NOT NULL DEFAULT current_date,
        ended_on         date,
        created_at       timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (street_id, organization_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, person_id) REFERENCES person (street_id, id),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX organization_member_active_idx ON organization_member (organization_id, person_id, role) WHERE ended_on IS NULL`,
    );
    await q.query(`CREATE INDEX organization_member_person_idx ON organization_member (person_id)`);

    await q.query(`
      CREATE TABLE volunteer_team (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES street (id),
        organization_id  bigint,
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description      text,
        founded_on       date,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, organization_id) REFERENCES organization (street_id, id)
      )`);
    await q.query(`CREATE INDEX volunteer_team_street_idx ON volunteer_team (street_id, name, id)`);

    await q.query(`
      CREATE TABLE volunteer (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id   bigint NOT NULL REFERENCES street (id),
        person_id   bigint NOT NULL UNIQUE,
        skills      text[] NOT NULL DEFAULT '{}',
        joined_on   date NOT NULL DEFAULT current_date,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, person_id) REFERENCES person (street_id, id)
      )`);
    await q.query(`CREATE INDEX volunteer_street_idx ON volunteer (street_id, id)`);

    await q.query(`
      CREATE TABLE volunteer_team_member (
        street_id     bigint NOT NULL REFERENCES street (id),
        team_id       bigint NOT NULL,
        volunteer_id  bigint NOT NULL,
        joined_on     date NOT NULL DEFAULT current_date,
        PRIMARY KEY (team_id, volunteer_id),
        FOREIGN KEY (street_id, team_id) REFERENCES volunteer_team (street_id, id),
        FOREIGN KEY (street_id, volunteer_id) REFERENCES volunteer (street_id, id)
      )`);
    await q.query(
      `CREATE INDEX volunteer_team_member_volunteer_idx ON volunteer_team_member (volunteer_id)`,
    );

    // 在职党员进社区报到: an in-service party member registers with the community where they live.
    await q.query(`
      CREATE TABLE volunteer_registration (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id      bigint NOT NULL REFERENCES street (id),
        volunteer_id   bigint NOT NULL,
        community_id   bigint NOT NULL,
        employer       text,
        registered_on  date NOT NULL DEFAULT current_date,
        ended_on       date,
        created_at     timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (street_id, volunteer_id) REFERENCES volunteer (street_id, id),
        FOREIGN KEY (street_id, community_id) REFERENCES organization (street_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX volunteer_registration_active_idx ON volunteer_registration (volunteer_id) WHERE ended_on IS NULL`,
    );
    await q.query(
      `CREATE INDEX volunteer_registration_community_idx ON volunteer_registration (community_id)`,
    );

    await q.query(`
      CREATE TABLE service_post (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES street (id),
        organization_id  bigint,
        grid_id          bigint,
        name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        kind             text NOT NULL CHECK (kind IN ('POLICY_PROMOTION', 'MEDIATION', 'PATROL', 'ENVIRONMENT',
                           'ELDERLY_CARE', 'EPIDEMIC_PREVENTION', 'CULTURE', 'CIVILITY', 'OTHER')),
        capacity         integer CHECK (capacity > 0),
        description      text,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, organization_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id)
      )`);
    await q.query(`CREATE INDEX service_post_street_idx ON service_post (street_id, name, id)`);

    await q.query(`
      CREATE TABLE service_post_claim (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id     bigint NOT NULL REFERENCES street (id),
        post_id       bigint NOT NULL,
        volunteer_id  bigint NOT NULL,
        claimed_on    date NOT NULL DEFAULT current_date,
        released_on   date,
        created_at    timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (street_id, post_id) REFERENCES service_post (street_id, id),
        FOREIGN KEY (street_id, volunteer_id) REFERENCES volunteer (street_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX service_post_claim_active_idx ON service_post_claim (post_id, volunteer_id) WHERE released_on IS NULL`,
    );
    await q.query(
      `CREATE INDEX service_post_claim_volunteer_idx ON service_post_claim (volunteer_id)`,
    );

    await q.query(`
      CREATE TABLE brand (
        id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id              bigint NOT NULL REFERENCES street (id),
        parent_id              bigint,
        path                   ltree NOT NULL,
        owner_organization_id  bigint NOT NULL,
        name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        slogan                 text,
        description            text,
        is_primary             boolean NOT NULL DEFAULT false,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, parent_id) REFERENCES brand (street_id, id),
        FOREIGN KEY (street_id, owner_organization_id) REFERENCES organization (street_id, id)
      )`);
    await q.query(`CREATE INDEX brand_path_idx ON brand USING gist (path)`);
    await q.query(`CREATE INDEX brand_parent_idx ON brand (parent_id, name, id)`);
    await q.query(`CREATE INDEX brand_owner_idx ON brand (owner_organization_id, name, id)`);
    // 一社一品: at most one primary brand per community.
    await q.query(
      `CREATE UNIQUE INDEX brand_one_primary_idx ON brand (owner_organization_id) WHERE is_primary AND archived_at IS NULL`,
    );

    await q.query(`
      CREATE TABLE activity (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id        bigint NOT NULL REFERENCES street (id),
        kind             text NOT NULL CHECK (kind IN ('LECTURE', 'DELIBERATION', 'VOLUNTEER_SERVICE',
                           'RECTIFICATION', 'CULTURAL', 'MEETING', 'OTHER')),
        title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        brand_id         bigint,
        organization_id  bigint,
        grid_id          bigint,
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz,
        place            text,
        description      text,
        outcome          text,
        ${audit},
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, brand_id) REFERENCES brand (street_id, id),
        FOREIGN KEY (street_id, organization_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, grid_id) REFERENCES grid (street_id, id),
        CHECK (ends_at IS NULL OR ends_at >= starts_at)
      )`);
    await q.query(`CREATE INDEX activity_street_time_idx ON activity (street_id, starts_at, id)`);
    await q.query(`CREATE INDEX activity_brand_idx ON activity (brand_id, starts_at, id)`);
    await q.query(
      `CREATE INDEX activity_organization_idx ON activity (organization_id, starts_at, id)`,
    );

    await q.query(`
      CREATE TABLE activity_participant (
        street_id    bigint NOT NULL REFERENCES street (id),
        activity_id  bigint NOT NULL,
        person_id    bigint NOT NULL,
        role         text NOT NULL DEFAULT 'PARTICIPANT' CHECK (role IN ('ORGANIZER', 'SPEAKER', 'VOLUNTEER', 'PARTICIPANT')),
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, person_id),
        FOREIGN KEY (street_id, activity_id) REFERENCES activity (street_id, id),
        FOREIGN KEY (street_id, person_id) REFERENCES person (street_id, id)
      )`);
    await q.query(
      `CREATE INDEX activity_participant_person_idx ON activity_participant (person_id)`,
    );

    // Volunteer service records (民政部 志愿服务记录办法): immutable; corrected by a new record that
    // supersedes the old one; they count only once confirmed.
    await q.query(`
      CREATE TABLE service_record (
        id                           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id                    bigint NOT NULL REFERENCES street (id),
        volunteer_id                 bigint NOT NULL,
        recorded_by_organization_id  bigint NOT NULL,
        served_on                    date NOT NULL,
        hours                        numeric(5, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
        people_served                integer NOT NULL DEFAULT 0 CHECK (people_served >= 0),
        post_id                      bigint,
        activity_id                  bigint,
        description                  text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
        place                        text,
        supersedes_id                bigint UNIQUE,
        confirmed_by_person_id       bigint,
        confirmed_at                 timestamptz,
        created_at                   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (street_id, id),
        FOREIGN KEY (street_id, volunteer_id) REFERENCES volunteer (street_id, id),
        FOREIGN KEY (street_id, recorded_by_organization_id) REFERENCES organization (street_id, id),
        FOREIGN KEY (street_id, post_id) REFERENCES service_post (street_id, id),
        FOREIGN KEY (street_id, activity_id) REFERENCES activity (street_id, id),
        FOREIGN KEY (street_id, supersedes_id) REFERENCES service_record (street_id, id),
        FOREIGN KEY (street_id, confirmed_by_person_id) REFERENCES person (street_id, id),
        CHECK ((confirmed_at IS NULL) = (confirmed_by_person_id IS NULL))
      )`);
    await q.query(
      `CREATE INDEX service_record_volunteer_idx ON service_record (volunteer_id, served_on, id)`,
    );
    await q.query(
      `CREATE INDEX service_record_street_idx ON service_record (street_id, served_on, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'service_record',
      'activity_participant',
      'activity',
      'brand',
      'service_post_claim',
      'service_post',
      'volunteer_registration',
      'volunteer_team_member',
      'volunteer',
      'volunteer_team',
      'organization_member',
      'organization_grid',
      'organization',
      'grid_assignment',
      'person',
      'grid',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
