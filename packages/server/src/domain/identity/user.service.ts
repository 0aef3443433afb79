import { z } from 'zod';
import { sql } from '../../db/statement';
import {
  afterCommit,
  batchLoader,
  loader,
  query,
  repository,
  type Context,
} from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { Page, PageRequest } from '../shared/keyset';
import { entityColumns } from '../shared/entity-columns';
import { countRows, listPage, type Ordering, type TableSpec } from '../shared/table';
import { ROLES, type Role, type Viewer } from '../shared/viewer';
import { validate } from '../shared/validate';
import {
  administersAccounts,
  grantableRoles,
  mayManage,
  maySee,
  visibleAccountsSql,
} from './account-rules';
import { authService } from './auth.service';
import { CASE_DUTIES, UserEntity } from './identity.entity';
import { userCreated, userDisabled, userEnabled, userUpdated } from './identity.events';
import { placeAccount, type AccountScopeInput, type Placement } from './account-placement';
import { checkPassword } from './password-policy';
import { escapeLike } from '../shared/codes';

/** An account as the API reads it: never its password hash, external identity or token version. */
export type UserRecord = Omit<
  UserEntity,
  'passwordHash' | 'externalSubject' | 'tokenVersion' | 'role'
> & {
  role: Role;
  disabled: boolean;
  /** Whether the account signs in with a password (else only through the OpenID provider). */
  hasPassword: boolean;
};

// Secrets stay out of every read: the hash and the token version are the sign-in's business.
const columns = entityColumns(UserEntity, 'u', {
  omit: ['passwordHash', 'externalSubject', 'tokenVersion'],
  extra: ['u.disabled_at IS NOT NULL AS disabled', 'u.password_hash IS NOT NULL AS "hasPassword"'],
});

/**
 * Accounts as lists read them. Not a street's table (platform and district accounts have no
 * street): who sees which account is `visibleAccountsSql`, added by every read here.
 */
export const userTable: TableSpec<UserRecord> = {
  from: 'app_user u',
  alias: 'u',
  public: true,
  columns,
  orders: {
    USERNAME: {
      key: 'u.username',
      type: 'text',
      id: 'u.id',
      unique: true,
      valueOf: (r) => r.username as string,
      idOf: (r) => r.id as string,
    },
    DISPLAY_NAME: {
      key: 'u.display_name',
      type: 'text',
      id: 'u.id',
      valueOf: (r) => r.displayName as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      key: `date_trunc('milliseconds', u.created_at)`,
      type: 'timestamptz',
      id: 'u.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

const byIds = sql(
  'users_by_ids',
  `SELECT ${columns} FROM app_user u WHERE u.id = ANY($1::bigint[])`,
);

/** Every account of these ids, whoever asks (callers check `maySee`). */
const usersById = (ctx: Context) =>
  batchLoader<string, UserRecord | null>(ctx, async (ids) => {
    const rows = await query<UserRecord>(ctx, byIds, [ids]);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });

export interface UserFilter {
  roles?: readonly Role[] | null;
  streetId?: string | null;
  /** Accounts serving this grid: grid workers whose grid subtree holds it. */
  gridId?: string | null;
  communityId?: string | null;
  departmentId?: string | null;
  disabled?: boolean | null;
  /** Text in the username or the display name. */
  search?: string | null;
}

/** SQL conditions for a user filter, the viewer's visibility first; appends parameters. */
function userFilterSql(viewer: Viewer, filter: UserFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const visible = visibleAccountsSql(viewer, params);
  if (visible) where.push(visible);
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.roles?.length) add(filter.roles, (p) => `u.role = ANY(${p}::text[])`);
  if (filter.streetId) add(filter.streetId, (p) => `u.street_id = ${p}::bigint`);
  // The grid is read under the viewer's street scope: a grid they cannot see matches nothing.
  // Grid codes are digits, so the worker's code is a plain prefix.
  if (filter.gridId)
    add(
      filter.gridId,
      (p) => `(SELECT fg.code FROM grid fg WHERE fg.id = ${p}::bigint) LIKE u.grid_code || '%'`,
    );
  if (filter.communityId) add(filter.communityId, (p) => `u.community_id = ${p}::bigint`);
  if (filter.departmentId) add(filter.departmentId, (p) => `u.department_id = ${p}::bigint`);
  if (filter.disabled === true) where.push('u.disabled_at IS NOT NULL');
  if (filter.disabled === false) where.push('u.disabled_at IS NULL');
  if (filter.search)
    add(
      `%${escapeLike(filter.search)}%`,
      (p) => `(u.username ILIKE ${p} OR u.display_name ILIKE ${p})`,
    );
  return where;
}

const displayName = z
  .string()
  .trim()
  .min(1, 'Display name is required.')
  .max(100, 'Display name is at most 100 characters.');

const createInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9_.-]{3,64}$/,
      'Username is 3–64 lowercase letters, digits, dots, dashes or underscores.',
    ),
  displayName,
  password: z.string().nullable().optional(),
  externalSubject: z
    .string()
    .min(3, 'External identity has at least 3 characters.')
    .max(300, 'External identity has at most 300 characters.')
    .nullable()
    .optional(),
  role: z.enum(ROLES).refine((r) => r !== 'INTEGRATION', 'Integrations use API keys, not users.'),
});

export interface CreateUserInput extends z.input<typeof createInput>, AccountScopeInput {
  caseDuties?: string[] | null;
}

export interface UpdateUserInput extends AccountScopeInput {
  id: string;
  displayName?: string | null;
  role?: Role | null;
  caseDuties?: string[] | null;
}

/** Case duties are staff's: residents, volunteers and integrations hold none. */
function checkDuties(role: Role, duties: readonly string[]): string[] {
  const field = ['input', 'caseDuties'];
  if (new Set(duties).size !== duties.length) {
    throw InputError.single(field, 'A case duty is named twice.', 'INVALID');
  }
  if (duties.some((d) => !(CASE_DUTIES as readonly string[]).includes(d))) {
    throw InputError.single(field, `Case duties are ${CASE_DUTIES.join(', ')}.`, 'INVALID');
  }
  if (duties.length && ['RESIDENT', 'VOLUNTEER'].includes(role)) {
    throw InputError.single(field, `A ${role.toLowerCase()} holds no case duties.`, 'INVALID');
  }
  return [...duties].sort();
}

const notManaged = () =>
  InputError.single(['input', 'id'], 'No user you manage has this ID.', 'NOT_FOUND');

/** The account `id`, locked for the change, if the viewer may manage it. */
export async function managedAccount(ctx: Context, id: string): Promise<UserEntity> {
  const user = await repository(ctx, UserEntity).findOne({
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  const place = user && {
    id: user.id,
    role: user.role as Role,
    streetId: user.streetId,
    districtId: user.districtId,
  };
  if (!user || !place || !maySee(ctx.viewer, place)) throw notManaged();
  if (!mayManage(ctx.viewer, place)) {
    throw InputError.single(
      ['input', 'id'],
      ctx.viewer.kind === 'user' && ctx.viewer.id === user.id
        ? 'You may not administer your own account.'
        : `You may not administer ${user.role} accounts.`,
      'FORBIDDEN',
    );
  }
  return user;
}

export function requireAdministrator(viewer: Viewer, action: string): void {
  if (viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  if (!administersAccounts(viewer))
    throw new PublicError('FORBIDDEN', `Only administrators may ${action}.`);
}

export type { AccountScopeInput } from './account-placement';

/** Staff accounts. Admins manage accounts of their scope; nobody grants more than they hold. */
export const userService = {
  /** The account, whoever asks: callers decide what the viewer may see (`maySee`). */
  async get(ctx: Context, id: string): Promise<UserRecord | null> {
    return loader(ctx, usersById).load(id);
  },

  /** The accounts the viewer may see, in the order of `ids` (null where not). */
  async visible(ctx: Context, ids: readonly string[]): Promise<(UserRecord | null)[]> {
    const rows = await loader(ctx, usersById).loadMany(ids);
    return rows.map((r) => (r && !(r instanceof Error) && maySee(ctx.viewer, r) ? r : null));
  },

  /** A page of the accounts the viewer administers. */
  async list(
    ctx: Context,
    filter: UserFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<UserRecord>> {
    requireAdministrator(ctx.viewer, 'list accounts');
    const params: unknown[] = [];
    return listPage(
      ctx,
      userTable,
      userFilterSql(ctx.viewer, filter, params),
      params,
      ordering,
      page,
    );
  },

  async count(ctx: Context, filter: UserFilter): Promise<number> {
    const params: unknown[] = [];
    return countRows(ctx, userTable, userFilterSql(ctx.viewer, filter, params), params);
  },

  async create(ctx: Context, input: CreateUserInput): Promise<UserRecord> {
    const { viewer } = ctx;
    requireAdministrator(viewer, 'create users');
    const v = validate(createInput, input);
    if (!grantableRoles(viewer).includes(v.role)) {
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
    if (v.password) checkPassword(['input', 'password'], v.password, v.username);
    const placed = await placeAccount(ctx, v.role, input);
    if (
      !mayManage(viewer, { role: v.role, streetId: placed.streetId, districtId: placed.districtId })
    ) {
      throw InputError.single(
        ['input', placed.districtId ? 'districtId' : 'streetId'],
        'You may not create accounts there.',
        'FORBIDDEN',
      );
    }
    if ((await query(ctx, `SELECT 1 FROM app_user WHERE username = $1`, [v.username])).length) {
      throw InputError.single(['input', 'username'], 'This username is taken.', 'TAKEN');
    }
    if (
      v.externalSubject &&
      (await query(ctx, `SELECT 1 FROM app_user WHERE external_subject = $1`, [v.externalSubject]))
        .length
    ) {
      throw InputError.single(
        ['input', 'externalSubject'],
        'Another account is linked to this identity.',
        'TAKEN',
      );
    }
    const saved = await repository(ctx, UserEntity).save(
      Object.assign(new UserEntity(), {
        ...placed,
        username: v.username,
        displayName: v.displayName,
        role: v.role,
        caseDuties: checkDuties(v.role, input.caseDuties ?? []),
        passwordHash: v.password ? await authService.hashPassword(v.password) : null,
        passwordChangedAt: v.password ? new Date() : null,
        externalSubject: v.externalSubject ?? null,
        tokenVersion: 0,
        disabledAt: null,
        lastLoginAt: null,
      }),
    );
    await recordEvent(ctx, userCreated, {
      streetId: saved.streetId,
      subjectId: saved.id,
      payload: { role: v.role },
    });
    return (await this.get(ctx, saved.id))!;
  },

  /** Changes an account's display name, role or scope, within the viewer's power. */
  async update(ctx: Context, input: UpdateUserInput): Promise<UserRecord> {
    requireAdministrator(ctx.viewer, 'change accounts');
    const user = await managedAccount(ctx, input.id);
    const previousRole = user.role as Role;
    const role = input.role ?? previousRole;
    if (input.role && !grantableRoles(ctx.viewer).includes(input.role)) {
      throw InputError.single(
        ['input', 'role'],
        `You may not give the role ${input.role}.`,
        'FORBIDDEN',
      );
    }
    const changed: ('displayName' | 'role' | 'scope' | 'caseDuties')[] = [];
    if (input.displayName !== undefined && input.displayName !== null) {
      const name = validate(z.object({ displayName }), {
        displayName: input.displayName,
      }).displayName;
      if (name !== user.displayName) {
        user.displayName = name;
        changed.push('displayName');
      }
    }
    const scopeGiven = (
      ['districtId', 'streetId', 'communityId', 'gridId', 'departmentId', 'personId'] as const
    ).some((f) => input[f] !== undefined && input[f] !== null);
    if (role !== previousRole || scopeGiven) {
      const placed = await placeAccount(ctx, role, input, user);
      if (
        !mayManage(ctx.viewer, { role, streetId: placed.streetId, districtId: placed.districtId })
      ) {
        throw InputError.single(
          ['input', placed.districtId ? 'districtId' : 'streetId'],
          'You may not move accounts there.',
          'FORBIDDEN',
        );
      }
      if (role !== previousRole) changed.push('role');
      const keys = Object.keys(placed) as (keyof Placement)[];
      if (keys.some((k) => (placed[k] ?? null) !== (user[k] ?? null))) changed.push('scope');
      Object.assign(user, placed, { role });
    }
    const duties = checkDuties(
      role,
      input.caseDuties ?? (['RESIDENT', 'VOLUNTEER'].includes(role) ? [] : user.caseDuties),
    );
    if (JSON.stringify(duties) !== JSON.stringify([...user.caseDuties].sort())) {
      // A resident or volunteer (a new role) keeps none.
      user.caseDuties = duties;
      changed.push('caseDuties');
    }
    if (changed.length === 0)
      throw InputError.single(
        ['input'],
        'Nothing to change: every value given is the current one.',
        'INVALID',
      );
    await repository(ctx, UserEntity).save(user);
    await recordEvent(ctx, userUpdated, {
      streetId: user.streetId,
      subjectId: user.id,
      payload: { changed, role, previousRole },
    });
    // The account's new role and scope hold from its next request on.
    afterCommit(ctx, () => ctx.auth?.forget(user.id));
    return (await this.get(ctx, user.id))!;
  },

  /** Disables an account: its sign-ins end and its tokens stop working at once. */
  async disable(ctx: Context, id: string): Promise<UserRecord> {
    requireAdministrator(ctx.viewer, 'disable accounts');
    const user = await managedAccount(ctx, id);
    if (user.disabledAt)
      throw InputError.single(
        ['input', 'id'],
        'This user is already disabled.',
        'ILLEGAL_TRANSITION',
      );
    user.disabledAt = new Date();
    await repository(ctx, UserEntity).save(user);
    await authService.revokeAllSessions(ctx, user.id, 'DISABLED');
    await recordEvent(ctx, userDisabled, {
      streetId: user.streetId,
      subjectId: user.id,
      payload: {},
    });
    return (await this.get(ctx, user.id))!;
  },

  /** Enables a disabled account: it may sign in again (its old sign-ins stay ended). */
  async enable(ctx: Context, id: string): Promise<UserRecord> {
    requireAdministrator(ctx.viewer, 'enable accounts');
    const user = await managedAccount(ctx, id);
    if (!user.disabledAt)
      throw InputError.single(['input', 'id'], 'This user is not disabled.', 'ILLEGAL_TRANSITION');
    user.disabledAt = null;
    await repository(ctx, UserEntity).save(user);
    await recordEvent(ctx, userEnabled, {
      streetId: user.streetId,
      subjectId: user.id,
      payload: {},
    });
    afterCommit(ctx, () => ctx.auth?.forget(user.id));
    return (await this.get(ctx, user.id))!;
  },
};
