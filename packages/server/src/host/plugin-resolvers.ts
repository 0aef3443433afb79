import { PluginError, PluginInputError, type PluginContext } from '@lianxin/sdk';
import {
  defaultFieldResolver,
  isInterfaceType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { batchLoader, inTransaction, loader, type Context } from '../domain/shared/context';
import { PublicError } from '../domain/shared/errors';
import { isRowId } from '../domain/shared/row-id';
import { countRows, listPage, memo, type TableSpec } from '../domain/shared/table';
import { toConnection } from '../graphql/relay/connection';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id';
import type { NodeFetcher } from '../graphql/relay/node';
import { orderingOf } from '../graphql/relay/order';
import { loadList, relationConnection } from '../graphql/relay/relation-loader';
import type { RelationField } from '../graphql/relay/read-model';
import { pluginContext, pluginDisabled, type PluginRuntime } from './plugin-context';
import { byIdOf, keyColumn } from './plugin-read-models';

/**
 * Runs a piece of a plugin's work with its own context and a time limit. Past the limit the
 * work is abandoned (its context switched off, its statements stopped by PostgreSQL) and
 * UNAVAILABLE is answered; whatever the plugin does afterwards reaches nothing.
 */
export async function runPluginWork<T>(
  runtime: PluginRuntime,
  core: Context,
  streets: readonly string[],
  timeoutMs: number,
  work: (ctx: PluginContext) => Promise<T> | T,
  what: string,
): Promise<T> {
  const controller = new AbortController();
  const outer = core.session?.signal;
  const onOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onOuter, { once: true });
  const { ctx, end } = pluginContext(runtime, core, {
    streets,
    signal: controller.signal,
    deadline: Date.now() + timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const name = runtime.plugin.manifest.name;
  try {
    return await Promise.race([
      Promise.resolve().then(() => work(ctx)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(
            new PublicError(
              'UNAVAILABLE',
              `The plugin "${name}" did not finish ${what} within its limit of ${timeoutMs} ms; nothing it did there was kept.`,
              { plugin: name },
            ),
          );
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    end();
    outer?.removeEventListener('abort', onOuter);
  }
}

/**
 * What a caller sees of a plugin's failure: its own refusals as they are, anything else (a bug,
 * a refused statement) as UNAVAILABLE for that field only, logged with an id to find it by.
 */
export function publicFailure(runtime: PluginRuntime, core: Context, error: unknown): Error {
  const name = runtime.plugin.manifest.name;
  if (error instanceof PublicError) return error;
  if (error instanceof PluginError)
    return new PublicError(error.code, error.message, { plugin: name });
  if (error instanceof PluginInputError) {
    return new PublicError('BAD_USER_INPUT', error.message, {
      plugin: name,
      problems: error.problems,
    });
  }
  const errorId = randomUUID();
  core.logger.error({ err: error, plugin: name, errorId }, 'a plugin failed');
  return new PublicError(
    'UNAVAILABLE',
    `The plugin "${name}" failed to answer (error ${errorId}); the rest of the response is unaffected.`,
    { plugin: name, errorId },
  );
}

/** The caller's streets where the plugin is on; refuses a caller with none. */
export function streetsFor(
  runtime: PluginRuntime,
  core: Context,
  parentStreet?: unknown,
): readonly string[] {
  const name = runtime.plugin.manifest.name;
  const { viewer } = core;
  if (viewer.kind === 'anonymous') {
    throw new PublicError('UNAUTHENTICATED', `Sign in to use the plugin "${name}".`, {
      plugin: name,
    });
  }
  if (typeof parentStreet === 'string') {
    if (!runtime.enablement.enabledIn(name, parentStreet))
      throw pluginDisabled(name, 'in the street of this object');
    return [parentStreet];
  }
  const { streets } = runtime.enablement.scopeOf(name, viewer.streetIds);
  if (!streets.length) throw pluginDisabled(name, "in the caller's streets");
  return streets;
}

const USER_ERROR_CODES = new Set([
  'INVALID',
  'REQUIRED',
  'TOO_LONG',
  'NOT_FOUND',
  'TAKEN',
  'CONFLICT',
  'FORBIDDEN',
  'ILLEGAL_TRANSITION',
]);

type Resolver = GraphQLFieldResolver<Record<string, unknown>, Context>;

/** A plugin's own resolver, with its scope, its time limit, and mutations in one transaction. */
export function wrapResolver(
  runtime: PluginRuntime,
  /** Longest the resolver may take before its field answers UNAVAILABLE. */
  timeoutMs: number,
  typeName: string,
  fieldName: string,
  onCoreObject: boolean,
  mutation: boolean,
  resolve: (
    parent: Record<string, unknown>,
    args: Record<string, unknown>,
    ctx: PluginContext,
  ) => unknown,
): Resolver {
  const what = `${typeName}.${fieldName}`;
  return async (parent, args, core) => {
    const streets = streetsFor(runtime, core, onCoreObject ? parent.streetId : undefined);
    if (!mutation) {
      try {
        return await runPluginWork(
          runtime,
          core,
          streets,
          timeoutMs,
          (ctx) => resolve(parent, args, ctx),
          what,
        );
      } catch (error) {
        throw publicFailure(runtime, core, error);
      }
    }
    try {
      return await inTransaction(core, (tx) =>
        runPluginWork(runtime, tx, streets, timeoutMs, (ctx) => resolve(parent, args, ctx), what),
      );
    } catch (error) {
      // Problems with the input: nothing was written, and the payload says what was wrong.
      if (error instanceof PluginInputError) {
        return {
          userErrors: error.problems.map((p) => ({
            field: p.field,
            message: p.message,
            // A code the schema's enum lacks would fail the whole response: INVALID instead.
            code: USER_ERROR_CODES.has(p.code) ? p.code : 'INVALID',
          })),
        };
      }
      throw publicFailure(runtime, core, error);
    }
  };
}

/** The resolver of a declared relation (no plugin code runs: the core's loaders read it). */
export function relationResolver(
  runtime: PluginRuntime,
  field: RelationField,
  onCoreObject: boolean,
  tables: ReadonlyMap<string, TableSpec<Record<string, unknown>>>,
  coreFetchers: ReadonlyMap<string, NodeFetcher>,
): Resolver {
  const relation = field.relation();
  // Core objects carry their global ID in `id` and their row in `record` (or its id in
  // `rowId`); plugin rows are rows.
  const rowOf = (parent: Record<string, unknown>) =>
    ((parent.record as { id?: string } | undefined)?.id ?? parent.rowId ?? parent.id) as string;
  // An object relation's key column, as the parent's loaded row carries it: found once.
  const keyProperty =
    relation.kind === 'object' ? keyColumn(relationKey(runtime, field)) : undefined;
  return async (parent, args, core) => {
    if (onCoreObject || field.on === 'Query') {
      streetsFor(runtime, core, onCoreObject ? parent.streetId : undefined);
    }
    switch (relation.kind) {
      case 'connection': {
        if (field.on !== 'Query') {
          return relationConnection(core, field, rowOf(parent), args, (r) => r);
        }
        const table = relation.model.table as TableSpec<Record<string, unknown>>;
        const params: unknown[] = [];
        const where = relation.where(null, args, params, core) ?? [];
        const ordering = orderingOf(
          args.orderBy as Parameters<typeof orderingOf>[0],
          relation.defaultOrder,
        );
        if (!args.orderBy && relation.defaultDescending) ordering.descending = true;
        const page = await listPage(core, table, where, params, ordering, args);
        return toConnection(
          page,
          (r) => r,
          () => {
            const countParams: unknown[] = [];
            return countRows(
              core,
              table,
              relation.where(null, args, countParams, core) ?? [],
              countParams,
            );
          },
        );
      }
      case 'list':
        return loadList(core, field, rowOf(parent), args);
      case 'object': {
        // On a core object the key is `id` (see pluginReads): the parent's own row id.
        const id = onCoreObject ? rowOf(parent) : parent[keyProperty!];
        if (typeof id !== 'string') return null;
        const type = relation.model.type;
        const own = tables.get(type);
        if (own) return loader(core, byIdOf(own)).load(id);
        const fetcher = coreFetchers.get(type);
        if (!fetcher) throw new Error(`No node fetcher for ${type}`);
        const batch = memo(core, `plugin-object:${type}`, () =>
          batchLoader<string, unknown>(core, (ids) => fetcher.fetch(core, ids)),
        );
        return batch.load(id);
      }
    }
  };
}

function relationKey(runtime: PluginRuntime, field: RelationField): string {
  const r = runtime.plugin.spec.graphql?.relations?.find(
    (x) => x.on === field.on && x.field === field.field,
  );
  if (!r || r.kind !== 'object')
    throw new Error(`${field.on}.${field.field} is not an object relation`);
  return r.key;
}

/**
 * Plugin objects through `node(id:)` and `nodes(ids:)`, and as `Node`s: IDs of a plugin's types
 * are read from its read model (in the streets where it is on); the rest go to the core's.
 */
export function attachNodes(
  schema: GraphQLSchema,
  runtimes: ReadonlyMap<
    string,
    { runtime: PluginRuntime; table: TableSpec<Record<string, unknown>> }
  >,
): void {
  const node = schema.getType('Node');
  if (isInterfaceType(node)) {
    const original = node.resolveType;
    node.resolveType = (value, ctx, info, type) => {
      const name = (value as { __typename?: unknown })?.__typename;
      if (typeof name === 'string') return name;
      return original ? original(value, ctx, info, type) : undefined;
    };
  }
  const query = schema.getQueryType();
  if (!query) return;
  const fetchPlugin = async (core: Context, globalId: string): Promise<unknown> => {
    const decoded = fromGlobalId(globalId);
    const owner = decoded && runtimes.get(decoded.typeName);
    if (!owner || !isRowId(decoded.id)) return null;
    const { runtime, table } = owner;
    const { streets } = runtime.enablement.scopeOf(
      runtime.plugin.manifest.name,
      core.viewer.streetIds,
    );
    const row = (await loader(core, byIdOf(table)).load(decoded.id)) as {
      streetId: string;
    } | null;
    return row && streets.includes(row.streetId) ? row : null;
  };
  const isPlugin = (id: unknown) => {
    const decoded = typeof id === 'string' ? fromGlobalId(id) : null;
    return Boolean(decoded && runtimes.has(decoded.typeName));
  };
  const fields = query.getFields();
  const single = fields.node;
  if (single) {
    const original = single.resolve ?? defaultFieldResolver;
    single.resolve = (source, args, ctx, info) =>
      isPlugin(args.id)
        ? fetchPlugin(ctx as Context, args.id as string)
        : original(source, args, ctx, info);
  }
  const many = fields.nodes;
  if (many) {
    const original = many.resolve ?? defaultFieldResolver;
    many.resolve = async (source, args, ctx, info) => {
      const ids = args.ids as string[];
      if (!ids.some(isPlugin)) return original(source, args, ctx, info);
      const core = ids.filter((id) => !isPlugin(id));
      const coreResults = core.length
        ? ((await original(source, { ...args, ids: core }, ctx, info)) as unknown[])
        : [];
      let k = 0;
      return Promise.all(
        ids.map((id) => (isPlugin(id) ? fetchPlugin(ctx as Context, id) : coreResults[k++])),
      );
    };
  }
  for (const [type] of runtimes) {
    const t = schema.getType(type);
    if (isObjectType(t) && t.getFields().id) {
      t.getFields().id!.resolve = (row) => toGlobalId(type, (row as { id: string }).id);
    }
  }
}

/** `totalCount` of a plugin connection: counted only when asked for. */
export const totalCountResolver: Resolver = (connection) => {
  const c = connection as { totalCount?: number; countTotal?: () => Promise<number> };
  return c.totalCount ?? c.countTotal?.();
};
