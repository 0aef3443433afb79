import { DistrictEntity } from './domain/district/district.entity';
import { DistrictResolver, districtNode } from './domain/district/district.resolver';
import { StreetEntity } from './domain/street/street.entity';
import { StreetResolver, streetNode } from './domain/street/street.resolver';
import { DomainEventEntity } from './events/domain-event.entity';

/**
 * The domain areas the server is assembled from: their typeorm entities, GraphQL resolvers and
 * `node(id:)` fetchers. A new area is added here and nowhere else.
 */
export const entities = [DistrictEntity, StreetEntity, DomainEventEntity];
export const resolvers = [DistrictResolver, StreetResolver] as const;
export const nodeFetchers = [districtNode, streetNode];
