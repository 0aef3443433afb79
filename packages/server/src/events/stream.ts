import type { PoolClient } from 'pg';
import type { Database } from '../db/database';
import { sql } from '../db/statement';
import type { StreamPosition } from './cursor';
import type { DomainEvent } from './outbox';

/** An event as the stream hands it to consumers: as written (outbox.ts), with its place. */
export interface StoredEvent extends DomainEvent {
  /** Its place in the stream; ascending within a transaction. */
  id: string;
  /** The transaction that wrote it (PostgreSQL's xid8, as text). */
  txId: string;
  occurredAt: string;
}

/**
 * Reading the stream in order, for every reader of it (the durable relay and each instance's
 * live tail). Only transactions older than every one still running are read:
 * `pg_snapshot_xmin` is the oldest transaction in flight, so no event with a smaller tx_id can
 * still appear. Reading by id alone would skip the events of a transaction that took its ids
 * earlier but committed later.
 */
export const eventsAfter = sql(
  'stream_events_after',
  `SELECT id::text AS id, tx_id::text AS "txId", street_id::text AS "streetId", type,
     subject_type AS "subjectType", subject_id AS "subjectId", actor, payload,
     to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt"
   FROM domain_event e
   WHERE (e.tx_id, e.id) > ($1::xid8, $2::bigint)
     AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY e.tx_id, e.id
   LIMIT $3`,
);

/**
 * Whether events past the position wait for an older transaction still in flight: they become
 * readable when it ends, which notifies nobody if it wrote no event (or wrote in another database).
 */
export const heldBack = sql(
  'stream_held_back',
  `SELECT EXISTS (SELECT 1 FROM domain_event e WHERE (e.tx_id, e.id) > ($1::xid8, $2::bigint)
     AND e.tx_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
);

/** The last readable position: where a reader that wants only what comes next starts. */
const head = sql(
  'stream_head',
  `SELECT tx_id::text AS "txId", id::text AS id FROM domain_event
   WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
   ORDER BY tx_id DESC, id DESC LIMIT 1`,
);

/** The channel a commit that wrote events notifies (migration 003); it carries nothing. */
export const EVENTS_CHANNEL = 'lianxin_events';

/** First and longest wait before looking again at events held back by a transaction in flight. */
const HELD_BACK_FIRST_MS = 25;
const HELD_BACK_MAX_MS = 250;

/**
 * How a reader of the stream (the relay, a live tail) waits between reads: woken at once by a
 * commit that wrote events (`LISTEN`), by its poll otherwise, and for good when it stops.
 */
export class StreamWaiter {
  private readonly waiters = new Set<() => void>();
  /** Counts notifications, so a loop knows one came while it was busy. */
  private wakes = 0;
  private running = false;
  private listener?: { close(): Promise<void> };

  constructor(
    private readonly db: Database,
    private readonly pollMs: number,
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts listening for commits. */
  start(): void {
    this.running = true;
    this.listener = this.db.listen(EVENTS_CHANNEL, () => this.wake());
  }

  /** Stops listening and ends every wait. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.listener?.close();
  }

  /** Taken before a read: `pace` compares it to tell whether a notification came meanwhile. */
  mark(): number {
    return this.wakes;
  }

  /** Waits for a notification, `ms`, or the reader stopping. */
  sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Ends the current waits (a notification, or the reader's own reason to look again). */
  wake(): void {
    this.wakes++;
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * The wait after each read of one loop: none when the batch was full or a notification came
   * during the read; soon, backing off, while events are held back by an older transaction still
   * in flight (its end notifies nobody); else until the poll.
   */
  pacer(): (read: { full: boolean; held: boolean; mark: number }) => Promise<void> {
    let heldWait = HELD_BACK_FIRST_MS;
    return async ({ full, held, mark }) => {
      if (full || mark !== this.wakes) return;
      if (held) {
        await this.sleep(Math.min(heldWait, this.pollMs));
        heldWait = Math.min(heldWait * 2, HELD_BACK_MAX_MS);
      } else {
        heldWait = HELD_BACK_FIRST_MS;
        await this.sleep(this.pollMs);
      }
    };
  }
}

/** Up to `limit` events after `at`, in stream order, and whether more wait behind a transaction. */
export async function readAfter(
  client: PoolClient,
  at: StreamPosition,
  limit: number,
): Promise<{ events: StoredEvent[]; held: boolean }> {
  const { rows } = await client.query<StoredEvent>(
    { name: eventsAfter.name, text: eventsAfter.text },
    [at.txId, at.id, limit],
  );
  let held = false;
  if (rows.length < limit) {
    const last = rows[rows.length - 1] ?? at;
    const { rows: waiting } = await client.query<{ held: boolean }>(
      { name: heldBack.name, text: heldBack.text },
      [last.txId, last.id],
    );
    held = waiting[0]!.held;
  }
  return { events: rows, held };
}

export async function streamHead(client: PoolClient): Promise<StreamPosition> {
  const { rows } = await client.query<StreamPosition>({ name: head.name, text: head.text });
  return rows[0] ?? { txId: '0', id: '0' };
}
