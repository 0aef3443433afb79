import { isoTimestampSql, relationField, type ReadModel } from '../../graphql/relay/read-model';
import { gridModel } from '../grid/grid.model';
import { organizationModel } from '../organization/organization.model';
import { rowStreet } from '../street/street.model';
import { caseFilterOf, type CaseFilterInput } from './case.input';
import { CLOCK_RUNNING } from './case.rules';
import { caseFilterSql, caseTable, departmentTable, timelineTable } from './case.service';
import { categoryTable } from './category.service';

const at = (column: string) => (r: string) => isoTimestampSql(`${r}.${column}`);
const col = (column: string) => (r: string) => `${r}.${column}`;
const running = CLOCK_RUNNING.map((s) => `'${s}'`).join(', ');

/** Cases as SQL reads them; `isOverdue` is the rule of `isOverdue` in case.type.ts. */
export const caseModel: ReadModel = {
  type: 'Case',
  table: caseTable,
  scalars: {
    number: col('number'),
    title: col('title'),
    description: col('description'),
    categoryVersion: col('category_version'),
    source: col('source'),
    urgency: col('urgency'),
    status: col('status'),
    level: col('level'),
    address: col('address'),
    mediaUrl: col('media_url'),
    externalReference: col('external_ref'),
    version: col('version'),
    reportedAt: at('reported_at'),
    acceptDueAt: at('accept_due_at'),
    acceptedAt: at('accepted_at'),
    dispatchedAt: at('dispatched_at'),
    dueAt: at('due_at'),
    allowedWorkMinutes: col('allowed_minutes'),
    isOverdue: (r) => `(${r}.status IN (${running}) AND ${r}.due_at < now())`,
    overdueAt: at('overdue_at'),
    suspendedAt: at('suspended_at'),
    resolvedAt: at('resolved_at'),
    resolution: col('resolution'),
    handlingWorkMinutes: col('handling_minutes'),
    verifiedAt: at('verified_at'),
    closedAt: at('closed_at'),
    cancelledAt: at('cancelled_at'),
    cancelReason: col('cancel_reason'),
    rating: col('rating'),
    ratingComment: col('rating_comment'),
    ratedAt: at('rated_at'),
    returnCount: col('return_count'),
    postponeCount: col('postpone_count'),
    suspendCount: col('suspend_count'),
    reworkCount: col('rework_count'),
    reopenCount: col('reopen_count'),
    createdAt: at('created_at'),
    updatedAt: at('updated_at'),
  },
};

export const timelineModel: ReadModel = {
  type: 'CaseTimelineEntry',
  table: timelineTable,
  scalars: {
    action: col('action'),
    fromStatus: col('from_status'),
    toStatus: col('to_status'),
    actorKind: col('actor_kind'),
    actorRole: col('actor_role'),
    note: col('note'),
    occurredAt: at('occurred_at'),
  },
};

export const caseDepartmentModel: ReadModel = {
  type: 'CaseDepartment',
  table: departmentTable,
  scalars: {
    state: col('state'),
    dispatchedAt: at('dispatched_at'),
    acknowledgeDueAt: at('acknowledge_due_at'),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedLate: (r) =>
      `(CASE WHEN ${r}.acknowledged_at IS NOT NULL THEN ${r}.acknowledged_at > ${r}.acknowledge_due_at
        ELSE ${r}.state = 'DISPATCHED' AND ${r}.acknowledge_due_at < now() END)`,
    startedAt: at('started_at'),
    dueAt: at('due_at'),
    isOverdue: (r) =>
      `(${r}.state IN ('DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS') AND ${r}.due_at < now())`,
    resolvedAt: at('resolved_at'),
    resolution: col('resolution'),
    returnedAt: at('returned_at'),
    returnReason: col('return_reason'),
  },
};

export const categoryModel: ReadModel = {
  type: 'CaseCategory',
  table: categoryTable,
  scalars: {
    code: col('code'),
    name: col('name'),
    nameEn: col('name_en'),
    serviceCode: col('service_code'),
    major: (r) => `(${r}.parent_id IS NULL)`,
    version: col('version'),
    archived: (r) => `(${r}.archived_at IS NOT NULL)`,
    createdAt: at('created_at'),
    updatedAt: at('updated_at'),
  },
};

export const caseRelations = [
  relationField('Query', 'cases', () => ({
    kind: 'connection',
    model: caseModel,
    connectionType: 'CaseConnection',
    defaultOrder: 'DUE_AT',
    where: (_parent, args, params) =>
      caseFilterSql(caseFilterOf(args.filter as CaseFilterInput | null), params),
  })),
  // A case as people name it: one statement with its timeline, departments and category.
  relationField('Query', 'caseByNumber', () => ({
    kind: 'object',
    model: caseModel,
    where: (_parent, args, params) => {
      params.push(args.number);
      return [`c.number = $${params.length}`];
    },
  })),
  relationField(caseModel, 'timeline', () => ({
    kind: 'connection',
    model: timelineModel,
    connectionType: 'CaseTimelineEntryConnection',
    defaultOrder: 'OCCURRED_AT',
    where: (parent) => [`t.case_id = ${parent!}.id`],
    // Entries are read with their case, which passed the viewer's read rule.
    visibleWithParent: true,
  })),
  relationField(caseModel, 'departments', () => ({
    kind: 'list',
    model: caseDepartmentModel,
    orderBy: 'd.id',
    where: (parent) => [`d.case_id = ${parent!}.id`],
    visibleWithParent: true,
  })),
  relationField(caseDepartmentModel, 'department', () => ({
    kind: 'object',
    model: organizationModel,
    where: (parent) => [`o.id = ${parent!}.department_id`],
  })),
  // The platform's or the case's street's own: visible whenever the case is.
  relationField(caseModel, 'category', () => ({
    kind: 'object',
    model: categoryModel,
    where: (parent) => [`cc.id = ${parent!}.category_id`],
    visibleWithParent: true,
  })),
  relationField(caseModel, 'grid', () => ({
    kind: 'object',
    model: gridModel,
    where: (parent) => [`g.id = ${parent!}.grid_id`],
  })),
  rowStreet(caseModel),
];
