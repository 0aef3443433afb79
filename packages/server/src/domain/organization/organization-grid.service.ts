import { In } from 'typeorm';
import { repository, type Context } from '../shared/context';
import { InputError, type InputProblem } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { readableIds } from '../shared/table';
import { loadForUpdate } from '../shared/write';
import { GridEntity } from '../grid/grid.entity';
import { gridTable } from '../grid/grid.service';
import { OrganizationEntity, OrganizationGridEntity } from './organization.entity';
import {
  organizationTable,
  readOrganization,
  type OrganizationRecord,
} from './organization.service';
import { organizationGridsSet } from './organization.events';

/** How many grids one organization may cover; a street has a few hundred at most. */
export const MAX_ORGANIZATION_GRIDS = 500;

/**
 * The grids an organization covers (a grid party branch and its grid, a community and its
 * community grid, a property manager and the compound's building grids). Both sides belong to
 * the same street; the set is replaced as a whole.
 */
export const organizationGridService = {
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
