import { lifecycleScalars, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { personModel } from '../person/person.model';
import { rowStreet } from '../street/street.model';
import { volunteerFilterOf, type VolunteerFilterInput } from './volunteer.input';
import { volunteerFilterSql, volunteerTable } from './volunteer.service';

/**
 * Volunteers as SQL reads them. The name is the person's, shown even to callers who may not see
 * the person; `skills` is a list, which the planner does not read.
 */
export const volunteerModel: ReadModel = {
  type: 'Volunteer',
  table: volunteerTable,
  scalars: {
    // A subquery: the planner reads a row's own columns, and the person is joined in `from`.
    name: (r) => `(SELECT vp.name FROM person vp WHERE vp.id = ${r}.person_id)`,
    joinedOn: (r) => `${r}.joined_on::text`,
    ...lifecycleScalars,
  },
};

export const volunteerRelations = [
  relationField('Query', 'volunteers', () => ({
    kind: 'connection',
    model: volunteerModel,
    connectionType: 'VolunteerConnection',
    defaultOrder: 'NAME',
    where: (_parent, args, params) =>
      volunteerFilterSql(volunteerFilterOf(args.filter as VolunteerFilterInput | null), params),
  })),
  relationField(volunteerModel, 'person', () => ({
    kind: 'object',
    model: personModel,
    where: (parent) => [`p.id = ${parent!}.person_id`],
  })),
  rowStreet(volunteerModel),
  // Archived volunteers too, as the resolver reads them (a person has at most one).
  relationField(personModel, 'volunteer', () => ({
    kind: 'object',
    model: volunteerModel,
    where: (parent) => [`v.person_id = ${parent!}.id`],
  })),
];
