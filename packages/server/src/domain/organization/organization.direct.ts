import type { ConnectionRelation, DirectArgs, DirectType } from '../../graphql/direct/types';
import { rowIdOf } from '../../graphql/relay/global-id';
import { brandsBy } from '../brand/brand.direct';
import { gridType } from '../grid/grid.direct';
import { roleTermType } from '../person/person.direct';
import { memberFilterSql, memberTable, type MemberRole } from './organization-member.service';
import {
  organizationFilterSql,
  organizationTable,
  type OrganizationFilter,
  type OrganizationKind,
} from './organization.service';

/** What the direct read (graphql/direct) may build of organizations and members in SQL. */

type FilterArgs = {
  streetId?: string | null;
  kinds?: OrganizationKind[] | null;
  parentId?: string | null;
  subtreeOf?: string | null;
  search?: string | null;
  includeArchived?: boolean | null;
};
const filterArg = (args: DirectArgs) => (args.filter ?? {}) as FilterArgs;

/** The filter organization.resolver.ts builds for `children`. */
const treeFilter = (f: FilterArgs): OrganizationFilter => ({
  kinds: f.kinds,
  search: f.search,
  includeArchived: f.includeArchived,
});

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
        ...organizationFilterSql(treeFilter(filterArg(args)), params),
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
      where: (parent, args, params) => {
        // Members have one fixed order: an `orderBy` argument does not exist for them.
        const f = (args.filter ?? {}) as {
          role?: MemberRole | null;
          includeEnded?: boolean | null;
        };
        return [
          `m.organization_id = ${parent!}.id`,
          ...memberFilterSql({ role: f.role, includeEnded: f.includeEnded }, params),
        ];
      },
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
    const f = filterArg(args);
    if (f.subtreeOf) return undefined;
    return organizationFilterSql(
      {
        ...treeFilter(f),
        streetId: f.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
        parentId: f.parentId ? rowIdOf(f.parentId, 'Organization', 'filter.parentId') : null,
      },
      params,
    );
  },
});
