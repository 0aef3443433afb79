import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The built CLI, as `npm start` runs it. */
export const cli = path.resolve(__dirname, '../../dist/cli.js');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the embedded PostgreSQL running in `dataDir`, if any. */
export function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Whether `pid` is a PostgreSQL server (and not another process that got a stale pid's number). */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

export interface Run {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  stderr(): string;
  /** The exit status (null when killed by a signal). */
  exited: Promise<number | null>;
}

const started: { child: ChildProcess; dataDir: string }[] = [];

let emptyDir: string | undefined;

/**
 * Runs the CLI with exactly `env` (plus PATH and HOME): nothing of the caller's shell, such as
 * LIANXIN_ADMIN_TOKEN or DATABASE_URL, leaks into the run. It runs in `cwd`, by default an empty
 * folder, so that a `.env` where the tests were started is not read either.
 */
export function runCli(
  args: string[],
  env: Record<string, string>,
  { cwd }: { cwd?: string } = {},
): Run {
  emptyDir ??= mkdtempSync(path.join(tmpdir(), 'lianxin-cwd-'));
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: cwd ?? emptyDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push({ child, dataDir: env.LIANXIN_DATA_DIR ?? '' });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => {
    output += d;
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, stderr: () => stderr, exited };
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Resolves once `check` holds, or after `ms` either way. */
async function waitFor(check: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !check() && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 50));
}

/** How long a CLI still running after its test gets to stop by itself before it is killed. */
const GRACE_MS = 2000;

/**
 * Ends what the test's runs left behind: a CLI still running gets SIGTERM (it then stops its
 * embedded PostgreSQL itself) and, after a short grace, SIGKILL; an embedded PostgreSQL still
 * running in a run's data folder then gets SIGQUIT. Registered below after each test and after
 * the file, so a test that fails, throws or times out leaves no process behind.
 */
export async function killLeftovers(): Promise<void> {
  await Promise.all(
    started.splice(0).map(async ({ child, dataDir }) => {
      if (running(child)) {
        child.kill('SIGTERM');
        await waitFor(() => !running(child), GRACE_MS);
        if (running(child)) child.kill('SIGKILL');
        await waitFor(() => !running(child), GRACE_MS);
      }
      const pid = dataDir ? postmasterPid(dataDir) : null;
      if (!pid || !alive(pid) || !isPostgres(pid)) return;
      // SIGQUIT: PostgreSQL's immediate shutdown, which ends its own children too.
      process.kill(pid, 'SIGQUIT');
      await waitFor(() => !alive(pid), GRACE_MS);
    }),
  );
}

// Every test file that runs the CLI through this helper cleans up, whatever its own hooks do.
afterEach(killLeftovers, 2 * GRACE_MS + 5000);
afterAll(killLeftovers, 2 * GRACE_MS + 5000);
afterAll(() => emptyDir && rmSync(emptyDir, { recursive: true, force: true }));
