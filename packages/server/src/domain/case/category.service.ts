import { z } from 'zod';
import { sql } from '../../db/statement';
import { batchLoader, loader, query, type Context } from '../shared/context';
import { entityColumns } from '../shared/entity-columns';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import { listPage, type Ordering, type TableSpec } from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { validate } from '../shared/validate';
import { ACKNOWLEDGE_LIMITS, INTAKE_LIMITS, onDefaultCalendar } from './category.catalog';
import { CaseCategoryEntity, CaseCategoryVersionEntity } from './case.entity';
import { categoryArchived, categoryCreated, categoryRevised } from './case.events';

export type CategoryRecord = CaseCategoryEntity;
export type CategoryRulesRecord = CaseCategoryVersionEntity;

/** The platform's catalog (no street) and the categories of the caller's streets. */
const inScope = (ctx: Context, params: unknown[]): string => {
  const scope = ctx.viewer.streetIds;
  if (scope === 'all') return 'true';
  params.push(scope);
  return `(cc.street_id IS NULL OR cc.street_id = ANY($${params.length}::bigint[]))`;
};

export const categoryTable: TableSpec<CategoryRecord> = {
  from: 'case_category cc',
  alias: 'cc',
  // Categories are public within reach: the platform's to everyone, a street's to its callers.
  public: true,
  columns: entityColumns(CaseCategoryEntity, 'cc'),
  orders: {
    CODE: {
      key: 'cc.code',
      type: 'text',
      id: 'cc.id',
      valueOf: (r) => r.code as string,
      idOf: (r) => r.id as string,
    },
  },
};

const rulesColumns = entityColumns(CaseCategoryVersionEntity, 'cv');

export interface CategoryFilter {
  /** Only the street's own (and not the platform's). */
  streetId?: string | null;
  /** What a case of this street may be filed under: the platform's and the street's own. */
  reach?: string | null;
  /** By Open311 service code. */
  serviceCodes?: string[] | null;
  /** Majors only (true), minors only (false). */
  major?: boolean | null;
  parentId?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

function filterSql(ctx: Context, f: CategoryFilter, params: unknown[]): string[] {
  const where = [inScope(ctx, params)];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!f.includeArchived) where.push('cc.archived_at IS NULL');
  if (f.streetId) add(f.streetId, (p) => `cc.street_id = ${p}::bigint`);
  if (f.reach) add(f.reach, (p) => `(cc.street_id IS NULL OR cc.street_id = ${p}::bigint)`);
  if (f.serviceCodes) add(f.serviceCodes, (p) => `cc.service_code = ANY(${p}::text[])`);
  if (f.major === true) where.push('cc.parent_id IS NULL');
  if (f.major === false) where.push('cc.parent_id IS NOT NULL');
  if (f.parentId) add(f.parentId, (p) => `cc.parent_id = ${p}::bigint`);
  if (f.search) {
    add(
      `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      (p) =>
        `(cc.name ILIKE ${p} OR cc.name_en ILIKE ${p} OR cc.code LIKE ${p} OR cc.service_code ILIKE ${p})`,
    );
  }
  return where;
}

const byId = (ctx: Context) =>
  batchLoader<string, CategoryRecord | null>(ctx, async (ids) => {
    const params: unknown[] = [ids];
    const rows = await query<CategoryRecord>(
      ctx,
      `SELECT ${categoryTable.columns} FROM case_category cc WHERE cc.id = ANY($1::bigint[]) AND ${inScope(ctx, params)}`,
      params,
    );
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

const rulesLoader = (ctx: Context) =>
  batchLoader<string, CategoryRulesRecord | null>(ctx, async (keys) => {
    const pairs = keys.map((k) => k.split('@'));
    const rows = await query<CategoryRulesRecord>(
      ctx,
      `SELECT ${rulesColumns} FROM case_category_version cv
       JOIN unnest($1::bigint[], $2::int[]) AS k (id, version)
         ON cv.category_id = k.id AND cv.version = k.version`,
      [pairs.map((p) => p[0]), pairs.map((p) => Number(p[1]))],
    );
    const found = new Map(rows.map((r) => [`${r.categoryId}@${r.version}`, r]));
    return keys.map((k) => found.get(k) ?? null);
  });

/** The platform's category rules by `id@version`, per database (see `rules`). */
const platformRules = new WeakMap<object, Map<string, CategoryRulesRecord>>();

const minutes = (what: string) =>
  z
    .number({ error: `${what} is a whole number of work minutes.` })
    .int(`${what} is a whole number of work minutes.`)
    .min(1, `${what} is at least 1 work minute.`)
    .max(480 * 365, `${what} is at most a year of work days.`);
const limits = (what: string) =>
  z
    .object({ A: minutes(`${what} A`), B: minutes(`${what} B`), C: minutes(`${what} C`) })
    .strict()
    .refine((l) => l.A <= l.B && l.B <= l.C, {
      message: `${what} must not shrink from urgency A to C (A ≤ B ≤ C).`,
    });
const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required.`)
    .max(max, `${what} is at most ${max} characters.`);
const rulesInput = {
  acceptanceCriteria: text('The acceptance criteria (立案条件)', 2000),
  closureCriteria: text('The closure criteria (结案条件)', 2000),
  timeLimits: limits('The time limit'),
  intakeLimits: limits('The intake limit').optional(),
  acknowledgeLimits: limits('The acknowledge limit').optional(),
  departments: z.array(text('A department', 50)).max(20, 'At most 20 departments.'),
};
const createInput = z.object({
  code: z
    .string()
    .regex(
      /^[0-9A-Z]{2}([0-9A-Z]{2}){1,2}$/,
      "A category code is 4 or 6 digits or capital letters, beginning with its major's 2.",
    ),
  name: text('The name', 50),
  nameEn: text('The English name', 100).nullable().optional(),
  serviceCode: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{0,99}$/,
      'A service code is lower-case letters, digits, dots and dashes (Open311).',
    ),
  ...rulesInput,
});
const reviseInput = z.object({
  name: text('The name', 50).optional(),
  nameEn: text('The English name', 100).nullable().optional(),
  acceptanceCriteria: rulesInput.acceptanceCriteria.optional(),
  closureCriteria: rulesInput.closureCriteria.optional(),
  timeLimits: rulesInput.timeLimits.optional(),
  intakeLimits: rulesInput.intakeLimits,
  acknowledgeLimits: rulesInput.acknowledgeLimits,
  departments: rulesInput.departments.optional(),
});
export type CreateCategoryInput = z.input<typeof createInput> & { streetId: string };
export type ReviseCategoryInput = z.input<typeof reviseInput>;

const insertVersion = sql(
  'case_category_version_insert',
  `INSERT INTO case_category_version (category_id, version, street_id, acceptance_criteria,
     closure_criteria, time_limits, intake_limits, acknowledge_limits, departments)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

/**
 * Case categories (案件类别): the platform's two-level catalog (大类/小类) and each street's own.
 * A minor carries the rules a case is handled under — 立案条件, 处置时限 per urgency, 结案条件, the
 * usual departments — versioned, so a change applies to new cases and a case keeps its version.
 */
export const categoryService = {
  get(ctx: Context, id: string): Promise<CategoryRecord | null> {
    return loader(ctx, byId).load(id);
  },

  async rules(
    ctx: Context,
    categoryId: string,
    version: number,
  ): Promise<CategoryRulesRecord | null> {
    const key = `${categoryId}@${version}`;
    const known = platformRules.get(ctx.db)?.get(key);
    if (known) return known;
    const rules = await loader(ctx, rulesLoader).load(key);
    // A version's rules never change (case_category_version is append-only), and the platform's
    // are every caller's to read: kept per database, they cost a report no round trip.
    if (rules && rules.streetId === null) {
      let cache = platformRules.get(ctx.db);
      if (!cache) platformRules.set(ctx.db, (cache = new Map()));
      if (cache.size < 10_000) cache.set(key, rules);
    }
    return rules;
  },

  list(
    ctx: Context,
    filter: CategoryFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<CategoryRecord>> {
    const params: unknown[] = [];
    return listPage(ctx, categoryTable, filterSql(ctx, filter, params), params, ordering, page);
  },

  async count(ctx: Context, filter: CategoryFilter): Promise<number> {
    const params: unknown[] = [];
    const [row] = await query<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM case_category cc WHERE ${filterSql(ctx, filter, params).join(' AND ')}`,
      params,
    );
    return row!.n;
  },

  /**
   * The category a case in `streetId` may be filed under, with its current rules: a minor of the
   * platform or of that street, in use. Otherwise a user error on `field`.
   */
  async forCase(
    ctx: Context,
    streetId: string,
    categoryId: string,
    field: string[],
  ): Promise<{ category: CategoryRecord; rules: CategoryRulesRecord }> {
    const category = await this.get(ctx, categoryId);
    if (!category || (category.streetId !== null && category.streetId !== streetId)) {
      throw InputError.single(
        field,
        'No case category with this ID exists in this street.',
        'NOT_FOUND',
      );
    }
    if (category.parentId === null) {
      throw InputError.single(
        field,
        `${category.name} (${category.code}) is a major class (大类): choose one of its minor categories (小类).`,
        'INVALID',
      );
    }
    if (category.archivedAt) {
      throw InputError.single(field, `The category ${category.name} is archived.`, 'INVALID');
    }
    const rules = await this.rules(ctx, category.id, category.version);
    if (!rules)
      throw new Error(`Category ${category.id} has no rules of version ${category.version}`);
    return { category, rules };
  },

  /** A street's own minor category under one of the platform's (or the street's) majors. */
  async create(ctx: Context, input: CreateCategoryInput): Promise<CategoryRecord> {
    requireStreetWrite(ctx, input.streetId, 'add case categories', 'case');
    const v = validate(createInput, input);
    const params: unknown[] = [v.code.slice(0, 2), input.streetId];
    const [parent] = await query<{ id: string }>(
      ctx,
      `SELECT id::text AS id FROM case_category
       WHERE code = $1 AND (street_id IS NULL OR street_id = $2) AND archived_at IS NULL
       ORDER BY street_id NULLS FIRST LIMIT 1`,
      params,
    );
    if (!parent) {
      throw InputError.single(
        ['input', 'code'],
        `No major class (大类) has the code ${v.code.slice(0, 2)}.`,
        'NOT_FOUND',
      );
    }
    const [taken] = await query<{ what: string }>(
      ctx,
      `SELECT CASE WHEN code = $2 THEN 'code' ELSE 'serviceCode' END AS what FROM case_category
       WHERE (street_id IS NULL OR street_id = $1) AND (code = $2 OR service_code = $3) LIMIT 1`,
      [input.streetId, v.code, v.serviceCode],
    );
    if (taken) {
      throw InputError.single(
        ['input', taken.what],
        taken.what === 'code'
          ? `The code ${v.code} is taken in this street.`
          : `The service code ${v.serviceCode} is taken in this street.`,
        'TAKEN',
      );
    }
    const [row] = await query<{ id: string }>(
      ctx,
      `INSERT INTO case_category (street_id, parent_id, code, name, name_en, service_code)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
      [input.streetId, parent.id, v.code, v.name, v.nameEn ?? null, v.serviceCode],
    );
    await query(ctx, insertVersion, [
      row!.id,
      1,
      input.streetId,
      v.acceptanceCriteria,
      v.closureCriteria,
      JSON.stringify(v.timeLimits),
      JSON.stringify(v.intakeLimits ?? onDefaultCalendar(INTAKE_LIMITS)),
      JSON.stringify(v.acknowledgeLimits ?? onDefaultCalendar(ACKNOWLEDGE_LIMITS)),
      v.departments,
    ]);
    await recordEvent(ctx, categoryCreated, {
      streetId: input.streetId,
      subjectId: row!.id,
      payload: { code: v.code, name: v.name, serviceCode: v.serviceCode },
    });
    return (await loader(ctx, byId).clear(row!.id).load(row!.id))!;
  },

  /** Changes a category: names in place, rules as a new version that new cases get. */
  async revise(ctx: Context, id: string, input: ReviseCategoryInput): Promise<CategoryRecord> {
    const category = await this.writable(ctx, id, 'change case categories');
    const v = validate(reviseInput, input);
    const rulesAsked = (Object.keys(v) as (keyof typeof v)[]).some(
      (k) => k !== 'name' && k !== 'nameEn' && v[k] !== undefined,
    );
    if (category.parentId === null && rulesAsked) {
      throw InputError.single(
        ['input'],
        'A major class (大类) has no rules; revise its minor categories.',
        'INVALID',
      );
    }
    const rules =
      (await this.rules(ctx, category.id, category.version)) ?? ({} as CategoryRulesRecord);
    const changed = (Object.keys(v) as (keyof typeof v)[]).filter(
      (k) =>
        v[k] !== undefined &&
        JSON.stringify(v[k]) !==
          JSON.stringify(
            k === 'name' || k === 'nameEn' ? category[k] : rules[k as keyof CategoryRulesRecord],
          ),
    );
    if (changed.length === 0) return category;
    const rulesChanged = changed.some((k) => k !== 'name' && k !== 'nameEn');
    const version = rulesChanged ? category.version + 1 : category.version;
    if (rulesChanged) {
      if (category.parentId === null) {
        throw InputError.single(
          ['input'],
          'A major class (大类) has no rules; revise its minor categories.',
          'INVALID',
        );
      }
      await query(ctx, insertVersion, [
        category.id,
        version,
        category.streetId,
        v.acceptanceCriteria ?? rules.acceptanceCriteria,
        v.closureCriteria ?? rules.closureCriteria,
        JSON.stringify(v.timeLimits ?? rules.timeLimits),
        JSON.stringify(v.intakeLimits ?? rules.intakeLimits),
        JSON.stringify(v.acknowledgeLimits ?? rules.acknowledgeLimits),
        v.departments ?? rules.departments,
      ]);
    }
    await query(
      ctx,
      `UPDATE case_category SET name = $2, name_en = $3, version = $4, updated_at = now() WHERE id = $1`,
      [
        category.id,
        v.name ?? category.name,
        v.nameEn === undefined ? category.nameEn : v.nameEn,
        version,
      ],
    );
    await recordEvent(ctx, categoryRevised, {
      streetId: category.streetId,
      subjectId: category.id,
      payload: { version, fields: changed },
    });
    return (await loader(ctx, byId).clear(category.id).load(category.id))!;
  },

  async archive(ctx: Context, id: string): Promise<CategoryRecord> {
    const category = await this.writable(ctx, id, 'archive case categories');
    if (category.archivedAt) {
      throw InputError.single(
        ['input', 'id'],
        'The category is archived already.',
        'ILLEGAL_TRANSITION',
      );
    }
    await query(
      ctx,
      `UPDATE case_category SET archived_at = now(), updated_at = now() WHERE id = $1`,
      [category.id],
    );
    await recordEvent(ctx, categoryArchived, {
      streetId: category.streetId,
      subjectId: category.id,
      payload: {},
    });
    return (await loader(ctx, byId).clear(category.id).load(category.id))!;
  },

  /** A category the viewer may change: a street's by its administrators, the platform's by platform ones. */
  async writable(ctx: Context, id: string, action: string): Promise<CategoryRecord> {
    const [category] = await query<CategoryRecord>(
      ctx,
      `SELECT ${categoryTable.columns} FROM case_category cc WHERE cc.id = $1 FOR UPDATE`,
      [id],
    );
    const scope = ctx.viewer.streetIds;
    if (
      !category ||
      (category.streetId !== null && scope !== 'all' && !scope.includes(category.streetId))
    ) {
      throw InputError.single(['input', 'id'], 'No case category has this ID.', 'NOT_FOUND');
    }
    if (category.streetId === null) {
      if (ctx.viewer.streetIds !== 'all' || ctx.viewer.role !== 'PLATFORM_ADMIN') {
        throw new PublicError(
          'FORBIDDEN',
          `Only platform administrators may ${action} of the platform's catalog.`,
        );
      }
    } else requireStreetWrite(ctx, category.streetId, action, 'case');
    return category;
  },
};
