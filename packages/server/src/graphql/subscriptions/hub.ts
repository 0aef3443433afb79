import {
  comparePositions,
  eventCursor,
  decodeEventCursor,
  type StreamPosition,
} from '../../events/cursor';
import type { LiveSource } from '../../events/live-tail';
import type { StoredEvent } from '../../events/stream';
import type { Context } from '../../domain/shared/context';
import { PublicError } from '../../domain/shared/errors';
import type { LiveDelivery, LiveEvents, LiveRequest } from '../../domain/shared/live';
import type { Viewer } from '../../domain/shared/viewer';
import type { Logger } from '../../logger';

/** What a connection (a WebSocket) lends its subscriptions. */
export interface LiveConnection {
  /**
   * The connection's viewer now, checked again (credential expired, account disabled, role
   * changed); null when it is no longer accepted: the connection is then closed by its owner.
   */
  currentViewer(): Viewer | null | Promise<Viewer | null>;
  /** Called when one of its subscriptions fell too far behind: the owner closes it. */
  overflowed(waiting: number): void;
}

/**
 * Where a transport that writes events itself (graphql/ws.ts) takes a subscription's deliveries,
 * instead of iterating them: the hub gets every delivery of a batch ready first (`prepare`: one
 * execution shared by all who subscribed alike), then hands each subscriber its own at once
 * (`send`), in order, with no queue, promise or turn per subscriber and event.
 */
export interface LiveSink {
  /** Makes the delivery's message ready; a promise while it is being made, else nothing. */
  prepare(delivery: LiveDelivery): Promise<unknown> | undefined;
  /** Sends it (ready: `prepare` was awaited). It may end the subscription (a slow socket). */
  send(delivery: LiveDelivery): void;
  /** The subscription ended on the hub's side (closed, caller no longer accepted, overflow). */
  ended(): void;
}

/** A subscription's deliveries: iterate them, or `attach` a sink that takes them. */
export interface LiveStream<S = unknown> extends AsyncIterable<LiveDelivery<S>> {
  attach(sink: LiveSink): void;
}

/** Whether `source` is a hub subscription a sink can attach to. */
export function isLiveStream(source: unknown): source is LiveStream {
  return typeof (source as LiveStream | null)?.attach === 'function';
}

export interface HubOptions {
  /** Where the stream's new events come from (this instance's tail, or the Redis fan-out). */
  tail: LiveSource;
  /** Event types that exist, for requests that name types. */
  knows(type: string): boolean;
  logger: Logger;
  /** A short-lived context for `viewer`, to read subjects with its rights (released after). */
  contextFor(viewer: Viewer): Context;
  release(ctx: Context): Promise<void>;
  /** Deliveries one subscription may have waiting to be sent before its connection is closed. */
  maxQueued: number;
  /** Events read at once while a subscription catches up from its cursor. */
  replayBatch?: number;
}

const viewerKeys = new WeakMap<Viewer, string>();

/** Same viewer, same answers: subscribers of one key share reads and executions. */
export function viewerKey(v: Viewer): string {
  let key = viewerKeys.get(v);
  if (key === undefined) viewerKeys.set(v, (key = keyOf(v)));
  return key;
}

function keyOf(v: Viewer): string {
  return JSON.stringify([
    v.kind,
    v.id,
    v.role,
    v.streetIds,
    v.districtId,
    v.gridCode,
    v.communityId,
    v.departmentId,
    v.personId,
    v.duties,
    v.scopes,
  ]);
}

/** Subscribers of one request and one viewer, in one batch: they receive the same. */
interface Feed {
  /** One of them: whose request and viewer decide. */
  sub: Subscriber;
  /** The batch's events the request accepts. */
  mine: StoredEvent[];
  group?: Group;
  deliveries?: LiveDelivery[];
}

/** Subscribers of one batch that read subjects alike and are the same viewer. */
interface Group {
  /** One of them: whose viewer and request read the subjects. */
  sub: Subscriber;
  ids: Set<string>;
  found?: ReadonlyMap<string, unknown>;
  /** By event: the delivery they all receive. */
  deliveries: Map<StoredEvent, LiveDelivery>;
}

interface Subscriber {
  readonly request: LiveRequest<unknown, Context>;
  /** Subscribers of one request key share their feed (a request without a key has its own). */
  readonly feedKey: string;
  readonly connection: LiveConnection;
  viewer: Viewer;
  key: string;
  /** The last position it has been given (or skipped past). */
  after: StreamPosition;
  /** False while it catches up from its cursor: the tail's batches wait in `buffer`. */
  live: boolean;
  buffer: StoredEvent[][];
  queue: LiveDelivery[];
  /** Resolves the iterator's pending `next`. */
  wake?: () => void;
  /** Resolves a catch-up waiting for room in the queue. */
  roomWaiter?: () => void;
  /** The transport's sink, once attached: deliveries go to it, not to the queue. */
  sink?: LiveSink;
  /** While what was queued before the sink came is handed to it (new deliveries queue behind). */
  flushing?: boolean;
  closed: boolean;
}

/**
 * Subscriptions' side of the event stream on one instance. The instance's live tail hands it
 * every committed event; it gives each subscription the events it asked for, in stream order and
 * once, after checking the subscriber again and reading the events' subjects with its rights,
 * once per batch and kind of viewer, however many subscribe. A subscription with a cursor first
 * reads what it missed from the stream, then goes live with no gap and no duplicate: the tail's
 * batches wait while it catches up, and positions it has passed are dropped. A subscription whose
 * queue passes the limit (a stalled client) has its connection closed, so memory stays bounded.
 */
export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Subscribers by the streets they can accept events of; `everywhere` may accept any. */
  private readonly byStreet = new Map<string, Set<Subscriber>>();
  private readonly everywhere = new Set<Subscriber>();
  /** Batches are handled one after another, in the tail's order. */
  private chain: Promise<void> = Promise.resolve();
  private readonly stopListening: () => void;
  private readonly replayBatch: number;
  /** Numbers the requests that have no key of their own. */
  private unkeyed = 0;

  constructor(private readonly opts: HubOptions) {
    this.replayBatch = opts.replayBatch ?? 500;
    this.stopListening = opts.tail.listen((events) => {
      this.chain = this.chain
        .then(() => this.deliver(events))
        .catch((err: unknown) => {
          opts.logger.error({ err }, 'subscriptions: a batch of events could not be delivered');
        });
    });
  }

  /** Subscriptions open now. */
  get size(): number {
    return this.subscribers.size;
  }

  /** The `LiveEvents` a connection's contexts carry. */
  forConnection(connection: LiveConnection): LiveEvents<Context> {
    return {
      subscribe: (ctx, request) => this.subscribe(ctx, request, connection),
      knows: this.opts.knows,
    };
  }

  close(): void {
    this.stopListening();
    for (const sub of this.subscribers) this.end(sub);
  }

  private subscribe<S>(
    ctx: Context,
    request: LiveRequest<S, Context>,
    connection: LiveConnection,
  ): AsyncIterable<LiveDelivery<S>> {
    let after: StreamPosition | null = null;
    if (request.after !== undefined) {
      after = decodeEventCursor(request.after);
      if (!after) {
        throw new PublicError(
          'BAD_USER_INPUT',
          '"after" is not a cursor of the event stream: pass the `cursor` of an event you received.',
          { argument: 'after' },
        );
      }
    }
    const sub: Subscriber = {
      request: request as LiveRequest<unknown, Context>,
      feedKey: request.key ?? `own:${++this.unkeyed}`,
      connection,
      viewer: ctx.viewer,
      key: viewerKey(ctx.viewer),
      after: after ?? { txId: '0', id: '0' },
      // Buffered until it knows where it starts.
      live: false,
      buffer: [],
      queue: [],
      closed: false,
    };
    this.subscribers.add(sub);
    if (!request.streets) this.everywhere.add(sub);
    for (const street of request.streets ?? []) {
      let set = this.byStreet.get(street);
      if (!set) this.byStreet.set(street, (set = new Set()));
      set.add(sub);
    }
    // An idle tail (nobody subscribed) wakes up at the stream's end: that is "now".
    const tail = this.opts.tail;
    const start = tail.isActive && tail.position ? Promise.resolve(tail.position) : tail.activate();
    void start.then(
      (now) => {
        if (sub.closed) return;
        if (after) return this.catchUp(sub);
        // Every event past `now` comes in the tail's batches: those that came meanwhile wait.
        sub.after = now;
        return this.drain(sub);
      },
      (err: unknown) => {
        this.opts.logger.warn({ err }, 'subscriptions: the event stream could not be followed');
        this.end(sub);
      },
    );
    return this.iterate(sub) as LiveStream<S>;
  }

  private iterate(sub: Subscriber): LiveStream {
    const next = async (): Promise<IteratorResult<LiveDelivery>> => {
      while (!sub.queue.length && !sub.closed) {
        await new Promise<void>((resolve) => (sub.wake = resolve));
        sub.wake = undefined;
      }
      if (sub.closed) return { done: true, value: undefined };
      const value = sub.queue.shift()!;
      if (sub.roomWaiter && sub.queue.length < this.opts.maxQueued / 2) sub.roomWaiter();
      return { done: false, value };
    };
    const finish = async (): Promise<IteratorResult<LiveDelivery>> => {
      this.end(sub);
      return { done: true, value: undefined };
    };
    return {
      [Symbol.asyncIterator]: () => ({ next, return: finish, throw: finish }),
      attach: (sink: LiveSink) => {
        sub.sink = sink;
        if (sub.closed) return sink.ended();
        if (sub.queue.length) void this.flush(sub);
      },
    } satisfies LiveStream;
  }

  /** Hands an attached sink what was queued before it came, in order. */
  private async flush(sub: Subscriber): Promise<void> {
    sub.flushing = true;
    try {
      while (sub.queue.length && !sub.closed) {
        const delivery = sub.queue.shift()!;
        const ready = sub.sink!.prepare(delivery);
        if (ready) await ready;
        if (!sub.closed) sub.sink!.send(delivery);
        if (sub.roomWaiter && sub.queue.length < this.opts.maxQueued / 2) sub.roomWaiter();
      }
    } catch (err) {
      this.opts.logger.error({ err }, 'subscriptions: a delivery could not be sent');
      this.end(sub);
    } finally {
      sub.flushing = false;
    }
  }

  private end(sub: Subscriber): void {
    sub.closed = true;
    sub.queue.length = 0;
    sub.buffer.length = 0;
    this.subscribers.delete(sub);
    this.everywhere.delete(sub);
    for (const street of sub.request.streets ?? []) {
      const set = this.byStreet.get(street);
      set?.delete(sub);
      if (set && !set.size) this.byStreet.delete(street);
    }
    // Nobody left: the tail stops reading until the next subscriber.
    if (!this.subscribers.size) this.opts.tail.idle();
    sub.wake?.();
    sub.roomWaiter?.();
    sub.sink?.ended();
  }

  /** Reads what the subscriber missed, then hands it the batches that came meanwhile. */
  private async catchUp(sub: Subscriber): Promise<void> {
    try {
      for (;;) {
        const page = await this.opts.tail.read(sub.after, this.replayBatch);
        if (sub.closed) return;
        if (!page.length) break;
        await this.deliver(page, [sub]);
        sub.after = page[page.length - 1]!;
        // A client reading slowly is waited for here, not queued without bound.
        while (!sub.closed && sub.queue.length >= this.opts.maxQueued / 2) {
          await new Promise<void>((resolve) => (sub.roomWaiter = resolve));
          sub.roomWaiter = undefined;
        }
        if (sub.closed) return;
      }
      await this.drain(sub);
    } catch (err) {
      this.opts.logger.warn({ err }, 'subscriptions: catching up from a cursor failed');
      this.end(sub);
    }
  }

  /** The subscribers that can accept an event of the batch: by its streets, and the rest. */
  private candidates(events: readonly StoredEvent[]): Iterable<Subscriber> {
    const streets = new Set<string>();
    for (const e of events) if (e.streetId !== null) streets.add(e.streetId);
    if (!streets.size) return this.everywhere;
    // One street and nobody street-less: that street's set as it is (read before anything awaits).
    if (streets.size === 1 && !this.everywhere.size)
      return this.byStreet.get(streets.values().next().value!) ?? [];
    const found = new Set(this.everywhere);
    for (const street of streets) for (const sub of this.byStreet.get(street) ?? []) found.add(sub);
    return found;
  }

  /** Hands it the tail's batches that waited for it, then makes it live. */
  private async drain(sub: Subscriber): Promise<void> {
    while (sub.buffer.length) {
      await this.deliver(sub.buffer.shift()!, [sub]);
      if (sub.closed) return;
    }
    sub.live = true;
  }

  /**
   * Gives a batch to `only`, or to every live subscriber (the others keep it for later). Reads
   * subjects once per loader and viewer; deliveries are shared objects per event and viewer, so
   * the transport can execute a document once for all who asked it alike.
   */
  private async deliver(events: readonly StoredEvent[], only?: Subscriber[]): Promise<void> {
    const targets: Subscriber[] = [];
    for (const sub of only ?? this.candidates(events)) {
      if (sub.closed) continue;
      if (!only && !sub.live) sub.buffer.push(events as StoredEvent[]);
      else targets.push(sub);
    }
    if (!targets.length) return;

    // Who they are now: a credential that expired or an account disabled ends the subscription.
    // Mostly answered at once (checks are shared and kept for a moment): only waits when due.
    const viewers: (Viewer | null)[] = [];
    const checking: Promise<unknown>[] = [];
    targets.forEach((s, i) => {
      const v = s.connection.currentViewer();
      if (v instanceof Promise) checking.push(v.then((x) => (viewers[i] = x)));
      else viewers[i] = v;
    });
    if (checking.length) await Promise.all(checking);
    // Subscribers of one request (same `key`) and one viewer form a feed: what it accepts and
    // receives is worked out once per batch, however many subscribers it has. Feeds that read
    // subjects alike (same loader, same viewer) share one read.
    const feeds = new Map<string, Map<string, Feed>>();
    const groups = new Map<string, Map<string, Group>>();
    const members = new Map<Subscriber, Feed>();
    targets.forEach((sub, i) => {
      const viewer = viewers[i];
      if (!viewer) return this.end(sub);
      if (viewer !== sub.viewer) {
        sub.viewer = viewer;
        sub.key = viewerKey(viewer);
      }
      // Most have had nothing of this batch yet, and share their feed; one that has had part
      // of it (caught up from the database past the tail) gets a feed of its own.
      const fresh = comparePositions(events[0]!, sub.after) > 0;
      const feedKey = fresh ? sub.feedKey : `own:${++this.unkeyed}`;
      let byViewer = feeds.get(feedKey);
      if (!byViewer) feeds.set(feedKey, (byViewer = new Map()));
      let feed = byViewer.get(sub.key);
      if (!feed) {
        const mine = events.filter(
          (e) =>
            (fresh || comparePositions(e, sub.after) > 0) && sub.request.accepts(e, sub.viewer),
        );
        feed = { sub, mine };
        byViewer.set(sub.key, feed);
        const subjects = sub.request.subjects;
        if (subjects && mine.length) {
          let byLoader = groups.get(subjects.key);
          if (!byLoader) groups.set(subjects.key, (byLoader = new Map()));
          let group = byLoader.get(sub.key);
          if (!group)
            byLoader.set(sub.key, (group = { sub, ids: new Set(), deliveries: new Map() }));
          for (const e of mine) group.ids.add(subjects.idOf(e));
          feed.group = group;
        }
      }
      members.set(sub, feed);
    });
    const reads: Promise<void>[] = [];
    for (const byViewer of groups.values()) {
      for (const group of byViewer.values()) {
        const subjects = group.sub.request.subjects!;
        reads.push(
          (async () => {
            const ctx = this.opts.contextFor(group.sub.viewer);
            try {
              group.found = await subjects.load(ctx, [...group.ids]);
            } finally {
              await this.opts.release(ctx);
            }
          })(),
        );
      }
    }
    await Promise.all(reads);

    const last = events[events.length - 1]!;
    /** Subscribers whose sink takes this batch's deliveries now, once they are ready. */
    const direct: [Subscriber, LiveDelivery[]][] = [];
    for (const [sub, feed] of members) {
      if (sub.closed) continue;
      feed.deliveries ??= this.feedDeliveries(feed);
      if (sub.sink && !sub.flushing && !sub.queue.length) {
        if (feed.deliveries.length) direct.push([sub, feed.deliveries]);
        if (comparePositions(last, sub.after) > 0) sub.after = last;
        continue;
      }
      for (const delivery of feed.deliveries) sub.queue.push(delivery);
      if (comparePositions(last, sub.after) > 0) sub.after = last;
      if (!feed.deliveries.length) continue;
      if (sub.queue.length > this.opts.maxQueued) {
        const waiting = sub.queue.length;
        this.end(sub);
        sub.connection.overflowed(waiting);
        continue;
      }
      sub.wake?.();
    }
    if (direct.length) await this.sendDirect(direct);
  }

  /**
   * Gets every delivery ready (executions are shared: few promises for many subscribers), then
   * hands each subscriber its deliveries in one go.
   */
  private async sendDirect(direct: readonly [Subscriber, LiveDelivery[]][]): Promise<void> {
    const making = new Set<Promise<unknown>>();
    for (const [sub, deliveries] of direct) {
      for (const delivery of deliveries) {
        const ready = sub.sink!.prepare(delivery);
        if (ready) making.add(ready);
      }
    }
    if (making.size) await Promise.all(making);
    for (const [sub, deliveries] of direct) {
      for (const delivery of deliveries) {
        if (sub.closed) break;
        try {
          sub.sink!.send(delivery);
        } catch (err) {
          this.opts.logger.error({ err }, 'subscriptions: a delivery could not be sent');
          this.end(sub);
        }
      }
    }
  }

  /** What a feed's subscribers receive of a batch: the events it accepted whose subject they may read. */
  private feedDeliveries(feed: Feed): LiveDelivery[] {
    const subjects = feed.sub.request.subjects;
    const out: LiveDelivery[] = [];
    for (const event of feed.mine) {
      let subject: unknown;
      if (subjects) {
        subject = feed.group!.found!.get(subjects.idOf(event));
        if (subject === undefined) continue;
        if (subjects.matches && !subjects.matches(subject, event)) continue;
        let delivery = feed.group!.deliveries.get(event);
        if (!delivery) {
          delivery = Object.freeze({ event, cursor: eventCursor(event), subject });
          feed.group!.deliveries.set(event, delivery);
        }
        out.push(delivery);
      } else {
        out.push(Object.freeze({ event, cursor: eventCursor(event) }));
      }
    }
    return out;
  }
}
