/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type LoginMutation = { login: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type RefreshAccessTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshAccessTokenMutation = { refreshAccessToken: { accessToken: string | null, accessTokenExpiresAt: string | null, refreshToken: string | null, refreshTokenExpiresAt: string | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type GridTreeQueryVariables = Exact<{
  streetId: string | number;
  level?: GridLevel | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GridTreeQuery = { grids: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, level: GridLevel, households: number | null, residents: number | null, staff: Array<{ role: GridRole, person: { id: string, name: string } | null }>, children: { totalCount: number, nodes: Array<{ id: string, code: string, name: string, level: GridLevel }> } }> } };

export type CreateGridMutationVariables = Exact<{
  input: CreateGridInput;
}>;


export type CreateGridMutation = { createGrid: { grid: { id: string, code: string, name: string, level: GridLevel } | null, userErrors: Array<{ field: Array<string> | null, message: string, code: UserErrorCode }> } };

export type StreetsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StreetsQuery = { streets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, district: { code: string, name: string } }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { authenticated: boolean, kind: ViewerKind, role: Role | null, allStreets: boolean, scopes: Array<string>, streets: Array<{ id: string, code: string, name: string }> } };

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
export const LiveCaseEventFragmentDoc = new TypedDocumentString(`
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
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(input: {username: $username, password: $password}) {
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
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const RefreshAccessTokenDocument = new TypedDocumentString(`
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
export const GridTreeDocument = new TypedDocumentString(`
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
        role
        person {
          id
          name
        }
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
    `) as unknown as TypedDocumentString<GridTreeQuery, GridTreeQueryVariables>;
export const CreateGridDocument = new TypedDocumentString(`
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
export const StreetsDocument = new TypedDocumentString(`
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
export const ViewerDocument = new TypedDocumentString(`
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
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const CaseEventsDocument = new TypedDocumentString(`
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
export const CaseUpdatedDocument = new TypedDocumentString(`
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
export const EventsDocument = new TypedDocumentString(`
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