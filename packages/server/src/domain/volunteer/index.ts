import type { NodeFetcher } from '../../graphql/relay/node';
import { ServicePostClaimEntity, ServicePostEntity } from './post.entity';
import {
  ServicePostClaimResolver,
  ServicePostClaimsResolver,
  VolunteerPostsResolver,
  servicePostClaimNode,
} from './claim.resolver';
import { ServicePostResolver, servicePostNode } from './post.resolver';
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

/** What the volunteer area adds to the server (wired in src/modules.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [
  VolunteerEntity,
  VolunteerRegistrationEntity,
  VolunteerTeamEntity,
  VolunteerTeamMemberEntity,
  ServicePostEntity,
  ServicePostClaimEntity,
  ServiceRecordEntity,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: Function[] = [
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
export const nodeFetchers: NodeFetcher[] = [
  ...volunteerNodes,
  volunteerTeamNode,
  servicePostNode,
  servicePostClaimNode,
  serviceRecordNode,
];
