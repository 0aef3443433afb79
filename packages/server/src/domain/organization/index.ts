import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import { memberModel, organizationModel, organizationRelations } from './organization.model';
import { organizationEvents } from './organization.events';
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

const entities = [OrganizationEntity, OrganizationMemberEntity, OrganizationGridEntity];
const resolvers = [
  OrganizationResolver,
  StreetOrganizationsResolver,
  OrganizationMembersResolver,
  OrganizationMemberResolver,
  PersonMembershipsResolver,
  OrganizationGridsResolver,
  GridOrganizationsResolver,
];
const nodeFetchers: NodeFetcher[] = [
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

/** Organizations, their members and the grids they serve. */
export default defineModule({
  name: 'organization',
  entities,
  resolvers,
  nodeFetchers,
  readModels: [organizationModel, memberModel],
  relations: organizationRelations,
  events: organizationEvents,
  policyAreas: { organization: corePolicy('organization') },
});
