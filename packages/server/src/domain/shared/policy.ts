import type { Context } from './context';
import { PublicError } from './errors';
import { escapeLike, prefixRange } from './codes';
import { ROLES, type Role, type Viewer } from './viewer';

/**
 * Who may read and write what, within the streets a caller reaches. This table is the one place
 * the rules live; docs/security.md shows it to people.
 *
 * - `street`: every row of the caller's streets;
 * - `subtree`: rows of the caller's grid subtree (grid workers);
 * - `self`: rows about the caller's own person (residents, volunteers; cases they reported);
 * - `department`: rows that concern the caller's department (cases dispatched to it);
 * - `none`: nothing.
 */
export type Access = 'street' | 'subtree' | 'self' | 'department' | 'none';

/** The core areas, each introduced by its module; plugins may register more (`policies`). */
export const AREAS = [
  'grid',
  'person',
  'organization',
  'volunteer',
  'serviceRecord',
  'brand',
  'activity',
  'audit',
  'case',
] as const;
export type Area = (typeof AREAS)[number];
/** A core area or one a plugin registered. */
export type AreaName = Area | (string & Record<never, never>);

const all = (access: Access): Record<Area, Access> =>
  Object.fromEntries(AREAS.map((a) => [a, access])) as Record<Area, Access>;

const publicInfo: Record<Area, Access> = {
  grid: 'street',
  person: 'self',
  organization: 'street',
  volunteer: 'self',
  serviceRecord: 'self',
  brand: 'street',
  activity: 'street',
  audit: 'none',
  case: 'self',
};

/** The core areas' read rules; the modules register them (`corePolicy`). */
export const readPolicy: Record<Role, Record<Area, Access>> = {
  PLATFORM_ADMIN: all('street'),
  DISTRICT_ADMIN: all('street'),
  STREET_ADMIN: all('street'),
  COMMUNITY_STAFF: { ...all('street'), audit: 'none' },
  GRID_WORKER: {
    ...all('street'),
    grid: 'subtree',
    person: 'subtree',
    audit: 'none',
    case: 'subtree',
  },
  DEPARTMENT_STAFF: {
    ...all('street'),
    person: 'none',
    volunteer: 'none',
    serviceRecord: 'none',
    audit: 'none',
    // A department sees the cases dispatched to it (and handles only those).
    case: 'department',
  },
  VOLUNTEER: publicInfo,
  RESIDENT: { ...publicInfo, volunteer: 'none', serviceRecord: 'none' },
  // API keys: what their scopes name (see `integrationAccess`).
  INTEGRATION: all('none'),
};

export const writePolicy: Record<Role, Record<Area, Access>> = {
  PLATFORM_ADMIN: { ...all('street'), audit: 'none' },
  DISTRICT_ADMIN: { ...all('street'), audit: 'none' },
  STREET_ADMIN: { ...all('street'), audit: 'none' },
  COMMUNITY_STAFF: {
    ...all('street'),
    grid: 'none',
    organization: 'none',
    audit: 'none',
    // Case transitions have their own rules (domain/case/case.rules.ts): this is for the rest.
    case: 'none',
  },
  GRID_WORKER: { ...all('none'), person: 'subtree' },
  DEPARTMENT_STAFF: all('none'),
  VOLUNTEER: all('none'),
  RESIDENT: all('none'),
  INTEGRATION: all('none'),
};

/** One area's rules: each role's access, and whether API keys may be scoped to it. */
export interface AreaPolicy {
  read: Record<Role, Access>;
  write: Record<Role, Access>;
  /** False: no `<area>:read|write` scope exists (the audit log is administrators' business). */
  scopes?: boolean;
  /** The column naming the person a row is about, which `self` compares (areas of plugins). */
  selfColumn?: string;
}

/** A core area's column of the tables above, for the module that introduces it to register. */
export function corePolicy(area: Area): AreaPolicy {
  const column = (table: Record<Role, Record<Area, Access>>) =>
    Object.fromEntries(ROLES.map((r) => [r, table[r][area]])) as Record<Role, Access>;
  return { read: column(readPolicy), write: column(writePolicy), scopes: area !== 'audit' };
}

const ACCESS: readonly Access[] = ['street', 'subtree', 'self', 'department', 'none'];

/** The policy areas the server knows: modules add theirs when they are loaded. */
export class PolicyRegistry {
  private readonly areas = new Map<string, AreaPolicy & { module: string }>();

  /** Adds `name`, introduced by `module`; refuses a name taken or a rule that misses a role. */
  register(name: string, policy: AreaPolicy, module: string): void {
    const other = this.areas.get(name);
    if (other) {
      throw new Error(
        `Policy area "${name}" is introduced by both module ${other.module} and module ${module}`,
      );
    }
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) {
      throw new Error(`Policy area "${name}" (module ${module}) is not a lower camel case name`);
    }
    for (const mode of ['read', 'write'] as const) {
      for (const role of ROLES) {
        if (!ACCESS.includes(policy[mode]?.[role])) {
          throw new Error(
            `Policy area "${name}" (module ${module}) gives no ${mode} access for ${role}: ` +
              `one of ${ACCESS.join(', ')}`,
          );
        }
      }
    }
    this.areas.set(name, { ...policy, module });
  }

  /** The rules of `name`; throws for an area no module registered. */
  get(name: string): AreaPolicy {
    const policy = this.areas.get(name);
    if (!policy) {
      throw new Error(
        `Unknown policy area "${name}": no module registered it (known: ${this.names().join(', ')})`,
      );
    }
    return policy;
  }

  has(name: string): boolean {
    return this.areas.has(name);
  }

  /** In registration order. */
  names(): string[] {
    return [...this.areas.keys()];
  }

  /** Areas an API key may be scoped to. */
  scopedNames(): string[] {
    return [...this.areas].filter(([, p]) => p.scopes !== false).map(([name]) => name);
  }
}

/** The server's registry (src/modules.ts fills it). */
export const policies = new PolicyRegistry();

export function registerPolicyArea(name: string, policy: AreaPolicy, module: string): void {
  policies.register(name, policy, module);
}

/**
 * API key scopes: `<area>:read` and `<area>:write`, e.g. `grid:read`; `*:read` for every area
 * that has scopes (never the audit log's, which is administrators' business).
 */
function integrationAccess(
  viewer: Viewer,
  area: AreaName,
  policy: AreaPolicy,
  mode: 'read' | 'write',
): Access {
  if (policy.scopes === false) return 'none';
  const scopes = viewer.scopes ?? [];
  return scopes.includes(`${area}:${mode}`) || scopes.includes(`*:${mode}`) ? 'street' : 'none';
}

export function readAccess(viewer: Viewer, area: AreaName): Access {
  const policy = policies.get(area);
  if (!viewer.role) return 'none';
  if (viewer.role === 'INTEGRATION') return integrationAccess(viewer, area, policy, 'read');
  return policy.read[viewer.role];
}

export function writeAccess(viewer: Viewer, area: AreaName): Access {
  const policy = policies.get(area);
  if (!viewer.role) return 'none';
  if (viewer.role === 'INTEGRATION') return integrationAccess(viewer, area, policy, 'write');
  return policy.write[viewer.role];
}

/** Escapes LIKE wildcards in a literal prefix. */
const likePrefix = (s: string) => `${escapeLike(s)}%`;

/**
 * The SQL condition (over `alias`) limiting an area's rows to what the viewer may read, beyond
 * the street scope; null when the street scope is all there is. Appends its parameters.
 */
export function visibleSql(
  ctx: Context,
  area: AreaName,
  alias: string,
  params: unknown[],
): string | null {
  const access = readAccess(ctx.viewer, area);
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (access) {
    case 'street':
      return null;
    case 'none':
      return 'false';
    case 'subtree': {
      const code = ctx.viewer.gridCode;
      if (!code) return 'false';
      if (area === 'grid') return prefixRange(`${alias}.code`, code, params);
      if (area === 'case') {
        const p = param(likePrefix(code));
        return `EXISTS (SELECT 1 FROM grid cg WHERE cg.id = ${alias}.grid_id AND cg.code LIKE ${p})`;
      }
      if (area === 'person') {
        const p = param(likePrefix(code));
        return `(EXISTS (SELECT 1 FROM grid hg WHERE hg.id = ${alias}.home_grid_id AND hg.code LIKE ${p})
          OR EXISTS (SELECT 1 FROM grid_assignment a JOIN grid ag ON ag.id = a.grid_id
                     WHERE a.person_id = ${alias}.id AND a.ended_on IS NULL AND ag.code LIKE ${p}))`;
      }
      return null;
    }
    case 'self': {
      const personId = ctx.viewer.personId;
      if (area === 'case') {
        // Cases they reported, by their account or as the person they are.
        const mine: string[] = [];
        if (ctx.viewer.kind === 'user' && ctx.viewer.id) {
          mine.push(`${alias}.reporter_user_id = ${param(ctx.viewer.id)}::bigint`);
        }
        if (personId) mine.push(`${alias}.reporter_person_id = ${param(personId)}::bigint`);
        return mine.length ? `(${mine.join(' OR ')})` : 'false';
      }
      if (!personId) return 'false';
      const selfColumn = policies.get(area).selfColumn;
      if (selfColumn) return `${alias}.${selfColumn} = ${param(personId)}::bigint`;
      if (area === 'person') return `${alias}.id = ${param(personId)}::bigint`;
      if (area === 'volunteer') return `${alias}.person_id = ${param(personId)}::bigint`;
      if (area === 'serviceRecord') {
        return `EXISTS (SELECT 1 FROM volunteer sv WHERE sv.id = ${alias}.volunteer_id AND sv.person_id = ${param(personId)}::bigint)`;
      }
      return 'false';
    }
    case 'department': {
      const departmentId = ctx.viewer.departmentId;
      if (!departmentId || area !== 'case') return 'false';
      return `EXISTS (SELECT 1 FROM case_department vd WHERE vd.case_id = ${alias}.id AND vd.department_id = ${param(departmentId)}::bigint)`;
    }
  }
}

/** What a write touches, for the `subtree` and `self` rules. */
export interface WriteTarget {
  streetId: string;
  /** Code of the grid the row lives in, for subtree rules. */
  gridCode?: string | null;
  personId?: string | null;
}

/** Throws unless the viewer may change `area` rows of `target`. */
export function requireWrite(
  ctx: Context,
  area: AreaName,
  target: WriteTarget,
  action: string,
): void {
  const viewer = ctx.viewer;
  if (viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  const inStreet = viewer.streetIds === 'all' || viewer.streetIds.includes(target.streetId);
  const access = inStreet ? writeAccess(viewer, area) : 'none';
  const allowed =
    access === 'street' ||
    (access === 'subtree' &&
      Boolean(viewer.gridCode && target.gridCode?.startsWith(viewer.gridCode))) ||
    (access === 'self' && Boolean(viewer.personId && target.personId === viewer.personId));
  if (!allowed) {
    if (viewer.role === 'INTEGRATION' && inStreet)
      throw new PublicError('FORBIDDEN', `An API key needs the ${area}:write scope to ${action}.`);
    const who = viewer.role ? viewer.role.toLowerCase().replace(/_/g, ' ') : 'caller';
    throw new PublicError(
      'FORBIDDEN',
      `A ${who} may not ${action}${inStreet ? '' : ' in this street'}.`,
    );
  }
}
