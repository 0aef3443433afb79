import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GeoPointInput } from '../grid/grid.input';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { rowIdOf } from '../../graphql/relay/global-id';
import { orderInputOf, registerOrderFields } from '../../graphql/relay/order';
import { PublicError } from '../shared/errors';
import type { CaseLevel, CaseSource, CaseStatus, Rating, Urgency } from './case.entity';
import type { CaseFilter } from './case.service';
import type { CategoryFilter } from './category.service';
import {
  CaseLevelEnum,
  CaseSourceEnum,
  CaseStatusEnum,
  RatingEnum,
  UrgencyEnum,
} from './case.type';

export const CaseOrderField = { DUE_AT: 'DUE_AT', REPORTED_AT: 'REPORTED_AT' } as const;
registerOrderFields(CaseOrderField, 'CaseOrderField', 'cases', {
  DUE_AT: 'By the due time of the current stage.',
  REPORTED_AT: 'By when the case was reported.',
});
export const CaseOrder = orderInputOf(CaseOrderField, 'Case', 'cases');

@InputType({ description: 'Which cases to list; every condition given must hold.' })
export class CaseFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only cases of this street.' })
  streetId?: string | null;

  @Field(() => [CaseStatusEnum], {
    nullable: true,
    description: 'Only cases in any of these states.',
  })
  statuses?: CaseStatus[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only cases in any of these categories (a major class includes its minors).',
  })
  categoryIds?: string[] | null;

  @Field(() => [UrgencyEnum], {
    nullable: true,
    description: 'Only cases of any of these urgency classes.',
  })
  urgencies?: Urgency[] | null;

  @Field(() => [CaseSourceEnum], {
    nullable: true,
    description: 'Only cases from any of these sources.',
  })
  sources?: CaseSource[] | null;

  @Field(() => [CaseLevelEnum], {
    nullable: true,
    description: 'Only cases owned at any of these levels.',
  })
  levels?: CaseLevel[] | null;

  @Field(() => ID, { nullable: true, description: "Only cases in this grid's subtree." })
  gridId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Only cases dispatched to this department (an Organization), and not returned by it.',
  })
  departmentId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only open cases past their due time; false: all others.',
  })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only cases reported by this user.' })
  reporterId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only cases owned by this user.' })
  ownerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Reported at or after this time.' })
  reportedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Reported before this time.' })
  reportedTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Due at or after this time.' })
  dueFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Due before this time.' })
  dueTo?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Closed at or after this time.' })
  closedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Closed before this time.' })
  closedTo?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Text the title, description, address or number contains (substring; Chinese works: 占道).',
  })
  search?: string | null;
}

const range = (what: string, from?: Date | null, to?: Date | null) => {
  if (from && to && from > to) {
    throw new PublicError(
      'BAD_USER_INPUT',
      `"filter.${what}From" must not be after "filter.${what}To".`,
      {
        argument: `filter.${what}From`,
      },
    );
  }
};

/** The service filter for a `cases` filter; bad IDs and empty ranges are the caller's mistake. */
export function caseFilterOf(f: CaseFilterInput | null | undefined): CaseFilter {
  range('reported', f?.reportedFrom, f?.reportedTo);
  range('due', f?.dueFrom, f?.dueTo);
  range('closed', f?.closedFrom, f?.closedTo);
  if (f?.search != null && f.search.trim().length === 0) {
    throw new PublicError('BAD_USER_INPUT', '"filter.search" is empty.', {
      argument: 'filter.search',
    });
  }
  if (f?.search && f.search.length > 100) {
    throw new PublicError('BAD_USER_INPUT', '"filter.search" is at most 100 characters.', {
      argument: 'filter.search',
    });
  }
  return {
    streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
    statuses: f?.statuses,
    categoryIds: f?.categoryIds?.map((id, i) =>
      rowIdOf(id, 'CaseCategory', `filter.categoryIds.${i}`),
    ),
    urgencies: f?.urgencies,
    sources: f?.sources,
    levels: f?.levels,
    gridId: f?.gridId ? rowIdOf(f.gridId, 'Grid', 'filter.gridId') : null,
    departmentId: f?.departmentId
      ? rowIdOf(f.departmentId, 'Organization', 'filter.departmentId')
      : null,
    overdue: f?.overdue,
    reporterUserId: f?.reporterId ? rowIdOf(f.reporterId, 'User', 'filter.reporterId') : null,
    ownerUserId: f?.ownerId ? rowIdOf(f.ownerId, 'User', 'filter.ownerId') : null,
    reportedFrom: f?.reportedFrom,
    reportedTo: f?.reportedTo,
    dueFrom: f?.dueFrom,
    dueTo: f?.dueTo,
    closedFrom: f?.closedFrom,
    closedTo: f?.closedTo,
    search: f?.search?.trim(),
  };
}

@ArgsType()
export class CasesArgs extends ConnectionArgs {
  @Field(() => CaseFilterInput, { nullable: true, description: 'Which cases to list.' })
  filter?: CaseFilterInput | null;

  @Field(() => CaseOrder, {
    nullable: true,
    description: 'Ordering (default: by due time, soonest first).',
  })
  orderBy?: InstanceType<typeof CaseOrder> | null;
}

@ArgsType()
export class CaseQueueArgs extends ConnectionArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only cases of this street (default: all your streets).',
  })
  streetId?: string | null;
}

@ArgsType()
export class TimelineArgs extends ConnectionArgs {}

@InputType({ description: 'Which categories to list.' })
export class CaseCategoryFilterInput {
  @Field(() => ID, { nullable: true, description: "Only this street's own categories." })
  streetId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: major classes only; false: minors only.',
  })
  major?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only the minors of this major class.' })
  parentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name, code or service code containing this.',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived ones (default false).' })
  includeArchived?: boolean | null;
}

export const categoryFilterOf = (
  f: CaseCategoryFilterInput | null | undefined,
): CategoryFilter => ({
  streetId: f?.streetId ? rowIdOf(f.streetId, 'Street', 'filter.streetId') : null,
  major: f?.major,
  parentId: f?.parentId ? rowIdOf(f.parentId, 'CaseCategory', 'filter.parentId') : null,
  search: f?.search,
  includeArchived: f?.includeArchived,
});

@ArgsType()
export class CaseCategoriesArgs extends ConnectionArgs {
  @Field(() => CaseCategoryFilterInput, {
    nullable: true,
    description: 'Which categories to list.',
  })
  filter?: CaseCategoryFilterInput | null;
}

@ArgsType()
export class DuplicateCandidatesArgs {
  @Field(() => ID, { description: 'The category of the problem.' })
  categoryId!: string;

  @Field(() => ID, { description: 'The grid it is in.' })
  gridId!: string;

  @Field(() => GeoPointInput, { nullable: true, description: 'Where it is, if known.' })
  location?: GeoPointInput | null;

  @Field(() => Date, { nullable: true, description: 'When it was seen (default: now).' })
  at?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Distance in meters that counts as the same place (default 200, at most 5000).',
  })
  meters?: number | null;
}

@InputType({ description: 'A file to attach: stored elsewhere, described here.' })
export class AttachmentInput {
  @Field({ description: 'http(s) URL of the file.' })
  url!: string;

  @Field({ description: 'MIME type, e.g. image/jpeg.' })
  type!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field({ description: '`sha256:` and 64 lower-case hex digits.' })
  checksum!: string;

  @Field(() => String, { nullable: true, description: 'File name, at most 200 characters.' })
  name?: string | null;
}

@InputType({ description: 'A case to report.' })
export class ReportCaseInput {
  @Field(() => ID, { description: 'The street the case belongs to.' })
  streetId!: string;

  @Field(() => ID, { description: 'A minor category (小类).' })
  categoryId!: string;

  @Field(() => ID, { description: 'The grid the problem is in.' })
  gridId!: string;

  @Field({ description: 'Short title, at most 200 characters.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'At most 5000 characters.' })
  description?: string | null;

  @Field(() => UrgencyEnum, { description: 'Urgency class: A urgent, B normal, C minor.' })
  urgency!: Urgency;

  @Field(() => CaseSourceEnum, {
    nullable: true,
    description:
      'Default: by the caller (grid worker PATROL, resident RESIDENT, API key INTEGRATION, staff HOTLINE).',
  })
  source?: CaseSource | null;

  @Field(() => String, {
    nullable: true,
    description: 'Address of the problem, at most 200 characters.',
  })
  address?: string | null;

  @Field(() => GeoPointInput, { nullable: true, description: 'Where the problem is.' })
  location?: GeoPointInput | null;

  @Field(() => [AttachmentInput], { nullable: true, description: 'At most 20.' })
  attachments?: AttachmentInput[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A link (http or https, at most 2000 characters) to a photo or video your app keeps; Lianxin shows it, never fetches it.',
  })
  mediaUrl?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Staff taking a report for a resident: the person who reported it.',
  })
  reporterPersonId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "An integrator's own reference for the case, unique in the street.",
  })
  externalReference?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Makes retries safe: the same key and report answer the first result; the same key with another report is refused.',
  })
  idempotencyKey?: string | null;
}

/** What every case action takes: the case, the version you saw, a note, attachments. */
@InputType({
  description:
    'A case, the version of it you saw, and an optional note and files for its timeline.',
})
export class CaseActionInput {
  @Field(() => ID, { description: 'The case.' })
  id!: string;

  @Field(() => Int, { description: 'The version of the case you saw; a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'A note for the timeline.' })
  note?: string | null;

  @Field(() => [AttachmentInput], { nullable: true, description: 'Files for the timeline entry.' })
  attachments?: AttachmentInput[] | null;
}

@InputType({ description: 'Accept a report as a case (立案).' })
export class AcceptCaseInput extends CaseActionInput {
  @Field(() => UrgencyEnum, { nullable: true, description: 'Change the urgency on acceptance.' })
  urgency?: Urgency | null;
}

@InputType({ description: 'An action that needs its reason.' })
export class CaseReasonInput extends CaseActionInput {
  @Field({ description: 'Why.' })
  reason!: string;
}

@InputType({ description: 'Dispatch to departments (派遣; several at once is 吹哨).' })
export class DispatchCaseInput extends CaseActionInput {
  @Field(() => [ID], { description: 'Departments (Organizations of kind DEPARTMENT), 1 to 10.' })
  departmentIds!: string[];
}

@InputType({ description: 'Resolve: what was done, with photos as attachments.' })
export class ResolveCaseInput extends CaseActionInput {
  @Field({ description: 'What was done.' })
  resolution!: string;
}

@InputType({ description: 'Ask for more time (延期).' })
export class RequestCasePostponementInput extends CaseActionInput {
  @Field(() => Int, { description: 'Working minutes more (at most 60 work days).' })
  workMinutes!: number;

  @Field({ description: 'Why more time is needed.' })
  reason!: string;
}

@InputType({ description: 'Approve or refuse the postponement asked for.' })
export class DecideCasePostponementInput extends CaseActionInput {
  @Field({ description: 'true moves the due time by the minutes asked; false refuses.' })
  approved!: boolean;
}

@InputType({ description: 'Verify on site (核查).' })
export class VerifyCaseInput extends CaseActionInput {
  @Field({
    description: 'true closes the case; false sends it back (返工), with a note saying why.',
  })
  passed!: boolean;
}

@InputType({ description: 'Rate the handling (回访/评价), once, as its reporter.' })
export class RateCaseInput extends CaseActionInput {
  @Field(() => RatingEnum, { description: 'How satisfied the reporter is.' })
  rating!: Rating;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  comment?: string | null;
}

@InputType({ description: 'Give the case another owner, or none.' })
export class ReassignCaseInput extends CaseActionInput {
  @Field(() => ID, { nullable: true, description: 'A staff user of the street; null for none.' })
  ownerId?: string | null;
}

@InputType({ description: 'Move the case to another category.' })
export class RecategorizeCaseInput extends CaseActionInput {
  @Field(() => ID, { description: 'A minor category (小类).' })
  categoryId!: string;
}

@InputType({ description: 'Merge this case, a duplicate, into another.' })
export class MergeCaseInput extends CaseActionInput {
  @Field(() => ID, { description: 'The case that stays.' })
  intoCaseId!: string;
}

@InputType({ description: 'Working minutes per urgency class.' })
export class UrgencyLimitsInput {
  @Field(() => Int, { description: 'Working minutes for urgency A (urgent).' })
  a!: number;

  @Field(() => Int, { description: 'Working minutes for urgency B (normal).' })
  b!: number;

  @Field(() => Int, { description: 'Working minutes for urgency C (minor).' })
  c!: number;
}

@InputType({ description: 'A case category of a street, under an existing major class.' })
export class CreateCaseCategoryInput {
  @Field(() => ID, { description: 'The street the category belongs to.' })
  streetId!: string;

  @Field({ description: "4 or 6 characters beginning with its major class's 2." })
  code!: string;

  @Field({ description: 'Name, at most 50 characters, e.g. 楼道堆物.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'English name, at most 100 characters.' })
  nameEn?: string | null;

  @Field({ description: 'Open311 service_code, unique in the street.' })
  serviceCode!: string;

  @Field({ description: '立案条件: when a report counts as a case.' })
  acceptanceCriteria!: string;

  @Field({ description: '结案条件: what closes it.' })
  closureCriteria!: string;

  @Field(() => UrgencyLimitsInput, {
    description: '处置时限: handling limits in working minutes, A ≤ B ≤ C.',
  })
  timeLimits!: UrgencyLimitsInput;

  @Field(() => UrgencyLimitsInput, {
    nullable: true,
    description: "Limits for accepting a report (default: the platform's).",
  })
  intakeLimits?: UrgencyLimitsInput | null;

  @Field(() => UrgencyLimitsInput, {
    nullable: true,
    description: "Limits for a department to acknowledge (default: the platform's).",
  })
  acknowledgeLimits?: UrgencyLimitsInput | null;

  @Field(() => [String], {
    description: 'The departments usually responsible (names), at most 20.',
  })
  departments!: string[];
}

@InputType({ description: 'Changes to a category: names in place; rules as a new version.' })
export class ReviseCaseCategoryInput {
  @Field(() => ID, { description: 'The category.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New English name.' })
  nameEn?: string | null;

  @Field(() => String, { nullable: true, description: 'New 立案条件 (a new version).' })
  acceptanceCriteria?: string | null;

  @Field(() => String, { nullable: true, description: 'New 结案条件 (a new version).' })
  closureCriteria?: string | null;

  @Field(() => UrgencyLimitsInput, {
    nullable: true,
    description: 'New handling limits (a new version).',
  })
  timeLimits?: UrgencyLimitsInput | null;

  @Field(() => UrgencyLimitsInput, {
    nullable: true,
    description: 'New intake limits (a new version).',
  })
  intakeLimits?: UrgencyLimitsInput | null;

  @Field(() => UrgencyLimitsInput, {
    nullable: true,
    description: 'New acknowledge limits (a new version).',
  })
  acknowledgeLimits?: UrgencyLimitsInput | null;

  @Field(() => [String], { nullable: true, description: 'New usual departments (a new version).' })
  departments?: string[] | null;
}

@InputType({ description: 'The category to archive.' })
export class ArchiveCaseCategoryInput {
  @Field(() => ID, { description: 'The category.' })
  id!: string;
}
