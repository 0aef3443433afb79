import { relationField, type ReadModel } from '../../graphql/relay/read-model';
import type { TableSpec } from '../shared/table';
import { personTable } from './person.service';

/**
 * A person as SQL reads it: only fields that are neither personal data (masked by role, and
 * audited when read in full) nor computed by resolvers. Start-up refuses any other.
 */
export const personModel: ReadModel = {
  type: 'Person',
  table: personTable,
  scalars: {
    name: (r) => `${r}.name`,
  },
};

/**
 * A person's term in a role (a grid staff assignment, an organization membership): the role and
 * its first and last day.
 */
export const roleTermModel = (type: string, table: TableSpec<unknown>): ReadModel => ({
  type,
  table,
  scalars: {
    role: (r) => `${r}.role`,
    startedOn: (r) => `${r}.started_on::text`,
    endedOn: (r) => `${r}.ended_on::text`,
  },
});

/** `person` of a role term: the person its table's `person_id` names. */
export const termPerson = (term: ReadModel) =>
  relationField(term, 'person', () => ({
    kind: 'object',
    model: personModel,
    where: (parent) => [`p.id = ${parent!}.person_id`],
  }));
