import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { gridModel } from '../grid/grid.model';
import { roleTermModel, termPerson } from '../person/person.model';
import { memberFilterSql, memberTable } from './organization-member.service';
import {
  memberFilterOf,
  organizationFilterOf,
  organizationTreeFilterOf,
  type OrganizationFilterInput,
  type OrganizationMemberFilterInput,
  type OrganizationTreeFilterInput,
} from './organization.input';
import { organizationFilterSql, organizationTable } from './organization.service';

/** Organizations and their members as SQL reads them. */
export const organizationModel: ReadModel = {
  type: 'Organization',
  table: organizationTable,
  scalars: {
    kind: (r) => `${r}.kind`,
    name: (r) => `${r}.name`,
    code: (r) => `${r}.code`,
    phone: (r) => `${r}.phone`, // an office line, not personal data
    address: (r) => `${r}.address`,
    description: (r) => `${r}.description`,
    foundedOn: (r) => `${r}.founded_on::text`,
    ...lifecycleScalars,
  },
};

export const memberModel = roleTermModel('OrganizationMember', memberTable);

export const organizationChildren = relationField(organizationModel, 'children', () => ({
  kind: 'connection',
  model: organizationModel,
  connectionType: 'OrganizationConnection',
  defaultOrder: 'NAME',
  where: (parent, args, params) => [
    `o.parent_id = ${parent!}.id`,
    ...organizationFilterSql(
      organizationTreeFilterOf(args.filter as OrganizationTreeFilterInput | null),
      params,
    ),
  ],
}));

export const organizationGrids = relationField(organizationModel, 'grids', () => ({
  kind: 'list',
  model: gridModel,
  orderBy: 'g.code, g.id',
  where: (parent) => [
    `EXISTS (SELECT 1 FROM organization_grid og WHERE og.grid_id = g.id AND og.organization_id = ${parent!}.id)`,
    'g.archived_at IS NULL',
  ],
}));

export const gridOrganizations = relationField(gridModel, 'organizations', () => ({
  kind: 'list',
  model: organizationModel,
  orderBy: 'o.name, o.id',
  where: (parent) => [
    `EXISTS (SELECT 1 FROM organization_grid og WHERE og.organization_id = o.id AND og.grid_id = ${parent!}.id)`,
    'o.archived_at IS NULL',
  ],
}));

export const organizationMembers = relationField(organizationModel, 'members', () => ({
  kind: 'connection',
  model: memberModel,
  connectionType: 'OrganizationMemberConnection',
  defaultOrder: 'ROLE',
  where: (parent, args, params) => [
    `m.organization_id = ${parent!}.id`,
    ...memberFilterSql(memberFilterOf(args.filter as OrganizationMemberFilterInput | null), params),
  ],
}));

export const organizationsRoot = relationField('Query', 'organizations', () => ({
  kind: 'connection',
  model: organizationModel,
  connectionType: 'OrganizationConnection',
  defaultOrder: 'NAME',
  where: (_parent, args, params) => {
    const f = args.filter as OrganizationFilterInput | null;
    return f?.subtreeOf ? undefined : organizationFilterSql(organizationFilterOf(f), params);
  },
}));

export const organizationRelations = [
  organizationChildren,
  organizationGrids,
  gridOrganizations,
  organizationMembers,
  termPerson(memberModel),
  organizationsRoot,
];
