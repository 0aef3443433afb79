import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Tokens } from '../../src/domain/identity/tokens';
import { gid, streetActors, type StreetActors } from '../actors';
import { JWT_SECRET, startTestPlatform, type TestPlatform } from '../harness';

/**
 * A WebSocket is held to what HTTP is: its credential is checked for every operation, and its
 * operations pass the same cost limit, rate bucket and admission, with a limit per socket.
 */
let p: TestPlatform;
let s: StreetActors;

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      GRAPHQL_MAX_COST: '300',
      RATE_LIMIT_CAPACITY: '400',
      RATE_LIMIT_RESTORE_PER_SECOND: '0.001',
      WS_MAX_OPERATIONS_PER_SOCKET: '3',
      GRAPHQL_MAX_CONCURRENT: '1',
    },
  });
  s = await streetActors(p, '621002001');
});
afterAll(() => p.stop());

const wsUrl = () => p.url.replace(/^http/, 'ws');

function client(token: string, closed?: (e: { code: number; reason: string }) => void): Client {
  return createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
    // One socket for the whole test, so credentials are checked again on the same socket.
    lazyCloseTimeout: 60_000,
    on: closed ? { closed: (e) => closed(e as { code: number; reason: string }) } : undefined,
  });
}

function run(c: Client, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ data?: any; errors?: any; extensions?: any; closed?: any }>((resolve) => {
    let result: { data?: any; errors?: any } = {};
    c.subscribe(
      { query, variables },
      {
        next: (r) => (result = r as typeof result),
        error: (e) => resolve(Array.isArray(e) ? { errors: e } : { closed: e }),
        complete: () => resolve(result),
      },
    );
  });
}

/** A user of the street, signed straight into the database, with a token of `ttl` seconds. */
async function user(name: string, ttl = 3600) {
  const [row] = await p.db.query<{ id: string }>(
    `INSERT INTO app_user (username, display_name, password_hash, role, street_id)
     VALUES ($1, $1, 'unused', 'STREET_ADMIN', $2) RETURNING id::text AS id`,
    [name, s.streetId],
  );
  const tokens = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: ttl, refreshTtlSeconds: 60 });
  return { id: row!.id, token: (await tokens.signAccess(row!.id, 0, 'STREET_ADMIN')).token };
}

describe('credentials on a WebSocket', () => {
  it('are checked again for every operation: a user disabled over HTTP is closed with 4403', async () => {
    const u = await user('ws.disabled');
    let closed: { code: number; reason: string } | undefined;
    const c = client(u.token, (e) => (closed = e));
    try {
      const first = await run(c, `{ people(first: 1) { nodes { phone } } viewer { role } }`);
      expect(first.data.viewer.role).toBe('STREET_ADMIN');
      const disabled = await p.gql<any>(
        `mutation($id: ID!) { disableUser(input: { id: $id }) { userErrors { message } } }`,
        { id: gid('User', u.id) },
      );
      expect(disabled.body.data.disableUser.userErrors).toEqual([]);
      const second = await run(c, `{ people(first: 1) { nodes { phone } } }`);
      expect(second.data).toBeUndefined();
      await new Promise((r) => setTimeout(r, 100));
      expect(closed?.code).toBe(4403);
      expect(closed?.reason).toMatch(/disabled/);
    } finally {
      await c.dispose();
    }
  });

  it('close with 4403 once the token has expired', async () => {
    const u = await user('ws.expiring', 1);
    let closed: { code: number; reason: string } | undefined;
    const c = client(u.token, (e) => (closed = e));
    try {
      expect((await run(c, `{ viewer { role } }`)).data.viewer.role).toBe('STREET_ADMIN');
      await new Promise((r) => setTimeout(r, 2100));
      const late = await run(
        c,
        `mutation { logout(refreshToken: "x") { userErrors { message } } }`,
      );
      expect(late.data).toBeUndefined();
      await new Promise((r) => setTimeout(r, 100));
      expect(closed?.code).toBe(4403);
      expect(closed?.reason).toMatch(/expired/);
    } finally {
      await c.dispose();
    }
  });
});

describe('limits on a WebSocket', () => {
  it('spends from the same rate bucket as HTTP', async () => {
    // 150 more grids, so that a page of 100 really costs 100 points.
    await p.db.query(
      `INSERT INTO grid (street_id, parent_id, level, code, name)
       SELECT $1, $2, 'COMMUNITY', '621002001' || lpad(n::text, 3, '0'), '社区' || n FROM generate_series(100, 249) n`,
      [s.streetId, s.ids.root],
    );
    const token = s.tokens.VOLUNTEER;
    const query = `{ grids(first: 100) { nodes { code } } }`; // 201 points requested, 101 used
    const c = client(token);
    try {
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await run(c, query);
        codes.push(r.errors?.[0]?.extensions?.code ?? 'ok');
      }
      expect(codes).toContain('RATE_LIMITED');
      // The same caller over HTTP finds its bucket spent as well.
      const http = await p.gql<any>(query, {}, { as: { token } });
      expect(http.status).toBe(429);
    } finally {
      await c.dispose();
    }
  });

  it('charges an operation the client completes while it runs', async () => {
    // A real slow read: every statement reading this street's activities waits 2 s.
    await p.db.query(
      `INSERT INTO activity (street_id, kind, title, starts_at) VALUES ($1, 'MEETING', '议事会', now())`,
      [s.streetId],
    );
    await p.db.query(
      `CREATE POLICY slow_reads ON activity AS RESTRICTIVE FOR SELECT USING ((SELECT pg_sleep(2)) IS NOT NULL)`,
    );
    const token = s.tokens.RESIDENT;
    const status = async () =>
      (await p.gql<any>(`{ grids(first: 1) { nodes { id } } }`, {}, { as: { token } })).body
        .extensions.cost.throttleStatus.currentlyAvailable as number;
    const before = await status();
    const c = client(token);
    try {
      let started = false;
      const stop = c.subscribe(
        { query: `{ activities(first: 100) { nodes { id } } }` }, // 101 points requested
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      // Completed while its statement runs in PostgreSQL.
      for (let i = 0; i < 100 && !started; i++) {
        const [row] = await p.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%activity%' AND pid <> pg_backend_pid()`,
        );
        started = row!.n > 0;
        if (!started) await new Promise((r) => setTimeout(r, 20));
      }
      expect(started).toBe(true);
      stop();
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await c.dispose();
      await p.db.query(`DROP POLICY slow_reads ON activity`);
    }
    // Stopped, so it returned nothing; it is charged what it asked for (the status query's own
    // 2 points aside), not refunded.
    expect(before - (await status())).toBeGreaterThanOrEqual(101);
  });

  it('refuses a query over the maximum cost', async () => {
    const c = client(s.tokens.STREET_ADMIN);
    try {
      const r = await run(
        c,
        `{ grids(first: 100) { ... on GridConnection { nodes { children(first: 100) { nodes { id } } } } } }`,
      );
      expect(r.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    } finally {
      await c.dispose();
    }
  });

  it('lets a socket run only so many operations at once, and keeps it open', async () => {
    const c = client(s.tokens.STREET_ADMIN);
    try {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => run(c, `{ grids(first: 2) { nodes { code } } }`)),
      );
      const refused = results.filter((r) => r.errors?.[0]?.extensions?.code === 'RATE_LIMITED');
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]!.errors[0].message).toMatch(/At most 3 operations may run at once/);
      expect(results.filter((r) => r.data).length).toBeGreaterThanOrEqual(3);
      expect((await run(c, `{ viewer { role } }`)).data.viewer.role).toBe('STREET_ADMIN');
    } finally {
      await c.dispose();
    }
  });

  it('answers a subscription that does not validate with an error message, keeping the socket', async () => {
    const c = client(s.tokens.STREET_ADMIN);
    try {
      const r = await run(c, `subscription { caseUpdated { id } }`);
      expect(r.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors[0].message).toMatch(/Cannot query field "id" on type "CaseEvent"/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses malformed input as HTTP does: text PostgreSQL cannot store, an unknown operation', async () => {
    const c = client(s.tokens.STREET_ADMIN);
    try {
      const nul = await run(
        c,
        `query($q: String) { grids(filter: { search: $q }) { totalCount } }`,
        {
          q: 'a\u0000',
        },
      );
      expect(nul.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(nul.errors[0].message).toMatch(/"\$q" must not contain the NUL character/);
      const deep = await run(c, `query($f: GridFilterInput) { grids(filter: $f) { totalCount } }`, {
        f: JSON.parse('{"and":'.repeat(40) + '{}' + '}'.repeat(40)),
      });
      expect(deep.errors[0].message).toMatch(/nests deeper than 32 levels/);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a message larger than the largest body', async () => {
    let closed: { code: number } | undefined;
    const c = client(s.tokens.STREET_ADMIN, (e) => (closed = e));
    try {
      const r = await run(c, `{ viewer { role } } # ${'x'.repeat(1_100_000)}`);
      expect(r.data).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed?.code).toBe(1009); // message too big
    } finally {
      await c.dispose();
    }
  });
});
