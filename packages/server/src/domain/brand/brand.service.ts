import { z } from 'zod';
import { loader, query, repository, type Context } from '../shared/context';
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
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { streetService } from '../street/street.service';
import { BrandEntity } from './brand.entity';
import { brandArchived, brandCreated, brandUpdated } from './brand.events';
import { escapeLike } from '../shared/codes';

export type BrandRecord = BrandEntity;

export interface BrandFilter {
  streetId?: string | null;
  ownerId?: string | null;
  parentId?: string | null;
  /** Only top-level brands (no parent). */
  rootsOnly?: boolean | null;
  /** Id of a brand whose whole subtree (itself included) is wanted. */
  subtreeOf?: string | null;
  primaryOnly?: boolean | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const brandTable: TableSpec<BrandRecord> = {
  from: 'brand b',
  alias: 'b',
  area: 'brand',
  columns: entityColumns(BrandEntity, 'b'),
  orders: {
    NAME: {
      key: 'b.name',
      type: 'text',
      id: 'b.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      // Cut to milliseconds: cursors carry a JavaScript date, which has no microseconds.
      key: `date_trunc('milliseconds', b.created_at)`,
      type: 'timestamptz',
      id: 'b.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

/** The columns a nested brand connection hangs from. */
const groupColumns = {
  parent: 'b.parent_id',
  owner: 'b.owner_organization_id',
  street: 'b.street_id',
} as const;
export type BrandGroup = keyof typeof groupColumns;

/** SQL conditions for a brand filter; appends its parameters. */
export function brandFilterSql(filter: BrandFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!filter.includeArchived) where.push('b.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `b.street_id = ${p}::bigint`);
  if (filter.ownerId) add(filter.ownerId, (p) => `b.owner_organization_id = ${p}::bigint`);
  if (filter.parentId) add(filter.parentId, (p) => `b.parent_id = ${p}::bigint`);
  if (filter.rootsOnly) where.push('b.parent_id IS NULL');
  // A brand the caller cannot see has no subtree the caller can see: the scope applies to `b`.
  if (filter.subtreeOf)
    add(
      filter.subtreeOf,
      (p) => `b.path <@ (SELECT sb.path FROM brand sb WHERE sb.id = ${p}::bigint)`,
    );
  if (filter.primaryOnly) where.push('b.is_primary');
  if (filter.search)
    add(`%${escapeLike(filter.search)}%`, (p) => `(b.name ILIKE ${p} OR b.slogan ILIKE ${p})`);
  return where;
}

function groupFilter(filter: BrandFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => brandFilterSql(filter, params) };
}

export const brandById = byIdLoader(brandTable);

const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is at most 100 characters.');
/** Optional text; blank is stored as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((s) => s || null)
    .nullable();
const details = {
  slogan: optionalText(100).optional(),
  description: optionalText(2000).optional(),
  isPrimary: z.boolean().optional(),
};
const createInput = z.object({ name, ...details });
const updateInput = z.object({ name: name.optional(), ...details });

/** Unvalidated input: the service checks it. */
export type UpdateBrandInput = z.input<typeof updateInput> & {
  ownerId?: string;
  /** A new parent; null moves the brand to the top level. */
  parentId?: string | null;
};
export type CreateBrandInput = z.input<typeof createInput> & {
  streetId: string;
  ownerId: string;
  parentId?: string | null;
};

export function toBrandRecord(e: BrandEntity): BrandRecord {
  return { ...e };
}

/** The organization that owns a brand: it must exist in the street and be in use. */
async function loadOwner(
  ctx: Context,
  ownerId: string,
  streetId: string,
): Promise<OrganizationEntity> {
  const owner = await loadReference(
    ctx,
    OrganizationEntity,
    ownerId,
    streetId,
    ['input', 'ownerId'],
    'organization',
    organizationTable,
  );
  if (owner.archivedAt)
    throw InputError.single(['input', 'ownerId'], 'The organization is archived.', 'CONFLICT');
  return owner;
}

async function loadParent(ctx: Context, parentId: string, streetId: string): Promise<BrandEntity> {
  const parent = await loadReference(
    ctx,
    BrandEntity,
    parentId,
    streetId,
    ['input', 'parentId'],
    'brand',
    brandTable,
  );
  if (parent.archivedAt)
    throw InputError.single(['input', 'parentId'], 'The parent brand is archived.', 'CONFLICT');
  return parent;
}

/**
 * One community, one brand (一社一品): a primary brand belongs to a community, and a community has
 * at most one primary brand in use. The community's row is locked first, so two requests cannot
 * both pass the check; the unique index `brand_one_primary_idx` stays the last line of defence.
 */
async function requirePrimarySlot(
  ctx: Context,
  owner: OrganizationEntity,
  brandId: string | null,
  field: string[],
): Promise<void> {
  if (owner.kind !== 'COMMUNITY') {
    throw InputError.single(
      field,
      `A primary brand (一社一品) belongs to a community; ${owner.name} is not a community.`,
      'INVALID',
    );
  }
  await query(ctx, `SELECT 1 FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [owner.id]);
  const [taken] = await query<{ name: string }>(
    ctx,
    `SELECT name FROM brand
     WHERE owner_organization_id = $1 AND is_primary AND archived_at IS NULL AND id <> $2`,
    [owner.id, brandId ?? '0'],
  );
  if (taken) {
    throw InputError.single(
      field,
      `${owner.name} already has a primary brand (${taken.name}): one community, one brand (一社一品).`,
      'CONFLICT',
    );
  }
}

/**
 * Party-building brands (党建品牌) and their sub-brands (子品牌), e.g. 初心红 → 初心巷 初心站. A
 * brand's `path` holds the ids from its top-level brand down to itself, so a subtree is one
 * `<@` condition. Each community has at most one primary brand (一社一品).
 */
export const brandService = {
  get(ctx: Context, id: string): Promise<BrandRecord | null> {
    return loader(ctx, brandById).load(id);
  },

  ...filteredReads(brandTable, brandFilterSql),

  /**
   * The page of brands under one parent brand, owner or street; batched, so the same field on a
   * list of parents costs one statement (see `childPages`).
   */
  pageOf(
    ctx: Context,
    group: BrandGroup,
    id: string,
    filter: BrandFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<BrandRecord>> {
    return childPages(
      ctx,
      brandTable,
      groupColumns[group],
      groupFilter(filter),
      ordering,
      page,
    ).load(id);
  },

  countOf(ctx: Context, group: BrandGroup, id: string, filter: BrandFilter): Promise<number> {
    return childCounts(ctx, brandTable, groupColumns[group], groupFilter(filter)).load(id);
  },

  /** Ancestors from the top-level brand down to the parent. */
  async ancestors(ctx: Context, brand: BrandRecord): Promise<BrandRecord[]> {
    const ids = brand.path.split('.').slice(0, -1);
    if (ids.length === 0) return [];
    const found = await loader(ctx, brandById).loadMany(ids);
    return found.filter((b): b is BrandRecord => Boolean(b) && !(b instanceof Error));
  },

  async create(ctx: Context, input: CreateBrandInput): Promise<BrandRecord> {
    const street = await streetService.get(ctx, input.streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create brands', 'brand');
    const v = validate(createInput, input);
    const owner = await loadOwner(ctx, input.ownerId, street.id);
    const parent = input.parentId ? await loadParent(ctx, input.parentId, street.id) : null;
    if (v.isPrimary) await requirePrimarySlot(ctx, owner, null, ['input', 'isPrimary']);
    const repo = repository(ctx, BrandEntity);
    const saved = await repo.save(
      Object.assign(new BrandEntity(), {
        streetId: street.id,
        parentId: parent?.id ?? null,
        // The path ends with the brand's own id, known only after the insert.
        path: parent?.path ?? '0',
        ownerId: owner.id,
        name: v.name,
        slogan: v.slogan ?? null,
        description: v.description ?? null,
        isPrimary: v.isPrimary ?? false,
        archivedAt: null,
      }),
    );
    saved.path = parent ? `${parent.path}.${saved.id}` : saved.id;
    await repo.update(saved.id, { path: saved.path });
    await recordEvent(ctx, brandCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: {
        name: saved.name,
        ownerId: saved.ownerId,
        parentId: saved.parentId,
        isPrimary: saved.isPrimary,
      },
    });
    return toBrandRecord(saved);
  },

  async update(ctx: Context, id: string, input: UpdateBrandInput): Promise<BrandRecord> {
    const brand = await loadForUpdate(
      ctx,
      BrandEntity,
      id,
      ['input', 'id'],
      'brand',
      'change brands',
      'brand',
      brandTable,
    );
    const v = validate(updateInput, input);
    const patch: Partial<BrandEntity> = {
      name: v.name,
      slogan: v.slogan,
      description: v.description,
      isPrimary: v.isPrimary,
    };

    const ownerChanges = input.ownerId !== undefined && input.ownerId !== brand.ownerId;
    const owner = ownerChanges ? await loadOwner(ctx, input.ownerId!, brand.streetId) : null;
    if (owner) patch.ownerId = owner.id;
    const becomesPrimary = v.isPrimary === true && !brand.isPrimary;
    if ((v.isPrimary ?? brand.isPrimary) && (becomesPrimary || owner)) {
      const field = becomesPrimary ? ['input', 'isPrimary'] : ['input', 'ownerId'];
      const checked =
        owner ??
        (await loadReference(
          ctx,
          OrganizationEntity,
          brand.ownerId,
          brand.streetId,
          ['input', 'id'],
          'organization',
          organizationTable,
        ));
      await requirePrimarySlot(ctx, checked, brand.id, field);
    }

    if (input.parentId !== undefined && input.parentId !== brand.parentId) {
      const parent = input.parentId ? await loadParent(ctx, input.parentId, brand.streetId) : null;
      if (parent && `${parent.path}.`.startsWith(`${brand.path}.`)) {
        throw InputError.single(
          ['input', 'parentId'],
          'A brand cannot move under itself or one of its own sub-brands.',
          'INVALID',
        );
      }
      const path = parent ? `${parent.path}.${brand.id}` : brand.id;
      // The whole subtree moves with the brand: every path starts with the brand's new path.
      await query(
        ctx,
        `UPDATE brand
         SET path = CASE WHEN path = $2::ltree THEN $1::ltree
                    ELSE $1::ltree || subpath(path, nlevel($2::ltree)) END
         WHERE street_id = $3 AND path <@ $2::ltree`,
        [path, brand.path, brand.streetId],
      );
      patch.parentId = parent?.id ?? null;
      patch.path = path;
    }

    const saved = await saveChanges(ctx, BrandEntity, brand, patch, brandUpdated);
    return toBrandRecord(saved);
  },

  async archive(ctx: Context, id: string): Promise<BrandRecord> {
    const brand = await loadForUpdate(
      ctx,
      BrandEntity,
      id,
      ['input', 'id'],
      'brand',
      'archive brands',
      'brand',
      brandTable,
    );
    const [active] = await query<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM brand WHERE parent_id = $1 AND archived_at IS NULL`,
      [brand.id],
    );
    if (active!.n > 0) {
      throw InputError.single(
        ['input', 'id'],
        `This brand has ${active!.n} sub-brand(s) in use; archive them first.`,
        'CONFLICT',
      );
    }
    return toBrandRecord(await archiveRow(ctx, BrandEntity, brand, brandArchived));
  },
};
