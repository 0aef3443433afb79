/**
 * The board's live part: a street's case events (`BoardCaseEvents`) through the SDK client's
 * `subscribe`, which reconnects with backoff and resumes after the last event it delivered. What
 * is left here is the board's: showing the connection, a refused (expired) token swapped for a
 * fresh one and subscribed again after the last cursor, and telling the board when the stream
 * had to start from "now" so that it loads the list again (docs/board.md, "No gap").
 */
import { LianxinApiError, type LianxinClient } from '@lianxin/sdk/client';
import { BoardCaseEventsDocument, type BoardCaseEventsSubscription } from '@lianxin/sdk/operations';

export type CaseEvent = BoardCaseEventsSubscription['caseEvents'];

export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveOptions {
  streetId: string;
  /** Start after this cursor (the stream's position when the board began to load). */
  after?: string;
  /** A client with the current access token (a new one after each refresh). */
  client(): LianxinClient;
  /** The access token `client()` would use now. */
  token(): string | undefined;
  onEvent(event: CaseEvent): void;
  onState(state: LiveState): void;
  /**
   * The stream is live from "now", with no cursor to resume after (none was given, or the server
   * no longer knew it): whatever the board loads from now on misses nothing, so it loads the
   * list now.
   */
  onFresh(): void;
  /** The server refused the token (expired): resolves true when there is a fresh one. */
  refresh(): Promise<boolean>;
}

const MAX_BACKOFF_MS = 15_000;

const isRefused = (error: unknown) =>
  error instanceof LianxinApiError &&
  (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN');

/** Follows the street's case events until `stop`. */
export function followCaseEvents(opts: LiveOptions): { stop(): void } {
  /** The last event's cursor (or the one to start after): each subscription resumes after it. */
  let cursor = opts.after;
  let stopped = false;
  let client: LianxinClient | undefined;
  let wake: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function run(): Promise<void> {
    let subscriptions = 0;
    let failures = 0;
    let refusals = 0;
    while (!stopped) {
      const token = opts.token();
      client = opts.client();
      const again = subscriptions++ > 0;
      try {
        const events = client.subscribe(
          BoardCaseEventsDocument,
          { streetId: opts.streetId },
          {
            after: cursor,
            onStatus: (status) => {
              if (stopped) return;
              opts.onState(status === 'connecting' && again ? 'retrying' : status);
              if (status !== 'live') return;
              refusals = 0;
              if (cursor === undefined) opts.onFresh();
            },
          },
        );
        for await (const { caseEvents } of events) {
          if (stopped) return;
          cursor = caseEvents.cursor;
          failures = 0;
          opts.onEvent(caseEvents);
        }
        // It ends only when its client is disposed: by stop().
        return;
      } catch (error) {
        if (stopped) return;
        if (isRefused(error)) {
          // Refused twice in a row, the second time with a fresh token: not a matter of expiry.
          if (++refusals > 1 && opts.token() === token) {
            console.error('case events: the server refuses this account', error);
            break;
          }
          // A fresh token may be there already (refreshed on time); if not, swap for one.
          if (opts.token() !== token || (await opts.refresh())) continue;
          break;
        }
        // What reconnecting cannot heal (the server no longer knows the cursor, …): start again
        // from now; the board reloads the list when the new subscription is live.
        console.warn('case events:', error);
        cursor = undefined;
        opts.onState('retrying');
        failures += 1;
        // 0.5 s, 1 s, 2 s … up to 15 s, with jitter so a restarted server is not stampeded.
        const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1));
        await pause(backoff * (0.75 + Math.random() * 0.5));
      } finally {
        void client.dispose();
      }
    }
    opts.onState('stopped');
  }

  void run();
  return {
    stop() {
      stopped = true;
      wake?.();
      void client?.dispose();
      opts.onState('stopped');
    },
  };
}
