import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { LianxinApiError, type GraphQLErrorBody } from './errors.js';
import { credentialOf, post } from './http.js';
import { declares } from './paginate.js';
import type { ClientOptions } from './types.js';

export interface RetryOptions {
  /** Reconnections in a row that may fail before the subscription gives up (default: no limit). */
  attempts?: number;
  /** The first wait before reconnecting (default 250 ms); it doubles each failure, with jitter. */
  baseDelayMs?: number;
  /** The longest wait (default 10 s). */
  maxDelayMs?: number;
}

/** Where a subscription's connection stands (see `SubscribeOptions.onStatus`). */
export type SubscriptionStatus = 'connecting' | 'live' | 'retrying';

export interface SubscribeOptions {
  /** Start after this event's `cursor` (the subscription's `after` variable). */
  after?: string;
  retry?: RetryOptions;
  /**
   * Told when the connection changes, e.g. to show it: `connecting` at the start, `live` once the
   * server accepted the connection and the subscription was sent on it, `retrying` when it dropped
   * and a reconnection waits. Each change once; nothing after the iterator ends (it throws or
   * returns then). graphql-ws acknowledges connections, not subscriptions: `live` does not prove
   * the server has started this one.
   */
  onStatus?: (status: SubscriptionStatus) => void;
}

interface Result {
  data?: unknown;
  errors?: GraphQLErrorBody[];
}

/** What happened to one subscription attempt, in order. */
type Item =
  | { kind: 'next'; result: Result }
  | { kind: 'errors'; errors: GraphQLErrorBody[] }
  | { kind: 'complete' }
  | { kind: 'drop'; reason: unknown };

/**
 * Close codes after which reconnecting cannot help: the request or credential is refused.
 * Others (the server going away or restarting, 1006 when the connection broke, 1013 when this
 * client fell behind, 4429 too many connections) are retried.
 */
const FATAL_CLOSE: Record<number, string> = {
  4400: 'BAD_REQUEST',
  4401: 'UNAUTHENTICATED',
  4403: 'FORBIDDEN',
  4406: 'BAD_REQUEST',
  4409: 'BAD_REQUEST',
  4004: 'BAD_REQUEST',
  4005: 'INTERNAL_SERVER_ERROR',
};
/** Error codes of a refused operation that may pass later. */
const RETRIED_CODES = new Set(['RATE_LIMITED', 'UNAVAILABLE']);

const isCloseEvent = (value: unknown): value is { code: number; reason: string } =>
  typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;

/** One subscribe message on the socket: what it received, in order, until it ended. */
class Attempt {
  private readonly items: Item[] = [];
  private wake?: () => void;
  private ended = false;
  private readonly release: () => void;

  constructor(
    ws: WsClient,
    payload: { query: string; variables: Record<string, unknown> },
    readonly connected: () => void,
  ) {
    this.release = ws.subscribe<unknown>(payload, {
      next: (result) => this.push({ kind: 'next', result: result as Result }),
      error: (error) =>
        this.push(
          Array.isArray(error)
            ? { kind: 'errors', errors: error as GraphQLErrorBody[] }
            : { kind: 'drop', reason: error },
        ),
      complete: () => this.push({ kind: 'complete' }),
    });
  }

  push(item: Item): void {
    if (this.ended) return;
    if (item.kind !== 'next') {
      this.ended = true;
      // Stops graphql-ws from subscribing again by itself with the first variables.
      queueMicrotask(() => this.release?.());
    }
    this.items.push(item);
    this.wake?.();
  }

  async take(): Promise<Item> {
    while (!this.items.length) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.items.shift()!;
  }

  stop(): void {
    this.ended = true;
    this.release();
  }
}

/**
 * The WebSocket side of a client: one graphql-ws connection its subscriptions share, opened when
 * the first starts (unless `lazy: false`). graphql-ws does not reconnect by itself here: each
 * subscription does, so that it can subscribe again after the last event it delivered.
 */
export class Live {
  private ws?: WsClient;
  private readonly attempts = new Set<Attempt>();
  private readonly sleepers = new Set<() => void>();
  /** Whether the socket is connected and acknowledged now. */
  private open = false;
  disposed = false;

  constructor(private readonly options: ClientOptions) {
    if (options.lazy === false) this.client();
  }

  private client(): WsClient {
    if (this.ws) return this.ws;
    const impl = this.options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    if (!impl) {
      throw new TypeError(
        'No WebSocket here (Node 20 has none): pass createClient a webSocketImpl, e.g. the `ws` package’s WebSocket.',
      );
    }
    const credential = credentialOf(this.options);
    const keepAlive = this.options.keepAliveMs ?? 15_000;
    let socket: unknown;
    let pongDue: ReturnType<typeof setTimeout> | undefined;
    const ws: WsClient = createWsClient({
      url: wsUrlOf(this.options),
      webSocketImpl: impl,
      connectionParams: credential ? { authorization: `Bearer ${credential}` } : {},
      lazy: this.options.lazy !== false,
      retryAttempts: 0,
      keepAlive,
      // Without subscriptions, a non-lazy connection that dropped opens again with the next one.
      onNonLazyError: () => undefined,
      on: {
        connected: (opened) => {
          socket = opened;
          this.open = true;
          this.attempts.forEach((a) => this.sent(a));
        },
        ping: (received) => {
          if (received || !keepAlive) return;
          clearTimeout(pongDue);
          pongDue = setTimeout(() => this.silent(ws, socket), keepAlive);
        },
        pong: (received) => {
          if (received) clearTimeout(pongDue);
        },
        // Every subscription on the socket ends with it, whatever graphql-ws would do next.
        closed: (event) => {
          clearTimeout(pongDue);
          if (this.ws !== ws) return; // given up already (silent)
          this.open = false;
          [...this.attempts].forEach((a) => a.push({ kind: 'drop', reason: event }));
        },
      },
    });
    this.ws = ws;
    return ws;
  }

  /**
   * The server did not answer a ping in time: the connection is given up at once (its close
   * handshake may never finish), and the subscriptions on it reconnect on a new one.
   */
  private silent(ws: WsClient, socket: unknown): void {
    if (this.ws !== ws || this.disposed) return;
    this.ws = undefined;
    this.open = false;
    const reason = { code: 4408, reason: 'The server did not answer a ping in time.' };
    [...this.attempts].forEach((a) => a.push({ kind: 'drop', reason }));
    // Node's `ws` can drop the connection outright; a browser's WebSocket only closes it.
    const s = socket as { terminate?: () => void; close?: (code: number, why: string) => void };
    if (typeof s?.terminate === 'function') s.terminate();
    else s?.close?.(4408, reason.reason);
    void ws.dispose();
  }

  start(
    payload: { query: string; variables: Record<string, unknown> },
    connected: () => void,
  ): Attempt {
    if (this.disposed) throw new TypeError('This client was disposed: create another.');
    const attempt = new Attempt(this.client(), payload, connected);
    this.attempts.add(attempt);
    // On a socket already acknowledged, graphql-ws sends the subscription at once.
    if (this.open) this.sent(attempt);
    return attempt;
  }

  /**
   * Tells `attempt` it is connected once its subscribe message is on the socket: graphql-ws
   * sends it in the microtasks after the acknowledgement (or after `subscribe` on an open
   * socket), so a task later.
   */
  private sent(attempt: Attempt): void {
    setTimeout(() => this.attempts.has(attempt) && attempt.connected(), 0);
  }

  end(attempt: Attempt): void {
    this.attempts.delete(attempt);
    attempt.stop();
  }

  /** Waits `ms`, or less if the client is disposed meanwhile. */
  sleep(ms: number, control?: Control): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        if (control) control.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
      if (control) control.wake = done;
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    [...this.sleepers].forEach((wake) => wake());
    this.attempts.forEach((a) => a.push({ kind: 'complete' }));
    await this.ws?.dispose();
  }

  /** The error to throw for a dropped connection, or null when reconnecting may help. */
  async fatal(reason: unknown): Promise<LianxinApiError | null> {
    if (!isCloseEvent(reason) || !(reason.code in FATAL_CLOSE)) return null;
    if (reason.code === 4403) {
      // The server refused the credential; HTTP says exactly why (UNAUTHENTICATED for a bad or
      // expired token, FORBIDDEN for one no longer allowed).
      try {
        await post(this.options, '{ __typename }', {});
      } catch (error) {
        if (
          error instanceof LianxinApiError &&
          (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')
        ) {
          return new LianxinApiError(error.message, error.status, error.errors, null, {
            cause: reason,
          });
        }
      }
    }
    const code = FATAL_CLOSE[reason.code]!;
    const message = reason.reason || `The WebSocket was closed with ${reason.code}.`;
    return new LianxinApiError(
      message,
      0,
      [{ message, extensions: { code, closeCode: reason.code } }],
      null,
      { cause: reason },
    );
  }
}

function wsUrlOf(options: ClientOptions): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  const url = new URL(options.wsUrl ?? options.url, base);
  if (!options.wsUrl) url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The `cursor` of the event in a subscription's data (its one root field). */
function cursorOf(data: unknown): unknown {
  if (!data || typeof data !== 'object') return undefined;
  for (const field of Object.values(data)) {
    if (field && typeof field === 'object' && 'cursor' in field) return field.cursor;
  }
  return undefined;
}

/** The wait before reconnection number `failures` (1, 2, …): exponential, with jitter. */
function delayOf(failures: number, retry: RetryOptions): number {
  const base = retry.baseDelayMs ?? 250;
  const ceiling = Math.min(retry.maxDelayMs ?? 10_000, base * 2 ** Math.min(failures - 1, 30));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * A subscription's results, one per event. When the connection drops (the server closed it, or
 * is restarting) it reconnects with backoff and, when the document declares `$after`, subscribes
 * again after the `cursor` of the last event it delivered, so each event comes once. Throws
 * LianxinApiError for what reconnecting cannot heal: a document the server refuses, a refused
 * credential, a bad cursor, an error in a result.
 */
export function subscribe<TResult>(
  live: Live,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: SubscribeOptions = {},
): AsyncGenerator<TResult, void, undefined> {
  const control: Control = { stopped: false };
  const events = run<TResult>(live, query, variables, options, control);
  // An async generator asked to return while it waits for the next event would go on waiting
  // (the return is queued behind that wait): the wait is ended first, then the generator.
  const finish = events.return.bind(events);
  events.return = (value) => {
    control.stopped = true;
    control.attempt?.push({ kind: 'complete' });
    control.wake?.();
    return finish(value);
  };
  return events;
}

/** How a consumer's `return()` reaches a subscription that is waiting. */
interface Control {
  stopped: boolean;
  /** The subscribe message on the socket now. */
  attempt?: Attempt;
  /** Ends the wait before a reconnection. */
  wake?: () => void;
}

async function* run<TResult>(
  live: Live,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: SubscribeOptions,
  control: Control,
): AsyncGenerator<TResult, void, undefined> {
  const resumable = declares(query, 'after');
  if (options.after !== undefined && !resumable) {
    throw new TypeError(
      'subscribe: `after` was given but the document declares no $after variable; declare `$after: String` and pass it to the field (`caseEvents(after: $after)`).',
    );
  }
  if (resumable && !/\bcursor\b/.test(query)) {
    throw new TypeError(
      'subscribe: select the field’s `cursor`, which it resumes after when the connection drops.',
    );
  }
  const retry = options.retry ?? {};
  const attempts = retry.attempts ?? Infinity;
  let after = options.after ?? (variables?.after as string | null | undefined);
  let failures = 0;
  let status: SubscriptionStatus | undefined;
  let ended = false;
  const tell = (next: SubscriptionStatus) => {
    if (ended || next === status) return;
    status = next;
    options.onStatus?.(next);
  };
  tell('connecting');
  try {
    for (;;) {
      const vars = { ...variables, ...(resumable ? { after: after ?? null } : {}) };
      if (control.stopped) return;
      const attempt = live.start({ query, variables: vars }, () => {
        failures = 0;
        tell('live');
      });
      control.attempt = attempt;
      let reason: unknown;
      try {
        for (;;) {
          const item = await attempt.take();
          if (item.kind === 'next') {
            const { data, errors } = item.result;
            if (errors?.length) {
              throw new LianxinApiError(errors[0]!.message, 0, errors, data ?? null);
            }
            if (resumable) {
              const cursor = cursorOf(data);
              if (typeof cursor !== 'string') {
                throw new TypeError(
                  'subscribe: an event came without its `cursor`; select it on the subscription’s field.',
                );
              }
              after = cursor;
            }
            failures = 0;
            yield data as TResult;
          } else if (item.kind === 'errors') {
            const code = item.errors[0]?.extensions?.code;
            if (!code || !RETRIED_CODES.has(code)) {
              throw new LianxinApiError(item.errors[0]?.message ?? 'Refused', 0, item.errors, null);
            }
            reason = new LianxinApiError(item.errors[0]!.message, 0, item.errors, null);
            break;
          } else if (item.kind === 'complete') {
            // The platform's subscriptions do not end; the server ends one when it stops. One that
            // can resume subscribes again; any other ends here.
            if (!resumable || live.disposed || control.stopped) return;
            reason = 'the server ended the subscription';
            break;
          } else {
            if (live.disposed || control.stopped) return;
            const fatal = await live.fatal(item.reason);
            if (fatal) throw fatal;
            reason = item.reason;
            break;
          }
        }
      } finally {
        control.attempt = undefined;
        live.end(attempt);
      }
      failures++;
      if (failures > attempts) {
        throw new LianxinApiError(
          `The subscription could not reconnect after ${attempts} attempts.`,
          0,
          [],
          null,
          { cause: reason },
        );
      }
      tell('retrying');
      await live.sleep(delayOf(failures, retry), control);
      if (live.disposed || control.stopped) return;
    }
  } finally {
    // Ended by its consumer, by an error or by dispose(): the statuses end with it.
    ended = true;
  }
}
