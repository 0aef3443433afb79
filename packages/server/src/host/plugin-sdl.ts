import {
  extendSchema,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { LoadedPlugin } from './plugin';
import { PluginRefused } from './plugin';

/** Which plugin added each type and each field on a type it did not define. */
export interface SchemaOwners {
  types: Map<string, string>;
  fields: Map<string, string>;
}

/** Core types a plugin may not extend (the roots' fields are open; these are the core's own). */
const NOT_EXTENSIBLE = new Set(['Subscription', 'PageInfo', 'UserError']);

/**
 * Adds one plugin's SDL to `schema`: refuses (naming what and whom) a type or field that is the
 * core's or another plugin's, an undescribed element, a non-null field on a core object type (a
 * plugin's failure must not take the core object with it), and SDL the schema does not accept.
 */
export function extendWithPlugin(
  schema: GraphQLSchema,
  plugin: LoadedPlugin,
  owners: SchemaOwners,
): GraphQLSchema {
  const name = plugin.manifest.name;
  const typeDefs = plugin.spec.graphql?.typeDefs;
  if (!typeDefs) return schema;
  let doc: DocumentNode;
  try {
    doc = parse(typeDefs);
  } catch (error) {
    throw new PluginRefused(
      'FAILED',
      `Plugin "${name}": its typeDefs do not parse: ${(error as Error).message}`,
    );
  }
  const problems: string[] = [];
  const ownerOf = (what: string, map: Map<string, string>) => {
    const other = map.get(what);
    return other ? `plugin "${other}"` : 'the core';
  };
  const undescribed = (what: string, node: { description?: { value: string } }) => {
    if (!node.description?.value.trim()) problems.push(`${what} has no description`);
  };
  for (const def of doc.definitions) {
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION: {
        const type = def.name.value;
        if (schema.getType(type)) {
          problems.push(`type ${type} is already defined by ${ownerOf(type, owners.types)}`);
          break;
        }
        undescribed(`type ${type}`, def);
        if ('fields' in def) {
          for (const f of def.fields ?? []) {
            undescribed(`field ${type}.${f.name.value}`, f);
            for (const a of 'arguments' in f ? (f.arguments ?? []) : []) {
              undescribed(`argument ${type}.${f.name.value}(${a.name.value})`, a);
            }
          }
        }
        if (def.kind === Kind.ENUM_TYPE_DEFINITION) {
          for (const v of def.values ?? []) undescribed(`enum value ${type}.${v.name.value}`, v);
        }
        break;
      }
      case Kind.OBJECT_TYPE_EXTENSION: {
        const type = def.name.value;
        const existing = schema.getType(type);
        if (NOT_EXTENSIBLE.has(type) || (existing && !isObjectType(existing))) {
          problems.push(`type ${type} may not be extended by a plugin`);
          break;
        }
        if (existing && !owners.types.has(type)) {
          // A core type: only fields, and nullable ones (roots too: a plugin's error must
          // not null the whole response).
          for (const f of def.fields ?? []) {
            const field = `${type}.${f.name.value}`;
            if (isObjectType(existing) && existing.getFields()[f.name.value]) {
              problems.push(
                `field ${field} is already defined by ${ownerOf(field, owners.fields)}`,
              );
            }
            undescribed(`field ${field}`, f);
            for (const a of f.arguments ?? []) undescribed(`argument ${field}(${a.name.value})`, a);
            if (f.type.kind === Kind.NON_NULL_TYPE) {
              problems.push(
                `field ${field} must be nullable: a plugin's failure must not take the ${type === 'Query' || type === 'Mutation' ? 'whole response' : type} with it`,
              );
            }
          }
          if (def.interfaces?.length || def.directives?.length) {
            problems.push(`extend type ${type} may add fields only`);
          }
        } else if (existing) {
          problems.push(`type ${type} belongs to ${ownerOf(type, owners.types)}`);
        }
        break;
      }
      default:
        problems.push(
          `${def.kind} is not allowed in a plugin's typeDefs (types and "extend type" only)`,
        );
    }
  }
  if (problems.length) {
    throw new PluginRefused(
      'FAILED',
      `Plugin "${name}": its schema cannot be added:\n- ${problems.join('\n- ')}`,
    );
  }
  let extended: GraphQLSchema;
  try {
    extended = extendSchema(schema, doc);
  } catch (error) {
    throw new PluginRefused(
      'FAILED',
      `Plugin "${name}": its schema cannot be added: ${(error as Error).message}`,
    );
  }
  for (const def of doc.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_EXTENSION) {
      for (const f of def.fields ?? [])
        owners.fields.set(`${def.name.value}.${f.name.value}`, name);
    } else if ('name' in def && def.name) {
      owners.types.set(def.name.value, name);
    }
  }
  return extended;
}
