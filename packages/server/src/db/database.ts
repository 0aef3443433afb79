import type { Pool, PoolClient } from 'pg';
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
  /** The street scope each pooled connection carries (session-level `lianxin.street_ids`). */
  private readonly scopes = new WeakMap<PoolClient, string>();

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
        // Generic plans: a prepared statement is planned once per connection. With PostgreSQL's
        // default, the look-ahead statements were re-planned on every run (planning cost more than
        // running them); filters are written to use indexes in generic plans (shared/codes.ts).
        options: [
          '-c TimeZone=UTC',
          ...(opts.role ? [`-c role=${opts.role}`, '-c plan_cache_mode=force_generic_plan'] : []),
        ].join(' '),
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

  /**
   * A pooled connection whose street scope (`lianxin.street_ids`) is `streets`. The scope a
   * connection carries is remembered, so it is set only when it changes; every checkout through
   * here sets what it needs, so no statement runs with a scope left by another caller.
   */
  async scoped(streets: string): Promise<PoolClient> {
    const client = await this.pool.connect();
    if (this.scopes.get(client) === streets) return client;
    try {
      this.notify('set_config(lianxin.street_ids)');
      await client.query({
        name: 'session_scope',
        text: `SELECT set_config('lianxin.street_ids', $1, false)`,
        values: [streets],
      });
      this.scopes.set(client, streets);
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return client;
  }

  /** Runs a named prepared statement on a pooled connection with no street scope (no tenant rows). */
  async query<R>(statement: Statement | string, params: readonly unknown[] = []): Promise<R[]> {
    if (typeof statement === 'string') statement = named(statement);
    const client = await this.scoped('');
    try {
      this.notify(statement.text);
      const result = await client.query({
        name: statement.name,
        text: statement.text,
        values: params as unknown[],
      });
      return result.rows as R[];
    } finally {
      client.release();
    }
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
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
