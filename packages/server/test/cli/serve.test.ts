import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alive, freePort, postmasterPid, runCli, type Run } from './cli';

/**
 * The default run, as `npm start` does it: `lianxin serve` with no DATABASE_URL starts an
 * embedded PostgreSQL in the data folder, loads the demo data once, serves GraphQL, stops
 * everything on Ctrl-C (SIGINT), and a second start reuses the data.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'lianxin-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// As if the shell running the tests had them set: the runs must not see them (runCli passes an
// explicit environment), or the default run below would use another database and no generated
// admin token.
const shell = {
  LIANXIN_ADMIN_TOKEN: 'from-the-shell',
  LIANXIN_SEED_DEMO: 'false',
  DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  REDIS_URL: 'redis://127.0.0.1:1',
};
const saved = Object.fromEntries(Object.keys(shell).map((k) => [k, process.env[k]]));
beforeAll(() => Object.assign(process.env, shell));
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function start(): Promise<Run & { url: string }> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const run = runCli(['serve'], {
    LIANXIN_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LIANXIN_EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'info',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 900 && !run.output().includes('Lianxin is ready'); i++) {
    if (run.child.exitCode !== null) throw new Error(`serve exited: ${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!run.output().includes('Lianxin is ready'))
    throw new Error(`serve did not start: ${run.output()}`);
  return { ...run, url };
}

async function streets(url: string): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ streets { totalCount } }' }),
  });
  return ((await res.json()) as { data: { streets: { totalCount: number } } }).data.streets
    .totalCount;
}

async function stop(run: Run, signal: NodeJS.Signals): Promise<number | null> {
  run.child.kill(signal);
  return run.exited;
}

it('starts an embedded PostgreSQL with the demo data, stops it on SIGINT, and reuses the data', async () => {
  const first = await start();
  expect(first.output()).toMatch(/creating the embedded PostgreSQL cluster/);
  expect(await streets(first.url)).toBe(6);
  const postgres = postmasterPid(dataDir)!;
  expect(alive(postgres)).toBe(true);

  expect(await stop(first, 'SIGINT')).toBe(0);
  expect(alive(postgres)).toBe(false); // nothing left behind
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

  const second = await start();
  expect(second.output()).not.toMatch(/creating the embedded PostgreSQL cluster/);
  expect(await streets(second.url)).toBe(6);
  expect(second.output()).toMatch(/Admin token:/);
  expect(await stop(second, 'SIGTERM')).toBe(0);
}, 240_000);

/** The JSON log lines of a run (stdout is a pipe, not a terminal, so every line is JSON). */
const logLines = (run: Run) =>
  run
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

it('logs JSON off a terminal: one line per request (no token, no variables) and "stopped" at SIGTERM', async () => {
  const run = await start();
  // A token the server refuses (401): neither it nor the variables reach the log.
  const res = await fetch(run.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer secret-token-that-must-not-be-logged',
    },
    body: JSON.stringify({
      query: 'query CountStreets($first: Int) { streets(first: $first) { totalCount } }',
      variables: { first: 1 },
    }),
  });
  expect(res.status).toBe(401);
  // The request line is written once the response is done: wait for it.
  for (let i = 0; i < 50 && !logLines(run).some((l) => l.msg === 'request'); i++)
    await new Promise((r) => setTimeout(r, 20));
  const requests = logLines(run).filter((l) => l.msg === 'request');
  expect(requests).toEqual([
    expect.objectContaining({
      level: 30,
      method: 'POST',
      path: '/graphql',
      operation: 'CountStreets',
      status: 401,
      ms: expect.any(Number),
    }),
  ]);
  expect(run.output()).not.toContain('secret-token');
  expect(Object.keys(requests[0]!)).not.toContain('variables');

  expect(await stop(run, 'SIGTERM')).toBe(0);
  const last = logLines(run).at(-1);
  expect(last).toMatchObject({ level: 30, msg: 'stopped', signal: 'SIGTERM' });
}, 240_000);
