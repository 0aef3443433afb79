/**
 * An event's place in the stream, as clients see it: the `cursor` of a webhook delivery and of a
 * subscription's event, from which a reader resumes (`events(after:)`). It encodes the position
 * the relay reads by — the writing transaction (`tx_id`, xid8) and the event's id — as
 * `base64url("<txId>:<eventId>")`. Clients must treat it as opaque.
 */
export interface EventPosition {
  /** The transaction that wrote the event (PostgreSQL's xid8, as decimal text). */
  txId: string;
  /** The event's row id (bigint, as decimal text). */
  id: string;
}

const MAX_XID8 = 18446744073709551615n; // 2^64 - 1
const MAX_BIGINT = 9223372036854775807n; // 2^63 - 1
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;

/** Whether `text` is a decimal number from 0 to `max`, without leading zeros. */
function fits(text: string, max: bigint): boolean {
  return DECIMAL.test(text) && BigInt(text) <= max;
}

/** The cursor of a stored event: `base64url("<txId>:<id>")`. */
export function eventCursor(e: { txId: string; id: string }): string {
  if (!fits(e.txId, MAX_XID8) || !fits(e.id, MAX_BIGINT)) {
    throw new Error(`Not an event position: ${JSON.stringify([e.txId, e.id])}`);
  }
  return Buffer.from(`${e.txId}:${e.id}`).toString('base64url');
}

/**
 * The position a cursor names, or null when it is not one of ours (wrong alphabet, padding,
 * numbers out of range, leading zeros): the caller answers that as bad input.
 */
export function decodeEventCursor(cursor: string): EventPosition | null {
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // The same text encodes back to the same cursor: no second spelling of one position.
  if (Buffer.from(text).toString('base64url') !== cursor) return null;
  const match = /^([0-9]+):([0-9]+)$/.exec(text);
  if (!match || !fits(match[1]!, MAX_XID8) || !fits(match[2]!, MAX_BIGINT)) return null;
  return { txId: match[1]!, id: match[2]! };
}

/** A position in the stream (what a cursor names). */
export type StreamPosition = EventPosition;

/** Stream order: negative when `a` comes before `b`. */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  return compareDigits(a.txId, b.txId) || compareDigits(a.id, b.id);
}

/** Compares two unsigned integers written in digits without leading zeros, as numbers. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
