import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  checkReceiverHost,
  parseReceiverUrl,
  pinnedLookup,
  ReceiverRefused,
  type AddressRules,
} from './webhook-address';

/**
 * The signature header of a delivery, as Stripe's: `t=<unix seconds>,v1=<hex>`, where the hex is
 * HMAC-SHA256 with the endpoint's secret over `<t>.<body>`. While a rotated-out secret is still
 * valid, a second `v1=` made with it follows, so receivers can switch secrets without a gap.
 */
export function signatureHeader(
  body: string,
  secrets: readonly string[],
  timestamp: number,
): string {
  const signed = `${timestamp}.${body}`;
  const parts = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`,
  );
  return [`t=${timestamp}`, ...parts].join(',');
}

/** What one attempt came to. */
export interface AttemptOutcome {
  /** A 2xx status arrived in time. */
  ok: boolean;
  /** The receiver's status, when one arrived. */
  statusCode: number | null;
  /** From the start of the attempt (resolution included) to the status, or the failure. */
  durationMs: number;
  /** Why it failed, for the delivery log and the server's log; null when it succeeded. */
  error: string | null;
}

/** Bytes of a response body read (and dropped) before the connection is closed. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendOptions extends AddressRules {
  timeoutMs: number;
  /** Aborts the attempt (the server stopping). */
  signal?: AbortSignal;
}

/**
 * POSTs one delivery: the receiver URL is checked again (its form, and its host's addresses,
 * which may have changed since registration), the connection goes to the address that was
 * checked, redirects are not followed, and the whole attempt — resolving, connecting, TLS, and
 * waiting for the status — has `timeoutMs`. Never throws: failures are outcomes.
 */
export async function sendDelivery(
  receiver: string,
  headers: Record<string, string>,
  body: string,
  opts: SendOptions,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const outcome = (statusCode: number | null, error: string | null): AttemptOutcome => ({
    ok: error === null,
    statusCode,
    durationMs: Date.now() - started,
    error,
  });
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const why = () =>
    deadline.aborted
      ? `Timed out after ${opts.timeoutMs} ms without a response.`
      : 'Cancelled: the server is stopping.';
  try {
    const url = parseReceiverUrl(receiver, opts);
    const pinned = await abortable(checkReceiverHost(url, opts), signal, why);
    const status = await new Promise<number>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
          // A connection of its own, to the address checked: no socket reused from another host.
          agent: false,
          ...(pinned ? { lookup: pinnedLookup(pinned) as never } : {}),
          signal,
        },
        (res: IncomingMessage) => {
          // The status decides; the body is read a little and dropped.
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('error', () => undefined);
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (signal.aborted) reject(new ReceiverRefused(why()));
        else reject(new ReceiverRefused(describeNetworkError(err)));
      });
      req.end(body);
    });
    if (status >= 200 && status < 300) return outcome(status, null);
    if (status >= 300 && status < 400) {
      return outcome(status, `HTTP ${status}: redirects are not followed; register the final URL.`);
    }
    return outcome(status, `HTTP ${status}: the receiver answered with an error status.`);
  } catch (error) {
    const message =
      error instanceof ReceiverRefused ? error.message : `Failed: ${(error as Error).message}`;
    return outcome(null, message.slice(0, 1000));
  }
}

/** `work`, or a rejection as soon as `signal` aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal, why: () => string): Promise<T> {
  if (signal.aborted) return Promise.reject(new ReceiverRefused(why()));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ReceiverRefused(why()));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

function describeNetworkError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'Connection refused: nothing listens at the receiver.';
    case 'ECONNRESET':
      return 'The receiver closed the connection before answering.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The receiver's host could not be resolved (${err.code}).`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `The receiver cannot be reached (${err.code}).`;
    default:
      if (err.code?.startsWith('ERR_TLS') || /certificate|SSL|TLS/i.test(err.message)) {
        return `TLS failed: ${err.message}`;
      }
      return `Network error${err.code ? ` (${err.code})` : ''}: ${err.message}`;
  }
}
