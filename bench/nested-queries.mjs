#!/usr/bin/env node
// The benchmark: Lianxin (built, `npm run build`), PostGraphile v5 (bench/postgraphile) and the
// hand-written SQL floor (bench/sql-floor-server.mjs) on the same database, filled by
// bench/generate-data.mjs, each driven with the same concurrent keep-alive clients on the queries
// of bench/queries.mjs.
//
// 1. All targets start and answer each query once; the answers are compared (a mismatch stops the
//    run). 2. Queries named by --alone (gridTree by default) are measured on freshly started
//    servers, nothing else having run on them. 3. Fresh servers again, and every query in turn:
//    each target warms up, then the targets are driven in alternating slices (Lianxin,
//    PostGraphile, floor, Lianxin, …), so a machine that speeds up or slows down during the run
//    weighs on all alike. Each target's CPU time and that of its PostgreSQL backends are read
//    from /proc per slice, and so is the CPU that other processes took meanwhile (the machine's
//    noise).
//
//   npm run build && npm ci --prefix bench/postgraphile
//   node bench/nested-queries.mjs --url postgres://…/lianxin_bench --concurrency 50 --seconds 15
//
// --queries a,b picks queries; --targets lianxin,floor leaves PostGraphile out (no install needed);
// --rounds is the number of slices per target (keep a slice times the other targets under pg's
// 10 s idle timeout, or pools reconnect between slices: the run reports it); --alone '' skips the
// fresh-server runs; --verify-only compares the answers and exits; --postgraphile-role '' runs
// PostGraphile as the connecting user (a superuser bypasses row-level security). Other
// PostGraphile settings are environment variables read by bench/postgraphile/server.mjs.
// Wrap runs in `flock /tmp/lianxin-bench.lock …` on shared machines.
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import pg from 'pg';
import {
  cpuMs,
  freePort,
  graphqlCheck,
  load,
  machineBusyMs,
  mergeLoads,
  startProcess,
} from './lib.mjs';
import { essentials, lianxinQueries, postgraphileQueries } from './queries.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    street: { type: 'string', default: '990001005' },
    queries: { type: 'string' },
    only: { type: 'string' }, // the earlier name of --queries
    targets: { type: 'string', default: 'lianxin,postgraphile,floor' },
    alone: { type: 'string', default: 'gridTree' },
    'postgraphile-role': { type: 'string', default: 'lianxin_app' },
    'verify-only': { type: 'boolean', default: false },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const rounds = Math.max(1, Number(values.rounds));
const list = (text) => (text ? text.split(',').filter(Boolean) : []);
const queryNames = list(values.queries ?? values.only);
for (const name of [...queryNames, ...list(values.alone)]) {
  if (!lianxinQueries[name]) throw new Error(`No query ${name}: ${Object.keys(lianxinQueries)}`);
}
const selectedQueries = queryNames.length ? queryNames : Object.keys(lianxinQueries);
const aloneQueries = list(values.alone).filter((name) => selectedQueries.includes(name));
const targetNames = list(values.targets);

const pglModules = new URL('./postgraphile/node_modules/', import.meta.url);
let pglVersions = null;
if (targetNames.includes('postgraphile')) {
  if (!existsSync(new URL('postgraphile/package.json', pglModules))) {
    console.error('PostGraphile is not installed: npm ci --prefix bench/postgraphile');
    process.exit(2);
  }
  const versionOf = (name) =>
    JSON.parse(readFileSync(new URL(`${name}/package.json`, pglModules), 'utf8')).version;
  pglVersions = Object.fromEntries(
    ['postgraphile', 'grafast', 'grafserv', '@dataplan/pg', 'graphile-build-pg', 'pg'].map((n) => [
      n,
      versionOf(n),
    ]),
  );
}

const token = 'bench-admin-token-0123456789abcdef';
// Every GraphQL target gets the same headers; PostGraphile ignores the token (no authentication).
const headers = { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' };
const graphqlRequest = (queries) => (name, street) => ({
  path: '/graphql',
  headers,
  body: JSON.stringify({ query: queries[name], variables: { s: street } }),
  check: graphqlCheck,
});

/** Each target: how to start it, its street variable, how to ask it a query, its backends' name. */
const targets = {
  lianxin: {
    label: 'Lianxin',
    applicationName: 'lianxin',
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
      (await ask(port, graphqlRequest({ q: `{ street(code: "${values.street}") { id } }` })('q')))
        .street.id,
    request: graphqlRequest(lianxinQueries),
  },
  postgraphile: {
    label: 'PostGraphile',
    applicationName: 'postgraphile-bench',
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
      (
        await ask(
          port,
          graphqlRequest({ q: `{ streetByCode(code: "${values.street}") { rowId } }` })('q'),
        )
      ).streetByCode.rowId,
    request: graphqlRequest(postgraphileQueries),
  },
  floor: {
    label: 'SQL floor',
    applicationName: 'sql-floor',
    start: (port) =>
      startProcess(
        ['bench/sql-floor-server.mjs'],
        { DATABASE_URL: url, PORT: String(port), STREET_CODE: values.street },
        port,
      ),
    street: async () => values.street,
    request: (name) => ({ path: `/${name}`, headers: {}, body: '{}' }),
  },
};
for (const name of targetNames) if (!targets[name]) throw new Error(`No target ${name}`);

/** One request outside the load; resolves to the answer's `data`. */
async function ask(port, { path, headers: h, body }) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { ...h, 'content-type': 'application/json' },
    body,
  });
  const answer = await res.json();
  if (res.status !== 200 || answer.errors) {
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
  }
  return answer.data;
}

/** Starts every target (one after the other) and learns their street variables. */
async function upAll() {
  const servers = {};
  try {
    for (const name of targetNames) {
      const port = await freePort();
      const server = await targets[name].start(port);
      servers[name] = { ...server, port };
      servers[name].street = await targets[name].street(port);
    }
  } catch (error) {
    await downAll(servers);
    throw error;
  }
  return servers;
}
const downAll = (servers) => Promise.all(Object.values(servers).map((s) => s.stop()));

const db = new pg.Client({ connectionString: url, application_name: 'bench-driver' });
await db.connect();

const backendPids = async (applicationName) =>
  (
    await db.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
      [applicationName],
    )
  ).rows.map((r) => r.pid);

/**
 * CPU of a target's PostgreSQL backends (found by application name) from now on: Lianxin has
 * PostgreSQL build JSON, PostGraphile builds arrays of text, so Node's CPU alone would not show
 * where work moved. `read()` is null where the database is not on this machine.
 */
async function backendsCpu(applicationName) {
  const start = new Map();
  for (const pid of await backendPids(applicationName)) {
    try {
      start.set(pid, cpuMs(pid));
    } catch {
      return { pids: [], read: async () => null }; // no /proc entry: PostgreSQL runs elsewhere
    }
  }
  return {
    pids: [...start.keys()],
    read: async () => {
      let total = 0;
      // A pool idle longer than pg's idle timeout (10 s) closes connections and opens new ones
      // in the next slice: a backend born during the slice counts whole, one that ended is lost.
      for (const pid of new Set([...start.keys(), ...(await backendPids(applicationName))])) {
        try {
          total += cpuMs(pid) - (start.get(pid) ?? 0);
        } catch {
          // the backend ended during the slice (the run reports reconnects)
        }
      }
      return total;
    },
  };
}

/** One slice of load on one target, with its backends' CPU and everyone else's. */
async function slice(server, target, request, sliceSeconds) {
  const backends = await backendsCpu(target.applicationName);
  const busyBefore = machineBusyMs();
  const selfBefore = process.cpuUsage();
  const result = await load({
    ...request,
    port: server.port,
    concurrency,
    seconds: sliceSeconds,
    pid: server.pid,
  });
  const self = process.cpuUsage(selfBefore);
  result.pgCpu = await backends.read();
  result.othersCpu =
    result.pgCpu === null
      ? null
      : machineBusyMs() - busyBefore - result.cpu - result.pgCpu - (self.user + self.system) / 1000;
  result.backendPids = backends.pids;
  return result;
}

/** Measures `names` on fresh servers; results keyed by query name + `suffix`. */
async function measure(names, suffix, results) {
  const servers = await upAll();
  try {
    for (const name of names) {
      const runs = targetNames.map((t) => ({
        target: targets[t],
        server: servers[t],
        request: targets[t].request(name, servers[t].street),
      }));
      for (const { target, server, request } of runs) {
        await slice(server, target, request, warmup);
      }
      const parts = runs.map(() => []);
      for (let round = 0; round < rounds; round++) {
        for (const [i, { target, server, request }] of runs.entries()) {
          parts[i].push(await slice(server, target, request, seconds / rounds));
        }
      }
      const byTarget = {};
      for (const [i, t] of targetNames.entries()) {
        // Backends gone between one slice and the next: the pool reconnected while idle.
        let reconnects = 0;
        for (let k = 1; k < parts[i].length; k++) {
          const now = new Set(parts[i][k].backendPids);
          reconnects += parts[i][k - 1].backendPids.filter((pid) => !now.has(pid)).length;
        }
        byTarget[t] = { ...mergeLoads(parts[i]), reconnects };
      }
      results[`${name}${suffix}`] = byTarget;
      console.error(
        `${name}${suffix}: ` +
          targetNames.map((t) => `${targets[t].label} ${byTarget[t].rps.toFixed(0)}`).join(', ') +
          ` req/s; load average ${loadavg()[0].toFixed(2)}`,
      );
    }
  } finally {
    await downAll(servers);
  }
}

/** The first path at which `a` and `b` differ, for the mismatch report. */
function firstDifference(a, b, path = '') {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return { path: path || '(root)', a, b };
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference(
      a[key],
      b[key],
      `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
    );
    if (found) return found;
  }
  return { path: path || '(root)', a, b };
}

const startedAt = new Date();
const loadBefore = loadavg();
try {
  // 1. Equivalence: every target's answer against the first target's.
  {
    const servers = await upAll();
    let mismatches = 0;
    try {
      for (const name of selectedQueries) {
        const answers = await Promise.all(
          targetNames.map(async (t) =>
            essentials[name](
              await ask(servers[t].port, targets[t].request(name, servers[t].street)),
            ),
          ),
        );
        for (const [i, t] of targetNames.entries()) {
          if (i === 0) continue;
          const difference = firstDifference(answers[0], answers[i]);
          if (difference) {
            mismatches++;
            console.error(
              `MISMATCH in ${name} at ${difference.path}:\n  ${targets[targetNames[0]].label}: ${JSON.stringify(difference.a)}\n  ${targets[t].label}: ${JSON.stringify(difference.b)}`,
            );
          }
        }
        console.error(
          `${name}: ${targetNames.length > 1 ? 'same answer from all' : 'answered'} (${JSON.stringify(answers[0]).length} characters of content compared)`,
        );
      }
    } finally {
      await downAll(servers);
    }
    if (mismatches) process.exit(1);
    if (values['verify-only']) process.exit(0);
  }

  // 2. and 3.: alone on fresh servers, then all in turn on fresh servers.
  const results = {};
  for (const name of aloneQueries) await measure([name], ' (alone)', results);
  await measure(selectedQueries, '', results);

  const fmt = (n, d = 1) => (n == null ? '—' : n.toFixed(d));
  const x = (a, b) => (a == null || b == null ? '—' : `${(a / b).toFixed(2)}×`);
  console.log(
    `\n${startedAt.toISOString()}: concurrency ${concurrency}, ${seconds} s per query and target in ` +
      `${rounds} alternating slices (${warmup} s warm-up each), street ${values.street}, Node ${process.version}` +
      (pglVersions
        ? `, PostGraphile ${pglVersions.postgraphile} as ${values['postgraphile-role'] || 'the connecting user'}`
        : '') +
      `; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  console.log(
    '| query | target | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | PostgreSQL CPU ms/req | bytes | others’ cores | errors |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, byTarget] of Object.entries(results)) {
    for (const [t, r] of Object.entries(byTarget)) {
      console.log(
        `| ${name} | ${targets[t].label} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.cpuMsPerRequest, 2)} | ${fmt(r.pgCpuMsPerRequest, 2)} | ${r.avgBytes} | ${fmt(r.othersCores, 2)} | ${r.errors}${r.firstError ? ` (${r.firstError})` : ''}${r.reconnects ? `, ${r.reconnects} reconnects` : ''} |`,
      );
    }
  }
  // The summary: Lianxin against each other target.
  const others = targetNames.filter((t) => t !== 'lianxin');
  if (targetNames.includes('lianxin') && others.length) {
    const cells = (pick, d) => (byTarget) =>
      targetNames.map((t) => fmt(byTarget[t] && pick(byTarget[t]), d)).join(' / ');
    const labels = targetNames.map((t) => targets[t].label).join(' / ');
    console.log(
      `\n| query | ${targetNames.map((t) => `${targets[t].label} req/s`).join(' | ')} | ${others
        .map((t) => `Lianxin / ${targets[t].label}`)
        .join(
          ' | ',
        )} | p95 ms (${labels}) | server CPU ms/req (${labels}) | PostgreSQL CPU ms/req (${labels}) |`,
    );
    console.log(
      `|---|${targetNames.map(() => '---|').join('')}${others.map(() => '---|').join('')}---|---|---|`,
    );
    for (const [name, byTarget] of Object.entries(results)) {
      console.log(
        `| ${name} | ${targetNames.map((t) => fmt(byTarget[t].rps, 0)).join(' | ')} | ${others
          .map((t) => x(byTarget.lianxin.rps, byTarget[t].rps))
          .join(
            ' | ',
          )} | ${cells((r) => r.p95)(byTarget)} | ${cells((r) => r.cpuMsPerRequest, 2)(byTarget)} | ${cells((r) => r.pgCpuMsPerRequest, 2)(byTarget)} |`,
      );
    }
  }
  console.log(
    JSON.stringify({
      startedAt,
      concurrency,
      seconds,
      rounds,
      warmup,
      street: values.street,
      node: process.version,
      postgraphile: pglVersions && { ...pglVersions, role: values['postgraphile-role'] || null },
      loadBefore,
      loadAfter: loadavg(),
      results,
    }),
  );
  const errors = Object.values(results).flatMap((r) => Object.values(r).map((x) => x.errors));
  if (errors.some((e) => e > 0)) process.exitCode = 1;
} finally {
  await db.end();
}
