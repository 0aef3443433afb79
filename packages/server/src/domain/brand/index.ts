import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import { brandEvents } from './brand.events';
import type { NodeFetcher } from '../../graphql/relay/node';
import { BrandEntity } from './brand.entity';
import { brandModel, brandRelations } from './brand.model';
import {
  BrandResolver,
  OrganizationBrandsResolver,
  StreetBrandsResolver,
  brandNode,
} from './brand.resolver';

const entities = [BrandEntity];
const resolvers = [BrandResolver, OrganizationBrandsResolver, StreetBrandsResolver];
const nodeFetchers: NodeFetcher[] = [brandNode];

/** Brands (community service brands) and their organizations. */
export default defineModule({
  name: 'brand',
  entities,
  resolvers,
  nodeFetchers,
  readModels: [brandModel],
  relations: brandRelations,
  events: brandEvents,
  policyAreas: { brand: corePolicy('brand') },
});
