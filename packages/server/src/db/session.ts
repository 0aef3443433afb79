import type { PoolClient } from 'pg';
import type { Database } from './database';
import { named, type Statement } from './statement';

/**
 * The database side of one request: a pooled connection taken on the first statement, on which
 * the caller's streets are set once (`lianxin.street_ids`, read by the row-level security
 * policies), and given back, reset, when the request ends. So every statement of a request runs
 * inside the caller's streets, even one a resolver builds wrongly.
 */
export class Session {
  private client: Promise<PoolClient> | null = null;

  /** @param streets `*` for every street, else a comma-separated list of street ids ('' = none). */
  constructor(
    private readonly db: Database,
    readonly streets: string,
  ) {}

  private connection(): Promise<PoolClient> {
    this.client ??= (async () => {
      const client = await this.db.pool.connect();
      try {
        this.db.notifyStatement('set_config(lianxin.street_ids)');
        await client.query({
          name: 'session_scope',
          text: `SELECT set_config('lianxin.street_ids', $1, false)`,
          values: [this.streets],
        });
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return client;
    })();
    return this.client;
  }

  async query<R>(statement: Statement | string, params: readonly unknown[] = []): Promise<R[]> {
    const s = typeof statement === 'string' ? named(statement) : statement;
    const client = await this.connection();
    this.db.notifyStatement(s.text);
    const result = await client.query({
      name: s.name || undefined,
      text: s.text,
      values: params as unknown[],
    });
    return result.rows as R[];
  }

  /**
   * Gives the connection back with its street setting cleared, so a connection in the pool never
   * carries a caller's scope. Safe to call more than once.
   */
  async release(): Promise<void> {
    const pending = this.client;
    this.client = null;
    if (!pending) return;
    let client: PoolClient;
    try {
      client = await pending;
    } catch {
      return; // the connection was never made
    }
    try {
      await client.query(`SELECT set_config('lianxin.street_ids', '', false)`);
      client.release();
    } catch (error) {
      client.release(error as Error);
    }
  }
}
