/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Accept a report as a case (立案). */
export type AcceptCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** Change the urgency on acceptance. */
  urgency?: Urgency | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Which activities to list. */
export type ActivityFilterInput = {
  /** Only activities run under this brand. */
  brandId?: string | number | null | undefined;
  /** Only activities starting at or after this time. */
  from?: string | null | undefined;
  /** Only activities held in this grid. */
  gridId?: string | number | null | undefined;
  /** Include archived activities (default false). */
  includeArchived?: boolean | null | undefined;
  /** With brandId: also activities of the brand's sub-brands, at any depth (default false). */
  includeSubBrands?: boolean | null | undefined;
  /** Only activities of any of these kinds. */
  kinds?: Array<ActivityKind> | null | undefined;
  /** Only activities run by this organization. */
  organizationId?: string | number | null | undefined;
  /** Activities whose title or place contains this text. */
  search?: string | null | undefined;
  /** Only activities of this street. */
  streetId?: string | number | null | undefined;
  /** Only activities starting before this time. */
  to?: string | null | undefined;
};

/** What kind of activity. */
export type ActivityKind =
  /** Cultural or sports event (文体活动). */
  | 'CULTURAL'
  /** Residents' council or consultation (议事会, 协商). */
  | 'DELIBERATION'
  /** Lecture or policy talk (讲堂, 宣讲). */
  | 'LECTURE'
  /** Meeting, e.g. of a party branch (会议, 组织生活). */
  | 'MEETING'
  /** Any other activity. */
  | 'OTHER'
  /** Rectification drive, e.g. of the environment (整治行动). */
  | 'RECTIFICATION'
  /** Volunteer service (志愿服务). */
  | 'VOLUNTEER_SERVICE';

/** A file to attach: stored elsewhere, described here. */
export type AttachmentInput = {
  /** `sha256:` and 64 lower-case hex digits. */
  checksum: string;
  /** File name, at most 200 characters. */
  name?: string | null | undefined;
  /** Size in bytes. */
  size: number;
  /** MIME type, e.g. image/jpeg. */
  type: string;
  /** http(s) URL of the file. */
  url: string;
};

/** An action on a case; each is a mutation (acceptCase, dispatchCase, …). */
export type CaseAction =
  /** Accept a report as a case (立案): acceptCase. */
  | 'ACCEPT'
  /** Acknowledge as a dispatched department (报到): acknowledgeCase. */
  | 'ACKNOWLEDGE'
  /** Cancel (作废): cancelCase. */
  | 'CANCEL'
  /** Approve or refuse a postponement: decideCasePostponement. */
  | 'DECIDE_POSTPONEMENT'
  /** Dispatch to departments (派遣, 吹哨): dispatchCase. */
  | 'DISPATCH'
  /** Move up a level: escalateCase. */
  | 'ESCALATE'
  /** Merge a duplicate into another case: mergeCase. */
  | 'MERGE'
  /** Rate the handling (回访/评价): rateCase. */
  | 'RATE'
  /** Give it another owner: reassignCase. */
  | 'REASSIGN'
  /** Move to another category: recategorizeCase. */
  | 'RECATEGORIZE'
  /** Reject a report (不予立案): rejectCase. */
  | 'REJECT'
  /** Reopen a closed case: reopenCase. */
  | 'REOPEN'
  /** Ask for more time (延期): requestCasePostponement. */
  | 'REQUEST_POSTPONEMENT'
  /** Resolve your department's part (处置): resolveCase. */
  | 'RESOLVE'
  /** Resolve it in the grid (小事不出网格): resolveCaseOnTheSpot. */
  | 'RESOLVE_ON_THE_SPOT'
  /** Resume a suspended case: resumeCase. */
  | 'RESUME'
  /** Return as not your department's (退回): returnCase. */
  | 'RETURN'
  /** Start work as a dispatched department: startCase. */
  | 'START'
  /** Suspend (挂账): suspendCase. */
  | 'SUSPEND'
  /** Verify on site (核查), passed or failed (返工): verifyCase. */
  | 'VERIFY';

/** A case, the version of it you saw, and an optional note and files for its timeline. */
export type CaseActionInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** A dispatched department's part of a case. */
export type CaseDepartmentState =
  /** Acknowledged (已报到). */
  | 'ACKNOWLEDGED'
  /** Sent; not yet acknowledged (待报到). */
  | 'DISPATCHED'
  /** Working on it. */
  | 'IN_PROGRESS'
  /** Its part is done. */
  | 'RESOLVED'
  /** Returned as not its own (退回). */
  | 'RETURNED'
  /** Taken off the case (the case was cancelled or merged). */
  | 'WITHDRAWN';

/** A case duty held by staff beside their role. */
export type CaseDuty =
  /** Sends cases to departments (派遣员). */
  | 'DISPATCHER'
  /** Verifies fixes on site (监督员). */
  | 'INSPECTOR'
  /** Takes reports in and accepts or rejects them (受理员). */
  | 'INTAKE'
  /** Decides acceptance, postponements, suspension and cancellation (值班长). */
  | 'SHIFT_LEAD';

/** Which cases to list; every condition given must hold. */
export type CaseFilterInput = {
  /** Only cases in any of these categories (a major class includes its minors). */
  categoryIds?: Array<string | number> | null | undefined;
  /** Closed at or after this time. */
  closedFrom?: string | null | undefined;
  /** Closed before this time. */
  closedTo?: string | null | undefined;
  /** Only cases dispatched to this department (an Organization), and not returned by it. */
  departmentId?: string | number | null | undefined;
  /** Due at or after this time. */
  dueFrom?: string | null | undefined;
  /** Due before this time. */
  dueTo?: string | null | undefined;
  /** Only cases in this grid's subtree. */
  gridId?: string | number | null | undefined;
  /** Only cases owned at any of these levels. */
  levels?: Array<CaseLevel> | null | undefined;
  /** true: only open cases past their due time; false: all others. */
  overdue?: boolean | null | undefined;
  /** Only cases owned by this user. */
  ownerId?: string | number | null | undefined;
  /** Reported at or after this time. */
  reportedFrom?: string | null | undefined;
  /** Reported before this time. */
  reportedTo?: string | null | undefined;
  /** Only cases reported by this user. */
  reporterId?: string | number | null | undefined;
  /** Text the title, description, address or number contains (substring; Chinese works: 占道). */
  search?: string | null | undefined;
  /** Only cases from any of these sources. */
  sources?: Array<CaseSource> | null | undefined;
  /** Only cases in any of these states. */
  statuses?: Array<CaseStatus> | null | undefined;
  /** Only cases of this street. */
  streetId?: string | number | null | undefined;
  /** Only cases of any of these urgency classes. */
  urgencies?: Array<Urgency> | null | undefined;
};

/** The level that owns a case; escalation moves it up (分级响应). */
export type CaseLevel =
  /** The community (社区). */
  | 'COMMUNITY'
  /** The grid (网格): its workers handle it. */
  | 'GRID'
  /** The street (街道): its command centre. */
  | 'STREET';

/** How to order cases. */
export type CaseOrder = {
  /** The direction; ASC when left out. */
  direction?: OrderDirection | null | undefined;
  /** The field to order by. */
  field: CaseOrderField;
};

/** What cases can be ordered by. */
export type CaseOrderField =
  /** By the due time of the current stage. */
  | 'DUE_AT'
  /** By when the case was reported. */
  | 'REPORTED_AT';

/** The reporter's rating of the handling (回访/评价). */
export type CaseRating =
  /** Dissatisfied (不满意). */
  | 'DISSATISFIED'
  /** Neither satisfied nor dissatisfied (基本满意). */
  | 'NEUTRAL'
  /** Satisfied (满意). */
  | 'SATISFIED';

/** An action that needs its reason. */
export type CaseReasonInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** Why. */
  reason: string;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Where a case came from. */
export type CaseSource =
  /** Taken in by intake staff, e.g. from the hotline (热线). */
  | 'HOTLINE'
  /** Sent by another platform through an API key. */
  | 'INTEGRATION'
  /** Found by a grid worker on patrol (网格巡查). */
  | 'PATROL'
  /** Reported by a resident (居民上报). */
  | 'RESIDENT';

/** Which cases statistics are over; every condition given must hold. */
export type CaseStatsScopeInput = {
  /** Cases of this category; a major class (大类) includes its minors. */
  categoryId?: string | number | null | undefined;
  /** Cases dispatched to this department (an Organization), returned ones included; only its own dispatches count for 准确派遣率. */
  departmentId?: string | number | null | undefined;
  /** Cases in this grid's subtree. */
  gridId?: string | number | null | undefined;
  /** Cases of this street. */
  streetId?: string | number | null | undefined;
};

/** Where a case stands in its lifecycle (发现 → 立案 → 派遣 → 处置 → 核查 → 结案). */
export type CaseStatus =
  /** Accepted as a case (立案), waiting to be dispatched. */
  | 'ACCEPTED'
  /** Cancelled (作废): a duplicate, withdrawn, or not a case. */
  | 'CANCELLED'
  /** Verified and closed (结案). */
  | 'CLOSED'
  /** Sent to one or more departments (已派遣). */
  | 'DISPATCHED'
  /** Being handled (处置中). */
  | 'IN_PROGRESS'
  /** Not a case (不予立案). */
  | 'REJECTED'
  /** Reported, waiting to be accepted (待受理). */
  | 'REPORTED'
  /** Cannot be fixed now (挂账); its clock is stopped. */
  | 'SUSPENDED'
  /** Resolved, waiting for verification on site (待核查). */
  | 'VERIFYING';

/** Which case events to receive; every condition given must hold. Events of cases you may not read never come, whatever the filter. */
export type CaseSubscriptionFilter = {
  /** Only these cases. */
  caseIds?: Array<string | number> | null | undefined;
  /** Only cases dispatched to one of these departments (organizations). */
  departmentIds?: Array<string | number> | null | undefined;
  /** Only cases in this grid or below it. */
  gridId?: string | number | null | undefined;
  /** Only events that left the case in one of these statuses. */
  statuses?: Array<CaseStatus> | null | undefined;
  /** Only cases of these streets. */
  streetIds?: Array<string | number> | null | undefined;
};

/** What a timeline entry records: the report, an action, or the deadline passing (OVERDUE for the case or a department, ACKNOWLEDGE_OVERDUE for a late 报到). */
export type CaseTimelineAction =
  /** Accept a report as a case (立案): acceptCase. */
  | 'ACCEPT'
  /** Acknowledge as a dispatched department (报到): acknowledgeCase. */
  | 'ACKNOWLEDGE'
  /** A department had not acknowledged (报到) in time. */
  | 'ACKNOWLEDGE_OVERDUE'
  /** Cancel (作废): cancelCase. */
  | 'CANCEL'
  /** Approve or refuse a postponement: decideCasePostponement. */
  | 'DECIDE_POSTPONEMENT'
  /** Dispatch to departments (派遣, 吹哨): dispatchCase. */
  | 'DISPATCH'
  /** Move up a level: escalateCase. */
  | 'ESCALATE'
  /** Merge a duplicate into another case: mergeCase. */
  | 'MERGE'
  /** The case, or a department on it, passed its due time. */
  | 'OVERDUE'
  /** Rate the handling (回访/评价): rateCase. */
  | 'RATE'
  /** Give it another owner: reassignCase. */
  | 'REASSIGN'
  /** Move to another category: recategorizeCase. */
  | 'RECATEGORIZE'
  /** Reject a report (不予立案): rejectCase. */
  | 'REJECT'
  /** Reopen a closed case: reopenCase. */
  | 'REOPEN'
  /** The case was reported (发现/上报). */
  | 'REPORT'
  /** Ask for more time (延期): requestCasePostponement. */
  | 'REQUEST_POSTPONEMENT'
  /** Resolve your department's part (处置): resolveCase. */
  | 'RESOLVE'
  /** Resolve it in the grid (小事不出网格): resolveCaseOnTheSpot. */
  | 'RESOLVE_ON_THE_SPOT'
  /** Resume a suspended case: resumeCase. */
  | 'RESUME'
  /** Return as not your department's (退回): returnCase. */
  | 'RETURN'
  /** Start work as a dispatched department: startCase. */
  | 'START'
  /** Suspend (挂账): suspendCase. */
  | 'SUSPEND'
  /** Verify on site (核查), passed or failed (返工): verifyCase. */
  | 'VERIFY';

/** A new grid. */
export type CreateGridInput = {
  /** Boundary as a GeoJSON Polygon or MultiPolygon. */
  boundary?: Record<string, unknown> | null | undefined;
  /** Number of buildings. */
  buildings?: number | null | undefined;
  /** Centre point. */
  center?: GeoPointInput | null | undefined;
  /** Code: the street's code for the street grid, else the parent's code and 3 more digits. */
  code: string;
  /** Number of households. */
  households?: number | null | undefined;
  /** Name (1–100 characters). */
  name: string;
  /** The parent grid; leave out for the street-level grid. */
  parentId?: string | number | null | undefined;
  /** Number of residents. */
  residents?: number | null | undefined;
  /** The street the grid belongs to. */
  streetId: string | number;
};

/** A new webhook endpoint. */
export type CreateWebhookEndpointInput = {
  /** What the endpoint is for (at most 500 characters). */
  description?: string | null | undefined;
  /** The event types to receive (see webhookEventTypes), e.g. ["case.reported", "case.verified"], or "case.*" for all of an area. At least one. */
  eventTypes: Array<string>;
  /** The street whose events it receives. */
  streetId: string | number;
  /** Where to POST deliveries: an absolute https:// URL on the public internet (no user name or password). */
  url: string;
};

/** Approve or refuse the postponement asked for. */
export type DecideCasePostponementInput = {
  /** true moves the due time by the minutes asked; false refuses. */
  approved: boolean;
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** The webhook endpoint to disable. */
export type DisableWebhookEndpointInput = {
  /** The endpoint. */
  id: string | number;
  /** Why, for the notice on the endpoint (at most 500 characters). */
  reason?: string | null | undefined;
};

/** Dispatch to departments (派遣; several at once is 吹哨). */
export type DispatchCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** Departments (Organizations of kind DEPARTMENT), 1 to 10. */
  departmentIds: Array<string | number>;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Gender as recorded. */
export type Gender =
  /** Female (女). */
  | 'FEMALE'
  /** Male (男). */
  | 'MALE';

/** A point as longitude and latitude (WGS 84). */
export type GeoPointInput = {
  /** Latitude, -90 to 90. */
  lat: number;
  /** Longitude, -180 to 180. */
  lng: number;
};

/** Level of a grid in the four-level tree (一级/二级/三级/四级网格). */
export type GridLevel =
  /** Building or courtyard grid (四级网格, 楼院). */
  | 'BUILDING'
  /** Community grid (二级网格). */
  | 'COMMUNITY'
  /** Street grid (一级网格): the whole street. */
  | 'STREET'
  /** Unit grid (三级网格). */
  | 'UNIT';

/** The five tiers of grid staff. */
export type GridRole =
  /** Grid assistant (网格辅助员). */
  | 'ASSISTANT'
  /** Building lead (楼栋长); building grids only. */
  | 'BUILDING_LEAD'
  /** Grid instructor (网格指导员). */
  | 'INSTRUCTOR'
  /** Grid leader (网格长). */
  | 'LEADER'
  /** Grid worker (网格员). */
  | 'MEMBER';

/** Merge this case, a duplicate, into another. */
export type MergeCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** The case that stays. */
  intoCaseId: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Direction of an ordering. */
export type OrderDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** What kind of organization. */
export type OrganizationKind =
  /** Community (社区 / 管理处), a neighbourhood under the street. */
  | 'COMMUNITY'
  /** Community joint party committee (社区大党委). */
  | 'COMMUNITY_COMMITTEE'
  /** Co-building unit (共建单位 / 驻区单位 / "两新"组织). */
  | 'CO_BUILDING_UNIT'
  /** Functional department (职能部门: 城管, 市场监管, 环卫, 交警, 消防 …) that cases go to. */
  | 'DEPARTMENT'
  /** Joint ("big") committee taking in units based in the street (大工委). */
  | 'JOINT_COMMITTEE'
  /** Owners' committee of a compound (业委会). */
  | 'OWNERS_COMMITTEE'
  /** Party branch (党支部), e.g. a grid branch (网格党支部). */
  | 'PARTY_BRANCH'
  /** Party group (党小组). */
  | 'PARTY_GROUP'
  /** Property management company of a compound (物业公司). */
  | 'PROPERTY_MANAGER'
  /** Social organization or social-work provider (社会组织 / 社工服务中心). */
  | 'SOCIAL_ORGANIZATION'
  /** Street party working committee (街道党工委). */
  | 'STREET_COMMITTEE';

/** A span of time, half-open: from ≤ t < to. */
export type PeriodInput = {
  /** Start (included). */
  from: string;
  /** End (excluded); at most 366 days after the start. */
  to: string;
};

/** What a person is to the street; one person may be several. */
export type PersonRole =
  /** Holds a grid staff role (网格员 etc.). */
  | 'GRID_WORKER'
  /** Party member (党员), full or probationary. */
  | 'PARTY_MEMBER'
  /** Lives in a grid of the street (居民). */
  | 'RESIDENT'
  /** Street or community staff (工作人员). */
  | 'STAFF'
  /** Registered volunteer (志愿者). */
  | 'VOLUNTEER';

/** Rate the handling (回访/评价), once, as its reporter. */
export type RateCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** At most 500 characters. */
  comment?: string | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** How satisfied the reporter is. */
  rating: CaseRating;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Give the case another owner, or none. */
export type ReassignCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** A staff user of the street; null for none. */
  ownerId?: string | number | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Move the case to another category. */
export type RecategorizeCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** A minor category (小类). */
  categoryId: string | number;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** The delivery whose event to send again. */
export type RedeliverWebhookDeliveryInput = {
  /** The delivery (any of the event's deliveries to the endpoint). */
  id: string | number;
};

/** A case to report. */
export type ReportCaseInput = {
  /** Address of the problem, at most 200 characters. */
  address?: string | null | undefined;
  /** At most 20. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** A minor category (小类). */
  categoryId: string | number;
  /** At most 5000 characters. */
  description?: string | null | undefined;
  /** An integrator's own reference for the case, unique in the street. */
  externalReference?: string | null | undefined;
  /** The grid the problem is in. */
  gridId: string | number;
  /** Makes retries safe: the same key and report answer the first result; the same key with another report is refused. */
  idempotencyKey?: string | null | undefined;
  /** Where the problem is. */
  location?: GeoPointInput | null | undefined;
  /** A link (http or https, at most 2000 characters) to a photo or video your app keeps; Lianxin shows it, never fetches it. */
  mediaUrl?: string | null | undefined;
  /** Staff taking a report for a resident: the person who reported it. */
  reporterPersonId?: string | number | null | undefined;
  /** Default: by the caller (grid worker PATROL, resident RESIDENT, API key INTEGRATION, staff HOTLINE). */
  source?: CaseSource | null | undefined;
  /** The street the case belongs to. */
  streetId: string | number;
  /** Short title, at most 200 characters. */
  title: string;
  /** Urgency class: A urgent, B normal, C minor. */
  urgency: Urgency;
};

/** Ask for more time (延期). */
export type RequestCasePostponementInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** Why more time is needed. */
  reason: string;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
  /** Working minutes more (at most 60 work days). */
  workMinutes: number;
};

/** Resolve: what was done, with photos as attachments. */
export type ResolveCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** What was done. */
  resolution: string;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** Role of a caller; docs/security.md lists what each may read and write. */
export type Role =
  /** Community staff (社区工作人员) of one community. */
  | 'COMMUNITY_STAFF'
  /** Staff of a functional department (职能部门). */
  | 'DEPARTMENT_STAFF'
  /** District administrator (区级): every street of one district. */
  | 'DISTRICT_ADMIN'
  /** Grid worker (网格员): one grid subtree. */
  | 'GRID_WORKER'
  /** An API key of a third-party app or integration: what its scopes name. */
  | 'INTEGRATION'
  /** Runs the platform: every street. */
  | 'PLATFORM_ADMIN'
  /** A resident (居民): own records and public information. */
  | 'RESIDENT'
  /** Street administrator (街道管理员): one street. */
  | 'STREET_ADMIN'
  /** A volunteer (志愿者): own records and public information. */
  | 'VOLUNTEER';

/** The webhook endpoint whose signing secret to replace. */
export type RotateWebhookEndpointSecretInput = {
  /** The endpoint. */
  id: string | number;
  /** How many hours the old secret keeps signing beside the new one (0 to 168; 24 when left out), so the receiver can switch without refusing deliveries. */
  keepPreviousHours?: number | null | undefined;
};

/** What a service post (党员责任岗) is for. */
export type ServicePostKind =
  /** Civility promotion, e.g. civilised traffic (文明引导岗). */
  | 'CIVILITY'
  /** Cultural and sports activities (文体活动岗). */
  | 'CULTURE'
  /** Caring for elderly and vulnerable residents (关爱帮扶岗). */
  | 'ELDERLY_CARE'
  /** Keeping the environment clean and tidy (环境卫生岗). */
  | 'ENVIRONMENT'
  /** Epidemic prevention and checks (疫情防控岗). */
  | 'EPIDEMIC_PREVENTION'
  /** Mediating disputes between neighbours (矛盾调解岗). */
  | 'MEDIATION'
  /** Any other post. */
  | 'OTHER'
  /** Safety patrol (治安巡逻岗). */
  | 'PATROL'
  /** Explaining policies to residents (政策宣传岗). */
  | 'POLICY_PROMOTION';

/** Which service records to list. */
export type ServiceRecordFilterInput = {
  /** Only confirmed (true) or unconfirmed (false) records. */
  confirmed?: boolean | null | undefined;
  /** Only records that count toward totals (true) or that do not (false). */
  counted?: boolean | null | undefined;
  /** Only service on or after this day. */
  from?: string | null | undefined;
  /** Only records kept by this organization. */
  organizationId?: string | number | null | undefined;
  /** Only records of service on this post. */
  postId?: string | number | null | undefined;
  /** Only records of this street. */
  streetId?: string | number | null | undefined;
  /** Only records of the current members of this volunteer team. */
  teamId?: string | number | null | undefined;
  /** Only service on or before this day. */
  to?: string | null | undefined;
  /** Only records of this volunteer. */
  volunteerId?: string | number | null | undefined;
};

/** Why a sign-in ended. */
export type SessionEndReason =
  /** The account was disabled. */
  | 'DISABLED'
  /** Its user or an administrator ended it (endSession). */
  | 'ENDED'
  /** The user changed their password on another sign-in. */
  | 'PASSWORD_CHANGED'
  /** The password was set with a reset token. */
  | 'PASSWORD_RESET'
  /** Its user signed out (logout). */
  | 'SIGNED_OUT'
  /** Every sign-in of the account was ended at once. */
  | 'SIGNED_OUT_EVERYWHERE'
  /** A used refresh token was presented again (a sign it was stolen). */
  | 'TOKEN_REUSED';

/** Changes to a webhook endpoint; what is left out stays as it is. */
export type UpdateWebhookEndpointInput = {
  /** A new description; blank clears it. */
  description?: string | null | undefined;
  /** The event types to receive from now on. */
  eventTypes?: Array<string> | null | undefined;
  /** The endpoint. */
  id: string | number;
  /** A new receiver URL (checked as at registration). */
  url?: string | null | undefined;
};

/** Urgency class; each category's time limits are per class. */
export type Urgency =
  /** Urgent. */
  | 'A'
  /** Normal. */
  | 'B'
  /** Minor. */
  | 'C';

/** Why a mutation rejected part of its input. */
export type UserErrorCode =
  /** The change conflicts with the current state of the data. */
  | 'CONFLICT'
  /** You may not make this change. */
  | 'FORBIDDEN'
  /** The object is in a state that does not allow this action. */
  | 'ILLEGAL_TRANSITION'
  /** The value has the wrong form or is out of range. */
  | 'INVALID'
  /** The value refers to something that does not exist or is not visible to you. */
  | 'NOT_FOUND'
  /** A value is required here. */
  | 'REQUIRED'
  /** The value must be unique and is already used. */
  | 'TAKEN'
  /** The value is longer than allowed. */
  | 'TOO_LONG'
  /** The password breaks the password policy; the message names the rule. */
  | 'WEAK_PASSWORD';

/** Verify on site (核查). */
export type VerifyCaseInput = {
  /** Files for the timeline entry. */
  attachments?: Array<AttachmentInput> | null | undefined;
  /** The case. */
  id: string | number;
  /** A note for the timeline. */
  note?: string | null | undefined;
  /** true closes the case; false sends it back (返工), with a note saying why. */
  passed: boolean;
  /** The version of the case you saw; a stale one is a CONFLICT. */
  version: number;
};

/** How the caller identified itself. */
export type ViewerKind =
  /** The bootstrap administrator token. */
  | 'ADMIN_TOKEN'
  /** No credentials. */
  | 'ANONYMOUS'
  /** An API key. */
  | 'API_KEY'
  /** The server itself. */
  | 'SYSTEM'
  /** A signed-in user (access token, or a token of the configured OpenID provider). */
  | 'USER';

/** Which deliveries of an endpoint to list. */
export type WebhookDeliveryFilterInput = {
  /** Only the deliveries of this event (its id, as in the body's "id"). */
  eventId?: string | null | undefined;
  /** Only deliveries in this state. */
  status?: WebhookDeliveryStatus | null | undefined;
};

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** No more attempts: its endpoint was disabled, or a redelivery replaced it (see lastError). */
  | 'CANCELLED'
  /** The receiver answered an attempt with a 2xx status. */
  | 'DELIVERED'
  /** Every attempt failed; no more are made. Redeliver it to try again. */
  | 'FAILED'
  /** Waiting for its first or next attempt (see nextAttemptAt). */
  | 'PENDING';

/** Who disabled an endpoint. */
export type WebhookDisableCause =
  /** An administrator, with disableWebhookEndpoint. */
  | 'ADMINISTRATOR'
  /** The server, after its deliveries failed many times in a row over a long time (see docs/realtime.md). */
  | 'FAILURES';

/** Which webhook endpoints to list. */
export type WebhookEndpointFilterInput = {
  /** Only enabled, or only disabled, endpoints. */
  status?: WebhookEndpointStatus | null | undefined;
  /** Only the endpoints of this street. */
  streetId?: string | number | null | undefined;
};

/** A webhook endpoint, by its ID. */
export type WebhookEndpointIdInput = {
  /** The endpoint. */
  id: string | number;
};

/** Whether an endpoint receives events. */
export type WebhookEndpointStatus =
  /** Nothing is delivered until an administrator enables it again; see disabledReason. */
  | 'DISABLED'
  /** Events of its types are delivered to it. */
  | 'ENABLED';

export type SessionFieldsFragment = { id: string, current: boolean, active: boolean, device: string | null, createdAt: string, lastUsedAt: string, endedAt: string | null, endedReason: SessionEndReason | null };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, user: { id: string, username: string, displayName: string, role: Role } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RefreshAccessTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshAccessTokenMutation = { refreshAccessToken: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type LogoutMutationVariables = Exact<{
  refreshToken: string;
}>;


export type LogoutMutation = { logout: { userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type SignOutEverywhereMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutEverywhereMutation = { signOutEverywhere: { userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type EndSessionMutationVariables = Exact<{
  id: string | number;
}>;


export type EndSessionMutation = { endSession: { session: { id: string, current: boolean, active: boolean, device: string | null, createdAt: string, lastUsedAt: string, endedAt: string | null, endedReason: SessionEndReason | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { authenticated: boolean, kind: ViewerKind, role: Role | null, allStreets: boolean, scopes: Array<string>, streets: Array<{ id: string, code: string, name: string }>, user: { id: string, username: string, displayName: string, role: Role, caseDuties: Array<CaseDuty> } | null } };

export type MySessionsQueryVariables = Exact<{
  includeEnded?: boolean;
}>;


export type MySessionsQuery = { viewer: { user: { id: string, sessions: Array<{ id: string, current: boolean, active: boolean, device: string | null, createdAt: string, lastUsedAt: string, endedAt: string | null, endedReason: SessionEndReason | null }> | null } | null } };

export type BoardCaseCardFragment = { id: string, number: string, title: string, status: CaseStatus, version: number, urgency: Urgency, isOverdue: boolean, dueAt: string, reportedAt: string, address: string | null, grid: { id: string, code: string, name: string } | null, category: { name: string } };

export type BoardViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardViewerQuery = { viewer: { role: Role | null, allStreets: boolean, user: { displayName: string } | null, streets: Array<{ id: string, name: string }> }, streets: { nodes: Array<{ id: string, name: string }> } };

export type BoardStreamCursorQueryVariables = Exact<{ [key: string]: never; }>;


export type BoardStreamCursorQuery = { eventStreamCursor: string };

export type BoardOpenCasesQueryVariables = Exact<{
  streetId: string | number;
  statuses: Array<CaseStatus> | CaseStatus;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BoardOpenCasesQuery = { cases: { nodes: Array<{ id: string, number: string, title: string, status: CaseStatus, version: number, urgency: Urgency, isOverdue: boolean, dueAt: string, reportedAt: string, address: string | null, grid: { id: string, code: string, name: string } | null, category: { name: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type BoardDayStatsQueryVariables = Exact<{
  streetId: string | number;
  from: string;
  to: string;
}>;


export type BoardDayStatsQuery = { caseStats: { totals: { reported: number, accepted: number, dispatched: number, resolved: number, closed: number, overdueOpen: number, acceptanceRate: { rate: number | null }, onTimeClosureRate: { rate: number | null } } } };

export type BoardCaseEventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
  streetId: string | number;
}>;


export type BoardCaseEventsSubscription = { caseEvents: { cursor: string, type: string, from: CaseStatus | null, to: CaseStatus, case: { id: string, number: string, title: string, status: CaseStatus, version: number, urgency: Urgency, isOverdue: boolean, dueAt: string, reportedAt: string, address: string | null, grid: { id: string, code: string, name: string } | null, category: { name: string } } } };

export type BrandsQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  rootsOnly?: boolean | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type BrandsQuery = { brands: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, slogan: string | null, isPrimary: boolean, owner: { id: string, name: string } | null, children: { totalCount: number, nodes: Array<{ id: string, name: string }> } }> } };

export type ActivitiesQueryVariables = Exact<{
  filter?: ActivityFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ActivitiesQuery = { activities: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, kind: ActivityKind, startsAt: string, endsAt: string | null, place: string | null, participantCount: number, brand: { id: string, name: string } | null, organization: { id: string, name: string } | null }> } };

export type UserErrorFieldsFragment = { field: Array<string> | null, message: string, code: UserErrorCode };

export type CaseFieldsFragment = { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null };

export type CaseResultFragment = { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> };

export type CaseCategoriesQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseCategoriesQuery = { caseCategories: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, major: boolean, parent: { id: string, code: string } | null }> } };

export type ReportCaseMutationVariables = Exact<{
  input: ReportCaseInput;
}>;


export type ReportCaseMutation = { reportCase: { replayed: boolean, case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, duplicateCandidates: Array<{ id: string, number: string }>, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type CasesQueryVariables = Exact<{
  filter?: CaseFilterInput | null | undefined;
  orderBy?: CaseOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CasesQuery = { cases: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null }> } };

export type CaseByNumberQueryVariables = Exact<{
  number: string;
}>;


export type CaseByNumberQuery = { caseByNumber: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null };

export type CaseTimelineQueryVariables = Exact<{
  number: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseTimelineQuery = { caseByNumber: { id: string, number: string, status: CaseStatus, timeline: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ action: CaseTimelineAction, fromStatus: CaseStatus | null, toStatus: CaseStatus, occurredAt: string, note: string | null, actorKind: string, actorRole: string | null, actor: { id: string, displayName: string } | null, department: { id: string, name: string } | null }> } } | null };

export type CaseQueueQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseQueueQuery = { caseQueue: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null }> } };

export type CaseIndicatorFieldsFragment = { reported: number, accepted: number, rejected: number, dispatched: number, resolved: number, closed: number, cancelled: number, open: number, overdueOpen: number, meanHandlingWorkMinutes: number | null, acceptanceRate: { numerator: number, denominator: number, rate: number | null }, onTimeClosureRate: { numerator: number, denominator: number, rate: number | null }, satisfactionRate: { numerator: number, denominator: number, rate: number | null } };

export type CaseStatsQueryVariables = Exact<{
  period: PeriodInput;
  scope?: CaseStatsScopeInput | null | undefined;
}>;


export type CaseStatsQuery = { caseStats: { from: string, to: string, totals: { reported: number, accepted: number, rejected: number, dispatched: number, resolved: number, closed: number, cancelled: number, open: number, overdueOpen: number, meanHandlingWorkMinutes: number | null, acceptanceRate: { numerator: number, denominator: number, rate: number | null }, onTimeClosureRate: { numerator: number, denominator: number, rate: number | null }, satisfactionRate: { numerator: number, denominator: number, rate: number | null } }, byGrid: Array<{ grid: { id: string, code: string, name: string } | null, indicators: { reported: number, accepted: number, rejected: number, dispatched: number, resolved: number, closed: number, cancelled: number, open: number, overdueOpen: number, meanHandlingWorkMinutes: number | null, acceptanceRate: { numerator: number, denominator: number, rate: number | null }, onTimeClosureRate: { numerator: number, denominator: number, rate: number | null }, satisfactionRate: { numerator: number, denominator: number, rate: number | null } } }>, byCategory: Array<{ category: { id: string, code: string, name: string }, indicators: { reported: number, accepted: number, rejected: number, dispatched: number, resolved: number, closed: number, cancelled: number, open: number, overdueOpen: number, meanHandlingWorkMinutes: number | null, acceptanceRate: { numerator: number, denominator: number, rate: number | null }, onTimeClosureRate: { numerator: number, denominator: number, rate: number | null }, satisfactionRate: { numerator: number, denominator: number, rate: number | null } } }>, byDepartment: Array<{ department: { id: string, name: string } | null, indicators: { reported: number, accepted: number, rejected: number, dispatched: number, resolved: number, closed: number, cancelled: number, open: number, overdueOpen: number, meanHandlingWorkMinutes: number | null, acceptanceRate: { numerator: number, denominator: number, rate: number | null }, onTimeClosureRate: { numerator: number, denominator: number, rate: number | null }, satisfactionRate: { numerator: number, denominator: number, rate: number | null } } }> } };

export type AcceptCaseMutationVariables = Exact<{
  input: AcceptCaseInput;
}>;


export type AcceptCaseMutation = { acceptCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RejectCaseMutationVariables = Exact<{
  input: CaseReasonInput;
}>;


export type RejectCaseMutation = { rejectCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DispatchCaseMutationVariables = Exact<{
  input: DispatchCaseInput;
}>;


export type DispatchCaseMutation = { dispatchCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ResolveCaseOnTheSpotMutationVariables = Exact<{
  input: ResolveCaseInput;
}>;


export type ResolveCaseOnTheSpotMutation = { resolveCaseOnTheSpot: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type AcknowledgeCaseMutationVariables = Exact<{
  input: CaseActionInput;
}>;


export type AcknowledgeCaseMutation = { acknowledgeCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type StartCaseMutationVariables = Exact<{
  input: CaseActionInput;
}>;


export type StartCaseMutation = { startCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ReturnCaseMutationVariables = Exact<{
  input: CaseReasonInput;
}>;


export type ReturnCaseMutation = { returnCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RequestCasePostponementMutationVariables = Exact<{
  input: RequestCasePostponementInput;
}>;


export type RequestCasePostponementMutation = { requestCasePostponement: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DecideCasePostponementMutationVariables = Exact<{
  input: DecideCasePostponementInput;
}>;


export type DecideCasePostponementMutation = { decideCasePostponement: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type SuspendCaseMutationVariables = Exact<{
  input: CaseReasonInput;
}>;


export type SuspendCaseMutation = { suspendCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ResumeCaseMutationVariables = Exact<{
  input: CaseActionInput;
}>;


export type ResumeCaseMutation = { resumeCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ResolveCaseMutationVariables = Exact<{
  input: ResolveCaseInput;
}>;


export type ResolveCaseMutation = { resolveCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type VerifyCaseMutationVariables = Exact<{
  input: VerifyCaseInput;
}>;


export type VerifyCaseMutation = { verifyCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RateCaseMutationVariables = Exact<{
  input: RateCaseInput;
}>;


export type RateCaseMutation = { rateCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type EscalateCaseMutationVariables = Exact<{
  input: CaseActionInput;
}>;


export type EscalateCaseMutation = { escalateCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ReassignCaseMutationVariables = Exact<{
  input: ReassignCaseInput;
}>;


export type ReassignCaseMutation = { reassignCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RecategorizeCaseMutationVariables = Exact<{
  input: RecategorizeCaseInput;
}>;


export type RecategorizeCaseMutation = { recategorizeCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type CancelCaseMutationVariables = Exact<{
  input: CaseReasonInput;
}>;


export type CancelCaseMutation = { cancelCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type ReopenCaseMutationVariables = Exact<{
  input: CaseReasonInput;
}>;


export type ReopenCaseMutation = { reopenCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type MergeCaseMutationVariables = Exact<{
  input: MergeCaseInput;
}>;


export type MergeCaseMutation = { mergeCase: { case: { id: string, number: string, title: string, status: CaseStatus, version: number, level: CaseLevel, urgency: Urgency, source: CaseSource, reportedAt: string, acceptDueAt: string, dueAt: string, isOverdue: boolean, closedAt: string | null, allowedActions: Array<CaseAction>, returnCount: number, reworkCount: number, postponeCount: number, reopenCount: number, suspendCount: number, rating: CaseRating | null, externalReference: string | null, category: { id: string, code: string, name: string }, grid: { id: string, code: string, name: string } | null, owner: { id: string, displayName: string } | null, departments: Array<{ state: CaseDepartmentState, dueAt: string, acknowledgedLate: boolean, department: { id: string, name: string } | null }>, pendingPostponement: { workMinutes: number, reason: string } | null, mergedInto: { id: string, number: string } | null } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type GridStaffFieldsFragment = { id: string, role: GridRole, startedOn: string, endedOn: string | null, person: { id: string, name: string } | null };

export type GridTreeQueryVariables = Exact<{
  streetId: string | number;
  level?: GridLevel | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GridTreeQuery = { grids: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, level: GridLevel, households: number | null, residents: number | null, staff: Array<{ id: string, role: GridRole, startedOn: string, endedOn: string | null, person: { id: string, name: string } | null }>, children: { totalCount: number, nodes: Array<{ id: string, code: string, name: string, level: GridLevel }> } }> } };

export type GridSubtreeQueryVariables = Exact<{
  code: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GridSubtreeQuery = { grid: { id: string, code: string, name: string, level: GridLevel, parent: { id: string, code: string } | null, ancestors: Array<{ id: string, code: string, level: GridLevel }>, staff: Array<{ id: string, role: GridRole, startedOn: string, endedOn: string | null, person: { id: string, name: string } | null }>, descendants: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, level: GridLevel, parent: { id: string } | null, staff: Array<{ id: string, role: GridRole, startedOn: string, endedOn: string | null, person: { id: string, name: string } | null }> }> } } | null };

export type CreateGridMutationVariables = Exact<{
  input: CreateGridInput;
}>;


export type CreateGridMutation = { createGrid: { grid: { id: string, code: string, name: string, level: GridLevel } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

type NodeSummary_Activity_Fragment = { __typename: 'Activity', title: string, id: string };

type NodeSummary_ApiKey_Fragment = { __typename: 'ApiKey', id: string };

type NodeSummary_AuditEntry_Fragment = { __typename: 'AuditEntry', id: string };

type NodeSummary_Brand_Fragment = { __typename: 'Brand', name: string, id: string };

type NodeSummary_Case_Fragment = { __typename: 'Case', number: string, id: string, caseStatus: CaseStatus };

type NodeSummary_CaseCategory_Fragment = { __typename: 'CaseCategory', id: string };

type NodeSummary_District_Fragment = { __typename: 'District', id: string };

type NodeSummary_Grid_Fragment = { __typename: 'Grid', code: string, name: string, level: GridLevel, id: string };

type NodeSummary_GridStaffAssignment_Fragment = { __typename: 'GridStaffAssignment', id: string };

type NodeSummary_JointActivity_Fragment = { __typename: 'JointActivity', id: string };

type NodeSummary_JointDeliberation_Fragment = { __typename: 'JointDeliberation', id: string };

type NodeSummary_JointDeliberationTask_Fragment = { __typename: 'JointDeliberationTask', id: string };

type NodeSummary_MoralEntry_Fragment = { __typename: 'MoralEntry', id: string };

type NodeSummary_MoralPassbook_Fragment = { __typename: 'MoralPassbook', id: string };

type NodeSummary_MoralReward_Fragment = { __typename: 'MoralReward', id: string };

type NodeSummary_Organization_Fragment = { __typename: 'Organization', name: string, kind: OrganizationKind, id: string };

type NodeSummary_OrganizationMember_Fragment = { __typename: 'OrganizationMember', id: string };

type NodeSummary_Person_Fragment = { __typename: 'Person', name: string, id: string };

type NodeSummary_ServicePost_Fragment = { __typename: 'ServicePost', id: string };

type NodeSummary_ServicePostClaim_Fragment = { __typename: 'ServicePostClaim', id: string };

type NodeSummary_ServiceRecord_Fragment = { __typename: 'ServiceRecord', id: string };

type NodeSummary_Street_Fragment = { __typename: 'Street', code: string, name: string, id: string };

type NodeSummary_User_Fragment = { __typename: 'User', id: string };

type NodeSummary_UserSession_Fragment = { __typename: 'UserSession', id: string };

type NodeSummary_Volunteer_Fragment = { __typename: 'Volunteer', name: string, id: string };

type NodeSummary_VolunteerRegistration_Fragment = { __typename: 'VolunteerRegistration', id: string };

type NodeSummary_VolunteerTeam_Fragment = { __typename: 'VolunteerTeam', id: string };

type NodeSummary_WebhookDelivery_Fragment = { __typename: 'WebhookDelivery', id: string };

type NodeSummary_WebhookEndpoint_Fragment = { __typename: 'WebhookEndpoint', url: string, id: string, endpointStatus: WebhookEndpointStatus };

type NodeSummary_Wish_Fragment = { __typename: 'Wish', id: string };

export type NodeSummaryFragment =
  | NodeSummary_Activity_Fragment
  | NodeSummary_ApiKey_Fragment
  | NodeSummary_AuditEntry_Fragment
  | NodeSummary_Brand_Fragment
  | NodeSummary_Case_Fragment
  | NodeSummary_CaseCategory_Fragment
  | NodeSummary_District_Fragment
  | NodeSummary_Grid_Fragment
  | NodeSummary_GridStaffAssignment_Fragment
  | NodeSummary_JointActivity_Fragment
  | NodeSummary_JointDeliberation_Fragment
  | NodeSummary_JointDeliberationTask_Fragment
  | NodeSummary_MoralEntry_Fragment
  | NodeSummary_MoralPassbook_Fragment
  | NodeSummary_MoralReward_Fragment
  | NodeSummary_Organization_Fragment
  | NodeSummary_OrganizationMember_Fragment
  | NodeSummary_Person_Fragment
  | NodeSummary_ServicePost_Fragment
  | NodeSummary_ServicePostClaim_Fragment
  | NodeSummary_ServiceRecord_Fragment
  | NodeSummary_Street_Fragment
  | NodeSummary_User_Fragment
  | NodeSummary_UserSession_Fragment
  | NodeSummary_Volunteer_Fragment
  | NodeSummary_VolunteerRegistration_Fragment
  | NodeSummary_VolunteerTeam_Fragment
  | NodeSummary_WebhookDelivery_Fragment
  | NodeSummary_WebhookEndpoint_Fragment
  | NodeSummary_Wish_Fragment
;

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'Activity', title: string, id: string }
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'AuditEntry', id: string }
    | { __typename: 'Brand', name: string, id: string }
    | { __typename: 'Case', number: string, id: string, caseStatus: CaseStatus }
    | { __typename: 'CaseCategory', id: string }
    | { __typename: 'District', id: string }
    | { __typename: 'Grid', code: string, name: string, level: GridLevel, id: string }
    | { __typename: 'GridStaffAssignment', id: string }
    | { __typename: 'JointActivity', id: string }
    | { __typename: 'JointDeliberation', id: string }
    | { __typename: 'JointDeliberationTask', id: string }
    | { __typename: 'MoralEntry', id: string }
    | { __typename: 'MoralPassbook', id: string }
    | { __typename: 'MoralReward', id: string }
    | { __typename: 'Organization', name: string, kind: OrganizationKind, id: string }
    | { __typename: 'OrganizationMember', id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'ServicePost', id: string }
    | { __typename: 'ServicePostClaim', id: string }
    | { __typename: 'ServiceRecord', id: string }
    | { __typename: 'Street', code: string, name: string, id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'UserSession', id: string }
    | { __typename: 'Volunteer', name: string, id: string }
    | { __typename: 'VolunteerRegistration', id: string }
    | { __typename: 'VolunteerTeam', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookEndpoint', url: string, id: string, endpointStatus: WebhookEndpointStatus }
    | { __typename: 'Wish', id: string }
   | null };

export type NodesQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodesQuery = { nodes: Array<
    | { __typename: 'Activity', title: string, id: string }
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'AuditEntry', id: string }
    | { __typename: 'Brand', name: string, id: string }
    | { __typename: 'Case', number: string, id: string, caseStatus: CaseStatus }
    | { __typename: 'CaseCategory', id: string }
    | { __typename: 'District', id: string }
    | { __typename: 'Grid', code: string, name: string, level: GridLevel, id: string }
    | { __typename: 'GridStaffAssignment', id: string }
    | { __typename: 'JointActivity', id: string }
    | { __typename: 'JointDeliberation', id: string }
    | { __typename: 'JointDeliberationTask', id: string }
    | { __typename: 'MoralEntry', id: string }
    | { __typename: 'MoralPassbook', id: string }
    | { __typename: 'MoralReward', id: string }
    | { __typename: 'Organization', name: string, kind: OrganizationKind, id: string }
    | { __typename: 'OrganizationMember', id: string }
    | { __typename: 'Person', name: string, id: string }
    | { __typename: 'ServicePost', id: string }
    | { __typename: 'ServicePostClaim', id: string }
    | { __typename: 'ServiceRecord', id: string }
    | { __typename: 'Street', code: string, name: string, id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'UserSession', id: string }
    | { __typename: 'Volunteer', name: string, id: string }
    | { __typename: 'VolunteerRegistration', id: string }
    | { __typename: 'VolunteerTeam', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookEndpoint', url: string, id: string, endpointStatus: WebhookEndpointStatus }
    | { __typename: 'Wish', id: string }
   | null> };

export type OrganizationFieldsFragment = { id: string, code: string | null, name: string, kind: OrganizationKind, foundedOn: string | null, parent: { id: string } | null };

export type OrganizationTreeQueryVariables = Exact<{
  streetId: string | number;
  parentId?: string | number | null | undefined;
  kinds?: Array<OrganizationKind> | OrganizationKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationTreeQuery = { organizations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string | null, name: string, kind: OrganizationKind, foundedOn: string | null, grids: Array<{ id: string, code: string }>, children: { totalCount: number, nodes: Array<{ id: string, code: string | null, name: string, kind: OrganizationKind, foundedOn: string | null, parent: { id: string } | null }> }, parent: { id: string } | null }> } };

export type OrganizationSubtreeQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationSubtreeQuery = { organizations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string | null, name: string, kind: OrganizationKind, foundedOn: string | null, ancestors: Array<{ id: string }>, parent: { id: string } | null }> } };

export type PeopleByGridQueryVariables = Exact<{
  gridId: string | number;
  roles?: Array<PersonRole> | PersonRole | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PeopleByGridQuery = { people: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, gender: Gender | null, birthYear: number | null, roles: Array<PersonRole>, homeGrid: { id: string, code: string, name: string } | null, gridAssignments: Array<{ role: GridRole, grid: { id: string, code: string } }> }> } };

export type StreetsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StreetsQuery = { streets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, district: { code: string, name: string } }> } };

export type StreetQueryVariables = Exact<{
  code: string;
}>;


export type StreetQuery = { street: { id: string, code: string, name: string, archived: boolean, district: { code: string, name: string } } | null };

export type LiveCaseEventFragment = { cursor: string, eventId: string, type: string, from: CaseStatus | null, to: CaseStatus, version: number, occurredAt: string, case: { id: string, number: string, title: string, status: CaseStatus, urgency: Urgency, dueAt: string, isOverdue: boolean, grid: { id: string, name: string } | null } };

export type CaseEventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
  filter?: CaseSubscriptionFilter | null | undefined;
}>;


export type CaseEventsSubscription = { caseEvents: { cursor: string, eventId: string, type: string, from: CaseStatus | null, to: CaseStatus, version: number, occurredAt: string, case: { id: string, number: string, title: string, status: CaseStatus, urgency: Urgency, dueAt: string, isOverdue: boolean, grid: { id: string, name: string } | null } } };

export type CaseUpdatedSubscriptionVariables = Exact<{
  filter?: CaseSubscriptionFilter | null | undefined;
}>;


export type CaseUpdatedSubscription = { caseUpdated: { cursor: string, eventId: string, type: string, from: CaseStatus | null, to: CaseStatus, version: number, occurredAt: string, case: { id: string, number: string, title: string, status: CaseStatus, urgency: Urgency, dueAt: string, isOverdue: boolean, grid: { id: string, name: string } | null } } };

export type EventsSubscriptionVariables = Exact<{
  after?: string | null | undefined;
  types?: Array<string> | string | null | undefined;
}>;


export type EventsSubscription = { events: { cursor: string, eventId: string, type: string, occurredAt: string, streetId: string | null, subjectType: string, subjectId: string, payload: Record<string, unknown> } };

export type VolunteersQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  teamId?: string | number | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type VolunteersQuery = { volunteers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, joinedOn: string, skills: Array<string>, teams: Array<{ id: string, name: string }>, totals: { recordCount: number, hours: number, peopleServed: number } }> } };

export type VolunteerTeamsQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type VolunteerTeamsQuery = { volunteerTeams: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, memberCount: number, organization: { id: string, name: string } | null, members: { totalCount: number, nodes: Array<{ id: string, name: string }> } }> } };

export type ServicePostsQueryVariables = Exact<{
  streetId?: string | number | null | undefined;
  kind?: ServicePostKind | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ServicePostsQuery = { servicePosts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, kind: ServicePostKind, capacity: number | null, claimCount: number, openPlaces: number | null, claims: Array<{ active: boolean, claimedOn: string, volunteer: { id: string, name: string } | null }> }> } };

export type ServiceRecordsQueryVariables = Exact<{
  filter?: ServiceRecordFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ServiceRecordsQuery = { serviceRecords: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, servedOn: string, hours: number, peopleServed: number, description: string, confirmed: boolean, counted: boolean, volunteer: { id: string, name: string } | null, post: { id: string, name: string } | null }> } };

export type WebhookEndpointFieldsFragment = { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } };

export type WebhookDeliveryFieldsFragment = { id: string, deliveryId: string, eventId: string, eventType: string, eventCursor: string, status: WebhookDeliveryStatus, attemptCount: number, lastStatusCode: number | null, lastError: string | null, nextAttemptAt: string | null, deliveredAt: string | null, redeliveryOf: { id: string } | null, attempts: Array<{ number: number, statusCode: number | null, error: string | null, succeeded: boolean, durationMs: number }> };

export type WebhookEventTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEventTypesQuery = { webhookEventTypes: Array<{ name: string, subject: string, description: string }> };

export type WebhookEndpointsQueryVariables = Exact<{
  filter?: WebhookEndpointFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } }> } };

export type WebhookDeliveriesQueryVariables = Exact<{
  endpointId: string | number;
  filter?: WebhookDeliveryFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookDeliveriesQuery = { node:
    | { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, deliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, deliveryId: string, eventId: string, eventType: string, eventCursor: string, status: WebhookDeliveryStatus, attemptCount: number, lastStatusCode: number | null, lastError: string | null, nextAttemptAt: string | null, deliveredAt: string | null, redeliveryOf: { id: string } | null, attempts: Array<{ number: number, statusCode: number | null, error: string | null, succeeded: boolean, durationMs: number }> }> }, street: { id: string, code: string } }
    | Record<PropertyKey, never>
   | null };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string | null, endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint: { endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RotateWebhookEndpointSecretMutationVariables = Exact<{
  input: RotateWebhookEndpointSecretInput;
}>;


export type RotateWebhookEndpointSecretMutation = { rotateWebhookEndpointSecret: { secret: string | null, endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DisableWebhookEndpointMutationVariables = Exact<{
  input: DisableWebhookEndpointInput;
}>;


export type DisableWebhookEndpointMutation = { disableWebhookEndpoint: { endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type EnableWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointIdInput;
}>;


export type EnableWebhookEndpointMutation = { enableWebhookEndpoint: { endpoint: { id: string, url: string, description: string | null, eventTypes: Array<string>, status: WebhookEndpointStatus, secretHint: string, previousSecretExpiresAt: string | null, disabledAt: string | null, disabledCause: WebhookDisableCause | null, disabledReason: string | null, consecutiveFailures: number, lastSuccessAt: string | null, lastFailureAt: string | null, createdAt: string, street: { id: string, code: string } } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointIdInput;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { deletedEndpointId: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RedeliverWebhookDeliveryMutationVariables = Exact<{
  input: RedeliverWebhookDeliveryInput;
}>;


export type RedeliverWebhookDeliveryMutation = { redeliverWebhookDelivery: { delivery: { id: string, deliveryId: string, eventId: string, eventType: string, eventCursor: string, status: WebhookDeliveryStatus, attemptCount: number, lastStatusCode: number | null, lastError: string | null, nextAttemptAt: string | null, deliveredAt: string | null, redeliveryOf: { id: string } | null, attempts: Array<{ number: number, statusCode: number | null, error: string | null, succeeded: boolean, durationMs: number }> } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SessionFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment SessionFields on UserSession {
  id
  current
  active
  device
  createdAt
  lastUsedAt
  endedAt
  endedReason
}
    `, {"fragmentName":"SessionFields"}) as unknown as TypedDocumentString<SessionFieldsFragment, unknown>;
export const BoardCaseCardFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment BoardCaseCard on Case {
  id
  number
  title
  status
  version
  urgency
  isOverdue
  dueAt
  reportedAt
  address
  grid {
    id
    code
    name
  }
  category {
    name
  }
}
    `, {"fragmentName":"BoardCaseCard"}) as unknown as TypedDocumentString<BoardCaseCardFragment, unknown>;
export const CaseFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
    `, {"fragmentName":"CaseFields"}) as unknown as TypedDocumentString<CaseFieldsFragment, unknown>;
export const UserErrorFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment UserErrorFields on UserError {
  field
  message
  code
}
    `, {"fragmentName":"UserErrorFields"}) as unknown as TypedDocumentString<UserErrorFieldsFragment, unknown>;
export const CaseResultFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}`, {"fragmentName":"CaseResult"}) as unknown as TypedDocumentString<CaseResultFragment, unknown>;
export const CaseIndicatorFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment CaseIndicatorFields on CaseIndicators {
  reported
  accepted
  rejected
  dispatched
  resolved
  closed
  cancelled
  open
  overdueOpen
  meanHandlingWorkMinutes
  acceptanceRate {
    numerator
    denominator
    rate
  }
  onTimeClosureRate {
    numerator
    denominator
    rate
  }
  satisfactionRate {
    numerator
    denominator
    rate
  }
}
    `, {"fragmentName":"CaseIndicatorFields"}) as unknown as TypedDocumentString<CaseIndicatorFieldsFragment, unknown>;
export const GridStaffFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment GridStaffFields on GridStaffAssignment {
  id
  role
  startedOn
  endedOn
  person {
    id
    name
  }
}
    `, {"fragmentName":"GridStaffFields"}) as unknown as TypedDocumentString<GridStaffFieldsFragment, unknown>;
export const NodeSummaryFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment NodeSummary on Node {
  id
  __typename
  ... on Street {
    code
    name
  }
  ... on Grid {
    code
    name
    level
  }
  ... on Organization {
    name
    kind
  }
  ... on Person {
    name
  }
  ... on Volunteer {
    name
  }
  ... on Brand {
    name
  }
  ... on Activity {
    title
  }
  ... on Case {
    number
    caseStatus: status
  }
  ... on WebhookEndpoint {
    url
    endpointStatus: status
  }
}
    `, {"fragmentName":"NodeSummary"}) as unknown as TypedDocumentString<NodeSummaryFragment, unknown>;
export const OrganizationFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment OrganizationFields on Organization {
  id
  code
  name
  kind
  foundedOn
  parent {
    id
  }
}
    `, {"fragmentName":"OrganizationFields"}) as unknown as TypedDocumentString<OrganizationFieldsFragment, unknown>;
export const LiveCaseEventFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment LiveCaseEvent on CaseEvent {
  cursor
  eventId
  type
  from
  to
  version
  occurredAt
  case {
    id
    number
    title
    status
    urgency
    dueAt
    isOverdue
    grid {
      id
      name
    }
  }
}
    `, {"fragmentName":"LiveCaseEvent"}) as unknown as TypedDocumentString<LiveCaseEventFragment, unknown>;
export const WebhookEndpointFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}
    `, {"fragmentName":"WebhookEndpointFields"}) as unknown as TypedDocumentString<WebhookEndpointFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = /*#__PURE__*/ new TypedDocumentString(`
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  deliveryId
  eventId
  eventType
  eventCursor
  status
  attemptCount
  lastStatusCode
  lastError
  nextAttemptAt
  deliveredAt
  redeliveryOf {
    id
  }
  attempts {
    number
    statusCode
    error
    succeeded
    durationMs
  }
}
    `, {"fragmentName":"WebhookDeliveryFields"}) as unknown as TypedDocumentString<WebhookDeliveryFieldsFragment, unknown>;
export const LoginDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    user {
      id
      username
      displayName
      role
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshAccessTokenDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RefreshAccessToken($refreshToken: String!) {
  refreshAccessToken(input: {refreshToken: $refreshToken}) {
    accessToken
    accessTokenExpiresAt
    refreshToken
    refreshTokenExpiresAt
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshAccessTokenMutation, RefreshAccessTokenMutationVariables>;
export const LogoutDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation Logout($refreshToken: String!) {
  logout(input: {refreshToken: $refreshToken}) {
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const SignOutEverywhereDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SignOutEverywhere {
  signOutEverywhere {
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<SignOutEverywhereMutation, SignOutEverywhereMutationVariables>;
export const EndSessionDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EndSession($id: ID!) {
  endSession(input: {id: $id}) {
    session {
      ...SessionFields
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment SessionFields on UserSession {
  id
  current
  active
  device
  createdAt
  lastUsedAt
  endedAt
  endedReason
}`) as unknown as TypedDocumentString<EndSessionMutation, EndSessionMutationVariables>;
export const ViewerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Viewer {
  viewer {
    authenticated
    kind
    role
    allStreets
    scopes
    streets {
      id
      code
      name
    }
    user {
      id
      username
      displayName
      role
      caseDuties
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const MySessionsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query MySessions($includeEnded: Boolean! = false) {
  viewer {
    user {
      id
      sessions(includeEnded: $includeEnded) {
        ...SessionFields
      }
    }
  }
}
    fragment SessionFields on UserSession {
  id
  current
  active
  device
  createdAt
  lastUsedAt
  endedAt
  endedReason
}`) as unknown as TypedDocumentString<MySessionsQuery, MySessionsQueryVariables>;
export const BoardViewerDocument = /*#__PURE__*/ new TypedDocumentString(`
    query BoardViewer {
  viewer {
    role
    allStreets
    user {
      displayName
    }
    streets {
      id
      name
    }
  }
  streets(first: 100) {
    nodes {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<BoardViewerQuery, BoardViewerQueryVariables>;
export const BoardStreamCursorDocument = /*#__PURE__*/ new TypedDocumentString(`
    query BoardStreamCursor {
  eventStreamCursor
}
    `) as unknown as TypedDocumentString<BoardStreamCursorQuery, BoardStreamCursorQueryVariables>;
export const BoardOpenCasesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query BoardOpenCases($streetId: ID!, $statuses: [CaseStatus!]!, $first: Int = 100, $after: String) {
  cases(
    first: $first
    after: $after
    filter: {streetId: $streetId, statuses: $statuses}
    orderBy: {field: DUE_AT}
  ) {
    nodes {
      ...BoardCaseCard
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment BoardCaseCard on Case {
  id
  number
  title
  status
  version
  urgency
  isOverdue
  dueAt
  reportedAt
  address
  grid {
    id
    code
    name
  }
  category {
    name
  }
}`) as unknown as TypedDocumentString<BoardOpenCasesQuery, BoardOpenCasesQueryVariables>;
export const BoardDayStatsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query BoardDayStats($streetId: ID!, $from: DateTime!, $to: DateTime!) {
  caseStats(period: {from: $from, to: $to}, scope: {streetId: $streetId}) {
    totals {
      reported
      accepted
      dispatched
      resolved
      closed
      overdueOpen
      acceptanceRate {
        rate
      }
      onTimeClosureRate {
        rate
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BoardDayStatsQuery, BoardDayStatsQueryVariables>;
export const BoardCaseEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription BoardCaseEvents($after: String, $streetId: ID!) {
  caseEvents(after: $after, filter: {streetIds: [$streetId]}) {
    cursor
    type
    from
    to
    case {
      ...BoardCaseCard
    }
  }
}
    fragment BoardCaseCard on Case {
  id
  number
  title
  status
  version
  urgency
  isOverdue
  dueAt
  reportedAt
  address
  grid {
    id
    code
    name
  }
  category {
    name
  }
}`) as unknown as TypedDocumentString<BoardCaseEventsSubscription, BoardCaseEventsSubscriptionVariables>;
export const BrandsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Brands($streetId: ID, $rootsOnly: Boolean, $first: Int, $after: String) {
  brands(
    first: $first
    after: $after
    filter: {streetId: $streetId, rootsOnly: $rootsOnly}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      slogan
      isPrimary
      owner {
        id
        name
      }
      children(first: 100) {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BrandsQuery, BrandsQueryVariables>;
export const ActivitiesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Activities($filter: ActivityFilterInput, $first: Int, $after: String) {
  activities(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      title
      kind
      startsAt
      endsAt
      place
      participantCount
      brand {
        id
        name
      }
      organization {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ActivitiesQuery, ActivitiesQueryVariables>;
export const CaseCategoriesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CaseCategories($streetId: ID, $search: String, $first: Int, $after: String) {
  caseCategories(
    first: $first
    after: $after
    filter: {streetId: $streetId, search: $search}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      code
      name
      major
      parent {
        id
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseCategoriesQuery, CaseCategoriesQueryVariables>;
export const ReportCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ReportCase($input: ReportCaseInput!) {
  reportCase(input: $input) {
    case {
      ...CaseFields
    }
    replayed
    duplicateCandidates {
      id
      number
    }
    userErrors {
      ...UserErrorFields
    }
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}`) as unknown as TypedDocumentString<ReportCaseMutation, ReportCaseMutationVariables>;
export const CasesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Cases($filter: CaseFilterInput, $orderBy: CaseOrder, $first: Int, $after: String) {
  cases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...CaseFields
    }
  }
}
    fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}`) as unknown as TypedDocumentString<CasesQuery, CasesQueryVariables>;
export const CaseByNumberDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CaseByNumber($number: String!) {
  caseByNumber(number: $number) {
    ...CaseFields
  }
}
    fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}`) as unknown as TypedDocumentString<CaseByNumberQuery, CaseByNumberQueryVariables>;
export const CaseTimelineDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CaseTimeline($number: String!, $first: Int, $after: String) {
  caseByNumber(number: $number) {
    id
    number
    status
    timeline(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        action
        fromStatus
        toStatus
        occurredAt
        note
        actorKind
        actorRole
        actor {
          id
          displayName
        }
        department {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CaseTimelineQuery, CaseTimelineQueryVariables>;
export const CaseQueueDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CaseQueue($streetId: ID, $first: Int, $after: String) {
  caseQueue(first: $first, after: $after, streetId: $streetId) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...CaseFields
    }
  }
}
    fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}`) as unknown as TypedDocumentString<CaseQueueQuery, CaseQueueQueryVariables>;
export const CaseStatsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query CaseStats($period: PeriodInput!, $scope: CaseStatsScopeInput) {
  caseStats(period: $period, scope: $scope) {
    from
    to
    totals {
      ...CaseIndicatorFields
    }
    byGrid {
      grid {
        id
        code
        name
      }
      indicators {
        ...CaseIndicatorFields
      }
    }
    byCategory {
      category {
        id
        code
        name
      }
      indicators {
        ...CaseIndicatorFields
      }
    }
    byDepartment {
      department {
        id
        name
      }
      indicators {
        ...CaseIndicatorFields
      }
    }
  }
}
    fragment CaseIndicatorFields on CaseIndicators {
  reported
  accepted
  rejected
  dispatched
  resolved
  closed
  cancelled
  open
  overdueOpen
  meanHandlingWorkMinutes
  acceptanceRate {
    numerator
    denominator
    rate
  }
  onTimeClosureRate {
    numerator
    denominator
    rate
  }
  satisfactionRate {
    numerator
    denominator
    rate
  }
}`) as unknown as TypedDocumentString<CaseStatsQuery, CaseStatsQueryVariables>;
export const AcceptCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation AcceptCase($input: AcceptCaseInput!) {
  acceptCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<AcceptCaseMutation, AcceptCaseMutationVariables>;
export const RejectCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RejectCase($input: CaseReasonInput!) {
  rejectCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<RejectCaseMutation, RejectCaseMutationVariables>;
export const DispatchCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DispatchCase($input: DispatchCaseInput!) {
  dispatchCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<DispatchCaseMutation, DispatchCaseMutationVariables>;
export const ResolveCaseOnTheSpotDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ResolveCaseOnTheSpot($input: ResolveCaseInput!) {
  resolveCaseOnTheSpot(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ResolveCaseOnTheSpotMutation, ResolveCaseOnTheSpotMutationVariables>;
export const AcknowledgeCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation AcknowledgeCase($input: CaseActionInput!) {
  acknowledgeCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<AcknowledgeCaseMutation, AcknowledgeCaseMutationVariables>;
export const StartCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation StartCase($input: CaseActionInput!) {
  startCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<StartCaseMutation, StartCaseMutationVariables>;
export const ReturnCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ReturnCase($input: CaseReasonInput!) {
  returnCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ReturnCaseMutation, ReturnCaseMutationVariables>;
export const RequestCasePostponementDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RequestCasePostponement($input: RequestCasePostponementInput!) {
  requestCasePostponement(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<RequestCasePostponementMutation, RequestCasePostponementMutationVariables>;
export const DecideCasePostponementDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DecideCasePostponement($input: DecideCasePostponementInput!) {
  decideCasePostponement(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<DecideCasePostponementMutation, DecideCasePostponementMutationVariables>;
export const SuspendCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation SuspendCase($input: CaseReasonInput!) {
  suspendCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<SuspendCaseMutation, SuspendCaseMutationVariables>;
export const ResumeCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ResumeCase($input: CaseActionInput!) {
  resumeCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ResumeCaseMutation, ResumeCaseMutationVariables>;
export const ResolveCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ResolveCase($input: ResolveCaseInput!) {
  resolveCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ResolveCaseMutation, ResolveCaseMutationVariables>;
export const VerifyCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation VerifyCase($input: VerifyCaseInput!) {
  verifyCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<VerifyCaseMutation, VerifyCaseMutationVariables>;
export const RateCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RateCase($input: RateCaseInput!) {
  rateCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<RateCaseMutation, RateCaseMutationVariables>;
export const EscalateCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EscalateCase($input: CaseActionInput!) {
  escalateCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<EscalateCaseMutation, EscalateCaseMutationVariables>;
export const ReassignCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ReassignCase($input: ReassignCaseInput!) {
  reassignCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ReassignCaseMutation, ReassignCaseMutationVariables>;
export const RecategorizeCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RecategorizeCase($input: RecategorizeCaseInput!) {
  recategorizeCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<RecategorizeCaseMutation, RecategorizeCaseMutationVariables>;
export const CancelCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation CancelCase($input: CaseReasonInput!) {
  cancelCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<CancelCaseMutation, CancelCaseMutationVariables>;
export const ReopenCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation ReopenCase($input: CaseReasonInput!) {
  reopenCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<ReopenCaseMutation, ReopenCaseMutationVariables>;
export const MergeCaseDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation MergeCase($input: MergeCaseInput!) {
  mergeCase(input: $input) {
    ...CaseResult
  }
}
    fragment UserErrorFields on UserError {
  field
  message
  code
}
fragment CaseFields on Case {
  id
  number
  title
  status
  version
  level
  urgency
  source
  reportedAt
  acceptDueAt
  dueAt
  isOverdue
  closedAt
  allowedActions
  returnCount
  reworkCount
  postponeCount
  reopenCount
  suspendCount
  rating
  externalReference
  category {
    id
    code
    name
  }
  grid {
    id
    code
    name
  }
  owner {
    id
    displayName
  }
  departments {
    state
    dueAt
    acknowledgedLate
    department {
      id
      name
    }
  }
  pendingPostponement {
    workMinutes
    reason
  }
  mergedInto {
    id
    number
  }
}
fragment CaseResult on CasePayload {
  case {
    ...CaseFields
  }
  userErrors {
    ...UserErrorFields
  }
}`) as unknown as TypedDocumentString<MergeCaseMutation, MergeCaseMutationVariables>;
export const GridTreeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query GridTree($streetId: ID!, $level: GridLevel, $first: Int, $after: String) {
  grids(
    first: $first
    after: $after
    filter: {streetId: $streetId, level: $level}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      code
      name
      level
      households
      residents
      staff {
        ...GridStaffFields
      }
      children(first: 100) {
        totalCount
        nodes {
          id
          code
          name
          level
        }
      }
    }
  }
}
    fragment GridStaffFields on GridStaffAssignment {
  id
  role
  startedOn
  endedOn
  person {
    id
    name
  }
}`) as unknown as TypedDocumentString<GridTreeQuery, GridTreeQueryVariables>;
export const GridSubtreeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query GridSubtree($code: String!, $first: Int, $after: String) {
  grid(code: $code) {
    id
    code
    name
    level
    parent {
      id
      code
    }
    ancestors {
      id
      code
      level
    }
    staff {
      ...GridStaffFields
    }
    descendants(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        name
        level
        parent {
          id
        }
        staff {
          ...GridStaffFields
        }
      }
    }
  }
}
    fragment GridStaffFields on GridStaffAssignment {
  id
  role
  startedOn
  endedOn
  person {
    id
    name
  }
}`) as unknown as TypedDocumentString<GridSubtreeQuery, GridSubtreeQueryVariables>;
export const CreateGridDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation CreateGrid($input: CreateGridInput!) {
  createGrid(input: $input) {
    grid {
      id
      code
      name
      level
    }
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<CreateGridMutation, CreateGridMutationVariables>;
export const NodeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Node($id: ID!) {
  node(id: $id) {
    ...NodeSummary
  }
}
    fragment NodeSummary on Node {
  id
  __typename
  ... on Street {
    code
    name
  }
  ... on Grid {
    code
    name
    level
  }
  ... on Organization {
    name
    kind
  }
  ... on Person {
    name
  }
  ... on Volunteer {
    name
  }
  ... on Brand {
    name
  }
  ... on Activity {
    title
  }
  ... on Case {
    number
    caseStatus: status
  }
  ... on WebhookEndpoint {
    url
    endpointStatus: status
  }
}`) as unknown as TypedDocumentString<NodeQuery, NodeQueryVariables>;
export const NodesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    ...NodeSummary
  }
}
    fragment NodeSummary on Node {
  id
  __typename
  ... on Street {
    code
    name
  }
  ... on Grid {
    code
    name
    level
  }
  ... on Organization {
    name
    kind
  }
  ... on Person {
    name
  }
  ... on Volunteer {
    name
  }
  ... on Brand {
    name
  }
  ... on Activity {
    title
  }
  ... on Case {
    number
    caseStatus: status
  }
  ... on WebhookEndpoint {
    url
    endpointStatus: status
  }
}`) as unknown as TypedDocumentString<NodesQuery, NodesQueryVariables>;
export const OrganizationTreeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OrganizationTree($streetId: ID!, $parentId: ID, $kinds: [OrganizationKind!], $first: Int, $after: String) {
  organizations(
    first: $first
    after: $after
    filter: {streetId: $streetId, parentId: $parentId, kinds: $kinds}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...OrganizationFields
      grids {
        id
        code
      }
      children(first: 100) {
        totalCount
        nodes {
          ...OrganizationFields
        }
      }
    }
  }
}
    fragment OrganizationFields on Organization {
  id
  code
  name
  kind
  foundedOn
  parent {
    id
  }
}`) as unknown as TypedDocumentString<OrganizationTreeQuery, OrganizationTreeQueryVariables>;
export const OrganizationSubtreeDocument = /*#__PURE__*/ new TypedDocumentString(`
    query OrganizationSubtree($id: ID!, $first: Int, $after: String) {
  organizations(first: $first, after: $after, filter: {subtreeOf: $id}) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...OrganizationFields
      ancestors {
        id
      }
    }
  }
}
    fragment OrganizationFields on Organization {
  id
  code
  name
  kind
  foundedOn
  parent {
    id
  }
}`) as unknown as TypedDocumentString<OrganizationSubtreeQuery, OrganizationSubtreeQueryVariables>;
export const PeopleByGridDocument = /*#__PURE__*/ new TypedDocumentString(`
    query PeopleByGrid($gridId: ID!, $roles: [PersonRole!], $search: String, $first: Int, $after: String) {
  people(
    first: $first
    after: $after
    filter: {gridId: $gridId, roles: $roles, search: $search}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      gender
      birthYear
      roles
      homeGrid {
        id
        code
        name
      }
      gridAssignments {
        role
        grid {
          id
          code
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PeopleByGridQuery, PeopleByGridQueryVariables>;
export const StreetsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Streets($first: Int, $after: String) {
  streets(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      code
      name
      district {
        code
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StreetsQuery, StreetsQueryVariables>;
export const StreetDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Street($code: String!) {
  street(code: $code) {
    id
    code
    name
    archived
    district {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<StreetQuery, StreetQueryVariables>;
export const CaseEventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription CaseEvents($after: String, $filter: CaseSubscriptionFilter) {
  caseEvents(after: $after, filter: $filter) {
    ...LiveCaseEvent
  }
}
    fragment LiveCaseEvent on CaseEvent {
  cursor
  eventId
  type
  from
  to
  version
  occurredAt
  case {
    id
    number
    title
    status
    urgency
    dueAt
    isOverdue
    grid {
      id
      name
    }
  }
}`) as unknown as TypedDocumentString<CaseEventsSubscription, CaseEventsSubscriptionVariables>;
export const CaseUpdatedDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription CaseUpdated($filter: CaseSubscriptionFilter) {
  caseUpdated(filter: $filter) {
    ...LiveCaseEvent
  }
}
    fragment LiveCaseEvent on CaseEvent {
  cursor
  eventId
  type
  from
  to
  version
  occurredAt
  case {
    id
    number
    title
    status
    urgency
    dueAt
    isOverdue
    grid {
      id
      name
    }
  }
}`) as unknown as TypedDocumentString<CaseUpdatedSubscription, CaseUpdatedSubscriptionVariables>;
export const EventsDocument = /*#__PURE__*/ new TypedDocumentString(`
    subscription Events($after: String, $types: [String!]) {
  events(after: $after, types: $types) {
    cursor
    eventId
    type
    occurredAt
    streetId
    subjectType
    subjectId
    payload
  }
}
    `) as unknown as TypedDocumentString<EventsSubscription, EventsSubscriptionVariables>;
export const VolunteersDocument = /*#__PURE__*/ new TypedDocumentString(`
    query Volunteers($streetId: ID, $teamId: ID, $search: String, $first: Int, $after: String) {
  volunteers(
    first: $first
    after: $after
    filter: {streetId: $streetId, teamId: $teamId, search: $search}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      joinedOn
      skills
      teams {
        id
        name
      }
      totals {
        recordCount
        hours
        peopleServed
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VolunteersQuery, VolunteersQueryVariables>;
export const VolunteerTeamsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query VolunteerTeams($streetId: ID, $first: Int, $after: String) {
  volunteerTeams(first: $first, after: $after, filter: {streetId: $streetId}) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      memberCount
      organization {
        id
        name
      }
      members(first: 100) {
        totalCount
        nodes {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VolunteerTeamsQuery, VolunteerTeamsQueryVariables>;
export const ServicePostsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ServicePosts($streetId: ID, $kind: ServicePostKind, $first: Int, $after: String) {
  servicePosts(
    first: $first
    after: $after
    filter: {streetId: $streetId, kind: $kind}
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      name
      kind
      capacity
      claimCount
      openPlaces
      claims {
        active
        claimedOn
        volunteer {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ServicePostsQuery, ServicePostsQueryVariables>;
export const ServiceRecordsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query ServiceRecords($filter: ServiceRecordFilterInput, $first: Int, $after: String) {
  serviceRecords(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      servedOn
      hours
      peopleServed
      description
      confirmed
      counted
      volunteer {
        id
        name
      }
      post {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ServiceRecordsQuery, ServiceRecordsQueryVariables>;
export const WebhookEventTypesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebhookEventTypes {
  webhookEventTypes {
    name
    subject
    description
  }
}
    `) as unknown as TypedDocumentString<WebhookEventTypesQuery, WebhookEventTypesQueryVariables>;
export const WebhookEndpointsDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebhookEndpoints($filter: WebhookEndpointFilterInput, $first: Int, $after: String) {
  webhookEndpoints(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...WebhookEndpointFields
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const WebhookDeliveriesDocument = /*#__PURE__*/ new TypedDocumentString(`
    query WebhookDeliveries($endpointId: ID!, $filter: WebhookDeliveryFilterInput, $first: Int, $after: String) {
  node(id: $endpointId) {
    ... on WebhookEndpoint {
      ...WebhookEndpointFields
      deliveries(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...WebhookDeliveryFields
        }
      }
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}
fragment WebhookDeliveryFields on WebhookDelivery {
  id
  deliveryId
  eventId
  eventType
  eventCursor
  status
  attemptCount
  lastStatusCode
  lastError
  nextAttemptAt
  deliveredAt
  redeliveryOf {
    id
  }
  attempts {
    number
    statusCode
    error
    succeeded
    durationMs
  }
}`) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const CreateWebhookEndpointDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    secret
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const RotateWebhookEndpointSecretDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RotateWebhookEndpointSecret($input: RotateWebhookEndpointSecretInput!) {
  rotateWebhookEndpointSecret(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    secret
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<RotateWebhookEndpointSecretMutation, RotateWebhookEndpointSecretMutationVariables>;
export const DisableWebhookEndpointDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DisableWebhookEndpoint($input: DisableWebhookEndpointInput!) {
  disableWebhookEndpoint(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<DisableWebhookEndpointMutation, DisableWebhookEndpointMutationVariables>;
export const EnableWebhookEndpointDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation EnableWebhookEndpoint($input: WebhookEndpointIdInput!) {
  enableWebhookEndpoint(input: $input) {
    endpoint {
      ...WebhookEndpointFields
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookEndpointFields on WebhookEndpoint {
  id
  url
  description
  eventTypes
  status
  secretHint
  previousSecretExpiresAt
  disabledAt
  disabledCause
  disabledReason
  consecutiveFailures
  lastSuccessAt
  lastFailureAt
  createdAt
  street {
    id
    code
  }
}`) as unknown as TypedDocumentString<EnableWebhookEndpointMutation, EnableWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($input: WebhookEndpointIdInput!) {
  deleteWebhookEndpoint(input: $input) {
    deletedEndpointId
    userErrors {
      field
      message
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RedeliverWebhookDeliveryDocument = /*#__PURE__*/ new TypedDocumentString(`
    mutation RedeliverWebhookDelivery($input: RedeliverWebhookDeliveryInput!) {
  redeliverWebhookDelivery(input: $input) {
    delivery {
      ...WebhookDeliveryFields
    }
    userErrors {
      field
      message
      code
    }
  }
}
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  deliveryId
  eventId
  eventType
  eventCursor
  status
  attemptCount
  lastStatusCode
  lastError
  nextAttemptAt
  deliveredAt
  redeliveryOf {
    id
  }
  attempts {
    number
    statusCode
    error
    succeeded
    durationMs
  }
}`) as unknown as TypedDocumentString<RedeliverWebhookDeliveryMutation, RedeliverWebhookDeliveryMutationVariables>;