import type { Context } from '../../domain/shared/context';
import type { KeysetOrder } from '../../domain/shared/keyset';
import { readableSql, type TableSpec } from '../../domain/shared/table';
import { orderingOf } from './order';

/**
 * Read models: how a GraphQL object type is read from PostgreSQL, declared once in the area that
 * owns it (beside `x.type.ts`), and how its relations find their rows, declared in the area that
 * owns the relation's resolver. The one-statement planner (graphql/direct) builds whole responses
 * from them; it checks them against the built schema at start-up (`checkReadModels`).
 */
export interface ReadModel {
  /** The GraphQL object type, e.g. `Grid`. */
  type: string;
  /** The table, its alias, the viewer's read rule and its orderings (the services' own spec). */
  table: TableSpec<unknown>;
  /**
   * Field name → SQL expression over the row's alias, e.g. `(r) => \`${r}.name\``. Only fields
   * whose JSON built by PostgreSQL is what the API serializes (text, integers, booleans, enums,
   * dates as text) and never personal data: start-up refuses any other.
   */
  scalars: Record<string, (row: string) => string>;
  /**
   * Scalar fields that have a resolver of their own (`@FieldResolver`) whose answer the SQL above
   * is known to equal: each is a claim a test holds (the planner's answers against the resolvers').
   */
  resolvedAlike?: readonly string[];
}

/**
 * A `DateTime` column as the API writes it (`Date#toISOString`: UTC, milliseconds, `Z`); the
 * driver cuts microseconds to milliseconds the same way. The start-up check knows this form.
 */
export const isoTimestampSql = (expression: string) =>
  `to_char(date_trunc('milliseconds', ${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A `Float` column as the API writes it: PostgreSQL (12+) prints a float8 in the shortest form
 * that reads back exactly, as JavaScript does. The start-up check knows this form.
 */
export const float8Sql = (expression: string) => `(${expression})::float8`;

/** The archive flag and the three timestamps most tables carry, as most types expose them. */
export const lifecycleScalars: ReadModel['scalars'] = {
  archived: (r) => `(${r}.archived_at IS NOT NULL)`,
  archivedAt: (r) => isoTimestampSql(`${r}.archived_at`),
  createdAt: (r) => isoTimestampSql(`${r}.created_at`),
  updatedAt: (r) => isoTimestampSql(`${r}.updated_at`),
};

/** Coerced field arguments, as a resolver would receive them. */
export type RelationArgs = Record<string, unknown>;

interface RelationBase {
  /** The read model of the target rows. */
  model: ReadModel;
  /**
   * SQL conditions on the target table (under its spec's alias) for one parent row (`parent`
   * is the parent row's alias; null for a root field) and the field's arguments. Appends its
   * parameters. Returns undefined when an argument asks for more than SQL here does (the
   * resolver answers); may throw a PublicError when an argument is wrong.
   * Paging arguments (`first`, `after`, `last`, `before`, `orderBy`) are the planner's own.
   * `ctx` is the request's, for conditions that depend on the caller (a plugin's streets).
   */
  where(
    parent: string | null,
    args: RelationArgs,
    params: unknown[],
    ctx: Context,
  ): string[] | undefined;
  /**
   * The target rows are visible exactly when their parent row is (a grid's staff): the parent
   * already passed the viewer's read rule, so the target's is not applied again.
   */
  visibleWithParent?: boolean;
}

/**
 * A Relay connection over the target table, ordered by `orderBy` (one of the table's orderings)
 * or `defaultOrder`.
 */
export interface ConnectionRelation extends RelationBase {
  kind: 'connection';
  /** The connection type's name, e.g. `GridConnection`. */
  connectionType: string;
  defaultOrder: string;
  /** Without `orderBy`, the default order runs largest first (latest activities, newest records). */
  defaultDescending?: boolean;
}

/** The ordering a page of `relation` is read in: `orderBy` if given, else the default. */
function connectionOrdering(
  relation: ConnectionRelation,
  orderBy: unknown,
): { field: string; descending: boolean } {
  return orderBy
    ? orderingOf(orderBy as Parameters<typeof orderingOf>[0], relation.defaultOrder)
    : { field: relation.defaultOrder, descending: relation.defaultDescending === true };
}

/**
 * The keyset order a connection is read in, given its `orderBy` argument; undefined for an
 * ordering its table does not have.
 */
export function connectionOrder(
  relation: ConnectionRelation,
  orderBy: unknown,
): KeysetOrder | undefined {
  const ordering = connectionOrdering(relation, orderBy);
  const base = relation.model.table.orders[ordering.field];
  return base && { ...base, descending: ordering.descending };
}

/** A plain list, in a fixed order. */
export interface ListRelation extends RelationBase {
  kind: 'list';
  /** SQL `ORDER BY` list over the target table's alias. */
  orderBy: string;
}

/**
 * One object or null (also null when the viewer may not see it). Its conditions match at most one
 * row (e.g. by primary key): the planner may join it to its parent's rows.
 */
export interface ObjectRelation extends RelationBase {
  kind: 'object';
}

export type Relation = ConnectionRelation | ListRelation | ObjectRelation;

/** A relation as a field of a type (`on` is `Query` for a root field). */
export interface RelationField {
  on: string;
  /** The read model of `on` (none for `Query`). */
  parent?: ReadModel;
  field: string;
  /** A function, so that relations may refer to models declared after them. */
  relation: () => Relation;
}

/** Declares that field `field` of `on` (a read model, or `'Query'` for a root field) is `relation`. */
export function relationField(
  on: ReadModel | 'Query',
  field: string,
  relation: () => Relation,
): RelationField {
  return typeof on === 'string'
    ? { on, field, relation }
    : { on: on.type, parent: on, field, relation };
}

/**
 * A relation's conditions for one parent row (`parent` is its alias; null at the root) and the
 * field's arguments, with the target's read rule unless its rows are visible with their parent.
 * Appends parameters; undefined when the declaration cannot express the arguments. The planner
 * and the relation loaders both read rows this way.
 */
export function relationConditions(
  ctx: Context,
  relation: Relation,
  args: RelationArgs,
  parent: string | null,
  params: unknown[],
): string[] | undefined {
  const own = relation.where(parent, args, params, ctx);
  if (!own) return undefined;
  return relation.visibleWithParent && parent !== null
    ? own
    : [...own, ...readableSql(ctx, relation.model.table, params)];
}

/** Read models and relations of all modules, by type name. */
export class ReadCatalog {
  readonly models = new Map<string, ReadModel>();
  readonly relations = new Map<string, Map<string, () => Relation>>();

  constructor(models: readonly ReadModel[], relations: readonly RelationField[]) {
    for (const m of models) {
      if (this.models.has(m.type)) throw new Error(`Two read models of type ${m.type}`);
      this.models.set(m.type, m);
    }
    for (const r of relations) {
      let fields = this.relations.get(r.on);
      if (!fields) this.relations.set(r.on, (fields = new Map()));
      if (fields.has(r.field)) throw new Error(`Two relations declare ${r.on}.${r.field}`);
      fields.set(r.field, r.relation);
    }
  }

  relation(on: string, field: string): (() => Relation) | undefined {
    return this.relations.get(on)?.get(field);
  }
}
