import type { TableSpec } from '../../domain/shared/table';

/**
 * What a domain area tells the direct read about its types: which table a GraphQL object type is
 * read from, which of its fields are plain SQL expressions over a row, and how its relations find
 * their rows. Only fields whose JSON built by PostgreSQL equals what the API serializes belong
 * here (text, integers, booleans, enums, dates as text, global IDs); personal data never does.
 */
export interface DirectType {
  /** The GraphQL object type, e.g. `Grid`. */
  name: string;
  /** The table, its alias, the viewer's read rule and its orderings (the services' own spec). */
  table: TableSpec<unknown>;
  /** Field name → SQL expression over the row's alias, e.g. `(r) => \`${r}.name\``. */
  scalars: Record<string, (row: string) => string>;
  /** Field name → relation; functions, so that types may refer to each other. */
  relations?: Record<string, () => DirectRelation>;
}

/** Coerced field arguments, as a resolver would receive them. */
export type DirectArgs = Record<string, unknown>;

interface RelationBase {
  type: DirectType;
  /**
   * SQL conditions on the target table (under its spec's alias) for one parent row (`parent`
   * is the parent row's alias; null for a root field) and the field's arguments. Appends its
   * parameters. Returns undefined when an argument asks for more than the direct read does;
   * may throw when an argument is wrong: the ordinary path then runs and explains.
   * Paging arguments (`first`, `after`, `last`, `before`, `orderBy`) are the reader's own.
   */
  where(parent: string | null, args: DirectArgs, params: unknown[]): string[] | undefined;
  /**
   * The target rows are visible exactly when their parent row is (a grid's staff): the parent
   * already passed the viewer's read rule, so the target's is not applied again.
   */
  visibleWithParent?: boolean;
}

/**
 * A Relay connection over the target table, paged with `first` and ordered by `orderBy` (one of
 * the table's orderings) or `defaultOrder`.
 */
export interface ConnectionRelation extends RelationBase {
  kind: 'connection';
  /** The connection type's name, e.g. `GridConnection`. */
  connectionType: string;
  defaultOrder: string;
}

/** A plain list, in a fixed order. */
export interface ListRelation extends RelationBase {
  kind: 'list';
  /** SQL `ORDER BY` list over the target table's alias. */
  orderBy: string;
}

/**
 * One object or null (also null when the viewer may not see it). Its conditions match at most one
 * row (e.g. by primary key): the reader may join it to its parent's rows.
 */
export interface ObjectRelation extends RelationBase {
  kind: 'object';
}

export type DirectRelation = ConnectionRelation | ListRelation | ObjectRelation;

/** The root query fields the direct read answers, by field name. */
export type DirectRoots = Record<string, () => DirectRelation>;
