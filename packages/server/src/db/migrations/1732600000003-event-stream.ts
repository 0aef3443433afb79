import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one event stream: `domain_event` read in transaction order (`tx_id`, then `id`) by an
 * outbox relay that never passes a transaction still in flight; each consumer's position is kept
 * durably in `event_consumer`; a commit that wrote events wakes the relays (`NOTIFY`).
 */
export class EventStream1732600000003 implements MigrationInterface {
  name = 'EventStream1732600000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX domain_event_position_idx ON domain_event (tx_id, id)`);
    await q.query(`
      CREATE TABLE event_consumer (
        name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
        tx_id       xid8 NOT NULL DEFAULT '0',
        event_id    bigint NOT NULL DEFAULT 0,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // NOTIFY is delivered at commit, once per transaction: it carries no data, only "look".
    await q.query(`
      CREATE FUNCTION domain_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('lianxin_events', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER domain_event_notify AFTER INSERT ON domain_event
      FOR EACH STATEMENT EXECUTE FUNCTION domain_event_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER domain_event_notify ON domain_event`);
    await q.query(`DROP FUNCTION domain_event_notify()`);
    await q.query(`DROP TABLE event_consumer`);
    await q.query(`DROP INDEX domain_event_position_idx`);
  }
}
