#!/usr/bin/env node
// A plugin field on a core type, on the one-statement path: the same nested grid query with and
// without `Grid.wishes` (the micro-wish plugin), on one server and one database, driven in
// alternating slices by the same concurrent clients. Prints the statements each query sends
// (traced: both must be one), req/s, p95 and server CPU per request, and the ratio.
//
//   npm run build
//   node bench/plugin-field.mjs --admin-url postgres://postgres@127.0.0.1:5432/postgres
//
// Makes the database lianxin_bench_plugin afresh: core and micro-wish migrations, one bench
// street (generate-data.mjs: 1,000 grids), three wishes a grid, the plugin enabled there, and a
// street administrator to sign in as (the query's caller). Wrap in
// `flock /tmp/lianxin-bench.lock …` on shared machines.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, graphqlCheck, load, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    'admin-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '4' },
    /**
     * The nested grid query: `gridTree` (bench/queries.mjs's: 20 units, their 10 children with
     * staff and people) or `page` (20 units with their 10 children's id, code and name).
     */
    base: { type: 'string', default: 'gridTree' },
    /** Where the plugin field goes: on the page's grids (`top`), or on their children too (`both`). */
    shape: { type: 'string', default: 'top' },
    /** Leave the connections' totalCount out (what the counts cost). */
    'no-count': { type: 'boolean', default: false },
    /** Write each query's one statement (text and parameters) to this folder, for EXPLAIN. */
    'sql-dir': { type: 'string' },
  },
});
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const dbName = 'lianxin_bench_plugin';
const adminUrl = values['admin-url'];
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const PLUGIN = '@lianxin/plugin-micro-wish';

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();

const cli = 'packages/server/dist/cli.js';
const env = { DATABASE_URL: url, LIANXIN_PLUGINS: PLUGIN, LOG_LEVEL: 'warn' };
execFileSync(process.execPath, [cli, 'migrate'], {
  env: { ...process.env, ...env },
  stdio: 'inherit',
});
execFileSync(process.execPath, ['bench/generate-data.mjs', '--url', url, '--streets', '1'], {
  stdio: 'inherit',
});

const db = new pg.Client({ connectionString: url });
await db.connect();
const [{ id: streetRow }] = (
  await db.query(
    `SELECT id::text AS id FROM street WHERE code LIKE '990001%' ORDER BY code LIMIT 1`,
  )
).rows;
await db.query(
  `INSERT INTO plugin_micro_wish.wish (street_id, grid_id, title, status, posted_at)
   SELECT g.street_id, g.id, '心愿 ' || g.code || '-' || i, (ARRAY['OPEN','CLAIMED','FULFILLED'])[i],
     now() - (g.id % 97 + i) * interval '1 hour'
   FROM grid g, generate_series(1, 3) i WHERE g.street_id = $1`,
  [streetRow],
);
await db.query(
  `INSERT INTO plugin_street (plugin, street_id, enabled) VALUES ('micro-wish', $1, true)`,
  [streetRow],
);
await db.query(`ANALYZE`);
await db.end();

const port = await freePort();
const adminToken = 'bench-admin-token-0123456789abcdef';
const traceFile = `/tmp/lianxin-plugin-bench-${process.pid}.jsonl`;
const server = await startProcess(
  ['--max-semi-space-size=64', '--import', './bench/trace-statements.mjs', cli, 'serve'],
  {
    ...env,
    PORT: String(port),
    LIANXIN_ADMIN_TOKEN: adminToken,
    LIANXIN_JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
    LIANXIN_SEED_DEMO: 'false',
    JOBS_ENABLED: 'false',
    // Nothing in the background: the trace holds the request's statements only.
    EVENTS_RELAY_ENABLED: 'false',
    PLUGIN_REFRESH_MS: '600000',
    RATE_LIMIT_CAPACITY: '100000000',
    RATE_LIMIT_RESTORE_PER_SECOND: '10000000',
    TRACE_FILE: traceFile,
  },
  port,
);

const gql = async (query, variables, token) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const streetId = Buffer.from(`Street:${streetRow}`).toString('base64url');
await gql(
  `mutation ($i: CreateUserInput!) { createUser(input: $i) { userErrors { message } } }`,
  {
    i: {
      username: 'bench.street.admin',
      password: 'bench-password-0123',
      displayName: 'bench',
      role: 'STREET_ADMIN',
      streetId,
    },
  },
  adminToken,
);
const login = await gql(
  `mutation { login(input: { username: "bench.street.admin", password: "bench-password-0123" }) { accessToken } }`,
  {},
  adminToken,
);
const token = login.login.accessToken;

const count = values['no-count'] ? '' : 'totalCount';
const wishes = `wishes(first: 5) { ${count} nodes { id title status postedAt } }`;
const childFields = (plugin) =>
  `id code name${plugin && values.shape === 'both' ? ` ${wishes}` : ''}`;
const childSelection = (plugin) =>
  values.base === 'gridTree'
    ? `code name staff { role person { name } }${plugin && values.shape === 'both' ? ` ${wishes}` : ''}`
    : childFields(plugin);
const inner = (plugin) =>
  `${values.base === 'gridTree' ? 'code name' : 'id code name households'} children(first: 10) { nodes { ${childSelection(plugin)} } }${plugin ? ` ${wishes}` : ''}`;
// A core relation of the same shape in the same place (a page of five with a total, a timestamp
// among the fields): what a field of that size costs whoever declares it.
const core = `kids: children(first: 5, orderBy: { field: NAME }) { ${count} nodes { id code name createdAt } }`;
const queries = {
  without: `query G($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) { nodes { ${inner(false)} } } }`,
  withWishes: `query G($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) { nodes { ${inner(true)} } } }`,
  withCoreRelation: `query G($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) { nodes { ${inner(false)} ${core} } } }`,
};
const bodies = Object.fromEntries(
  Object.entries(queries).map(([k, q]) => [
    k,
    JSON.stringify({ query: q, variables: { s: streetId } }),
  ]),
);

// Statements per request: one request each, traced (the session's scope setting aside).
const statements = {};
const sqlMs = {};
await gql(queries.without, { s: streetId }, token); // the session's first request sets things up
for (const [name, query] of Object.entries(queries)) {
  await new Promise((r) => setTimeout(r, 200));
  rmSync(traceFile, { force: true });
  const data = await gql(query, { s: streetId }, token);
  if (name === 'withWishes' && !data.grids.nodes.some((g) => g.wishes.nodes.length > 0))
    throw new Error('no wishes read');
  await new Promise((r) => setTimeout(r, 200));
  const lines = existsSync(traceFile)
    ? readFileSync(traceFile, 'utf8').trim().split('\n').filter(Boolean)
    : [];
  rmSync(traceFile, { force: true });
  const sent = lines
    .map((l) => JSON.parse(l))
    // Not the query's: the session's scope, a new connection's set-up, the enablement's reread.
    .filter(
      (l) =>
        !/set_config\('lianxin.street_ids'|^SELECT length\(repeat|FROM plugin_street WHERE enabled|AS n FROM street$/.test(
          l.text,
        ),
    );
  statements[name] = sent.length;
  if (sent.length > 1)
    for (const l of sent) console.log(`  ${name}: ${l.text.replace(/\s+/g, ' ').slice(0, 160)}`);
  if (values['sql-dir'] && sent.length === 1)
    writeFileSync(`${values['sql-dir']}/${name}.json`, JSON.stringify(sent[0], null, 1));
  // PostgreSQL's own time for the statement, prepared and run 100 times as the app role.
  if (sent.length === 1) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`SET ROLE lianxin_app`);
    await c.query(`SELECT set_config('lianxin.street_ids', $1, false)`, [streetRow]);
    const q = { name: 'probe', text: sent[0].text, values: sent[0].params };
    for (let i = 0; i < 20; i++) await c.query(q);
    const t = performance.now();
    for (let i = 0; i < 100; i++) await c.query(q);
    sqlMs[name] = +((performance.now() - t) / 100).toFixed(2);
    await c.end();
  }
}
console.log('statements per request:', statements, 'ms per statement, alone:', sqlMs);

const headers = { authorization: `Bearer ${token}` };
const totals = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
for (const name of Object.keys(queries)) {
  await load({
    port,
    headers,
    body: bodies[name],
    concurrency,
    seconds: 2,
    pid: server.pid,
    check: graphqlCheck,
  });
}
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(queries)) {
    const r = await load({
      port,
      headers,
      body: bodies[name],
      concurrency,
      seconds,
      pid: server.pid,
      check: graphqlCheck,
    });
    if (r.errors) throw new Error(`${name}: ${r.firstError}`);
    totals[name].push(r);
  }
}
await server.stop();
rmSync(traceFile, { force: true });

const sum = (list, f) => list.reduce((s, r) => s + f(r), 0);
const summary = Object.fromEntries(
  Object.entries(totals).map(([name, list]) => {
    const requests = sum(list, (r) => r.requests);
    const lat = list.flatMap((r) => r.latencies).sort((a, b) => a - b);
    return [
      name,
      {
        rps: Math.round(requests / sum(list, (r) => r.elapsed)),
        p95: Math.round(lat[Math.floor(lat.length * 0.95)] * 10) / 10,
        cpuMsPerRequest: Math.round((sum(list, (r) => r.cpu) / requests) * 100) / 100,
        avgBytes: Math.round(sum(list, (r) => r.bytes) / requests),
      },
    ];
  }),
);
console.table(summary);
const ratio = summary.without.rps / summary.withWishes.rps;
const coreRatio = summary.without.rps / summary.withCoreRelation.rps;
console.log(
  `base ${values.base}, shape ${values.shape}: without / with wishes (req/s): ${ratio.toFixed(3)}× (target ≤ 1.25×); ` +
    `without / with a core relation of the same shape: ${coreRatio.toFixed(3)}×; ` +
    `statements: ${JSON.stringify(statements)} (target 1 each)`,
);
