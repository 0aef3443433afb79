import type { MigrationInterface, QueryRunner } from 'typeorm';

const visible = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;

/**
 * Webhooks: a street's endpoints (a receiver URL, the event types it takes, its signing secret and
 * its health), one delivery per event and endpoint (and per redelivery), and each attempt of a
 * delivery. Every row carries its street and row-level security; an endpoint's deliveries and
 * their attempts go with it.
 */
export class Webhooks1732600000012 implements MigrationInterface {
  name = 'Webhooks1732600000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoint (
        id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id                   bigint NOT NULL REFERENCES street (id),
        url                         text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
        description                 text CHECK (length(description) <= 500),
        event_types                 text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
        secret                      text NOT NULL,
        previous_secret             text,
        previous_secret_expires_at  timestamptz,
        disabled_at                 timestamptz,
        disabled_cause              text CHECK (disabled_cause IN ('ADMINISTRATOR', 'FAILURES')),
        disabled_reason             text CHECK (length(disabled_reason) <= 1000),
        consecutive_failures        integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        failing_since               timestamptz,
        last_success_at             timestamptz,
        last_failure_at             timestamptz,
        created_by                  bigint REFERENCES app_user (id),
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CHECK ((disabled_at IS NULL) = (disabled_cause IS NULL))
      )`);
    // The relay looks up the enabled endpoints of a batch's streets.
    await q.query(
      `CREATE INDEX webhook_endpoint_street_idx ON webhook_endpoint (street_id) WHERE disabled_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX webhook_endpoint_street_all_idx ON webhook_endpoint (street_id, id)`,
    );

    await q.query(`
      CREATE TABLE webhook_delivery (
        id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        street_id         bigint NOT NULL REFERENCES street (id),
        endpoint_id       bigint NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
        event_id          bigint NOT NULL,
        event_tx_id       bigint NOT NULL,
        event_type        text NOT NULL,
        redelivery_of_id  bigint REFERENCES webhook_delivery (id) ON DELETE SET NULL,
        status            text NOT NULL DEFAULT 'PENDING'
                          CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED')),
        attempt_count     integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
        last_status_code  integer,
        last_duration_ms  integer,
        last_error        text CHECK (length(last_error) <= 1000),
        last_attempt_at   timestamptz,
        next_attempt_at   timestamptz,
        delivered_at      timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    // One delivery per event and endpoint from the stream (redeliveries are further rows): a
    // batch the relay hands over twice cannot double it.
    await q.query(
      `CREATE UNIQUE INDEX webhook_delivery_event_key ON webhook_delivery (endpoint_id, event_id)
       WHERE redelivery_of_id IS NULL`,
    );
    await q.query(`CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (endpoint_id, id)`);
    await q.query(
      `CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (endpoint_id) WHERE status = 'PENDING'`,
    );

    await q.query(`
      CREATE TABLE webhook_delivery_attempt (
        delivery_id  bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
        number       integer NOT NULL CHECK (number >= 1),
        street_id    bigint NOT NULL REFERENCES street (id),
        started_at   timestamptz NOT NULL,
        duration_ms  integer NOT NULL CHECK (duration_ms >= 0),
        status_code  integer,
        error        text CHECK (length(error) <= 1000),
        PRIMARY KEY (delivery_id, number)
      )`);

    for (const table of ['webhook_endpoint', 'webhook_delivery', 'webhook_delivery_attempt']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} USING ${visible} WITH CHECK ${visible}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery_attempt`);
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_endpoint`);
  }
}
