import type { PluginSpec } from '@lianxin/sdk';
import { isObjectType, Kind, parse, type GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { Context } from '../domain/shared/context';
import type { TableSpec } from '../domain/shared/table';
import type {
  CaseTransitionFacts,
  ConfigCheck,
  HookState,
  PluginEntry,
  PluginSupport,
} from '../domain/shared/plugins';
import { defineEvent, type EventType } from '../events/catalog';
import type { EventConsumer } from '../events/relay';
import { checkReadModels } from '../graphql/direct/check';
import type { NodeFetcher } from '../graphql/relay/node';
import { ReadCatalog, type ReadModel, type RelationField } from '../graphql/relay/read-model';
import type { Logger } from '../logger';
import { Enablement } from './enablement';
import {
  checkPlugin,
  loadPlugins,
  PluginRefused,
  type LoadedPlugin,
  type RefusedPlugin,
} from './plugin';
import type { PluginRuntime } from './plugin-context';
import { guardCaseTransition, hookConsumer, hookStates, type HookDeps } from './plugin-hooks';
import { addPluginCategories } from './plugin-categories';
import { seedPluginDemo } from './plugin-demo';
import { pluginReads } from './plugin-read-models';
import {
  attachNodes,
  relationResolver,
  totalCountResolver,
  wrapResolver,
} from './plugin-resolvers';
import { driftOf, migratePlugin, type Drift } from './plugin-schema';
import { extendWithPlugin, type SchemaOwners } from './plugin-sdl';

export interface HostedSchema {
  schema: GraphQLSchema;
  catalog: ReadCatalog;
}

/**
 * The plugin host: loads the configured plugins and checks them (manifest, platform range,
 * shape), migrates their schemas, adds their GraphQL, read models, events, hooks and guards to
 * the platform, and answers for them (enablement per street, status). A plugin refused at any
 * step is left out and reported; the platform serves without it.
 */
export class PluginHost {
  private readonly refusedList: RefusedPlugin[];
  private active: LoadedPlugin[];
  private readonly runtimes = new Map<string, PluginRuntime>();
  private enablement?: Enablement;
  private db?: Database;
  private readonly configs = new Map<string, { raw: unknown; value: unknown }>();

  private constructor(
    loaded: LoadedPlugin[],
    refused: RefusedPlugin[],
    private readonly logger: Logger,
  ) {
    this.active = loaded;
    this.refusedList = refused;
    for (const r of refused) logger.error({ plugin: r.name ?? r.source, state: r.state }, r.reason);
  }

  /** Loads `sources` (module names or paths, or definitions); never throws for a plugin's fault. */
  static async load(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin's own types
    sources: readonly (string | PluginSpec<any>)[],
    logger: Logger,
  ): Promise<PluginHost> {
    return PluginHost.loadSync(sources, logger);
  }

  /** `load`, at once (modules are required synchronously): for tools that build a schema. */
  static loadSync(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin's own types
    sources: readonly (string | PluginSpec<any>)[],
    logger: Logger,
  ): PluginHost {
    const { loaded, refused } = loadPlugins(sources);
    return new PluginHost(loaded, refused, logger);
  }

  /** The plugins running (after every refusal so far). */
  get plugins(): readonly LoadedPlugin[] {
    return this.active;
  }

  get refused(): readonly RefusedPlugin[] {
    return this.refusedList;
  }

  private refuse(plugin: LoadedPlugin, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const state = error instanceof PluginRefused ? error.state : 'FAILED';
    this.active = this.active.filter((p) => p !== plugin);
    this.refusedList.push({ source: plugin.source, name: plugin.manifest.name, state, reason });
    this.logger.error({ plugin: plugin.manifest.name, state }, reason);
  }

  /**
   * Applies each plugin's pending migrations as the database's owner (`url` is the owner's
   * login). A plugin whose migration fails is rolled back whole and left out.
   */
  async migrate(url: string): Promise<void> {
    if (!this.active.length) return;
    const client = new Client({ connectionString: url, application_name: 'lianxin-plugins' });
    await client.connect();
    try {
      for (const plugin of [...this.active]) {
        try {
          const { applied } = await migratePlugin(client as never, plugin);
          if (applied.length)
            this.logger.info(
              { plugin: plugin.manifest.name, applied },
              'plugin migrations applied',
            );
        } catch (error) {
          this.refuse(plugin, error);
        }
      }
    } finally {
      await client.end();
    }
  }

  /**
   * Leaves out each plugin whose migrations have not all run on `db` (they run with the core's,
   * `lianxin migrate`, or `migrate` here): its tables would be missing or old.
   */
  async verify(db: Database): Promise<void> {
    if (!this.active.length) return;
    const client = await db.scoped('*');
    let applied: { plugin: string; name: string }[];
    try {
      ({ rows: applied } = await client.query<{ plugin: string; name: string }>(
        `SELECT plugin, name FROM plugin_migration`,
      ));
    } finally {
      client.release();
    }
    for (const plugin of [...this.active]) {
      const pending = (plugin.spec.migrations ?? [])
        .map((m) => m.name)
        .filter((m) => !applied.some((a) => a.plugin === plugin.manifest.name && a.name === m));
      if (pending.length) {
        this.refuse(
          plugin,
          new PluginRefused(
            'FAILED',
            `Plugin "${plugin.manifest.name}": its migrations ${pending.join(', ')} have not run on this database; run "lianxin migrate"`,
          ),
        );
      }
    }
  }

  /** How each plugin's database differs from its code (`lianxin plugin check`). */
  async drift(url: string): Promise<Drift[]> {
    const client = new Client({ connectionString: url, application_name: 'lianxin-plugins' });
    await client.connect();
    try {
      const all: Drift[] = [];
      for (const plugin of this.active) all.push(...(await driftOf(client as never, plugin)));
      return all;
    } finally {
      await client.end();
    }
  }

  /** Event types of every running plugin, in the core's terms. */
  eventTypes(): EventType[] {
    return this.active.flatMap((p) => [...(this.runtimeOf(p)?.events.values() ?? [])]);
  }

  private runtimeOf(plugin: LoadedPlugin): PluginRuntime | undefined {
    return this.runtimes.get(plugin.manifest.name);
  }

  /**
   * Binds the host to the server's database and adds the plugins to the core schema and read
   * catalog. Call once per server, before `schema` is served.
   */
  build(
    /** Null to build the schema only (`lianxin schema`): enablement is then never read. */
    db: Database | null,
    core: {
      schema: GraphQLSchema;
      models: readonly ReadModel[];
      relations: readonly RelationField[];
      fetchers: readonly NodeFetcher[];
    },
    refreshMs = 2000,
    resolverTimeoutMs = 5000,
  ): HostedSchema {
    if (this.enablement || this.runtimes.size) {
      throw new Error('A plugin host serves one server: load another for a second');
    }
    const enablement = new Enablement(db, this.logger, refreshMs);
    if (db) {
      this.enablement = enablement;
      this.db = db;
    }
    const coreCatalog = new ReadCatalog(core.models, core.relations);
    const owners: SchemaOwners = { types: new Map(), fields: new Map() };
    let schema = core.schema;
    let models = [...core.models];
    let relations = [...core.relations];
    const built: { plugin: LoadedPlugin; reads: ReturnType<typeof pluginReads> }[] = [];
    for (const plugin of [...this.active]) {
      try {
        const events = new Map<string, EventType>();
        for (const [name, e] of Object.entries(plugin.spec.events ?? {})) {
          events.set(
            name,
            defineEvent(name, {
              subject: e.subject,
              description: e.description,
              payload: e.payload,
            }),
          );
        }
        checkResolvable(plugin);
        const extended = extendWithPlugin(schema, plugin, owners);
        const reads = pluginReads(plugin, coreCatalog, enablement);
        const runtime: PluginRuntime = {
          plugin,
          enablement,
          events,
          tables: reads.tables,
          config: (streetId) => this.configOf(plugin, streetId),
        };
        // Checked against the whole catalog so far and the schema with the plugin's types: a
        // plugin that collides or describes its reads wrongly is refused alone.
        checkReadModels(
          extended,
          new ReadCatalog([...models, ...reads.models], [...relations, ...reads.relations]),
        );
        schema = extended;
        models = [...models, ...reads.models];
        relations = [...relations, ...reads.relations];
        this.runtimes.set(plugin.manifest.name, runtime);
        built.push({ plugin, reads });
      } catch (error) {
        this.refuse(plugin, error);
      }
    }
    const fetchers = new Map(core.fetchers.map((f) => [f.typeName, f]));
    const nodes = new Map<
      string,
      { runtime: PluginRuntime; table: TableSpec<Record<string, unknown>> }
    >();
    for (const { plugin, reads } of built) {
      const runtime = this.runtimes.get(plugin.manifest.name)!;
      this.attach(schema, runtime, reads, owners, fetchers, resolverTimeoutMs);
      for (const [type, table] of reads.tables) nodes.set(type, { runtime, table });
    }
    // No plugin added a type: the core's schema is served as it is (and left untouched).
    if (schema !== core.schema) attachNodes(schema, nodes);
    return { schema, catalog: new ReadCatalog(models, relations) };
  }

  private attach(
    schema: GraphQLSchema,
    runtime: PluginRuntime,
    reads: ReturnType<typeof pluginReads>,
    owners: SchemaOwners,
    fetchers: ReadonlyMap<string, NodeFetcher>,
    resolverTimeoutMs: number,
  ): void {
    const name = runtime.plugin.manifest.name;
    const graphql = runtime.plugin.spec.graphql;
    const mutationType = schema.getMutationType()?.name;
    const isOwnType = (type: string) => owners.types.get(type) === name;
    const fieldOf = (type: string, field: string) => {
      const t = schema.getType(type);
      const f = isObjectType(t) ? t.getFields()[field] : undefined;
      if (!f)
        throw new Error(
          `Plugin "${name}": a resolver or relation names ${type}.${field}, which its schema does not define`,
        );
      return f;
    };
    for (const [key, relation] of reads.resolverRelations) {
      const [type, field] = key.split('.') as [string, string];
      fieldOf(type, field).resolve = relationResolver(
        runtime,
        relation,
        !isOwnType(type) && type !== 'Query',
        reads.tables,
        fetchers,
      );
      if (relation.relation().kind === 'connection') {
        const connectionType = (relation.relation() as { connectionType: string }).connectionType;
        const c = schema.getType(connectionType);
        if (isObjectType(c) && c.getFields().totalCount)
          c.getFields().totalCount!.resolve = totalCountResolver;
      }
    }
    for (const [type, fields] of Object.entries(graphql?.resolvers ?? {})) {
      for (const [field, resolve] of Object.entries(fields)) {
        const owned = isOwnType(type) || owners.fields.get(`${type}.${field}`) === name;
        if (!owned)
          throw new Error(
            `Plugin "${name}": it may resolve only its own fields, not ${type}.${field}`,
          );
        fieldOf(type, field).resolve = wrapResolver(
          runtime,
          resolverTimeoutMs,
          type,
          field,
          !isOwnType(type) && type !== 'Query' && type !== mutationType,
          type === mutationType,
          resolve,
        );
      }
    }
    // A field the plugin adds to a core type with neither a resolver nor a relation would
    // read a property the core object does not have.
    for (const [field, owner] of owners.fields) {
      if (owner !== name) continue;
      const [type, f] = field.split('.') as [string, string];
      if (!fieldOf(type, f).resolve) {
        throw new Error(`Plugin "${name}": field ${field} has neither a resolver nor a relation`);
      }
    }
  }

  /**
   * Enables the plugins in the demo streets they name and loads their demo data there (once per
   * plugin and street). After `build`, on the server's database.
   */
  async seedDemo(): Promise<string[]> {
    if (!this.db) throw new Error('seedDemo needs a host built on a database');
    const done = await seedPluginDemo(
      this.active.flatMap((p) => this.runtimes.get(p.manifest.name) ?? []),
      { db: this.db, logger: this.logger },
      () => this.enablement!.refresh(),
    );
    if (done.length) this.logger.info({ plugins: done }, 'plugin demo data loaded');
    return done;
  }

  /** Starts following enablement (call once the database is migrated). */
  async start(): Promise<void> {
    await this.enablement?.start();
  }

  stop(): void {
    this.enablement?.stop();
  }

  /** The hooks of the running plugins, as readers of the event stream. */
  consumers(deps: HookDeps): EventConsumer[] {
    return this.active.flatMap((p) => {
      const runtime = this.runtimeOf(p);
      return runtime ? (p.spec.hooks ?? []).map((h) => hookConsumer(runtime, h, deps)) : [];
    });
  }

  /** The configuration of `plugin` in `streetId`, parsed by its schema (defaults applied). */
  private configOf(plugin: LoadedPlugin, streetId: string): unknown {
    const raw = this.enablement?.config(plugin.manifest.name, streetId);
    if (raw === undefined) return undefined;
    const key = `${plugin.manifest.name}:${streetId}`;
    const cached = this.configs.get(key);
    if (cached && cached.raw === raw) return cached.value;
    const value = plugin.spec.config ? plugin.spec.config.parse(raw) : raw;
    this.configs.set(key, { raw, value });
    return value;
  }

  /** What the core sees of the host (ctx.plugins). */
  support(db: Database): PluginSupport<Context> {
    return {
      list: () => this.entries(),
      checkConfig: (plugin, config) => this.checkConfig(plugin, config),
      enabling: async (ctx, plugin, streetId) => {
        const found = this.active.find((p) => p.manifest.name === plugin);
        if (found) await addPluginCategories(ctx, found, streetId);
      },
      changed: async () => {
        await this.enablement?.refresh();
      },
      hooks: async (plugin): Promise<readonly HookState[]> => {
        const runtime = this.runtimes.get(plugin);
        return runtime ? hookStates(db, runtime) : [];
      },
      guardCaseTransition: (ctx: Context, transition: CaseTransitionFacts) =>
        guardCaseTransition(
          [...this.runtimes.values()].filter((r) => this.active.includes(r.plugin)),
          ctx,
          transition,
        ),
    };
  }

  private entries(): PluginEntry[] {
    const running: PluginEntry[] = this.active.map((p) => ({
      name: p.manifest.name,
      version: p.manifest.version,
      displayName: p.manifest.displayName,
      description: p.manifest.description,
      capabilities: p.manifest.capabilities,
      state: 'ACTIVE',
      reason: null,
      enabledStreets: this.enablement?.streets(p.manifest.name) ?? [],
    }));
    const refused: PluginEntry[] = this.refusedList.map((r) => ({
      name: r.name ?? r.source,
      version: null,
      displayName: null,
      description: null,
      capabilities: [],
      state: r.state,
      reason: r.reason,
      enabledStreets: [],
    }));
    return [...running, ...refused];
  }

  private checkConfig(name: string, config: unknown): ConfigCheck {
    const plugin = this.active.find((p) => p.manifest.name === name);
    if (!plugin)
      return { ok: false, problems: [{ path: [], message: `No plugin "${name}" runs here` }] };
    const schema = plugin.spec.config ?? z.object({}).strict();
    const result = schema.safeParse(config ?? {});
    if (result.success) {
      // Stored as given (defaults are applied when read), so a later default applies too.
      return { ok: true, value: config ?? {} };
    }
    return {
      ok: false,
      problems: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    };
  }
}

export { checkPlugin };

/**
 * Refuses, before its schema is added, a plugin whose resolvers name fields it does not define,
 * or whose fields on other types have neither a resolver nor a relation.
 */
function checkResolvable(plugin: LoadedPlugin): void {
  const graphql = plugin.spec.graphql;
  if (!graphql?.typeDefs) {
    if (graphql?.resolvers && Object.keys(graphql.resolvers).length) {
      throw new PluginRefused(
        'FAILED',
        `Plugin "${plugin.manifest.name}" has resolvers but no typeDefs`,
      );
    }
    return;
  }
  const doc = parse(graphql.typeDefs);
  const own = new Set<string>();
  const extensions = new Set<string>();
  for (const def of doc.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_EXTENSION) {
      for (const f of def.fields ?? []) extensions.add(`${def.name.value}.${f.name.value}`);
    } else if ('name' in def && def.name) own.add(def.name.value);
  }
  const problems: string[] = [];
  const resolved = new Set<string>();
  for (const [type, fields] of Object.entries(graphql.resolvers ?? {})) {
    for (const field of Object.keys(fields)) {
      const key = `${type}.${field}`;
      resolved.add(key);
      if (!own.has(type) && !extensions.has(key))
        problems.push(`a resolver names ${key}, which the plugin does not define`);
    }
  }
  for (const r of graphql.relations ?? []) resolved.add(`${r.on}.${r.field}`);
  for (const key of extensions) {
    if (!resolved.has(key)) problems.push(`field ${key} has neither a resolver nor a relation`);
  }
  if (problems.length) {
    throw new PluginRefused(
      'FAILED',
      `Plugin "${plugin.manifest.name}":\n- ${problems.join('\n- ')}`,
    );
  }
}
