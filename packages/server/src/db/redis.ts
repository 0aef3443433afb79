import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** How long one command may take before the caller decides without Redis. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** After a failed command, how long callers decide without Redis before trying it again. */
const RETRY_AFTER_FAILURE_MS = 1000;

export interface RedisOptions {
  url: string;
  /** Put before every key, so that several platforms (or test runs) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
}

/**
 * This instance's connection to Redis, shared by what keeps state across instances (the rate
 * limit's buckets, the sign-in throttle's counters), and whether it can be used right now.
 *
 * Redis is there to make limits hold across instances, not to decide whether a request is
 * served: when it cannot be reached, or a command fails or takes longer than
 * `REDIS_COMMAND_TIMEOUT_MS`, callers fall back to this instance's memory (the limits then hold
 * per instance) and try Redis again a second later. Commands are never queued while the
 * connection is down (they fail at once), so an outage costs requests no time. The outage and
 * the recovery are logged once each, with how many decisions were taken locally meanwhile.
 */
export class RedisLink {
  private downSince: number | null = null;
  private retryAt = 0;
  private localDecisions = 0;
  private closed = false;

  private constructor(
    readonly client: Redis,
    readonly keyPrefix: string,
    private readonly logger: Logger,
    private readonly where: string,
  ) {
    client.on('error', (error: Error) => this.failed(error));
    client.on('ready', () => this.recovered());
  }

  /** Connects, or throws saying why (a wrong URL, password or a Redis that is down at start). */
  static async connect(opts: RedisOptions): Promise<RedisLink> {
    const where = redisAddress(opts.url);
    const client = new Redis(opts.url, {
      lazyConnect: true,
      connectionName: 'lianxin',
      // Fail at once while disconnected, never wait in a queue or for a reconnection.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 5000,
      // ioredis waits this long for a socket that is already closed when disconnecting (its
      // default of 2 s keeps a process that failed to start alive for as long).
      disconnectTimeout: REDIS_COMMAND_TIMEOUT_MS,
      // Reconnects forever, at most every 2 s.
      retryStrategy: (times) => Math.min(times * 100, 2000),
    });
    // Until connected, errors are this function's to report.
    const early: Error[] = [];
    const collect = (error: Error) => early.push(error);
    client.on('error', collect);
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      const cause = early[0] ?? (error as Error);
      throw new Error(
        `cannot reach Redis at REDIS_URL (${where}): ${cause.message}. Check REDIS_URL, or unset it to keep limits per instance.`,
        { cause },
      );
    } finally {
      client.off('error', collect);
    }
    opts.logger.info({ redis: where }, 'limits are shared through Redis');
    return new RedisLink(client, opts.keyPrefix, opts.logger, where);
  }

  /** Whether a command is worth trying now: connected, and no failure within the last second. */
  get usable(): boolean {
    return this.client.status === 'ready' && Date.now() >= this.retryAt;
  }

  /** A command failed (or the connection did): callers decide locally for a while. */
  failed(error: unknown): void {
    if (this.closed) return;
    this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.localDecisions = 0;
    this.logger.warn(
      { err: error, redis: this.where },
      "Redis cannot be reached: limits fall back to this instance's memory (they hold per instance until it answers again)",
    );
  }

  /** A decision was taken in this instance's memory because Redis could not be used. */
  decidedLocally(): void {
    this.localDecisions++;
    // A connection that failed without an error event (closed by the server) counts as down.
    if (this.downSince === null)
      this.failed(new Error(`Redis connection is ${this.client.status}`));
  }

  /** A command answered: an outage, if any, is over. */
  answered(): void {
    if (this.downSince !== null) this.recovered();
  }

  private recovered(): void {
    if (this.downSince === null || this.closed) return;
    this.logger.info(
      {
        redis: this.where,
        downForMs: Date.now() - this.downSince,
        localDecisions: this.localDecisions,
      },
      'Redis answers again: limits are shared across instances again',
    );
    this.downSince = null;
    this.retryAt = 0;
  }

  /** Closes the connection (what is in flight finishes first, when Redis answers). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.client.status === 'ready') {
      try {
        await this.client.quit();
        return;
      } catch {
        // Fall through: the connection is dropped instead.
      }
    }
    this.client.disconnect();
  }
}

/** Host and port of a Redis URL, without its credentials, for messages and logs. */
function redisAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparsable URL';
  }
}
