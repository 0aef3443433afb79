#!/usr/bin/env node
// Issue 17, the reads of cases on a database with many (generate-data.mjs --cases 1000000):
//
// 1. The SQL Lianxin sends for the cases page (bench/queries.mjs `cases`, `casesNoCount`),
//    captured by preloading bench/trace-statements.mjs into the built server, and
//    `EXPLAIN (ANALYZE, BUFFERS)` of it run as Lianxin runs it (role lianxin_app, the platform
//    administrator's street scope, generic plans), beside that of the hand-written statement
//    (the floor's). Throughput and latency against the floor and PostGraphile come from
//    `nested-queries.mjs --queries cases,casesNoCount`.
// 2. One case with its last 20 timeline entries, by `caseByNumber` (the planner: one statement)
//    and by `node(id:)` (resolvers and loaders),
//    at 50 clients, each request another case of the bench streets with 10 to 30 entries.
//
//   node bench/cases-page.mjs --url postgres://…/lianxin_bench_cases [--seconds 15] [--explain-only]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freePort, graphqlCheck, load, startProcess } from './lib.mjs';
import { floorStatements, lianxinQueries } from './queries.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    street: { type: 'string', default: '990001005' },
    'explain-only': { type: 'boolean', default: false },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const token = 'bench-admin-token-0123456789abcdef';
const headers = { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' };
const gid = (type, id) => Buffer.from(`${type}:${id}`).toString('base64url');

const db = new pg.Client({ connectionString: url, application_name: 'bench-driver' });
await db.connect();
const streetId = (await db.query('SELECT id::text FROM street WHERE code = $1', [values.street]))
  .rows[0].id;

const traceFile = join(mkdtempSync(join(tmpdir(), 'lianxin-trace-')), 'statements.jsonl');
const port = await freePort();
const server = await startProcess(
  [
    '--max-semi-space-size=64',
    ...(values['explain-only'] ? ['--import', './bench/trace-statements.mjs'] : []),
    'packages/server/dist/cli.js',
    'serve',
  ],
  {
    DATABASE_URL: url,
    PORT: String(port),
    LOG_LEVEL: 'error',
    LIANXIN_SEED_DEMO: 'false',
    LIANXIN_ADMIN_TOKEN: token,
    NODE_ENV: 'production',
    TRACE_FILE: traceFile,
  },
  port,
);
const post = async (query, variables) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};

const explain = async (text, params, asApp) => {
  const c = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await c.connect();
  try {
    if (asApp) {
      await c.query(`SET role = lianxin_app`);
      await c.query(`SET plan_cache_mode = force_generic_plan`);
      await c.query(`SELECT set_config('lianxin.street_ids', '*', false)`);
    }
    await c.query({ text: `PREPARE bench_explained AS ${text}` });
    const literal = (v) =>
      v === null
        ? 'NULL'
        : Array.isArray(v)
          ? `'{${v.map((x) => `"${x}"`).join(',')}}'`
          : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`;
    // Once to warm the cache, then the plan that counts.
    const execute = `EXECUTE bench_explained${params?.length ? `(${params.map(literal).join(', ')})` : ''}`;
    await c.query(execute);
    const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${execute}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await c.end();
  }
};

try {
  if (values['explain-only']) {
    for (const name of ['cases', 'casesNoCount']) {
      await post(lianxinQueries[name], { s: gid('Street', streetId) }); // warm: shapes prepared
      const before = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean).length;
      await post(lianxinQueries[name], { s: gid('Street', streetId) });
      const sent = readFileSync(traceFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .slice(before)
        .map((l) => JSON.parse(l))
        .filter((s) => !/set_config|repeat\('x'/.test(s.text));
      console.log(`\n## ${name}: Lianxin sent ${sent.length} statement(s)\n`);
      for (const s of sent) {
        console.log('```sql\n' + s.text.trim() + '\n```');
        console.log(`parameters: ${JSON.stringify(s.params)}\n`);
        console.log('```\n' + (await explain(s.text, s.params, true)) + '\n```');
      }
      console.log(`\n## ${name}: the hand-written statement (floor)\n`);
      console.log(
        '```\n' + (await explain(floorStatements[name], [values.street], false)) + '\n```',
      );
    }
  } else {
    // Cases with 10 to 30 timeline entries, over all bench streets.
    const cases = (
      await db.query(
        `SELECT t.case_id::text AS id, min(c.number) AS number FROM case_timeline t
         JOIN case_file c ON c.id = t.case_id
         WHERE t.case_id IN (SELECT id FROM case_file WHERE id % 10 = 3 AND street_id IN
                               (SELECT id FROM street WHERE code LIKE '990001%'))
         GROUP BY t.case_id HAVING count(*) BETWEEN 10 AND 30 ORDER BY t.case_id LIMIT 5000`,
      )
    ).rows;
    if (!cases.length) throw new Error('No cases with 10 to 30 timeline entries: --cases');
    const selection = `number status timeline(last: 20) { nodes { action fromStatus toStatus occurredAt note } }`;
    // By its number (the planner answers it in one statement), and by global ID through `node`
    // (resolvers and loaders).
    const forms = [
      {
        name: 'caseByNumber',
        query: `query CaseTimeline($n: String!) { caseByNumber(number: $n) { ${selection} } }`,
        variables: (c) => ({ n: c.number }),
        pick: (data) => data.caseByNumber,
      },
      {
        name: 'node',
        query: `query CaseTimeline($id: ID!) { node(id: $id) { ... on Case { ${selection} } } }`,
        variables: (c) => ({ id: gid('Case', c.id) }),
        pick: (data) => data.node,
      },
    ];
    const f = (n, d = 1) => n.toFixed(d);
    const lines = [];
    for (const form of forms) {
      const sample = form.pick(await post(form.query, form.variables(cases[0])));
      const entries = sample.timeline.nodes.length;
      const body = (c, n) =>
        JSON.stringify({
          query: form.query,
          variables: form.variables(cases[(c * 7919 + n * 104729) % cases.length]),
        });
      const request = {
        port,
        headers,
        body,
        check: graphqlCheck,
        concurrency: Number(values.concurrency),
        pid: server.pid,
      };
      await load({ ...request, seconds: Number(values.warmup) });
      const r = await load({ ...request, seconds: Number(values.seconds) });
      lines.push(
        `| ${form.name} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.cpuMsPerRequest, 2)} | ${r.avgBytes} | ${r.errors}${r.firstError ? ` (${r.firstError})` : ''} |`,
      );
      if (r.errors) process.exitCode = 1;
      void entries;
    }
    console.log(
      `\ncaseTimeline: ${cases.length} cases with 10–30 entries, last 20 of them, ` +
        `concurrency ${values.concurrency}, ${values.seconds} s each\n`,
    );
    console.log('| form | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | bytes | errors |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const line of lines) console.log(line);
  }
} finally {
  await server.stop();
  await db.end();
}
