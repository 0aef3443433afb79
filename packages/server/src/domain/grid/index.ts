import { corePolicy } from '../shared/policy';
import { defineModule } from '../../graphql/relay/module';
import { gridModel, gridRelations, gridStaffModel } from './grid.model';
import { GridAssignmentEntity, GridEntity } from './grid.entity';
import { gridEvents } from './grid.events';
import {
  GridResolver,
  GridStaffAssignmentResolver,
  PersonGridsResolver,
  StreetGridsResolver,
  gridNodes,
} from './grid.resolver';

/** Grids, their subtree codes and their staff. */
export default defineModule({
  name: 'grid',
  entities: [GridEntity, GridAssignmentEntity],
  resolvers: [GridResolver, GridStaffAssignmentResolver, PersonGridsResolver, StreetGridsResolver],
  nodeFetchers: gridNodes,
  readModels: [gridModel, gridStaffModel],
  relations: gridRelations,
  events: gridEvents,
  policyAreas: { grid: corePolicy('grid') },
});
