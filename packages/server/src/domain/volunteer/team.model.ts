import {
  lifecycleScalars,
  relationField,
  type ListRelation,
  type ReadModel,
} from '../../graphql/relay/read-model';
import { organizationModel } from '../organization/organization.model';
import { rowStreet } from '../street/street.model';
import { teamFilterOf, type VolunteerTeamFilterInput } from './team.input';
import { teamFilterSql, teamTable } from './team.service';
import { volunteerModel } from './volunteer.model';
import { memberOfTeamSql, volunteerFilterSql } from './volunteer.service';

/** Volunteer teams as SQL reads them (`memberCount` counts whom the caller may not see: resolved). */
export const teamModel: ReadModel = {
  type: 'VolunteerTeam',
  table: teamTable,
  scalars: {
    name: (r) => `${r}.name`,
    description: (r) => `${r}.description`,
    foundedOn: (r) => `${r}.founded_on::text`,
    ...lifecycleScalars,
  },
};

/** Teams in use, by name, under a condition on `t` and the parent row. */
const teamsOf = (condition: (parent: string) => string): ListRelation => ({
  kind: 'list',
  model: teamModel,
  orderBy: 't.name, t.id',
  where: (parent) => [condition(parent!), 't.archived_at IS NULL'],
});

export const teamRelations = [
  relationField('Query', 'volunteerTeams', () => ({
    kind: 'connection',
    model: teamModel,
    connectionType: 'VolunteerTeamConnection',
    defaultOrder: 'NAME',
    where: (_parent, args, params) =>
      teamFilterSql(teamFilterOf(args.filter as VolunteerTeamFilterInput | null), params),
  })),
  // The members the caller may see, archived ones left out: the volunteers' own search.
  relationField(teamModel, 'members', () => ({
    kind: 'connection',
    model: volunteerModel,
    connectionType: 'VolunteerConnection',
    defaultOrder: 'NAME',
    where: (parent, args, params) => [
      memberOfTeamSql(`${parent!}.id`),
      ...volunteerFilterSql({ search: args.search as string | null }, params),
    ],
  })),
  relationField(teamModel, 'organization', () => ({
    kind: 'object',
    model: organizationModel,
    where: (parent) => [`o.id = ${parent!}.organization_id`],
  })),
  rowStreet(teamModel),
  relationField(volunteerModel, 'teams', () =>
    teamsOf(
      (parent) =>
        `EXISTS (SELECT 1 FROM volunteer_team_member m WHERE m.team_id = t.id AND m.volunteer_id = ${parent}.id)`,
    ),
  ),
  relationField(organizationModel, 'volunteerTeams', () =>
    teamsOf((parent) => `t.organization_id = ${parent}.id`),
  ),
];
