import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';

/** PostgreSQL's dates have no year 0 (1 BC is followed by AD 1), which ISO 8601 allows. */
function storable(date: unknown): unknown {
  if (typeof date === 'string' && date.startsWith('0000-')) {
    throw new GraphQLError(`Value is not a valid LocalDate: ${date} (there is no year 0000).`);
  }
  return date;
}

/** A calendar date as `YYYY-MM-DD` (no time zone), e.g. a start date. */
export const LocalDate = new GraphQLScalarType({
  ...GraphQLLocalDate.toConfig(),
  parseValue: (value: unknown) => storable(GraphQLLocalDate.parseValue(value)),
  parseLiteral: (ast: ValueNode, variables?: Record<string, unknown> | null) =>
    storable(GraphQLLocalDate.parseLiteral(ast, variables)),
});

/** Any JSON object, e.g. a GeoJSON geometry. */
export const JSONObject = GraphQLJSONObject;
