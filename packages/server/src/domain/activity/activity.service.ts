import { z } from 'zod';
import { loader, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import {
  byIdLoader,
  childCounts,
  childPages,
  filteredReads,
  type ChildFilter,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { BrandEntity } from '../brand/brand.entity';
import { brandTable } from '../brand/brand.service';
import { GridEntity } from '../grid/grid.entity';
import { gridTable } from '../grid/grid.service';
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { streetService } from '../street/street.service';
import { ActivityEntity } from './activity.entity';
import { activityArchived, activityCreated, activityUpdated } from './activity.events';
import { ACTIVITY_KINDS, type ActivityKind } from './activity.entity';
import { escapeLike } from '../shared/codes';

export { ACTIVITY_KINDS, type ActivityKind };

export interface ActivityRecord extends Omit<ActivityEntity, 'kind'> {
  kind: ActivityKind;
}

export interface ActivityFilter {
  streetId?: string | null;
  brandId?: string | null;
  /** With `brandId`: also activities of the brand's sub-brands, at any depth. */
  includeSubBrands?: boolean | null;
  organizationId?: string | null;
  gridId?: string | null;
  kinds?: ActivityKind[] | null;
  /** Start at or after this time. */
  from?: Date | null;
  /** Start before this time. */
  to?: Date | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const activityTable: TableSpec<ActivityRecord> = {
  from: 'activity a',
  alias: 'a',
  area: 'activity',
  columns: entityColumns(ActivityEntity, 'a'),
  orders: {
    STARTS_AT: {
      key: 'a.starts_at',
      type: 'timestamptz',
      id: 'a.id',
      valueOf: (r) => (r.startsAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      // Cut to milliseconds: cursors carry a JavaScript date, which has no microseconds.
      key: `date_trunc('milliseconds', a.created_at)`,
      type: 'timestamptz',
      id: 'a.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

/**
 * What a nested activity connection hangs from: a column of `activity`, or of a table joined to
 * it. `brandTree` reaches the activities of a brand and all its sub-brands; `person` those a
 * person takes part in.
 */
const groups = {
  street: { spec: activityTable, column: 'a.street_id' },
  brand: { spec: activityTable, column: 'a.brand_id' },
  brandTree: {
    spec: {
      ...activityTable,
      from: 'activity a JOIN brand ab ON ab.id = a.brand_id JOIN brand anc ON ab.path <@ anc.path',
    },
    column: 'anc.id',
  },
  organization: { spec: activityTable, column: 'a.organization_id' },
  grid: { spec: activityTable, column: 'a.grid_id' },
  person: {
    spec: {
      ...activityTable,
      from: 'activity a JOIN activity_participant ap ON ap.activity_id = a.id',
    },
    column: 'ap.person_id',
  },
} satisfies Record<string, { spec: TableSpec<ActivityRecord>; column: string }>;
export type ActivityGroup = keyof typeof groups;

/** SQL conditions for an activity filter; appends its parameters. */
export function activityFilterSql(filter: ActivityFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!filter.includeArchived) where.push('a.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `a.street_id = ${p}::bigint`);
  if (filter.brandId && filter.includeSubBrands) {
    add(
      filter.brandId,
      (p) => `a.brand_id IN (SELECT sb.id FROM brand sb
        WHERE sb.path <@ (SELECT rb.path FROM brand rb WHERE rb.id = ${p}::bigint))`,
    );
  } else if (filter.brandId) add(filter.brandId, (p) => `a.brand_id = ${p}::bigint`);
  if (filter.organizationId) add(filter.organizationId, (p) => `a.organization_id = ${p}::bigint`);
  if (filter.gridId) add(filter.gridId, (p) => `a.grid_id = ${p}::bigint`);
  if (filter.kinds?.length) add(filter.kinds, (p) => `a.kind = ANY(${p}::text[])`);
  if (filter.from) add(filter.from, (p) => `a.starts_at >= ${p}::timestamptz`);
  if (filter.to) add(filter.to, (p) => `a.starts_at < ${p}::timestamptz`);
  if (filter.search)
    add(`%${escapeLike(filter.search)}%`, (p) => `(a.title ILIKE ${p} OR a.place ILIKE ${p})`);
  return where;
}

function groupFilter(filter: ActivityFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => activityFilterSql(filter, params) };
}

export const activityById = byIdLoader(activityTable);

/** Optional text; blank is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((s) => s || null)
    .nullable();
const title = z
  .string()
  .trim()
  .min(1, 'Title is required.')
  .max(200, 'Title is at most 200 characters.');
const time = z.date({ error: 'Use a date and time.' });
const details = {
  endsAt: time.nullable().optional(),
  place: optionalText(200).optional(),
  description: optionalText(5000).optional(),
  outcome: optionalText(5000).optional(),
};
const createInput = z.object({ kind: z.enum(ACTIVITY_KINDS), title, startsAt: time, ...details });
const updateInput = z.object({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  title: title.optional(),
  startsAt: time.optional(),
  ...details,
});

/** What an activity is run under: a brand, an organization and/or a grid of its street. */
export interface ActivityOwners {
  brandId?: string | null;
  organizationId?: string | null;
  gridId?: string | null;
}

/** Unvalidated input: the service checks it. */
export type UpdateActivityInput = z.input<typeof updateInput> & ActivityOwners;
export type CreateActivityInput = z.input<typeof createInput> &
  ActivityOwners & { streetId: string };

export function toActivityRecord(e: ActivityEntity): ActivityRecord {
  return { ...e, kind: e.kind as ActivityKind };
}

const owners = [
  { key: 'brandId', entity: BrandEntity, what: 'brand', table: brandTable },
  {
    key: 'organizationId',
    entity: OrganizationEntity,
    what: 'organization',
    table: organizationTable,
  },
  { key: 'gridId', entity: GridEntity, what: 'grid', table: gridTable },
] as const;

/**
 * Checks the brand, organization and grid an activity is newly put under: each must be of the
 * activity's street and in use, and at least one must remain.
 */
async function checkOwners(
  ctx: Context,
  streetId: string,
  input: ActivityOwners,
  current: ActivityOwners = {},
): Promise<void> {
  for (const { key, entity, what, table } of owners) {
    const id = input[key];
    if (!id || id === current[key]) continue;
    const row = await loadReference<BrandEntity | OrganizationEntity | GridEntity>(
      ctx,
      entity,
      id,
      streetId,
      ['input', key],
      what,
      table,
    );
    if (row.archivedAt)
      throw InputError.single(['input', key], `The ${what} is archived.`, 'CONFLICT');
  }
  const kept = owners.some(({ key }) => (input[key] === undefined ? current[key] : input[key]));
  if (!kept) {
    throw InputError.single(
      ['input'],
      'An activity is run under a brand, an organization or a grid: give at least one of ' +
        'brandId, organizationId and gridId.',
      'REQUIRED',
    );
  }
}

function checkTimes(startsAt: Date, endsAt: Date | null | undefined): void {
  if (endsAt && endsAt < startsAt) {
    throw InputError.single(
      ['input', 'endsAt'],
      `The activity cannot end before it starts (${startsAt.toISOString()}).`,
      'INVALID',
    );
  }
}

/**
 * Activities (活动): lectures (讲堂, 宣讲), residents' councils (议事会), volunteer services,
 * rectification drives and the like, run under a brand, an organization or a grid, with their
 * participants (see `activity-participant.service.ts`).
 */
export const activityService = {
  get(ctx: Context, id: string): Promise<ActivityRecord | null> {
    return loader(ctx, activityById).load(id);
  },

  ...filteredReads(activityTable, activityFilterSql),

  /**
   * The page of activities of one street, brand (tree), organization, grid or person; batched,
   * so the same field on a list costs one statement (see `childPages`).
   */
  pageOf(
    ctx: Context,
    group: ActivityGroup,
    id: string,
    filter: ActivityFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<ActivityRecord>> {
    const { spec, column } = groups[group];
    return childPages(ctx, spec, column, groupFilter(filter), ordering, page).load(id);
  },

  countOf(ctx: Context, group: ActivityGroup, id: string, filter: ActivityFilter): Promise<number> {
    const { spec, column } = groups[group];
    return childCounts(ctx, spec, column, groupFilter(filter)).load(id);
  },

  async create(ctx: Context, input: CreateActivityInput): Promise<ActivityRecord> {
    const street = await streetService.get(ctx, input.streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create activities', 'activity');
    const v = validate(createInput, input);
    checkTimes(v.startsAt, v.endsAt);
    await checkOwners(ctx, street.id, input);
    const saved = await repository(ctx, ActivityEntity).save(
      Object.assign(new ActivityEntity(), {
        streetId: street.id,
        kind: v.kind,
        title: v.title,
        brandId: input.brandId ?? null,
        organizationId: input.organizationId ?? null,
        gridId: input.gridId ?? null,
        startsAt: v.startsAt,
        endsAt: v.endsAt ?? null,
        place: v.place ?? null,
        description: v.description ?? null,
        outcome: v.outcome ?? null,
        archivedAt: null,
      }),
    );
    await recordEvent(ctx, activityCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: {
        kind: saved.kind,
        title: saved.title,
        startsAt: saved.startsAt,
        brandId: saved.brandId,
        organizationId: saved.organizationId,
        gridId: saved.gridId,
      },
    });
    return toActivityRecord(saved);
  },

  async update(ctx: Context, id: string, input: UpdateActivityInput): Promise<ActivityRecord> {
    const activity = await loadForUpdate(
      ctx,
      ActivityEntity,
      id,
      ['input', 'id'],
      'activity',
      'change activities',
      'activity',
      activityTable,
    );
    const v = validate(updateInput, input);
    checkTimes(
      v.startsAt ?? activity.startsAt,
      v.endsAt === undefined ? activity.endsAt : v.endsAt,
    );
    await checkOwners(ctx, activity.streetId, input, activity);
    const saved = await saveChanges(
      ctx,
      ActivityEntity,
      activity,
      {
        kind: v.kind,
        title: v.title,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        place: v.place,
        description: v.description,
        outcome: v.outcome,
        brandId: input.brandId,
        organizationId: input.organizationId,
        gridId: input.gridId,
      },
      activityUpdated,
    );
    return toActivityRecord(saved);
  },

  async archive(ctx: Context, id: string): Promise<ActivityRecord> {
    const activity = await loadForUpdate(
      ctx,
      ActivityEntity,
      id,
      ['input', 'id'],
      'activity',
      'archive activities',
      'activity',
      activityTable,
    );
    return toActivityRecord(await archiveRow(ctx, ActivityEntity, activity, activityArchived));
  },
};
