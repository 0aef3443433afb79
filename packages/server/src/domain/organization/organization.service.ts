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
  groupedReads,
  type ChildFilter,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { createdAtOrder } from '../shared/keyset';
import { today } from '../shared/dates';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { streetService } from '../street/street.service';
import { OrganizationEntity } from './organization.entity';
import { ORGANIZATION_KINDS, checkPlacement, type OrganizationKind } from './organization.rules';
import {
  organizationArchived,
  organizationCreated,
  organizationUpdated,
} from './organization.events';
import { escapeLike } from '../shared/codes';

export { ORGANIZATION_KINDS, type OrganizationKind };

export interface OrganizationRecord extends Omit<OrganizationEntity, 'kind'> {
  kind: OrganizationKind;
}

export interface OrganizationFilter {
  streetId?: string | null;
  kinds?: OrganizationKind[] | null;
  parentId?: string | null;
  /** Path of an organization whose whole subtree (itself included) is wanted. */
  subtreePath?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const organizationTable: TableSpec<OrganizationRecord> = {
  from: 'organization o',
  alias: 'o',
  area: 'organization',
  columns: entityColumns(OrganizationEntity, 'o'),
  orders: {
    NAME: {
      key: 'o.name',
      type: 'text',
      id: 'o.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: createdAtOrder('o'),
  },
};

/**
 * Descendants of many organizations in one statement: rows of `o` below an `anc`, so that
 * `childPages` can number them per ancestor (`anc.id`) as it does children per parent.
 */
const descendantTable: TableSpec<OrganizationRecord> = {
  ...organizationTable,
  from: 'organization anc JOIN organization o ON o.path <@ anc.path AND o.id <> anc.id',
};

/** SQL conditions for an organization filter; appends its parameters. */
export function organizationFilterSql(filter: OrganizationFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (!filter.includeArchived) where.push('o.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `o.street_id = ${p}::bigint`);
  if (filter.kinds?.length) add(filter.kinds, (p) => `o.kind = ANY(${p}::text[])`);
  if (filter.parentId) add(filter.parentId, (p) => `o.parent_id = ${p}::bigint`);
  if (filter.subtreePath) add(filter.subtreePath, (p) => `o.path <@ ${p}::ltree`);
  if (filter.search)
    add(`%${escapeLike(filter.search)}%`, (p) => `(o.name ILIKE ${p} OR o.code ILIKE ${p})`);
  return where;
}

/** A path that no organization has (ids start at 1): the subtree of something not visible. */
export const NO_PATH = '0';

export const organizationById = byIdLoader(organizationTable);

export { today };

const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is at most 100 characters.');
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max} characters.`)
    .transform((s) => (s === '' ? null : s))
    .nullable();
const fields = {
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,32}$/, 'Code is 1–32 letters, digits or dashes.')
    .nullable(),
  // An office line: 0934-8212345, 12345, +86-934-8212345.
  phone: z
    .string()
    .trim()
    .regex(
      /^(?=.{7,20}$)\+?[0-9]+(-[0-9]+)*$/,
      'Phone is 7–20 digits and dashes, optionally starting with +, e.g. 0934-8212345.',
    )
    .nullable(),
  address: optionalText(200, 'Address'),
  description: optionalText(2000, 'Description'),
  foundedOn: z.iso
    .date('Use a date as YYYY-MM-DD.')
    .refine((d) => d <= today(), 'The founding date is not in the future.')
    .nullable(),
};
const optionalFields = {
  code: fields.code.optional(),
  phone: fields.phone.optional(),
  address: fields.address.optional(),
  description: fields.description.optional(),
  foundedOn: fields.foundedOn.optional(),
};
const createInput = z.object({ kind: z.enum(ORGANIZATION_KINDS), name, ...optionalFields });
const updateInput = z.object({ name: name.optional(), ...optionalFields });

/** Unvalidated input: the service checks it. */
export type UpdateOrganizationInput = z.input<typeof updateInput> & {
  /** Moves the organization (and its subtree); null makes it a root. */
  parentId?: string | null;
};
export type CreateOrganizationInput = z.input<typeof createInput> & {
  streetId: string;
  parentId?: string | null;
};

/**
 * Serialises changes to one street's organization tree (creating under a parent, moving,
 * archiving), so a subtree is never re-pathed while a child is added to it. Taken before any row
 * lock, so it cannot deadlock with them.
 */
async function lockTree(ctx: Context, streetId: string): Promise<void> {
  await query(ctx, `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `organization-tree:${streetId}`,
  ]);
}

/** The record as the table spec reads it, after a write (inside the write's transaction). */
export async function readOrganization(ctx: Context, id: string): Promise<OrganizationRecord> {
  const [row] = await query<OrganizationRecord>(
    ctx,
    `SELECT ${organizationTable.columns} FROM organization o WHERE o.id = $1`,
    [id],
  );
  return row!;
}

async function checkCodeFree(
  ctx: Context,
  streetId: string,
  code: string,
  self: string | null,
): Promise<void> {
  const existing = await repository(ctx, OrganizationEntity).findOne({
    where: { streetId, code },
  });
  if (existing && existing.id !== self) {
    throw InputError.single(
      ['input', 'code'],
      `Another organization of this street has the code ${code}.`,
      'TAKEN',
    );
  }
}

/**
 * Runs a write that may set `code`. Two requests can both find a code free; the one that commits
 * second hits the unique index, and gets the same TAKEN user error instead of a server error.
 */
async function claimingCode<T>(
  code: string | null | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const driverError = (error as { driverError?: { code?: string; constraint?: string } })
      .driverError;
    if (
      driverError?.code === '23505' &&
      driverError.constraint === 'organization_street_id_code_key'
    )
      throw InputError.single(
        ['input', 'code'],
        `Another organization of this street has the code ${code}.`,
        'TAKEN',
      );
    throw error;
  }
}

/** Loads the new parent for `kind`, checking street, archive state and the kind rules. */
async function loadParent(
  ctx: Context,
  streetId: string,
  kind: OrganizationKind,
  parentId: string | null,
): Promise<OrganizationEntity | null> {
  const field = ['input', 'parentId'];
  if (!parentId) {
    checkPlacement(kind, null, field);
    return null;
  }
  const parent = await loadReference(
    ctx,
    OrganizationEntity,
    parentId,
    streetId,
    field,
    'organization',
    organizationTable,
  );
  if (parent.archivedAt)
    throw InputError.single(field, 'The parent organization is archived.', 'CONFLICT');
  checkPlacement(kind, parent, field);
  return parent;
}

function childFilter(filter: OrganizationFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => organizationFilterSql(filter, params) };
}

/**
 * Organizations of a street (组织): party committees and branches, communities, departments,
 * co-building units, social organizations, property managers and owners' committees, as a tree.
 * The tree is kept twice: `parent_id`, and `path`, the ltree of ids from the root down to the
 * organization itself (`1.5.9`), so a subtree is one indexed condition (`path <@ '1.5'`).
 *
 * Which kind may sit under which is decided by `PLACEMENT` (organization.rules.ts): a party group
 * under a branch, a branch under a party committee or community, and so on. A parent is of the same
 * street and in use; a move never puts an organization below itself. The kind is fixed once made.
 */
export const organizationService = {
  get(ctx: Context, id: string): Promise<OrganizationRecord | null> {
    return loader(ctx, organizationById).load(id);
  },

  ...filteredReads(organizationTable, organizationFilterSql),
  /** A street's organizations, batched across streets. */
  ...groupedReads(organizationTable, organizationFilterSql, { street: 'o.street_id' }),

  /** Descendant pages (any depth) for many organizations at once. */
  descendantPage(
    ctx: Context,
    ancestorId: string,
    filter: OrganizationFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<OrganizationRecord>> {
    return childPages(ctx, descendantTable, 'anc.id', childFilter(filter), ordering, page).load(
      ancestorId,
    );
  },

  descendantCount(ctx: Context, ancestorId: string, filter: OrganizationFilter): Promise<number> {
    return childCounts(ctx, descendantTable, 'anc.id', childFilter(filter)).load(ancestorId);
  },

  /** Ancestors from the root down to the parent: the ids are the labels of the path. */
  async ancestors(ctx: Context, org: OrganizationRecord): Promise<OrganizationRecord[]> {
    const ids = org.path.split('.').slice(0, -1);
    if (ids.length === 0) return [];
    const found = await loader(ctx, organizationById).loadMany(ids);
    return found.filter((o): o is OrganizationRecord => Boolean(o) && !(o instanceof Error));
  },

  async create(ctx: Context, input: CreateOrganizationInput): Promise<OrganizationRecord> {
    const street = await streetService.get(ctx, input.streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create organizations', 'organization');
    const v = validate(createInput, input);
    if (input.parentId) await lockTree(ctx, street.id);
    const parent = await loadParent(ctx, street.id, v.kind, input.parentId ?? null);
    if (v.code) await checkCodeFree(ctx, street.id, v.code, null);
    // The path needs the generated id: insert with the parent's path, then append the id.
    const saved = await claimingCode(v.code, () =>
      repository(ctx, OrganizationEntity).save(
        Object.assign(new OrganizationEntity(), {
          streetId: street.id,
          parentId: parent?.id ?? null,
          path: parent?.path ?? '',
          kind: v.kind,
          name: v.name,
          code: v.code ?? null,
          phone: v.phone ?? null,
          address: v.address ?? null,
          description: v.description ?? null,
          foundedOn: v.foundedOn ?? null,
          archivedAt: null,
        }),
      ),
    );
    await query(
      ctx,
      `UPDATE organization SET path = path || text2ltree(id::text) WHERE id = $1::bigint`,
      [saved.id],
    );
    await recordEvent(ctx, organizationCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: { kind: v.kind, name: v.name, code: saved.code, parentId: saved.parentId },
    });
    return readOrganization(ctx, saved.id);
  },

  /**
   * Changes an organization. A `parentId` moves it with its whole subtree (one statement re-paths
   * every descendant); it may not move under itself or below itself. The kind is fixed.
   */
  async update(
    ctx: Context,
    id: string,
    input: UpdateOrganizationInput,
  ): Promise<OrganizationRecord> {
    if (input.parentId !== undefined) {
      const seen = await organizationService.get(ctx, id);
      if (seen) await lockTree(ctx, seen.streetId);
    }
    const org = await loadForUpdate(
      ctx,
      OrganizationEntity,
      id,
      ['input', 'id'],
      'organization',
      'change organizations',
      'organization',
      organizationTable,
    );
    const v = validate(updateInput, input);
    if (v.code && v.code !== org.code) await checkCodeFree(ctx, org.streetId, v.code, org.id);
    const oldPath = org.path;
    const moving = input.parentId !== undefined && (input.parentId ?? null) !== org.parentId;
    let newParent: OrganizationEntity | null = null;
    if (moving) {
      newParent = await loadParent(
        ctx,
        org.streetId,
        org.kind as OrganizationKind,
        input.parentId ?? null,
      );
      if (newParent && newParent.path.split('.').includes(org.id)) {
        throw InputError.single(
          ['input', 'parentId'],
          'An organization cannot move under itself or one of its own descendants.',
          'INVALID',
        );
      }
    }
    await claimingCode(v.code, () =>
      saveChanges(
        ctx,
        OrganizationEntity,
        org,
        {
          name: v.name,
          code: v.code,
          phone: v.phone,
          address: v.address,
          description: v.description,
          foundedOn: v.foundedOn,
          ...(moving ? { parentId: newParent?.id ?? null } : {}),
        },
        organizationUpdated,
      ),
    );
    if (moving) {
      await query(
        ctx,
        `UPDATE organization SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1)
         WHERE path <@ $1::ltree`,
        [oldPath, newParent?.path ?? ''],
      );
    }
    return readOrganization(ctx, org.id);
  },

  /** Archives an organization without children in use; it stays readable where referenced. */
  async archive(ctx: Context, id: string): Promise<OrganizationRecord> {
    const seen = await organizationService.get(ctx, id);
    if (seen) await lockTree(ctx, seen.streetId);
    const org = await loadForUpdate(
      ctx,
      OrganizationEntity,
      id,
      ['input', 'id'],
      'organization',
      'archive organizations',
      'organization',
      organizationTable,
    );
    const [active] = await query<{ n: number }>(
      ctx,
      `SELECT count(*)::int AS n FROM organization WHERE parent_id = $1 AND archived_at IS NULL`,
      [org.id],
    );
    if (!org.archivedAt && active!.n > 0) {
      throw InputError.single(
        ['input', 'id'],
        `This organization has ${active!.n} child organization(s) in use; archive or move them first.`,
        'CONFLICT',
      );
    }
    await archiveRow(ctx, OrganizationEntity, org, organizationArchived);
    return readOrganization(ctx, org.id);
  },
};
