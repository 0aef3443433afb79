import { defineModule } from '../../graphql/relay/module';
import { calendarEvents } from './calendar.events';
import { DistrictCalendarResolver, WorkCalendarResolver } from './calendar.resolver';
import { WorkCalendar1732600000006 } from './migrations/1732600000006-work-calendar';

/** Work calendars per district: working time for deadlines (cases count theirs on them). */
export default defineModule({
  name: 'calendar',
  entities: [],
  resolvers: [DistrictCalendarResolver, WorkCalendarResolver],
  nodeFetchers: [],
  migrations: [WorkCalendar1732600000006],
  events: calendarEvents,
});
