#!/usr/bin/env node
// Live updates at scale (issue 18): N concurrent graphql-ws subscribers (default 10,000) on one
// server instance — or spread over several (--instances 2) on one database — each subscribed to
// `caseUpdated(filter: { streetIds: [its street] })` as its street's administrator, receive a
// burst of case reports made through GraphQL on the first instance.
//
// Measured: delivery latency from the event (its `occurredAt`, the reporting transaction's start
// on the database clock: so the figure includes the transaction itself and is, if anything, high)
// to the subscriber's socket, and from the reporting transaction's commit when PostgreSQL tracks
// commit timestamps (`latencyFromCommitMs`: the target's own measure), p50/p99/max; that every subscriber received every event of its
// street exactly once (none missed, none doubled, none of another street); the server's resident
// memory per connection (RSS after connecting minus before, ÷ N) and its CPU during the burst.
//
//   npm run build
//   node bench/subscriptions.mjs --url postgres://postgres@127.0.0.1:5432/lianxin_bench_live \
//     [--subscribers 10000] [--reports 100] [--rate 100] [--instances 1]
//
// The database is created when missing, migrated and seeded with the demo streets by the server.
// The subscribers are raw WebSocket clients speaking graphql-transport-ws (a full client per
// socket would spend the driver's CPU, which shares the machine with the server). Wrap runs in
// `flock /tmp/lianxin-bench.lock …`.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { cpuMs, freePort, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    subscribers: { type: 'string', default: '10000' },
    reports: { type: 'string', default: '100' },
    /** Reports per second in the burst (0: as fast as 20 writers go). */
    rate: { type: 'string', default: '100' },
    instances: { type: 'string', default: '1' },
    /** Writes a CPU profile of each server into this folder. */
    profile: { type: 'string' },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const N = Number(values.subscribers);
const REPORTS = Number(values.reports);
const RATE = Number(values.rate);
const INSTANCES = Math.max(1, Number(values.instances));

const adminToken = 'bench-admin-token-0123456789abcdef';
const jwtSecret = randomBytes(32).toString('hex');
const gid = (type, id) => Buffer.from(`${type}:${id}`).toString('base64url');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The database: created when missing; the first server migrates and seeds it.
{
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount)
    await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

const env = (port) => ({
  DATABASE_URL: url,
  PORT: String(port),
  LOG_LEVEL: 'error',
  LIANXIN_ADMIN_TOKEN: adminToken,
  LIANXIN_JWT_SECRET: jwtSecret,
  NODE_ENV: 'production',
  JOBS_ENABLED: 'false',
  WS_MAX_CONNECTIONS: String(N + 100),
  WS_MAX_CONNECTIONS_PER_CALLER: String(N),
  GRAPHQL_MAX_QUEUE: '100000',
});
const servers = [];
for (let i = 0; i < INSTANCES; i++) {
  const port = await freePort();
  const server = await startProcess(
    [
      '--max-semi-space-size=64',
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      'packages/server/dist/cli.js',
      'serve',
    ],
    { ...env(port), LIANXIN_SEED_DEMO: i === 0 ? 'true' : 'false' },
    port,
  );
  servers.push({ ...server, port });
}

const db = new pg.Client({ connectionString: url });
await db.connect();
const rssKb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

let exitCode = 0;
try {
  // One administrator per street, and what reports are about.
  const streets = (await db.query(`SELECT id::text AS id, code FROM street ORDER BY code`)).rows;
  const tokensMod = await import('../packages/server/dist/domain/identity/tokens.js');
  const Tokens = tokensMod.Tokens ?? tokensMod.default.Tokens;
  const signer = new Tokens({ secret: jwtSecret, accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });
  const [category] = (
    await db.query(
      `SELECT id::text AS id FROM case_category WHERE street_id IS NULL AND code = '0601'`,
    )
  ).rows;
  for (const s of streets) {
    const { rows } = await db.query(
      `INSERT INTO app_user (username, display_name, password_hash, role, street_id)
       VALUES ($1, $2, 'unused', 'STREET_ADMIN', $3)
       ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name
       RETURNING id::text AS id`,
      [`bench.live.${s.code}`, `基准 ${s.code}`, s.id],
    );
    s.token = (await signer.signAccess(rows[0].id, 0, 'STREET_ADMIN')).token;
    const grid = (
      await db.query(
        `SELECT id::text AS id FROM grid WHERE street_id = $1 AND archived_at IS NULL
         ORDER BY (level = 'STREET'), id DESC LIMIT 1`,
        [s.id],
      )
    ).rows[0];
    s.grid = grid?.id;
  }
  const usable = streets.filter((s) => s.grid);

  // Subscribers: spread over the streets and the instances, connected 500 at a time.
  const query = `subscription($street: ID!) { caseUpdated(filter: { streetIds: [$street] }) {
    eventId occurredAt type case { id number status } } }`;
  const rssBefore = servers.map((s) => rssKb(s.pid));
  const subs = [];
  const latencies = [];
  /** Every delivery: [eventId, when the driver read it], for the latency from the commit. */
  const deliveries = [];
  /** Per event: the first and the last subscriber's latency (where the time goes). */
  const spans = {};
  let wrongStreet = 0;
  let duplicates = 0;
  const connect = (i) =>
    new Promise((resolve, reject) => {
      const street = usable[i % usable.length];
      const server = servers[i % servers.length];
      const sub = { street, seen: new Set() };
      const socket = new WebSocket(
        `ws://127.0.0.1:${server.port}/graphql`,
        'graphql-transport-ws',
        {
          perMessageDeflate: false,
        },
      );
      sub.socket = socket;
      socket.on('error', reject);
      socket.on('open', () =>
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${street.token}` },
          }),
        ),
      );
      socket.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"connection_ack"')) {
          socket.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query, variables: { street: gid('Street', street.id) } },
            }),
          );
          // Subscribed once the server has read it; a ping round trip tells.
          socket.send('{"type":"ping"}');
          return;
        }
        if (text.startsWith('{"type":"pong"')) return resolve(sub);
        const at = Date.now();
        const eventId = /"eventId":"(\d+)"/.exec(text)?.[1];
        if (!eventId) {
          console.error(`unexpected message: ${text.slice(0, 300)}`);
          return;
        }
        const occurredAt = Date.parse(/"occurredAt":"([^"]+)"/.exec(text)[1]);
        if (sub.seen.has(eventId)) duplicates++;
        sub.seen.add(eventId);
        latencies.push(at - occurredAt);
        deliveries.push([eventId, at]);
        const span = (spans[eventId] ??= { first: Infinity, last: 0 });
        span.first = Math.min(span.first, at - occurredAt);
        span.last = Math.max(span.last, at - occurredAt);
      });
      socket.on('close', (code, reason) => {
        if (!sub.closedOnPurpose) console.error(`subscriber closed: ${code} ${reason}`);
      });
    });
  /** eventId → street id, filled from the stream after the burst. */
  const reported = new Map();
  const t0 = Date.now();
  for (let i = 0; i < N; i += 500) {
    subs.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(500, N - i) }, (_, j) => connect(i + j)),
      )),
    );
  }
  const connectSeconds = (Date.now() - t0) / 1000;
  await sleep(2000);
  global.gc?.();
  const rssAfter = servers.map((s) => rssKb(s.pid));
  console.error(`${N} subscribers connected in ${connectSeconds.toFixed(1)} s`);

  // The burst: reports through the first instance, at RATE per second, 20 writers.
  const [{ max: before }] = (
    await db.query(`SELECT coalesce(max(id), 0)::text AS max FROM domain_event`)
  ).rows;
  const cpuBefore = servers.map((s) => cpuMs(s.pid));
  const burstStart = Date.now();
  let sent = 0;
  let failed = 0;
  const reportMs = [];
  const writer = async () => {
    while (sent < REPORTS) {
      const n = sent++;
      if (RATE > 0) {
        const due = burstStart + (n * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      const street = usable[n % usable.length];
      const sentAt = Date.now();
      const res = await fetch(`http://127.0.0.1:${servers[0].port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          query: `mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } userErrors { message } } }`,
          variables: {
            input: {
              streetId: gid('Street', street.id),
              gridId: gid('Grid', street.grid),
              categoryId: gid('CaseCategory', category.id),
              title: `【实时基准】${n}`,
              urgency: 'B',
            },
          },
        }),
      });
      const body = await res.json();
      reportMs.push(Date.now() - sentAt);
      if (body.errors || body.data.reportCase.userErrors.length) {
        failed++;
        if (failed < 3) console.error(JSON.stringify(body).slice(0, 300));
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, writer));
  const burstSeconds = (Date.now() - burstStart) / 1000;
  // Every event of the burst, by street: what each subscriber must have received.
  const events = (
    await db.query(
      `SELECT id::text AS id, street_id::text AS street FROM domain_event
       WHERE id > $1 AND type LIKE 'case.%' AND subject_type = 'Case'`,
      [before],
    )
  ).rows;
  for (const e of events) reported.set(e.id, e.street);
  const expected = new Map();
  for (const e of events) expected.set(e.street, (expected.get(e.street) ?? 0) + 1);
  const expectedTotal = subs.reduce((n, s) => n + (expected.get(s.street.id) ?? 0), 0);
  const deadline = Date.now() + 60_000;
  const received = () => subs.reduce((n, s) => n + s.seen.size, 0);
  while (received() < expectedTotal && Date.now() < deadline) await sleep(200);
  const drainSeconds = (Date.now() - burstStart) / 1000;
  const cpuDuring = servers.map((s, i) => cpuMs(s.pid) - cpuBefore[i]);

  let missed = 0;
  for (const s of subs) {
    for (const e of events) if (e.street === s.street.id && !s.seen.has(e.id)) missed++;
    for (const id of s.seen) if (reported.get(id) !== s.street.id) wrongStreet++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p, list = latencies) =>
    list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];
  // The target is from commit to client. PostgreSQL knows each event's commit time when the
  // server runs with track_commit_timestamp = on (the event rows are never updated, so their
  // xmin is the reporting transaction); without it only the transaction's start is known.
  let fromCommit = null;
  try {
    const committed = new Map(
      (
        await db.query(
          `SELECT id::text AS id, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000)::float8 AS at
           FROM domain_event WHERE id > $1`,
          [before],
        )
      ).rows.map((r) => [r.id, r.at]),
    );
    const list = deliveries.map(([id, at]) => at - committed.get(id)).sort((a, b) => a - b);
    if (list.every(Number.isFinite))
      fromCommit = {
        p50: Math.round(pct(50, list)),
        p95: Math.round(pct(95, list)),
        p99: Math.round(pct(99, list)),
        max: Math.round(list[list.length - 1]),
      };
  } catch (error) {
    console.error(
      `no commit times (${error.message}): ALTER SYSTEM SET track_commit_timestamp = on, and restart PostgreSQL`,
    );
  }
  const result = {
    instances: INSTANCES,
    subscribers: N,
    streets: usable.length,
    reports: REPORTS - failed,
    failedReports: failed,
    burstSeconds: +burstSeconds.toFixed(2),
    events: events.length,
    deliveries: received(),
    expectedDeliveries: expectedTotal,
    missed,
    duplicates,
    wrongStreet,
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: latencies[latencies.length - 1] },
    latencyFromCommitMs: fromCommit,
    perEventFirstLastMs: Object.values(spans).map((x) => `${x.first}-${x.last}`),
    reportRoundTripMs: reportMs,
    deliveriesPerSecond: Math.round(received() / drainSeconds),
    serverRssMbBefore: rssBefore.map((k) => +(k / 1024).toFixed(1)),
    serverRssMbWithSubscribers: rssAfter.map((k) => +(k / 1024).toFixed(1)),
    kbPerConnection: +(
      rssAfter.reduce((a, b) => a + b, 0) / N -
      rssBefore.reduce((a, b) => a + b, 0) / N
    ).toFixed(1),
    serverCpuMsDuringBurst: cpuDuring.map(Math.round),
    serverCpuUsPerDelivery: +((cpuDuring.reduce((a, b) => a + b, 0) * 1000) / received()).toFixed(
      1,
    ),
  };
  console.log(JSON.stringify(result, null, 2));
  if (missed || duplicates || wrongStreet || failed) exitCode = 1;
  for (const s of subs) {
    s.closedOnPurpose = true;
    s.socket.close();
  }
  await sleep(500);
} finally {
  await db.end();
  for (const s of servers) await s.stop();
}
process.exit(exitCode);
