import type { ConnectionRelation, DirectArgs, DirectType } from '../../graphql/direct/types';
import { rowIdOf } from '../../graphql/relay/global-id';
import { organizationType } from '../organization/organization.direct';
import { roleTermType } from '../person/person.direct';
import { assignmentTable } from './grid-staff.service';
import { gridFilterSql, gridTable, type GridFilter, type GridLevel } from './grid.service';

/** What the direct read (graphql/direct) may build of grids and their staff in SQL. */

type GridFilterArgs = {
  streetId?: string | null;
  level?: GridLevel | null;
  parentId?: string | null;
  subtreeOf?: string | null;
  codePrefix?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
};
const filterArg = (args: DirectArgs) => (args.filter ?? {}) as GridFilterArgs;

/** The filter the resolvers build from the same arguments (grid.resolver.ts). */
const treeFilter = (f: GridFilterArgs): GridFilter => ({
  level: f.level,
  search: f.search,
  includeArchived: f.includeArchived,
});

export const gridType: DirectType = {
  name: 'Grid',
  table: gridTable,
  scalars: {
    code: (r) => `${r}.code`,
    name: (r) => `${r}.name`,
    level: (r) => `${r}.level`,
    households: (r) => `${r}.households`,
    residents: (r) => `${r}.residents`,
    buildings: (r) => `${r}.buildings`,
    archived: (r) => `(${r}.archived_at IS NOT NULL)`,
  },
  relations: {
    children: (): ConnectionRelation => ({
      kind: 'connection',
      type: gridType,
      connectionType: 'GridConnection',
      defaultOrder: 'CODE',
      where: (parent, args, params) => [
        `g.parent_id = ${parent!}.id`,
        ...gridFilterSql(treeFilter(filterArg(args)), params),
      ],
    }),
    staff: () => ({
      kind: 'list',
      type: gridStaffType,
      orderBy: `array_position(ARRAY['INSTRUCTOR','LEADER','MEMBER','ASSISTANT','BUILDING_LEAD'], a.role), a.id`,
      where: (parent) => [`a.grid_id = ${parent!}.id`, 'a.ended_on IS NULL'],
      // An assignment is visible to whoever sees its grid: the parent row here.
      visibleWithParent: true,
    }),
    organizations: () => ({
      kind: 'list',
      type: organizationType,
      orderBy: 'o.name, o.id',
      where: (parent) => [
        `EXISTS (SELECT 1 FROM organization_grid og WHERE og.organization_id = o.id AND og.grid_id = ${parent!}.id)`,
        'o.archived_at IS NULL',
      ],
    }),
  },
};

/** Read under their grid only (visibleWithParent): no join to the grid for the read rule. */
export const gridStaffType = roleTermType('GridStaffAssignment', {
  ...assignmentTable,
  from: 'grid_assignment a',
});

/** `grids(first, filter, orderBy)`; a subtree filter needs its root's code first: not direct. */
export const gridsRoot = (): ConnectionRelation => ({
  kind: 'connection',
  type: gridType,
  connectionType: 'GridConnection',
  defaultOrder: 'CODE',
  where: (_parent, args, params) => {
    const f = filterArg(args);
    if (f.subtreeOf) return undefined;
    return gridFilterSql(
      {
        ...treeFilter(f),
        streetId: f.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
        parentId: f.parentId ? rowIdOf(f.parentId, 'Grid', 'filter.parentId') : null,
        codePrefix: f.codePrefix,
      },
      params,
    );
  },
});
