import { ROLES, type Role, type Viewer } from '../shared/viewer';

/**
 * Who administers whose account. One table: a role hands out, changes, disables and resets only
 * roles below its own, and only within its own streets; only platform administrators make
 * district administrators (and nobody makes another platform administrator but them).
 */
const staffRoles: readonly Role[] = ROLES.filter((r) => r !== 'INTEGRATION');
/** The roles listed after `role` in ROLES (which runs from the widest to the narrowest). */
const below = (role: Role) => staffRoles.slice(staffRoles.indexOf(role) + 1);
const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  PLATFORM_ADMIN: staffRoles,
  DISTRICT_ADMIN: below('DISTRICT_ADMIN'),
  STREET_ADMIN: below('STREET_ADMIN'),
};

/** Where an account sits: its role and the street or district it works in. */
export interface AccountPlace {
  id?: string;
  role: Role;
  streetId: string | null;
  districtId: string | null;
}

/** The roles the viewer may give an account (API keys and users of other roles: none). */
export function grantableRoles(viewer: Viewer): readonly Role[] {
  if (viewer.kind !== 'user' && viewer.kind !== 'admin-token' && viewer.kind !== 'system')
    return [];
  return viewer.role ? (GRANTABLE[viewer.role] ?? []) : [];
}

/** Whether the viewer administers accounts at all (lists them, reads their audit). */
export function administersAccounts(viewer: Viewer): boolean {
  return grantableRoles(viewer).length > 0;
}

const inStreets = (viewer: Viewer, streetId: string | null) =>
  viewer.streetIds === 'all' || (streetId !== null && viewer.streetIds.includes(streetId));

/**
 * Whether the viewer may change `account`: one of the roles they may grant, in their streets,
 * and never their own account (that is `changePassword` and `endSession`).
 */
export function mayManage(viewer: Viewer, account: AccountPlace): boolean {
  if (viewer.kind === 'user' && account.id === viewer.id) return false;
  if (!grantableRoles(viewer).includes(account.role)) return false;
  if (viewer.role === 'PLATFORM_ADMIN') return true;
  return account.streetId !== null && inStreets(viewer, account.streetId);
}

/** Whether the viewer may see `account`: their own, or one in the streets (or district) they administer. */
export function maySee(viewer: Viewer, account: AccountPlace): boolean {
  if (viewer.kind === 'user' && account.id === viewer.id) return true;
  if (!administersAccounts(viewer)) return false;
  if (viewer.role === 'PLATFORM_ADMIN') return true;
  if (account.streetId !== null) return inStreets(viewer, account.streetId);
  return (
    viewer.role === 'DISTRICT_ADMIN' &&
    account.role === 'DISTRICT_ADMIN' &&
    account.districtId === viewer.districtId
  );
}

/** `maySee` as SQL over `app_user` alias `u`; null when every account is visible. Appends params. */
export function visibleAccountsSql(viewer: Viewer, params: unknown[]): string | null {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const self = viewer.kind === 'user' && viewer.id ? `u.id = ${param(viewer.id)}::bigint` : null;
  if (!administersAccounts(viewer)) return self ?? 'false';
  if (viewer.role === 'PLATFORM_ADMIN') return null;
  const streets =
    viewer.streetIds === 'all' ? null : `u.street_id = ANY(${param(viewer.streetIds)}::bigint[])`;
  const district =
    viewer.role === 'DISTRICT_ADMIN' && viewer.districtId
      ? `(u.role = 'DISTRICT_ADMIN' AND u.district_id = ${param(viewer.districtId)}::bigint)`
      : null;
  const any = [self, streets, district].filter((c): c is string => c !== null);
  return any.length ? `(${any.join(' OR ')})` : 'false';
}

/** Whose sign-ins the viewer may see and end: their own, and those of accounts they manage. */
export function mayEndSessionsOf(viewer: Viewer, account: AccountPlace): boolean {
  const self = viewer.kind === 'user' && viewer.id === account.id;
  return self || mayManage(viewer, account);
}
