import { isObjectType, type GraphQLSchema } from 'graphql';

/**
 * Values a resolver already fetched for fields below an object (a look-ahead read, in which
 * PostgreSQL builds a whole subtree in one statement). Keyed by field name.
 */
export const PRELOADED = Symbol('preloaded');

export type Preloaded = { [PRELOADED]?: Record<string, unknown> };

/** Attaches preloaded field values to an object the API returns. */
export function preload<T extends object>(target: T, values: Record<string, unknown>): T {
  (target as Preloaded)[PRELOADED] = values;
  return target;
}

/**
 * Lets every field with a resolver answer from preloaded values when its parent carries them,
 * so a look-ahead read skips the per-field loaders (and their round trips) below it.
 */
export function preloadable(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      const name = field.name;
      field.resolve = (root, args, context, info) => {
        const values = (root as Preloaded | null)?.[PRELOADED];
        if (values !== undefined && name in values) return values[name];
        return resolve(root, args, context, info);
      };
    }
  }
  return schema;
}
