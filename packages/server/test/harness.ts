import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { PluginSpec } from '@lianxin/sdk';
import { createApp, type App } from '../src/app';
import { PluginHost } from '../src/host/host';
import { loadConfig, type Config } from '../src/config';
import { Database } from '../src/db/database';
import { connectAppDatabase } from '../src/db/open';
import { createLogger } from '../src/logger';
import { entities, migrations } from '../src/modules';
import { seedDemo, seedDemoStreets } from '../src/seed/seed';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  // Tests read errors and extensions freely; a wrong guess fails the assertion anyway.
  body: { data?: T | null; errors?: any; extensions?: any };
  headers: Record<string, string>;
}

export interface RequestOptions {
  /** `admin` (default), `anonymous`, or a bearer token. */
  as?: 'admin' | 'anonymous' | { token: string };
}

export interface TestPlatform {
  app: App;
  /** The tables' owner, outside row-level security: for tests to inspect and arrange data. */
  db: Database;
  /** The server's own pool (app role, row-level security). */
  appDb: Database;
  config: Config;
  /** Log records written so far (parsed JSON), at level `warn` and above unless TEST_LOG_LEVEL says otherwise. */
  logs: Record<string, unknown>[];
  /** GraphQL endpoint URL of the running server. */
  url: string;
  http: ReturnType<typeof request>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /**
   * Another server instance on this platform's database (scale-out), with its own pool and
   * settings (`env` over the platform's), listening on `port` (a free one by default: give a
   * stopped instance's port to restart it). Stop it before the platform.
   */
  startInstance(env?: Record<string, string>, port?: number): Promise<TestInstance>;
  /** Runs `fn` and counts the SQL statements it sent. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
  stop(): Promise<void>;
}

export interface TestInstance {
  app: App;
  appDb: Database;
  config: Config;
  url: string;
  stop(): Promise<void>;
}

function databaseUrl(name: string): string {
  const url = new URL(process.env.LIANXIN_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.LIANXIN_TEST_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Starts the real server on a database of its own, cloned from the migrated template and seeded
 * with the demo streets, listening on a free port. One per test file.
 */
export async function startTestPlatform(
  opts: {
    seed?: false | 'streets' | 'demo';
    env?: Record<string, string>;
    /** Plugins to run (module names or definitions): none unless given. */
    plugins?: readonly (string | PluginSpec<any>)[];
  } = {},
): Promise<TestPlatform> {
  const name = `lianxin_test_${randomBytes(6).toString('hex')}`;
  await admin((c) =>
    c.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.LIANXIN_TEST_TEMPLATE}`),
  );
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl(name),
    DB_POOL_SIZE: '5',
    // Tests run the audit log's retention themselves (runOnce): no scheduled run among their statements.
    AUDIT_RETENTION_CHECK_SECONDS: '0',
    // No job runner unless a test asks (JOBS_ENABLED, or `app.jobs.start()`).
    JOBS_ENABLED: 'false',
    // No event relay either (its consumers: webhooks): `EVENTS_RELAY_ENABLED`, or `app.relay.start()`.
    EVENTS_RELAY_ENABLED: 'false',
    // Plugins only where a test names them (`plugins`).
    LIANXIN_PLUGINS: '',
    ...(process.env.TEST_EXECUTOR ? { GRAPHQL_EXECUTOR: process.env.TEST_EXECUTOR } : {}),
    ...opts.env,
  };
  const config = loadConfig(env);
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(config, {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(line);
    },
  });
  const db = await Database.connect({
    url: config.DATABASE_URL!,
    poolSize: 2,
    logger,
    entities,
    migrations,
  });
  const connectApp = (config: Config) =>
    connectAppDatabase(config.DATABASE_URL!, config, logger, entities, migrations);
  const appDb = await connectApp(config);
  // Tests get the six demo streets (tenants) and bring their own content; 'demo' loads it all.
  const seed = opts.seed ?? 'streets';
  if (seed === 'streets') await seedDemoStreets(appDb, logger);
  else if (seed === 'demo') await seedDemo(appDb, logger);
  const loadPlugins = async () => PluginHost.load(opts.plugins ?? [], logger);
  let app: App;
  try {
    const plugins = await loadPlugins();
    await plugins.migrate(config.DATABASE_URL!);
    app = await createApp({
      config,
      db: appDb,
      logger,
      adminToken: ADMIN_TOKEN,
      jwtSecret: JWT_SECRET,
      plugins,
    });
    if (seed === 'demo') await plugins.seedDemo();
  } catch (error) {
    // A platform that fails to start leaves nothing behind either.
    await appDb.close();
    await db.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  const url = await app.listen(0, '127.0.0.1');
  const http = request(app.http);

  return {
    app,
    db,
    appDb,
    config,
    logs,
    url,
    http,
    async gql(query, variables, { as = 'admin' } = {}) {
      let req = http
        .post('/graphql')
        .set('Content-Type', 'application/json')
        .set('Accept', 'application/graphql-response+json');
      if (as === 'admin') req = req.set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      else if (typeof as === 'object') req = req.set('Authorization', `Bearer ${as.token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
    },
    async startInstance(more = {}, port = 0) {
      const config = loadConfig({ ...env, ...more });
      const appDb = await connectApp(config);
      let app: App | undefined;
      try {
        app = await createApp({
          config,
          db: appDb,
          logger,
          adminToken: ADMIN_TOKEN,
          jwtSecret: JWT_SECRET,
          plugins: await loadPlugins(),
        });
        const url = await app.listen(port, '127.0.0.1');
        const started = app;
        return {
          app: started,
          appDb,
          config,
          url,
          async stop() {
            await started.stop();
            await appDb.close();
          },
        };
      } catch (error) {
        await app?.stop();
        await appDb.close();
        throw error;
      }
    },
    async countStatements(fn) {
      const statements: string[] = [];
      const off = appDb.onStatement((text) => statements.push(text));
      try {
        const result = await fn();
        return { result, statements };
      } finally {
        off();
      }
    },
    async stop() {
      await app.stop();
      await appDb.close();
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
