import type { DirectRoots } from './graphql/direct/types';
import { DistrictEntity } from './domain/district/district.entity';
import { DistrictResolver, districtNode } from './domain/district/district.resolver';
import { GridAssignmentEntity, GridEntity } from './domain/grid/grid.entity';
import {
  GridResolver,
  GridStaffAssignmentResolver,
  PersonGridsResolver,
  StreetGridsResolver,
  gridNodes,
} from './domain/grid/grid.resolver';
import * as activity from './domain/activity';
import * as brand from './domain/brand';
import * as identity from './domain/identity';
import * as organization from './domain/organization';
import { gridsRoot } from './domain/grid/grid.direct';
import { organizationsRoot } from './domain/organization/organization.direct';
import { PersonEntity } from './domain/person/person.entity';
import { PersonResolver, StreetPeopleResolver, personNode } from './domain/person/person.resolver';
import { StreetEntity } from './domain/street/street.entity';
import { StreetResolver, streetNode } from './domain/street/street.resolver';
import * as volunteer from './domain/volunteer';
import { DomainEventEntity } from './events/domain-event.entity';
import { activityEvents } from './domain/activity/activity.events';
import { brandEvents } from './domain/brand/brand.events';
import { gridEvents } from './domain/grid/grid.events';
import { identityEvents } from './domain/identity/identity.events';
import { organizationEvents } from './domain/organization/organization.events';
import { personEvents } from './domain/person/person.events';
import { streetEvents } from './domain/street/street.events';
import { servicePostEvents } from './domain/volunteer/post.events';
import { serviceRecordEvents } from './domain/volunteer/service-record.events';
import { volunteerTeamEvents } from './domain/volunteer/team.events';
import { volunteerEvents } from './domain/volunteer/volunteer.events';

const areas = [organization, volunteer, brand, activity, identity];

/**
 * The domain areas the server is assembled from: their typeorm entities, GraphQL resolvers and
 * `node(id:)` fetchers. A new area is added here and nowhere else.
 */
export const entities = [
  DistrictEntity,
  StreetEntity,
  GridEntity,
  GridAssignmentEntity,
  PersonEntity,
  DomainEventEntity,
  ...areas.flatMap((a) => a.entities),
];

export const resolvers = [
  DistrictResolver,
  StreetResolver,
  GridResolver,
  GridStaffAssignmentResolver,
  PersonGridsResolver,
  StreetGridsResolver,
  PersonResolver,
  StreetPeopleResolver,
  ...areas.flatMap((a) => a.resolvers),
] as const;

export const nodeFetchers = [
  districtNode,
  streetNode,
  ...gridNodes,
  personNode,
  ...areas.flatMap((a) => a.nodeFetchers),
];

/** Root fields whose queries PostgreSQL may answer in one statement (graphql/direct). */
export const directRoots: DirectRoots = { grids: gridsRoot, organizations: organizationsRoot };

/** Every domain event type the areas record: the event catalog is built from this list. */
export const eventTypes = [
  ...streetEvents,
  ...gridEvents,
  ...personEvents,
  ...organizationEvents,
  ...brandEvents,
  ...activityEvents,
  ...volunteerEvents,
  ...volunteerTeamEvents,
  ...servicePostEvents,
  ...serviceRecordEvents,
  ...identityEvents,
];
