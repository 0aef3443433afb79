import type { Pool } from 'pg';
import {
  DataSource,
  type EntityManager,
  type EntitySchema,
  type Logger as TypeOrmLogger,
  type MixedList,
} from 'typeorm';
import type { Logger } from '../logger';
import { migrations } from './migrations';
import { named, type Statement } from './statement';

export type StatementListener = (text: string) => void;

export interface DatabaseOptions {
  url: string;
  poolSize: number;
  logger: Logger;
  applicationName?: string;
  /**
   * Role to run statements as (`SET ROLE` at connection start), e.g. `lianxin_app`, which row-level
   * security applies to. Unset: the connecting user, for migrations.
   */
  role?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
}

/**
 * The one gateway to PostgreSQL: typeorm for entities, writes, transactions and migrations; the
 * same `pg` pool for named prepared statements on hot read paths.
 */
export class Database {
  private readonly listeners = new Set<StatementListener>();

  private constructor(
    readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  static async connect(opts: DatabaseOptions): Promise<Database> {
    const holder: { db?: Database } = {};
    const observer: TypeOrmLogger = {
      logQuery: (query) => holder.db?.notify(query),
      logQueryError: () => undefined,
      logQuerySlow: (time, query) => opts.logger.warn({ ms: time, query }, 'slow SQL statement'),
      logSchemaBuild: () => undefined,
      logMigration: (message) => opts.logger.info(message),
      log: () => undefined,
    };
    const dataSource = new DataSource({
      type: 'postgres',
      url: opts.url,
      entities: opts.entities,
      migrations,
      migrationsTableName: 'migration',
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: ['query', 'migration', 'warn'],
      logger: observer,
      maxQueryExecutionTime: 1000,
      applicationName: opts.applicationName ?? 'lianxin',
      poolSize: opts.poolSize,
      extra: {
        // UTC sessions: dates and times formatted in SQL mean the same on every server.
        options: ['-c TimeZone=UTC', ...(opts.role ? [`-c role=${opts.role}`] : [])].join(' '),
      },
    });
    await dataSource.initialize();
    holder.db = new Database(dataSource, opts.logger);
    return holder.db;
  }

  /** The `pg` pool typeorm created; shared so both paths respect one pool size. */
  get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Streets setting for `transaction`: `*`, a comma-separated list, or '' (none). */
  async transaction<T>(streets: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('lianxin.street_ids', $1, true)`, [streets]);
      return fn(manager);
    });
  }

  /** Runs a named prepared statement on a pooled connection, outside any street scope. */
  async query<R>(statement: Statement | string, params: readonly unknown[] = []): Promise<R[]> {
    if (typeof statement === 'string') statement = named(statement);
    this.notify(statement.text);
    const result = await this.pool.query({
      name: statement.name,
      text: statement.text,
      values: params as unknown[],
    });
    return result.rows as R[];
  }

  /** Observes every statement sent, e.g. to count round trips in tests. */
  onStatement(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyStatement(text: string): void {
    this.notify(text);
  }

  private notify(text: string): void {
    for (const listener of this.listeners) listener(text);
  }

  async migrate(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) this.logger.info({ migration: m.name }, 'migration applied');
    return applied.map((m) => m.name);
  }

  async hasPendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
