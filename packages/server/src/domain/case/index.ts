import { defineModule } from '../../graphql/relay/module';
import { corePolicy } from '../shared/policy';
import {
  CaseCategoryEntity,
  CaseCategoryVersionEntity,
  CaseDepartmentEntity,
  CaseEntity,
  CaseTimelineEntity,
} from './case.entity';
import { caseEvents } from './case.events';
import { CaseLiveResolver } from './case-live.resolver';
import { OVERDUE_SWEEP_TASK, overdueSweepTask } from './case-overdue';
import { RECOMPUTE_TASK, calendarFollowers, recomputeTask } from './case-calendar';
import {
  caseDepartmentModel,
  caseModel,
  caseRelations,
  categoryModel,
  timelineModel,
} from './case.model';
import {
  CaseCategoryResolver,
  CaseDepartmentResolver,
  CaseResolver,
  CaseTimelineResolver,
  PendingPostponementResolver,
  caseCategoryNode,
  caseNode,
} from './case.resolver';
import {
  CaseCategoryStatsResolver,
  CaseDepartmentStatsResolver,
  CaseGridStatsResolver,
  CaseStatsResolver,
} from './case-stats.resolver';
import { Cases1732600000008 } from './migrations/1732600000008-cases';
import { CasePauses1732600000009 } from './migrations/1732600000009-case-pauses';
import { CaseMediaUrl1732600000018 } from './migrations/1732600000018-case-media-url';
import { CaseOverdueSweep1732600000019 } from './migrations/1732600000019-case-overdue-sweep';

/**
 * Cases (案件): categories with versioned rules, the closed loop from report to closure
 * (case.rules.ts), departments dispatched (吹哨报到), the timeline and working-time deadlines.
 */
export default defineModule({
  name: 'case',
  entities: [
    CaseCategoryEntity,
    CaseCategoryVersionEntity,
    CaseEntity,
    CaseDepartmentEntity,
    CaseTimelineEntity,
  ],
  resolvers: [
    CaseResolver,
    CaseLiveResolver,
    CaseDepartmentResolver,
    CaseTimelineResolver,
    PendingPostponementResolver,
    CaseCategoryResolver,
    CaseStatsResolver,
    CaseCategoryStatsResolver,
    CaseGridStatsResolver,
    CaseDepartmentStatsResolver,
  ],
  nodeFetchers: [caseNode, caseCategoryNode],
  readModels: [caseModel, timelineModel, caseDepartmentModel, categoryModel],
  relations: caseRelations,
  migrations: [
    Cases1732600000008,
    CasePauses1732600000009,
    CaseMediaUrl1732600000018,
    CaseOverdueSweep1732600000019,
  ],
  events: caseEvents,
  policyAreas: { case: corePolicy('case') },
  tasks: { [OVERDUE_SWEEP_TASK]: overdueSweepTask, [RECOMPUTE_TASK]: recomputeTask },
  follows: calendarFollowers,
});
