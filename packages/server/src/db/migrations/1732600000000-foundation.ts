import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Districts, streets (the tenant) and the domain event outbox every write appends to. */
export class Foundation1732600000000 implements MigrationInterface {
  name = 'Foundation1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE district (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{6}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE street (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        district_id  bigint NOT NULL REFERENCES district (id),
        code         text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{9}$'),
        name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        archived_at  timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX street_district_idx ON street (district_id, code)`);
    await q.query(`CREATE INDEX street_name_idx ON street (name, id)`);
    await q.query(`CREATE INDEX street_created_idx ON street (created_at, id)`);
    // The outbox: written in the same transaction as the change it describes; subscriptions,
    // plugin hooks and webhooks all read from here. tx_id lets readers skip in-flight gaps.
    await q.query(`
      CREATE TABLE domain_event (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id     bigint REFERENCES street (id),
        type          text NOT NULL,
        subject_type  text NOT NULL,
        subject_id    text NOT NULL,
        actor         jsonb NOT NULL,
        payload       jsonb NOT NULL,
        tx_id         xid8 NOT NULL DEFAULT pg_current_xact_id(),
        occurred_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX domain_event_street_idx ON domain_event (street_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE domain_event`);
    await q.query(`DROP TABLE street`);
    await q.query(`DROP TABLE district`);
  }
}
