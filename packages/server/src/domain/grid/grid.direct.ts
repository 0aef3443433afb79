import type { ConnectionRelation, DirectType } from '../../graphql/direct/types';
import { organizationType } from '../organization/organization.direct';
import { roleTermType } from '../person/person.direct';
import { assignmentTable } from './grid-staff.service';
import {
  gridFilterOf,
  gridTreeFilterOf,
  type GridFilterInput,
  type GridTreeFilterInput,
} from './grid.input';
import { gridFilterSql, gridTable } from './grid.service';

/** What the direct read (graphql/direct) may build of grids and their staff in SQL. */

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
        ...gridFilterSql(gridTreeFilterOf(args.filter as GridTreeFilterInput | null), params),
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
    const f = args.filter as GridFilterInput | null;
    return f?.subtreeOf ? undefined : gridFilterSql(gridFilterOf(f), params);
  },
});
