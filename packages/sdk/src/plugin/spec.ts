import type { z } from 'zod';
import type { PluginContext } from './context';
import type { PluginManifest } from './manifest';

/** One SQL migration of the plugin's schema; never edited once released (drift is reported). */
export interface PluginMigration {
  /** Unique in the plugin, sortable: `001-wishes`. */
  name: string;
  /**
   * SQL run in the plugin's own schema (unqualified names land there). Every table needs
   * `street_id bigint NOT NULL REFERENCES public.street (id)`: the host adds row-level security.
   */
  up: string;
}

/** An event type of the plugin's own: named `<plugin_name_in_snake_case>.<what_happened>`. */
export interface PluginEventSpec {
  /** The GraphQL type of the subject, e.g. `Wish`. */
  subject: string;
  description: string;
  /** `z.object({...}).strict()`: nothing unnamed (such as personal data) slips in. */
  payload: z.ZodType<object>;
}

/** A column as a GraphQL field reads it. Timestamps and floats need their kind (JSON form). */
export type PluginColumn =
  | string
  | { column: string; kind: 'timestamp' | 'float' | 'date' | 'text' | 'integer' | 'boolean' };

export interface PluginOrder {
  column: string;
  /** The column's SQL type, for cursors. */
  type: 'text' | 'bigint' | 'integer' | 'timestamptz' | 'date';
  /** The column alone is unique (no tie-breaker needed). */
  unique?: boolean;
}

/** How a GraphQL object type of the plugin is read from its table (the planner and loaders alike). */
export interface PluginReadModel {
  /** A table of the plugin's schema; `id bigint` primary key and `street_id` required. */
  table: string;
  /** GraphQL field → column. `id` (the global ID) and `__typename` come by themselves. */
  fields: Record<string, PluginColumn>;
  /** Orderings by their `…OrderField` enum value. */
  orders: Record<string, PluginOrder>;
  /**
   * Who in a street may read the rows: `street` (anyone with a role there, residents too),
   * `staff` (street, community and grid staff and admins), or `person` (staff, and residents and
   * volunteers the rows whose `person_id bigint` column is the person they are: their own
   * ledger). Default `staff`.
   */
  readableBy?: 'street' | 'staff' | 'person';
}

interface RelationBase {
  /** The type the field is on: a plugin type, a core type (`Grid`), or `Query`. */
  on: string;
  field: string;
  /** The type read: a plugin read model's, or a core type's (`Grid`, `Case` …). */
  model: string;
  /** Arguments that filter by equality on a target column (a list argument: any of its values). */
  filters?: Record<string, string>;
}

export interface PluginConnectionRelation extends RelationBase {
  kind: 'connection';
  connectionType: string;
  /** Target column holding the parent's row id (not for `Query`). */
  foreignKey?: string;
  defaultOrder: string;
  defaultDescending?: boolean;
}

export interface PluginListRelation extends RelationBase {
  kind: 'list';
  foreignKey: string;
  /** Target column to order by (then id). */
  orderBy: string;
}

export interface PluginObjectRelation extends RelationBase {
  kind: 'object';
  /**
   * Parent column holding the target's row id. On a core type only `id`: a table of one row per
   * core row, sharing its id (a person's passbook).
   */
  key: string;
}

export type PluginRelation = PluginConnectionRelation | PluginListRelation | PluginObjectRelation;

/** A resolver of a plugin field: parent object, coerced arguments, the plugin's context. */
export type PluginResolver<C = unknown> = (
  parent: Record<string, unknown>,
  args: Record<string, unknown>,
  ctx: PluginContext<C>,
) => unknown;

export interface PluginGraphQL<C = unknown> {
  /**
   * SDL: the plugin's types, and `extend type Query | Mutation | <core type>` for its fields.
   * Every type, field and argument has a description. Core types (`Node`, `PageInfo`,
   * `UserError`, `OrderDirection`, `DateTime`) may be used.
   */
  typeDefs: string;
  /** Resolvers by type and field; relations and read-model fields need none. */
  resolvers?: Record<string, Record<string, PluginResolver<C>>>;
  readModels?: Record<string, PluginReadModel>;
  relations?: PluginRelation[];
}

/** A domain event as hooks receive it. */
export interface PluginEvent<P = Record<string, unknown>> {
  /** Position in the stream (opaque), the same as subscriptions' and webhooks' cursors. */
  cursor: string;
  type: string;
  streetId: string | null;
  subjectType: string;
  /** The subject's row id. */
  subjectId: string;
  payload: P;
  occurredAt: string;
}

/**
 * Runs after the commit of each event of the types in `on` (from the hook's installation on), from
 * the one event stream, at the hook's own durable position: in stream order, at least once. Each
 * run is one transaction of the hook's writes and events; the position moves past the event
 * after it commits. A throw or a time-out rolls the run back and the event is tried again with a
 * growing delay (1 s … 60 s); a crash between the run's commit and the position's hands the event
 * over again, so make hooks idempotent (a unique index on the source event).
 */
export interface PluginHook<C = unknown> {
  /** Unique in the plugin: `award-points`. */
  name: string;
  /** Event types (core or the plugin's own); `area.*` names all of an area's. */
  on: readonly string[];
  /** Longest a run may take (default 10 s). */
  timeoutMs?: number;
  run(event: PluginEvent, ctx: PluginContext<C>): Promise<void>;
}

/** A case transition a guard is asked about. */
export interface CaseTransition {
  /** The action: `ACCEPT`, `DISPATCH`, `ESCALATE`, `RESOLVE` … */
  action: string;
  from: string;
  to: string;
  caseId: string;
  streetId: string;
  urgency: string;
  /** The level the case moves to, for escalations (`COMMUNITY`, `STREET`). */
  level: string | null;
}

/**
 * Runs inside a case transition's transaction, before it commits, with a short time limit: it
 * may refuse the transition with a reason the caller reads (and write to its tables alongside).
 */
export interface PluginGuard<C = unknown> {
  name: string;
  /** Which actions it looks at (default: all). */
  actions?: readonly string[];
  /** Longest a run may take (default 500 ms, at most 5 s). */
  timeoutMs?: number;
  run(transition: CaseTransition, ctx: PluginContext<C>): Promise<void | { refuse: string }>;
}

/**
 * A case category the plugin adds to each street it is enabled in (a street's own minor category
 * under one of the platform's major classes): cases of it are reported, dispatched and timed like
 * any other. Created once per street when the plugin is first enabled there, kept when disabled.
 */
export interface PluginCategory {
  /** 4 or 6 digits or capital letters, beginning with its major class's 2 (`05` 街面秩序 …). */
  code: string;
  name: string;
  nameEn?: string;
  /** Open311 service code: lower case, dots and dashes; start it with the plugin's name. */
  serviceCode: string;
  /** 立案条件 and 结案条件. */
  acceptanceCriteria: string;
  closureCriteria: string;
  /** Work minutes to handle a case, by urgency. */
  timeLimits: { A: number; B: number; C: number };
  /** The departments (by kind of work, e.g. 城管) cases of it usually go to. */
  departments: readonly string[];
}

/** Demo data for one street where the demo enables the plugin (`npm start`). */
export type PluginDemo<C = unknown> = (
  ctx: PluginContext<C>,
  street: { code: string },
) => Promise<void>;

export interface PluginSpec<C = unknown> {
  manifest: PluginManifest;
  /** Per-street configuration: checked when an admin enables or configures the plugin. */
  config?: z.ZodType<C>;
  migrations?: readonly PluginMigration[];
  events?: Record<string, PluginEventSpec>;
  graphql?: PluginGraphQL<C>;
  hooks?: readonly PluginHook<C>[];
  guards?: readonly PluginGuard<C>[];
  /** Case categories it adds to the streets it is enabled in. */
  categories?: readonly PluginCategory[];
  /**
   * Tables whose rows are never changed or deleted once written (a ledger): the plugin's role may
   * only read and insert them, so PostgreSQL keeps them immutable.
   */
  appendOnly?: readonly string[];
  /** Demo streets (by code) it is enabled for by the demo seed, with their configuration. */
  demoStreets?: Record<string, C>;
  demo?: PluginDemo<C>;
}

/** Declares a plugin: answers its argument, typed. The platform checks it when it loads it. */
export function definePlugin<C>(spec: PluginSpec<C>): PluginSpec<C> {
  return spec;
}

/** The API's user error codes (`InputErrorCode` in the schema): one of these, never another. */
export type InputErrorCode =
  | 'INVALID'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'NOT_FOUND'
  | 'TAKEN'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'ILLEGAL_TRANSITION';

/** A problem with a mutation's input: the mutation answers it in `userErrors`, writing nothing. */
export class PluginInputError extends Error {
  constructor(
    readonly problems: readonly { field: string[]; message: string; code: InputErrorCode }[],
  ) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'PluginInputError';
  }

  static single(
    field: string[],
    message: string,
    code: InputErrorCode = 'INVALID',
  ): PluginInputError {
    return new PluginInputError([{ field, message, code }]);
  }
}

/** A refusal the caller can act on: `NOT_FOUND`, `FORBIDDEN`, `CONFLICT`, `BAD_USER_INPUT`. */
export class PluginError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT',
    message: string,
  ) {
    super(message);
    this.name = 'PluginError';
  }
}
