import type DataLoader from 'dataloader';
import { batchLoader, query, type Context } from '../../domain/shared/context';
import {
  cursorBounds,
  pageWindow,
  readOrder,
  toPage,
  type Page,
  type PageRequest,
} from '../../domain/shared/keyset';
import { memo } from '../../domain/shared/table';
import type { ConnectionShape } from './connection';
import { toConnection } from './connection';
import {
  connectionOrder,
  relationConditions,
  type ConnectionRelation,
  type ListRelation,
  type Relation,
  type RelationArgs,
  type RelationField,
} from './read-model';

/**
 * Resolvers' reads of a relation, from the same declaration the one-statement planner uses: for
 * all the parents a level of the response holds, one statement (a lateral subquery per parent
 * row, under the declared conditions, the viewer's read rule and the page's cursor bounds). So
 * a relation's meaning is written once, and a nested query's round trips stay bounded by its
 * depth whichever way it is answered.
 */

/** The parent rows' table: the first word of the parent read model's `FROM`. */
function parentTable(field: RelationField): string {
  if (!field.parent) throw new Error(`${field.on}.${field.field} has no parent rows to load by`);
  return field.parent.table.from.trim().split(/\s+/)[0]!;
}

/** The relation's conditions over the parent alias, with the target's read rule unless shared. */
function conditions(
  ctx: Context,
  relation: Relation,
  args: RelationArgs,
  params: unknown[],
): string[] {
  const all = relationConditions(ctx, relation, args, '__p', params);
  if (!all) throw new Error(`The relation's declaration cannot express these arguments`);
  return all;
}

const whereOf = (list: string[]) => (list.length ? `WHERE ${list.join(' AND ')}` : '');

/** Rows grouped by their `__parent`, in the order of `parentIds`. */
function byParent<T>(
  parentIds: readonly string[],
  rows: Record<string, unknown>[],
  map: (rows: Record<string, unknown>[]) => T,
): T[] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const parent = row.__parent as string;
    let list = groups.get(parent);
    if (!list) groups.set(parent, (list = []));
    list.push(row);
  }
  return parentIds.map((id) => map(groups.get(id) ?? []));
}

function relationOf<K extends Relation['kind']>(
  field: RelationField,
  kind: K,
): Extract<Relation, { kind: K }> {
  const relation = field.relation();
  if (relation.kind !== kind) {
    throw new Error(`${field.on}.${field.field} is a ${relation.kind}, not a ${kind}`);
  }
  return relation as Extract<Relation, { kind: K }>;
}

/** The records of a list relation of the parent row `parentId`, in the declared order. */
export function loadList<R>(
  ctx: Context,
  field: RelationField,
  parentId: string,
  args: RelationArgs = {},
): Promise<R[]> {
  const key = `relation:${field.on}.${field.field}:${JSON.stringify(args)}`;
  const loader = memo(ctx, key, () =>
    batchLoader<string, R[]>(ctx, async (parentIds) => {
      const relation: ListRelation = relationOf(field, 'list');
      const spec = relation.model.table;
      const params: unknown[] = [parentIds];
      const where = whereOf(conditions(ctx, relation, args, params));
      const rows = await query<Record<string, unknown>>(
        ctx,
        `SELECT __p.id::text AS "__parent", t.* FROM ${parentTable(field)} __p
         CROSS JOIN LATERAL (
           SELECT ${spec.columns}, row_number() OVER (ORDER BY ${relation.orderBy}) AS "__n"
           FROM ${spec.from} ${where}) t
         WHERE __p.id = ANY($1::bigint[]) ORDER BY __p.id, t."__n"`,
        params,
      );
      return byParent(parentIds, rows, (list) => (spec.map ? list.map(spec.map) : list) as R[]);
    }),
  ) as DataLoader<string, R[]>;
  return loader.load(parentId);
}

/** A connection field's arguments (an `@ArgsType` class): paging, `orderBy` and its own. */
type ConnectionArgs = PageRequest & object;

/** A page of a connection relation of the parent row `parentId`. */
export function loadPage<R>(
  ctx: Context,
  field: RelationField,
  parentId: string,
  connectionArgs: ConnectionArgs,
): Promise<Page<R>> {
  const args = connectionArgs as RelationArgs;
  const { first, after, last, before } = connectionArgs;
  const page: PageRequest = { first, after, last, before };
  const key = `relation-page:${field.on}.${field.field}:${JSON.stringify(args)}`;
  const loader = memo(ctx, key, () =>
    batchLoader<string, Page<R>>(ctx, async (parentIds) => {
      const relation: ConnectionRelation = relationOf(field, 'connection');
      const spec = relation.model.table;
      const order = connectionOrder(relation, args.orderBy);
      if (!order) throw new Error(`Unknown ordering ${String(args.orderBy)} for ${spec.from}`);
      const window = pageWindow(page);
      const params: unknown[] = [parentIds];
      const where = whereOf([
        ...conditions(ctx, relation, args, params),
        ...cursorBounds(page, order, params),
      ]);
      params.push(window.size + 1);
      const orderBy = readOrder(order, window.backwards);
      const rows = await query<Record<string, unknown>>(
        ctx,
        `SELECT __p.id::text AS "__parent", t.* FROM ${parentTable(field)} __p
         CROSS JOIN LATERAL (
           SELECT ${spec.columns}, row_number() OVER (${orderBy}) AS "__n"
           FROM ${spec.from} ${where} ${orderBy} LIMIT $${params.length}) t
         WHERE __p.id = ANY($1::bigint[]) ORDER BY __p.id, t."__n"`,
        params,
      );
      return byParent(parentIds, rows, (list) =>
        toPage(list, page, order, { ...window }, (row) => (spec.map ? spec.map(row) : row) as R),
      );
    }),
  ) as DataLoader<string, Page<R>>;
  return loader.load(parentId);
}

/** How many rows a connection relation has for the parent row `parentId`, whatever the page. */
export function loadCount(
  ctx: Context,
  field: RelationField,
  parentId: string,
  connectionArgs: ConnectionArgs,
): Promise<number> {
  const args = connectionArgs as RelationArgs;
  const { first: _f, after: _a, last: _l, before: _b, orderBy: _o, ...own } = args;
  const key = `relation-count:${field.on}.${field.field}:${JSON.stringify(own)}`;
  const loader = memo(ctx, key, () =>
    batchLoader<string, number>(ctx, async (parentIds) => {
      const relation: ConnectionRelation = relationOf(field, 'connection');
      const params: unknown[] = [parentIds];
      const where = whereOf(conditions(ctx, relation, own, params));
      const rows = await query<{ __parent: string; n: number }>(
        ctx,
        `SELECT __p.id::text AS "__parent",
           (SELECT count(*)::int FROM ${relation.model.table.from} ${where}) AS n
         FROM ${parentTable(field)} __p WHERE __p.id = ANY($1::bigint[])`,
        params,
      );
      const counts = new Map(rows.map((r) => [r.__parent, r.n]));
      return parentIds.map((id) => counts.get(id) ?? 0);
    }),
  ) as DataLoader<string, number>;
  return loader.load(parentId);
}

/** A connection value of a relation: its page mapped by `map`, its total counted on demand. */
export async function relationConnection<R, T>(
  ctx: Context,
  field: RelationField,
  parentId: string,
  args: ConnectionArgs,
  map: (record: R) => T,
): Promise<ConnectionShape<T>> {
  const page = await loadPage<R>(ctx, field, parentId, args);
  return toConnection(page, map, () => loadCount(ctx, field, parentId, args));
}
