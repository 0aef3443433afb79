import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { client, sleep, subscribe, wsOf, type Closed } from '../live';
import { Tokens } from '../../src/domain/identity/tokens';
import { gid, streetActors, type StreetActors } from '../actors';
import {
  caseActors,
  caseClient,
  reportInput,
  workAllDay,
  type CaseActors,
  type CaseView,
} from '../cases';
import {
  ADMIN_TOKEN,
  JWT_SECRET,
  startTestPlatform,
  type TestInstance,
  type TestPlatform,
} from '../harness';

/**
 * Live updates over graphql-ws: every instance delivers every event, a subscriber resumes from
 * its cursor with exactly what it missed, sees only what its role may read, and is closed when
 * its credential lapses, when it falls behind, or when it opens too many connections.
 */
let p: TestPlatform;
let other: TestInstance;
let A: StreetActors;
let B: StreetActors;
let C: CaseActors;
const signer = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });

beforeAll(async () => {
  p = await startTestPlatform({ env: { WS_MAX_QUEUED_EVENTS: '50' } });
  other = await p.startInstance({ WS_MAX_CONNECTIONS_PER_CALLER: '2' });
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
  C = await caseActors(p, A);
  const [d] = await p.db.query<{ id: string }>(
    `SELECT district_id::text AS id FROM street WHERE id = $1`,
    [A.streetId],
  );
  await workAllDay(p, d!.id);
}, 60_000);
afterAll(async () => {
  await other.stop();
  await p.stop();
});

/** Lets the instances' tails pass everything committed so far. */
const settle = () => sleep(400);

const CASE_EVENT = `cursor eventId type from to version case { id number status }`;

const report = async (title = '车辆乱停乱放 占用消防通道'): Promise<CaseView> => {
  const res = await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C, { title }));
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  return res.body.data.reportCase.case;
};

describe('subscriptions', () => {
  it('a subscriber on one instance receives a change made through another', async () => {
    const c = client(other.url, A.tokens.STREET_ADMIN);
    try {
      const sub = subscribe(c, `subscription { caseUpdated { ${CASE_EVENT} } }`);
      await settle();
      const made = await report();
      const [got] = await sub.until(1);
      expect(got.caseUpdated).toMatchObject({
        type: 'case.reported',
        from: null,
        to: 'REPORTED',
        case: { id: made.id, number: made.number, status: 'REPORTED' },
      });
      expect(got.caseUpdated.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    } finally {
      await c.dispose();
    }
  });

  it('resumes from a cursor with exactly the events missed, in order, once, then goes live', async () => {
    const admin = caseClient(p, C.intake);
    const query = `subscription($after: String, $filter: CaseSubscriptionFilter) {
      caseEvents(after: $after, filter: $filter) { ${CASE_EVENT} } }`;
    const first = await report('先报一件');
    const filter = { caseIds: [first.id] };
    let c = client(p.url, A.tokens.STREET_ADMIN);
    let sub = subscribe(c, query, { filter });
    await settle();
    let seen = (await admin.act('ACCEPT', first)).case!;
    await sub.until(1);
    await settle();
    // The last event received; the report may have come too, if the tail had not passed it yet.
    const last = sub.received[sub.received.length - 1].caseEvents;
    expect(last.type).toBe('case.accepted');
    const cursor = last.cursor;
    await c.dispose();

    // Missed while away: dispatch, acknowledge by the department, start.
    seen = (
      await caseClient(p, C.dispatcher).act('DISPATCH', seen, {
        departmentIds: [gid('Organization', A.ids.department)],
      })
    ).case!;
    const dept = caseClient(p, A.tokens.DEPARTMENT_STAFF);
    seen = (await dept.act('ACKNOWLEDGE', seen)).case!;
    seen = (await dept.act('START', seen)).case!;

    c = client(other.url, A.tokens.STREET_ADMIN);
    try {
      sub = subscribe(c, query, { after: cursor, filter });
      await sub.until(3);
      // Live after the replay: the next change follows, and nothing comes twice.
      await dept.act('RESOLVE', seen, { resolution: '已处置' });
      await sub.until(4);
      await settle();
      const events = sub.received.map((r) => r.caseEvents);
      expect(events.map((e) => [e.type, e.to])).toEqual([
        ['case.dispatched', 'DISPATCHED'],
        ['case.acknowledged', 'DISPATCHED'],
        ['case.started', 'IN_PROGRESS'],
        ['case.resolved', 'VERIFYING'],
      ]);
      expect(new Set(events.map((e) => e.eventId)).size).toBe(4);
      expect(events.map((e) => e.version)).toEqual([3, 4, 5, 6]);
    } finally {
      await c.dispose();
    }
  });

  it('never delivers another street’s events, nor cases a role may not read', async () => {
    const otherStreet = client(p.url, B.tokens.STREET_ADMIN);
    const department = client(p.url, A.tokens.DEPARTMENT_STAFF);
    const resident = client(p.url, A.tokens.RESIDENT);
    const mine = client(p.url, A.tokens.STREET_ADMIN);
    try {
      const q = `subscription { caseUpdated { type case { id } } }`;
      const b = subscribe(otherStreet, q);
      const bAll = subscribe(otherStreet, `subscription { events { type streetId } }`);
      const d = subscribe(department, q);
      const r = subscribe(resident, q);
      const a = subscribe(mine, q);
      await settle();
      const made = await report('别的部门的案件');
      await caseClient(p, C.intake).act('ACCEPT', made);
      await a.until(2);
      await settle();
      expect(b.received).toEqual([]);
      expect(bAll.received).toEqual([]);
      // Not dispatched to the department; not reported by the resident.
      expect(d.received).toEqual([]);
      expect(r.received).toEqual([]);
      expect(a.received.map((x) => x.caseUpdated.case.id)).toEqual([made.id, made.id]);
    } finally {
      await Promise.all([otherStreet, department, resident, mine].map((c) => c.dispose()));
    }
  });

  it('masks personal data for a subscriber whose role may not read it, as a query does', async () => {
    const key = async (scopes: string[]) =>
      (
        await p.gql<any>(
          `mutation($s: ID!, $scopes: [String!]!) { createApiKey(input: { streetId: $s, name: "k", scopes: $scopes }) { secret } }`,
          { s: gid('Street', A.streetId), scopes },
        )
      ).body.data.createApiKey.secret as string;
    const without = client(p.url, await key(['case:read', 'person:read']));
    const withIt = client(p.url, await key(['case:read', 'person:read', 'personal-data:read']));
    const q = `subscription { caseUpdated { case { reporterPerson { name phone } } } }`;
    try {
      const masked = subscribe(without, q);
      const full = subscribe(withIt, q);
      await settle();
      const res = await caseClient(p, C.intake).report(
        reportInput(A, C, { source: 'HOTLINE', reporterPersonId: gid('Person', A.ids.resident) }),
      );
      expect(res.body.errors).toBeUndefined();
      await masked.until(1);
      await full.until(1);
      expect(masked.received[0].caseUpdated.case.reporterPerson.phone).toBe('138****0001');
      expect(full.received[0].caseUpdated.case.reporterPerson.phone).toBe('13800000001');
    } finally {
      await without.dispose();
      await withIt.dispose();
    }
  });

  it('the integrators’ stream replays every type asked for after a cursor', async () => {
    const c = client(p.url, ADMIN_TOKEN);
    try {
      const live = subscribe(
        c,
        `subscription { events(types: ["case.*"]) { cursor type streetId subjectType subjectId } }`,
      );
      await settle();
      const made = await report('集成商的案件');
      await live.until(1);
      const start = live.received[0].events;
      expect(start).toMatchObject({
        type: 'case.reported',
        streetId: gid('Street', A.streetId),
        subjectType: 'Case',
        subjectId: made.id,
      });
      await caseClient(p, C.intake).act('ACCEPT', made);
      await live.until(2);
      const replay = subscribe(
        c,
        `subscription($after: String) { events(after: $after, types: ["case.accepted"]) { type subjectId } }`,
        { after: start.cursor },
      );
      await replay.until(1);
      expect(replay.received[0].events).toEqual({ type: 'case.accepted', subjectId: made.id });
    } finally {
      await c.dispose();
    }
  });

  it('loses nothing when every database connection drops mid-stream', async () => {
    const c = client(other.url, ADMIN_TOKEN);
    const write = async (from: number, to: number) => {
      const w = new PgClient({ connectionString: p.config.DATABASE_URL });
      await w.connect();
      try {
        await w.query(
          `INSERT INTO domain_event (street_id, type, subject_type, subject_id, actor, payload)
           SELECT NULL, 'test.restart', 'Test', g::text, '{"kind":"system","id":null}', '{}'
           FROM generate_series($1::int, $2::int) g`,
          [from, to],
        );
      } finally {
        await w.end();
      }
    };
    try {
      const sub = subscribe(c, `subscription { events(types: ["test.*"]) { type subjectId } }`);
      await settle();
      await write(1, 10);
      await sub.until(10);
      if (sub.errors.length) throw new Error(JSON.stringify(sub.errors));
      // As a restart looks to the servers: every connection to the database is cut.
      const [{ name }] = await p.db.query<{ name: string }>(`SELECT current_database() AS name`);
      const killer = new PgClient({ connectionString: process.env.LIANXIN_TEST_ADMIN_URL });
      await killer.connect();
      await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      await killer.end();
      await write(11, 30);
      await sub.until(30, 15_000);
      await settle();
      expect(new Set(sub.received.map((r) => r.events.type))).toEqual(new Set(['test.restart']));
      expect(
        sub.received.map((r) =>
          Number(/:(\d+)$/.exec(Buffer.from(r.events.subjectId, 'base64url').toString())![1]),
        ),
      ).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      await c.dispose();
    }
  }, 30_000);

  it('answers bad arguments with errors that name them, and keeps the socket open', async () => {
    let closed: Closed | undefined;
    // Not lazy: the client keeps its socket open with no subscription running.
    const c = client(p.url, A.tokens.STREET_ADMIN, (e) => (closed = e), false);
    try {
      const bad = subscribe(c, `subscription { caseEvents(after: "nonsense!") { cursor } }`);
      await bad.ended();
      expect(bad.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(bad.errors[0].message).toMatch(/"after" is not a cursor/);
      const badType = subscribe(c, `subscription { events(types: ["grid.exploded"]) { cursor } }`);
      const badGrid = subscribe(
        c,
        `subscription { caseUpdated(filter: { gridId: "${gid('Grid', B.ids.root)}" }) { cursor } }`,
      );
      await badType.ended();
      await badGrid.ended();
      expect(badType.errors[0].message).toMatch(
        /"types.0" \("grid.exploded"\) is not an event type/,
      );
      expect(badGrid.errors[0].message).toMatch(/"filter.gridId" is not a grid you can read/);
      expect(closed).toBeUndefined();
    } finally {
      await c.dispose();
    }
  });

  it('refuses @skip or @include on a subscription’s root field as a validation error, on every transport', async () => {
    const q = `subscription A($v: Boolean!) { events { cursor } b: events @skip(if: $v) { cursor } }`;
    const post = await p.gql(q, { v: false });
    const get = await p.http
      .get(`/graphql?query=${encodeURIComponent(q)}&variables=${encodeURIComponent('{"v":false}')}`)
      .set('accept', 'application/json');
    const c = client(p.url, A.tokens.STREET_ADMIN);
    try {
      const ws = subscribe(c, q, { v: false });
      await ws.ended();
      for (const errors of [post.body.errors, get.body.errors, ws.errors]) {
        expect(errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
        expect(errors[0].message).toMatch(/must not use `@skip` in its top level selection/);
      }
      expect([post.status, get.status]).toEqual([400, 400]);
    } finally {
      await c.dispose();
    }
  });

  it('refuses a subscription over HTTP with a clear error', async () => {
    const res = await p.gql(`subscription { caseUpdated { cursor } }`);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body.errors)).toMatch(/WebSocket|subscription/i);
  });

  it('stops a subscriber whose token expires mid-stream with 4403', async () => {
    // Long enough for the first event to arrive on a loaded machine before the token expires.
    const short = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: 5, refreshTtlSeconds: 60 });
    const [u] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM app_user WHERE role = 'STREET_ADMIN' AND street_id = $1 LIMIT 1`,
      [A.streetId],
    );
    const token = (await short.signAccess(u!.id, 0, 'STREET_ADMIN')).token;
    let closed: Closed | undefined;
    const c = client(p.url, token, (e) => (closed = e));
    try {
      const sub = subscribe(c, `subscription { caseUpdated { type case { title } } }`);
      await settle();
      await report('到期之前');
      await sub.until(1);
      const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      await sleep(Math.max(0, exp * 1000 - Date.now()) + 200);
      await report('到期之后');
      const deadline = Date.now() + 5000;
      while (!closed && Date.now() < deadline) await sleep(50);
      expect(closed?.code).toBe(4403);
      expect(sub.received).toHaveLength(1);
    } finally {
      await c.dispose();
    }
  });

  it('stops a subscriber whose account is disabled mid-stream with 4403, on another instance too', async () => {
    const [u] = await p.db.query<{ id: string }>(
      `INSERT INTO app_user (username, display_name, password_hash, role, street_id)
       VALUES ('live.disabled', '将被停用', 'unused', 'STREET_ADMIN', $1) RETURNING id::text AS id`,
      [A.streetId],
    );
    const token = (await signer.signAccess(u!.id, 0, 'STREET_ADMIN')).token;
    const closes: Closed[] = [];
    const here = client(p.url, token, (e) => closes.push(e));
    const there = client(other.url, token, (e) => closes.push(e));
    try {
      const subs = [here, there].map((c) => subscribe(c, `subscription { caseUpdated { type } }`));
      await settle();
      await report('停用之前');
      for (const s of subs) await s.until(1);
      const disabled = await p.gql<any>(
        `mutation($id: ID!) { disableUser(input: { id: $id }) { userErrors { message } } }`,
        { id: gid('User', u!.id) },
      );
      expect(disabled.body.data.disableUser.userErrors).toEqual([]);
      // The other instance learns of it when its cache of the account runs out (seconds).
      const deadline = Date.now() + 15_000;
      while (closes.length < 2 && Date.now() < deadline) {
        await report('停用之后');
        await sleep(500);
      }
      expect(closes.map((c) => c.code)).toEqual([4403, 4403]);
      expect(closes[0]!.reason).toMatch(/disabled/);
      expect(subs[0]!.received).toHaveLength(1);
    } finally {
      await here.dispose();
      await there.dispose();
    }
  }, 30_000);

  it('closes a stalled client past its queue limit, and lets go of what it held', async () => {
    // A raw socket that subscribes, then stops reading.
    const socket = new WebSocket(wsOf(p.url), 'graphql-transport-ws');
    await new Promise((r) => socket.once('open', r));
    socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${ADMIN_TOKEN}` },
      }),
    );
    await new Promise((r) => socket.once('message', r));
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: 'subscription { events(types: ["test.*"]) { cursor payload } }' },
      }),
    );
    await settle();
    const before = p.app.subscriptions.size;
    expect(before).toBeGreaterThanOrEqual(1);
    (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const closedWith = new Promise<number>((r) => socket.once('close', (code) => r(code)));
    // Far more than the socket's buffers and the queue limit (50) hold.
    await p.db.query(
      `INSERT INTO domain_event (street_id, type, subject_type, subject_id, actor, payload)
       SELECT NULL, 'test.flood', 'Test', g::text, '{"kind":"system","id":null}', jsonb_build_object('pad', repeat('x', 4000))
       FROM generate_series(1, 4000) g`,
    );
    const deadline = Date.now() + 15_000;
    while (p.app.subscriptions.size >= before && Date.now() < deadline) await sleep(100);
    expect(p.app.subscriptions.size).toBe(before - 1);
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closedWith).toBe(1013);
  }, 30_000);

  it('refuses connections past the per-caller limit with 4429', async () => {
    const closes: Closed[] = [];
    // A caller no other test connects as.
    const clients = [1, 2, 3].map(() =>
      client(other.url, B.tokens.COMMUNITY_STAFF, (e) => closes.push(e)),
    );
    try {
      const subs = clients.map((c) => subscribe(c, `subscription { caseUpdated { type } }`));
      const deadline = Date.now() + 10_000;
      while (!closes.length && Date.now() < deadline) await sleep(50);
      await sleep(300);
      expect(closes.map((c) => c.code)).toEqual([4429]);
      expect(subs.filter((s) => s.done)).toHaveLength(1);
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });
});
