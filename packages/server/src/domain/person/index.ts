import { corePolicy } from '../shared/policy';
import { defineModule } from '../../graphql/relay/module';
import { PersonEntity } from './person.entity';
import { personEvents } from './person.events';
import { personModel, personRelations } from './person.model';
import { PersonResolver, StreetPeopleResolver, personNode } from './person.resolver';

/** People: residents and staff, with their personal data. */
export default defineModule({
  name: 'person',
  entities: [PersonEntity],
  resolvers: [PersonResolver, StreetPeopleResolver],
  nodeFetchers: [personNode],
  readModels: [personModel],
  relations: personRelations,
  events: personEvents,
  policyAreas: { person: corePolicy('person') },
});
