#!/usr/bin/env node
// Profiles the built server (V8 CPU profile) under load on one benchmark query, and prints the
// functions with the most self time. For finding where a query's Node time goes.
//
//   node bench/profile-query.mjs --url postgres://…/lianxin_bench --query page20 --seconds 15
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freePort, load, startProcess } from './lib.mjs';
import { lianxinQueries } from './queries.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    query: { type: 'string', default: 'page20' },
    seconds: { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '50' },
    street: { type: 'string', default: '990001005' },
    dir: { type: 'string', default: '/tmp/lianxin-profile' },
    top: { type: 'string', default: '40' },
  },
});
const token = 'bench-admin-token-0123456789abcdef';
rmSync(values.dir, { recursive: true, force: true });
const port = await freePort();
const server = await startProcess(
  [
    '--max-semi-space-size=64',
    '--cpu-prof',
    `--cpu-prof-dir=${values.dir}`,
    'packages/server/dist/cli.js',
    'serve',
  ],
  {
    DATABASE_URL: values.url,
    PORT: String(port),
    LOG_LEVEL: 'error',
    LIANXIN_SEED_DEMO: 'false',
    LIANXIN_ADMIN_TOKEN: token,
    NODE_ENV: 'production',
  },
  port,
);
const ask = async (query, variables) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
};
const street = (await ask(`{ street(code: "${values.street}") { id } }`)).data.street.id;
const body = JSON.stringify({ query: lianxinQueries[values.query], variables: { s: street } });
const result = await load({
  port,
  headers: { authorization: `Bearer ${token}` },
  body,
  concurrency: Number(values.concurrency),
  seconds: Number(values.seconds),
});
console.log(`${values.query}: ${Math.round(result.requests / Number(values.seconds))} req/s`);
await server.stop();
const file = readdirSync(values.dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(`${values.dir}/${file}`, 'utf8'));
const self = new Map();
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
let total = 0;
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  total += t;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '~/').replace(/^.*packages\//, '')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
for (const [key, t] of rows) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${key}`);
