import type { Context } from '../../domain/shared/context';
import {
  cursorBounds,
  cursorSql,
  pageWindow,
  readOrder,
  type PageRequest,
} from '../../domain/shared/keyset';
import {
  connectionOrder,
  relationConditions,
  type ConnectionRelation,
  type ListRelation,
  type ObjectRelation,
  type Relation,
  type RelationArgs,
} from '../relay/read-model';
import type { TableSpec } from '../../domain/shared/table';

/**
 * Building a direct read's statement. Every relation is a correlated subquery over its table
 * (under the spec's alias, with the viewer's read rule), wrapped in a uniquely named row alias
 * that the fields below refer to; PostgreSQL builds the JSON of the whole response.
 */

// What a plan is made of (graphql/direct/plan.ts builds it; this file renders it).

/** A `'key', expression` pair of `json_build_object`, given the row alias; undefined gives up. */
export interface Entry {
  key: string;
  /** A value known without SQL (the root's `__typename`). */
  constant?: string;
  /** A relation (its own rows), not a value of the row. */
  nested?: true;
  /** `row` is the parent row's alias; null at the root. */
  sql(row: string | null, b: Build): string | undefined;
}

/** What a page tells of itself, computed from its rows. */
export type PageFact = 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor';

/** A part of an edge: its cursor, its node, or its type name. */
export type EdgePart =
  | { key: string; cursor: true }
  | { key: string; node: Entry[] }
  | { key: string; constant: string };

export interface ConnectionPlan {
  /** The response keys in the order selected (the response keeps it). */
  order: string[];
  nodes: { key: string; entries: Entry[] }[];
  edges: { key: string; parts: EdgePart[] }[];
  totalCount: string[];
  /** Keys of `__typename`. */
  typename: string[];
  pageInfo: {
    key: string;
    entries: ({ key: string; constant: string } | { key: string; fact: PageFact })[];
  }[];
}

/** One statement being built: its parameters, the request's coerced variables, alias names. */
export class Build {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(
    readonly ctx: Context,
    readonly variables: Record<string, unknown>,
  ) {}

  /** A row alias no other level uses. */
  alias(): string {
    return `r${++this.aliases}`;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  private readonly levels: Level[] = [];

  /** Starts a level whose rows are `row`; objects on them may be joined to it. */
  openLevel(row: string): Level {
    const level: Level = { row, joins: [], aliases: new Set() };
    this.levels.push(level);
    return level;
  }

  closeLevel(): void {
    this.levels.pop();
  }

  /** The level being built, if its rows are `row`. */
  levelOf(row: string | null): Level | undefined {
    const level = this.levels[this.levels.length - 1];
    return level && level.row === row ? level : undefined;
  }
}

/** A list or connection being built: its rows' alias and the objects joined to them. */
interface Level {
  row: string;
  /** `LEFT JOIN …` clauses over the level's rows. */
  joins: string[];
  /** Table aliases the joins use (one join per alias). */
  aliases: Set<string>;
}

/**
 * The `FROM` of a read of `table` whose SQL is `texts`: without the table's column-only joins
 * when none of their aliases is used (a participant's person, when neither its name is read nor
 * ordered by).
 */
function fromOf(table: TableSpec<unknown>, ...texts: string[]): string {
  const bare = table.bare;
  if (!bare) return table.from;
  const sql = texts.join(' ');
  return bare.joined.some((a) => new RegExp(`\\b${a}\\.`).test(sql)) ? table.from : bare.from;
}

/** `json_build_object(...)` of the entries over `row`; undefined if one gives up. */
export function objectOf(b: Build, entries: Entry[], row: string | null): string | undefined {
  const parts: string[] = [];
  for (const e of entries) {
    const sql = e.sql(row, b);
    if (sql === undefined) return undefined;
    parts.push(`'${e.key}', ${sql}`);
  }
  return `json_build_object(${parts.join(', ')})`;
}

/**
 * The select list of a level's rows: only the columns the SQL above them reads (`row.column`;
 * row aliases are ours and unique). Narrow rows cut PostgreSQL's time on the organizations
 * statement by a tenth here, against `alias.*`. Not the id unless read: some tables have none
 * (activity participants).
 */
function columnsRead(sql: string, row: string, alias: string): string {
  const used = new Set<string>();
  // `__n`, `__c`, `__o1` … are the level's own (row number, cursor, sort keys), not columns.
  for (const m of sql.matchAll(new RegExp(`\\b${row}\\.([a-z_][a-z0-9_]*)`, 'g')))
    if (!m[1]!.startsWith('__')) used.add(m[1]!);
  // A select list needs an item.
  return used.size ? [...used].map((c) => `${alias}.${c}`).join(', ') : 'NULL AS __none';
}

/** The same as a `WHERE` clause. */
function conditions(
  b: Build,
  relation: Relation,
  args: RelationArgs,
  parent: string | null,
): string | undefined {
  const all = relationConditions(b.ctx, relation, args, parent, b.params);
  if (!all) return undefined;
  return all.length ? `WHERE ${all.join(' AND ')}` : '';
}

/**
 * A page of a connection, forwards (`first`, `after`) or backwards (`last`, `before`): rows
 * numbered in the order read, one more than the page to know whether more follow, cursors built
 * in SQL. Wrong arguments throw the ordinary path's errors (it then answers and explains).
 */
export function connectionSql(
  b: Build,
  relation: ConnectionRelation,
  plan: ConnectionPlan,
  args: RelationArgs,
  parent: string | null,
): string | undefined {
  const request = args as PageRequest;
  const { size, backwards } = pageWindow(request);
  const table = relation.model.table;
  const order = connectionOrder(relation, args.orderBy);
  if (!order) return undefined;
  const all = relationConditions(b.ctx, relation, args, parent, b.params);
  if (!all) return undefined;
  const bounds = cursorBounds(request, order, b.params);
  const clause = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');
  const orderBy = readOrder(order, backwards).slice('ORDER BY '.length);
  const limit = b.param(size);
  const row = b.alias();
  // Rows are numbered (a window over the read) only where the page needs the numbers: to tell
  // whether more rows follow (one row past the page is read, and left out of it), for the first
  // and last cursors, and for a backwards page (read in reverse). Otherwise exactly the page is
  // read, and its rows are aggregated in the order of their sort keys: the window and its sort
  // cost each page PostgreSQL's time and memory, on every nested page.
  const numbered =
    backwards ||
    plan.pageInfo.some((i) => i.entries.some((e) => 'fact' in e && e.fact !== 'hasPreviousPage'));
  const dir = order.descending ? ' DESC' : '';
  // In the page's order: a backwards page was read in reverse.
  const pageOrder = numbered
    ? `${row}.__n${backwards ? ' DESC' : ''}`
    : order.unique
      ? `${row}.__o1${dir}`
      : `${row}.__o1${dir}, ${row}.__o2${dir}`;
  const inPage = numbered ? ` FILTER (WHERE ${row}.__n <= ${limit})` : '';
  const wantsCursor =
    plan.edges.some((e) => e.parts.some((p) => 'cursor' in p)) ||
    plan.pageInfo.some((i) => i.entries.some((e) => 'fact' in e && e.fact.endsWith('Cursor')));

  // Values by response key, put in the order selected below.
  const values = new Map<string, string>();
  const level = b.openLevel(row);
  const nodes = plan.nodes.map((n) => ({ key: n.key, node: objectOf(b, n.entries, row) }));
  const edges = plan.edges.map((e) => ({
    key: e.key,
    parts: e.parts.map((p) => ({
      key: p.key,
      sql:
        'cursor' in p ? `${row}.__c` : 'node' in p ? objectOf(b, p.node, row) : literal(p.constant),
    })),
  }));
  b.closeLevel();
  for (const { key, node } of nodes) {
    if (!node) return undefined;
    values.set(key, `coalesce(json_agg(${node} ORDER BY ${pageOrder})${inPage}, '[]'::json)`);
  }
  for (const { key, parts } of edges) {
    if (parts.some((p) => p.sql === undefined)) return undefined;
    const edge = `json_build_object(${parts.map((p) => `'${p.key}', ${p.sql!}`).join(', ')})`;
    values.set(key, `coalesce(json_agg(${edge} ORDER BY ${pageOrder})${inPage}, '[]'::json)`);
  }
  const joins = level.joins.join(' ');
  // The count is of every row the filter matches, whatever the cursors. Without a cursor the
  // page is read from the start (or the end), so a page that came out short holds every row:
  // its count is the total, and the counting subquery (a second scan) runs only for a full page.
  const countAll = `(SELECT count(*)::int FROM ${fromOf(table, ...all)} ${clause(all)})`;
  const short = numbered ? `count(*) <= ${limit}` : `count(*) < ${limit}`;
  const total =
    bounds.length === 0 ? `CASE WHEN ${short} THEN count(*)::int ELSE ${countAll} END` : countAll;
  for (const key of plan.totalCount) values.set(key, total);
  for (const key of plan.typename) values.set(key, literal(relation.connectionType));
  const more = `count(*) > ${limit}`;
  // Whether a page fact aggregates the rows (a constant does not).
  let aggregates = false;
  const fact = (f: PageFact): string => {
    aggregates ||= !(f === (backwards ? 'hasNextPage' : 'hasPreviousPage'));
    switch (f) {
      case 'hasNextPage':
        return backwards ? String(request.before != null) : more;
      case 'hasPreviousPage':
        return backwards ? more : String(request.after != null);
      case 'startCursor':
        return `(array_agg(${row}.__c ORDER BY ${pageOrder})${inPage})[1]`;
      case 'endCursor':
        return `(array_agg(${row}.__c ORDER BY ${row}.__n${backwards ? '' : ' DESC'})${inPage})[1]`;
    }
  };
  for (const info of plan.pageInfo) {
    const entries = info.entries.map(
      (e) => `'${e.key}', ${'fact' in e ? fact(e.fact) : literal(e.constant)}`,
    );
    values.set(info.key, `json_build_object(${entries.join(', ')})`);
  }
  const parts = plan.order.map((key) => `'${key}', ${values.get(key)!}`);
  const outer = parts.join(', ');
  const cursor = wantsCursor ? `, ${cursorSql(order)} AS __c` : '';
  // One row whatever the page holds: aggregates make one; without them, `GROUP BY ()`.
  const aggregated = nodes.length > 0 || edges.length > 0 || aggregates;
  const position = numbered
    ? `row_number() OVER (ORDER BY ${orderBy}) AS __n`
    : `${order.key} AS __o1, ${order.id} AS __o2`;
  const where = clause([...all, ...bounds]);
  return `(SELECT json_build_object(${outer}) FROM (
    SELECT ${columnsRead(outer + joins, row, table.alias)}, ${position}${cursor}
    FROM ${fromOf(table, where, orderBy, position, cursor)} ${where} ORDER BY ${orderBy} LIMIT ${limit}${numbered ? ' + 1' : ''}) ${row} ${joins}${aggregated ? '' : ' GROUP BY ()'})`;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A plain list in the relation's order. */
export function listSql(
  b: Build,
  relation: ListRelation,
  entries: Entry[],
  args: RelationArgs,
  parent: string | null,
): string | undefined {
  const where = conditions(b, relation, args, parent);
  if (where === undefined) return undefined;
  const row = b.alias();
  const level = b.openLevel(row);
  const node = objectOf(b, entries, row);
  b.closeLevel();
  if (!node) return undefined;
  const table = relation.model.table;
  const joins = level.joins.join(' ');
  // The rows are aggregated in the order of their sort keys, read with them (no window: its sort
  // would come on top of the aggregate's own).
  const keys = orderItems(relation.orderBy);
  const select = keys.map((k, i) => `${k.expression} AS __o${i + 1}`).join(', ');
  const order = keys.map((k, i) => `${row}.__o${i + 1}${k.direction}`).join(', ');
  return `(SELECT coalesce(json_agg(${node} ORDER BY ${order}), '[]'::json) FROM (
    SELECT ${columnsRead(node + joins, row, table.alias)}, ${select}
    FROM ${fromOf(table, where, select)} ${where}) ${row} ${joins})`;
}

/**
 * The items of an `ORDER BY` list (`array_position(ARRAY['A','B'], a.role), a.id DESC`): each
 * expression, and what follows it (direction, nulls), split at the commas outside parentheses,
 * brackets, string literals and quoted names.
 */
export function orderItems(list: string): { expression: string; direction: string }[] {
  const items: string[] = [];
  let depth = 0;
  // The quote a string literal or a quoted name is in ('' and "" inside close and reopen it).
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      items.push(list.slice(start, i));
      start = i + 1;
    }
  }
  items.push(list.slice(start));
  return items.map((item) => {
    const m = /^(.*?)((?:\s+(?:ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?)\s*$/is.exec(item.trim())!;
    return { expression: m[1]!, direction: m[2]! };
  });
}

/**
 * One object, or null when there is none the viewer may see. On the rows of a list or page it is
 * joined to them (one index lookup each, after the page is cut), when it has no relations of its
 * own and its table's alias is not joined there already; elsewhere it is a subquery.
 */
export function objectSql(
  b: Build,
  relation: ObjectRelation,
  entries: Entry[],
  args: RelationArgs,
  parent: string | null,
): string | undefined {
  const table = relation.model.table;
  const level = b.levelOf(parent);
  if (level && !level.aliases.has(table.alias) && entries.every((e) => !e.nested)) {
    const on = relationConditions(b.ctx, relation, args, parent, b.params);
    if (!on) return undefined;
    const node = objectOf(b, entries, table.alias);
    if (!node) return undefined;
    level.aliases.add(table.alias);
    const condition = on.length ? on.join(' AND ') : 'true';
    level.joins.push(`LEFT JOIN ${fromOf(table, condition, node)} ON ${condition}`);
    return `CASE WHEN ${table.alias}.id IS NULL THEN NULL ELSE ${node} END`;
  }
  const where = conditions(b, relation, args, parent);
  if (where === undefined) return undefined;
  const row = b.alias();
  const node = objectOf(b, entries, row);
  if (!node) return undefined;
  return `(SELECT ${node} FROM (SELECT ${columnsRead(node, row, table.alias)} FROM ${fromOf(table, where)} ${where} LIMIT 1) ${row})`;
}
