import { migrations as baseMigrations } from './db/migrations';
import activity from './domain/activity';
import audit from './domain/audit';
import brand from './domain/brand';
import calendar from './domain/calendar';
import caseArea from './domain/case';
import district from './domain/district';
import grid from './domain/grid';
import identity from './domain/identity';
import organization from './domain/organization';
import person from './domain/person';
import plugin from './domain/plugin';
import { tasks } from './domain/shared/jobs';
import { followers } from './domain/shared/events';
import { policies } from './domain/shared/policy';
import street from './domain/street';
import volunteer from './domain/volunteer';
import webhook from './domain/webhook';
import { eventTypeRegistry } from './events/catalog';
import { DomainEventEntity } from './events/domain-event.entity';
import {
  checkModules,
  registerPolicyAreas,
  registerFollowers,
  registerTasks,
  type ModuleSpec,
} from './graphql/relay/module';
import { ReadCatalog } from './graphql/relay/read-model';

/**
 * The modules the server is assembled from, in order (their events in this order make
 * docs/events.md). A new area is a module added here and nowhere else.
 */
export const modules: readonly ModuleSpec[] = [
  district,
  street,
  grid,
  person,
  organization,
  brand,
  activity,
  volunteer,
  identity,
  audit,
  calendar,
  caseArea,
  webhook,
  plugin,
];

/** What the server is built from, derived from `modules` here and nowhere else. */
export function assemble(list: readonly ModuleSpec[]) {
  // Refused at start-up, naming both modules, before anything collides quietly.
  checkModules(list);
  return {
    /** typeorm entities: the event stream's, then each module's. */
    entities: [DomainEventEntity, ...list.flatMap((m) => m.entities)],
    resolvers: list.flatMap((m) => m.resolvers),
    nodeFetchers: list.flatMap((m) => m.nodeFetchers),
    /** Read models and relations: what PostgreSQL may answer in one statement (graphql/direct). */
    readCatalog: new ReadCatalog(
      list.flatMap((m) => m.readModels ?? []),
      list.flatMap((m) => m.relations ?? []),
    ),
    /** The same, as lists: the plugin host adds plugins' to them. */
    readModels: list.flatMap((m) => m.readModels ?? []),
    relations: list.flatMap((m) => m.relations ?? []),
    /** Every domain event type the modules record: the event catalog is built from these. */
    eventTypes: list.flatMap((m) => m.events),
    /** Readers of the event stream, each at its own position: the app's relay runs them. */
    consumers: list.flatMap((m) => m.consumers ?? []),
    /** The platform's base (cross-area) migrations, then each module's, in module order. */
    migrations: [...baseMigrations, ...list.flatMap((m) => m.migrations ?? [])],
  };
}

export const {
  entities,
  resolvers,
  nodeFetchers,
  readCatalog,
  readModels,
  relations,
  eventTypes,
  consumers,
  migrations,
} = assemble(modules);
registerPolicyAreas(modules, policies);
registerTasks(modules, tasks);
registerFollowers(modules, followers);
eventTypeRegistry.register(eventTypes);
