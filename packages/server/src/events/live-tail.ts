import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { StreamPosition } from './cursor';
import type { StoredEvent } from './stream';
import { readAfter, streamHead, StreamWaiter } from './stream';

export interface LiveTailOptions {
  /** Events read at once. */
  batchSize?: number;
  /** How often to look without a notification. */
  pollMs?: number;
  /** How long to wait after a failed read (the database restarting) before reading again. */
  retryMs?: number;
}

/** Takes a batch of committed events, in stream order; must not throw. */
export type TailListener = (events: readonly StoredEvent[]) => void;

/**
 * Where an instance's subscriptions get the stream's new events from: its own tail of the
 * database (`LiveTail`), or the instances' shared fan-out (`RedisFanout`). Either hands every
 * committed event once, in stream order, and idles while nobody wants events.
 */
export interface LiveSource {
  readonly position: StreamPosition | null;
  readonly isActive: boolean;
  listen(listener: TailListener): () => void;
  /** Starts following from the stream's end (answered), unless it follows already. */
  activate(): Promise<StreamPosition>;
  idle(): void;
  /** Committed events after `after`, from the database, for a subscriber catching up. */
  read(after: StreamPosition, limit: number): Promise<StoredEvent[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * This instance's live view of the event stream: it follows the stream from where it stood when
 * started, woken by the commits that write events (LISTEN/NOTIFY; the notification carries
 * nothing), and hands every committed event to its listeners once, in stream order, the way the
 * durable relay does, but keeping its position in memory: live subscribers want what happens
 * from now on, and each says where to resume from itself (its cursor). Every instance runs one,
 * so a change made through any instance reaches the subscribers of all. When the database goes
 * away the tail keeps its position and catches up from it once it is back: nothing is skipped.
 */
export class LiveTail implements LiveSource {
  private readonly listeners = new Set<TailListener>();
  /** Whether anyone wants events now: an idle tail reads nothing (see `activate`). */
  private active = false;
  private activating?: Promise<StreamPosition>;
  /** Counts activations: a read begun before the latest one is dropped. */
  private epoch = 0;
  private at: StreamPosition | null = null;
  private readonly waiter: StreamWaiter;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly retryMs: number;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    opts: LiveTailOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 1000;
    this.pollMs = opts.pollMs ?? 1000;
    this.retryMs = opts.retryMs ?? 500;
    this.waiter = new StreamWaiter(db, this.pollMs);
  }

  /** The last position handed to listeners (null before `start`). */
  get position(): StreamPosition | null {
    return this.at;
  }

  /** Adds a listener; answers a function that removes it. */
  listen(listener: TailListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Wakes an idle tail: it starts again from `from`, or the stream's current end, which it
   * answers (the position after which listeners get every event). Active already: answers where
   * it stands.
   */
  activate(from?: StreamPosition): Promise<StreamPosition> {
    if (this.active && this.at) return Promise.resolve(this.at);
    this.activating ??= (async () => {
      if (from) this.at = from;
      else {
        const client = await this.db.scoped('*');
        try {
          this.at = await streamHead(client);
        } finally {
          client.release();
        }
      }
      this.active = true;
      this.epoch++;
      this.activating = undefined;
      this.waiter.wake();
      return this.at;
    })();
    return this.activating;
  }

  /** Nobody wants events for now: stop reading until `activate`. */
  idle(): void {
    this.active = false;
  }

  /** Whether it follows the stream now. */
  get isActive(): boolean {
    return this.active;
  }

  /** Starts following (idle until someone `activate`s it): listeners get what commits from then on. */
  async start(): Promise<void> {
    if (this.waiter.isRunning) return;
    this.waiter.start();
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    await this.waiter.stop();
    await this.loopDone;
  }

  /**
   * Up to `limit` committed events after `after`, in stream order, for a subscriber catching up
   * (the tail's own position is not moved).
   */
  async read(after: StreamPosition, limit: number): Promise<StoredEvent[]> {
    const client = await this.db.scoped('*');
    try {
      return (await readAfter(client, after, limit)).events;
    } finally {
      client.release();
    }
  }

  private async loop(): Promise<void> {
    const pace = this.waiter.pacer();
    while (this.waiter.isRunning) {
      if (!this.active) {
        await this.waiter.sleep(this.pollMs);
        continue;
      }
      const mark = this.waiter.mark();
      const epoch = this.epoch;
      let result: { events: StoredEvent[]; held: boolean };
      const client = await this.db.scoped('*').catch((err: unknown) => err as Error);
      if (client instanceof Error) {
        this.logger.warn({ err: client }, 'live tail: the database is unreachable; retrying');
        await this.waiter.sleep(this.retryMs);
        continue;
      }
      try {
        result = await readAfter(client, this.at!, this.batchSize);
        client.release();
      } catch (err) {
        // A broken connection is not pooled again.
        client.release(err as Error);
        this.logger.warn({ err }, 'live tail: reading the stream failed; retrying');
        await this.waiter.sleep(this.retryMs);
        continue;
      }
      // Gone idle, or started afresh, while reading: what was read is nobody's.
      if (!this.active || epoch !== this.epoch) continue;
      if (result.events.length) {
        this.at = result.events[result.events.length - 1]!;
        for (const listener of [...this.listeners]) {
          try {
            listener(result.events);
          } catch (err) {
            this.logger.error({ err }, 'live tail: a listener failed');
          }
        }
      }
      await pace({ full: result.events.length >= this.batchSize, held: result.held, mark });
    }
  }
}
