/** Roles of callers; see docs/security.md for what each may read and write. */
export const ROLES = [
  'PLATFORM_ADMIN',
  'DISTRICT_ADMIN',
  'STREET_ADMIN',
  'COMMUNITY_STAFF',
  'GRID_WORKER',
  'DEPARTMENT_STAFF',
  'VOLUNTEER',
  'RESIDENT',
  'INTEGRATION',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling, as every service sees it. `streetIds` is the caller's street scope (`'all'` only
 * for platform-wide callers); the other fields narrow it further for some roles.
 */
export interface Viewer {
  readonly kind: 'anonymous' | 'user' | 'api-key' | 'admin-token' | 'system';
  /** User id, API key id, or a fixed name for the admin token and the system. */
  readonly id: string | null;
  readonly role: Role | null;
  readonly streetIds: 'all' | readonly string[];
  readonly districtId?: string;
  /** Grid workers: the code of the grid whose subtree they serve. */
  readonly gridCode?: string;
  readonly communityId?: string;
  readonly departmentId?: string;
  /** Residents and volunteers: the person they are. */
  readonly personId?: string;
  /** Staff: duties held beside the role, e.g. the case duties `INTAKE`, `DISPATCHER`. */
  readonly duties?: readonly string[];
  /** API keys: what the key may do, e.g. `grids:read`. */
  readonly scopes?: readonly string[];
  /** Users signed in with a password: the sign-in (session) their access token belongs to. */
  readonly sessionId?: string;
}

export const anonymousViewer: Viewer = Object.freeze({
  kind: 'anonymous',
  id: null,
  role: null,
  streetIds: [],
});

/** The bootstrap admin token (LIANXIN_ADMIN_TOKEN). */
export const platformAdmin: Viewer = Object.freeze({
  kind: 'admin-token',
  id: 'admin-token',
  role: 'PLATFORM_ADMIN',
  streetIds: 'all',
});

/** The server itself: the CLI, seeds and background work. */
export const systemViewer: Viewer = Object.freeze({
  kind: 'system',
  id: 'system',
  role: 'PLATFORM_ADMIN',
  streetIds: 'all',
});

/** The `lianxin.street_ids` setting for the viewer: `*`, a comma-separated list, or '' for none. */
export function streetSetting(viewer: Viewer): string {
  return viewer.streetIds === 'all' ? '*' : viewer.streetIds.join(',');
}
