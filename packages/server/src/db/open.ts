import type { Config } from '../config';
import type { Logger } from '../logger';
import { Database } from './database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  /** The server's pool: statements run as the app role, under row-level security. */
  db: Database;
  url: string;
  /** Set when the server runs its own embedded PostgreSQL. */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** Applies pending migrations as the connecting user (the owner of the tables). */
export async function migrateDatabase(
  url: string,
  logger: Logger,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
): Promise<string[]> {
  const owner = await Database.connect({
    url,
    poolSize: 1,
    logger,
    entities: [],
    migrations,
    applicationName: 'lianxin-migrate',
  });
  try {
    return await owner.migrate();
  } finally {
    await owner.close();
  }
}

/** The server's pool on `url`: the app role (row-level security), with the configured limits. */
export function connectAppDatabase(
  url: string,
  config: Config,
  logger: Logger,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
): Promise<Database> {
  return Database.connect({
    url,
    poolSize: config.DB_POOL_SIZE,
    logger,
    entities,
    migrations,
    role: config.DATABASE_APP_ROLE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    preparedShapes: config.DB_PREPARED_SHAPES,
  });
}

/**
 * Connects to `DATABASE_URL`, or, without one, starts the embedded PostgreSQL in the data folder;
 * migrates; and opens the server's pool as the app role.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[],
  /** More migrations run as the owner after the core's (the plugins': src/host). */
  after?: { migrate(ownerUrl: string): Promise<void> },
): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.LIANXIN_DATA_DIR,
      port: config.LIANXIN_EMBEDDED_PG_PORT,
      database: 'lianxin',
      logger,
    });
    url = embedded.url;
    logger.info(
      { dataDir: config.LIANXIN_DATA_DIR, port: config.LIANXIN_EMBEDDED_PG_PORT },
      'embedded PostgreSQL started',
    );
  }
  let db: Database;
  try {
    await migrateDatabase(url, logger, migrations);
    await after?.migrate(url);
    db = await connectAppDatabase(url, config, logger, entities, migrations);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    url,
    embedded,
    async close() {
      await db.close();
      await embedded?.stop();
    },
  };
}
