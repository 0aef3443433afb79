import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Database } from '../db/database';
import type { RedisLink } from '../db/redis';
import type { Logger } from '../logger';
import { comparePositions, type StreamPosition } from './cursor';
import { LiveTail, type LiveSource, type TailListener } from './live-tail';
import type { StoredEvent } from './stream';
import { streamHead } from './stream';

export interface RedisFanoutOptions {
  /** How long a leader holds its lease without renewing it. */
  leaseMs?: number;
  /** How often to renew the lease, try for it, and check for a gap. */
  checkMs?: number;
}

/** A batch as the leader publishes it: the position before it, then its events. */
interface Published {
  prev: StreamPosition;
  events: StoredEvent[];
}

// Renews the lease only while this instance still holds it.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * The stream's new events for every instance, through Redis (REDIS_URL): one instance at a time
 * (the leader, holding a lease in Redis) follows the database with its live tail and publishes
 * each batch; every instance receives the batches and hands them to its subscriptions. So the
 * database serves one reader however many instances run.
 *
 * Nothing is lost on the way: each batch names the position before it, and an instance that finds
 * a gap (a message missed while its Redis connection was down, a leader that died mid-way) reads
 * the missing events from the database itself; it also compares its position with the last one
 * published, so a gap with no batch after it is found too. While Redis cannot be used, each
 * instance follows the database itself, as without Redis. Events already handed over are
 * recognised by their position and not handed over twice.
 */
export class RedisFanout implements LiveSource {
  private readonly listeners = new Set<TailListener>();
  private readonly id = randomUUID();
  private readonly leaderKey: string;
  private readonly channel: string;
  private readonly positionKey: string;
  private readonly leaseMs: number;
  private readonly checkMs: number;
  /** Follows the database: as leader (to publish), or while Redis cannot be used. */
  private readonly tail: LiveTail;
  private subscriber?: Redis;
  private at: StreamPosition | null = null;
  private active = false;
  private leading = false;
  private timer?: NodeJS.Timeout;
  /** Batches are handed over one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly redis: RedisLink,
    private readonly logger: Logger,
    opts: RedisFanoutOptions = {},
  ) {
    this.leaderKey = `${redis.keyPrefix}live:leader`;
    this.channel = `${redis.keyPrefix}live:events`;
    this.positionKey = `${redis.keyPrefix}live:position`;
    this.leaseMs = opts.leaseMs ?? 5000;
    this.checkMs = opts.checkMs ?? 1000;
    this.tail = new LiveTail(db, logger);
    this.tail.listen((events) => this.fromDatabase(events));
  }

  get position(): StreamPosition | null {
    return this.at;
  }

  get isActive(): boolean {
    return this.active;
  }

  listen(listener: TailListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async activate(): Promise<StreamPosition> {
    if (this.active && this.at) return this.at;
    const head = await this.headNow();
    if (!this.active || !this.at) {
      this.at = head;
      this.active = true;
    }
    return this.at;
  }

  idle(): void {
    this.active = false;
  }

  read(after: StreamPosition, limit: number): Promise<StoredEvent[]> {
    return this.tail.read(after, limit);
  }

  async start(): Promise<void> {
    await this.tail.start();
    const sub = this.redis.client.duplicate({
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    this.subscriber = sub;
    sub.on('error', (err: Error) => this.logger.debug({ err }, 'live fan-out: Redis subscriber'));
    sub.on('message', (channel: string, text: string) => {
      if (channel !== this.channel || !this.active) return;
      let batch: Published;
      try {
        batch = JSON.parse(text) as Published;
      } catch {
        return;
      }
      this.enqueue(() => this.fromRedis(batch));
    });
    await sub.subscribe(this.channel).catch((err: unknown) => {
      this.logger.warn(
        { err },
        'live fan-out: cannot subscribe in Redis yet; following the database meanwhile',
      );
    });
    const tick = () => {
      void this.check().finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.checkMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.leading) {
      this.leading = false;
      // Hand the lease on at once rather than when it runs out.
      await this.redis.client
        .eval(
          `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`,
          1,
          this.leaderKey,
          this.id,
        )
        .catch(() => undefined);
    }
    await this.tail.stop();
    this.subscriber?.disconnect();
    await this.chain;
  }

  /** The stream's current end, from the database. */
  private async headNow(): Promise<StreamPosition> {
    const client = await this.db.scoped('*');
    try {
      return await streamHead(client);
    } finally {
      client.release();
    }
  }

  /** Leads, renews, steps down, and looks for gaps; runs every `checkMs`. */
  private async check(): Promise<void> {
    try {
      if (this.redis.usable) {
        if (this.leading) {
          const renewed = await this.redis.client.eval(
            RENEW,
            1,
            this.leaderKey,
            this.id,
            this.leaseMs,
          );
          if (renewed !== 1) this.stepDown();
        } else {
          const won = await this.redis.client.set(
            this.leaderKey,
            this.id,
            'PX',
            this.leaseMs,
            'NX',
          );
          if (won === 'OK') await this.lead();
        }
        this.redis.answered();
        if (this.active && this.at && !this.leading) {
          // Published and still not here a check later: a batch was missed. Read it.
          const text = await this.redis.client.get(this.positionKey);
          const published = text ? (JSON.parse(text) as StreamPosition) : null;
          const behind = published && comparePositions(published, this.at) > 0;
          if (behind && this.suspect && comparePositions(this.suspect, published) === 0) {
            this.enqueue(() => this.catchUp(published));
          }
          this.suspect = behind ? published : undefined;
        }
        // Back from following the database alone (Redis answered again).
        if (!this.leading && this.tail.isActive) this.tail.idle();
      } else if (this.active && this.at) {
        this.stepDown();
        // Redis unusable: follow the database from where this instance stands.
        if (!this.tail.isActive) await this.tail.activate(this.at);
      }
    } catch (err) {
      this.redis.failed(err);
    }
  }

  private async lead(): Promise<void> {
    this.leading = true;
    // Continue from the last batch published, so no event falls between two leaders.
    const text = await this.redis.client.get(this.positionKey);
    const from = text ? (JSON.parse(text) as StreamPosition) : (this.at ?? (await this.headNow()));
    this.published = from;
    this.tail.idle();
    await this.tail.activate(from);
    this.logger.info('live fan-out: this instance now follows the database for all instances');
  }

  private stepDown(): void {
    if (!this.leading) return;
    this.leading = false;
    this.tail.idle();
    this.logger.info('live fan-out: this instance no longer leads');
  }

  /** The tail read a batch: publish it when leading, hand it over here in any case. */
  private fromDatabase(events: readonly StoredEvent[]): void {
    if (this.leading && this.published) {
      const last = events[events.length - 1]!;
      const message: Published = { prev: this.published, events: events as StoredEvent[] };
      // Published in order: the position key moves with the batches.
      this.published = { txId: last.txId, id: last.id };
      const text = JSON.stringify(message);
      void this.redis.client
        .multi()
        .set(this.positionKey, JSON.stringify(this.published))
        .publish(this.channel, text)
        .exec()
        .catch((err: unknown) => this.redis.failed(err));
    }
    if (this.active) this.enqueue(() => this.handOver(events));
  }

  /** The position of the last batch this leader published. */
  private published?: StreamPosition;
  /** A published position found ahead of this instance at the last check. */
  private suspect?: StreamPosition;

  private async fromRedis(batch: Published): Promise<void> {
    if (!this.at || !batch.events.length) return;
    // A gap before this batch: read it from the database first.
    if (comparePositions(batch.prev, this.at) > 0) await this.catchUp(batch.prev);
    this.handOver(batch.events);
  }

  /** Reads from the database what lies between this instance's position and `to`. */
  private async catchUp(to: StreamPosition): Promise<void> {
    while (this.active && this.at && comparePositions(to, this.at) > 0) {
      const events = await this.tail.read(this.at, 1000);
      if (!events.length) return;
      this.handOver(events);
    }
  }

  /** Hands the events this instance has not handed over yet to the listeners. */
  private handOver(events: readonly StoredEvent[]): void {
    if (!this.active || !this.at) return;
    const at = this.at;
    const fresh = events.filter((e) => comparePositions(e, at) > 0);
    if (!fresh.length) return;
    this.at = fresh[fresh.length - 1]!;
    for (const listener of [...this.listeners]) {
      try {
        listener(fresh);
      } catch (err) {
        this.logger.error({ err }, 'live fan-out: a listener failed');
      }
    }
  }

  private enqueue(step: () => Promise<void> | void): void {
    this.chain = this.chain.then(step).catch((err: unknown) => {
      this.logger.warn({ err }, 'live fan-out: handing a batch over failed');
    });
  }
}
