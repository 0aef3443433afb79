#!/usr/bin/env node
// Nested-query benchmark: runs the Lianxin server (built, `npm run build`) against a database filled
// by bench/generate-data.mjs and drives representative queries with concurrent keep-alive clients.
// Also serves the grid-tree query from a hand-written single SQL statement (the floor), in the same
// run, so the ratio is measured on the same machine at the same time.
//
//   node bench/nested-queries.mjs --url postgres://…/lianxin_bench --concurrency 50 --seconds 15
import { parseArgs } from 'node:util';
import { freePort, graphqlCheck, load, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    street: { type: 'string', default: '990001005' },
    only: { type: 'string' },
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

const results = {};
try {
  for (const [name, query] of Object.entries(queries)) {
    if (values.only && !values.only.split(',').includes(name)) continue;
    const body = JSON.stringify({ query, variables: { s: streetId } });
    await load({
      port,
      headers,
      body,
      concurrency,
      seconds: Number(values.warmup),
      check: graphqlCheck,
    });
    results[name] = await load({
      port,
      headers,
      body,
      concurrency,
      seconds,
      pid: server.pid,
      check: graphqlCheck,
    });
  }
} finally {
  await server.stop();
}

// The floors run after the server has stopped, so they have the machine to themselves too.
for (const floorQuery of ['page20', 'gridTree', 'organizations']) {
  if (values.only && !values.only.split(',').includes('floor')) break;
  const floorPort = await freePort();
  const floor = await startProcess(
    ['bench/sql-floor-server.mjs'],
    { DATABASE_URL: url, PORT: String(floorPort), STREET_CODE: values.street, QUERY: floorQuery },
    floorPort,
  );
  try {
    const body = '{}';
    await load({ port: floorPort, path: '/', body, concurrency, seconds: Number(values.warmup) });
    results[`${floorQuery}SqlFloor`] = await load({
      port: floorPort,
      path: '/',
      body,
      concurrency,
      seconds,
      pid: floor.pid,
    });
  } finally {
    await floor.stop();
  }
}

const fmt = (n, d = 1) => (n == null ? '—' : n.toFixed(d));
console.log(`\nconcurrency ${concurrency}, ${seconds} s per query, street ${values.street}\n`);
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
