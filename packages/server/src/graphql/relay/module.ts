import type { MigrationInterface } from 'typeorm';
import { checkTaskName, type TaskDefinition, type TaskRegistry } from '../../domain/shared/jobs';
import type { AreaPolicy, PolicyRegistry } from '../../domain/shared/policy';
import type { EventType } from '../../events/catalog';
import type { EventConsumer } from '../../events/relay';
import type { FollowerRegistry, Follower } from '../../domain/shared/events';
import type { NodeFetcher } from './node';
import type { ReadModel, RelationField } from './read-model';

/**
 * What one module (a domain area, later a plugin) adds to the server. The server is assembled
 * from a list of these (src/modules.ts) and from nothing else.
 */
export interface ModuleSpec {
  /** Lower case, unique: `grid`, `volunteer`. */
  name: string;
  /** typeorm entity classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  /** type-graphql resolver classes. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  /** How `node(id:)` fetches the module's object types. */
  nodeFetchers: NodeFetcher[];
  /** How the module's object types are read from PostgreSQL (relay/read-model.ts). */
  readModels?: ReadModel[];
  /**
   * The relations whose resolvers the module owns, as SQL (root fields on `Query` too): the
   * one-statement planner answers them.
   */
  relations?: RelationField[];
  /** Migrations the module owns, oldest first; run after the platform's base migrations. */
  migrations?: (new () => MigrationInterface)[];
  /** Every domain event type the module records. */
  events: readonly EventType[];
  /** Policy areas the module introduces, with each role's access. */
  policyAreas?: Record<string, AreaPolicy>;
  /**
   * Background tasks the module's services schedule (`scheduleJob`) or that recur (app.ts), by
   * name, each prefixed by the module's name: `case.sweepOverdue`. Run by the job queue as the
   * system (domain/shared/jobs.ts).
   */
  tasks?: Record<string, TaskDefinition>;
  /**
   * Events of other modules this one reacts to in the same transaction (domain/shared/events.ts
   * `Follower`): short work, such as scheduling a job.
   */
  follows?: { event: EventType; run: Follower }[];
  /**
   * Readers of the event stream the module runs after the commit, each at its own durable
   * position (events/relay.ts): the app's one relay hands them every event, in stream order, in
   * the transaction that moves their position. Names are unique; start them with the module's.
   */
  consumers?: EventConsumer[];
}

/** Declares a module; typed, and otherwise its argument. */
export function defineModule(spec: ModuleSpec): ModuleSpec {
  return spec;
}

/**
 * Refuses modules that would collide: two of one name, two fetchers for one node type, two
 * read models of one type or relations of one field, two introductions of one policy area, two
 * tasks or event consumers of one name; and a task or consumer not named after its module. Names
 * both modules.
 */
export function checkModules(modules: readonly ModuleSpec[]): void {
  const owners = new Map<string, string>();
  const claim = (what: string, module: string) => {
    const other = owners.get(what);
    if (other !== undefined) {
      throw new Error(`${what} comes from both module ${other} and module ${module}`);
    }
    owners.set(what, module);
  };
  for (const m of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.name)) {
      throw new Error(`Module name "${m.name}" is not lower case (letters, digits, dashes)`);
    }
    claim(`Module name "${m.name}"`, m.name);
  }
  for (const m of modules) {
    for (const f of m.nodeFetchers) claim(`The node fetcher of type ${f.typeName}`, m.name);
    for (const model of m.readModels ?? []) claim(`The read model of type ${model.type}`, m.name);
    for (const r of m.relations ?? []) claim(`The relation ${r.on}.${r.field}`, m.name);
    for (const area of Object.keys(m.policyAreas ?? {})) claim(`Policy area "${area}"`, m.name);
    for (const migration of m.migrations ?? []) claim(`Migration ${migration.name}`, m.name);
    for (const consumer of m.consumers ?? []) {
      if (!consumer.name.startsWith(`${m.name}.`)) {
        throw new Error(
          `Event consumer "${consumer.name}" of module ${m.name} must be named "${m.name}.<name>"`,
        );
      }
      claim(`Event consumer "${consumer.name}"`, m.name);
    }
    for (const task of Object.keys(m.tasks ?? {})) {
      checkTaskName(task, m.name);
      claim(`Task "${task}"`, m.name);
    }
  }
}

/** Adds each module's tasks to `registry` (the job queue runs what is registered). */
export function registerTasks(modules: readonly ModuleSpec[], registry: TaskRegistry): void {
  for (const m of modules) {
    for (const [name, task] of Object.entries(m.tasks ?? {})) registry.register(name, task, m.name);
  }
}

/** Registers each module's followers of events, in module order. */
export function registerFollowers(
  modules: readonly ModuleSpec[],
  registry: FollowerRegistry,
): void {
  for (const m of modules) {
    for (const { event, run } of m.follows ?? []) registry.register(event, run, m.name);
  }
}

/** Adds each module's policy areas to `registry`, in module order. */
export function registerPolicyAreas(
  modules: readonly ModuleSpec[],
  registry: PolicyRegistry,
): void {
  for (const m of modules) {
    for (const [name, policy] of Object.entries(m.policyAreas ?? {})) {
      registry.register(name, policy, m.name);
    }
  }
}
