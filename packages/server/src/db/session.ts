import type { QueryConfig } from 'pg';
import type { PoolClient } from 'pg';
import type { Database } from './database';
import { named, type Statement } from './statement';

/**
 * The database side of one request: a pooled connection taken on the first statement, on which
 * the caller's streets are set (`lianxin.street_ids`, read by the row-level security policies)
 * unless it carries them already, and given back when the request ends. So every statement of a
 * request runs inside the caller's streets, even one a resolver builds wrongly. Every checkout of
 * the pool sets the scope it needs (`Database.scoped`), so none inherits another caller's.
 *
 * Statements, and giving the connection back, run one after another in the order they were asked
 * for: a connection runs one statement at a time, and a statement must never run after its
 * connection was reset or returned.
 */
export class Session {
  private client: Promise<PoolClient> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  /** Set when the request has ended: a late statement gets a connection of its own, returned at once. */
  private ended = false;
  /** Statements asked for and not yet answered. */
  private running = 0;

  /** Set when a statement was cancelled: the connection is closed, not pooled (`Database.cancel`). */
  private cancelled = false;

  /**
   * @param streets `*` for every street, else a comma-separated list of street ids ('' = none).
   * @param signal aborts the request's work: the running statement is cancelled, later ones refused.
   */
  constructor(
    private readonly db: Database,
    readonly streets: string,
    readonly signal?: AbortSignal,
  ) {}

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.tail.then(step);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private connection(): Promise<PoolClient> {
    this.client ??= this.db.scoped(this.streets);
    return this.client;
  }

  async query<R>(statement: Statement | string, params: readonly unknown[] = []): Promise<R[]> {
    const s = typeof statement === 'string' ? named(statement) : statement;
    const signal = this.signal;
    this.running++;
    const rows = await this.enqueue(async () => {
      signal?.throwIfAborted();
      const client = await this.connection();
      this.db.notifyStatement(s.text);
      const onAbort = () => {
        this.cancelled = true;
        this.db.cancel(client);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await client.query({
          name: s.name || undefined,
          text: s.text,
          values: params as unknown[],
          ...(s.types ? { types: s.types } : {}),
        } as QueryConfig);
        return result.rows as R[];
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw error;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    }).finally(() => this.running--);
    if (this.ended) void this.giveBack();
    return rows;
  }

  /** Settles when the statements asked for so far have been answered; null when none is waiting. */
  busy(): Promise<unknown> | null {
    return this.running > 0 ? this.tail : null;
  }

  /** Gives the connection back for now; a later statement takes a new one. Safe to call twice. */
  release(): Promise<void> {
    return this.giveBack();
  }

  /** The request is over: the connection goes back, and so will any taken by a late statement. */
  end(): Promise<void> {
    this.ended = true;
    return this.giveBack();
  }

  private giveBack(): Promise<void> {
    return this.enqueue(async () => {
      const pending = this.client;
      this.client = null;
      if (!pending) return;
      let client: PoolClient;
      try {
        client = await pending;
      } catch {
        return; // the connection was never made
      }
      client.release(this.cancelled ? new Error('statement cancelled') : undefined);
      this.cancelled = false;
    });
  }
}
