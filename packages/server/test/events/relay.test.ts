import { Client } from 'pg';
import type { PoolClient } from 'pg';
import { createLogger } from '../../src/logger';
import { EventRelay, type EventConsumer, type StoredEvent } from '../../src/events/relay';
import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * The outbox relay hands a consumer every committed event exactly once, in transaction order,
 * never an event of a transaction that rolled back, and never passes a transaction still in flight,
 * even when transactions take their event ids in one order and commit in another; across a restart.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { DB_POOL_SIZE: '8' } });
  await p.db.query(
    `CREATE TABLE relay_received (seq bigserial PRIMARY KEY, event_id bigint NOT NULL, tx_id xid8 NOT NULL)`,
  );
  await p.db.query(`GRANT SELECT, INSERT ON relay_received TO lianxin_app`);
  await p.db.query(`GRANT USAGE ON SEQUENCE relay_received_seq_seq TO lianxin_app`);
});
afterAll(() => p.stop());

/** Keeps what it receives in the same transaction as its position. */
const consumer: EventConsumer = {
  name: 'test.relay',
  async handle(all: readonly StoredEvent[], tx: PoolClient) {
    // The stream also holds the seeded streets' events.
    const events = all.filter((e) => e.type === 'test.happened');

    await tx.query(
      `INSERT INTO relay_received (event_id, tx_id) SELECT * FROM unnest($1::bigint[], $2::xid8[])`,
      [events.map((e) => e.id), events.map((e) => e.txId)],
    );
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('delivers 10,000 events of 50 concurrent writers exactly once and in transaction order, across a restart', async () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  let relay = new EventRelay(p.appDb, logger, { batchSize: 300, pollMs: 200 });
  relay.add(consumer);
  relay.start();

  const WRITERS = 50;
  const PER_TX = 20;
  const COMMITTED_PER_WRITER = 10; // 50 × 10 × 20 = 10,000 events
  const clients = await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const c = new Client({ connectionString: p.config.DATABASE_URL });
      await c.connect();
      return c;
    }),
  );
  let rolledBack = 0;
  const writer = async (c: Client, w: number) => {
    let committed = 0;
    let n = 0;
    while (committed < COMMITTED_PER_WRITER) {
      const rollback = (w + n++) % 7 === 3;
      await c.query('BEGIN');
      await c.query(`SELECT set_config('lianxin.street_ids', '*', true)`);
      // Four statements with pauses between: ids interleave across writers, and transactions
      // that took their first ids early may commit late.
      for (let part = 0; part < 4; part++) {
        await c.query(
          `INSERT INTO domain_event (type, subject_type, subject_id, actor, payload)
           SELECT 'test.happened', 'Test', $1, '{"kind":"system","id":null}', jsonb_build_object('k', k)
           FROM generate_series(1, $2) k`,
          [`${w}`, PER_TX / 4],
        );
        await sleep(Math.floor(Math.random() * 8));
      }
      if (rollback) {
        await c.query('ROLLBACK');
        rolledBack++;
      } else {
        await c.query('COMMIT');
        committed++;
      }
      // Restart the relay halfway through the writing.
      if (w === 0 && committed === COMMITTED_PER_WRITER / 2) {
        await relay.stop();
        relay = new EventRelay(p.appDb, logger, { batchSize: 300, pollMs: 200 });
        relay.add(consumer);
        relay.start();
      }
    }
  };
  try {
    await Promise.all(clients.map((c, w) => writer(c, w)));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  expect(rolledBack).toBeGreaterThan(0);

  const [{ n: written }] = await p.db.query<{ n: number }>(
    `SELECT set_config('lianxin.street_ids', '*', false), count(*)::int AS n FROM domain_event WHERE type = 'test.happened'`,
  );
  expect(written).toBe(10_000);
  const deadline = Date.now() + 30_000;
  let received = 0;
  while (Date.now() < deadline) {
    [{ n: received }] = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM relay_received`,
    );
    if (received >= 10_000) break;
    await sleep(100);
  }
  await sleep(300); // anything more would be a duplicate
  await relay.stop();

  const rows = await p.db.query<{ id: string; tx: string; ok: boolean }>(
    `SELECT r.event_id::text AS id, r.tx_id::text AS tx, e.id IS NOT NULL AS ok
     FROM relay_received r LEFT JOIN domain_event e ON e.id = r.event_id ORDER BY r.seq`,
  );
  expect(rows).toHaveLength(10_000);
  expect(new Set(rows.map((r) => r.id)).size).toBe(10_000);
  expect(rows.every((r) => r.ok)).toBe(true);
  // In transaction order, each transaction's events together and in their own order.
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    const inOrder = BigInt(a.tx) < BigInt(b.tx) || (a.tx === b.tx && BigInt(a.id) < BigInt(b.id));
    if (!inOrder) throw new Error(`out of order at ${i}: ${JSON.stringify([a, b])}`);
  }
  // Event ids were taken out of transaction order: ordering by id alone would have been wrong.
  const byId = [...rows].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  expect(byId.map((r) => r.id)).not.toEqual(rows.map((r) => r.id));
});

it('wakes on the commit that wrote events, without waiting for its poll', async () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  const seen: number[] = [];
  const relay = new EventRelay(p.appDb, logger, { pollMs: 60_000 });
  relay.add({
    name: 'test.wake',
    async handle(events) {
      for (const _ of events) seen.push(Date.now());
    },
  });
  // Starts at the end of the stream, so only the new event is seen.
  await p.db.query(
    `WITH s AS (SELECT set_config('lianxin.street_ids', '*', true))
     INSERT INTO event_consumer (name, tx_id, event_id)
     SELECT 'test.wake', tx_id, id FROM domain_event, s ORDER BY tx_id DESC, id DESC LIMIT 1`,
  );
  relay.start();
  try {
    await sleep(300); // listening
    expect(seen).toEqual([]);
    const [event] = await p.db.query<{ txId: string }>(
      `WITH s AS (SELECT set_config('lianxin.street_ids', '*', true))
       INSERT INTO domain_event (type, subject_type, subject_id, actor, payload)
       SELECT 'test.woke', 'Test', '1', '{"kind":"system","id":null}', '{}' FROM s
       RETURNING tx_id::text AS "txId"`,
    );
    // Readable once no older transaction is in flight: transaction ids are the cluster's, so a
    // transaction of another test's database may hold it back for a while (and notify nobody).
    let at = Date.now();
    for (;;) {
      const [r] = await p.db.query<{ readable: boolean }>(
        `SELECT $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) AS readable`,
        [event!.txId],
      );
      if (r!.readable) break;
      await sleep(5);
      at = Date.now();
    }
    const deadline = Date.now() + 5000;
    while (!seen.length && Date.now() < deadline) await sleep(10);
    expect(seen).toHaveLength(1);
    expect(seen[0]! - at).toBeLessThan(1000);
  } finally {
    await relay.stop();
  }
});

it('hands over events an older transaction held back soon after it ends, though it notifies nobody', async () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  const seen: number[] = [];
  const relay = new EventRelay(p.appDb, logger, { pollMs: 60_000 });
  relay.add({
    name: 'test.held',
    async handle(events) {
      for (const e of events) if (e.type === 'test.held') seen.push(Date.now());
    },
  });
  await p.db.query(
    `WITH s AS (SELECT set_config('lianxin.street_ids', '*', true))
     INSERT INTO event_consumer (name, tx_id, event_id)
     SELECT 'test.held', tx_id, id FROM domain_event, s ORDER BY tx_id DESC, id DESC LIMIT 1`,
  );
  // An older transaction that writes no event: its end notifies nobody.
  const older = new Client({ connectionString: p.config.DATABASE_URL });
  await older.connect();
  try {
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    relay.start();
    await p.db.query(
      `WITH s AS (SELECT set_config('lianxin.street_ids', '*', true))
       INSERT INTO domain_event (type, subject_type, subject_id, actor, payload)
       SELECT 'test.held', 'Test', '1', '{"kind":"system","id":null}', '{}' FROM s`,
    );
    await sleep(500);
    expect(seen).toEqual([]); // held back, as it must be
    const ended = Date.now();
    await older.query('COMMIT');
    const deadline = Date.now() + 5000;
    while (!seen.length && Date.now() < deadline) await sleep(10);
    expect(seen).toHaveLength(1);
    // Not at the next poll (a minute away), but within the relay's short retries.
    expect(seen[0]! - ended).toBeLessThan(1000);
  } finally {
    await older.end();
    await relay.stop();
  }
});
