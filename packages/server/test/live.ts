import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** Helpers for tests of live updates over graphql-ws. */
export const wsOf = (url: string) => url.replace(/^http/, 'ws');

export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client of `url` as the caller of `token` (anonymous when it is empty). */
export function client(
  url: string,
  token: string,
  closed?: (e: Closed) => void,
  lazy = true,
): Client {
  return createClient({
    url: wsOf(url),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy,
    on: closed ? { closed: (e) => closed(e as Closed) } : undefined,
  });
}

/** A running subscription: what it received so far, and a way to wait for more. */
export function subscribe(c: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: any[] = [];
  const errors: any[] = [];
  let waiters: (() => void)[] = [];
  let done = false;
  const stop = c.subscribe(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        else received.push(r.data);
        waiters.forEach((w) => w());
        waiters = [];
      },
      error: (e) => {
        errors.push(...(Array.isArray(e) ? e : [e]));
        done = true;
        waiters.forEach((w) => w());
      },
      complete: () => {
        done = true;
        waiters.forEach((w) => w());
      },
    },
  );
  return {
    received,
    errors,
    stop,
    get done() {
      return done;
    },
    /** Waits until it has ended (an error, or complete), or fails after `ms`. */
    async ended(ms = 10_000) {
      const deadline = Date.now() + ms;
      while (!done) {
        if (Date.now() > deadline) throw new Error('waited for the subscription to end');
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
    /** Waits until `n` results have come (or fails after `ms`). */
    async until(n: number, ms = 10_000) {
      const deadline = Date.now() + ms;
      while (received.length < n && !done) {
        if (Date.now() > deadline)
          throw new Error(
            `waited for ${n} results, got ${received.length}: ${JSON.stringify(errors)}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return received;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
