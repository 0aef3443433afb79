import type { Config } from '../config';
import type { Logger } from '../logger';
import { Database } from './database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface OpenDatabase {
  db: Database;
  /** Set when the server runs its own embedded PostgreSQL. */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or, without one, starts the embedded PostgreSQL in the data folder.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
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
    db = await Database.connect({ url, poolSize: config.DB_POOL_SIZE, logger, entities });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    embedded,
    async close() {
      await db.close();
      await embedded?.stop();
    },
  };
}
