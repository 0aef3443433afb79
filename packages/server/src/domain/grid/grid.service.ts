import { z } from 'zod';
import { batchLoader, loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import {
  byIdLoader,
  readableSql,
  childCounts,
  childPages,
  filteredReads,
  groupedReads,
  memo,
  type ChildFilter,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { createdAtOrder } from '../shared/keyset';
import { entityColumns } from '../shared/entity-columns';
import { prefixRange, escapeLike } from '../shared/codes';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { streetService } from '../street/street.service';
import { GridEntity } from './grid.entity';
import { gridArchived, gridCreated, gridUpdated } from './grid.events';
import { GRID_LEVELS, type GridLevel } from './grid.entity';

export { GRID_LEVELS, type GridLevel };

/** A grid as services read it: the entity's columns, the boundary only when asked for. */
export interface GridRecord extends Omit<GridEntity, 'level' | 'boundary'> {
  level: GridLevel;
  /** Loaded on demand (it can be large): absent from list reads. */
  boundary?: Record<string, unknown> | null;
}

export interface GridFilter {
  streetId?: string | null;
  level?: GridLevel | null;
  parentId?: string | null;
  /** Code of a grid whose whole subtree (itself included) is wanted. */
  subtreeCode?: string | null;
  /** Code of a grid whose descendants (not itself) are wanted. */
  descendantsOf?: string | null;
  codePrefix?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const gridTable: TableSpec<GridRecord> = {
  from: 'grid g',
  alias: 'g',
  area: 'grid',
  columns: entityColumns(GridEntity, 'g', { omit: ['boundary'] }),
  orders: {
    CODE: {
      key: 'g.code',
      type: 'text',
      id: 'g.id',
      // Codes are unique (grid_code_key): the (street, level, code) index orders a page.
      unique: true,
      valueOf: (r) => r.code as string,
      idOf: (r) => r.id as string,
    },
    NAME: {
      key: 'g.name',
      type: 'text',
      id: 'g.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: createdAtOrder('g'),
  },
};

/** SQL conditions for a grid filter; appends its parameters. */
export function gridFilterSql(filter: GridFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!filter.includeArchived) where.push('g.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `g.street_id = ${p}::bigint`);
  if (filter.level) add(filter.level, (p) => `g.level = ${p}`);
  if (filter.parentId) add(filter.parentId, (p) => `g.parent_id = ${p}::bigint`);
  if (filter.subtreeCode) where.push(prefixRange('g.code', filter.subtreeCode, params));
  if (filter.descendantsOf) {
    where.push(prefixRange('g.code', filter.descendantsOf, params));
    add(filter.descendantsOf, (p) => `g.code <> ${p}`);
  }
  if (filter.codePrefix) where.push(prefixRange('g.code', filter.codePrefix, params));
  if (filter.search)
    add(`%${escapeLike(filter.search)}%`, (p) => `(g.name ILIKE ${p} OR g.code LIKE ${p})`);
  return where;
}

export const gridById = byIdLoader(gridTable);

/** Grids joined to each of their ancestors (`anc`): a descendant's code starts with its ancestor's. */
const descendantTable: TableSpec<GridRecord> = {
  ...gridTable,
  from: `grid anc JOIN grid g ON g.street_id = anc.street_id
    AND length(g.code) > length(anc.code) AND left(g.code, length(anc.code)) = anc.code`,
};

/** Codes of a grid's ancestors, nearest last: a grid code is its parent's code plus 3 digits. */
export function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let length = 9; length < code.length; length += 3) codes.push(code.slice(0, length));
  return codes;
}

const nextLevel: Record<GridLevel, GridLevel | null> = {
  STREET: 'COMMUNITY',
  COMMUNITY: 'UNIT',
  UNIT: 'BUILDING',
  BUILDING: null,
};

const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is at most 100 characters.');
const count = z
  .number()
  .int('Must be a whole number.')
  .min(0, 'Must not be negative.')
  .max(10_000_000)
  .nullable();
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(position)
  .min(4, 'A ring has at least 4 positions.')
  .refine(
    (r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1],
    'A ring must end where it starts.',
  );
const boundary = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
      z.object({
        type: z.literal('MultiPolygon'),
        coordinates: z.array(z.array(ring).min(1)).min(1),
      }),
    ],
    {
      error:
        'Boundary must be a GeoJSON Polygon or MultiPolygon with [longitude, latitude] positions.',
    },
  )
  .nullable();
const center = z
  .object({
    lng: z
      .number()
      .min(-180, 'Longitude is between -180 and 180.')
      .max(180, 'Longitude is between -180 and 180.'),
    lat: z
      .number()
      .min(-90, 'Latitude is between -90 and 90.')
      .max(90, 'Latitude is between -90 and 90.'),
  })
  .nullable();
const details = {
  boundary: boundary.optional(),
  center: center.optional(),
  households: count.optional(),
  residents: count.optional(),
  buildings: count.optional(),
};
const createInput = z.object({
  code: z.string().regex(/^[0-9]{9}([0-9]{3}){0,3}$/, 'Grid code is 9, 12, 15 or 18 digits.'),
  name,
  ...details,
});
const updateInput = z.object({ name: name.optional(), ...details });

/** Unvalidated input: the service checks it. */
export type UpdateGridInput = Omit<z.input<typeof updateInput>, 'boundary'> & {
  boundary?: unknown;
};
export type CreateGridInput = UpdateGridInput & {
  streetId: string;
  parentId?: string | null;
  code: string;
  name: string;
};

function detailColumns(v: z.output<typeof updateInput>): Partial<GridEntity> {
  return {
    name: v.name,
    boundary: v.boundary === undefined ? undefined : (v.boundary as Record<string, unknown> | null),
    centerLng: v.center === undefined ? undefined : (v.center?.lng ?? null),
    centerLat: v.center === undefined ? undefined : (v.center?.lat ?? null),
    households: v.households,
    residents: v.residents,
    buildings: v.buildings,
  };
}

export function toGridRecord(e: GridEntity): GridRecord {
  return { ...e, level: e.level as GridLevel };
}

/**
 * Grids (网格): the territory tree STREET → COMMUNITY → UNIT → BUILDING. A grid's code is its
 * parent's code plus three digits, so the code is also the grid's path and a subtree is a prefix.
 */
export const gridService = {
  get(ctx: Context, id: string): Promise<GridRecord | null> {
    return loader(ctx, gridById).load(id);
  },

  async byCode(ctx: Context, code: string): Promise<GridRecord | null> {
    const params: unknown[] = [code];
    const scope = readableSql(ctx, gridTable, params).join(' AND ') || null;
    const [row] = await query<GridRecord>(
      ctx,
      `SELECT ${gridTable.columns} FROM grid g WHERE g.code = $1 ${scope ? `AND ${scope}` : ''}`,
      params,
    );
    return row ?? null;
  },

  ...filteredReads(gridTable, gridFilterSql),
  /** A street's grids, batched across streets. */
  ...groupedReads(gridTable, gridFilterSql, { street: 'g.street_id' }),

  /** Descendant pages for many grids at once: one statement, the ancestor joined by code prefix. */
  descendantPage(
    ctx: Context,
    ancestorId: string,
    filter: GridFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<GridRecord>> {
    return childPages(ctx, descendantTable, 'anc.id', childFilter(filter), ordering, page).load(
      ancestorId,
    );
  },

  descendantCount(ctx: Context, ancestorId: string, filter: GridFilter): Promise<number> {
    return childCounts(ctx, descendantTable, 'anc.id', childFilter(filter)).load(ancestorId);
  },

  /** Ancestors from the street grid down to the parent. */
  async ancestors(ctx: Context, grid: GridRecord): Promise<GridRecord[]> {
    const codes = ancestorCodes(grid.code);
    if (codes.length === 0) return [];
    const found = await loader(ctx, gridsByCode).loadMany(codes);
    return found.filter((g): g is GridRecord => Boolean(g) && !(g instanceof Error));
  },

  /** The boundary, read only when a caller asks for it. */
  async boundary(ctx: Context, grid: GridRecord): Promise<Record<string, unknown> | null> {
    if (grid.boundary !== undefined) return grid.boundary;
    return boundaries(ctx).load(grid.id);
  },

  async create(ctx: Context, input: CreateGridInput): Promise<GridRecord> {
    const street = await streetService.get(ctx, input.streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create grids', 'grid');
    const v = validate(createInput, input);
    let level: GridLevel = 'STREET';
    if (input.parentId) {
      const parent = await loadReference(
        ctx,
        GridEntity,
        input.parentId,
        street.id,
        ['input', 'parentId'],
        'grid',
        gridTable,
      );
      if (parent.archivedAt)
        throw InputError.single(['input', 'parentId'], 'The parent grid is archived.', 'CONFLICT');
      const below = nextLevel[parent.level as GridLevel];
      if (!below)
        throw InputError.single(
          ['input', 'parentId'],
          'A building grid has no child grids.',
          'INVALID',
        );
      level = below;
      if (v.code.length !== parent.code.length + 3 || !v.code.startsWith(parent.code)) {
        throw InputError.single(
          ['input', 'code'],
          `A child grid's code is its parent's code (${parent.code}) and 3 more digits.`,
          'INVALID',
        );
      }
    } else {
      if (v.code !== street.code) {
        throw InputError.single(
          ['input', 'code'],
          `A street-level grid has the street's code (${street.code}); give parentId for a lower grid.`,
          'INVALID',
        );
      }
    }
    const existing = await repository(ctx, GridEntity).findOne({ where: { code: v.code } });
    if (existing) {
      const message =
        existing.streetId === street.id
          ? `A grid with the code ${v.code} already exists.`
          : `The code ${v.code} is taken.`;
      throw InputError.single(['input', 'code'], message, 'TAKEN');
    }
    const saved = await repository(ctx, GridEntity).save(
      Object.assign(new GridEntity(), {
        streetId: street.id,
        parentId: input.parentId ?? null,
        level,
        code: v.code,
        archivedAt: null,
        ...detailColumns({ ...v, name: v.name }),
      }),
    );
    await recordEvent(ctx, gridCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: { code: saved.code, level, name: saved.name, parentId: saved.parentId },
    });
    return toGridRecord(saved);
  },

  async update(ctx: Context, id: string, input: UpdateGridInput): Promise<GridRecord> {
    const grid = await loadForUpdate(
      ctx,
      GridEntity,
      id,
      ['input', 'id'],
      'grid',
      'change grids',
      'grid',
      gridTable,
    );
    const v = validate(updateInput, input);
    const saved = await saveChanges(ctx, GridEntity, grid, detailColumns(v), gridUpdated);
    return toGridRecord(saved);
  },

  async archive(ctx: Context, id: string): Promise<GridRecord> {
    const grid = await loadForUpdate(
      ctx,
      GridEntity,
      id,
      ['input', 'id'],
      'grid',
      'archive grids',
      'grid',
      gridTable,
    );
    const [active] = await query<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM grid WHERE parent_id = $1 AND archived_at IS NULL`,
      [grid.id],
    );
    if (active!.n > 0) {
      throw InputError.single(
        ['input', 'id'],
        `This grid has ${active!.n} child grid(s) in use; archive them first.`,
        'CONFLICT',
      );
    }
    return toGridRecord(await archiveRow(ctx, GridEntity, grid, gridArchived));
  },
};

const boundaries = (ctx: Context) =>
  memo(ctx, 'grid:boundary', () =>
    batchLoader<string, Record<string, unknown> | null>(ctx, async (ids) => {
      const params: unknown[] = [ids];
      const scope = readableSql(ctx, gridTable, params).join(' AND ') || null;
      const rows = await query<{ id: string; boundary: Record<string, unknown> | null }>(
        ctx,
        `SELECT g.id::text AS id, g.boundary FROM grid g WHERE g.id = ANY($1::bigint[]) ${scope ? `AND ${scope}` : ''}`,
        params,
      );
      const found = new Map(rows.map((r) => [r.id, r.boundary]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  );

const gridsByCode = (ctx: Context) =>
  batchLoader<string, GridRecord | null>(ctx, async (codes) => {
    const params: unknown[] = [codes];
    const scope = readableSql(ctx, gridTable, params).join(' AND ') || null;
    const rows = await query<GridRecord>(
      ctx,
      `SELECT ${gridTable.columns} FROM grid g WHERE g.code = ANY($1::text[]) ${scope ? `AND ${scope}` : ''}`,
      params,
    );
    const found = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => found.get(c) ?? null);
  });

function childFilter(filter: GridFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => gridFilterSql(filter, params) };
}
