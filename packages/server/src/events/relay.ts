import { setTimeout as delay } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { Database } from '../db/database';
import { sql } from '../db/statement';
import type { Logger } from '../logger';
import { readAfter, streamHead, StreamWaiter, type StoredEvent } from './stream';

/** The stream's events as consumers get them (stream.ts); named here for consumers' imports. */
export type { StoredEvent };

/**
 * A reader of the stream at its own pace: subscriptions, webhooks, plugin hooks. Its position is
 * kept durably under its name, so it resumes where it stopped, after a restart too.
 */
export interface EventConsumer {
  /** Unique among consumers; `[a-z][a-z0-9_.:-]*`. */
  readonly name: string;
  /**
   * Takes a batch of events, in stream order. It runs inside the transaction that moves the
   * consumer's position past them: writes made on `tx` and the new position commit together (so a
   * consumer that keeps its effects in PostgreSQL sees each event exactly once); a throw rolls
   * both back, and the batch comes again.
   */
  handle(events: readonly StoredEvent[], tx: PoolClient): Promise<void>;
  /**
   * How long to wait before the batch comes again after `failures` failures in a row (default:
   * the relay's `retryMs`): a consumer whose work may keep failing backs off.
   */
  retryDelayMs?(failures: number): number;
  /**
   * Where a consumer that has no position yet starts: at the stream's beginning (the default:
   * webhooks, which their endpoints' types filter), or at its head (plugin hooks: a hook sees
   * what happens after it is installed, not the history before it).
   */
  readonly startAt?: 'beginning' | 'head';
}

/**
 * Thrown by a consumer that handled the first `handled` events of its batch and failed on the
 * next: the relay keeps the position past those (their effects commit) and tries the rest again.
 */
export class PartialFailure extends Error {
  constructor(
    readonly handled: number,
    override readonly cause: unknown,
  ) {
    super(`handled ${handled} events, then failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'PartialFailure';
  }
}

export interface RelayOptions {
  /** Events handed to a consumer at once. */
  batchSize?: number;
  /** How often to look without a notification (a transaction that wrote no event may hold back others). */
  pollMs?: number;
  /** How long to wait after a consumer failed before trying the batch again. */
  retryMs?: number;
}

const ensureConsumer = sql(
  'relay_ensure_consumer',
  `INSERT INTO event_consumer (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
);
const ensureConsumerAt = sql(
  'relay_ensure_consumer_at',
  `INSERT INTO event_consumer (name, tx_id, event_id) VALUES ($1, $2::xid8, $3::bigint)
   ON CONFLICT (name) DO NOTHING`,
);
// An advisory lock, not FOR UPDATE: a row lock takes a transaction id, and every transaction id
// in flight holds back the stream's readers (events are read only below the oldest one), so a
// relay step that writes nothing must not take one. The position's UPDATE takes one at the end.
const lockConsumer = sql(
  'relay_lock_consumer',
  `SELECT pg_advisory_xact_lock(hashtextextended('lianxin.event_consumer:' || $1, 0))`,
);
const readPosition = sql(
  'relay_read_position',
  `SELECT tx_id::text AS "txId", event_id::text AS "eventId" FROM event_consumer WHERE name = $1`,
);
const advance = sql(
  'relay_advance',
  `UPDATE event_consumer SET tx_id = $2::xid8, event_id = $3::bigint, updated_at = now() WHERE name = $1`,
);

/**
 * The outbox relay: reads `domain_event` in transaction order and hands each consumer every
 * event once its transaction has committed, from the consumer's durable position, without gaps
 * and without passing a transaction still in flight. Woken by the commits that write events
 * (`LISTEN lianxin_events`), and by a timer in case an unrelated transaction held events back.
 * Several relays (server instances) may serve one consumer name: the position's row lock lets
 * one batch through at a time, so each event is handed over once.
 */
export class EventRelay {
  private readonly consumers: EventConsumer[] = [];
  /** Consumers whose position row is known to exist. */
  private readonly positioned = new Set<string>();
  private readonly waiter: StreamWaiter;
  private loops: Promise<void>[] = [];
  private readonly batchSize: number;
  private readonly retryMs: number;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    opts: RelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.waiter = new StreamWaiter(db, opts.pollMs ?? 1000);
    this.retryMs = opts.retryMs ?? 1000;
  }

  add(consumer: EventConsumer): void {
    if (this.consumers.some((c) => c.name === consumer.name))
      throw new Error(`Event consumer "${consumer.name}" is added twice`);
    this.consumers.push(consumer);
    if (this.waiter.isRunning) this.loops.push(this.loop(consumer));
  }

  start(): void {
    if (this.waiter.isRunning) return;
    this.waiter.start();
    this.loops = this.consumers.map((c) => this.loop(c));
  }

  async stop(): Promise<void> {
    await this.waiter.stop();
    await Promise.all(this.loops);
  }

  /**
   * Gives each consumer without a position its starting one now (`startAt`), so a hook
   * installed with this server sees every event from its start, however late its first step.
   */
  async position(): Promise<void> {
    const client = await this.db.scoped('*');
    try {
      for (const consumer of this.consumers) await this.positionOn(client, consumer);
    } finally {
      client.release();
    }
  }

  private async positionOn(client: PoolClient, consumer: EventConsumer): Promise<void> {
    if (consumer.startAt === 'head') {
      const at = await streamHead(client);
      await client.query(ensureConsumerAt.text, [consumer.name, at.txId, at.id]);
    } else {
      await client.query(ensureConsumer.text, [consumer.name]);
    }
    this.positioned.add(consumer.name);
  }

  /**
   * Hands the consumers whose names start with `prefix` every event committed so far, one step
   * at a time, until none takes any and none is held back (tests and tools: waiting for hooks).
   * Events wait behind any older transaction still in flight — in any database of the server,
   * xids being the server's — so it waits for those to end, `heldMs` at most. A consumer that
   * fails throws here.
   */
  async drain(prefix = '', heldMs = 10_000): Promise<void> {
    const chosen = this.consumers.filter((c) => c.name.startsWith(prefix));
    let heldSince: number | undefined;
    let pause = 0;
    for (let busy = true; busy;) {
      busy = false;
      let held = false;
      for (const consumer of chosen) {
        const step = await this.stepAndLook(consumer);
        if (step.taken > 0) busy = true;
        if (step.held) held = true;
      }
      if (busy || !held) {
        heldSince = undefined;
        pause = 0;
        continue;
      }
      heldSince ??= Date.now();
      if (Date.now() - heldSince > heldMs) {
        throw new Error(
          `Events are still held back after ${heldMs} ms by a transaction in flight that began before they were written`,
        );
      }
      pause = Math.min(250, pause ? pause * 2 : 10);
      await delay(pause);
      busy = true;
    }
  }

  /** Hands the consumer its next batch; answers how many events it took. */
  async step(consumer: EventConsumer): Promise<number> {
    return (await this.stepAndLook(consumer)).taken;
  }

  /** `step`, and whether events are left waiting for an older transaction to end. */
  private async stepAndLook(consumer: EventConsumer): Promise<{ taken: number; held: boolean }> {
    const client = await this.db.scoped('*');
    let ok = false;
    try {
      if (!this.positioned.has(consumer.name)) await this.positionOn(client, consumer);
      await client.query('BEGIN');
      await client.query({ name: lockConsumer.name, text: lockConsumer.text }, [consumer.name]);
      const { rows: at } = await client.query<{ txId: string; eventId: string }>(
        { name: readPosition.name, text: readPosition.text },
        [consumer.name],
      );
      const position = { txId: at[0]!.txId, id: at[0]!.eventId };
      const { events: rows, held } = await readAfter(client, position, this.batchSize);
      let taken = rows.length;
      let failure: unknown;
      if (rows.length) {
        try {
          await consumer.handle(rows, client);
        } catch (error) {
          if (!(error instanceof PartialFailure) || error.handled <= 0) throw error;
          taken = Math.min(error.handled, rows.length);
          failure = error.cause;
        }
        const last = rows[taken - 1]!;
        await client.query({ name: advance.name, text: advance.text }, [
          consumer.name,
          last.txId,
          last.id,
        ]);
      }
      await client.query('COMMIT');
      ok = true;
      // The events before the failing one are done; the failure is retried like any other.
      if (failure !== undefined) throw failure;
      return { taken, held };
    } finally {
      if (!ok) await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  }

  private async loop(consumer: EventConsumer): Promise<void> {
    const pace = this.waiter.pacer();
    let failures = 0;
    while (this.waiter.isRunning) {
      const mark = this.waiter.mark();
      let result: { taken: number; held: boolean };
      try {
        result = await this.stepAndLook(consumer);
        failures = 0;
      } catch (err) {
        failures += 1;
        this.logger.error(
          { err, consumer: consumer.name, failures },
          'event consumer failed; retrying',
        );
        await this.waiter.sleep(consumer.retryDelayMs?.(failures) ?? this.retryMs);
        continue;
      }
      await pace({ full: result.taken >= this.batchSize, held: result.held, mark });
    }
  }
}
