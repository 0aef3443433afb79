import { z } from 'zod';
import { sql } from '../../db/statement';
import { query, repository, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { ROLES, type Role } from '../shared/viewer';
import { validate } from '../shared/validate';
import { authService } from './auth.service';
import { UserEntity } from './identity.entity';
import { userCreated } from './identity.events';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  districtId: string | null;
  streetId: string | null;
  personId: string | null;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const columns = `u.id::text AS id, u.username, u.display_name AS "displayName", u.role, u.district_id::text AS "districtId",
  u.street_id::text AS "streetId", u.person_id::text AS "personId", u.disabled_at IS NOT NULL AS disabled,
  u.last_login_at AS "lastLoginAt", u.created_at AS "createdAt"`;
const byId = sql('user_by_id', `SELECT ${columns} FROM app_user u WHERE u.id = $1`);

/** Roles a creator may hand out: never above their own, and only platform admins make admins. */
const grantable: Partial<Record<Role, Role[]>> = {
  PLATFORM_ADMIN: ROLES.filter((r) => r !== 'INTEGRATION'),
  DISTRICT_ADMIN: [
    'STREET_ADMIN',
    'COMMUNITY_STAFF',
    'GRID_WORKER',
    'DEPARTMENT_STAFF',
    'VOLUNTEER',
    'RESIDENT',
  ],
  STREET_ADMIN: ['COMMUNITY_STAFF', 'GRID_WORKER', 'DEPARTMENT_STAFF', 'VOLUNTEER', 'RESIDENT'],
};

const createInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9_.-]{3,64}$/,
      'Username is 3–64 lowercase letters, digits, dots, dashes or underscores.',
    ),
  displayName: z
    .string()
    .trim()
    .min(1, 'Display name is required.')
    .max(100, 'At most 100 characters.'),
  password: z
    .string()
    .min(10, 'Password has at least 10 characters.')
    .max(200, 'Password has at most 200 characters.')
    .nullable()
    .optional(),
  externalSubject: z.string().min(3).max(300).nullable().optional(),
  role: z.enum(ROLES).refine((r) => r !== 'INTEGRATION', 'Integrations use API keys, not users.'),
});

export interface CreateUserInput extends z.input<typeof createInput> {
  districtId?: string | null;
  streetId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
  departmentId?: string | null;
  personId?: string | null;
}

async function one<R>(ctx: Context, text: string, params: unknown[]): Promise<R | undefined> {
  return (await query<R>(ctx, text, params))[0];
}

/** Staff accounts. Admins create accounts for their own scope; nobody grants more than they hold. */
export const userService = {
  async get(ctx: Context, id: string): Promise<UserRecord | null> {
    const [row] = await query<UserRecord>(ctx, byId, [id]);
    return row ?? null;
  },

  async create(ctx: Context, input: CreateUserInput): Promise<UserRecord> {
    const { viewer } = ctx;
    if (viewer.kind === 'anonymous')
      throw new PublicError('UNAUTHENTICATED', 'Sign in to create users.');
    const allowed = viewer.role ? (grantable[viewer.role] ?? []) : [];
    if (allowed.length === 0) throw new PublicError('FORBIDDEN', 'Your role may not create users.');
    const v = validate(createInput, input);
    if (!allowed.includes(v.role)) {
      throw InputError.single(
        ['input', 'role'],
        `You may not create ${v.role} users.`,
        'FORBIDDEN',
      );
    }
    if (!v.password && !v.externalSubject) {
      throw InputError.single(
        ['input', 'password'],
        'Give a password, or an external identity to sign in with.',
        'REQUIRED',
      );
    }
    const need = (field: keyof CreateUserInput, what: string) => {
      if (!input[field])
        throw InputError.single(['input', field], `A ${v.role} user needs ${what}.`, 'REQUIRED');
      return input[field] as string;
    };
    const row: Partial<UserEntity> = {
      districtId: null,
      streetId: null,
      communityId: null,
      gridId: null,
      gridCode: null,
      departmentId: null,
      personId: null,
    };
    if (v.role === 'DISTRICT_ADMIN') row.districtId = need('districtId', 'a district');
    else if (v.role !== 'PLATFORM_ADMIN') {
      row.streetId = need('streetId', 'a street');
      const streetOk = viewer.streetIds === 'all' || viewer.streetIds.includes(row.streetId);
      if (!streetOk)
        throw InputError.single(
          ['input', 'streetId'],
          'You may not create users in this street.',
          'FORBIDDEN',
        );
    }
    const inStreet = async (
      field: keyof CreateUserInput,
      table: string,
      extra = '',
      what = table,
    ) => {
      const id = need(field, `a ${what}`);
      const found = await one<{ code?: string }>(
        ctx,
        `SELECT ${table === 'grid' ? 'code' : '1 AS ok'} FROM ${table} WHERE id = $1 AND street_id = $2 ${extra}`,
        [id, row.streetId],
      );
      if (!found)
        throw InputError.single(
          ['input', field],
          `No ${what} with this ID exists in this street.`,
          'NOT_FOUND',
        );
      return { id, code: found.code };
    };
    if (v.role === 'COMMUNITY_STAFF')
      row.communityId = (
        await inStreet('communityId', 'organization', `AND kind = 'COMMUNITY'`, 'community')
      ).id;
    if (v.role === 'DEPARTMENT_STAFF')
      row.departmentId = (
        await inStreet('departmentId', 'organization', `AND kind = 'DEPARTMENT'`, 'department')
      ).id;
    if (v.role === 'GRID_WORKER') {
      const grid = await inStreet('gridId', 'grid');
      row.gridId = grid.id;
      row.gridCode = grid.code ?? null;
    }
    if (v.role === 'VOLUNTEER' || v.role === 'RESIDENT' || input.personId)
      row.personId = (await inStreet('personId', 'person')).id;
    if (await one(ctx, `SELECT 1 FROM app_user WHERE username = $1`, [v.username])) {
      throw InputError.single(['input', 'username'], 'This username is taken.', 'TAKEN');
    }
    const saved = await repository(ctx, UserEntity).save(
      Object.assign(new UserEntity(), {
        ...row,
        username: v.username,
        displayName: v.displayName,
        role: v.role,
        passwordHash: v.password ? await authService.hashPassword(v.password) : null,
        externalSubject: v.externalSubject ?? null,
        tokenVersion: 0,
        disabledAt: null,
        lastLoginAt: null,
      }),
    );
    if (saved.streetId) {
      await recordEvent(ctx, userCreated, {
        streetId: saved.streetId,
        subjectId: saved.id,
        payload: { role: saved.role },
      });
    }
    return (await this.get(ctx, saved.id))!;
  },

  /** Disables an account: its tokens stop working at once. */
  async disable(ctx: Context, id: string): Promise<UserRecord> {
    const user = await repository(ctx, UserEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    const { viewer } = ctx;
    const inScope =
      user &&
      (viewer.role === 'PLATFORM_ADMIN' ||
        (viewer.role === 'DISTRICT_ADMIN' &&
          user.streetId !== null &&
          viewer.streetIds !== 'all' &&
          viewer.streetIds.includes(user.streetId)) ||
        (viewer.role === 'STREET_ADMIN' &&
          user.streetId !== null &&
          viewer.streetIds !== 'all' &&
          viewer.streetIds.includes(user.streetId) &&
          user.role !== 'STREET_ADMIN'));
    if (!user || !inScope)
      throw InputError.single(['input', 'id'], 'No user you manage has this ID.', 'NOT_FOUND');
    if (user.disabledAt)
      throw InputError.single(
        ['input', 'id'],
        'This user is already disabled.',
        'ILLEGAL_TRANSITION',
      );
    user.disabledAt = new Date();
    await repository(ctx, UserEntity).save(user);
    await authService.revokeAllSessions(ctx, user.id);
    return (await this.get(ctx, user.id))!;
  },
};
