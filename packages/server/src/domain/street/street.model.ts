import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { streetFilterOf, type StreetFilterInput } from './street.input';
import { streetFilterSql, streetTable } from './street.service';

/** Streets as SQL reads them: public, like the resolvers answer them. */
export const streetModel: ReadModel = {
  type: 'Street',
  table: streetTable,
  scalars: {
    code: (r) => `${r}.code`,
    name: (r) => `${r}.name`,
    ...lifecycleScalars,
  },
};

/** `street` of a row of `model`: the street its `street_id` names (every tenant row has one). */
export const rowStreet = (model: ReadModel) =>
  relationField(model, 'street', () => ({
    kind: 'object',
    model: streetModel,
    where: (parent) => [`s.id = ${parent!}.street_id`],
  }));

export const streetRelations = [
  // A district filter needs the district found by its code first: the resolver answers it.
  relationField('Query', 'streets', () => ({
    kind: 'connection',
    model: streetModel,
    connectionType: 'StreetConnection',
    defaultOrder: 'CODE',
    where: (_parent, args, params) => {
      const f = args.filter as StreetFilterInput | null;
      return f?.districtCode != null ? undefined : streetFilterSql(streetFilterOf(f), params);
    },
  })),
];
