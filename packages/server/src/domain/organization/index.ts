import type { NodeFetcher } from '../../graphql/relay/node';
import { loader } from '../shared/context';
import {
  OrganizationEntity,
  OrganizationGridEntity,
  OrganizationMemberEntity,
} from './organization.entity';
import { GridOrganizationsResolver, OrganizationGridsResolver } from './organization-grid.resolver';
import {
  OrganizationMemberResolver,
  OrganizationMembersResolver,
  PersonMembershipsResolver,
} from './organization-member.resolver';
import { memberById } from './organization-member.service';
import { OrganizationResolver, StreetOrganizationsResolver } from './organization.resolver';
import { organizationById } from './organization.service';
import { Organization, OrganizationMember } from './organization.type';

/** What the organization area adds to the server (wired in src/modules.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [
  OrganizationEntity,
  OrganizationMemberEntity,
  OrganizationGridEntity,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: Function[] = [
  OrganizationResolver,
  StreetOrganizationsResolver,
  OrganizationMembersResolver,
  OrganizationMemberResolver,
  PersonMembershipsResolver,
  OrganizationGridsResolver,
  GridOrganizationsResolver,
];
export const nodeFetchers: NodeFetcher[] = [
  {
    typeName: 'Organization',
    fetch: async (ctx, ids) =>
      (await loader(ctx, organizationById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? Organization.from(r) : null,
      ),
  },
  {
    typeName: 'OrganizationMember',
    fetch: async (ctx, ids) =>
      (await loader(ctx, memberById).loadMany(ids)).map((r) =>
        r && !(r instanceof Error) ? OrganizationMember.from(r) : null,
      ),
  },
];
