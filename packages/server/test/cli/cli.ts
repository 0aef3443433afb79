import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

/**
 * Runs the CLI with exactly `env` (plus PATH and HOME): nothing of the caller's shell, such as
 * LIANXIN_ADMIN_TOKEN or DATABASE_URL, leaks into the run.
 */
export function runCli(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [cli, ...args], {
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

/**
 * After each test: a CLI still running is killed, and so is an embedded PostgreSQL it left behind
 * (a failed test must not leave processes running).
 */
export function killLeftovers(): void {
  for (const { child, dataDir } of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const pid = dataDir ? postmasterPid(dataDir) : null;
    // SIGQUIT: PostgreSQL's immediate shutdown, which ends its own children too.
    if (pid && alive(pid) && isPostgres(pid)) process.kill(pid, 'SIGQUIT');
  }
}
