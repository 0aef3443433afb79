import { districtService } from '../domain/district/district.service';
import type { GridRecord } from '../domain/grid/grid.service';
import { userService } from '../domain/identity/user.service';
import type { OrganizationRecord } from '../domain/organization/organization.service';
import type { PersonRecord } from '../domain/person/person.service';
import type { CaseDuty } from '../domain/identity/identity.entity';
import type { Role } from '../domain/shared/viewer';
import type { DemoKit } from './kit';
import { sql } from '../db/statement';
import { query, type Context } from '../domain/shared/context';

/**
 * The password of every demo user. Public on purpose (docs/demo-data.md): the demo users are for
 * trying the platform, never for a deployment that holds real data.
 */
export const DEMO_PASSWORD = 'lianxin-demo-2024';

/**
 * The case duties of a street's command centre (网格化服务管理中心), one account each: COMMUNITY_STAFF
 * (the role that reads the whole street and writes no content) with the duty beside it.
 */
export const CASE_DUTY_ACCOUNTS: { suffix: string; duty: CaseDuty; title: string }[] = [
  { suffix: 'intake', duty: 'INTAKE', title: '受理员' },
  { suffix: 'shiftlead', duty: 'SHIFT_LEAD', title: '值班长' },
  { suffix: 'dispatcher', duty: 'DISPATCHER', title: '派遣员' },
  { suffix: 'inspector', duty: 'INSPECTOR', title: '监督员' },
];

export interface DemoUser {
  username: string;
  role: Role;
  displayName: string;
  caseDuties?: CaseDuty[];
}

/** The demo users, as docs/demo-data.md lists them. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'xifeng.district', role: 'DISTRICT_ADMIN', displayName: '西峰区管理员' },
  { username: 'nanjie.admin', role: 'STREET_ADMIN', displayName: '南街街道管理员' },
  { username: 'nanjie.community', role: 'COMMUNITY_STAFF', displayName: '南苑路社区工作人员' },
  { username: 'nanjie.grid', role: 'GRID_WORKER', displayName: '南苑路社区第一网格网格员' },
  { username: 'nanjie.dept', role: 'DEPARTMENT_STAFF', displayName: '南街城管执法中队工作人员' },
  { username: 'nanjie.volunteer', role: 'VOLUNTEER', displayName: '南街志愿者' },
  { username: 'nanjie.resident', role: 'RESIDENT', displayName: '南苑路社区居民' },
  ...CASE_DUTY_ACCOUNTS.map(({ suffix, duty, title }) => ({
    username: `nanjie.${suffix}`,
    role: 'COMMUNITY_STAFF' as const,
    displayName: `南街网格化服务管理中心${title}`,
    caseDuties: [duty],
  })),
];

/** What the 南街 users are attached to. */
export interface NanjieScope {
  community: OrganizationRecord;
  grid: GridRecord;
  gridWorker: PersonRecord;
  department: OrganizationRecord;
  volunteer: PersonRecord;
  resident: PersonRecord;
}

/**
 * One user of each street role for 南街, and a district administrator for 西峰区, through
 * `userService.create` (which hashes the password and records `user.created`).
 */
export async function createDemoUsers(kit: DemoKit, scope: NanjieScope): Promise<void> {
  const district = await districtService.byCode(kit.tx, kit.street.code.slice(0, 6));
  const street = kit.street.id;
  const attach: Record<string, Record<string, string | null | undefined>> = {
    'xifeng.district': { districtId: district?.id },
    'nanjie.admin': { streetId: street },
    'nanjie.community': { streetId: street, communityId: scope.community.id },
    'nanjie.grid': {
      streetId: street,
      gridId: scope.grid.id,
      personId: scope.gridWorker.id,
      displayName: `${scope.gridWorker.name}（网格员）`,
    },
    'nanjie.dept': { streetId: street, departmentId: scope.department.id },
    'nanjie.volunteer': {
      streetId: street,
      personId: scope.volunteer.id,
      displayName: `${scope.volunteer.name}（志愿者）`,
    },
    'nanjie.resident': {
      streetId: street,
      personId: scope.resident.id,
      displayName: `${scope.resident.name}（居民）`,
    },
  };
  for (const { suffix } of CASE_DUTY_ACCOUNTS)
    attach[`nanjie.${suffix}`] = { streetId: street, communityId: scope.community.id };
  for (const user of DEMO_USERS) {
    const { displayName, ...ids } = attach[user.username]!;
    await userService.create(kit.tx, {
      ...user,
      ...ids,
      displayName: displayName ?? user.displayName,
      password: DEMO_PASSWORD,
    });
  }
}

const presentDemoUsers = sql(
  'present_demo_users',
  `SELECT username, display_name AS "displayName", role FROM app_user
    WHERE username = ANY($1) AND disabled_at IS NULL AND password_hash IS NOT NULL`,
);

/**
 * The demo users this database holds and that can sign in, in the order docs/demo-data.md lists
 * them: none when the demo data was never loaded (a real deployment).
 */
export async function demoUsersPresent(
  ctx: Context,
): Promise<{ username: string; displayName: string; role: string }[]> {
  const rows = await query<{ username: string; displayName: string; role: string }>(
    ctx,
    presentDemoUsers,
    [DEMO_USERS.map((u) => u.username)],
  );
  const order = new Map(DEMO_USERS.map((u, i) => [u.username, i]));
  return rows.sort((a, b) => order.get(a.username)! - order.get(b.username)!);
}
