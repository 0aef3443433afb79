import { GraphQLDateTime } from 'graphql-scalars';
import { isObjectType, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { personalDataDirective } from './directives';
import type { NodeFetcher } from './relay/node';
import { nodeResolver } from './relay/node.resolver';
import { EventsResolver } from './subscriptions/events.resolver';

type Resolvers = BuildSchemaOptions['resolvers'];

export interface SchemaParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[];
  nodeFetchers: NodeFetcher[];
}

const rootDescriptions = {
  Query: 'Reads. Lists are Relay connections; any object can be fetched again with `node(id:)`.',
  Mutation:
    'Writes. Each mutation runs in one transaction; problems with the input come back in ' +
    '`userErrors` and nothing is written.',
  Subscription: 'Live updates over the graphql-ws protocol at the same `/graphql` path.',
};

/** Builds the public schema from the modules' resolvers. */
export function buildApiSchema(parts: SchemaParts): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: [nodeResolver(parts.nodeFetchers), EventsResolver, ...parts.resolvers] as Resolvers,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    // Passing directives replaces graphql-js's own: keep @skip, @include, @deprecated,
    // @specifiedBy and @oneOf, which the spec requires and every client uses.
    directives: [...specifiedDirectives, personalDataDirective],
    validate: false,
    // type-graphql insists on a pub/sub once a schema has subscriptions; ours each bring their
    // own `subscribe` (the event stream, graphql/subscriptions), so topics are a mistake.
    pubSub: {
      publish: () => {
        throw new Error('Subscriptions read the event stream: publish a domain event instead');
      },
      subscribe: () => {
        throw new Error('Subscriptions must give their own `subscribe` (ctx.live)');
      },
    },
  });
  markResolvedFields(schema, parts.resolvers);
  // type-graphql cannot describe the root types; the printed contract should.
  for (const [name, description] of Object.entries(rootDescriptions)) {
    const type = schema.getType(name);
    if (type) type.description = description;
  }
  return schema;
}

/** `extensions` key of a field answered by a `@FieldResolver` method rather than a property. */
export const RESOLVED_BY_METHOD = 'lianxinResolvedByMethod';

/** Marks the fields that `@FieldResolver` methods answer, for the read models' check. */
function markResolvedFields(
  schema: GraphQLSchema,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[],
): void {
  const storage = getMetadataStorage();
  for (const r of storage.fieldResolvers) {
    if (r.kind !== 'internal' && !resolvers.includes(r.target)) continue;
    const cls = r.getObjectType?.();
    const name = storage.objectTypes.find((o) => o.target === cls)?.name;
    const type = name ? schema.getType(name) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[r.schemaName];
    if (field) field.extensions = { ...field.extensions, [RESOLVED_BY_METHOD]: true };
  }
}
