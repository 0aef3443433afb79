#!/usr/bin/env node
// Lianxin against PostGraphile v5 on the same database, in one run: the three queries of
// bench/nested-queries.mjs and their PostGraphile equivalents (same rows: same street, filters,
// order and page sizes, same nested fields). First both servers answer each query once and the
// answers are compared (a mismatch stops the run); then Lianxin is driven alone, stopped, and
// PostGraphile is driven alone, each with the same load and the machine to itself.
//
//   npm run build && npm ci --prefix bench/postgraphile
//   node bench/compare-postgraphile.mjs --url postgres://…/lianxin_bench --concurrency 50 --seconds 15
//
// --verify-only compares the answers and exits; --targets postgraphile measures only one of the two
// (no ratios); --postgraphile-role '' runs PostGraphile as the connecting user instead of
// lianxin_app (a superuser bypasses row-level security). Other PostGraphile settings are
// environment variables read by bench/postgraphile/server.mjs, passed through.
// Wrap runs in `flock /tmp/lianxin-bench.lock …` on shared machines.
import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import pg from 'pg';
import { cpuMs, freePort, graphqlCheck, load, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    street: { type: 'string', default: '990001005' },
    only: { type: 'string' },
    targets: { type: 'string', default: 'lianxin,postgraphile' },
    'postgraphile-role': { type: 'string', default: 'lianxin_app' },
    'verify-only': { type: 'boolean', default: false },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const selected = (name) => !values.only || values.only.split(',').includes(name);

const pglModules = new URL('./postgraphile/node_modules/', import.meta.url);
if (!existsSync(new URL('postgraphile/package.json', pglModules))) {
  console.error('PostGraphile is not installed: npm ci --prefix bench/postgraphile');
  process.exit(2);
}
const versionOf = (name) =>
  JSON.parse(readFileSync(new URL(`${name}/package.json`, pglModules), 'utf8')).version;
const versions = Object.fromEntries(
  ['postgraphile', 'grafast', 'grafserv', '@dataplan/pg', 'graphile-build-pg', 'pg'].map((n) => [
    n,
    versionOf(n),
  ]),
);

// Lianxin's queries: the texts of bench/nested-queries.mjs (copied: importing that script would run
// it). $s is the street's global ID.
const lianxinQueries = {
  page20: `query Page($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    totalCount nodes { id code name households staff { role person { name } } } } }`,
  gridTree: `query GridTree($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    nodes { code name children(first: 10) { nodes { code name staff { role person { name } } } } } } }`,
  organizations: `query Organizations($s: ID!) { organizations(first: 20, filter: { streetId: $s, kinds: [COMMUNITY] }) {
    nodes { name grids { code name } brands(first: 5) { nodes { name children(first: 5) { nodes { name } } } }
      members(first: 5) { nodes { role person { name } } } children(first: 5) { nodes { name kind } } } } }`,
};

// The same reads in PostGraphile's generated schema; $s is the street's row id. Aliases give the
// answers Lianxin's field names. What Lianxin applies implicitly is spelled out: archived grids,
// organizations and brands and ended assignments and memberships are left out (conditions on
// archivedAt/endedOn), pages are ordered by code or by name then id, staff and members by role rank
// then id (ROLE_RANK_* comes from a plugin in postgraphile/server.mjs). Lianxin's `staff` and
// organization `grids` are lists, PostGraphile's …List fields (enabled by smart tags) likewise.
// One difference PostGraphile cannot express without another plugin: an organization's grids go
// through the organization_grid join table, so the archived filter on the grid and Lianxin's order
// by grid code are not available (they are ordered by grid id and compared as a set; no grid is
// archived in the generated data).
const postgraphileQueries = {
  page20: `query Page($s: BigInt!) {
    grids: allGrids(first: 20, condition: { streetId: $s, level: "UNIT", archivedAt: null }, orderBy: [CODE_ASC]) {
      totalCount nodes { id code name households
        staff: gridAssignmentsByStreetIdAndGridIdList(condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
          role person: personByStreetIdAndPersonId { name } } } } }`,
  gridTree: `query GridTree($s: BigInt!) {
    grids: allGrids(first: 20, condition: { streetId: $s, level: "UNIT", archivedAt: null }, orderBy: [CODE_ASC]) {
      nodes { code name
        children: gridsByStreetIdAndParentId(first: 10, condition: { archivedAt: null }, orderBy: [CODE_ASC]) {
          nodes { code name
            staff: gridAssignmentsByStreetIdAndGridIdList(condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
              role person: personByStreetIdAndPersonId { name } } } } } } }`,
  organizations: `query Organizations($s: BigInt!) {
    organizations: allOrganizations(first: 20, condition: { streetId: $s, kind: "COMMUNITY", archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
      nodes { name
        grids: organizationGridsByStreetIdAndOrganizationIdList(orderBy: [GRID_ID_ASC]) {
          grid: gridByStreetIdAndGridId { code name } }
        brands: brandsByStreetIdAndOwnerOrganizationId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
          nodes { name
            children: brandsByStreetIdAndParentId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
              nodes { name } } } }
        members: organizationMembersByStreetIdAndOrganizationId(first: 5, condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
          nodes { role person: personByStreetIdAndPersonId { name } } }
        children: organizationsByStreetIdAndParentId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
          nodes { name kind } } } } }`,
};

/** The row id inside a global ID: Lianxin's `Grid:461`, PostGraphile's `["Grid","461"]`. */
function rowIdOf(globalId) {
  const text = Buffer.from(globalId, 'base64').toString('utf8');
  return text.startsWith('[') ? String(JSON.parse(text)[1]) : text.slice(text.indexOf(':') + 1);
}
const staffOf = (staff) => staff.map((a) => `${a.role} ${a.person.name}`);
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * What must be equal in both answers, in one shape: the connection wrappers and field names of
 * the two schemas differ, the rows, their order and their nested rows must not.
 */
const essentials = {
  page20: ({ grids }) => ({
    totalCount: grids.totalCount,
    grids: grids.nodes.map((g) => ({
      rowId: rowIdOf(g.id),
      code: g.code,
      name: g.name,
      households: g.households,
      staff: staffOf(g.staff),
    })),
  }),
  gridTree: ({ grids }) =>
    grids.nodes.map((g) => ({
      code: g.code,
      name: g.name,
      children: g.children.nodes.map((c) => ({
        code: c.code,
        name: c.name,
        staff: staffOf(c.staff),
      })),
    })),
  organizations: ({ organizations }) =>
    organizations.nodes.map((o) => ({
      name: o.name,
      grids: o.grids
        .map((g) => g.grid ?? g) // PostGraphile: through the join table's row
        .map((g) => ({ code: g.code, name: g.name }))
        .sort(byCode),
      brands: o.brands.nodes.map((b) => ({
        name: b.name,
        children: b.children.nodes.map((c) => c.name),
      })),
      members: staffOf(o.members.nodes),
      children: o.children.nodes.map((c) => `${c.kind} ${c.name}`),
    })),
};

const token = 'bench-admin-token-0123456789abcdef';
// Both get the same headers; PostGraphile ignores the token (it has no authentication here).
const headers = { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' };

/** Each target: how to start it, how to name the street in its variables, which queries. */
const targets = {
  lianxin: {
    label: 'Lianxin',
    applicationName: 'lianxin',
    queries: lianxinQueries,
    // Exactly as bench/nested-queries.mjs starts it.
    start: (port) =>
      startProcess(
        ['--max-semi-space-size=64', 'packages/server/dist/cli.js', 'serve'],
        {
          DATABASE_URL: url,
          PORT: String(port),
          LOG_LEVEL: 'error',
          LIANXIN_SEED_DEMO: 'false',
          LIANXIN_ADMIN_TOKEN: token,
          NODE_ENV: 'production',
        },
        port,
      ),
    street: async (port) =>
      (await graphql(port, `{ street(code: "${values.street}") { id } }`)).street.id,
  },
  postgraphile: {
    label: 'PostGraphile',
    applicationName: 'postgraphile-bench',
    queries: postgraphileQueries,
    // The same Node flags as Lianxin: the young generation size is a GC setting, not a feature.
    start: (port) =>
      startProcess(
        ['--max-semi-space-size=64', 'bench/postgraphile/server.mjs'],
        {
          DATABASE_URL: url,
          PORT: String(port),
          NODE_ENV: 'production',
          PGL_ROLE: values['postgraphile-role'],
        },
        port,
      ),
    street: async (port) =>
      (await graphql(port, `{ streetByCode(code: "${values.street}") { rowId } }`)).streetByCode
        .rowId,
  },
};

async function graphql(port, query, variables) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) {
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  }
  return body.data;
}

/** Starts a target and learns its street variable; `stop()` ends it. */
async function up(name) {
  const port = await freePort();
  const server = await targets[name].start(port);
  try {
    return { ...server, port, street: await targets[name].street(port) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * PostgreSQL's side of the work: the CPU time of the server's backends (found by application name
 * once its pool is warm), read from /proc like the server's own. Lianxin has PostgreSQL build
 * JSON, PostGraphile builds arrays of text: Node's CPU alone would not show where work moved.
 * Null where the database is not on this machine (or no backend was found).
 */
async function backendCpu(applicationName) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [applicationName],
    );
    if (rows.length === 0) return null;
    const start = new Map();
    for (const { pid } of rows) {
      try {
        start.set(pid, cpuMs(pid));
      } catch {
        return null; // no /proc entry: PostgreSQL runs elsewhere
      }
    }
    return () => {
      let total = 0;
      for (const [pid, before] of start) {
        try {
          total += cpuMs(pid) - before;
        } catch {
          // the backend ended during the run; its time since the start is lost
        }
      }
      return total;
    };
  } finally {
    await client.end();
  }
}

/** The first path at which `a` and `b` differ, for the mismatch report. */
function firstDifference(a, b, path = '') {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return { path: path || '(root)', lianxin: a, postgraphile: b };
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference(
      a[key],
      b[key],
      `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
    );
    if (found) return found;
  }
  return { path: path || '(root)', lianxin: a, postgraphile: b };
}

const queryNames = Object.keys(lianxinQueries).filter(selected);

// 1. Equivalence, with both servers up (idle but for these few requests).
{
  const lianxin = await up('lianxin');
  const postgraphile = await up('postgraphile').catch(async (error) => {
    await lianxin.stop();
    throw error;
  });
  let mismatches = 0;
  try {
    for (const name of queryNames) {
      const [ours, theirs] = await Promise.all(
        [
          ['lianxin', lianxin],
          ['postgraphile', postgraphile],
        ].map(async ([target, server]) =>
          essentials[name](
            await graphql(server.port, targets[target].queries[name], { s: server.street }),
          ),
        ),
      );
      const difference = firstDifference(ours, theirs);
      if (difference) {
        mismatches++;
        console.error(
          `MISMATCH in ${name} at ${difference.path}:\n  Lianxin:      ${JSON.stringify(difference.lianxin)}\n  PostGraphile: ${JSON.stringify(difference.postgraphile)}`,
        );
      } else {
        console.log(
          `${name}: same answer from both (${JSON.stringify(ours).length} characters of content compared)`,
        );
      }
    }
  } finally {
    await Promise.all([lianxin.stop(), postgraphile.stop()]);
  }
  if (mismatches) process.exit(1);
  if (values['verify-only']) process.exit(0);
}

// 2. Load: one server at a time, so each has the machine to itself.
const results = {};
for (const target of values.targets.split(',')) {
  const server = await up(target);
  try {
    for (const name of queryNames) {
      const body = JSON.stringify({
        query: targets[target].queries[name],
        variables: { s: server.street },
      });
      const common = { port: server.port, headers, body, concurrency, check: graphqlCheck };
      await load({ ...common, seconds: warmup });
      const pgCpu = await backendCpu(targets[target].applicationName);
      const { latencies: _latencies, ...result } = await load({
        ...common,
        seconds,
        pid: server.pid,
      });
      result.pgCpuMsPerRequest = pgCpu ? pgCpu() / result.requests : null;
      (results[name] ??= {})[target] = result;
    }
  } finally {
    await server.stop();
  }
}

const fmt = (n, d = 1) => (n == null ? '—' : n.toFixed(d));
console.log(
  `\nconcurrency ${concurrency}, ${seconds} s per query (${warmup} s warm-up), street ${values.street}; ` +
    `PostGraphile ${versions.postgraphile} as ${values['postgraphile-role'] || 'the connecting user'}, Node ${process.version}\n`,
);
console.log(
  '| query | target | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | bytes | errors |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, byTarget] of Object.entries(results)) {
  for (const [target, r] of Object.entries(byTarget)) {
    console.log(
      `| ${name} | ${targets[target].label} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.pgCpuMsPerRequest, 2)} | ${r.avgBytes} | ${r.errors}${r.firstError ? ` (${r.firstError})` : ''} |`,
    );
  }
}
console.log('');
const ratios = {};
const totalCpu = (r) =>
  r.pgCpuMsPerRequest == null ? null : r.cpuMsPerRequest + r.pgCpuMsPerRequest;
for (const [name, { lianxin, postgraphile }] of Object.entries(results)) {
  if (!lianxin || !postgraphile) continue;
  ratios[name] = {
    rps: lianxin.rps / postgraphile.rps,
    cpuPerRequest: lianxin.cpuMsPerRequest / postgraphile.cpuMsPerRequest,
    totalCpuPerRequest:
      totalCpu(lianxin) == null || totalCpu(postgraphile) == null
        ? null
        : totalCpu(lianxin) / totalCpu(postgraphile),
  };
  const total = ratios[name].totalCpuPerRequest;
  console.log(
    `${name}: Lianxin / PostGraphile = ${ratios[name].rps.toFixed(2)}× req/s, ` +
      `${ratios[name].cpuPerRequest.toFixed(2)}× server CPU per request` +
      (total == null ? '' : ` (${total.toFixed(2)}× server + PostgreSQL CPU)`),
  );
}
console.log(
  JSON.stringify({
    concurrency,
    seconds,
    warmup,
    street: values.street,
    node: process.version,
    postgraphile: { ...versions, role: values['postgraphile-role'] || null },
    results,
    ratios,
  }),
);
const errors = Object.values(results).flatMap((r) => Object.values(r).map((x) => x.errors));
if (errors.some((e) => e > 0)) process.exitCode = 1;
