import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Where a case came from. */
export const CASE_SOURCES = ['PATROL', 'RESIDENT', 'HOTLINE', 'INTEGRATION'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/** Urgency classes: A urgent, B normal, C minor; each category gives its time limit per class. */
export const URGENCIES = ['A', 'B', 'C'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CASE_STATUSES = [
  'REPORTED',
  'ACCEPTED',
  'REJECTED',
  'DISPATCHED',
  'IN_PROGRESS',
  'SUSPENDED',
  'VERIFYING',
  'CLOSED',
  'CANCELLED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The level that owns a case now: escalation moves it up (grid → community → street). */
export const CASE_LEVELS = ['GRID', 'COMMUNITY', 'STREET'] as const;
export type CaseLevel = (typeof CASE_LEVELS)[number];

export const DEPARTMENT_STATES = [
  'DISPATCHED',
  'ACKNOWLEDGED',
  'IN_PROGRESS',
  'RESOLVED',
  'RETURNED',
  'WITHDRAWN',
] as const;
export type DepartmentState = (typeof DEPARTMENT_STATES)[number];

export const RATINGS = ['SATISFIED', 'NEUTRAL', 'DISSATISFIED'] as const;
export type Rating = (typeof RATINGS)[number];

/** Duties on an account, beside its role: the identity area keeps them with the account. */
export { CASE_DUTIES, type CaseDuty } from '../identity/identity.entity';

/** A file attached to a case or a timeline entry: stored elsewhere, described here. */
export interface Attachment {
  url: string;
  /** MIME type, e.g. `image/jpeg`. */
  type: string;
  /** Bytes. */
  size: number;
  /** `sha256:` and 64 hex digits. */
  checksum: string;
  name?: string | null;
}

/** Work minutes per urgency class. */
export type LimitsByUrgency = Record<Urgency, number>;

@Entity('case_category')
export class CaseCategoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('bigint', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'name_en', nullable: true })
  nameEn!: string | null;

  @Column('text', { name: 'service_code' })
  serviceCode!: string;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

@Entity('case_category_version')
export class CaseCategoryVersionEntity {
  @PrimaryColumn('bigint', { name: 'category_id' })
  categoryId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('bigint', { name: 'street_id', nullable: true })
  streetId!: string | null;

  @Column('text', { name: 'acceptance_criteria' })
  acceptanceCriteria!: string;

  @Column('text', { name: 'closure_criteria' })
  closureCriteria!: string;

  @Column('jsonb', { name: 'time_limits' })
  timeLimits!: LimitsByUrgency;

  @Column('jsonb', { name: 'intake_limits' })
  intakeLimits!: LimitsByUrgency;

  @Column('jsonb', { name: 'acknowledge_limits' })
  acknowledgeLimits!: LimitsByUrgency;

  @Column('text', { array: true })
  departments!: string[];

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}

@Entity('case_file')
export class CaseEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('text')
  number!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('bigint', { name: 'category_id' })
  categoryId!: string;

  @Column('integer', { name: 'category_version' })
  categoryVersion!: number;

  @Column('text')
  source!: CaseSource;

  @Column('text')
  urgency!: Urgency;

  @Column('text')
  status!: CaseStatus;

  @Column('text')
  level!: CaseLevel;

  @Column('bigint', { name: 'owner_user_id', nullable: true })
  ownerUserId!: string | null;

  @Column('bigint', { name: 'grid_id' })
  gridId!: string;

  @Column('text', { nullable: true })
  address!: string | null;

  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Column('bigint', { name: 'reporter_user_id', nullable: true })
  reporterUserId!: string | null;

  @Column('bigint', { name: 'reporter_person_id', nullable: true })
  reporterPersonId!: string | null;

  @Column('text', { name: 'reported_by' })
  reportedBy!: string;

  @Column('text', { name: 'external_ref', nullable: true })
  externalRef!: string | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  @Column('text', { name: 'request_hash', nullable: true })
  requestHash!: string | null;

  @Column('jsonb')
  attachments!: Attachment[];

  /** A link to media the reporting app keeps (Open311 `media_url`); not a file of ours. */
  @Column('text', { name: 'media_url', nullable: true })
  mediaUrl!: string | null;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;

  @Column('timestamptz', { name: 'accept_due_at' })
  acceptDueAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('timestamptz', { name: 'rejected_at', nullable: true })
  rejectedAt!: Date | null;

  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt!: Date | null;

  @Column('integer', { name: 'allowed_minutes' })
  allowedMinutes!: number;

  @Column('timestamptz', { name: 'stage_started_at' })
  stageStartedAt!: Date;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt!: Date | null;

  @Column('integer', { name: 'remaining_minutes', nullable: true })
  remainingMinutes!: number | null;

  @Column('timestamptz', { name: 'overdue_at', nullable: true })
  overdueAt!: Date | null;

  /** Working minutes the current stage spent suspended: due = stage start + allowed + paused. */
  @Column('integer', { name: 'paused_minutes' })
  pausedMinutes!: number;

  @Column('jsonb', { name: 'pending_postponement', nullable: true })
  pendingPostponement!: PendingPostponement | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  resolution!: string | null;

  @Column('integer', { name: 'handling_minutes', nullable: true })
  handlingMinutes!: number | null;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt!: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason!: string | null;

  @Column('bigint', { name: 'merged_into_id', nullable: true })
  mergedIntoId!: string | null;

  @Column('integer', { name: 'return_count' })
  returnCount!: number;

  @Column('integer', { name: 'postpone_count' })
  postponeCount!: number;

  @Column('integer', { name: 'suspend_count' })
  suspendCount!: number;

  @Column('integer', { name: 'rework_count' })
  reworkCount!: number;

  @Column('integer', { name: 'reopen_count' })
  reopenCount!: number;

  @Column('text', { nullable: true })
  rating!: Rating | null;

  @Column('text', { name: 'rating_comment', nullable: true })
  ratingComment!: string | null;

  @Column('timestamptz', { name: 'rated_at', nullable: true })
  ratedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}

/** A postponement a department asked for, waiting for the street's decision. */
export interface PendingPostponement {
  departmentId: string;
  /** Work minutes added to the due time when approved. */
  minutes: number;
  reason: string;
  requestedAt: string;
}

@Entity('case_department')
export class CaseDepartmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'case_id' })
  caseId!: string;

  @Column('bigint', { name: 'department_id' })
  departmentId!: string;

  @Column('text')
  state!: DepartmentState;

  @Column('timestamptz', { name: 'dispatched_at' })
  dispatchedAt!: Date;

  @Column('timestamptz', { name: 'acknowledge_due_at' })
  acknowledgeDueAt!: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('text', { nullable: true })
  resolution!: string | null;

  @Column('timestamptz', { name: 'returned_at', nullable: true })
  returnedAt!: Date | null;

  @Column('text', { name: 'return_reason', nullable: true })
  returnReason!: string | null;

  /** Set while its case is suspended (挂账): its due times do not run, nothing is marked. */
  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt!: Date | null;

  @Column('timestamptz', { name: 'acknowledge_overdue_at', nullable: true })
  acknowledgeOverdueAt!: Date | null;

  @Column('timestamptz', { name: 'overdue_at', nullable: true })
  overdueAt!: Date | null;
}

@Entity('case_timeline')
export class CaseTimelineEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column('bigint', { name: 'street_id' })
  streetId!: string;

  @Column('bigint', { name: 'case_id' })
  caseId!: string;

  @Column('text')
  action!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: CaseStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: CaseStatus;

  @Column('text', { name: 'actor_kind' })
  actorKind!: string;

  @Column('text', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole!: string | null;

  @Column('bigint', { name: 'department_id', nullable: true })
  departmentId!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('jsonb')
  attachments!: Attachment[];

  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;
}
