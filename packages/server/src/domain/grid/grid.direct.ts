import {
  Kind,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { DirectRead } from '../../graphql/direct';
import { fromGlobalId } from '../../graphql/relay/global-id';
import { query, type Context } from '../shared/context';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/keyset';
import { visibleSql } from '../shared/policy';
import { readableSql } from '../shared/table';
import { gridFilterSql, gridTable, type GridFilter, type GridLevel } from './grid.service';

/**
 * The direct read of a page of grids (`grids(first, filter: { streetId, level, parentId })`)
 * with their children, staff and people: PostgreSQL builds the response data in one statement.
 * Only plain selections (no fragments, directives, cursors or fields beyond those below) qualify.
 */
type Arg = { value: unknown } | { variable: string };
type Scalar =
  | { key: string; kind: 'const'; value: string }
  | { key: string; kind: 'sql'; sql: (alias: string) => string };
type Entry =
  | Scalar
  /** `pageInfo.hasNextPage`: whether the page query found one row more than asked. */
  | { key: string; kind: 'more' }
  /** Where a staff entry's person object goes. */
  | { key: string; kind: 'person' }
  | { key: string; kind: 'staff'; entries: Entry[]; person: Scalar[] | null }
  | { key: string; kind: 'children'; first: Arg | null; connection: ConnectionPlan };
interface ConnectionPlan {
  nodes: { key: string; entries: Entry[] }[];
  total: string[];
  pageInfo: { key: string; entries: Entry[] }[];
  typename: string[];
}
interface Plan {
  key: string;
  first: Arg | null;
  filter: Partial<Record<'streetId' | 'level' | 'parentId', Arg>> | { variable: string } | null;
  connection: ConnectionPlan;
}

const globalId = (type: string, column: string) =>
  `translate(rtrim(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '='), '+/', '-_')`;
const GRID_COLUMNS: Record<string, string> = {
  code: 'code',
  name: 'name',
  level: 'level',
  households: 'households',
  residents: 'residents',
  buildings: 'buildings',
};

const keyOf = (f: FieldNode) => f.alias?.value ?? f.name.value;

/** The plain fields of a selection set, or null if it has fragments or directives. */
function plainFields(set: SelectionSetNode | undefined): readonly FieldNode[] | null {
  if (!set) return null;
  const fields: FieldNode[] = [];
  for (const s of set.selections) {
    if (s.kind !== Kind.FIELD || s.directives?.length) return null;
    fields.push(s);
  }
  return fields;
}

function argOf(value: ValueNode): Arg | null {
  if (value.kind === Kind.VARIABLE) return { variable: value.name.value };
  if (value.kind === Kind.INT) return { value: Number(value.value) };
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return { value: value.value };
  return null;
}

function gridEntries(set: SelectionSetNode | undefined, nested: boolean): Entry[] | null {
  const fields = plainFields(set);
  if (!fields) return null;
  const entries: Entry[] = [];
  for (const f of fields) {
    const name = f.name.value;
    if (f.arguments?.length && name !== 'children') return null;
    if (name === '__typename') entries.push({ key: keyOf(f), kind: 'const', value: 'Grid' });
    else if (name === 'id')
      entries.push({ key: keyOf(f), kind: 'sql', sql: (a) => globalId('Grid', `${a}.id`) });
    else if (GRID_COLUMNS[name])
      entries.push({ key: keyOf(f), kind: 'sql', sql: (a) => `${a}.${GRID_COLUMNS[name]}` });
    else if (name === 'staff') {
      const staff = staffEntries(f.selectionSet);
      if (!staff) return null;
      entries.push({ key: keyOf(f), kind: 'staff', ...staff });
    } else if (name === 'children' && !nested) {
      const args = f.arguments ?? [];
      if (args.some((a) => a.name.value !== 'first')) return null;
      const first = args.length ? argOf(args[0]!.value) : null;
      if (args.length && !first) return null;
      const connection = connectionPlan(f.selectionSet, true);
      if (!connection) return null;
      entries.push({ key: keyOf(f), kind: 'children', first, connection });
    } else return null;
  }
  return entries;
}

function staffEntries(
  set: SelectionSetNode | undefined,
): Omit<Extract<Entry, { kind: 'staff' }>, 'key' | 'kind'> | null {
  const fields = plainFields(set);
  if (!fields) return null;
  const entries: Entry[] = [];
  let person: Scalar[] | null = null;
  for (const f of fields) {
    const name = f.name.value;
    if (f.arguments?.length) return null;
    if (name === '__typename')
      entries.push({ key: keyOf(f), kind: 'const', value: 'GridStaffAssignment' });
    else if (name === 'role') entries.push({ key: keyOf(f), kind: 'sql', sql: () => 'a.role' });
    else if (name === 'person' && !person) {
      const personFields = plainFields(f.selectionSet);
      if (!personFields) return null;
      person = [];
      for (const pf of personFields) {
        if (pf.arguments?.length) return null;
        if (pf.name.value === '__typename')
          person.push({ key: keyOf(pf), kind: 'const', value: 'Person' });
        else if (pf.name.value === 'name')
          person.push({ key: keyOf(pf), kind: 'sql', sql: () => 'p.name' });
        else if (pf.name.value === 'id')
          person.push({ key: keyOf(pf), kind: 'sql', sql: () => globalId('Person', 'p.id') });
        else return null;
      }
      entries.push({ key: keyOf(f), kind: 'person' });
    } else return null;
  }
  return { entries, person };
}

function connectionPlan(set: SelectionSetNode | undefined, nested: boolean): ConnectionPlan | null {
  const fields = plainFields(set);
  if (!fields) return null;
  const plan: ConnectionPlan = { nodes: [], total: [], pageInfo: [], typename: [] };
  for (const f of fields) {
    if (f.arguments?.length) return null;
    const name = f.name.value;
    if (name === 'nodes') {
      const entries = gridEntries(f.selectionSet, nested);
      if (!entries) return null;
      plan.nodes.push({ key: keyOf(f), entries });
    } else if (name === 'totalCount') plan.total.push(keyOf(f));
    else if (name === '__typename') plan.typename.push(keyOf(f));
    else if (name === 'pageInfo') {
      const info = plainFields(f.selectionSet);
      if (!info) return null;
      const entries: Entry[] = [];
      for (const i of info) {
        if (i.name.value === 'hasNextPage') entries.push({ key: keyOf(i), kind: 'more' });
        else if (i.name.value === 'hasPreviousPage')
          entries.push({ key: keyOf(i), kind: 'sql', sql: () => 'false' });
        else if (i.name.value === '__typename')
          entries.push({ key: keyOf(i), kind: 'const', value: 'PageInfo' });
        else return null;
      }
      plan.pageInfo.push({ key: keyOf(f), entries });
    } else return null;
  }
  return plan;
}

function plan(operation: OperationDefinitionNode): Plan | null {
  const fields = plainFields(operation.selectionSet);
  if (!fields || fields.length !== 1 || fields[0]!.name.value !== 'grids') return null;
  const root = fields[0]!;
  let first: Arg | null = null;
  let filter: Plan['filter'] = null;
  for (const a of root.arguments ?? []) {
    if (a.name.value === 'first') {
      first = argOf(a.value);
      if (!first) return null;
    } else if (a.name.value === 'filter') {
      if (a.value.kind === Kind.VARIABLE) filter = { variable: a.value.name.value };
      else if (a.value.kind === Kind.OBJECT) {
        const parts: Partial<Record<'streetId' | 'level' | 'parentId', Arg>> = {};
        for (const field of a.value.fields) {
          const name = field.name.value;
          const arg = argOf(field.value);
          if (!arg || (name !== 'streetId' && name !== 'level' && name !== 'parentId')) return null;
          parts[name] = arg;
        }
        filter = parts;
      } else return null;
    } else return null;
  }
  const connection = connectionPlan(root.selectionSet, false);
  return connection && { key: keyOf(root), first, filter, connection };
}

const valueOf = (arg: Arg | null, variables: Record<string, unknown>): unknown =>
  arg === null ? undefined : 'variable' in arg ? variables[arg.variable] : arg.value;

/** The page size, or undefined when it is not one the ordinary path would accept silently. */
function pageSize(arg: Arg | null, variables: Record<string, unknown>): number | undefined {
  const v = valueOf(arg, variables);
  if (v === undefined || v === null) return DEFAULT_PAGE_SIZE;
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_PAGE_SIZE
    ? (v as number)
    : undefined;
}

function rowId(value: unknown, type: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const d = fromGlobalId(value);
  return d && d.typeName === type ? d.id : undefined;
}

/** The service filter, or undefined when an argument is not a valid value (the ordinary path explains). */
function filterOf(p: Plan, variables: Record<string, unknown>): GridFilter | undefined {
  const raw: Record<string, unknown> =
    p.filter === null
      ? {}
      : 'variable' in p.filter
        ? ((variables[p.filter.variable] as Record<string, unknown>) ?? {})
        : {
            streetId: valueOf(p.filter.streetId ?? null, variables),
            level: valueOf(p.filter.level ?? null, variables),
            parentId: valueOf(p.filter.parentId ?? null, variables),
          };
  if (
    typeof raw !== 'object' ||
    Object.keys(raw).some((k) => !['streetId', 'level', 'parentId'].includes(k))
  )
    return undefined;
  const filter: GridFilter = {};
  if (raw.streetId != null) filter.streetId = rowId(raw.streetId, 'Street') ?? '!';
  if (raw.parentId != null) filter.parentId = rowId(raw.parentId, 'Grid') ?? '!';
  if (raw.level != null) {
    if (!['STREET', 'COMMUNITY', 'UNIT', 'BUILDING'].includes(raw.level as string))
      return undefined;
    filter.level = raw.level as GridLevel;
  }
  return filter.streetId === '!' || filter.parentId === '!' ? undefined : filter;
}

const quoteKey = (key: string) => `'${key}'`;

/** A `'key', expression` pair of `json_build_object` for a scalar entry read from `alias`. */
const scalarPair = (e: Scalar, alias: string) =>
  `${quoteKey(e.key)}, ${e.kind === 'const' ? `'${e.value}'` : e.sql(alias)}`;

function entriesSql(
  ctx: Context,
  entries: Entry[],
  alias: string,
  params: unknown[],
  variables: Record<string, unknown>,
): string | undefined {
  const parts: string[] = [];
  for (const e of entries) {
    if (e.kind === 'const' || e.kind === 'sql') parts.push(scalarPair(e, alias));
    else if (e.kind === 'more' || e.kind === 'person')
      return undefined; // only inside pageInfo / staff
    else if (e.kind === 'staff') {
      // A person the viewer may not see is null, as in the ordinary path.
      const visible = e.person ? (visibleSql(ctx, 'person', 'p', params) ?? 'true') : 'false';
      const person = e.person
        ? `CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object(${e.person.map((x) => scalarPair(x, 'p')).join(', ')}) END`
        : 'NULL';
      const inner = e.entries.map((x) =>
        x.kind === 'person'
          ? `${quoteKey(x.key)}, ${person}`
          : x.kind === 'const' || x.kind === 'sql'
            ? scalarPair(x, 'a')
            : '',
      );
      parts.push(`${quoteKey(e.key)}, (SELECT coalesce(json_agg(json_build_object(${inner.join(', ')})
        ORDER BY array_position(ARRAY['INSTRUCTOR','LEADER','MEMBER','ASSISTANT','BUILDING_LEAD'], a.role), a.id), '[]'::json)
        FROM grid_assignment a LEFT JOIN person p ON p.id = a.person_id AND ${visible}
        WHERE a.grid_id = ${alias}.id AND a.ended_on IS NULL)`);
    } else {
      const size = pageSize(e.first, variables);
      if (size === undefined) return undefined;
      const visible = visibleSql(ctx, 'grid', 'c', params);
      const where = `c.parent_id = ${alias}.id AND c.archived_at IS NULL${visible ? ` AND ${visible}` : ''}`;
      params.push(size);
      const limit = `$${params.length}`;
      const body = connectionSql(
        ctx,
        e.connection,
        'c',
        `(SELECT count(*)::int FROM grid c WHERE ${where})`,
        limit,
        params,
        variables,
      );
      if (!body) return undefined;
      parts.push(`${quoteKey(e.key)}, (SELECT ${body} FROM (SELECT c.*, row_number() OVER (ORDER BY c.code, c.id) AS __n
        FROM grid c WHERE ${where} ORDER BY c.code, c.id LIMIT ${limit} + 1) c)`);
    }
  }
  return `json_build_object(${parts.join(', ')})`;
}

/** A connection object over rows `alias` numbered `__n` (one more than the page, to know if more follow). */
function connectionSql(
  ctx: Context,
  c: ConnectionPlan,
  alias: string,
  total: string,
  limit: string,
  params: unknown[],
  variables: Record<string, unknown>,
): string | undefined {
  const parts: string[] = [];
  for (const n of c.nodes) {
    const node = entriesSql(ctx, n.entries, alias, params, variables);
    if (!node) return undefined;
    parts.push(
      `${quoteKey(n.key)}, coalesce(json_agg(${node} ORDER BY ${alias}.code, ${alias}.id) FILTER (WHERE ${alias}.__n <= ${limit}), '[]'::json)`,
    );
  }
  for (const key of c.total) parts.push(`${quoteKey(key)}, ${total}`);
  for (const key of c.typename) parts.push(`${quoteKey(key)}, 'GridConnection'`);
  for (const info of c.pageInfo) {
    const more = `count(*) > ${limit}`;
    parts.push(
      `${quoteKey(info.key)}, json_build_object(${info.entries
        .map((x) =>
          x.kind === 'const' || x.kind === 'sql'
            ? scalarPair(x, alias)
            : `${quoteKey(x.key)}, ${x.kind === 'more' ? more : 'NULL'}`,
        )
        .join(', ')})`,
    );
  }
  return `json_build_object(${parts.join(', ')})`;
}

export const gridsDirectRead: DirectRead = {
  plan: (operation) => plan(operation),

  async run(ctx, p, variables) {
    const planned = p as Plan;
    const size = pageSize(planned.first, variables);
    const filter = filterOf(planned, variables);
    if (size === undefined || filter === undefined) return null;
    const params: unknown[] = [];
    const where = [...gridFilterSql(filter, params), ...readableSql(ctx, gridTable, params)];
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(size);
    const limit = `$${params.length}`;
    const total = `(SELECT count(*)::int FROM grid g ${whereSql})`;
    const body = connectionSql(ctx, planned.connection, 'g', total, limit, params, variables);
    if (!body) return null;
    const [row] = await query<{ data: unknown }>(
      ctx,
      `SELECT ${body} AS data FROM (SELECT g.*, row_number() OVER (ORDER BY g.code, g.id) AS __n
         FROM grid g ${whereSql} ORDER BY g.code, g.id LIMIT ${limit} + 1) g`,
      params,
    );
    return { [planned.key]: row!.data };
  },
};
