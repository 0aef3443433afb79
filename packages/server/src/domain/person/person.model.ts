import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import type { TableSpec } from '../shared/table';
import { rowStreet, streetModel } from '../street/street.model';
import { personFilterOf, type PersonFilterInput } from './person.input';
import { personFilterSql, personTable } from './person.service';

/**
 * A person as SQL reads it: only fields that are neither personal data (masked by role, and
 * audited when read in full) nor computed by resolvers. Start-up refuses any other.
 */
export const personModel: ReadModel = {
  type: 'Person',
  table: personTable,
  scalars: {
    name: (r) => `${r}.name`,
    gender: (r) => `${r}.gender`,
    birthYear: (r) => `${r}.birth_year`,
    employer: (r) => `${r}.employer`,
    ...lifecycleScalars,
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

/** People under a filter; a grid filter needs the grid's code first: the resolver answers it. */
const peopleWhere = (f: PersonFilterInput | null, inStreet: boolean, params: unknown[]) =>
  f?.gridId ? undefined : personFilterSql(personFilterOf(f, inStreet), params);

export const personRelations = [
  relationField('Query', 'people', () => ({
    kind: 'connection',
    model: personModel,
    connectionType: 'PersonConnection',
    defaultOrder: 'NAME',
    where: (_parent, args, params) =>
      peopleWhere(args.filter as PersonFilterInput | null, false, params),
  })),
  relationField(streetModel, 'people', () => ({
    kind: 'connection',
    model: personModel,
    connectionType: 'PersonConnection',
    defaultOrder: 'NAME',
    where: (parent, args, params) => {
      const own = peopleWhere(args.filter as PersonFilterInput | null, true, params);
      return own && [`p.street_id = ${parent!}.id`, ...own];
    },
  })),
  rowStreet(personModel),
];
