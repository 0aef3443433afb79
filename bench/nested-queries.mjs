#!/usr/bin/env node
// Nested-query benchmark: runs the Lianxin server (built, `npm run build`) against a database filled
// by bench/generate-data.mjs and drives representative queries with concurrent keep-alive clients.
// Each query is also served by a hand-written single SQL statement (the floor). The two are driven
// in alternating slices (Lianxin, floor, Lianxin, floor …), so a machine that speeds up or slows
// down during the run weighs on both alike.
//
//   node bench/nested-queries.mjs --url postgres://…/lianxin_bench --concurrency 50 --seconds 15
import { parseArgs } from 'node:util';
import { freePort, graphqlCheck, load, mergeLoads, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    street: { type: 'string', default: '990001005' },
    only: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'skip-floor': { type: 'boolean', default: false },
  },
});
const url = values.url ?? process.env.DATABASE_URL;
if (!url) throw new Error('Pass --url or set DATABASE_URL');
const concurrency = Number(values.concurrency);
const seconds = Number(values.seconds);
const token = 'bench-admin-token-0123456789abcdef';

export const queries = {
  page20: `query Page($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    totalCount nodes { id code name households staff { role person { name } } } } }`,
  gridTree: `query GridTree($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    nodes { code name children(first: 10) { nodes { code name staff { role person { name } } } } } } }`,
  organizations: `query Organizations($s: ID!) { organizations(first: 20, filter: { streetId: $s, kinds: [COMMUNITY] }) {
    nodes { name grids { code name } brands(first: 5) { nodes { name children(first: 5) { nodes { name } } } }
      members(first: 5) { nodes { role person { name } } } children(first: 5) { nodes { name kind } } } } }`,
};

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
const headers = { authorization: `Bearer ${token}`, accept: 'application/graphql-response+json' };
const streetRes = await fetch(`http://127.0.0.1:${port}/graphql`, {
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify({ query: `{ street(code: "${values.street}") { id } }` }),
});
const streetId = (await streetRes.json()).data.street.id;

// The floors start now too: a server with no load costs nothing.
const floors = {};
for (const name of Object.keys(queries)) {
  if (values['skip-floor'] || (values.only && !values.only.split(',').includes(name))) continue;
  const floorPort = await freePort();
  floors[name] = {
    port: floorPort,
    server: await startProcess(
      ['bench/sql-floor-server.mjs'],
      { DATABASE_URL: url, PORT: String(floorPort), STREET_CODE: values.street, QUERY: name },
      floorPort,
    ),
  };
}

const rounds = Math.max(1, Number(values.rounds));
const results = {};
try {
  for (const [name, query] of Object.entries(queries)) {
    if (values.only && !values.only.split(',').includes(name)) continue;
    const ours = {
      port,
      headers,
      body: JSON.stringify({ query, variables: { s: streetId } }),
      concurrency,
      check: graphqlCheck,
      pid: server.pid,
    };
    const floor = floors[name] && {
      port: floors[name].port,
      path: '/',
      body: '{}',
      concurrency,
      pid: floors[name].server.pid,
    };
    const targets = floor ? [ours, floor] : [ours];
    for (const target of targets) await load({ ...target, seconds: Number(values.warmup) });
    const parts = targets.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, target] of targets.entries()) {
        parts[i].push(await load({ ...target, seconds: seconds / rounds }));
      }
    }
    results[name] = mergeLoads(parts[0]);
    if (floor) results[`${name}SqlFloor`] = mergeLoads(parts[1]);
  }
} finally {
  await server.stop();
  for (const f of Object.values(floors)) await f.server.stop();
}

const fmt = (n, d = 1) => (n == null ? '—' : n.toFixed(d));
console.log(
  `\nconcurrency ${concurrency}, ${seconds} s per query and target in ${rounds} alternating slices, street ${values.street}\n`,
);
console.log('| query | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | bytes | errors |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `| ${name} | ${fmt(r.rps, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.cpuMsPerRequest, 2)} | ${r.avgBytes} | ${r.errors}${r.firstError ? ` (${r.firstError})` : ''} |`,
  );
}
for (const name of ['page20', 'gridTree', 'organizations']) {
  const [ours, floor] = [results[name], results[`${name}SqlFloor`]];
  if (ours && floor) {
    console.log(
      `${name} / SQL floor: ${(ours.rps / floor.rps).toFixed(2)}× the floor's req/s, ` +
        `${(ours.cpuMsPerRequest / floor.cpuMsPerRequest).toFixed(1)}× its server CPU per request`,
    );
  }
}
console.log(JSON.stringify({ concurrency, seconds, street: values.street, results }));
