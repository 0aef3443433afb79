import type { QueryConfig } from 'pg';
import { connect as netConnect } from 'node:net';
import { Client, type Pool, type PoolClient } from 'pg';
import {
  DataSource,
  QueryFailedError,
  type EntityManager,
  type EntitySchema,
  type Logger as TypeOrmLogger,
  type MixedList,
} from 'typeorm';
import type { Logger } from '../logger';
import { migrateJobQueue } from './jobs/queue';
import { named, PreparedShapes, sql, type Statement } from './statement';

export type StatementListener = (text: string) => void;

/**
 * Run once on each new connection: its backend allocates and frees one 8 MB block. glibc's malloc
 * raises its mmap threshold to the largest mmapped block freed, and its trim threshold to twice
 * that, so from then on the backend keeps blocks under 8 MB in its heap and up to 16 MB free at
 * the heap's top. Without it, a statement that builds a large response (teamsMembers: 90 KB of
 * JSON, copied at every level) grows the heap past the default 128 KB trim threshold and gives
 * the memory back when it ends, so every run faults it in again: measured here (a virtual
 * machine), 250 page faults and 38% of the backend's CPU per run of that statement, and 70 and
 * a third for gridTree once a backend had run other pages. The cost: each backend may keep up to
 * 16 MB it no longer uses. Elsewhere than glibc, one allocation per connection.
 */
const KEEP_HEAP = `SELECT length(repeat('x', 8388608))`;

/** A transaction's street scope (row-level security), for its statements only. */
const transactionScope = sql(
  'transaction_scope',
  `SELECT set_config('lianxin.street_ids', $1, true)`,
);

/** Statements slower than this are logged (`warn`), as typeorm's own are. */
const SLOW_MS = 1000;

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
  /** At most this many texts built from callers' documents are prepared (statement.ts). */
  preparedShapes?: number;
  /** Longest a statement may run before PostgreSQL cancels it (the app role's connections). */
  statementTimeoutMs?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Every migration, oldest first: the base ones (./migrations), then the modules'. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** What `pg` knows of a connection's backend: enough to ask PostgreSQL to cancel its statement. */
interface Backend {
  processID: number | null;
  secretKey: number | null;
  host: string;
  port: number;
}

/**
 * The one gateway to PostgreSQL: typeorm for entities, writes, transactions and migrations; the
 * same `pg` pool for named prepared statements on hot read paths.
 */
export class Database {
  private readonly listeners = new Set<StatementListener>();
  /** The street scope each pooled connection carries (session-level `lianxin.street_ids`). */
  private readonly scopes = new WeakMap<PoolClient, string>();

  /** Statements for SQL built from callers' documents: few are ever prepared. */
  readonly shapes: PreparedShapes;

  private constructor(
    readonly dataSource: DataSource,
    private readonly logger: Logger,
    /** The login this pool connects with (before any `SET ROLE`): the queue's runner uses it. */
    readonly url: string,
    preparedShapes: number,
  ) {
    this.shapes = new PreparedShapes(preparedShapes);
  }

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
      migrations: opts.migrations,
      migrationsTableName: 'migration',
      migrationsTransactionMode: 'each',
      synchronize: false,
      logging: ['query', 'migration', 'warn'],
      logger: observer,
      maxQueryExecutionTime: SLOW_MS,
      applicationName: opts.applicationName ?? 'lianxin',
      poolSize: opts.poolSize,
      extra: {
        // pg-pool runs this on each new connection before handing it out.
        onConnect: (client: PoolClient) => client.query(KEEP_HEAP),
        // UTC sessions: dates and times formatted in SQL mean the same on every server.
        // Generic plans: a prepared statement is planned once per connection. With PostgreSQL's
        // default, the one-statement reads were re-planned on every run (planning cost more than
        // running them); filters are written to use indexes in generic plans (shared/codes.ts).
        options: [
          '-c TimeZone=UTC',
          ...(opts.role ? [`-c role=${opts.role}`, '-c plan_cache_mode=force_generic_plan'] : []),
          ...(opts.statementTimeoutMs ? [`-c statement_timeout=${opts.statementTimeoutMs}`] : []),
        ].join(' '),
      },
    });
    await dataSource.initialize();
    holder.db = new Database(dataSource, opts.logger, opts.url, opts.preparedShapes ?? 32);
    return holder.db;
  }

  /** The `pg` pool typeorm created; shared so both paths respect one pool size. */
  get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /**
   * Runs `fn` in one transaction whose street scope is `streets` (`*`, a comma-separated list, or
   * '' for none). When `signal` aborts, the running statement is cancelled and the transaction
   * rolls back; its connection is then closed rather than pooled (see `cancel`).
   */
  async transaction<T>(
    streets: string,
    fn: (manager: EntityManager) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      this.cancel(client);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await runner.startTransaction();
      try {
        await this.queryIn(runner.manager, transactionScope, [streets]);
        const result = await fn(runner.manager);
        signal?.throwIfAborted();
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        if (signal?.aborted) throw signal.reason;
        throw error;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // A cancelled connection is closed: a cancel arriving late must not hit another request.
      const pg = runner as unknown as { releasePostgresConnection(err?: Error): Promise<void> };
      await (cancelled ? pg.releasePostgresConnection(new Error('cancelled')) : runner.release());
    }
  }

  /**
   * Runs `statement` in the transaction `manager` belongs to (`transaction`), as a named prepared
   * statement — a string is named after its text (statement.ts), like the session's statements —
   * so each shape is parsed and planned once per connection, not at every run as typeorm's
   * unnamed statements are (a report's insert took 0.3 ms to plan and 0.5 ms to run; naming them
   * halved PostgreSQL's CPU per report). Only SQL shaped by code belongs here, as in every write:
   * text built from a caller's document goes through `shapes`. Errors come as typeorm's
   * `QueryFailedError`, with the driver's error as `driverError`.
   */
  async queryIn<R>(
    manager: EntityManager,
    statement: Statement | string,
    params: readonly unknown[] = [],
  ): Promise<R[]> {
    const s = typeof statement === 'string' ? named(statement) : statement;
    const runner = manager.queryRunner;
    if (!runner || runner.isReleased) throw new Error('A statement outside its transaction');
    const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    this.notify(s.text);
    const started = Date.now();
    try {
      const result = await client.query({
        name: s.name || undefined,
        text: s.text,
        values: params as unknown[],
        ...(s.types ? { types: s.types } : {}),
      } as QueryConfig);
      return result.rows as R[];
    } catch (error) {
      throw new QueryFailedError(s.text, params as unknown[], error as Error);
    } finally {
      const ms = Date.now() - started;
      if (ms > SLOW_MS) this.logger.warn({ ms, query: s.text }, 'slow SQL statement');
    }
  }

  /**
   * Asks PostgreSQL to cancel the statement running on `client` (the protocol's CancelRequest,
   * on a connection of its own, so it works while the pool is busy). The caller must not pool the
   * connection again: the request can arrive after the statement ended and hit the next one.
   */
  cancel(client: PoolClient): void {
    const backend = client as unknown as Backend;
    if (backend.processID === null || backend.secretKey === null) return;
    const socket = backend.host.startsWith('/')
      ? netConnect(`${backend.host}/.s.PGSQL.${backend.port}`)
      : netConnect(backend.port, backend.host);
    socket.on('error', (err) => this.logger.warn({ err }, 'could not cancel a statement'));
    socket.on('connect', () => {
      const request = Buffer.alloc(16);
      request.writeInt32BE(16, 0);
      request.writeInt32BE(80877102, 4); // the CancelRequest code
      request.writeInt32BE(backend.processID!, 8);
      request.writeInt32BE(backend.secretKey!, 12);
      socket.end(request);
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
        ...(statement.types ? { types: statement.types } : {}),
      } as QueryConfig);
      return result.rows as R[];
    } finally {
      client.release();
    }
  }

  /**
   * Listens on a notification channel with a connection of its own (outside the pool), and
   * calls `onNotify` for each notification. A lost connection is made again every second; after
   * each (re)connection `onNotify` is called too, since notifications sent meanwhile were lost.
   */
  listen(channel: string, onNotify: () => void): { close(): Promise<void> } {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    let client: Client | null = null;
    let closed = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async () => {
      const c = new Client({ connectionString: this.url, application_name: 'lianxin-listen' });
      c.on('notification', () => onNotify());
      c.on('error', (err) => {
        this.logger.warn({ err, channel }, 'notification connection lost; reconnecting');
        void c.end().catch(() => undefined);
        if (client === c) client = null;
        if (!closed) retry = setTimeout(() => void connect(), 1000);
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${channel}`);
      } catch (err) {
        void c.end().catch(() => undefined);
        if (!closed) {
          this.logger.warn({ err, channel }, 'could not listen; retrying');
          retry = setTimeout(() => void connect(), 1000);
        }
        return;
      }
      if (closed) return void c.end().catch(() => undefined);
      client = c;
      onNotify();
    };
    void connect();
    return {
      async close() {
        closed = true;
        clearTimeout(retry);
        await client?.end().catch(() => undefined);
      },
    };
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

  /**
   * Applies pending migrations: the job queue's schema first (graphile-worker keeps its own
   * record and upgrades it with the library), then the platform's, as the connecting login.
   */
  async migrate(): Promise<string[]> {
    await migrateJobQueue(this.url, this.logger);
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
