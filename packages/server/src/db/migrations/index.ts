import { Foundation1732600000000 } from './1732600000000-foundation';
import { CoreDomain1732600000001 } from './1732600000001-core-domain';
import { IdentityAndTenancy1732600000002 } from './1732600000002-identity-and-tenancy';
import { EventStream1732600000003 } from './1732600000003-event-stream';
import { JobQueue1732600000007 } from './1732600000007-job-queue';

/**
 * The platform's base migrations (cross-area tables, tenancy, the event stream, the job queue), oldest first.
 * A module's own migrations belong to its module (src/modules.ts runs them after these).
 */
export const migrations = [
  Foundation1732600000000,
  CoreDomain1732600000001,
  IdentityAndTenancy1732600000002,
  EventStream1732600000003,
  JobQueue1732600000007,
];
