#!/usr/bin/env node
// reportCase throughput (issue 17): the built server on a bench database (generate-data.mjs),
// 50 concurrent keep-alive clients sending `reportCase` mutations as the platform administrator,
// spread over the bench streets' unit and building grids, the platform's minor categories and
// the three urgencies; every other report carries a unique idempotency key. In the same run, in
// alternating slices (Lianxin, pgbench, Lianxin, …), pgbench's TPC-B-like load on its own
// database (`pgbench -c 50 -j 2 -M prepared`), for the ratio reports/s ÷ pgbench TPS.
//
// Afterwards, in SQL: case_file grew by exactly the number of successful answers, and the
// numbers of every street and day the run reported into are gap-free (1 … n, n = the counter).
// Then the run's cases (titled 【基准】…) and everything they wrote are deleted and the counters
// set back, so runs can repeat (numbers have four digits: 9,999 per street and day).
//
//   npm run build
//   node bench/report-cases.mjs --url postgres://…/lianxin_bench_cases --seconds 30
//
// --pgbench-url names pgbench's database (default: lianxin_pgbench on the same server; created
// and initialized with `pgbench -i -s 10` when it has no pgbench_accounts); --pgbench '' leaves
// pgbench out; --keep keeps the run's cases. Wrap runs in `flock /tmp/lianxin-bench.lock …`.
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { cpuMs, freePort, load, mergeLoads, startProcess } from './lib.mjs';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    pgbench: { type: 'string', default: 'pgbench' },
    'pgbench-url': { type: 'string' },
    'pgbench-scale': { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const rounds = Math.max(1, Number(values.rounds));
const pgbenchUrl =
  values['pgbench-url'] ??
  (() => {
    const u = new URL(url);
    u.pathname = '/lianxin_pgbench';
    return u.toString();
  })();

const token = 'bench-admin-token-0123456789abcdef';
const TITLE = '【基准】';
const gid = (type, id) => Buffer.from(`${type}:${id}`).toString('base64url');

const db = new pg.Client({ connectionString: url, application_name: 'bench-driver' });
await db.connect();

// What reports are about: the bench streets' unit and building grids, the platform's minors.
const grids = (
  await db.query(
    `SELECT street_id::text AS street, id::text AS id FROM grid
     WHERE code LIKE '990001%' AND level IN ('UNIT', 'BUILDING') AND archived_at IS NULL ORDER BY id`,
  )
).rows;
const categories = (
  await db.query(
    `SELECT id::text AS id FROM case_category
     WHERE street_id IS NULL AND parent_id IS NOT NULL AND archived_at IS NULL ORDER BY code`,
  )
).rows.map((r) => gid('CaseCategory', r.id));
if (!grids.length || !categories.length)
  throw new Error('No bench grids or categories: generate data');
const titles = ['车辆乱停乱放', '占道经营', '垃圾满溢', '井盖缺失', '路灯不亮', '违规张贴小广告'];
const urgencies = ['A', 'B', 'B', 'C', 'C', 'C'];
const runTag = Date.now().toString(36);

const mutation = `mutation Report($input: ReportCaseInput!) { reportCase(input: $input) {
  case { id number status acceptDueAt } replayed userErrors { field message code } } }`;
/** Client `c`'s `n`th report of a slice: its grid, category and urgency; odd ones carry a key. */
let sliceNo = 0;
const reportBody = (c, n) => {
  const i = c * 7919 + n * 104729 + sliceNo * 15485863;
  const grid = grids[i % grids.length];
  return JSON.stringify({
    query: mutation,
    variables: {
      input: {
        streetId: gid('Street', grid.street),
        gridId: gid('Grid', grid.id),
        categoryId: categories[(c + n * 13) % categories.length],
        title: `${TITLE}${titles[(c + n) % titles.length]}`,
        urgency: urgencies[(c * 3 + n) % urgencies.length],
        ...(n % 2 === 1 ? { idempotencyKey: `bench-${runTag}-${sliceNo}-${c}-${n}` } : {}),
      },
    },
  });
};
/** A report counts when it answered a case and no errors. */
const reportCheck = (status, body) => {
  if (status !== 200) return `HTTP ${status}: ${body.toString().slice(0, 200)}`;
  const text = body.toString();
  if (text.includes('"errors":')) return text.slice(text.indexOf('"errors":'), 300);
  if (!text.includes('"userErrors":[]') || !text.includes('"number":"')) return text.slice(0, 300);
  return null;
};

// pgbench's database: created and initialized once.
async function preparePgbench() {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = new URL(pgbenchUrl).pathname.slice(1);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))
    .rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const c = new pg.Client({ connectionString: pgbenchUrl });
  await c.connect();
  const ready = (await c.query(`SELECT to_regclass('pgbench_accounts') IS NOT NULL AS ok`)).rows[0]
    .ok;
  await c.end();
  if (!ready) {
    console.error(`pgbench -i -s ${values['pgbench-scale']} into ${name} …`);
    await run(values.pgbench, ['-i', '-q', '-s', values['pgbench-scale'], pgbenchUrl]);
  }
}

/** One pgbench slice: TPC-B-like, 50 clients on 2 threads, prepared statements. */
async function pgbenchSlice(sliceSeconds) {
  const { stdout } = await run(values.pgbench, [
    '-c',
    String(concurrency),
    '-j',
    '2',
    '-T',
    String(Math.round(sliceSeconds)),
    '-M',
    'prepared',
    '-n', // no vacuum before each slice
    pgbenchUrl,
  ]);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
  if (!tps) throw new Error(`No TPS in pgbench's output:\n${stdout}`);
  return { tps, latency, transactions, seconds: sliceSeconds };
}

const count = async () => Number((await db.query('SELECT count(*) FROM case_file')).rows[0].count);
const withPgbench = Boolean(values.pgbench);
if (withPgbench) await preparePgbench();

const startedAt = new Date();
const loadBefore = loadavg();
const before = await count();
const port = await freePort();
const server = await startProcess(
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
);
const request = {
  port,
  path: '/graphql',
  headers: { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' },
  body: reportBody,
  check: reportCheck,
  concurrency,
  pid: server.pid,
};
const backendPids = async () =>
  (
    await db.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'lianxin'`,
    )
  ).rows.map((r) => r.pid);

let results;
let successes = 0;
try {
  // Warm-up (its reports count in the verification too).
  sliceNo++;
  const w = await load({ ...request, seconds: warmup });
  successes += w.requests - w.errors;
  if (withPgbench) await pgbenchSlice(warmup);
  const parts = [];
  const pgbenchParts = [];
  for (let round = 0; round < rounds; round++) {
    const pids = await backendPids();
    const pgBefore = pids.map((pid) => cpuMs(pid)).reduce((a, b) => a + b, 0);
    sliceNo++;
    const r = await load({ ...request, seconds: seconds / rounds });
    let pgCpu = 0;
    for (const pid of new Set([...pids, ...(await backendPids())])) {
      try {
        pgCpu += cpuMs(pid);
      } catch {
        // ended
      }
    }
    r.pgCpu = pgCpu - pgBefore;
    r.othersCpu = null;
    successes += r.requests - r.errors;
    parts.push(r);
    if (withPgbench) pgbenchParts.push(await pgbenchSlice(seconds / rounds));
    console.error(
      `round ${round + 1}: ${r.rps.toFixed(0)} reports/s` +
        (withPgbench ? `, pgbench ${pgbenchParts.at(-1).tps.toFixed(0)} TPS` : '') +
        `; load average ${loadavg()[0].toFixed(2)}`,
    );
  }
  results = { lianxin: mergeLoads(parts), firstError: parts.find((p) => p.firstError)?.firstError };
  if (withPgbench) {
    const transactions = pgbenchParts.reduce((s, p) => s + p.transactions, 0);
    const secs = pgbenchParts.reduce((s, p) => s + p.seconds, 0);
    results.pgbench = {
      tps: pgbenchParts.reduce((s, p) => s + p.tps * p.seconds, 0) / secs,
      transactions,
      latencyAverage:
        pgbenchParts.reduce((s, p) => s + p.latency * p.transactions, 0) / transactions,
    };
  }
} finally {
  await server.stop();
}

// Verification in SQL.
const after = await count();
const days = (
  await db.query(
    `WITH touched AS (
       SELECT DISTINCT c.street_id, s.code, substr(c.number, length(s.code) + 1, 8) AS day
       FROM case_file c JOIN street s ON s.id = c.street_id WHERE c.title LIKE $1),
     numbered AS (
       SELECT c.street_id, substr(c.number, length(s.code) + 1, 8) AS day, right(c.number, 4)::int AS seq
       FROM case_file c JOIN street s ON s.id = c.street_id
       WHERE (c.street_id, substr(c.number, length(s.code) + 1, 8)) IN (SELECT street_id, day FROM touched))
     SELECT n.street_id::text AS street, n.day, count(*)::int AS cases, count(DISTINCT seq)::int AS distinct,
       min(seq) AS first, max(seq) AS last, k.last AS counter
     FROM numbered n LEFT JOIN case_number_counter k ON k.street_id = n.street_id AND to_char(k.day, 'YYYYMMDD') = n.day
     GROUP BY n.street_id, n.day, k.last ORDER BY 1, 2`,
    [`${TITLE}%`],
  )
).rows;
const gapFree = days.every(
  (d) => d.first === 1 && d.last === d.cases && d.distinct === d.cases && d.counter === d.last,
);
const verified = after - before === successes && gapFree;

if (!values.keep) {
  // The run's cases and what they wrote: timeline, events, audit, deadline jobs; counters back.
  await db.query('BEGIN');
  // No foreign key checks for these deletes: case_file.merged_into_id has no index, so each
  // deleted case would scan the whole table for cases merged into it.
  await db.query(`SET LOCAL session_replication_role = replica`);
  await db.query(
    `CREATE TEMP TABLE bench_case ON COMMIT DROP AS SELECT id, street_id FROM case_file WHERE title LIKE $1`,
    [`${TITLE}%`],
  );
  await db.query(`DELETE FROM case_timeline WHERE case_id IN (SELECT id FROM bench_case)`);
  await db.query(
    `DELETE FROM domain_event WHERE subject_type = 'Case' AND subject_id IN (SELECT id::text FROM bench_case)`,
  );
  await db.query(
    `DELETE FROM audit_log WHERE subject_type = 'Case' AND subject_id IN (SELECT id::text FROM bench_case)`,
  );
  await db.query(
    `DELETE FROM graphile_worker._private_jobs WHERE key IN (SELECT 'case.deadline:case:' || id FROM bench_case)`,
  );
  await db.query(`DELETE FROM case_file WHERE id IN (SELECT id FROM bench_case)`);
  await db.query(
    `UPDATE case_number_counter k SET last = coalesce((
       SELECT max(right(c.number, 4)::int) FROM case_file c JOIN street s ON s.id = c.street_id
       WHERE c.street_id = k.street_id AND c.number LIKE s.code || to_char(k.day, 'YYYYMMDD') || '%'), 0)
     WHERE (street_id, to_char(day, 'YYYYMMDD')) IN (SELECT street_id, day FROM (VALUES ${
       days.map((_, i) => `($${2 * i + 1}::bigint, $${2 * i + 2})`).join(', ') || "(0::bigint, '')"
     }) v(street_id, day))`,
    days.flatMap((d) => [d.street, d.day]),
  );
  await db.query('COMMIT');
}
await db.end();

const fmt = (n, d = 1) => (n == null ? '—' : n.toFixed(d));
const l = results.lianxin;
console.log(
  `\n${startedAt.toISOString()}: reportCase, concurrency ${concurrency}, ${seconds} s in ${rounds} slices` +
    (withPgbench ? ' alternating with pgbench' : '') +
    ` (${warmup} s warm-up), ${grids.length} grids, ${categories.length} categories, Node ${process.version}; ` +
    `load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
);
console.log(
  '| reports/s | p50 ms | p95 ms | p99 ms | server CPU ms/report | PostgreSQL CPU ms/report | errors |' +
    (withPgbench ? ' pgbench TPS | pgbench latency ms | reports/s ÷ TPS |' : ''),
);
console.log('|---|---|---|---|---|---|---|' + (withPgbench ? '---|---|---|' : ''));
console.log(
  `| ${fmt(l.rps, 0)} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} | ${fmt(l.cpuMsPerRequest, 2)} | ${fmt(l.pgCpuMsPerRequest, 2)} | ${l.errors}${results.firstError ? ` (${results.firstError})` : ''} |` +
    (withPgbench
      ? ` ${fmt(results.pgbench.tps, 0)} | ${fmt(results.pgbench.latencyAverage, 2)} | ${(l.rps / results.pgbench.tps).toFixed(3)}× |`
      : ''),
);
console.log(
  `\nverification: case_file ${before} → ${after} (+${after - before}), successful answers ${successes}; ` +
    `${days.length} street-days, numbers ${gapFree ? 'gap-free' : 'NOT gap-free'}: ${
      verified ? 'OK' : 'FAILED'
    }` +
    (gapFree
      ? ''
      : `\n${JSON.stringify(days.filter((d) => d.last !== d.cases || d.counter !== d.last))}`),
);
console.log(
  JSON.stringify({
    startedAt,
    concurrency,
    seconds,
    rounds,
    warmup,
    before,
    after,
    successes,
    days,
    results,
  }),
);
if (!verified || l.errors) process.exitCode = 1;
