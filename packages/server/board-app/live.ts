/**
 * The board's live part: a street's case events over graphql-ws (`caseEvents`), resumed from the
 * last cursor after a dropped connection, so no event is missed or seen twice. One small module on
 * purpose: the SDK's `client.subscribe` (reconnect and resume) can take its place.
 */
import { createClient, type Client } from 'graphql-ws';
import { CASE_CARD, type BoardCase, type CaseStatus } from './api';

export interface CaseEvent {
  cursor: string;
  type: string;
  from: CaseStatus | null;
  to: CaseStatus;
  case: BoardCase;
}

const CASE_EVENTS = `subscription BoardCaseEvents($after: String, $streetId: ID!) {
  caseEvents(after: $after, filter: { streetIds: [$streetId] }) {
    cursor type from to case { ${CASE_CARD} }
  }
}`;

export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveOptions {
  /** The GraphQL endpoint's WebSocket URL, e.g. `ws://host/graphql`. */
  url: string;
  streetId: string;
  /** The access token for each new connection. */
  token(): string | undefined;
  onEvent(event: CaseEvent): void;
  onState(state: LiveState): void;
  /**
   * The stream starts again from "now" (no event received yet to resume after): whatever
   * happened meanwhile was not received, so the board reloads.
   */
  onGap(): void;
  /** The server refused the credential (expired): resolves true when there is a fresh one. */
  onForbidden(): Promise<boolean>;
}

/** The protocol's close code for a credential the server no longer accepts. */
const FORBIDDEN = 4403;
const MAX_BACKOFF_MS = 15_000;

const closeCode = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number'
    ? error.code
    : undefined;

/** Follows the street's case events until `stop`; reconnects with backoff, resuming. */
export function followCaseEvents(opts: LiveOptions): { stop(): void } {
  let cursor: string | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  const client: Client = createClient({
    url: opts.url,
    connectionParams: () => {
      const token = opts.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    lazy: true,
    // Reconnecting is ours: the library would subscribe again with the first `after`.
    retryAttempts: 0,
    keepAlive: 10_000,
    on: { connected: () => opts.onState('live') },
  });

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      opts.onState(failures ? 'retrying' : 'connecting');
      if (failures && cursor === undefined) opts.onGap();
      try {
        const events = client.iterate<{ caseEvents: CaseEvent }>({
          query: CASE_EVENTS,
          variables: { after: cursor ?? null, streetId: opts.streetId },
        });
        for await (const result of events) {
          if (stopped) return;
          if (result.errors?.length)
            throw new Error(result.errors.map((e) => e.message).join('; '));
          const event = result.data!.caseEvents;
          cursor = event.cursor;
          failures = 0;
          opts.onEvent(event);
        }
        // The server completed it (shutting down): start again after the cursor.
      } catch (error) {
        if (stopped) return;
        if (closeCode(error) === FORBIDDEN && !(await opts.onForbidden())) break;
        // GraphQL errors (a cursor the server no longer accepts …): start again from now.
        if (Array.isArray(error)) cursor = undefined;
        if (Array.isArray(error) || error instanceof Error) console.warn('case events:', error);
      }
      failures += 1;
      // 0.5 s, 1 s, 2 s … up to 15 s, with jitter so a restarted server is not stampeded.
      const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1));
      await pause(backoff * (0.75 + Math.random() * 0.5));
    }
    opts.onState('stopped');
  }

  void run();
  return {
    stop() {
      stopped = true;
      wake?.();
      void client.dispose();
      opts.onState('stopped');
    },
  };
}
