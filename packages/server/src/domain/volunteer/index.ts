import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import { servicePostEvents } from './post.events';
import { serviceRecordEvents } from './service-record.events';
import { volunteerTeamEvents } from './team.events';
import { volunteerEvents } from './volunteer.events';
import type { NodeFetcher } from '../../graphql/relay/node';
import { ServicePostClaimEntity, ServicePostEntity } from './post.entity';
import {
  ServicePostClaimResolver,
  ServicePostClaimsResolver,
  VolunteerPostsResolver,
  servicePostClaimNode,
} from './claim.resolver';
import { postModel, postRelations } from './post.model';
import { ServicePostResolver, servicePostNode } from './post.resolver';
import { serviceRecordModel, serviceRecordRelations } from './service-record.model';
import { teamModel, teamRelations } from './team.model';
import { volunteerModel, volunteerRelations } from './volunteer.model';
import { ServiceRecordEntity } from './service-record.entity';
import {
  ServiceRecordResolver,
  VolunteerServiceResolver,
  VolunteerTeamServiceResolver,
  serviceRecordNode,
} from './service-record.resolver';
import { VolunteerTeamEntity, VolunteerTeamMemberEntity } from './team.entity';
import {
  OrganizationVolunteerTeamsResolver,
  VolunteerTeamResolver,
  VolunteerTeamsResolver,
  volunteerTeamNode,
} from './team.resolver';
import { VolunteerEntity, VolunteerRegistrationEntity } from './volunteer.entity';
import {
  PersonVolunteerResolver,
  VolunteerRegistrationResolver,
  VolunteerResolver,
  volunteerNodes,
} from './volunteer.resolver';

const entities = [
  VolunteerEntity,
  VolunteerRegistrationEntity,
  VolunteerTeamEntity,
  VolunteerTeamMemberEntity,
  ServicePostEntity,
  ServicePostClaimEntity,
  ServiceRecordEntity,
];
const resolvers = [
  VolunteerResolver,
  VolunteerRegistrationResolver,
  PersonVolunteerResolver,
  VolunteerTeamResolver,
  VolunteerTeamsResolver,
  OrganizationVolunteerTeamsResolver,
  ServicePostResolver,
  ServicePostClaimsResolver,
  ServicePostClaimResolver,
  VolunteerPostsResolver,
  ServiceRecordResolver,
  VolunteerServiceResolver,
  VolunteerTeamServiceResolver,
];
const nodeFetchers: NodeFetcher[] = [
  ...volunteerNodes,
  volunteerTeamNode,
  servicePostNode,
  servicePostClaimNode,
  serviceRecordNode,
];

/** Volunteers, their teams, service posts and service records. */
export default defineModule({
  name: 'volunteer',
  entities,
  resolvers,
  nodeFetchers,
  readModels: [volunteerModel, teamModel, postModel, serviceRecordModel],
  relations: [...volunteerRelations, ...teamRelations, ...postRelations, ...serviceRecordRelations],
  events: [
    ...volunteerEvents,
    ...volunteerTeamEvents,
    ...servicePostEvents,
    ...serviceRecordEvents,
  ],
  policyAreas: {
    volunteer: corePolicy('volunteer'),
    serviceRecord: corePolicy('serviceRecord'),
  },
});
