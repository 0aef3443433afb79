import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Node } from '../../graphql/relay/node';
import { UserError } from '../../graphql/relay/payload';
import { GeoPoint } from '../grid/grid.type';
import type {
  Attachment as AttachmentRecord,
  CaseLevel,
  CaseSource,
  CaseStatus,
  DepartmentState,
  Rating,
  Urgency,
} from './case.entity';
import type { CaseAction } from './case.rules';
import type { CaseDepartmentRecord, CaseRecord, TimelineRecord } from './case.service';
import type { CategoryRecord, CategoryRulesRecord } from './category.service';

const enumOf = <const T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };

export const CaseStatusEnum = enumOf([
  'REPORTED',
  'ACCEPTED',
  'REJECTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'SUSPENDED',
  'VERIFYING',
  'CLOSED',
  'CANCELLED',
] as const);
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

export const CaseSourceEnum = enumOf(['PATROL', 'RESIDENT', 'HOTLINE', 'INTEGRATION'] as const);
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

export const UrgencyEnum = enumOf(['A', 'B', 'C'] as const);
registerEnumType(UrgencyEnum, {
  name: 'Urgency',
  description: "Urgency class; each category's time limits are per class.",
  valuesConfig: {
    A: { description: 'Urgent.' },
    B: { description: 'Normal.' },
    C: { description: 'Minor.' },
  },
});

export const CaseLevelEnum = enumOf(['GRID', 'COMMUNITY', 'STREET'] as const);
registerEnumType(CaseLevelEnum, {
  name: 'CaseLevel',
  description: 'The level that owns a case; escalation moves it up (分级响应).',
});

export const DepartmentStateEnum = enumOf([
  'DISPATCHED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'RESOLVED',
  'RETURNED',
  'WITHDRAWN',
] as const);
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

export const RatingEnum = enumOf(['SATISFIED', 'NEUTRAL', 'DISSATISFIED'] as const);
registerEnumType(RatingEnum, {
  name: 'CaseRating',
  description: "The reporter's rating of the handling (回访/评价).",
});

export const CaseActionEnum = enumOf([
  'ACCEPT',
  'REJECT',
  'DISPATCH',
  'RESOLVE_ON_THE_SPOT',
  'ACKNOWLEDGE',
  'START',
  'RETURN',
  'REQUEST_POSTPONEMENT',
  'DECIDE_POSTPONEMENT',
  'SUSPEND',
  'RESUME',
  'RESOLVE',
  'VERIFY',
  'RATE',
  'ESCALATE',
  'REASSIGN',
  'RECATEGORIZE',
  'CANCEL',
  'REOPEN',
  'MERGE',
] as const satisfies readonly CaseAction[]);
registerEnumType(CaseActionEnum, {
  name: 'CaseAction',
  description: 'An action on a case; each is a mutation (acceptCase, dispatchCase, …).',
});

export const TimelineActionEnum = enumOf([
  'REPORT',
  ...(Object.keys(CaseActionEnum) as CaseAction[]),
  'OVERDUE',
  'ACKNOWLEDGE_OVERDUE',
] as const);
registerEnumType(TimelineActionEnum, {
  name: 'CaseTimelineAction',
  description:
    'What a timeline entry records: the report, an action, or the deadline passing (OVERDUE for the case or a department, ACKNOWLEDGE_OVERDUE for a late 报到).',
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
  @Field(() => UrgencyEnum)
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
  @Field(() => Int)
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

  @Field()
  reason!: string;

  @Field()
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

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { description: 'The version of the category rules it is handled under.' })
  categoryVersion!: number;

  @Field(() => CaseSourceEnum)
  source!: CaseSource;

  @Field(() => UrgencyEnum)
  urgency!: Urgency;

  @Field(() => CaseStatusEnum)
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

  @Field(() => Date, { nullable: true })
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
    description: 'When the deadline job marked it overdue (for its current due time).',
  })
  overdueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was suspended (挂账), while it is.' })
  suspendedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done.' })
  resolution!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Working minutes from dispatch (or acceptance) to resolution.',
  })
  handlingWorkMinutes!: number | null;

  @Field(() => Date, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => RatingEnum, { nullable: true })
  rating!: Rating | null;

  @Field(() => String, { nullable: true })
  ratingComment!: string | null;

  @Field(() => Date, { nullable: true })
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

  @Field(() => PendingPostponement, { nullable: true })
  pendingPostponement!: PendingPostponement | null;

  @Field()
  createdAt!: Date;

  @Field()
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
  return (
    ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING'].includes(r.status) &&
    r.dueAt < now
  );
}

export const { Connection: CaseConnection } = connectionOf(Case, 'Case', 'cases');

@ObjectType({ description: 'A department a case was dispatched to, and how its part stands.' })
export class CaseDepartment {
  @Field(() => DepartmentStateEnum)
  state!: DepartmentState;

  @Field()
  dispatchedAt!: Date;

  @Field({ description: 'By when it must acknowledge (报到).' })
  acknowledgeDueAt!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field({ description: 'Whether it acknowledged late, or has not and is past due.' })
  acknowledgedLate!: boolean;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field({ description: 'By when its part must be resolved.' })
  dueAt!: Date;

  @Field({ description: 'Whether its part is not done and past due.' })
  isOverdue!: boolean;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => Date, { nullable: true })
  returnedAt!: Date | null;

  @Field(() => String, { nullable: true })
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
  @Field(() => TimelineActionEnum)
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

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => [Attachment])
  attachments!: Attachment[];

  @Field()
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
  @Field(() => CaseCategory, { nullable: true })
  category!: CaseCategory | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
