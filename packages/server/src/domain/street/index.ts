import { defineModule } from '../../graphql/relay/module';
import { StreetEntity } from './street.entity';
import { streetEvents } from './street.events';
import { streetModel, streetRelations } from './street.model';
import { StreetResolver, streetNode } from './street.resolver';

/** Streets: the scope every other row lives in. */
export default defineModule({
  name: 'street',
  entities: [StreetEntity],
  resolvers: [StreetResolver],
  nodeFetchers: [streetNode],
  readModels: [streetModel],
  relations: streetRelations,
  events: streetEvents,
});
