import { query, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import type { Role } from '../shared/viewer';
import type { UserEntity } from './identity.entity';

/** Where an account works: which of these a role needs is `placeAccount`'s business. */
export interface AccountScopeInput {
  districtId?: string | null;
  streetId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
  departmentId?: string | null;
  personId?: string | null;
}

export type Placement = Pick<
  UserEntity,
  'districtId' | 'streetId' | 'communityId' | 'gridId' | 'gridCode' | 'departmentId' | 'personId'
>;

/**
 * The scope columns of an account with `role`: what the role needs, from `input` or else (an
 * update) the account's current values; each row named must exist in the account's street.
 */
export async function placeAccount(
  ctx: Context,
  role: Role,
  input: AccountScopeInput,
  current?: UserEntity,
): Promise<Placement> {
  const value = (field: keyof AccountScopeInput): string | null => {
    const given = input[field];
    if (given !== undefined && given !== null) return given;
    return (current?.[field] as string | null | undefined) ?? null;
  };
  const need = (field: keyof AccountScopeInput, what: string) => {
    const v = value(field);
    if (!v) throw InputError.single(['input', field], `A ${role} user needs ${what}.`, 'REQUIRED');
    return v;
  };
  const placed: Placement = {
    districtId: null,
    streetId: null,
    communityId: null,
    gridId: null,
    gridCode: null,
    departmentId: null,
    personId: null,
  };
  if (role === 'PLATFORM_ADMIN') return placed;
  if (role === 'DISTRICT_ADMIN') {
    placed.districtId = need('districtId', 'a district');
    const [district] = await query(ctx, `SELECT 1 FROM district WHERE id = $1`, [
      placed.districtId,
    ]);
    if (!district)
      throw InputError.single(['input', 'districtId'], 'No district has this ID.', 'NOT_FOUND');
    return placed;
  }
  placed.streetId = need('streetId', 'a street');
  const streetOk = ctx.viewer.streetIds === 'all' || ctx.viewer.streetIds.includes(placed.streetId);
  if (!streetOk)
    throw InputError.single(
      ['input', 'streetId'],
      'You may not place accounts in this street.',
      'FORBIDDEN',
    );
  const inStreet = async (
    field: keyof AccountScopeInput,
    table: string,
    extra: string,
    what: string,
  ) => {
    const id = need(field, `a ${what}`);
    const [found] = await query<{ code: string | null }>(
      ctx,
      `SELECT ${table === 'grid' ? 'code' : 'NULL::text AS code'} FROM ${table} WHERE id = $1 AND street_id = $2 ${extra}`,
      [id, placed.streetId],
    );
    if (!found)
      throw InputError.single(
        ['input', field],
        `No ${what} with this ID exists in this street.`,
        'NOT_FOUND',
      );
    return { id, code: found.code };
  };
  if (role === 'COMMUNITY_STAFF')
    placed.communityId = (
      await inStreet('communityId', 'organization', `AND kind = 'COMMUNITY'`, 'community')
    ).id;
  if (role === 'DEPARTMENT_STAFF')
    placed.departmentId = (
      await inStreet('departmentId', 'organization', `AND kind = 'DEPARTMENT'`, 'department')
    ).id;
  if (role === 'GRID_WORKER') {
    const grid = await inStreet('gridId', 'grid', '', 'grid');
    placed.gridId = grid.id;
    placed.gridCode = grid.code;
  }
  if (role === 'VOLUNTEER' || role === 'RESIDENT' || value('personId'))
    placed.personId = (await inStreet('personId', 'person', '', 'person')).id;
  return placed;
}
