import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { translate } from '../../i18n';
import { localeOf } from '../localize';

export interface AdmissionOptions {
  /** Requests executing at once; about the database pool size. */
  maxConcurrent: number;
  /** Requests waiting for a turn; past this, new ones are turned away at once. */
  maxQueue: number;
  /** How long a request may wait for a turn. */
  timeoutMs: number;
}

/** Ends a turn; safe to call more than once. */
export type Release = () => void;

/**
 * Admits at most `maxConcurrent` GraphQL operations to execution and queues the rest. With 50
 * requests in flight on a pool of 10, half-built results live across round trips and get
 * promoted to the old heap; admitting about the pool size cut CPU per request by a quarter here.
 *
 * Every transport takes its turn here only once the whole request is in (an HTTP body read, a
 * WebSocket message parsed), so a client that sends slowly holds a socket, never a turn; and a
 * turn ends when the operation's work ends, not merely when its client goes away.
 */
export class Admission {
  private running = 0;
  private readonly queue: { grant: () => void; signal?: AbortSignal }[] = [];

  constructor(private readonly opts: AdmissionOptions) {}

  /**
   * Resolves with the release of a turn once one is free; rejects with UNAVAILABLE when the
   * queue is full or no turn came within the time limit, and with the signal's reason when the
   * caller gave up waiting.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.running < this.opts.maxConcurrent) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.opts.maxQueue)
      return Promise.reject(unavailable('The server is busy; try again shortly.'));
    return new Promise((resolve, reject) => {
      const waiter = {
        signal,
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      const leave = (error: Error) => {
        const at = this.queue.indexOf(waiter);
        if (at < 0) return;
        this.queue.splice(at, 1);
        clearTimeout(timer);
        reject(error);
      };
      const onAbort = () => leave(signal!.reason as Error);
      const timer = setTimeout(
        () =>
          leave(
            unavailable(
              `The server is busy; the request waited ${this.opts.timeoutMs} ms without a turn.`,
            ),
          ),
        this.opts.timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Operations executing now and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // The turn passes straight to the next waiter that still wants it.
      let next = this.queue.shift();
      while (next?.signal?.aborted) next = this.queue.shift();
      if (next) next.grant();
      else this.running--;
    };
  }
}

/** The refusal when no turn can be had: 503 with Retry-After. */
export function unavailable(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '1' } } },
  });
}

/** Writes a GraphQL error that carries `extensions.http` as a plain JSON response. */
export function sendError(res: ServerResponse, error: GraphQLError): void {
  const http = error.extensions.http as
    { status?: number; headers?: Record<string, string> } | undefined;
  const { http: _http, ...extensions } = error.extensions;
  // In the language the request asked for (src/i18n).
  const message = res.req ? translate(error.message, localeOf(res.req)) : error.message;
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  if (res.headersSent) return void res.destroy();
  res.writeHead(http?.status ?? 400, {
    ...http?.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
