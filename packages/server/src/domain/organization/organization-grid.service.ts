import { In } from 'typeorm';
import { batchLoader, query, repository, type Context } from '../shared/context';
import { InputError, type InputProblem } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { memo, readableIds, readableSql } from '../shared/table';
import { loadForUpdate } from '../shared/write';
import { GridEntity } from '../grid/grid.entity';
import { gridTable, type GridRecord } from '../grid/grid.service';
import { OrganizationEntity, OrganizationGridEntity } from './organization.entity';
import {
  organizationTable,
  readOrganization,
  type OrganizationRecord,
} from './organization.service';
import { organizationGridsSet } from './organization.events';

/** How many grids one organization may cover; a street has a few hundred at most. */
export const MAX_ORGANIZATION_GRIDS = 500;

/** Grids in use covered by many organizations, in code order. */
const gridsOfOrganization = (ctx: Context) =>
  memo(ctx, 'organization:grids', () =>
    batchLoader<string, GridRecord[]>(ctx, async (organizationIds) => {
      const params: unknown[] = [organizationIds];
      const scope = readableSql(ctx, gridTable, params).join(' AND ') || null;
      const rows = await query<GridRecord & { __owner: string }>(
        ctx,
        `SELECT ${gridTable.columns}, og.organization_id::text AS "__owner"
           FROM organization_grid og JOIN grid g ON g.id = og.grid_id
           WHERE og.organization_id = ANY($1::bigint[]) AND g.archived_at IS NULL
             ${scope ? `AND ${scope}` : ''}
           ORDER BY g.code, g.id`,
        params,
      );
      return group(organizationIds, rows);
    }),
  );

/** Organizations in use covering many grids, by name. */
const organizationsOfGrid = (ctx: Context) =>
  memo(ctx, 'organization:of-grid', () =>
    batchLoader<string, OrganizationRecord[]>(ctx, async (gridIds) => {
      const params: unknown[] = [gridIds];
      const scope = readableSql(ctx, organizationTable, params).join(' AND ') || null;
      const rows = await query<OrganizationRecord & { __owner: string }>(
        ctx,
        `SELECT ${organizationTable.columns}, og.grid_id::text AS "__owner"
           FROM organization_grid og JOIN organization o ON o.id = og.organization_id
           WHERE og.grid_id = ANY($1::bigint[]) AND o.archived_at IS NULL
             ${scope ? `AND ${scope}` : ''}
           ORDER BY o.name, o.id`,
        params,
      );
      return group(gridIds, rows);
    }),
  );

function group<R>(keys: readonly string[], rows: (R & { __owner: string })[]): R[][] {
  const byKey = new Map<string, R[]>();
  for (const { __owner, ...record } of rows) {
    byKey.set(__owner, [...(byKey.get(__owner) ?? []), record as R]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/**
 * The grids an organization covers (a grid party branch and its grid, a community and its
 * community grid, a property manager and the compound's building grids). Both sides belong to
 * the same street; the set is replaced as a whole.
 */
export const organizationGridService = {
  gridsOf(ctx: Context, organizationId: string): Promise<GridRecord[]> {
    return gridsOfOrganization(ctx).load(organizationId);
  },

  organizationsOf(ctx: Context, gridId: string): Promise<OrganizationRecord[]> {
    return organizationsOfGrid(ctx).load(gridId);
  },

  /**
   * Replaces the grids `organizationId` covers with `gridIds` (duplicates count once). Grids
   * must be of the organization's street; an archived grid may stay in the set but not join it.
   */
  async set(ctx: Context, organizationId: string, gridIds: string[]): Promise<OrganizationRecord> {
    const org = await loadForUpdate(
      ctx,
      OrganizationEntity,
      organizationId,
      ['input', 'organizationId'],
      'organization',
      'change organization grids',
      'organization',
      organizationTable,
    );
    if (org.archivedAt)
      throw InputError.single(
        ['input', 'organizationId'],
        'The organization is archived.',
        'CONFLICT',
      );
    if (gridIds.length > MAX_ORGANIZATION_GRIDS) {
      throw InputError.single(
        ['input', 'gridIds'],
        `An organization covers at most ${MAX_ORGANIZATION_GRIDS} grids; got ${gridIds.length}.`,
        'INVALID',
      );
    }
    const links = repository(ctx, OrganizationGridEntity);
    const current = new Set(
      (await links.find({ where: { organizationId: org.id } })).map((l) => l.gridId),
    );
    const wanted = [...new Set(gridIds)];
    const found = wanted.length
      ? await repository(ctx, GridEntity).find({ where: { id: In(wanted) } })
      : [];
    // Grids the viewer may not read are not found, like unknown ones.
    const visible = await readableIds(
      ctx,
      gridTable,
      found.map((g) => g.id),
    );
    const grids = new Map(found.filter((g) => visible.has(g.id)).map((g) => [g.id, g]));
    const problems: InputProblem[] = [];
    gridIds.forEach((id, i) => {
      if (gridIds.indexOf(id) !== i) return;
      const grid = grids.get(id);
      const field = ['input', 'gridIds', String(i)];
      if (!grid || grid.streetId !== org.streetId)
        problems.push({
          field,
          message: 'No grid with this ID exists in this street.',
          code: 'NOT_FOUND',
        });
      else if (grid.archivedAt && !current.has(id))
        problems.push({ field, message: `The grid ${grid.code} is archived.`, code: 'CONFLICT' });
    });
    if (problems.length) throw new InputError(problems);
    const added = wanted.filter((id) => !current.has(id));
    const removed = [...current].filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return readOrganization(ctx, org.id);
    if (removed.length) await links.delete({ organizationId: org.id, gridId: In(removed) });
    if (added.length) {
      await links.insert(
        added.map((gridId) => ({ streetId: org.streetId, organizationId: org.id, gridId })),
      );
    }
    await recordEvent(ctx, organizationGridsSet, {
      streetId: org.streetId,
      subjectId: org.id,
      payload: { gridIds: wanted, added, removed },
    });
    return readOrganization(ctx, org.id);
  },
};
