#!/usr/bin/env node
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiSchema, createApp } from './app';
import { changelogFile, contractFile, printContract } from './contract';
import { loadConfig, withDotEnv, type Config } from './config';
import { openDatabase } from './db/open';
import { createLogger, type Logger } from './logger';
import { entities, migrations, nodeFetchers, readModels, relations } from './modules';
import { seedDemo } from './seed/seed';
import { PluginHost } from './host/host';
import { scaffoldPlugin } from './host/scaffold';

const usage = `Usage: lianxin <command>

Commands:
  serve            start the platform (migrates, and seeds the demo data on an empty database)
  migrate          apply pending database migrations
  seed             load the demo streets (skips those that exist)
  schema [--check] write schema/schema.graphql from the code and record its changes in
                   schema/CHANGELOG.md (refusing breaking changes not deprecated first),
                   or check that both are up to date

Configuration comes from the environment and from .env in the working directory (the
environment wins); see .env.example.`;

async function schemaCommand(args: string[]): Promise<number> {
  // Loaded here, not at the top: graphql-inspector is a development tool, and `serve` must start
  // where only the server's own dependencies are installed.
  const { checkContract, updateContract } = await import('./schema-changelog.js');
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null);
  const files = { schema: read(contractFile), changelog: read(changelogFile) };
  const printed = await printContract();
  if (args.includes('--check')) {
    const problems = await checkContract(files, printed);
    for (const problem of problems) console.error(problem);
    if (problems.length) return 1;
    console.log('schema/schema.graphql and schema/CHANGELOG.md are up to date.');
    return 0;
  }
  const update = await updateContract(files, printed, new Date().toISOString().slice(0, 10));
  if (!update.ok) {
    for (const problem of update.problems) console.error(problem);
    return 1;
  }
  for (const [file, text] of [
    [contractFile, update.schema],
    [changelogFile, update.changelog],
  ] as const) {
    if (read(file) === text) continue;
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  const counted = update.changes?.length;
  console.log(
    counted === undefined
      ? 'The contract has not changed.'
      : `Recorded ${counted} change(s) in schema/CHANGELOG.md.`,
  );
  return 0;
}

/**
 * A secret from the configuration, or, for the embedded default run, one generated once and kept
 * in the data folder (so a restart keeps tokens valid).
 */
function secret(config: Config, configured: string | undefined, file: string): string | undefined {
  if (configured) return configured;
  if (config.DATABASE_URL) return undefined;
  const full = path.join(config.LIANXIN_DATA_DIR, file);
  if (!existsSync(full)) {
    mkdirSync(config.LIANXIN_DATA_DIR, { recursive: true });
    writeFileSync(full, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(full, 'utf8').trim();
}

function jwtSecret(config: Config, logger: Logger): string {
  const found = secret(config, config.LIANXIN_JWT_SECRET, 'jwt-secret');
  if (found) return found;
  logger.warn(
    'LIANXIN_JWT_SECRET is not set: access tokens are signed with a random secret and stop working at restart',
  );
  return randomBytes(32).toString('base64url');
}

/** What a start-up failure means and what to do, in one line where the cause is known. */
function explainFailure(error: unknown, config?: Config): string {
  const e = (error ?? {}) as NodeJS.ErrnoException & { address?: string; port?: number };
  const port = e.port ?? config?.PORT;
  const host = e.address ?? config?.HOST;
  if (e.syscall === 'listen') {
    if (e.code === 'EADDRINUSE')
      return `port ${port} on ${host} is already in use (EADDRINUSE); set PORT to a free port`;
    if (e.code === 'EACCES')
      return `no permission to listen on port ${port} (EACCES); set PORT to a port above 1023`;
    if (e.code === 'EADDRNOTAVAIL')
      return `${host} is not an address of this machine (EADDRNOTAVAIL); set HOST`;
  }
  if (e.code === 'ECONNREFUSED')
    return `the database refused the connection (ECONNREFUSED ${e.address ?? ''}:${e.port ?? ''}); is PostgreSQL running at DATABASE_URL?`;
  return error instanceof Error ? error.message : String(error);
}

async function serve(config: Config, logger: Logger): Promise<void> {
  const plugins = await PluginHost.load(config.LIANXIN_PLUGINS, logger);
  const database = await openDatabase(config, logger, entities, migrations, plugins);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await app?.stop();
      await database.close();
      logger.info({ signal }, 'stopped');
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGHUP', () => void shutdown('SIGHUP'));
  try {
    if (config.LIANXIN_SEED_DEMO) await seedDemo(database.db, logger);
    const token = secret(config, config.LIANXIN_ADMIN_TOKEN, 'admin-token');
    app = await createApp({
      config,
      db: database.db,
      logger,
      adminToken: token,
      jwtSecret: jwtSecret(config, logger),
      plugins,
    });
    // The plugins' demo data, in the demo streets each names, once the plugins are built.
    if (config.LIANXIN_SEED_DEMO) await app.plugins.seedDemo();
    const url = await app.listen();
    logger.info({ url }, 'Lianxin is ready');
    const lines = [
      `\n  Lianxin GraphQL API: ${url}`,
      `  GraphiQL:            open ${url} in a browser`,
      `  Documentation:       ${new URL('/docs/', url)}`,
      `  Case board:          ${new URL('/board', url)}`,
    ];
    if (token && !config.LIANXIN_ADMIN_TOKEN) {
      lines.push(
        `  Admin token:         ${token}   (Authorization: Bearer …; kept in ${config.LIANXIN_DATA_DIR})`,
      );
    }
    console.log(`${lines.join('\n')}\n`);
  } catch (error) {
    // Whatever started (the database, Apollo) stops before the failure is reported.
    await shutdown('startup failure');
    throw error;
  }
}

async function withDatabase(
  config: Config,
  logger: Logger,
  run: (db: Awaited<ReturnType<typeof openDatabase>>['db'], plugins: PluginHost) => Promise<void>,
) {
  const plugins = await PluginHost.load(config.LIANXIN_PLUGINS, logger);
  const database = await openDatabase(config, logger, entities, migrations, plugins);
  try {
    await run(database.db, plugins);
  } finally {
    await database.close();
  }
}

/** `lianxin plugin check | new`. */
async function pluginCommand(config: Config, logger: Logger, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'new') {
    const name = rest.find((a) => !a.startsWith('--'));
    const dirFlag = rest.indexOf('--dir');
    const dir = dirFlag >= 0 ? rest[dirFlag + 1] : undefined;
    if (!name) {
      console.error('Usage: lianxin plugin new <name> [--dir DIR]');
      return 1;
    }
    const created = scaffoldPlugin(name, dir);
    console.log(
      `created ${path.relative(process.cwd(), created) || '.'}: run its test with \`npx jest ${path.relative(process.cwd(), created)}\``,
    );
    return 0;
  }
  if (sub !== 'check') {
    console.error('Usage: lianxin plugin check | lianxin plugin new <name> [--dir DIR]');
    return 1;
  }
  const host = await PluginHost.load(config.LIANXIN_PLUGINS, logger);
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const database = await openDatabase(config, logger, entities, migrations);
    url = database.url;
    stop = () => database.close();
  }
  try {
    const drift = await host.drift(url);
    for (const r of host.refused) console.log(`${r.name ?? r.source}: ${r.state}: ${r.reason}`);
    for (const d of drift) console.log(`${d.plugin}: ${d.kind}: ${d.what}`);
    if (!drift.length)
      console.log(
        `no drift: ${host.plugins.map((p) => p.manifest.name).join(', ') || 'no plugins'}`,
      );
    return drift.length || host.refused.length ? 1 : 0;
  } finally {
    await stop?.();
  }
}

let loadedConfig: Config | undefined;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'schema') return schemaCommand(args);
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = (loadedConfig = loadConfig(withDotEnv()));
  const logger = createLogger(config);
  switch (command) {
    case 'serve':
      await serve(config, logger);
      return 0;
    case 'migrate':
      await withDatabase(config, logger, async (db) => {
        const applied = await db.migrate();
        console.log(
          applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date',
        );
      });
      return 0;
    case 'seed':
      await withDatabase(config, logger, async (db, plugins) => {
        await db.migrate();
        const { streetsCreated, contentLoaded, calendarsLoaded, casesLoaded } = await seedDemo(
          db,
          logger,
        );
        // The plugins' demo data: each enabled in the demo streets it names, once.
        await plugins.verify(db);
        plugins.build(db, {
          schema: apiSchema(),
          models: readModels,
          relations,
          fetchers: nodeFetchers,
        });
        const pluginDemos = await plugins.seedDemo();
        console.log(
          `demo data: ${streetsCreated.length} street(s) created, content loaded for ${contentLoaded.length},` +
            ` 2026 holidays listed for ${calendarsLoaded.length} district(s),` +
            ` cases loaded for ${casesLoaded.length} street(s),` +
            ` plugins enabled with their demo data in ${pluginDemos.length} street(s)` +
            ' (existing streets with content or cases, calendars listing 2026 days, and streets where a plugin was ever enabled are left as they are)',
        );
      });
      return 0;
    case 'plugin':
      return pluginCommand(config, logger, args);
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code) process.exitCode = code;
  },
  (error: unknown) => {
    // One line saying what failed and why (the details, if any, on the lines below it), and a
    // non-zero status, whatever handles are still open; what was started is stopped by now.
    const command = process.argv[2] ?? 'lianxin';
    console.error(`lianxin ${command} failed: ${explainFailure(error, loadedConfig)}`);
    process.exit(1);
  },
);
