import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { GeoPoint } from '../grid/grid.type';
import {
  CASE_LEVELS,
  CASE_SOURCES,
  CASE_STATUSES,
  DEPARTMENT_STATES,
  RATINGS,
  URGENCIES,
  type Attachment as AttachmentRecord,
  type CaseLevel,
  type CaseSource,
  type CaseStatus,
  type DepartmentState,
  type Rating,
  type Urgency,
} from './case.entity';
import { CASE_ACTIONS, CLOCK_RUNNING } from './case.rules';
import type { CaseDepartmentRecord, CaseRecord, TimelineRecord } from './case.service';
import type { CategoryRecord, CategoryRulesRecord } from './category.service';

const enumOf = <const T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const CaseStatusEnum = enumOf(CASE_STATUSES);
registerEnumType(CaseStatusEnum, {
  name: 'CaseStatus',
  description: 'Where a case stands in its lifecycle (发现 → 立案 → 派遣 → 处置 → 核查 → 结案).',
  valuesConfig: {
    REPORTED: { description: 'Reported, waiting to be accepted (待受理).' },
    ACCEPTED: { description: 'Accepted as a case (立案), waiting to be dispatched.' },
    REJECTED: { description: 'Not a case (不予立案).' },
    DISPATCHED: { description: 'Sent to one or more departments (已派遣).' },
    IN_PROGRESS: { description: 'Being handled (处置中).' },
    SUSPENDED: { description: 'Cannot be fixed now (挂账); its clock is stopped.' },
    VERIFYING: { description: 'Resolved, waiting for verification on site (待核查).' },
    CLOSED: { description: 'Verified and closed (结案).' },
    CANCELLED: { description: 'Cancelled (作废): a duplicate, withdrawn, or not a case.' },
  },
});

export const CaseSourceEnum = enumOf(CASE_SOURCES);
registerEnumType(CaseSourceEnum, {
  name: 'CaseSource',
  description: 'Where a case came from.',
  valuesConfig: {
    PATROL: { description: 'Found by a grid worker on patrol (网格巡查).' },
    RESIDENT: { description: 'Reported by a resident (居民上报).' },
    HOTLINE: { description: 'Taken in by intake staff, e.g. from the hotline (热线).' },
    INTEGRATION: { description: 'Sent by another platform through an API key.' },
  },
});

export const UrgencyEnum = enumOf(URGENCIES);
registerEnumType(UrgencyEnum, {
  name: 'Urgency',
  description: "Urgency class; each category's time limits are per class.",
  valuesConfig: {
    A: { description: 'Urgent.' },
    B: { description: 'Normal.' },
    C: { description: 'Minor.' },
  },
});

export const CaseLevelEnum = enumOf(CASE_LEVELS);
registerEnumType(CaseLevelEnum, {
  name: 'CaseLevel',
  description: 'The level that owns a case; escalation moves it up (分级响应).',
  valuesConfig: {
    GRID: { description: 'The grid (网格): its workers handle it.' },
    COMMUNITY: { description: 'The community (社区).' },
    STREET: { description: 'The street (街道): its command centre.' },
  },
});

export const DepartmentStateEnum = enumOf(DEPARTMENT_STATES);
registerEnumType(DepartmentStateEnum, {
  name: 'CaseDepartmentState',
  description: "A dispatched department's part of a case.",
  valuesConfig: {
    DISPATCHED: { description: 'Sent; not yet acknowledged (待报到).' },
    ACKNOWLEDGED: { description: 'Acknowledged (已报到).' },
    IN_PROGRESS: { description: 'Working on it.' },
    RESOLVED: { description: 'Its part is done.' },
    RETURNED: { description: 'Returned as not its own (退回).' },
    WITHDRAWN: { description: 'Taken off the case (the case was cancelled or merged).' },
  },
});

export const RatingEnum = enumOf(RATINGS);
registerEnumType(RatingEnum, {
  name: 'CaseRating',
  description: "The reporter's rating of the handling (回访/评价).",
  valuesConfig: {
    SATISFIED: { description: 'Satisfied (满意).' },
    NEUTRAL: { description: 'Neither satisfied nor dissatisfied (基本满意).' },
    DISSATISFIED: { description: 'Dissatisfied (不满意).' },
  },
});

const ACTION_DESCRIPTIONS = {
  ACCEPT: { description: 'Accept a report as a case (立案): acceptCase.' },
  REJECT: { description: 'Reject a report (不予立案): rejectCase.' },
  DISPATCH: { description: 'Dispatch to departments (派遣, 吹哨): dispatchCase.' },
  RESOLVE_ON_THE_SPOT: {
    description: 'Resolve it in the grid (小事不出网格): resolveCaseOnTheSpot.',
  },
  ACKNOWLEDGE: { description: 'Acknowledge as a dispatched department (报到): acknowledgeCase.' },
  START: { description: 'Start work as a dispatched department: startCase.' },
  RETURN: { description: "Return as not your department's (退回): returnCase." },
  REQUEST_POSTPONEMENT: { description: 'Ask for more time (延期): requestCasePostponement.' },
  DECIDE_POSTPONEMENT: { description: 'Approve or refuse a postponement: decideCasePostponement.' },
  SUSPEND: { description: 'Suspend (挂账): suspendCase.' },
  RESUME: { description: 'Resume a suspended case: resumeCase.' },
  RESOLVE: { description: "Resolve your department's part (处置): resolveCase." },
  VERIFY: { description: 'Verify on site (核查), passed or failed (返工): verifyCase.' },
  RATE: { description: 'Rate the handling (回访/评价): rateCase.' },
  ESCALATE: { description: 'Move up a level: escalateCase.' },
  REASSIGN: { description: 'Give it another owner: reassignCase.' },
  RECATEGORIZE: { description: 'Move to another category: recategorizeCase.' },
  CANCEL: { description: 'Cancel (作废): cancelCase.' },
  REOPEN: { description: 'Reopen a closed case: reopenCase.' },
  MERGE: { description: 'Merge a duplicate into another case: mergeCase.' },
};

export const CaseActionEnum = enumOf(CASE_ACTIONS);
registerEnumType(CaseActionEnum, {
  name: 'CaseAction',
  description: 'An action on a case; each is a mutation (acceptCase, dispatchCase, …).',
  valuesConfig: ACTION_DESCRIPTIONS,
});

export const TimelineActionEnum = enumOf([
  'REPORT',
  ...CASE_ACTIONS,
  'OVERDUE',
  'ACKNOWLEDGE_OVERDUE',
] as const);
registerEnumType(TimelineActionEnum, {
  name: 'CaseTimelineAction',
  description:
    'What a timeline entry records: the report, an action, or the deadline passing (OVERDUE for the case or a department, ACKNOWLEDGE_OVERDUE for a late 报到).',
  valuesConfig: {
    REPORT: { description: 'The case was reported (发现/上报).' },
    ...ACTION_DESCRIPTIONS,
    OVERDUE: { description: 'The case, or a department on it, passed its due time.' },
    ACKNOWLEDGE_OVERDUE: { description: 'A department had not acknowledged (报到) in time.' },
  },
});

@ObjectType({ description: 'A file attached to a case or a timeline entry.' })
export class Attachment {
  @Field({ description: 'Where the file is (http or https).' })
  url!: string;

  @Field({ description: 'MIME type, e.g. image/jpeg.' })
  type!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field({ description: "`sha256:` and the file's SHA-256 in hex." })
  checksum!: string;

  @Field(() => String, { nullable: true, description: 'File name, if given.' })
  name!: string | null;

  static from(a: AttachmentRecord): Attachment {
    return Object.assign(new Attachment(), { ...a, name: a.name ?? null });
  }
}

@ObjectType({ description: 'A time limit for one urgency class, in working minutes.' })
export class UrgencyLimit {
  @Field(() => UrgencyEnum, { description: 'The urgency class.' })
  urgency!: Urgency;

  @Field(() => Int, { description: "Working minutes (a work day has its calendar's minutes)." })
  workMinutes!: number;
}

const limitsOf = (l: Record<Urgency, number>): UrgencyLimit[] =>
  (['A', 'B', 'C'] as const).map((u) =>
    Object.assign(new UrgencyLimit(), { urgency: u, workMinutes: l[u] }),
  );

@ObjectType({
  description: "One version of a category's rules; a case keeps the version it was filed under.",
})
export class CaseCategoryRules {
  @Field(() => Int, {
    description: 'The version number: 1 for the first rules, one more for each revision.',
  })
  version!: number;

  @Field({ description: '立案条件: when a report counts as a case.' })
  acceptanceCriteria!: string;

  @Field({ description: '结案条件: what closes it.' })
  closureCriteria!: string;

  @Field(() => [UrgencyLimit], { description: '处置时限: the handling limit per urgency.' })
  timeLimits!: UrgencyLimit[];

  @Field(() => [UrgencyLimit], { description: 'Limit for accepting or rejecting a report.' })
  intakeLimits!: UrgencyLimit[];

  @Field(() => [UrgencyLimit], { description: 'Limit for a department to acknowledge (报到).' })
  acknowledgeLimits!: UrgencyLimit[];

  @Field(() => [String], { description: 'The departments usually responsible.' })
  departments!: string[];

  @Field({ description: 'When this version was made.' })
  createdAt!: Date;

  static from(r: CategoryRulesRecord): CaseCategoryRules {
    return Object.assign(new CaseCategoryRules(), {
      version: r.version,
      acceptanceCriteria: r.acceptanceCriteria,
      closureCriteria: r.closureCriteria,
      timeLimits: limitsOf(r.timeLimits),
      intakeLimits: limitsOf(r.intakeLimits),
      acknowledgeLimits: limitsOf(r.acknowledgeLimits),
      departments: r.departments,
      createdAt: r.createdAt,
    });
  }
}

@ObjectType({
  implements: Node,
  description:
    'A case category (案件类别): a major class (大类) or a minor one (小类) under it. Minors carry the rules; the platform ships a standard catalog and streets add their own.',
})
export class CaseCategory extends Node {
  @Field({ description: "Two digits for a major; a minor's begins with its major's." })
  code!: string;

  @Field({ description: 'Name, e.g. 店外经营.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name.' })
  nameEn!: string | null;

  @Field({ description: 'Open311 GeoReport v2 service_code.' })
  serviceCode!: string;

  @Field({ description: 'Whether it is a major class (大类), which has minors and no rules.' })
  major!: boolean;

  @Field(() => Int, { description: 'The current version of its rules.' })
  version!: number;

  @Field({ description: 'Whether it is archived (no new cases).' })
  archived!: boolean;

  @Field({ description: 'When the category was added.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;

  record!: CategoryRecord;

  static from(r: CategoryRecord): CaseCategory {
    return Object.assign(new CaseCategory(), r, {
      id: toGlobalId('CaseCategory', r.id),
      record: r,
      major: r.parentId === null,
      archived: r.archivedAt !== null,
    });
  }
}

export const { Connection: CaseCategoryConnection } = connectionOf(
  CaseCategory,
  'CaseCategory',
  'case categories',
);

@ObjectType({ description: 'A postponement a department asked for, waiting for the street.' })
export class PendingPostponement {
  @Field(() => Int, { description: 'Working minutes asked for.' })
  workMinutes!: number;

  @Field({ description: 'Why more time is needed.' })
  reason!: string;

  @Field({ description: 'When it was asked for.' })
  requestedAt!: Date;

  departmentId!: string;
}

@ObjectType({
  implements: Node,
  description:
    'A case (案件): a problem found on patrol or reported, handled in a closed loop from report to closure, with its departments, due times and timeline.',
})
export class Case extends Node {
  @Field({
    description: 'Readable number: street code, date and sequence, e.g. 621002001202612070001.',
  })
  number!: string;

  @Field({ description: 'Short title, e.g. "商铺店外经营 占用人行道".' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was seen, in detail.' })
  description!: string | null;

  @Field(() => Int, { description: 'The version of the category rules it is handled under.' })
  categoryVersion!: number;

  @Field(() => CaseSourceEnum, { description: 'Where it came from.' })
  source!: CaseSource;

  @Field(() => UrgencyEnum, {
    description: 'Urgency class; its category gives the time limits per class.',
  })
  urgency!: Urgency;

  @Field(() => CaseStatusEnum, { description: 'Where it stands in its lifecycle.' })
  status!: CaseStatus;

  @Field(() => CaseLevelEnum, { description: 'The level that owns it now.' })
  level!: CaseLevel;

  @Field(() => String, { nullable: true, description: 'Address of the problem.' })
  address!: string | null;

  @Field(() => GeoPoint, { nullable: true, description: 'Where the problem is, if known.' })
  location!: GeoPoint | null;

  @Field(() => [Attachment], { description: 'Files reported with it (photos …).' })
  attachments!: Attachment[];

  @Field(() => String, {
    nullable: true,
    description:
      "A link to a photo or video the reporting app keeps (Open311's media_url): not copied or checked, unlike attachments.",
  })
  mediaUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "An integrator's own reference, unique in the street.",
  })
  externalReference!: string | null;

  @Field(() => Int, {
    description: 'Changes with every change; every case mutation takes the version you saw.',
  })
  version!: number;

  @Field({ description: 'When it was reported.' })
  reportedAt!: Date;

  @Field({ description: 'By when it must be accepted or rejected.' })
  acceptDueAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was accepted (立案).' })
  acceptedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was first dispatched.' })
  dispatchedAt!: Date | null;

  @Field({
    description:
      'The due time of its current stage: acceptance while REPORTED, then handling (moved by approved postponements and suspensions).',
  })
  dueAt!: Date;

  @Field(() => Int, { description: 'Working minutes the current stage is allowed.' })
  allowedWorkMinutes!: number;

  @Field({
    description: 'Whether it is open, its clock running, and past its due time.',
  })
  isOverdue!: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the overdue sweep marked it overdue (for its current due time): within one sweep interval (30 s unless the operator set another) after that due time.',
  })
  overdueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was suspended (挂账), while it is.' })
  suspendedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was resolved (the last department, or on the spot).',
  })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  resolution!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Working minutes from dispatch (or acceptance) to resolution.',
  })
  handlingWorkMinutes!: number | null;

  @Field(() => Date, { nullable: true, description: 'When it was last verified on site.' })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed (结案).' })
  closedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was cancelled or merged into another.',
  })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason!: string | null;

  @Field(() => RatingEnum, { nullable: true, description: "The reporter's rating, after closure." })
  rating!: Rating | null;

  @Field(() => String, { nullable: true, description: "The reporter's comment with the rating." })
  ratingComment!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was rated.' })
  ratedAt!: Date | null;

  @Field(() => Int, { description: 'Times a department returned it (退回).' })
  returnCount!: number;

  @Field(() => Int, { description: 'Postponements approved (延期).' })
  postponeCount!: number;

  @Field(() => Int, { description: 'Times it was suspended (挂账).' })
  suspendCount!: number;

  @Field(() => Int, { description: 'Failed verifications (返工).' })
  reworkCount!: number;

  @Field(() => Int, { description: 'Times it was reopened.' })
  reopenCount!: number;

  @Field(() => PendingPostponement, {
    nullable: true,
    description: 'A postponement a department asked for, waiting for the street; null when none.',
  })
  pendingPostponement!: PendingPostponement | null;

  @Field({ description: 'When the case was recorded.' })
  createdAt!: Date;

  @Field({ description: 'When it last changed.' })
  updatedAt!: Date;

  record!: CaseRecord;

  static from(r: CaseRecord): Case {
    const pending = r.pendingPostponement;
    return Object.assign(new Case(), r, {
      id: toGlobalId('Case', r.id),
      record: r,
      location:
        r.latitude === null || r.longitude === null
          ? null
          : Object.assign(new GeoPoint(), { lat: r.latitude, lng: r.longitude }),
      attachments: r.attachments.map(Attachment.from),
      externalReference: r.externalRef,
      allowedWorkMinutes: r.allowedMinutes,
      handlingWorkMinutes: r.handlingMinutes,
      isOverdue: isOverdue(r),
      pendingPostponement: pending
        ? Object.assign(new PendingPostponement(), {
            workMinutes: pending.minutes,
            reason: pending.reason,
            requestedAt: new Date(pending.requestedAt),
            departmentId: pending.departmentId,
          })
        : null,
    });
  }
}

/** Open, clock running, past due: the same rule the `overdue` filter and the planner use. */
export function isOverdue(r: Pick<CaseRecord, 'status' | 'dueAt'>, now = new Date()): boolean {
  return CLOCK_RUNNING.includes(r.status) && r.dueAt < now;
}

export const { Connection: CaseConnection } = connectionOf(Case, 'Case', 'cases');

@ObjectType({ description: 'A department a case was dispatched to, and how its part stands.' })
export class CaseDepartment {
  @Field(() => DepartmentStateEnum, { description: 'How its part stands.' })
  state!: DepartmentState;

  @Field({ description: 'When it was dispatched.' })
  dispatchedAt!: Date;

  @Field({ description: 'By when it must acknowledge (报到).' })
  acknowledgeDueAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it acknowledged (报到).' })
  acknowledgedAt!: Date | null;

  @Field({ description: 'Whether it acknowledged late, or has not and is past due.' })
  acknowledgedLate!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it started work.' })
  startedAt!: Date | null;

  @Field({ description: 'By when its part must be resolved.' })
  dueAt!: Date;

  @Field({ description: 'Whether its part is not done and past due.' })
  isOverdue!: boolean;

  @Field(() => Date, { nullable: true, description: 'When its part was done.' })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What it did.' })
  resolution!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it returned the case (退回).' })
  returnedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it returned the case.' })
  returnReason!: string | null;

  record!: CaseDepartmentRecord;

  static from(r: CaseDepartmentRecord, now = new Date()): CaseDepartment {
    return Object.assign(new CaseDepartment(), r, {
      record: r,
      acknowledgedLate: r.acknowledgedAt
        ? r.acknowledgedAt > r.acknowledgeDueAt
        : r.state === 'DISPATCHED' && r.acknowledgeDueAt < now,
      isOverdue: ['DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS'].includes(r.state) && r.dueAt < now,
    });
  }
}

@ObjectType({ description: "An immutable entry of a case's timeline: who did what, when." })
export class CaseTimelineEntry {
  @Field(() => TimelineActionEnum, { description: 'What happened.' })
  action!: string;

  @Field(() => CaseStatusEnum, {
    nullable: true,
    description: 'The state before (null for the report).',
  })
  fromStatus!: CaseStatus | null;

  @Field(() => CaseStatusEnum, { description: 'The state after.' })
  toStatus!: CaseStatus;

  @Field({ description: 'Kind of credential: user, api-key, admin-token or system.' })
  actorKind!: string;

  @Field(() => String, { nullable: true, description: "The actor's role then." })
  actorRole!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The note given with it (a reason, a resolution, a comment).',
  })
  note!: string | null;

  @Field(() => [Attachment], { description: 'Files given with it (photos of the fix …).' })
  attachments!: Attachment[];

  @Field({ description: 'When it happened.' })
  occurredAt!: Date;

  record!: TimelineRecord;

  static from(r: TimelineRecord): CaseTimelineEntry {
    return Object.assign(new CaseTimelineEntry(), r, {
      record: r,
      attachments: r.attachments.map(Attachment.from),
    });
  }
}

export const { Connection: CaseTimelineConnection } = connectionOf(
  CaseTimelineEntry,
  'CaseTimelineEntry',
  'timeline entries',
);

@ObjectType({ description: 'The result of a case mutation.' })
export class CasePayload {
  @Field(() => Case, {
    nullable: true,
    description: 'The case after the mutation; null when it failed.',
  })
  case!: Case | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of reporting a case.' })
export class ReportCasePayload extends CasePayload {
  @Field({
    description:
      'True when this answers a retry: the idempotency key was seen with the same report, and nothing new was written.',
  })
  replayed!: boolean;

  @Field(() => [Case], {
    description:
      'Open cases of the same category near the same place and time: possible duplicates.',
  })
  duplicateCandidates!: Case[];
}

@ObjectType({ description: 'The result of a case category mutation.' })
export class CaseCategoryPayload {
  @Field(() => CaseCategory, {
    nullable: true,
    description: 'The category after the mutation; null when it failed.',
  })
  category!: CaseCategory | null;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success.' })
  userErrors!: UserError[];
}
