import type { Access, AreaPolicy } from '../shared/policy';
import { ROLES, type Role } from '../shared/viewer';

/** The policy area of plugins' enablement: a street's administrators' business. */
export const PLUGIN_AREA = 'plugin';

/**
 * The policy area plugin tables read by everyone in their street use (a plugin read model with
 * `readableBy: 'street'`); the others are for staff. Plugins write through their own role.
 */
export const PLUGIN_SHARED_AREA = 'pluginShared';

/**
 * The policy area of plugin tables about one person each (`readableBy: 'person'`, a ledger of
 * their own): staff read the street's rows, residents and volunteers the rows whose `person_id`
 * is the person they are, departments and API keys none (as people's own rows, `person`).
 */
export const PLUGIN_PERSON_AREA = 'pluginPerson';

/**
 * The policy area of plugin tables for staff (`readableBy: 'staff'`, the default): street,
 * community, grid and department staff and administrators read the street's rows; residents,
 * volunteers and API keys none (plugin areas have no API key scopes).
 */
export const PLUGIN_STAFF_AREA = 'pluginStaff';

const administrators = Object.fromEntries(
  ROLES.map((r): [Role, Access] => [
    r,
    r === 'PLATFORM_ADMIN' || r === 'DISTRICT_ADMIN' || r === 'STREET_ADMIN' ? 'street' : 'none',
  ]),
) as Record<Role, Access>;

const none = Object.fromEntries(ROLES.map((r): [Role, Access] => [r, 'none'])) as Record<
  Role,
  Access
>;

export const pluginPolicy: AreaPolicy = {
  read: administrators,
  write: administrators,
  scopes: false,
};

export const pluginSharedPolicy: AreaPolicy = {
  read: Object.fromEntries(
    ROLES.map((r): [Role, Access] => [r, r === 'INTEGRATION' ? 'none' : 'street']),
  ) as Record<Role, Access>,
  write: none,
  scopes: false,
};

export const pluginStaffPolicy: AreaPolicy = {
  read: Object.fromEntries(
    ROLES.map((r): [Role, Access] => [
      r,
      r === 'RESIDENT' || r === 'VOLUNTEER' || r === 'INTEGRATION' ? 'none' : 'street',
    ]),
  ) as Record<Role, Access>,
  write: none,
  scopes: false,
};

export const pluginPersonPolicy: AreaPolicy = {
  read: Object.fromEntries(
    ROLES.map((r): [Role, Access] => [
      r,
      r === 'RESIDENT' || r === 'VOLUNTEER'
        ? 'self'
        : r === 'INTEGRATION' || r === 'DEPARTMENT_STAFF'
          ? 'none'
          : 'street',
    ]),
  ) as Record<Role, Access>,
  write: none,
  scopes: false,
  selfColumn: 'person_id',
};
