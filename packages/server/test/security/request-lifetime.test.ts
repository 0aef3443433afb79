import http from 'node:http';
import { connect } from 'node:net';
import { inTransaction, query } from '../../src/domain/shared/context';
import { systemViewer } from '../../src/domain/shared/viewer';
import { createContext, releaseContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
import { gid, streetActors, type StreetActors } from '../actors';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

/**
 * A request's work ends with the request: a client that goes away or a request past its time
 * limit has its statements cancelled in PostgreSQL; clients that send slowly hold no turn; and
 * SQL built from callers' documents does not fill the database's memory with prepared plans.
 */
let p: TestPlatform;
let s: StreetActors;

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      GRAPHQL_MAX_CONCURRENT: '2',
      GRAPHQL_QUEUE_TIMEOUT_MS: '3000',
      GRAPHQL_REQUEST_TIMEOUT_MS: '1500',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      DB_PREPARED_SHAPES: '3',
    },
  });
  s = await streetActors(p, '621002001');
  await slowBrandReads(p, s);
});

/**
 * A real slow read: as the tables' owner, a brand and a policy on `brand` that makes every
 * statement reading its rows wait 5 s in PostgreSQL (the app role runs under row-level security).
 */
async function slowBrandReads(platform: TestPlatform, street: StreetActors): Promise<void> {
  await platform.db.query(
    `INSERT INTO brand (street_id, path, owner_organization_id, name) VALUES ($1, '1', $2, '初心红')`,
    [street.streetId, street.ids.communityOrg],
  );
  await platform.db.query(
    `CREATE POLICY slow_reads ON brand AS RESTRICTIVE FOR SELECT USING ((SELECT pg_sleep(5)) IS NOT NULL)`,
  );
}
afterAll(() => p.stop());

const SLOW = `{ brands(first: 1) { totalCount } }`;

/** Statements of the app role running pg_sleep now. */
async function sleeping(): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE usename = current_user AND state = 'active' AND query LIKE '%brand%' AND pid <> pg_backend_pid()`,
  );
  return row!.n;
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function post(body: string, headers: Record<string, string> = {}) {
  const url = new URL(p.url);
  return http.request({
    host: url.hostname,
    port: url.port,
    path: '/graphql',
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
      'content-length': Buffer.byteLength(body),
      ...headers,
    },
  });
}

describe('the lifetime of a request', () => {
  it('stops a request past its time limit, cancelling its statement, with a TIMEOUT error', async () => {
    const started = Date.now();
    const res = await p.gql<any>(SLOW);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(res.body.errors[0].message).toMatch(/longer than its limit of 1500 ms/);
    expect(await until(async () => (await sleeping()) === 0, 1000)).toBe(true);
  });

  it('cancels the statement of a request whose client went away, and frees its turn', async () => {
    const body = JSON.stringify({ query: SLOW });
    const req = post(body);
    req.on('error', () => undefined);
    req.end(body);
    expect(await until(async () => (await sleeping()) === 1, 2000)).toBe(true);
    req.destroy();
    // Cancelled at once, long before its 5 s or the request's 1.5 s time limit.
    expect(await until(async () => (await sleeping()) === 0, 500)).toBe(true);
    const res = await p.gql<any>(`{ viewer { role } }`);
    expect(res.body.data.viewer.role).toBe('PLATFORM_ADMIN');
  });

  it('serves other clients while ten clients stall halfway through their bodies', async () => {
    const body = JSON.stringify({ query: '{ viewer { role } }' });
    const url = new URL(p.url);
    const stalled = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const socket = connect(Number(url.port), url.hostname);
        socket.on('error', () => undefined);
        return new Promise<{ socket: ReturnType<typeof connect>; answer: Promise<string> }>(
          (resolve) =>
            socket.on('connect', () => {
              // Both ways in: half a body to the lane, and a chunked half to Express.
              const head =
                i % 2
                  ? `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`
                  : `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n`;
              socket.write(head + body.slice(0, 10));
              const answer = new Promise<string>((done) => {
                let text = '';
                socket.on('data', (d) => (text += d.toString()));
                socket.on('close', () => done(text));
              });
              resolve({ socket, answer });
            }),
        );
      }),
    );
    const started = Date.now();
    const res = await p.gql<any>(`{ viewer { role } }`);
    expect(res.body.data.viewer.role).toBe('PLATFORM_ADMIN');
    expect(Date.now() - started).toBeLessThan(1000);
    // The stalled ones are answered 408 and closed once the request time limit (2 s) is up.
    const answers = await Promise.all(stalled.map((c) => c.answer));
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('SQL built from callers’ documents', () => {
  it('is prepared only when it runs often, and never more than the limit', async () => {
    const shapes = p.appDb.shapes;
    const before = shapes.size;
    const q = (alias: string) =>
      `query($s: ID!) { grids(first: 2, filter: { streetId: $s }) { nodes { ${alias}: code } } }`;
    // Fifty texts that differ in one alias, each run twice: none is prepared.
    for (let i = 0; i < 50; i++)
      for (let k = 0; k < 2; k++)
        expect(
          (await p.gql<any>(q(`x${i}`), { s: gid('Street', s.streetId) })).body.errors,
        ).toBeUndefined();
    expect(shapes.size).toBe(before);
    // Texts run often are, up to the limit of 3.
    for (let i = 0; i < 5; i++)
      for (let k = 0; k < 6; k++) await p.gql<any>(q(`hot${i}`), { s: gid('Street', s.streetId) });
    expect(shapes.size).toBe(3);
    // No pooled connection holds a plan for a one-off text.
    const clients = await Promise.all(Array.from({ length: 5 }, () => p.appDb.pool.connect()));
    try {
      for (const c of clients) {
        const { rows } = await c.query<{ statement: string }>(
          `SELECT statement FROM pg_prepared_statements`,
        );
        expect(rows.filter((r) => /\bx\d+\b/.test(r.statement))).toEqual([]);
      }
    } finally {
      for (const c of clients) c.release();
    }
  });
});

describe('statements of a transaction (code-shaped, as every write’s)', () => {
  it('are prepared on its connection once and reused, and fail as typeorm errors', async () => {
    const ctx = createContext({ db: p.appDb, logger: createLogger(p.config) }, systemViewer);
    const text = `SELECT 41 + $1::int AS answer -- prepared in a transaction`;
    try {
      const prepared = await inTransaction(ctx, async (tx) => {
        expect(await query(tx, text, [1])).toEqual([{ answer: 42 }]);
        expect(await query(tx, text, [2])).toEqual([{ answer: 43 }]);
        return query<{ name: string }>(
          tx,
          `SELECT name FROM pg_prepared_statements WHERE statement = $1`,
          [text],
        );
      });
      expect(prepared).toEqual([{ name: expect.stringMatching(/^g\d+$/) }]);
      // A failing one rolls its transaction back; callers still find the driver's error.
      await expect(
        inTransaction(ctx, (tx) => query(tx, `SELECT 1 / $1::int`, [0])),
      ).rejects.toMatchObject({ driverError: { code: '22012' }, code: '22012' });
    } finally {
      await releaseContext(ctx);
    }
  });
});

describe('the statement time limit (DB_STATEMENT_TIMEOUT_MS)', () => {
  let q: TestPlatform;
  beforeAll(async () => {
    q = await startTestPlatform({
      env: { DB_STATEMENT_TIMEOUT_MS: '300', GRAPHQL_REQUEST_TIMEOUT_MS: '20000' },
    });
    await slowBrandReads(q, await streetActors(q, '621002001'));
  });
  afterAll(() => q.stop());

  it('is enforced by PostgreSQL and answered as TIMEOUT, not as an internal error', async () => {
    const started = Date.now();
    const res = await q.gql<any>(SLOW);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.body.errors[0].extensions.code).toBe('TIMEOUT');
    expect(res.body.errors[0].message).toMatch(/statement ran longer than its time limit/);
  });
});
