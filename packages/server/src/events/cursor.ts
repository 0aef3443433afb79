/**
 * An event's place in the stream as clients see it: opaque, ordered like the stream
 * (`tx_id`, then `id`). Subscriptions, `events(after:)` and webhook deliveries all carry it, so a
 * client resumes from the last one it saw with no gap and no duplicate.
 */
export interface StreamPosition {
  /** The transaction that wrote the event (PostgreSQL's xid8, as digits). */
  txId: string;
  /** The event's id (bigint, as digits). */
  id: string;
}

/** The cursor of an event, or of any stream position. */
export function eventCursor(position: StreamPosition): string {
  return Buffer.from(`ev:${position.txId}:${position.id}`).toString('base64url');
}

const DIGITS = /^(0|[1-9][0-9]{0,19})$/;
/** The largest xid8 and bigint: a position past them names nothing the stream can hold. */
const MAX_XID8 = 18446744073709551615n;
const MAX_BIGINT = 9223372036854775807n;

/** The position a cursor names, or null when the text is not a cursor of this stream. */
export function parseEventCursor(cursor: string): StreamPosition | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor)) return null;
  const match = /^ev:([0-9]+):([0-9]+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !DIGITS.test(match[1]!) || !DIGITS.test(match[2]!)) return null;
  if (BigInt(match[1]!) > MAX_XID8 || BigInt(match[2]!) > MAX_BIGINT) return null;
  return { txId: match[1]!, id: match[2]! };
}

/** Stream order: negative when `a` comes before `b`. */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return compareDigits(a.txId, b.txId) || compareDigits(a.id, b.id);
}

/** Compares two unsigned integers written in digits without leading zeros, as numbers. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
