import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The default run, as `npm start` does it: `lianxin serve` with no DATABASE_URL starts an
 * embedded PostgreSQL in the data folder, loads the demo data once, serves GraphQL, stops
 * everything on Ctrl-C (SIGINT), and a second start reuses the data.
 */
const cli = path.resolve(__dirname, '../../dist/cli.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'lianxin-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function start(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const [port, pgPort] = [await freePort(), await freePort()];
  const { DATABASE_URL: _ignored, ...env } = process.env;
  let output = '';
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: {
      ...env,
      LIANXIN_DATA_DIR: dataDir,
      PORT: String(port),
      LIANXIN_EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300 && !output.includes('Lianxin is ready'); i++) {
    if (child.exitCode !== null) throw new Error(`serve exited: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes('Lianxin is ready')) throw new Error(`serve did not start: ${output}`);
  return { child, url, output: () => output };
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

const postmasterPid = () =>
  Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill(signal);
  return exited;
}

it('starts an embedded PostgreSQL with the demo data, stops it on SIGINT, and reuses the data', async () => {
  const first = await start();
  expect(first.output()).toMatch(/creating the embedded PostgreSQL cluster/);
  expect(await streets(first.url)).toBe(6);
  const postgres = postmasterPid();
  expect(alive(postgres)).toBe(true);

  expect(await stop(first.child, 'SIGINT')).toBe(0);
  expect(alive(postgres)).toBe(false); // nothing left behind
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

  const second = await start();
  expect(second.output()).not.toMatch(/creating the embedded PostgreSQL cluster/);
  expect(await streets(second.url)).toBe(6);
  expect(second.output()).toMatch(/Admin token:/);
  expect(await stop(second.child, 'SIGTERM')).toBe(0);
}, 120_000);
