import { PublicError } from './errors';
import { isRowId } from './row-id';

/**
 * Keyset (cursor) pagination over one ordered SQL source, following the Relay connection
 * spec: `first`/`after` forwards, `last`/`before` backwards, one statement per page.
 */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  items: { node: T; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** One ordering: a sort expression of a SQL type, with the row id as the tie-breaker. */
export interface KeysetOrder {
  /** SQL expression of the sort key, e.g. `t.name`. */
  key: string;
  /** SQL type the cursor's sort value is cast to, e.g. `text`, `timestamptz`, `bigint`. */
  type: string;
  /** SQL expression of the unique tie-breaker, e.g. `t.id`. */
  id: string;
  /**
   * The sort key alone is unique (a grid's code): rows are ordered by it without the tie-breaker,
   * so an index on the key serves the order with no sort. Cursors still carry the id.
   */
  unique?: boolean;
  descending?: boolean;
  /** Reads the sort value from a result row, for the row's cursor. */
  valueOf(row: Record<string, unknown>): string | number;
  idOf(row: Record<string, unknown>): string;
}

export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Whether a cursor's sort value can be what `order` sorts by (the statement casts it to `type`). */
function fitsOrder(value: unknown, type: string): value is string | number {
  switch (type) {
    case 'timestamptz':
      // Exactly as `encodeCursor` writes a Date; PostgreSQL knows no year 0.
      return (
        typeof value === 'string' &&
        /^[0-9]{4}-/.test(value) &&
        !value.startsWith('0000') &&
        !Number.isNaN(Date.parse(value)) &&
        new Date(value).toISOString() === value
      );
    case 'date':
      return (
        typeof value === 'string' &&
        /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) &&
        !value.startsWith('0000') &&
        !Number.isNaN(Date.parse(value)) &&
        new Date(value).toISOString().slice(0, 10) === value
      );
    case 'int':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1;
    case 'bigint':
      // A row id, as records carry it: decimal digits within a bigint.
      return typeof value === 'string' && isRowId(value);
    default:
      // PostgreSQL refuses the NUL character in text.
      return (typeof value === 'string' && !value.includes('\0')) || Number.isFinite(value);
  }
}

function decodeCursor(cursor: string, arg: string, order: KeysetOrder): [string | number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      fitsOrder(parsed[0], order.type) &&
      typeof parsed[1] === 'string' &&
      isRowId(parsed[1])
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // fall through to the error below
  }
  // A cursor of another ordering is as wrong as a made-up one.
  throw new PublicError(
    'BAD_USER_INPUT',
    `"${arg}" is not a cursor returned by this connection in this order.`,
    { argument: arg },
  );
}

/** Checks the Relay arguments and returns how many rows to take, in which direction. */
export function pageWindow(req: PageRequest): { size: number; backwards: boolean } {
  const { first, last } = req;
  if (first != null && last != null) {
    throw new PublicError('BAD_USER_INPUT', 'Pass either "first" or "last", not both.');
  }
  for (const [arg, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw new PublicError(
        'BAD_USER_INPUT',
        `"${arg}" must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`,
        { argument: arg, max: MAX_PAGE_SIZE },
      );
    }
  }
  if (last != null) return { size: last, backwards: true };
  return { size: first ?? DEFAULT_PAGE_SIZE, backwards: false };
}

/**
 * Adds the cursor bounds and ORDER/LIMIT for `req` to a query. `params` is extended in place;
 * the caller runs `sql` and passes the rows to `toPage`.
 */
export function keysetClause(
  req: PageRequest,
  order: KeysetOrder,
  params: unknown[],
): { where: string[]; orderLimit: string; size: number; backwards: boolean } {
  const { size, backwards } = pageWindow(req);
  const where = cursorBounds(req, order, params);
  params.push(size + 1);
  return {
    where,
    orderLimit: `${readOrder(order, backwards)} LIMIT $${params.length}`,
    size,
    backwards,
  };
}

/** The conditions `after` and `before` put on the rows (checked cursors; appends parameters). */
export function cursorBounds(req: PageRequest, order: KeysetOrder, params: unknown[]): string[] {
  const where: string[] = [];
  const bound = (cursor: string, arg: string, forwards: boolean) => {
    const [value, id] = decodeCursor(cursor, arg, order);
    params.push(value, id);
    const op = forwards !== Boolean(order.descending) ? '>' : '<';
    where.push(
      `(${order.key}, ${order.id}) ${op} ($${params.length - 1}::${order.type}, $${params.length}::bigint)`,
    );
  };
  if (req.after) bound(req.after, 'after', true);
  if (req.before) bound(req.before, 'before', false);
  return where;
}

/** `ORDER BY` of a page's read: backwards pages are read in reverse and flipped back after. */
export function readOrder(order: KeysetOrder, backwards: boolean): string {
  const dir = backwards !== Boolean(order.descending) ? 'DESC' : 'ASC';
  return order.unique
    ? `ORDER BY ${order.key} ${dir}`
    : `ORDER BY ${order.key} ${dir}, ${order.id} ${dir}`;
}

/**
 * A row's cursor built in SQL, byte for byte what `encodeCursor` writes: base64url (no padding)
 * of the JSON array of the sort value and the id. Timestamps as `toISOString` writes them.
 */
export function cursorSql(order: KeysetOrder): string {
  const value =
    order.type === 'timestamptz'
      ? `to_char(date_trunc('milliseconds', ${order.key}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : order.type === 'int'
        ? order.key
        : `(${order.key})::text`;
  const json = `'[' || to_json(${value})::text || ',' || to_json((${order.id})::text)::text || ']'`;
  return `translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/=\n', '-_')`;
}

export function toPage<R extends Record<string, unknown>, T>(
  rows: R[],
  req: PageRequest,
  order: KeysetOrder,
  window: { size: number; backwards: boolean },
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > window.size;
  const taken = more ? rows.slice(0, window.size) : rows;
  if (window.backwards) taken.reverse();
  return {
    items: taken.map((row) => ({
      node: map(row),
      cursor: encodeCursor(order.valueOf(row), order.idOf(row)),
    })),
    hasNextPage: window.backwards ? req.before != null : more,
    hasPreviousPage: window.backwards ? more : req.after != null,
  };
}

/**
 * Ordering by creation time. The key is cut to milliseconds, the precision a cursor carries
 * (PostgreSQL keeps microseconds): otherwise a page could repeat the row its cursor came from.
 */
export function createdAtOrder(alias: string): Omit<KeysetOrder, 'descending'> {
  return {
    key: `date_trunc('milliseconds', ${alias}.created_at)`,
    type: 'timestamptz',
    id: `${alias}.id`,
    valueOf: (r) => (r.createdAt as Date).toISOString(),
    idOf: (r) => r.id as string,
  };
}
