import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { gridModel } from '../grid/grid.model';
import { organizationModel } from '../organization/organization.model';
import { rowStreet } from '../street/street.model';
import { postFilterOf, type ServicePostFilterInput } from './post.input';
import { postFilterSql, postTable } from './post.service';

/** Service posts as SQL reads them (claims and their counts are resolved). */
export const postModel: ReadModel = {
  type: 'ServicePost',
  table: postTable,
  scalars: {
    name: (r) => `${r}.name`,
    kind: (r) => `${r}.kind`,
    capacity: (r) => `${r}.capacity`,
    description: (r) => `${r}.description`,
    ...lifecycleScalars,
  },
};

export const postRelations = [
  relationField('Query', 'servicePosts', () => ({
    kind: 'connection',
    model: postModel,
    connectionType: 'ServicePostConnection',
    defaultOrder: 'NAME',
    where: (_parent, args, params) =>
      postFilterSql(postFilterOf(args.filter as ServicePostFilterInput | null), params),
  })),
  relationField(postModel, 'organization', () => ({
    kind: 'object',
    model: organizationModel,
    where: (parent) => [`o.id = ${parent!}.organization_id`],
  })),
  relationField(postModel, 'grid', () => ({
    kind: 'object',
    model: gridModel,
    where: (parent) => [`g.id = ${parent!}.grid_id`],
  })),
  rowStreet(postModel),
];
