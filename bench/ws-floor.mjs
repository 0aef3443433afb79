#!/usr/bin/env node
// The floor of bench/subscriptions.mjs on this machine: the same 10,000 raw WebSocket clients
// in one process, and a bare `ws` server (bench/ws-floor-server.mjs) sending each a message of
// the same size, in the same burst shape (6 events 10 ms apart, each to a sixth of them).
// Latency from the event's moment to the client, p50/p99/max, and the server's CPU per message.
// No GraphQL, database or authorization: what is left of a p99 past this is ours.
//
//   node bench/ws-floor.mjs [--subscribers 10000] [--events 6] [--every 10] [--rounds 5]
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { cpuMs, freePort, startProcess } from './lib.mjs';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '10000' },
    events: { type: 'string', default: '6' },
    every: { type: 'string', default: '10' },
    bytes: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
  },
});
const N = Number(values.subscribers);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = await freePort();
const server = await startProcess(
  ['--max-semi-space-size=64', 'bench/ws-floor-server.mjs'],
  { PORT: String(port) },
  port,
);
const latencies = [];
let received = 0;
const connect = () =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
    socket.on('error', reject);
    socket.on('open', () => socket.send('{"type":"ping"}'));
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"pong"')) return resolve(socket);
      const at = Date.now();
      const occurredAt = Date.parse(/"occurredAt":"([^"]+)"/.exec(text)[1]);
      received++;
      latencies.push(at - occurredAt);
    });
  });
const sockets = [];
for (let i = 0; i < N; i += 500) {
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(500, N - i) }, connect))));
}
await sleep(1000);
const rounds = [];
for (let r = 0; r < Number(values.rounds); r++) {
  latencies.length = 0;
  received = 0;
  const cpu0 = cpuMs(server.pid);
  await fetch(
    `http://127.0.0.1:${port}/burst?n=${values.events}&every=${values.every}&bytes=${values.bytes}`,
  );
  const deadline = Date.now() + 30_000;
  while (received < N && Date.now() < deadline) await sleep(20);
  const cpu = cpuMs(server.pid) - cpu0;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  rounds.push({
    received,
    p50: pct(50),
    p99: pct(99),
    max: latencies.at(-1),
    serverCpuUsPerMessage: +((cpu * 1000) / received).toFixed(1),
  });
  await sleep(1000);
}
console.table(rounds);
for (const s of sockets) s.terminate();
await server.stop();
process.exit(0);
