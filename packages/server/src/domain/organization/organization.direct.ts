import type { ConnectionRelation, DirectType } from '../../graphql/direct/types';
import { brandsBy } from '../brand/brand.direct';
import { gridType } from '../grid/grid.direct';
import { roleTermType } from '../person/person.direct';
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

/** What the direct read (graphql/direct) may build of organizations and members in SQL. */

export const organizationType: DirectType = {
  name: 'Organization',
  table: organizationTable,
  scalars: {
    kind: (r) => `${r}.kind`,
    name: (r) => `${r}.name`,
    code: (r) => `${r}.code`,
    phone: (r) => `${r}.phone`, // an office line, not personal data
    address: (r) => `${r}.address`,
    description: (r) => `${r}.description`,
    foundedOn: (r) => `${r}.founded_on::text`,
    archived: (r) => `(${r}.archived_at IS NOT NULL)`,
  },
  relations: {
    children: (): ConnectionRelation => ({
      kind: 'connection',
      type: organizationType,
      connectionType: 'OrganizationConnection',
      defaultOrder: 'NAME',
      where: (parent, args, params) => [
        `o.parent_id = ${parent!}.id`,
        ...organizationFilterSql(
          organizationTreeFilterOf(args.filter as OrganizationTreeFilterInput | null),
          params,
        ),
      ],
    }),
    grids: () => ({
      kind: 'list',
      type: gridType,
      orderBy: 'g.code, g.id',
      where: (parent) => [
        `EXISTS (SELECT 1 FROM organization_grid og WHERE og.grid_id = g.id AND og.organization_id = ${parent!}.id)`,
        'g.archived_at IS NULL',
      ],
    }),
    members: (): ConnectionRelation => ({
      kind: 'connection',
      type: memberType,
      connectionType: 'OrganizationMemberConnection',
      defaultOrder: 'ROLE',
      // Members have one fixed order: an `orderBy` argument does not exist for them.
      where: (parent, args, params) => [
        `m.organization_id = ${parent!}.id`,
        ...memberFilterSql(
          memberFilterOf(args.filter as OrganizationMemberFilterInput | null),
          params,
        ),
      ],
    }),
    brands: () => brandsBy('b.owner_organization_id'),
  },
};

export const memberType = roleTermType('OrganizationMember', memberTable);

/** `organizations(first, filter, orderBy)`; a subtree filter needs its root's path first: not direct. */
export const organizationsRoot = (): ConnectionRelation => ({
  kind: 'connection',
  type: organizationType,
  connectionType: 'OrganizationConnection',
  defaultOrder: 'NAME',
  where: (_parent, args, params) => {
    const f = args.filter as OrganizationFilterInput | null;
    return f?.subtreeOf ? undefined : organizationFilterSql(organizationFilterOf(f), params);
  },
});
