import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alive, freePort, postmasterPid, runCli } from './cli';

/**
 * A `lianxin serve` that cannot start says in one line what failed and why, stops what it had
 * started, and exits with status 1 (systemd, Docker and CI read 0 as success).
 */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-startup-'));
  dirs.push(dir);
  return dir;
};
let blocker: Server | undefined;

afterEach(async () => {
  if (blocker) await new Promise((r) => blocker!.close(r));
  blocker = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Holds a port, as another program would. */
async function takePort(): Promise<number> {
  const port = await freePort();
  blocker = createServer();
  await new Promise<void>((r) => blocker!.listen(port, '127.0.0.1', r));
  return port;
}

const serve = async (env: Record<string, string>) =>
  runCli(['serve'], {
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LIANXIN_EMBEDDED_PG_PORT: String(await freePort()),
    LIANXIN_SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    ...env,
  });

it('exits with 1 and names the port when the HTTP port is taken, leaving no database running', async () => {
  const cluster = tempDir();
  const port = await takePort();
  const run = await serve({ LIANXIN_DATA_DIR: cluster, PORT: String(port) });
  expect(await run.exited).toBe(1);
  expect(run.stderr().trim()).toBe(
    `lianxin serve failed: port ${port} on 127.0.0.1 is already in use (EADDRINUSE); set PORT to a free port`,
  );
  expect(run.output()).not.toMatch(/Internal error|at Server\./); // no stack trace
  const pid = postmasterPid(cluster);
  expect(pid === null || !alive(pid)).toBe(true);
}, 60_000);

it("exits with 1 and shows PostgreSQL's own reason when the embedded database's port is taken", async () => {
  const port = await takePort();
  const run = await serve({ LIANXIN_DATA_DIR: tempDir(), LIANXIN_EMBEDDED_PG_PORT: String(port) });
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toMatch(
    new RegExp(
      `^lianxin serve failed: port ${port} of the embedded PostgreSQL is already in use; set LIANXIN_EMBEDDED_PG_PORT to a free port\\. PostgreSQL said:\\n`,
    ),
  );
  expect(run.stderr()).toMatch(
    /could not bind IPv4 address "127\.0\.0\.1": Address already in use/,
  );
}, 60_000);

it("exits with 1 and shows PostgreSQL's own reason when the data folder holds another version's cluster", async () => {
  const dataDir = tempDir();
  const clusterDir = path.join(dataDir, 'postgres');
  mkdirSync(clusterDir, { mode: 0o700 });
  writeFileSync(path.join(clusterDir, 'PG_VERSION'), '9\n');
  writeFileSync(path.join(clusterDir, 'postgresql.conf'), '');
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, who must own its cluster.
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString());
    chmodSync(dataDir, 0o755);
    for (const f of ['', 'PG_VERSION', 'postgresql.conf'])
      chownSync(path.join(clusterDir, f), id('-u'), id('-g'));
  }
  const run = await serve({ LIANXIN_DATA_DIR: dataDir });
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toMatch(
    new RegExp(`^lianxin serve failed: the embedded PostgreSQL in ${clusterDir} did not start\\.`),
  );
  expect(run.stderr()).toMatch(/FATAL: +database files are incompatible with server/);
  expect(run.stderr()).toMatch(/initialized by PostgreSQL version 9/);
  expect(run.stderr()).not.toMatch(/port/i);
}, 60_000);

it('exits with 1 and says so when the data folder is a file', async () => {
  const file = path.join(tempDir(), 'data');
  writeFileSync(file, '');
  const run = await serve({ LIANXIN_DATA_DIR: file });
  expect(await run.exited).toBe(1);
  expect(run.stderr().trim()).toBe(
    `lianxin serve failed: the data folder ${file} is not a folder (EEXIST); set LIANXIN_DATA_DIR to a folder this user may write`,
  );
}, 60_000);
