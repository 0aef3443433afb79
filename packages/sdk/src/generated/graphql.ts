/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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