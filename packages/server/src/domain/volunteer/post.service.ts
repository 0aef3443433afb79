import { z } from 'zod';
import { loader, query, repository, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { byIdLoader, filteredReads, type TableSpec } from '../shared/table';
import { requireStreetWrite } from '../shared/tenancy';
import { validate } from '../shared/validate';
import { archiveRow, loadForUpdate, loadReference, saveChanges } from '../shared/write';
import { entityColumns } from '../shared/entity-columns';
import { GridEntity } from '../grid/grid.entity';
import { gridTable } from '../grid/grid.service';
import { OrganizationEntity } from '../organization/organization.entity';
import { organizationTable } from '../organization/organization.service';
import { streetService } from '../street/street.service';
import { adder, escapeLike, name, optionalText, requireActive, requireNotArchived } from './common';
import { ServicePostEntity } from './post.entity';
import { servicePostArchived, servicePostCreated, servicePostUpdated } from './post.events';
import { SERVICE_POST_KINDS, type ServicePostKind } from './post.entity';

export { SERVICE_POST_KINDS, type ServicePostKind };

export interface ServicePostRecord extends Omit<ServicePostEntity, 'kind'> {
  kind: ServicePostKind;
}

export interface ServicePostFilter {
  streetId?: string | null;
  kind?: ServicePostKind | null;
  organizationId?: string | null;
  gridId?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
}

export const postTable: TableSpec<ServicePostRecord> = {
  from: 'service_post sp',
  alias: 'sp',
  // Posts are public within the street (党员责任岗 are shown to residents).
  area: 'organization',
  columns: entityColumns(ServicePostEntity, 'sp'),
  orders: {
    NAME: {
      key: 'sp.name',
      type: 'text',
      id: 'sp.id',
      valueOf: (r) => r.name as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      key: 'sp.created_at',
      type: 'timestamptz',
      id: 'sp.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

export function postFilterSql(filter: ServicePostFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = adder(where, params);
  if (!filter.includeArchived) where.push('sp.archived_at IS NULL');
  if (filter.streetId) add(filter.streetId, (p) => `sp.street_id = ${p}::bigint`);
  if (filter.kind) add(filter.kind, (p) => `sp.kind = ${p}`);
  if (filter.organizationId) add(filter.organizationId, (p) => `sp.organization_id = ${p}::bigint`);
  if (filter.gridId) add(filter.gridId, (p) => `sp.grid_id = ${p}::bigint`);
  if (filter.search) add(`%${escapeLike(filter.search)}%`, (p) => `sp.name ILIKE ${p}`);
  return where;
}

export const postById = byIdLoader(postTable);
const capacity = z
  .number()
  .int('Capacity is a whole number.')
  .min(1, 'Capacity is at least 1; leave it out for no limit.')
  .max(10_000)
  .nullable();
const details = {
  kind: z.enum(SERVICE_POST_KINDS).optional(),
  capacity: capacity.optional(),
  description: optionalText(500).optional(),
};
const createInput = z.object({ name, ...details, kind: z.enum(SERVICE_POST_KINDS) });
const updateInput = z.object({ name: name.optional(), ...details });

export type ServicePostInput = z.input<typeof updateInput> & {
  organizationId?: string | null;
  gridId?: string | null;
};

/** Checks the organization and grid a post refers to: same street, not archived. */
async function checkPlacement(ctx: Context, streetId: string, input: ServicePostInput) {
  if (input.organizationId) {
    const organization = await loadReference(
      ctx,
      OrganizationEntity,
      input.organizationId,
      streetId,
      ['input', 'organizationId'],
      'organization',
      organizationTable,
    );
    requireActive(organization, ['input', 'organizationId'], 'organization');
  }
  if (input.gridId) {
    const grid = await loadReference(
      ctx,
      GridEntity,
      input.gridId,
      streetId,
      ['input', 'gridId'],
      'grid',
      gridTable,
    );
    requireActive(grid, ['input', 'gridId'], 'grid');
  }
}

/** How many volunteers hold the post now. */
export async function activeClaimCount(ctx: Context, postId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    ctx,
    `SELECT count(*)::int AS n FROM service_post_claim WHERE post_id = $1 AND released_on IS NULL`,
    [postId],
  );
  return row!.n;
}

async function reread(ctx: Context, id: string): Promise<ServicePostRecord> {
  return (await servicePostService.get({ ...ctx, loaders: new Map() }, id))!;
}

/**
 * Service posts (党员责任岗 / 服务岗位): posts such as mediator, patrol or epidemic checks that
 * volunteers claim (see claim.service.ts), at most `capacity` at a time.
 */
export const servicePostService = {
  get(ctx: Context, id: string): Promise<ServicePostRecord | null> {
    return loader(ctx, postById).load(id);
  },

  ...filteredReads(postTable, postFilterSql),

  async create(
    ctx: Context,
    streetId: string,
    input: ServicePostInput & { name: string; kind: ServicePostKind },
  ): Promise<ServicePostRecord> {
    const street = await streetService.get(ctx, streetId);
    if (!street)
      throw InputError.single(['input', 'streetId'], 'No street has this ID.', 'NOT_FOUND');
    requireStreetWrite(ctx, street.id, 'create service posts', 'volunteer');
    const v = validate(createInput, input);
    await checkPlacement(ctx, street.id, input);
    const saved = await repository(ctx, ServicePostEntity).save(
      Object.assign(new ServicePostEntity(), {
        streetId: street.id,
        organizationId: input.organizationId ?? null,
        gridId: input.gridId ?? null,
        name: v.name,
        kind: v.kind,
        capacity: v.capacity ?? null,
        description: v.description ?? null,
        archivedAt: null,
      }),
    );
    await recordEvent(ctx, servicePostCreated, {
      streetId: street.id,
      subjectId: saved.id,
      payload: { name: saved.name, kind: saved.kind, capacity: saved.capacity },
    });
    return reread(ctx, saved.id);
  },

  async update(ctx: Context, id: string, input: ServicePostInput): Promise<ServicePostRecord> {
    const post = await loadForUpdate(
      ctx,
      ServicePostEntity,
      id,
      ['input', 'id'],
      'service post',
      'change service posts',
      'volunteer',
      postTable,
    );
    const v = validate(updateInput, input);
    await checkPlacement(ctx, post.streetId, input);
    if (v.capacity != null) {
      const claimed = await activeClaimCount(ctx, post.id);
      if (claimed > v.capacity) {
        throw InputError.single(
          ['input', 'capacity'],
          `The post has ${claimed} active claims; release some before lowering the capacity to ${v.capacity}.`,
          'CONFLICT',
        );
      }
    }
    await saveChanges(
      ctx,
      ServicePostEntity,
      post,
      { ...v, organizationId: input.organizationId, gridId: input.gridId },
      servicePostUpdated,
    );
    return reread(ctx, post.id);
  },

  async archive(ctx: Context, id: string): Promise<ServicePostRecord> {
    const post = await loadForUpdate(
      ctx,
      ServicePostEntity,
      id,
      ['input', 'id'],
      'service post',
      'archive service posts',
      'volunteer',
      postTable,
    );
    requireNotArchived(post, 'service post');
    const claimed = await activeClaimCount(ctx, post.id);
    if (claimed > 0) {
      throw InputError.single(
        ['input', 'id'],
        `This post has ${claimed} active claim(s); release them first.`,
        'CONFLICT',
      );
    }
    await archiveRow(ctx, ServicePostEntity, post, servicePostArchived);
    return reread(ctx, post.id);
  },
};
