import type DataLoader from 'dataloader';
import { batchLoader, query, type Context } from './context';
import {
  keysetClause,
  pageWindow,
  toPage,
  type KeysetOrder,
  type Page,
  type PageRequest,
} from './keyset';
import { visibleSql, type AreaName } from './policy';
import { scopeSql } from './tenancy';

/**
 * How to read one tenant table: its select list (aliased to the record's property names) and the
 * orderings it offers. Services build their reads from this, so scoping and paging are written
 * once.
 */
export interface TableSpec<R> {
  /** `FROM` target with alias, e.g. `grid g`. */
  from: string;
  /** Alias used in column expressions, e.g. `g`. */
  alias: string;
  /** Select list producing the record's fields, e.g. `g.id::text AS id, g.name`. */
  columns: string;
  /**
   * `from` without the joins that only add columns to its rows, and the joined aliases: each row
   * has exactly one joined row, visible whenever the row is (e.g. a participant's person, by a
   * foreign key within the row's street). A read that uses none of these aliases may read `from`
   * here instead, and skip a lookup per row.
   */
  bare?: { from: string; joined: readonly string[] };
  orders: Record<string, Omit<KeysetOrder, 'descending'>>;
  /**
   * Which read rule of policy.ts applies (grid workers see a subtree, residents themselves …): a
   * core area, or one a module registered.
   */
  area?: AreaName;
  /** Alias the read rule applies to, when it is a joined table's (e.g. an assignment's grid). */
  areaAlias?: string;
  /** Rows every caller may read, not a tenant's (the streets themselves): no scope, no rule. */
  public?: boolean;
  /** Post-processing of a raw row (e.g. numeric strings to numbers). */
  map?: (row: Record<string, unknown>) => R;
}

export interface Ordering {
  field: string;
  descending: boolean;
}

/**
 * What every read of `spec` adds: the street scope and the role's read rule (tables without an
 * area are for staff). Appends their parameters. Hand-written reads of a spec's table use it too.
 */
export function readableSql<R>(ctx: Context, spec: TableSpec<R>, params: unknown[]): string[] {
  if (spec.public) return [];
  return [scopeSql(ctx, `${spec.alias}.street_id`, params), readRuleSql(ctx, spec, params)].filter(
    (c): c is string => c !== null,
  );
}

/** The role's read rule over `spec`'s rows, the street scope aside; null when it allows all. */
function readRuleSql<R>(ctx: Context, spec: TableSpec<R>, params: unknown[]): string | null {
  if (spec.public) return null;
  return spec.area
    ? visibleSql(ctx, spec.area, spec.areaAlias ?? spec.alias, params)
    : staffOnly(ctx);
}

/**
 * Which of `ids` the role's read rule lets the viewer see among `spec`'s rows (the caller checks
 * the street). Costs a statement only for rules narrower than the street (subtree, self).
 */
export async function readableIds<R>(
  ctx: Context,
  spec: TableSpec<R>,
  ids: readonly string[],
): Promise<Set<string>> {
  const params: unknown[] = [ids];
  const rule = readRuleSql(ctx, spec, params);
  if (rule === null) return new Set(ids);
  if (rule === 'false' || ids.length === 0) return new Set();
  const rows = await query<{ id: string }>(
    ctx,
    `SELECT ${spec.alias}.id::text AS id FROM ${spec.from}
     WHERE ${spec.alias}.id = ANY($1::bigint[]) AND ${rule}`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}

/** Whether the role's read rule lets the viewer see row `id` of `spec` (see `readableIds`). */
export async function readRuleAllows<R>(
  ctx: Context,
  spec: TableSpec<R>,
  id: string,
): Promise<boolean> {
  return (await readableIds(ctx, spec, [id])).has(id);
}

const access = readableSql;

/** Tables without an area are for staff: callers with a role but no staff duties see nothing. */
function staffOnly(ctx: Context): string | null {
  const role = ctx.viewer.role;
  return role === 'RESIDENT' || role === 'VOLUNTEER' ? 'false' : null;
}

const where = (parts: (string | null)[]) => {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.length ? `WHERE ${kept.join(' AND ')}` : '';
};

const mapRows = <R>(spec: TableSpec<R>, rows: Record<string, unknown>[]): R[] =>
  spec.map ? rows.map(spec.map) : (rows as R[]);

/** A keyed order for `spec`, with a tie-breaking id. */
function orderOf<R>(spec: TableSpec<R>, ordering: Ordering): KeysetOrder {
  const base = spec.orders[ordering.field];
  if (!base) throw new Error(`Unknown ordering ${ordering.field} for ${spec.from}`);
  return { ...base, descending: ordering.descending };
}

/** The records with these ids that the viewer may see, in the order of `ids` (null where not). */
export function byIdLoader<R>(spec: TableSpec<R>) {
  return (ctx: Context) =>
    batchLoader<string, R | null>(ctx, async (ids) => {
      const params: unknown[] = [ids];
      const sql = `SELECT ${spec.columns} FROM ${spec.from}
        ${where([`${spec.alias}.id = ANY($1::bigint[])`, ...access(ctx, spec, params)])}`;
      const rows = mapRows(spec, await query<Record<string, unknown>>(ctx, sql, params));
      const found = new Map(rows.map((r) => [(r as { id: string }).id, r]));
      return ids.map((id) => found.get(id) ?? null);
    });
}

/** One page of `spec` rows matching `filters` (SQL conditions over `params`), in the viewer's scope. */
export async function listPage<R>(
  ctx: Context,
  spec: TableSpec<R>,
  filters: string[],
  params: unknown[],
  ordering: Ordering,
  page: PageRequest,
): Promise<Page<R>> {
  const order = orderOf(spec, ordering);
  const scope = access(ctx, spec, params);
  const clause = keysetClause(page, order, params);
  const rows = await query<Record<string, unknown>>(
    ctx,
    `SELECT ${spec.columns} FROM ${spec.from} ${where([...filters, ...scope, ...clause.where])} ${clause.orderLimit}`,
    params,
  );
  // Cursors are read from the raw rows; nodes go through `map`.
  return toPage(rows, page, order, clause, (row) => (spec.map ? spec.map(row) : (row as R)));
}

/** How many `spec` rows match `filters` in the viewer's scope. */
export async function countRows<R>(
  ctx: Context,
  spec: TableSpec<R>,
  filters: string[],
  params: unknown[],
): Promise<number> {
  const scope = access(ctx, spec, params);
  const [row] = await query<{ n: number }>(
    ctx,
    `SELECT count(*)::int AS n FROM ${spec.from} ${where([...filters, ...scope])}`,
    params,
  );
  return row!.n;
}

/**
 * The `list` and `count` reads of `spec` under a service's filter type, for the service object to
 * spread in: every top-level connection filters, scopes and pages the same way.
 */
export function filteredReads<R, F>(
  spec: TableSpec<R>,
  filterSql: (filter: F, params: unknown[]) => string[],
) {
  return {
    list(ctx: Context, filter: F, ordering: Ordering, page: PageRequest): Promise<Page<R>> {
      const params: unknown[] = [];
      return listPage(ctx, spec, filterSql(filter, params), params, ordering, page);
    },

    count(ctx: Context, filter: F): Promise<number> {
      const params: unknown[] = [];
      return countRows(ctx, spec, filterSql(filter, params), params);
    },
  };
}

/**
 * The same reads under one parent, e.g. a street's organizations: `groups` names the columns
 * rows hang from. Batched across parents (see `childPages`), so the field on a page of streets
 * costs one statement, not one per street.
 */
export function groupedReads<R, F, G extends string>(
  spec: TableSpec<R>,
  filterSql: (filter: F, params: unknown[]) => string[],
  groups: Record<G, string>,
) {
  const childFilter = (filter: F): ChildFilter => ({
    key: JSON.stringify(filter),
    sql: (params) => filterSql(filter, params),
  });
  return {
    pageOf(
      ctx: Context,
      group: G,
      id: string,
      filter: F,
      ordering: Ordering,
      page: PageRequest,
    ): Promise<Page<R>> {
      return childPages(ctx, spec, groups[group], childFilter(filter), ordering, page).load(id);
    },

    countOf(ctx: Context, group: G, id: string, filter: F): Promise<number> {
      return childCounts(ctx, spec, groups[group], childFilter(filter)).load(id);
    },
  };
}

/**
 * Pages of children for many parents in one statement (one per nested connection and set of
 * arguments, whatever the number of parents): rows are numbered per parent in SQL and cut at the
 * page size. Keeps a nested query's round trips bounded by its depth.
 */
export function childPages<R>(
  ctx: Context,
  spec: TableSpec<R>,
  parentColumn: string,
  filter: ChildFilter,
  ordering: Ordering,
  page: PageRequest,
): DataLoader<string, Page<R>> {
  const key = `pages:${spec.from}:${parentColumn}:${JSON.stringify([filter.key, ordering, page])}`;
  return memo(ctx, key, () =>
    batchLoader<string, Page<R>>(ctx, async (parentIds) => {
      const params: unknown[] = [parentIds];
      const order = orderOf(spec, ordering);
      const conditions = filter.sql(params);
      const scope = access(ctx, spec, params);
      const clause = keysetClause(page, order, params);
      const limitParam = params.length; // keysetClause pushed the limit (size + 1) last
      const orderBy = clause.orderLimit.replace(/^ORDER BY /, '').replace(/ LIMIT \$\d+$/, '');
      const sql = `SELECT * FROM (
          SELECT ${spec.columns}, ${parentColumn}::text AS "__parent",
            row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderBy}) AS "__n"
          FROM ${spec.from}
          ${where([`${parentColumn} = ANY($1::bigint[])`, ...conditions, ...scope, ...clause.where])}
        ) x WHERE "__n" <= $${limitParam} ORDER BY "__parent", "__n"`;
      const rows = await query<Record<string, unknown>>(ctx, sql, params);
      const byParent = new Map<string, Record<string, unknown>[]>();
      for (const row of rows) {
        const parent = row.__parent as string;
        let list = byParent.get(parent);
        if (!list) byParent.set(parent, (list = []));
        list.push(row);
      }
      const window = pageWindow(page);
      return parentIds.map((id) =>
        toPage(byParent.get(id) ?? [], page, order, { ...window }, (row) =>
          spec.map ? spec.map(row) : (row as R),
        ),
      );
    }),
  );
}

/** Counts of children per parent, in one statement for many parents. */
export function childCounts<R>(
  ctx: Context,
  spec: TableSpec<R>,
  parentColumn: string,
  filter: ChildFilter,
): DataLoader<string, number> {
  const key = `counts:${spec.from}:${parentColumn}:${filter.key}`;
  return memo(ctx, key, () =>
    batchLoader<string, number>(ctx, async (parentIds) => {
      const params: unknown[] = [parentIds];
      const conditions = filter.sql(params);
      const scope = access(ctx, spec, params);
      const rows = await query<{ parent: string; n: number }>(
        ctx,
        `SELECT ${parentColumn}::text AS parent, count(*)::int AS n FROM ${spec.from}
         ${where([`${parentColumn} = ANY($1::bigint[])`, ...conditions, ...scope])} GROUP BY ${parentColumn}`,
        params,
      );
      const counts = new Map(rows.map((r) => [r.parent, r.n]));
      return parentIds.map((id) => counts.get(id) ?? 0);
    }),
  );
}

/**
 * Extra conditions of a nested connection. `key` must identify the conditions' values (it keys
 * the request's loader), `sql` appends their parameters and returns the SQL conditions.
 */
export interface ChildFilter {
  key: string;
  sql: (params: unknown[]) => string[];
}

/** The request's loader under `key`, created by `make` on first use. */
export function memo<K, V>(
  ctx: Context,
  key: string,
  make: () => DataLoader<K, V>,
): DataLoader<K, V> {
  let found = ctx.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!found) {
    found = make();
    ctx.loaders.set(key, found as DataLoader<unknown, unknown>);
  }
  return found;
}
