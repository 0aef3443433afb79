import { z } from 'zod';
import { defineEvent, field } from '../../events/catalog';
import { CASE_LEVELS, CASE_SOURCES, CASE_STATUSES, RATINGS, URGENCIES } from './case.entity';

const status = field.oneOf(() => CASE_STATUSES);
const level = field.oneOf(() => CASE_LEVELS);

/** What every case event carries: the case's number, its state before and after, its new version. */
const base = {
  number: z.string(),
  from: status.nullable(),
  to: status,
  version: z.number().int(),
};

/** A case event: the common fields and the action's own. */
function caseEvent<S extends z.ZodRawShape>(name: string, description: string, own: S) {
  return defineEvent(`case.${name}`, {
    subject: 'Case',
    description,
    payload: z.object({ ...base, ...own }).strict(),
  });
}

const departments = z.array(field.id);

export const caseReported = caseEvent('reported', 'A case was reported (发现/上报).', {
  categoryId: field.id,
  categoryVersion: z.number().int(),
  source: field.oneOf(() => CASE_SOURCES),
  urgency: field.oneOf(() => URGENCIES),
  gridId: field.id,
  dueAt: field.timestamp,
  externalRef: z.string().nullable(),
});
export const caseAccepted = caseEvent('accepted', 'A case was accepted (立案).', {
  dueAt: field.timestamp,
});
export const caseRejected = caseEvent('rejected', 'A report was rejected: not a case.', {});
export const caseDispatched = caseEvent(
  'dispatched',
  'A case was dispatched to one or more departments (派遣; several at once is 吹哨).',
  { departmentIds: departments },
);
export const caseResolvedOnTheSpot = caseEvent(
  'resolved_on_the_spot',
  'A grid resolved a case itself (小事不出网格); it waits for verification.',
  {},
);
export const caseAcknowledged = caseEvent(
  'acknowledged',
  'A dispatched department acknowledged the case (报到).',
  { departmentId: field.id, late: z.boolean() },
);
export const caseStarted = caseEvent('started', 'A department started work on the case.', {
  departmentId: field.id,
});
export const caseReturned = caseEvent(
  'returned',
  'A department returned the case as not its own (退回).',
  { departmentId: field.id },
);
export const casePostponementRequested = caseEvent(
  'postponement_requested',
  'A department asked for more time (延期申请).',
  { departmentId: field.id, minutes: z.number().int() },
);
export const casePostponementDecided = caseEvent(
  'postponement_decided',
  'The street approved or refused a postponement; approved, the due time moved.',
  { approved: z.boolean(), minutes: z.number().int(), dueAt: field.timestamp },
);
export const caseSuspended = caseEvent('suspended', 'A case was suspended (挂账).', {});
export const caseResumed = caseEvent('resumed', 'A suspended case was resumed.', {
  dueAt: field.timestamp,
});
export const caseResolved = caseEvent(
  'resolved',
  'A department resolved its part (处置); once all have, the case waits for verification.',
  { departmentId: field.id },
);
export const caseVerified = caseEvent(
  'verified',
  'A case was verified on site (核查): passed closes it, failed sends it back (返工).',
  { passed: z.boolean() },
);
export const caseRated = caseEvent('rated', 'The reporter rated the handling (回访/评价).', {
  rating: field.oneOf(() => RATINGS),
});
export const caseEscalated = caseEvent('escalated', 'A case moved up a level.', {
  fromLevel: level,
  toLevel: level,
});
export const caseReassigned = caseEvent('reassigned', 'A case got another owner.', {
  ownerUserId: field.id.nullable(),
});
export const caseRecategorized = caseEvent(
  'recategorized',
  'A case was moved to another category; its due time follows the new rules.',
  { categoryId: field.id, categoryVersion: z.number().int(), dueAt: field.timestamp },
);
export const caseCancelled = caseEvent('cancelled', 'A case was cancelled (作废).', {});
export const caseReopened = caseEvent('reopened', 'A closed case was reopened.', {});
export const caseMerged = caseEvent('merged', 'A duplicate was merged into another case.', {
  intoCaseId: field.id,
});
export const caseOverdue = caseEvent(
  'overdue',
  'A case (or one of its departments) passed its due time without being done.',
  { departmentId: field.id.nullable(), stage: z.enum(['INTAKE', 'HANDLING', 'ACKNOWLEDGE']) },
);
export const categoryCreated = defineEvent('case_category.created', {
  subject: 'CaseCategory',
  description: 'A street added a case category of its own.',
  payload: z.object({ code: z.string(), name: z.string(), serviceCode: z.string() }).strict(),
});
export const categoryRevised = defineEvent('case_category.revised', {
  subject: 'CaseCategory',
  description: "A category's rules changed: a new version; open cases keep theirs.",
  payload: z.object({ version: z.number().int(), fields: z.array(z.string()) }).strict(),
});
export const categoryArchived = defineEvent('case_category.archived', {
  subject: 'CaseCategory',
  description: 'A category was archived: no new cases in it.',
  payload: z.object({}).strict(),
});

export const caseEvents = [
  caseReported,
  caseAccepted,
  caseRejected,
  caseDispatched,
  caseResolvedOnTheSpot,
  caseAcknowledged,
  caseStarted,
  caseReturned,
  casePostponementRequested,
  casePostponementDecided,
  caseSuspended,
  caseResumed,
  caseResolved,
  caseVerified,
  caseRated,
  caseEscalated,
  caseReassigned,
  caseRecategorized,
  caseCancelled,
  caseReopened,
  caseMerged,
  caseOverdue,
  categoryCreated,
  categoryRevised,
  categoryArchived,
];
