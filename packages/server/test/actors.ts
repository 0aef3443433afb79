import { Tokens } from '../src/domain/identity/tokens';
import type { Role } from '../src/domain/shared/viewer';
import { JWT_SECRET, type TestPlatform } from './harness';

/** The records and callers of one street, for authorization tests. */
export interface StreetActors {
  streetId: string;
  code: string;
  /** Row ids of what was created, by name. */
  ids: Record<
    | 'root'
    | 'community'
    | 'unit'
    | 'otherCommunity'
    | 'communityOrg'
    | 'department'
    | 'resident'
    | 'volunteer'
    | 'gridWorker'
    | 'volunteerRow',
    string
  >;
  /** Bearer tokens by role. */
  tokens: Record<Role, string>;
}

const tokens = new Tokens({ secret: JWT_SECRET, accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });

/**
 * Gives street `code` a small grid tree, a community and a department, a resident, a volunteer and
 * a grid worker, and a user of every role (plus an API key reading and writing everything), written
 * straight into the database as its owner. Returns their ids and tokens.
 */
export async function streetActors(p: TestPlatform, code: string): Promise<StreetActors> {
  const one = async <T = { id: string }>(text: string, params: unknown[]): Promise<T> =>
    (await p.db.query<T>(text, params))[0]!;
  const street = await one<{ id: string; districtId: string }>(
    `SELECT id::text AS id, district_id::text AS "districtId" FROM street WHERE code = $1`,
    [code],
  );
  const grid = (parent: string | null, level: string, gridCode: string, name: string) =>
    one(
      `INSERT INTO grid (street_id, parent_id, level, code, name) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [street.id, parent, level, gridCode, name],
    );
  const root = await grid(null, 'STREET', code, `${code} 街道网格`);
  const community = await grid(root.id, 'COMMUNITY', `${code}001`, `${code} 社区一`);
  const unit = await grid(community.id, 'UNIT', `${code}001001`, `${code} 单元一`);
  const otherCommunity = await grid(root.id, 'COMMUNITY', `${code}002`, `${code} 社区二`);
  const org = async (kind: string, name: string) => {
    const row = await one(
      `INSERT INTO organization (street_id, path, kind, name) VALUES ($1, '0', $2, $3) RETURNING id::text AS id`,
      [street.id, kind, name],
    );
    await p.db.query(`UPDATE organization SET path = text2ltree(id::text) WHERE id = $1`, [row.id]);
    return row;
  };
  const communityOrg = await org('COMMUNITY', `${code} 社区`);
  const department = await org('DEPARTMENT', `${code} 城管`);
  await p.db.query(
    `INSERT INTO organization_grid (street_id, organization_id, grid_id) VALUES ($1, $2, $3)`,
    [street.id, communityOrg.id, community.id],
  );
  const person = (name: string, homeGrid: string | null, phone: string) =>
    one(
      `INSERT INTO person (street_id, name, home_grid_id, phone) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [street.id, name, homeGrid, phone],
    );
  const resident = await person(`${code} 居民`, unit.id, '13800000001');
  const volunteer = await person(`${code} 志愿者`, otherCommunity.id, '13800000002');
  const gridWorker = await person(`${code} 网格员`, null, '13800000003');
  await p.db.query(
    `INSERT INTO grid_assignment (street_id, grid_id, person_id, role) VALUES ($1, $2, $3, 'MEMBER')`,
    [street.id, community.id, gridWorker.id],
  );
  const volunteerRow = await one(
    `INSERT INTO volunteer (street_id, person_id) VALUES ($1, $2) RETURNING id::text AS id`,
    [street.id, volunteer.id],
  );

  const user = async (role: Role, scope: Record<string, string | null>) => {
    const row = await one(
      `INSERT INTO app_user (username, display_name, password_hash, role, district_id, street_id, community_id, grid_id,
         grid_code, department_id, person_id)
       VALUES ($1, $2, 'unused', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
      [
        `${role.toLowerCase()}.${code}`,
        `${role} ${code}`,
        role,
        scope.district ?? null,
        scope.street ?? null,
        scope.community ?? null,
        scope.grid ?? null,
        scope.gridCode ?? null,
        scope.department ?? null,
        scope.person ?? null,
      ],
    );
    return (await tokens.signAccess(row.id, 0, role)).token;
  };
  const s = { street: street.id };
  const roleTokens = {
    PLATFORM_ADMIN: await user('PLATFORM_ADMIN', {}),
    DISTRICT_ADMIN: await user('DISTRICT_ADMIN', { district: street.districtId }),
    STREET_ADMIN: await user('STREET_ADMIN', s),
    COMMUNITY_STAFF: await user('COMMUNITY_STAFF', { ...s, community: communityOrg.id }),
    GRID_WORKER: await user('GRID_WORKER', {
      ...s,
      grid: community.id,
      gridCode: `${code}001`,
      person: gridWorker.id,
    }),
    DEPARTMENT_STAFF: await user('DEPARTMENT_STAFF', { ...s, department: department.id }),
    VOLUNTEER: await user('VOLUNTEER', { ...s, person: volunteer.id }),
    RESIDENT: await user('RESIDENT', { ...s, person: resident.id }),
    INTEGRATION: '',
  } as Record<Role, string>;
  const key = await p.gql<any>(
    `mutation($s: ID!) { createApiKey(input: { streetId: $s, name: "all of ${code}", scopes: ["*:read", "*:write"] }) { secret userErrors { message } } }`,
    { s: Buffer.from(`Street:${street.id}`).toString('base64url') },
  );
  roleTokens.INTEGRATION = key.body.data.createApiKey.secret;
  return {
    streetId: street.id,
    code,
    ids: {
      root: root.id,
      community: community.id,
      unit: unit.id,
      otherCommunity: otherCommunity.id,
      communityOrg: communityOrg.id,
      department: department.id,
      resident: resident.id,
      volunteer: volunteer.id,
      gridWorker: gridWorker.id,
      volunteerRow: volunteerRow.id,
    },
    tokens: roleTokens,
  };
}

export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/** The row id of the user of `role` that `streetActors` made for a street. */
export async function userIdOf(p: TestPlatform, actors: StreetActors, role: Role): Promise<string> {
  const [row] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM app_user WHERE username = $1`,
    [`${role.toLowerCase()}.${actors.code}`],
  );
  return row!.id;
}
