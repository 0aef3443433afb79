import { defineModule } from '../../graphql/relay/module';
import type { NodeFetcher } from '../../graphql/relay/node';
import { corePolicy } from '../shared/policy';
import { AuditLogEntity } from './audit.entity';
import { auditEntryModel, auditRelations } from './audit.model';
import { AuditEntryResolver, PersonAuditResolver, auditEntryNode } from './audit.resolver';
import { AuditTrail1732600000005 } from './migrations/1732600000005-audit-trail';

const nodeFetchers: NodeFetcher[] = [auditEntryNode];

/** The audit log: who read or changed what, for administrators; its retention. */
export default defineModule({
  name: 'audit',
  entities: [AuditLogEntity],
  resolvers: [AuditEntryResolver, PersonAuditResolver],
  nodeFetchers,
  readModels: [auditEntryModel],
  relations: auditRelations,
  migrations: [AuditTrail1732600000005],
  events: [],
  policyAreas: { audit: corePolicy('audit') },
});
