import type { DirectType } from '../../graphql/direct/types';
import { personTable } from './person.service';

/**
 * What the direct read may build of a person in SQL: only fields that are neither personal data
 * (masked by role, and audited when read in full) nor computed by resolvers.
 */
export const personType: DirectType = {
  name: 'Person',
  table: personTable,
  scalars: {
    name: (r) => `${r}.name`,
  },
};
