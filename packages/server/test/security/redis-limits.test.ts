/**
 * With REDIS_URL, the rate limit's buckets and the sign-in throttle's counters are shared by the
 * instances (docs/security.md, "Limits across instances"): a caller who spends its points, or
 * fails its sign-ins, on one instance finds them spent on the others, over HTTP and WebSocket
 * alike. When Redis goes away the limits fall back to each instance's memory, and come back to
 * Redis when it answers again. Real Redis; two (and three) real instances on one database.
 */
import { request } from 'node:http';
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { RedisLink } from '../../src/db/redis';
import { Tokens } from '../../src/domain/identity/tokens';
import { MemoryBuckets, type BucketStore } from '../../src/graphql/limits/rate-limit';
import { RedisBuckets } from '../../src/graphql/limits/redis-buckets';
import { createLogger } from '../../src/logger';
import { streetActors, type StreetActors } from '../actors';
import { JWT_SECRET, startTestPlatform, type TestInstance, type TestPlatform } from '../harness';
import { describeWithRedis, dropKeys, REDIS_URL, RedisProxy, uniquePrefix } from '../redis';

const PREFIX = uniquePrefix();
const CAPACITY = 400;
const RESTORE = 0.001; // per second: nothing comes back within a test
/** Costs 101 points (asked for and used, with 250 grids in the street): 3 fit in a bucket of 400. */
const PAGE = `{ grids(first: 100) { nodes { code } } }`;

let p: TestPlatform;
let b: TestInstance;
let s: StreetActors;

describeWithRedis('limits shared through Redis', () => {
  beforeAll(async () => {
    p = await startTestPlatform({
      env: {
        REDIS_URL,
        REDIS_KEY_PREFIX: PREFIX,
        LOG_LEVEL: 'info',
        RATE_LIMIT_CAPACITY: String(CAPACITY),
        RATE_LIMIT_RESTORE_PER_SECOND: String(RESTORE),
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOGIN_FAILURES_PER_ADDRESS: '6',
        LOGIN_LOCKOUT_SECONDS: '60',
        LOGIN_LOCKOUT_MAX_SECONDS: '600',
      },
    });
    b = await p.startInstance();
    s = await streetActors(p, '621002001');
    await p.db.query(
      `INSERT INTO grid (street_id, parent_id, level, code, name)
       SELECT $1, $2, 'COMMUNITY', '621002001' || lpad(n::text, 3, '0'), '社区' || n FROM generate_series(100, 249) n`,
      [s.streetId, s.ids.root],
    );
  });
  afterAll(async () => {
    await b?.stop();
    await p?.stop();
    await dropKeys(PREFIX);
  });

  describe('the rate limit', () => {
    it('refuses on instance B a caller who spent its bucket on instance A, as A does', async () => {
      const u = await user('shared.http');
      const left: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await gql(p.url, u.token, PAGE);
        expect(res.status).toBe(200);
        left.push(res.body.extensions.cost.throttleStatus.currentlyAvailable);
      }
      expect(left).toEqual([299, 198, 97]);

      const onB = await gql(b.url, u.token, PAGE);
      const onA = await gql(p.url, u.token, PAGE);
      for (const refused of [onB, onA]) {
        expect(refused.status).toBe(429);
        const [error] = refused.body.errors;
        expect(error.message).toMatch(
          /^Rate limited: this query costs 101 points and you have 97 left\. Try again in \d+ s\.$/,
        );
        expect(error.extensions).toEqual({
          code: 'RATE_LIMITED',
          retryAfterSeconds: Number(refused.retryAfter),
          cost: {
            requestedQueryCost: 101,
            throttleStatus: {
              maximumAvailable: CAPACITY,
              currentlyAvailable: 97,
              restoreRate: RESTORE,
            },
          },
        });
        // (101 - 97) points at 0.001 a second.
        expect(Math.abs(Number(refused.retryAfter) - 4000)).toBeLessThanOrEqual(2);
      }

      // A WebSocket operation on B is refused alike.
      const overWs = await wsRun(b.url, u.token, PAGE);
      expect(overWs.errors).toHaveLength(1);
      expect(overWs.errors[0].message).toMatch(
        /^Rate limited: this query costs 101 points and you have 97 left/,
      );
      expect(overWs.errors[0].extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number),
        cost: {
          requestedQueryCost: 101,
          throttleStatus: {
            maximumAvailable: CAPACITY,
            currentlyAvailable: 97,
            restoreRate: RESTORE,
          },
        },
      });

      // Another caller's bucket is untouched.
      expect((await gql(b.url, (await user('shared.other')).token, PAGE)).status).toBe(200);
    });

    it('refuses over HTTP on A a caller who spent its bucket over a WebSocket on B', async () => {
      const u = await user('shared.ws');
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await wsRun(b.url, u.token, PAGE);
        codes.push(r.errors?.[0]?.extensions?.code ?? 'ok');
      }
      expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
      const onA = await gql(p.url, u.token, PAGE);
      expect(onA.status).toBe(429);
      expect(onA.body.errors[0].extensions.cost.throttleStatus.currentlyAvailable).toBe(97);
    });

    it('keeps each bucket in Redis with a time to live, so idle buckets expire', async () => {
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${PREFIX}rate:*`);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) {
          const ttl = await redis.pttl(key);
          // Until the bucket would be full again (at most from -capacity), and a second more.
          expect(ttl).toBeGreaterThan(0);
          expect(ttl).toBeLessThanOrEqual(((2 * CAPACITY) / RESTORE) * 1000 + 1000);
        }
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('the bucket in Redis', () => {
    let link: RedisLink;
    beforeAll(async () => {
      link = await RedisLink.connect({
        url: REDIS_URL,
        keyPrefix: `${PREFIX}unit:`,
        logger: createLogger({ LOG_LEVEL: 'silent' }),
      });
    });
    afterAll(() => link?.close());

    /** The same steps on both stores; answers what each answered. */
    async function both(
      capacity: number,
      restore: number,
      steps: (store: BucketStore, key: string) => Promise<unknown[]>,
    ) {
      const key = `k${Math.random()}`;
      return {
        memory: await steps(new MemoryBuckets(capacity, restore), key),
        redis: await steps(new RedisBuckets(link, capacity, restore), key),
      };
    }

    it('follows the arithmetic of the bucket in memory', async () => {
      const { memory, redis } = await both(100, 0.001, async (store, key) => {
        const out: unknown[] = [];
        const first = await store.take(key, 30);
        out.push(first);
        if (!first.ok) return out;
        out.push(await store.adjust(key, 10, first)); // gives back 10
        out.push(await store.adjust(key, -200, first)); // used far more: debt, down to -capacity
        const refused = await store.take(key, 1);
        out.push(refused);
        return out;
      });
      const round = (x: unknown): unknown =>
        typeof x === 'number'
          ? Math.round(x * 100) / 100
          : x && typeof x === 'object'
            ? Object.fromEntries(
                Object.entries(x)
                  .filter(([k]) => k !== 'at' && k !== 'local')
                  .map(([k, v]) => [k, round(v)]),
              )
            : x;
      expect(redis.map(round)).toEqual(memory.map(round));
      expect(memory.map(round)).toEqual([
        { ok: true, available: 70 },
        80,
        -100,
        { ok: false, available: -100, retryAfterSeconds: expect.any(Number) },
      ]);
    });

    it('refills at the restore rate, on Redis’s clock', async () => {
      const { memory, redis } = await both(100, 1000, async (store, key) => {
        const emptied = await store.take(key, 100);
        await new Promise((r) => setTimeout(r, 60)); // ~60 points come back
        const again = await store.take(key, 40);
        return [emptied.ok, again.ok, again.available];
      });
      for (const answer of [memory, redis]) {
        expect(answer.slice(0, 2)).toEqual([true, true]);
        expect(answer[2]).toBeGreaterThanOrEqual(15);
        expect(answer[2]).toBeLessThanOrEqual(60);
      }
    });

    it('expires a bucket when it would be full again, and forgets a full one at once', async () => {
      const store = new RedisBuckets(link, 100, 0.001);
      const key = `ttl${Math.random()}`;
      const stored = `${PREFIX}unit:rate:${key}`;
      const taken = await store.take(key, 30);
      if (!taken.ok) throw new Error('refused');
      const ttl = await link.client.pttl(stored);
      expect(ttl).toBeGreaterThan((30 / 0.001) * 1000);
      expect(ttl).toBeLessThanOrEqual((30 / 0.001) * 1000 + 1000);
      expect(await store.adjust(key, 30, taken)).toBe(100);
      expect(await link.client.exists(stored)).toBe(0);
    });
  });

  describe('the sign-in throttle', () => {
    it('locks an account out on every instance once its failures, spread over them, add up', async () => {
      // Unknown usernames count like known ones.
      wrong(await login(p.url, '127.0.0.2', 'mallory', 'guess1'));
      wrong(await login(b.url, '127.0.0.3', 'mallory', 'guess2'));
      wrong(await login(p.url, '127.0.0.4', 'mallory', 'guess3'));
      expect(limited(await login(b.url, '127.0.0.5', 'mallory', 'guess4'))).toMatch(
        /for this account/,
      );
      expect(limited(await login(p.url, '127.0.0.5', 'mallory', 'guess5'))).toMatch(
        /for this account/,
      );
    });

    it('locks an address out on every instance once its failures, spread over them, add up', async () => {
      for (let i = 0; i < 6; i++)
        wrong(await login(i % 2 ? b.url : p.url, '127.0.0.6', `nobody${i}`, 'guess'));
      expect(limited(await login(b.url, '127.0.0.6', 'someone', 'guess'))).toMatch(
        /from this address/,
      );
      expect(limited(await login(p.url, '127.0.0.6', 'someone.else', 'guess'))).toMatch(
        /from this address/,
      );
    });
  });

  describe('when Redis goes away', () => {
    let proxy: RedisProxy;
    let c: TestInstance;
    beforeAll(async () => {
      proxy = new RedisProxy();
      await proxy.start();
      c = await p.startInstance({ REDIS_URL: proxy.url });
    });
    afterAll(async () => {
      await c?.stop();
      await proxy?.stop();
    });

    it("falls back to the instance's own buckets and counters, and back to Redis when it answers", async () => {
      const u = await user('outage.spent');
      const w = await user('outage.fresh');
      for (let i = 0; i < 3; i++) expect((await gql(c.url, u.token, PAGE)).status).toBe(200);
      expect((await gql(c.url, u.token, PAGE)).status).toBe(429);

      await proxy.cut();
      // C still serves, from a bucket of its own (full), and still limits: per instance now.
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        codes.push((await gql(c.url, u.token, PAGE)).status);
        expect(performance.now() - started).toBeLessThan(400); // nothing waits for Redis
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      // A, whose Redis is fine, still refuses the caller.
      expect((await gql(p.url, u.token, PAGE)).status).toBe(429);
      expect(p.logs).toContainEqual(
        expect.objectContaining({
          level: 40,
          msg: expect.stringMatching(
            /^Redis cannot be reached: limits fall back to this instance's memory/,
          ),
        }),
      );
      // w spends C's own bucket meanwhile; sign-ins are throttled by C's own counters.
      for (let i = 0; i < 3; i++) expect((await gql(c.url, w.token, PAGE)).status).toBe(200);
      expect((await gql(c.url, w.token, PAGE)).status).toBe(429);
      for (let i = 0; i < 3; i++) wrong(await login(c.url, '127.0.0.7', 'trudy', 'guess'));
      limited(await login(c.url, '127.0.0.7', 'trudy', 'guess'));

      await proxy.start();
      await until(() => c.app.redis!.usable, 10_000);
      // Decided in Redis again: w's bucket there is full, u's still spent.
      expect((await gql(c.url, w.token, PAGE)).status).toBe(200);
      expect((await gql(c.url, u.token, PAGE)).status).toBe(429);
      expect(p.logs).toContainEqual(
        expect.objectContaining({
          msg: 'Redis answers again: limits are shared across instances again',
          localDecisions: expect.any(Number),
        }),
      );
    }, 30_000);

    it('waits for a Redis that stopped answering at most one command timeout a second', async () => {
      const u = await user('outage.stalled');
      await until(() => c.app.redis!.usable, 10_000);
      proxy.stall();
      try {
        let started = performance.now();
        expect((await gql(c.url, u.token, PAGE)).status).toBe(200);
        const first = performance.now() - started;
        expect(first).toBeGreaterThanOrEqual(450);
        expect(first).toBeLessThan(2000);
        started = performance.now();
        expect((await gql(c.url, u.token, PAGE)).status).toBe(200);
        expect(performance.now() - started).toBeLessThan(300);
      } finally {
        proxy.resume();
      }
      await until(() => c.app.redis!.usable, 10_000);
      expect((await gql(c.url, u.token, PAGE)).status).toBe(200);
    }, 30_000);

    it('refuses to start when Redis cannot be reached at all, saying where', async () => {
      await proxy.cut();
      try {
        await expect(p.startInstance({ REDIS_URL: proxy.url })).rejects.toThrow(
          /^cannot reach Redis at REDIS_URL \(redis:\/\/127\.0\.0\.1:\d+\): connect ECONNREFUSED .*Check REDIS_URL, or unset it to keep limits per instance\.$/,
        );
      } finally {
        await proxy.start();
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------

const tokens = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: 3600, refreshTtlSeconds: 60 });

/** A street administrator, written straight into the database, and a token. */
async function user(name: string) {
  const [row] = await p.db.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, role, street_id)
     VALUES ($1, $1, 'unused', 'STREET_ADMIN', $2) RETURNING id::text AS id`,
    [name, s.streetId],
  );
  return { id: row!.id, token: (await tokens.signAccess(row!.id, 0, 'STREET_ADMIN')).token };
}

async function gql(url: string, token: string, query: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as { data?: any; errors?: any; extensions?: any },
  };
}

/** One operation over a WebSocket of its own to `url`. */
async function wsRun(url: string, token: string, query: string) {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise<{ data?: any; errors?: any }>((resolve) => {
      let result: { data?: any; errors?: any } = {};
      client.subscribe(
        { query },
        {
          next: (r) => (result = r as typeof result),
          error: (e) => resolve(Array.isArray(e) ? { errors: e } : { errors: [e] }),
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

interface LoginAnswer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: { login: any } | null; errors?: any[] };
}

/** Calls `login` on `url` from the client address `from` (any 127.x.y.z reaches the server). */
function login(url: string, from: string, username: string, password: string) {
  const body = JSON.stringify({
    query: `mutation($u: String!, $pw: String!) { login(input: { username: $u, password: $pw }) { accessToken userErrors { message } } }`,
    variables: { u: username, pw: password },
  });
  return new Promise<LoginAnswer>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'],
            body: JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const wrong = (a: LoginAnswer) => {
  expect(a.status).toBe(200);
  expect(a.body.data!.login.userErrors).toEqual([{ message: 'Wrong username or password.' }]);
};

/** Refused as RATE_LIMITED with a Retry-After; answers the message. */
const limited = (a: LoginAnswer): string => {
  expect(a.status).toBe(429);
  const [error] = a.body.errors!;
  expect(error.extensions.code).toBe('RATE_LIMITED');
  expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
  expect(a.retryAfter).toBe(String(error.extensions.retryAfterSeconds));
  return error.message;
};

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
