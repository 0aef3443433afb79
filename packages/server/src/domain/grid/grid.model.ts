import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { roleTermModel, termPerson } from '../person/person.model';
import { assignmentTable } from './grid-staff.service';
import {
  gridFilterOf,
  gridTreeFilterOf,
  type GridFilterInput,
  type GridTreeFilterInput,
} from './grid.input';
import { gridFilterSql, gridTable } from './grid.service';

/** Grids and their staff as SQL reads them. */
export const gridModel: ReadModel = {
  type: 'Grid',
  table: gridTable,
  scalars: {
    code: (r) => `${r}.code`,
    name: (r) => `${r}.name`,
    level: (r) => `${r}.level`,
    households: (r) => `${r}.households`,
    residents: (r) => `${r}.residents`,
    buildings: (r) => `${r}.buildings`,
    ...lifecycleScalars,
  },
};

/** Read under their grid only (visibleWithParent): no join to the grid for the read rule. */
export const gridStaffModel = roleTermModel('GridStaffAssignment', {
  ...assignmentTable,
  from: 'grid_assignment a',
});

/** The staff order: by tier, then by assignment. */
export const STAFF_ORDER = `array_position(ARRAY['INSTRUCTOR','LEADER','MEMBER','ASSISTANT','BUILDING_LEAD'], a.role), a.id`;

export const gridChildren = relationField(gridModel, 'children', () => ({
  kind: 'connection',
  model: gridModel,
  connectionType: 'GridConnection',
  defaultOrder: 'CODE',
  where: (parent, args, params) => [
    `g.parent_id = ${parent!}.id`,
    ...gridFilterSql(gridTreeFilterOf(args.filter as GridTreeFilterInput | null), params),
  ],
}));

export const gridStaff = relationField(gridModel, 'staff', () => ({
  kind: 'list',
  model: gridStaffModel,
  orderBy: STAFF_ORDER,
  where: (parent) => [`a.grid_id = ${parent!}.id`, 'a.ended_on IS NULL'],
  // An assignment is visible to whoever sees its grid: the parent row here.
  visibleWithParent: true,
}));

// A subtree filter needs its root's code first: the resolver answers it.
export const gridsRoot = relationField('Query', 'grids', () => ({
  kind: 'connection',
  model: gridModel,
  connectionType: 'GridConnection',
  defaultOrder: 'CODE',
  where: (_parent, args, params) => {
    const f = args.filter as GridFilterInput | null;
    return f?.subtreeOf ? undefined : gridFilterSql(gridFilterOf(f), params);
  },
}));

export const gridRelations = [gridChildren, gridStaff, termPerson(gridStaffModel), gridsRoot];
