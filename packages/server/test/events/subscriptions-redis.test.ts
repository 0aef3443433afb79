import { Client as PgClient } from 'pg';
import { ADMIN_TOKEN, startTestPlatform, type TestInstance, type TestPlatform } from '../harness';
import { client, sleep, subscribe } from '../live';
import { describeWithRedis, dropKeys, REDIS_URL, uniquePrefix } from '../redis';

/**
 * With REDIS_URL, one instance follows the event stream and the others receive its batches
 * through Redis: every subscriber of every instance still gets every event once, in order, when
 * the leading instance stops, and when an instance misses batches.
 */
describeWithRedis('live updates through Redis', () => {
  const prefix = uniquePrefix();
  let p: TestPlatform;
  let b: TestInstance;
  let c: TestInstance;

  beforeAll(async () => {
    // P follows the database alone (no Redis); B and C share the fan-out, B started first leads.
    p = await startTestPlatform();
    b = await p.startInstance({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    await sleep(300);
    c = await p.startInstance({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
  }, 60_000);
  afterAll(async () => {
    await c.stop();
    await b.stop().catch(() => undefined);
    await p.stop();
    await dropKeys(prefix);
  });

  /** Writes events `from`…`to` of a test type straight into the stream, one transaction each. */
  const write = async (from: number, to: number) => {
    const w = new PgClient({ connectionString: p.config.DATABASE_URL });
    await w.connect();
    try {
      for (let n = from; n <= to; n++) {
        await w.query(
          `INSERT INTO domain_event (street_id, type, subject_type, subject_id, actor, payload)
           VALUES (NULL, 'test.fanout', 'Test', $1, '{"kind":"system","id":null}', '{}')`,
          [String(n)],
        );
      }
    } finally {
      await w.end();
    }
  };
  const numbers = (received: any[]) =>
    received.map((r) =>
      Number(/:(\d+)$/.exec(Buffer.from(r.events.subjectId, 'base64url').toString())![1]),
    );
  const leading = (i: TestInstance) => (i.app as any).subscriptions.opts.tail.leading as boolean;
  const QUERY = `subscription { events(types: ["test.*"]) { subjectId } }`;

  it('delivers every event to the subscribers of every instance, once and in order, across a change of leader', async () => {
    const clients = [p.url, b.url, c.url].map((url) => client(url, ADMIN_TOKEN));
    try {
      const subs = clients.map((x) => subscribe(x, QUERY));
      await sleep(1500);
      await write(1, 20);
      for (const s of subs) await s.until(20);
      expect(leading(b)).toBe(true);
      expect(leading(c)).toBe(false);
      // The leader stops; C takes the lease and goes on from the last batch published.
      await b.stop();
      const deadline = Date.now() + 10_000;
      while (!leading(c) && Date.now() < deadline) await sleep(100);
      expect(leading(c)).toBe(true);
      await write(21, 40);
      await subs[0]!.until(40, 20_000);
      await subs[2]!.until(40, 20_000);
      await sleep(500);
      const expected = Array.from({ length: 40 }, (_, i) => i + 1);
      expect(numbers(subs[0]!.received)).toEqual(expected);
      expect(numbers(subs[2]!.received)).toEqual(expected);
    } finally {
      await Promise.all(clients.map((x) => x.dispose()));
    }
  }, 60_000);

  it('an instance that misses batches reads them from the database', async () => {
    const x = client(c.url, ADMIN_TOKEN);
    try {
      const s = subscribe(x, QUERY);
      await sleep(1500);
      // Batches published while C's Redis subscription is cut never reach it through Redis.
      const fanout = (c.app as any).subscriptions.opts.tail;
      fanout.subscriber.disconnect();
      await write(41, 50);
      await s.until(10, 20_000);
      expect(numbers(s.received)).toEqual(Array.from({ length: 10 }, (_, i) => i + 41));
    } finally {
      await x.dispose();
    }
  }, 60_000);
});
