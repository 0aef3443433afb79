import type { StoredEvent } from '../../events/stream';
import type { Viewer } from './viewer';

/**
 * (`C` is the request context of domain/shared/context.ts, which carries a `LiveEvents<Context>`:
 * a parameter here, so that this file and that one do not import each other.)
 *
 * Live updates as areas see them: a subscription resolver asks the stream for the events it wants
 * (`ctx.live.subscribe`), and gets each one once, in stream order, after its commit, with its
 * cursor. The transport behind `ctx.live` (graphql/subscriptions) replays from a cursor, keeps the
 * order, re-checks the caller and holds back what the caller may not read.
 */
export interface LiveEvents<C = unknown> {
  subscribe<S>(ctx: C, request: LiveRequest<S, C>): AsyncIterable<LiveDelivery<S>>;
  /** Whether an event type of this name exists (the catalog's). */
  knows(type: string): boolean;
}

export interface LiveRequest<S = unknown, C = unknown> {
  /** Resume after this cursor: what came since, then live. Live from now when unset. */
  after?: string;
  /**
   * Names the request: two requests of one key (and one viewer) accept, filter and receive the
   * same, so their subscribers share the work. Leave it out when unsure.
   */
  key?: string;
  /**
   * Whether it wants the event, judged on the event alone (its type, its street) and the viewer
   * as checked for this batch (so a changed role counts from the next event on).
   */
  accepts(event: StoredEvent, viewer: Viewer): boolean;
  /**
   * The only streets whose events it can accept, when it knows: events of other streets (and
   * platform-level ones) are not even offered to `accepts`. Saves work with many subscribers.
   */
  streets?: readonly string[];
  /** The events' subjects, read with the caller's rights before each delivery. */
  subjects?: LiveSubjects<S, C>;
}

/**
 * How to read the subjects of events (cases, say) with a viewer's rights. An event whose subject
 * the viewer cannot read is not delivered. `load` runs once per batch of events and kind of
 * viewer (not per subscriber), so keep `key` the same for every request that loads the same way.
 */
export interface LiveSubjects<S, C = unknown> {
  /** Names the loader: requests with one key and one viewer share its reads. */
  readonly key: string;
  /** The subject's row id of an event this request accepted. */
  idOf(event: StoredEvent): string;
  /** The subjects among `ids` the context's viewer may read, by id. */
  load(ctx: C, ids: readonly string[]): Promise<ReadonlyMap<string, S>>;
  /** The request's own filter, on the subject as it is now and the event. */
  matches?(subject: S, event: StoredEvent): boolean;
}

export interface LiveDelivery<S = unknown> {
  readonly event: StoredEvent;
  /** Where a client resumes from after this event. */
  readonly cursor: string;
  /** The subject, as the receiving viewer may read it, when the request loads subjects. */
  readonly subject?: S;
}
