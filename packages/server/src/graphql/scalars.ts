import { GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';

/** A calendar date as `YYYY-MM-DD` (no time zone), e.g. a start date. */
export const LocalDate = GraphQLLocalDate;

/** Any JSON object, e.g. a GeoJSON geometry. */
export const JSONObject = GraphQLJSONObject;
