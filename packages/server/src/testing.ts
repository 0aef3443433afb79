import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type {
  CallerOptions,
  TestCaller,
  TestPlatform,
  TestPlatformOptions,
  TestResponse,
} from '@lianxin/sdk/testing';
import { Client } from 'pg';
import { createApp } from './app';
import { loadConfig } from './config';
import { Database } from './db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { connectAppDatabase, migrateDatabase } from './db/open';
import { toGlobalId } from './graphql/relay/global-id';
import { PluginHost } from './host/host';
import { createLogger } from './logger';
import { entities, migrations } from './modules';
import { seedDemoStreets } from './seed/seed';

/**
 * The platform side of the SDK's testkit (`@lianxin/sdk/testing`): a real server with the given
 * plugins on a database of its own, listening on a free port. Its database is cloned from the
 * test run's migrated template when this repository's test setup made one, made and migrated
 * on DATABASE_URL's server otherwise, or on an embedded PostgreSQL started for it.
 */

const ADMIN_TOKEN = `testkit-admin-${randomBytes(12).toString('hex')}`;
const JWT_SECRET = randomBytes(32).toString('hex');
const PASSWORD = 'testkit-password-0123';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database for one platform, and how to remove it. */
async function freshDatabase(
  logger: ReturnType<typeof createLogger>,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lianxin_testkit_${randomBytes(6).toString('hex')}`;
  const templated = process.env.LIANXIN_TEST_ADMIN_URL && process.env.LIANXIN_TEST_TEMPLATE;
  let adminUrl = process.env.LIANXIN_TEST_ADMIN_URL ?? process.env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lianxin-testkit-'));
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      logger,
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    adminUrl = embedded.url;
  }
  await adminQuery(
    adminUrl,
    templated
      ? `CREATE DATABASE ${name} TEMPLATE ${process.env.LIANXIN_TEST_TEMPLATE}`
      : `CREATE DATABASE ${name}`,
  );
  const url = withDb(adminUrl, name);
  if (!templated) await migrateDatabase(url, logger, migrations);
  return {
    url,
    async drop() {
      await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(
        () => undefined,
      );
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function caller(url: string, token: string, person?: { id: string }): TestCaller {
  const request = async <T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<TestResponse<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as TestResponse<T>;
  };
  return {
    token,
    personId: person?.id,
    personGlobalId: person && toGlobalId('Person', person.id),
    request,
    async data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const res = await request<T>(query, variables);
      if (res.errors?.length) {
        const list = res.errors
          .map((e) => `${e.message} [${e.extensions?.code ?? '?'}]`)
          .join('; ');
        throw new Error(`The operation failed: ${list}`);
      }
      return res.data as T;
    },
  };
}

export async function launchTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const level = process.env.TEST_LOG_LEVEL ?? 'warn';
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger(loadConfig({ LOG_LEVEL: level }), {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(line);
    },
  });
  const database = await freshDatabase(logger);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: level,
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '5',
    AUDIT_RETENTION_CHECK_SECONDS: '0',
    JOBS_ENABLED: 'false',
    // Hooks run when the test asks (`waitForHooks`): what a test sees does not race them.
    EVENTS_RELAY_ENABLED: 'false',
    LIANXIN_PLUGINS: '',
    PLUGIN_REFRESH_MS: '60000',
    ...options.env,
  };
  const config = loadConfig(env);
  const host = await PluginHost.load(options.plugins, logger);
  let appDb: Database | undefined;
  let owner: Database | undefined;
  try {
    await host.migrate(database.url);
    if (host.refused.length && !options.allowRefused) {
      throw new Error(
        `The platform refused plugins:\n${host.refused.map((r) => r.reason).join('\n')}`,
      );
    }
    owner = await Database.connect({
      url: database.url,
      poolSize: 1,
      logger,
      entities,
      migrations,
    });
    appDb = await connectAppDatabase(database.url, config, logger, entities, migrations);
    await seedDemoStreets(appDb, logger);
  } catch (error) {
    await appDb?.close();
    await owner?.close();
    await database.drop();
    throw error;
  }
  const app = await createApp({
    config,
    db: appDb,
    logger,
    adminToken: ADMIN_TOKEN,
    jwtSecret: JWT_SECRET,
    plugins: host,
  });
  const url = await app.listen(0, '127.0.0.1');
  const sql = async <R>(text: string, params: readonly unknown[] = []) =>
    (await owner!.dataSource.query(text, params as unknown[])) as R[];
  const streets = new Map(
    (await sql<{ id: string; code: string }>(`SELECT id::text AS id, code FROM street`)).map(
      (s) => [s.code, s.id],
    ),
  );
  const streetRow = (code: string) => {
    const id = streets.get(code);
    if (!id)
      throw new Error(
        `No street has the code ${code}; the demo streets are ${[...streets.keys()].join(', ')}`,
      );
    return id;
  };
  const admin = caller(url, ADMIN_TOKEN);
  const grids = new Map<string, string>();
  const streetGrids = new Map<string, string>();
  let made = 0;
  const createGrid = async (input: Record<string, unknown>) => {
    const data = await admin.data<{
      createGrid: { grid: { id: string } | null; userErrors: { message: string }[] };
    }>(
      `mutation ($input: CreateGridInput!) { createGrid(input: $input) { grid { id } userErrors { message } } }`,
      { input },
    );
    if (!data.createGrid.grid)
      throw new Error(
        `Could not make a grid: ${data.createGrid.userErrors.map((e) => e.message).join('; ')}`,
      );
    return data.createGrid.grid.id;
  };
  const grid = async (code: string, fresh = false) => {
    const known = grids.get(code);
    if (known && !fresh) return known;
    const streetId = toGlobalId('Street', streetRow(code));
    let parentId = streetGrids.get(code);
    if (!parentId) {
      parentId = await createGrid({ streetId, code, name: '街道网格' });
      streetGrids.set(code, parentId);
    }
    made += 1;
    const id = await createGrid({
      streetId,
      parentId,
      code: `${code}${String(900 + made).padStart(3, '0')}`,
      name: `测试社区${made}`,
    });
    if (!known) grids.set(code, id);
    return id;
  };
  const setPlugin = async (
    mutation: string,
    plugin: string,
    code: string,
    config?: Record<string, unknown>,
  ) => {
    const data = await admin.data<
      Record<string, { userErrors: { message: string; field: string[] }[] }>
    >(
      `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { userErrors { message field } } }`,
      {
        input: {
          plugin,
          streetId: toGlobalId('Street', streetRow(code)),
          ...(config ? { config } : {}),
        },
      },
    );
    const errors = data[mutation]!.userErrors;
    if (errors.length)
      throw new Error(
        `${mutation} failed: ${errors.map((e) => `${e.field?.join('.')}: ${e.message}`).join('; ')}`,
      );
  };
  let users = 0;
  return {
    url,
    databaseUrl: database.url,
    admin,
    logs,
    refused: host.refused,
    streetId: (code) => toGlobalId('Street', streetRow(code)),
    grid,
    enable: (plugin, code, config) => setPlugin('enablePlugin', plugin, code, config),
    disable: (plugin, code) => setPlugin('disablePlugin', plugin, code),
    async as(role: string, code: string, opts: CallerOptions = {}) {
      users += 1;
      const streetId = toGlobalId('Street', streetRow(code));
      let personId = opts.personId;
      if (!personId && (role === 'RESIDENT' || role === 'VOLUNTEER')) {
        const home = opts.homeGridId ?? (await grid(code));
        const created = await admin.data<{
          createPerson: { person: { id: string } | null; userErrors: { message: string }[] };
        }>(
          `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { message } } }`,
          {
            input: {
              streetId,
              name: `测试${role === 'RESIDENT' ? '居民' : '志愿者'}${users}`,
              homeGridId: home,
              ...(opts.partyMember
                ? { partyMembership: { status: 'MEMBER', kind: 'RETIRED' } }
                : {}),
            },
          },
        );
        if (!created.createPerson.person)
          throw new Error(
            `Could not make a person: ${created.createPerson.userErrors.map((e) => e.message).join('; ')}`,
          );
        personId = created.createPerson.person.id;
      }
      const needsGrid = role === 'GRID_WORKER';
      const username = `testkit.${role.toLowerCase()}.${users}`;
      const made = await admin.data<{
        createUser: {
          user: { id: string } | null;
          userErrors: { message: string; field: string[] }[];
        };
      }>(
        `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { message field } } }`,
        {
          input: {
            username,
            password: PASSWORD,
            displayName: `${role} ${users}`,
            role,
            ...(role === 'PLATFORM_ADMIN' ? {} : { streetId }),
            ...(personId ? { personId } : {}),
            ...(needsGrid ? { gridId: opts.gridId ?? (await grid(code)) } : {}),
            ...(opts.communityId ? { communityId: opts.communityId } : {}),
            ...(opts.departmentId ? { departmentId: opts.departmentId } : {}),
          },
        },
      );
      if (!made.createUser.user) {
        throw new Error(
          `Could not make a ${role}: ${made.createUser.userErrors.map((e) => `${e.field?.join('.')}: ${e.message}`).join('; ')}`,
        );
      }
      const login = await caller(url, '').data<{
        login: { accessToken: string | null; userErrors: { message: string }[] };
      }>(
        `mutation ($input: LoginInput!) { login(input: $input) { accessToken userErrors { message } } }`,
        { input: { username, password: PASSWORD } },
      );
      if (!login.login.accessToken)
        throw new Error(
          `Could not sign in: ${login.login.userErrors.map((e) => e.message).join('; ')}`,
        );
      const rowId = personId
        ? Buffer.from(personId, 'base64url').toString('utf8').split(':')[1]
        : undefined;
      return caller(url, login.login.accessToken, rowId ? { id: rowId } : undefined);
    },
    waitForHooks: () => app.relay.drain('plugin.'),
    sql,
    async stop() {
      await app.stop();
      await appDb!.close();
      await owner!.close();
      await database.drop();
    },
  };
}
