import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import { activityEvents } from './activity.events';
import type { NodeFetcher } from '../../graphql/relay/node';
import { ActivityEntity, ActivityParticipantEntity } from './activity.entity';
import { activityModel, activityRelations, participantModel } from './activity.model';
import {
  ActivityParticipantResolver,
  ActivityResolver,
  BrandActivitiesResolver,
  GridActivitiesResolver,
  OrganizationActivitiesResolver,
  PersonActivitiesResolver,
  StreetActivitiesResolver,
  activityNode,
} from './activity.resolver';

const entities = [ActivityEntity, ActivityParticipantEntity];
const resolvers = [
  ActivityResolver,
  ActivityParticipantResolver,
  BrandActivitiesResolver,
  OrganizationActivitiesResolver,
  GridActivitiesResolver,
  PersonActivitiesResolver,
  StreetActivitiesResolver,
];
const nodeFetchers: NodeFetcher[] = [activityNode];

/** Activities and who takes part in them. */
export default defineModule({
  name: 'activity',
  entities,
  resolvers,
  nodeFetchers,
  readModels: [activityModel, participantModel],
  relations: activityRelations,
  events: activityEvents,
  policyAreas: { activity: corePolicy('activity') },
});
