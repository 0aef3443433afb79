import {
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ConnectionShape } from '../../graphql/relay/connection';
import { preload } from '../../graphql/preload';
import type { Context } from '../shared/context';
import { encodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/keyset';
import { visibleSql } from '../shared/policy';
import { Person } from '../person/person.type';
import type { PersonRecord } from '../person/person.service';
import type { GridAssignmentRecord } from './grid-staff.service';
import type { GridRecord } from './grid.service';
import { Grid, GridStaffAssignment } from './grid.type';

/**
 * Look-ahead for the hottest read, a page of grids with their children and staff: when the
 * selection below the page asks only for what this module knows, PostgreSQL builds that whole
 * subtree as JSON in one statement, and the nested fields answer from it (graphql/preload.ts)
 * instead of one loader round trip per level. Anything else takes the ordinary path.
 */
interface StaffPlan {
  /** The person fields asked for; null when `person` is not. */
  person: string[] | null;
}
interface GridPlan {
  /** The grid fields asked for. */
  fields: string[];
  staff?: StaffPlan;
  children?: { first: number; total: boolean; grid: GridPlan };
}

const GRID_SCALARS = new Set([
  '__typename',
  'id',
  'code',
  'name',
  'level',
  'households',
  'residents',
  'buildings',
  'archived',
  'archivedAt',
  'createdAt',
  'updatedAt',
  'center',
]);
const STAFF_SCALARS = new Set(['__typename', 'id', 'role', 'startedOn', 'endedOn']);
const PERSON_SCALARS = new Set([
  '__typename',
  'id',
  'name',
  'gender',
  'birthYear',
  'phone',
  'idNumber',
  'employer',
  'archived',
  'archivedAt',
  'createdAt',
  'updatedAt',
]);
const CONNECTION_PARTS = new Set(['__typename', 'totalCount', 'pageInfo', 'nodes', 'edges']);

type Fields = Map<string, FieldNode[]>;

/** The fields of a selection set by name, through fragments; null when it uses what we do not follow. */
function fieldsOf(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  types: string[],
  into: Fields = new Map(),
): Fields | null {
  for (const s of set?.selections ?? []) {
    if (s.directives?.length) return null;
    if (s.kind === Kind.FIELD) {
      if (s.alias && s.alias.value !== s.name.value && s.selectionSet) return null;
      into.set(s.name.value, [...(into.get(s.name.value) ?? []), s]);
      continue;
    }
    const fragment = s.kind === Kind.FRAGMENT_SPREAD ? info.fragments[s.name.value] : s;
    if (!fragment || (fragment.typeCondition && !types.includes(fragment.typeCondition.name.value)))
      return null;
    if (!fieldsOf(fragment.selectionSet, info, types, into)) return null;
  }
  return into;
}

const merged = (nodes: FieldNode[]): SelectionSetNode => ({
  kind: Kind.SELECTION_SET,
  selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []),
});

function intArgument(value: ValueNode, info: GraphQLResolveInfo): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = info.variableValues[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/** The selection of one grid node, or null if it asks for anything this module does not build. */
function gridPlan(
  set: SelectionSetNode,
  info: GraphQLResolveInfo,
  nested: boolean,
): GridPlan | null {
  const fields = fieldsOf(set, info, ['Grid', 'Node']);
  if (!fields) return null;
  const plan: GridPlan = { fields: [...fields.keys()] };
  for (const [name, nodes] of fields) {
    if (GRID_SCALARS.has(name)) continue;
    if (name === 'staff') {
      const staff = fieldsOf(merged(nodes), info, ['GridStaffAssignment', 'Node']);
      if (!staff) return null;
      plan.staff = { person: null };
      for (const [f, fnodes] of staff) {
        if (STAFF_SCALARS.has(f)) continue;
        if (f !== 'person') return null;
        const person = fieldsOf(merged(fnodes), info, ['Person', 'Node']);
        if (!person || [...person.keys()].some((k) => !PERSON_SCALARS.has(k))) return null;
        plan.staff.person = [...person.keys()];
      }
      continue;
    }
    if (name === 'children' && !nested) {
      const args = nodes[0]!.arguments ?? [];
      if (args.some((a) => a.name.value !== 'first')) return null;
      const first = args.length ? intArgument(args[0]!.value, info) : DEFAULT_PAGE_SIZE;
      if (first === undefined || first < 0 || first > MAX_PAGE_SIZE) return null; // the ordinary path explains the error
      const connection = connectionPlan(merged(nodes), info, true);
      if (!connection) return null;
      plan.children = { first, total: connection.total, grid: connection.grid };
      continue;
    }
    return null;
  }
  return plan;
}

function connectionPlan(
  set: SelectionSetNode,
  info: GraphQLResolveInfo,
  nested: boolean,
): { total: boolean; grid: GridPlan } | null {
  const fields = fieldsOf(set, info, ['GridConnection']);
  if (!fields || [...fields.keys()].some((k) => !CONNECTION_PARTS.has(k))) return null;
  const nodeSets: SelectionSetNode[] = [...(fields.get('nodes') ?? []).map((n) => n.selectionSet!)];
  for (const edge of fields.get('edges') ?? []) {
    const edgeFields = fieldsOf(edge.selectionSet, info, ['GridEdge']);
    if (
      !edgeFields ||
      [...edgeFields.keys()].some((k) => !['__typename', 'cursor', 'node'].includes(k))
    )
      return null;
    nodeSets.push(...(edgeFields.get('node') ?? []).map((n) => n.selectionSet!));
  }
  const grid = gridPlan(
    { kind: Kind.SELECTION_SET, selections: nodeSets.flatMap((s) => s.selections) },
    info,
    nested,
  );
  return grid && { total: fields.has('totalCount'), grid };
}

/** The plan for the `grids` connection being resolved, if the look-ahead has work to do. */
const plans = new WeakMap<
  FieldNode,
  { key: string; plan: (GridPlan & { subtree: boolean }) | null }
>();

/**
 * The plan for the `grids` connection being resolved (`subtree` when there is work for the
 * look-ahead), or null when its selection asks for what this module does not build. Kept per
 * field of a document (Apollo reuses parsed documents) and the variables it reads.
 */
export function planGrids(info: GraphQLResolveInfo): (GridPlan & { subtree: boolean }) | null {
  const field = info.fieldNodes[0]!;
  const key = info.fieldNodes.length === 1 ? JSON.stringify(info.variableValues) : '';
  const cached = plans.get(field);
  if (cached && key && cached.key === key) return cached.plan;
  const found = connectionPlan(merged([...info.fieldNodes]), info, false);
  const plan = found && {
    ...found.grid,
    subtree: Boolean(found.grid.staff || found.grid.children),
  };
  if (key) plans.set(field, { key, plan });
  return plan;
}

/** Whether the connection's `totalCount` is asked for (directly under the field). */
export function wantsTotal(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.some((f) =>
    f.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'totalCount'),
  );
}

/** The page's `totalCount` from its own statement: a window count is taken before the LIMIT. */
export const TOTAL_COLUMN = `count(*) OVER ()::int AS "__total"`;

/** JSON keys and the columns behind each field; only what the selection asks for is built. */
const GRID_JSON: Record<string, [string, string][]> = {
  name: [['name', 'name']],
  level: [['level', 'level']],
  households: [['households', 'households']],
  residents: [['residents', 'residents']],
  buildings: [['buildings', 'buildings']],
  center: [
    ['centerLng', 'center_lng'],
    ['centerLat', 'center_lat'],
  ],
  archived: [['archivedAt', 'archived_at']],
  archivedAt: [['archivedAt', 'archived_at']],
  createdAt: [['createdAt', 'created_at']],
  updatedAt: [['updatedAt', 'updated_at']],
};
const PERSON_JSON: Record<string, [string, string][]> = {
  name: [['name', 'name']],
  gender: [['gender', 'gender']],
  birthYear: [['birthYear', 'birth_year']],
  phone: [['phone', 'phone']],
  idNumber: [['idNumber', 'id_number']],
  employer: [['employer', 'employer']],
  archived: [['archivedAt', 'archived_at']],
  archivedAt: [['archivedAt', 'archived_at']],
  createdAt: [['createdAt', 'created_at']],
  updatedAt: [['updatedAt', 'updated_at']],
};

function jsonPairs(
  alias: string,
  fields: string[],
  map: Record<string, [string, string][]>,
): string {
  const pairs = new Map<string, string>();
  for (const f of fields)
    for (const [key, column] of map[f] ?? []) pairs.set(key, `${alias}.${column}`);
  return [...pairs].map(([key, expr]) => `, '${key}', ${expr}`).join('');
}

const gridJson = (a: string, fields: string[]) =>
  `'id', ${a}.id::text, 'streetId', ${a}.street_id::text, 'parentId', ${a}.parent_id::text, 'code', ${a}.code${jsonPairs(a, fields, GRID_JSON)}`;

const personJson = (fields: string[]) =>
  `json_build_object('id', p.id::text, 'streetId', p.street_id::text${jsonPairs('p', fields, PERSON_JSON)})`;

function staffSql(ctx: Context, grid: string, plan: StaffPlan, params: unknown[]): string {
  const personVisible = plan.person ? (visibleSql(ctx, 'person', 'p', params) ?? 'true') : 'false';
  const person = plan.person ? personJson(plan.person) : 'NULL';
  return `SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'streetId', a.street_id::text, 'gridId', a.grid_id::text,
      'personId', a.person_id::text, 'role', a.role, 'startedOn', a.started_on::text, 'endedOn', a.ended_on::text,
      'person', CASE WHEN p.id IS NULL THEN NULL ELSE ${person} END)
      ORDER BY array_position(ARRAY['INSTRUCTOR','LEADER','MEMBER','ASSISTANT','BUILDING_LEAD'], a.role), a.id), '[]'::json)
    FROM grid_assignment a LEFT JOIN person p ON p.id = a.person_id AND ${personVisible}
    WHERE a.grid_id = ${grid} AND a.ended_on IS NULL`;
}

type Json = Record<string, unknown>;

/** A record from its JSON: times become Dates (only those that were read). */
function withDates<R>(j: Json): R {
  if ('archivedAt' in j) j.archivedAt = j.archivedAt ? new Date(j.archivedAt as string) : null;
  if ('createdAt' in j) j.createdAt = new Date(j.createdAt as string);
  if ('updatedAt' in j) j.updatedAt = new Date(j.updatedAt as string);
  return j as R;
}
const toGridRecord = (j: Json): GridRecord => withDates<GridRecord>(j);
const toPersonRecord = (j: Json): PersonRecord => withDates<PersonRecord>(j);

function staffOf(rows: Json[]): GridStaffAssignment[] {
  return rows.map((r) => {
    const { person, ...assignment } = r;
    return preload(GridStaffAssignment.from(assignment as unknown as GridAssignmentRecord), {
      person: person ? Person.from(toPersonRecord(person as Json)) : null,
    });
  });
}

/**
 * The select-list entries that build `plan`'s subtree for each row of a page of grids (alias
 * `g`), as JSON: added to the page's own statement, so the whole connection is one round trip.
 */
export function subtreeColumns(ctx: Context, plan: GridPlan): (params: unknown[]) => string[] {
  return (params) => {
    const columns: string[] = [];
    if (plan.staff) columns.push(`(${staffSql(ctx, 'g.id', plan.staff, params)}) AS "__staff"`);
    const children = plan.children;
    if (children) {
      const visible = visibleSql(ctx, 'grid', 'c', params);
      const condition = `c.parent_id = g.id AND c.archived_at IS NULL${visible ? ` AND ${visible}` : ''}`;
      params.push(children.first + 1);
      const limit = `$${params.length}`;
      const childStaff = children.grid.staff
        ? `, 'staff', (${staffSql(ctx, 'c.id', children.grid.staff, params)})`
        : '';
      columns.push(`(SELECT coalesce(json_agg(json_build_object(${gridJson('c', children.grid.fields)}${childStaff}) ORDER BY c.code, c.id), '[]'::json)
        FROM (SELECT * FROM grid c WHERE ${condition} ORDER BY c.code, c.id LIMIT ${limit}) c) AS "__children"`);
      if (children.total)
        columns.push(`(SELECT count(*)::int FROM grid c WHERE ${condition}) AS "__childCount"`);
    }
    return columns;
  };
}

/** Attaches the subtree read by `subtreeColumns` to the page's grids, for their fields to answer from. */
export function attachSubtree(grids: Grid[], plan: GridPlan): void {
  for (const grid of grids) {
    const row = grid.record as GridRecord & {
      __staff?: Json[];
      __children?: Json[];
      __childCount?: number;
    };
    const values: Record<string, unknown> = {};
    if (plan.staff) values.staff = staffOf(row.__staff ?? []);
    if (plan.children)
      values.children = childConnection(
        row.__children ?? [],
        plan.children.first,
        row.__childCount ?? 0,
      );
    preload(grid, values);
  }
}

function childConnection(rows: Json[], first: number, total: number): ConnectionShape<Grid> {
  const taken = rows.slice(0, first);
  const edges = taken.map((r) => {
    const { staff, ...record } = r;
    const node = Grid.from(toGridRecord(record));
    if (staff) preload(node, { staff: staffOf(staff as Json[]) });
    return { node, cursor: encodeCursor(node.code, node.record.id) };
  });
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countTotal: () => Promise.resolve(total),
  };
}
