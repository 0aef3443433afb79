import type { PluginColumn, PluginReadModel, PluginRelation } from '@lianxin/sdk';
import {
  PLUGIN_PERSON_AREA,
  PLUGIN_SHARED_AREA,
  PLUGIN_STAFF_AREA,
} from '../domain/plugin/plugin.rules';
import type { Context } from '../domain/shared/context';
import type { KeysetOrder } from '../domain/shared/keyset';
import { byIdLoader, type TableSpec } from '../domain/shared/table';
import {
  float8Sql,
  isoTimestampSql,
  relationField,
  type ReadCatalog,
  type ReadModel,
  type Relation,
  type RelationArgs,
  type RelationField,
} from '../graphql/relay/read-model';
import type { Enablement } from './enablement';
import type { LoadedPlugin } from './plugin';

/**
 * A plugin's read models and relations, in the core's own terms (graphql/relay/read-model.ts):
 * the one-statement planner and the relation loaders then serve plugin fields exactly as they
 * serve the core's, from this one description.
 */

const quote = (name: string) => `"${name}"`;

/** The property of a loaded row holding the key column `column` of an object relation. */
export const keyColumn = (column: string) => `__k_${column}`;

function columnSql(alias: string, column: PluginColumn): string {
  if (typeof column === 'string') return `${alias}.${column}`;
  const c = `${alias}.${column.column}`;
  switch (column.kind) {
    case 'timestamp':
      return isoTimestampSql(c);
    case 'float':
      return float8Sql(c);
    case 'date':
      return `to_char(${c}, 'YYYY-MM-DD')`;
    default:
      return c;
  }
}

/** The table spec of a plugin read model: its rows as the API answers them (and `streetId`). */
export function pluginTable(
  plugin: LoadedPlugin,
  type: string,
  model: PluginReadModel,
  keys: readonly string[] = [],
): TableSpec<Record<string, unknown>> {
  const alias = `${plugin.area}__${model.table}`;
  const fields = Object.entries(model.fields).map(
    ([field, column]) => `${columnSql(alias, column)} AS ${quote(field)}`,
  );
  const orders: Record<string, Omit<KeysetOrder, 'descending'>> = {};
  const hidden: string[] = [];
  for (const [name, o] of Object.entries(model.orders)) {
    const key =
      o.type === 'timestamptz'
        ? `date_trunc('milliseconds', ${alias}.${o.column})`
        : `${alias}.${o.column}`;
    const hiddenName = `__o_${name}`;
    hidden.push(`${key} AS ${quote(hiddenName)}`);
    orders[name] = {
      key,
      // The keyset's name for a 4-byte integer (its cursors are checked by type).
      type: o.type === 'integer' ? 'int' : o.type,
      id: `${alias}.id`,
      unique: o.unique,
      valueOf: (r) => {
        const v = r[hiddenName];
        return v instanceof Date ? v.toISOString() : (v as string | number);
      },
      idOf: (r) => r.id as string,
    };
  }
  return {
    from: `${quote(plugin.schema)}.${quote(model.table)} ${alias}`,
    alias,
    columns: [
      `${alias}.id::text AS id`,
      `${alias}.street_id::text AS "streetId"`,
      ...fields,
      ...hidden,
      // The columns object relations follow (`Task.deliberation`), for their resolvers.
      ...keys.map((k) => `${alias}.${k}::text AS ${quote(keyColumn(k))}`),
    ].join(', '),
    orders,
    area:
      model.readableBy === 'street'
        ? PLUGIN_SHARED_AREA
        : model.readableBy === 'person'
          ? PLUGIN_PERSON_AREA
          : PLUGIN_STAFF_AREA,
    map: (row) => ({ ...row, __typename: type }),
  };
}

const byIdLoaders = new WeakMap<
  TableSpec<Record<string, unknown>>,
  ReturnType<typeof byIdLoader>
>();

/**
 * The by-id loader factory of a plugin table: one per table, so that every read of its rows by id
 * in a request (a payload, an object relation, `node`) shares one loader and its batches.
 */
export function byIdOf(table: TableSpec<Record<string, unknown>>) {
  let found = byIdLoaders.get(table);
  if (!found) byIdLoaders.set(table, (found = byIdLoader(table)));
  return found;
}

export interface PluginReads {
  models: ReadModel[];
  relations: RelationField[];
  /** Relations as the resolvers read them: the same, but never declining (see `where`). */
  resolverRelations: Map<string, RelationField>;
  /** Fields of plugin relations, `Type.field`. */
  tables: Map<string, TableSpec<Record<string, unknown>>>;
}

/**
 * Builds the core read models and relations of `plugin`, given the core's catalog (relations to
 * and from core types refer to its models). The planner's version of a relation declines
 * (answers undefined) when the caller has a street where the plugin is off, so that the
 * resolvers answer and say PLUGIN_DISABLED there; the resolvers' version reads only the streets
 * where it is on.
 */
export function pluginReads(
  plugin: LoadedPlugin,
  core: ReadCatalog,
  enablement: Enablement,
): PluginReads {
  const name = plugin.manifest.name;
  const models: ReadModel[] = [];
  const tables = new Map<string, TableSpec<Record<string, unknown>>>();
  const own = new Map<string, ReadModel>();
  const keysOf = (type: string) =>
    (plugin.spec.graphql?.relations ?? []).flatMap((r) =>
      r.kind === 'object' && r.on === type ? [r.key] : [],
    );
  for (const [type, model] of Object.entries(plugin.spec.graphql?.readModels ?? {})) {
    const table = pluginTable(plugin, type, model, keysOf(type));
    tables.set(type, table);
    const scalars: ReadModel['scalars'] = {};
    for (const [field, column] of Object.entries(model.fields)) {
      scalars[field] = (r) => columnSql(r, column);
    }
    const readModel: ReadModel = { type, table, scalars };
    own.set(type, readModel);
    models.push(readModel);
  }
  const modelOf = (type: string, where: string): ReadModel => {
    const found = own.get(type) ?? core.models.get(type);
    if (!found)
      throw new Error(`Plugin "${name}": ${where} reads type ${type}, which has no read model`);
    return found;
  };

  const relations: RelationField[] = [];
  const resolverRelations = new Map<string, RelationField>();
  for (const r of plugin.spec.graphql?.relations ?? []) {
    const where = `relation ${r.on}.${r.field}`;
    const target = modelOf(r.model, where);
    const parent = r.on === 'Query' ? undefined : modelOf(r.on, where);
    const onCore = r.on === 'Query' || !own.has(r.on);
    if (r.kind === 'object' && onCore && r.key !== 'id') {
      // The core's objects carry their row id, not their columns, to the resolvers.
      throw new Error(
        `Plugin "${name}": ${where} follows key ${r.key}; on a core type an object relation follows "id" only (a table sharing the core row's id)`,
      );
    }
    const build = (forPlanner: boolean): RelationField => {
      const conditions = (
        parentAlias: string | null,
        args: RelationArgs,
        params: unknown[],
        ctx: Context,
      ): string[] | undefined => {
        const list = ownConditions(r, target, parentAlias, args, params);
        if (!list) return undefined;
        // Rows of the plugin's tables: only where it is on (a root list, or under a core row).
        if (own.has(r.model) && onCore) {
          const scope = enablement.scopeOf(name, ctx.viewer.streetIds);
          // The planner leaves to the resolvers what they refuse with PLUGIN_DISABLED: a row
          // of a street where the plugin is off, or a root list where it is on in none.
          if (forPlanner && (r.on === 'Query' ? !scope.streets.length : !scope.whole))
            return undefined;
          params.push(scope.streets);
          list.push(`${target.table.alias}.street_id = ANY($${params.length}::bigint[])`);
        }
        return list;
      };
      const relation = (): Relation => relationOf(r, target, conditions);
      return parent
        ? relationField(parent, r.field, relation)
        : relationField('Query', r.field, relation);
    };
    relations.push(build(true));
    resolverRelations.set(`${r.on}.${r.field}`, build(false));
  }
  return { models, relations, resolverRelations, tables };
}

function relationOf(
  r: PluginRelation,
  target: ReadModel,
  where: (
    parent: string | null,
    args: RelationArgs,
    params: unknown[],
    ctx: Context,
  ) => string[] | undefined,
): Relation {
  switch (r.kind) {
    case 'connection':
      return {
        kind: 'connection',
        model: target,
        connectionType: r.connectionType,
        defaultOrder: r.defaultOrder,
        defaultDescending: r.defaultDescending,
        where,
      };
    case 'list':
      return {
        kind: 'list',
        model: target,
        orderBy: `${target.table.alias}.${r.orderBy}, ${target.table.alias}.id`,
        where,
      };
    case 'object':
      return { kind: 'object', model: target, where };
  }
}

/** The relation's own conditions: the key that ties target to parent, and its filters. */
function ownConditions(
  r: PluginRelation,
  target: ReadModel,
  parent: string | null,
  args: RelationArgs,
  params: unknown[],
): string[] | undefined {
  const t = target.table.alias;
  const list: string[] = [];
  if (r.kind === 'object') {
    if (parent === null) return undefined;
    list.push(`${t}.id = ${parent}.${r.key}`);
  } else if (r.foreignKey) {
    if (parent === null) return undefined;
    list.push(`${t}.${r.foreignKey} = ${parent}.id`);
  }
  for (const [argument, column] of Object.entries(r.filters ?? {})) {
    const value = args[argument];
    if (value === undefined || value === null) continue;
    params.push(value);
    list.push(
      Array.isArray(value)
        ? `${t}.${column}::text = ANY($${params.length}::text[])`
        : `${t}.${column}::text = $${params.length}::text`,
    );
  }
  return list;
}
