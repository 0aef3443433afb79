import {
  isoTimestampSql,
  lifecycleScalars,
  relationField,
  type ConnectionRelation,
  type ReadModel,
  type RelationArgs,
} from '../../graphql/relay/read-model';
import { brandModel } from '../brand/brand.model';
import { gridModel } from '../grid/grid.model';
import { organizationModel } from '../organization/organization.model';
import { personModel } from '../person/person.model';
import { rowStreet, streetModel } from '../street/street.model';
import { participantFilterSql, participantTable } from './activity-participant.service';
import {
  activityFilterOf,
  nestedActivityFilterOf,
  participantFilterOf,
  type ActivityFilterInput,
  type NestedActivityFilterInput,
  type ParticipantFilterInput,
} from './activity.input';
import { activityFilterSql, activityTable, type ActivityFilter } from './activity.service';

/** Activities as SQL reads them (times are DateTime: the resolvers serialize those). */
export const activityModel: ReadModel = {
  type: 'Activity',
  table: activityTable,
  scalars: {
    kind: (r) => `${r}.kind`,
    title: (r) => `${r}.title`,
    place: (r) => `${r}.place`,
    description: (r) => `${r}.description`,
    outcome: (r) => `${r}.outcome`,
    startsAt: (r) => isoTimestampSql(`${r}.starts_at`),
    endsAt: (r) => isoTimestampSql(`${r}.ends_at`),
    ...lifecycleScalars,
  },
};

/** A participation: its role, and when the person was added. */
export const participantModel: ReadModel = {
  type: 'ActivityParticipant',
  table: participantTable,
  scalars: {
    role: (r) => `${r}.role`,
    addedAt: (r) => isoTimestampSql(`${r}.created_at`),
  },
};

/**
 * Activities, latest first unless ordered otherwise, under the parent's condition on `a` and the
 * filter the field's arguments give.
 */
const activitiesOf = (
  condition: (parent: string, args: RelationArgs) => string,
  filterOf: (args: RelationArgs) => ActivityFilter,
): ConnectionRelation => ({
  kind: 'connection',
  model: activityModel,
  connectionType: 'ActivityConnection',
  defaultOrder: 'STARTS_AT',
  defaultDescending: true,
  where: (parent, args, params) => [
    ...(parent === null ? [] : [condition(parent, args)]),
    ...activityFilterSql(filterOf(args), params),
  ],
});

const nested = (args: RelationArgs) =>
  nestedActivityFilterOf(args.filter as NestedActivityFilterInput | null);
const full = (args: RelationArgs) => activityFilterOf(args.filter as ActivityFilterInput | null);

/** `field` of an activity: the row its column `column` names, under that row's read rule. */
const owner = (field: string, model: ReadModel, alias: string, column: string) =>
  relationField(activityModel, field, () => ({
    kind: 'object',
    model,
    where: (parent) => [`${alias}.id = ${parent!}.${column}`],
  }));

export const activityRelations = [
  relationField('Query', 'activities', () => activitiesOf(() => 'true', full)),
  owner('organization', organizationModel, 'o', 'organization_id'),
  owner('grid', gridModel, 'g', 'grid_id'),
  owner('brand', brandModel, 'b', 'brand_id'),
  rowStreet(activityModel),
  relationField(activityModel, 'participants', () => ({
    kind: 'connection',
    model: participantModel,
    connectionType: 'ActivityParticipantConnection',
    defaultOrder: 'ROLE',
    where: (parent, args, params) => [
      `ap.activity_id = ${parent!}.id`,
      ...participantFilterSql(
        participantFilterOf(args.filter as ParticipantFilterInput | null),
        params,
      ),
    ],
  })),
  relationField(participantModel, 'person', () => ({
    kind: 'object',
    model: personModel,
    where: (parent) => [`p.id = ${parent!}.person_id`],
  })),
  relationField(organizationModel, 'activities', () =>
    activitiesOf((parent) => `a.organization_id = ${parent}.id`, nested),
  ),
  // With its sub-brands: those whose path lies under the brand's (the resolver's `brandTree`).
  relationField(brandModel, 'activities', () =>
    activitiesOf(
      (parent, args) =>
        args.includeSubBrands
          ? `a.brand_id IN (SELECT sb.id FROM brand sb WHERE sb.path <@ ${parent}.path)`
          : `a.brand_id = ${parent}.id`,
      nested,
    ),
  ),
  relationField(gridModel, 'activities', () =>
    activitiesOf((parent) => `a.grid_id = ${parent}.id`, nested),
  ),
  relationField(personModel, 'activities', () =>
    activitiesOf(
      (parent) =>
        `EXISTS (SELECT 1 FROM activity_participant pa WHERE pa.activity_id = a.id AND pa.person_id = ${parent}.id)`,
      nested,
    ),
  ),
  // The street is the parent: its filter's own street is checked, then set aside.
  relationField(streetModel, 'activities', () =>
    activitiesOf(
      (parent) => `a.street_id = ${parent}.id`,
      (args) => ({ ...full(args), streetId: null }),
    ),
  ),
];
