import {
  isoTimestampSql,
  float8Sql,
  relationField,
  type ReadModel,
} from '../../graphql/relay/read-model';
import { organizationModel } from '../organization/organization.model';
import { postModel } from './post.model';
import {
  ledgerFilterOf,
  serviceRecordFilterOf,
  type ServiceRecordFilterInput,
  type VolunteerServiceRecordFilterInput,
} from './service-record.input';
import { countedSql, serviceRecordFilterSql, serviceRecordTable } from './service-record.read';
import { volunteerModel } from './volunteer.model';

/** Service records as SQL reads them; `counted` is the ledger's own rule (`countedSql`). */
export const serviceRecordModel: ReadModel = {
  type: 'ServiceRecord',
  table: serviceRecordTable,
  scalars: {
    servedOn: (r) => `${r}.served_on::text`,
    // numeric(5,2) as float8: printed as JavaScript prints the number (check.ts).
    hours: (r) => float8Sql(`${r}.hours`),
    peopleServed: (r) => `${r}.people_served`,
    description: (r) => `${r}.description`,
    place: (r) => `${r}.place`,
    confirmed: (r) => `(${r}.confirmed_at IS NOT NULL)`,
    counted: (r) => countedSql(r),
    corrected: (r) => `EXISTS (SELECT 1 FROM service_record cr WHERE cr.supersedes_id = ${r}.id)`,
    confirmedAt: (r) => isoTimestampSql(`${r}.confirmed_at`),
    createdAt: (r) => isoTimestampSql(`${r}.created_at`),
  },
};

/** Records are read newest service first unless the caller orders them. */
const ledger = {
  kind: 'connection',
  model: serviceRecordModel,
  connectionType: 'ServiceRecordConnection',
  defaultOrder: 'SERVED_ON',
  defaultDescending: true,
} as const;

export const serviceRecordRelations = [
  relationField('Query', 'serviceRecords', () => ({
    ...ledger,
    where: (_parent, args, params) =>
      serviceRecordFilterSql(
        serviceRecordFilterOf(args.filter as ServiceRecordFilterInput | null),
        params,
      ),
  })),
  relationField(volunteerModel, 'serviceRecords', () => ({
    ...ledger,
    where: (parent, args, params) => [
      `r.volunteer_id = ${parent!}.id`,
      ...serviceRecordFilterSql(
        ledgerFilterOf(args.filter as VolunteerServiceRecordFilterInput | null),
        params,
      ),
    ],
  })),
  relationField(serviceRecordModel, 'volunteer', () => ({
    kind: 'object',
    model: volunteerModel,
    where: (parent) => [`v.id = ${parent!}.volunteer_id`],
  })),
  relationField(serviceRecordModel, 'organization', () => ({
    kind: 'object',
    model: organizationModel,
    where: (parent) => [`o.id = ${parent!}.recorded_by_organization_id`],
  })),
  relationField(serviceRecordModel, 'post', () => ({
    kind: 'object',
    model: postModel,
    where: (parent) => [`sp.id = ${parent!}.post_id`],
  })),
  relationField(serviceRecordModel, 'supersedes', () => ({
    kind: 'object',
    model: serviceRecordModel,
    where: (parent) => [`r.id = ${parent!}.supersedes_id`],
  })),
  // At most one: a correction chain grows at its newest end (supersedes_id is unique).
  relationField(serviceRecordModel, 'supersededBy', () => ({
    kind: 'object',
    model: serviceRecordModel,
    where: (parent) => [`r.supersedes_id = ${parent!}.id`],
  })),
];
