import type { NodeFetcher } from '../../graphql/relay/node';
import { ActivityEntity, ActivityParticipantEntity } from './activity.entity';
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

/** What the activity area adds to the server (wired in src/modules.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [ActivityEntity, ActivityParticipantEntity];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: Function[] = [
  ActivityResolver,
  ActivityParticipantResolver,
  BrandActivitiesResolver,
  OrganizationActivitiesResolver,
  GridActivitiesResolver,
  PersonActivitiesResolver,
  StreetActivitiesResolver,
];
export const nodeFetchers: NodeFetcher[] = [activityNode];
