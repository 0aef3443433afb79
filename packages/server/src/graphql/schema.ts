import { GraphQLDateTime } from 'graphql-scalars';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, type BuildSchemaOptions } from 'type-graphql';
import { personalDataDirective } from './directives';
import { preloadable } from './preload';
import type { NodeFetcher } from './relay/node';
import { nodeResolver } from './relay/node.resolver';

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
    resolvers: [nodeResolver(parts.nodeFetchers), ...parts.resolvers] as Resolvers,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    // Passing directives replaces graphql-js's own: keep @skip, @include, @deprecated,
    // @specifiedBy and @oneOf, which the spec requires and every client uses.
    directives: [...specifiedDirectives, personalDataDirective],
    validate: false,
  });
  preloadable(schema);
  // type-graphql cannot describe the root types; the printed contract should.
  for (const [name, description] of Object.entries(rootDescriptions)) {
    const type = schema.getType(name);
    if (type) type.description = description;
  }
  return schema;
}
