import {
  isoTimestampSql,
  relationField,
  type ReadModel,
  type RelationArgs,
} from '../../graphql/relay/read-model';
import { personModel } from '../person/person.model';
import { rowStreet } from '../street/street.model';
import { auditFilterOf, type AuditLogFilterInput } from './audit.input';
import { auditFilterSql, auditTable } from './audit.service';

/**
 * Audit entries as SQL reads them. Callers whose role may not read the audit log get no rows
 * (the `audit` read rule), through the planner and the resolvers alike.
 */
export const auditEntryModel: ReadModel = {
  type: 'AuditEntry',
  table: auditTable,
  scalars: {
    action: (r) => `${r}.action`,
    occurredAt: (r) => isoTimestampSql(`${r}.occurred_at`),
    subjectType: (r) => `${r}.subject_type`,
    actorRole: (r) => `${r}.actor_role`,
    address: (r) => `${r}.client_address`,
    requestId: (r) => `${r}.request_id`,
  },
};

/** A person's entries of full reads of their personal data, in a period. */
const personalDataReadsWhere = (parent: string, args: RelationArgs, params: unknown[]) => [
  `a.subject_type = 'Person'`,
  `a.subject_id = ${parent}.id::text`,
  `a.action = 'personal_data.read'`,
  ...auditFilterSql(
    {
      occurredFrom: args.occurredFrom as Date | null | undefined,
      occurredTo: args.occurredTo as Date | null | undefined,
    },
    params,
  ),
];

export const personalDataReads = relationField(personModel, 'personalDataReads', () => ({
  kind: 'connection',
  model: auditEntryModel,
  connectionType: 'AuditEntryConnection',
  defaultOrder: 'OCCURRED_AT',
  defaultDescending: true,
  where: (parent, args, params) => personalDataReadsWhere(parent!, args, params),
}));

export const auditRelations = [
  relationField('Query', 'auditLog', () => ({
    kind: 'connection',
    model: auditEntryModel,
    connectionType: 'AuditEntryConnection',
    defaultOrder: 'OCCURRED_AT',
    defaultDescending: true,
    where: (_parent, args, params) =>
      auditFilterSql(auditFilterOf(args.filter as AuditLogFilterInput | null), params),
  })),
  personalDataReads,
  rowStreet(auditEntryModel),
];
