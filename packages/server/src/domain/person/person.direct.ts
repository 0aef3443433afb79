import type { DirectType } from '../../graphql/direct/types';
import type { TableSpec } from '../shared/table';
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

/**
 * A person's term in a role (a grid staff assignment, an organization membership): the role, its
 * first and last day, and the person, read from the table's `person_id`.
 */
export const roleTermType = (name: string, table: TableSpec<unknown>): DirectType => ({
  name,
  table,
  scalars: {
    role: (r) => `${r}.role`,
    startedOn: (r) => `${r}.started_on::text`,
    endedOn: (r) => `${r}.ended_on::text`,
  },
  relations: {
    person: () => ({
      kind: 'object',
      type: personType,
      where: (parent) => [`p.id = ${parent!}.person_id`],
    }),
  },
});
