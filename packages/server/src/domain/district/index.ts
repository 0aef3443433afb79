import { defineModule } from '../../graphql/relay/module';
import { DistrictEntity } from './district.entity';
import { DistrictResolver, districtNode } from './district.resolver';

/** Districts: the tenants above streets. */
export default defineModule({
  name: 'district',
  entities: [DistrictEntity],
  resolvers: [DistrictResolver],
  nodeFetchers: [districtNode],
  events: [],
});
