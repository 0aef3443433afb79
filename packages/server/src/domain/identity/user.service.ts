import { verify } from '@node-rs/argon2';
import { z } from 'zod';
import { sql } from '../../db/statement';
import {
  afterCommit,
  batchLoader,
  inTransaction,
  loader,
  onBehalfOf,
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
import { authService, type Session } from './auth.service';
import { UserEntity } from './identity.entity';
import {
  userCreated,
  userDisabled,
  userEnabled,
  userPasswordChanged,
  userPasswordResetIssued,
  userUpdated,
} from './identity.events';
import { checkPassword } from './password-policy';
import { hashSecret, randomSecret } from './tokens';

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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

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

/** Where an account works: which of these a role needs is `placeAccount`'s business. */
export interface AccountScopeInput {
  districtId?: string | null;
  streetId?: string | null;
  communityId?: string | null;
  gridId?: string | null;
  departmentId?: string | null;
  personId?: string | null;
}

export interface CreateUserInput extends z.input<typeof createInput>, AccountScopeInput {}

export interface UpdateUserInput extends AccountScopeInput {
  id: string;
  displayName?: string | null;
  role?: Role | null;
}

type Placement = Pick<
  UserEntity,
  'districtId' | 'streetId' | 'communityId' | 'gridId' | 'gridCode' | 'departmentId' | 'personId'
>;

/**
 * The scope columns of an account with `role`: what the role needs, from `input` or else (an
 * update) the account's current values; each row named must exist in the account's street.
 */
async function placeAccount(
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

const notManaged = () =>
  InputError.single(['input', 'id'], 'No user you manage has this ID.', 'NOT_FOUND');

/** The account `id`, locked for the change, if the viewer may manage it. */
async function managedAccount(ctx: Context, id: string): Promise<UserEntity> {
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

function requireAdministrator(viewer: Viewer, action: string): void {
  if (viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  if (!administersAccounts(viewer))
    throw new PublicError('FORBIDDEN', `Only administrators may ${action}.`);
}

/** The password reset token a user swaps for a new password: `lxr_` and 32 random bytes. */
const RESET_TOKEN = /^lxr_[A-Za-z0-9_-]{43}$/;

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
    const changed: ('displayName' | 'role' | 'scope')[] = [];
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

  /**
   * Changes the caller's own password, given the current one (with sign-in's brute-force
   * limits). Every other sign-in of the account ends; the caller's goes on with new tokens.
   */
  async changePassword(
    ctx: Context,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ user: UserRecord; session: Session | null }> {
    const { viewer } = ctx;
    if (viewer.kind !== 'user' || !viewer.id)
      throw new PublicError('UNAUTHENTICATED', 'Sign in as a user to change your password.');
    const [account] = await query<{ username: string; passwordHash: string | null }>(
      ctx,
      `SELECT username, password_hash AS "passwordHash" FROM app_user WHERE id = $1`,
      [viewer.id],
    );
    if (!account?.passwordHash) {
      throw InputError.single(
        ['input', 'currentPassword'],
        'This account signs in through the identity provider and has no password.',
        'INVALID',
      );
    }
    const logins = ctx.auth!.logins;
    const address = ctx.clientAddress ?? 'unknown';
    await logins.admit(account.username, address);
    await ctx.session.release();
    const hash = account.passwordHash;
    const ok = await logins.check(account.username, address, () =>
      verify(hash, currentPassword).catch(() => false),
    );
    if (!ok) {
      await logins.failed(account.username, address);
      throw InputError.single(
        ['input', 'currentPassword'],
        'The current password is wrong.',
        'INVALID',
      );
    }
    await logins.succeeded(account.username);
    checkPassword(['input', 'newPassword'], newPassword, account.username);
    if (newPassword === currentPassword)
      throw InputError.single(
        ['input', 'newPassword'],
        'The new password must differ from the current one.',
        'INVALID',
      );
    const hashed = await authService.hashPassword(newPassword);
    return inTransaction(ctx, async (tx) => {
      const user = await setPassword(tx, viewer.id!, hashed);
      await authService.revokeAllSessions(
        tx,
        user.id,
        'PASSWORD_CHANGED',
        viewer.sessionId ?? null,
      );
      await recordEvent(tx, userPasswordChanged, {
        streetId: user.streetId,
        subjectId: user.id,
        payload: { via: 'CHANGE' },
      });
      const session = viewer.sessionId
        ? await authService.reissue(tx, user.id, viewer.sessionId)
        : null;
      return { user: (await userService.get(tx, user.id))!, session };
    });
  },

  /**
   * Issues a one-time reset token for an account the viewer manages; shown once, it works for
   * PASSWORD_RESET_TTL_SECONDS and replaces any earlier one. The password stays until it is used.
   */
  async resetPassword(
    ctx: Context,
    id: string,
  ): Promise<{ user: UserRecord; token: string; expiresAt: Date }> {
    requireAdministrator(ctx.viewer, 'reset passwords');
    const user = await managedAccount(ctx, id);
    if (user.disabledAt)
      throw InputError.single(
        ['input', 'id'],
        'This account is disabled; enable it first.',
        'ILLEGAL_TRANSITION',
      );
    const token = `lxr_${randomSecret(32)}`;
    const ttl = ctx.auth?.tokens.options.passwordResetTtlSeconds ?? 3600;
    const expiresAt = new Date(Date.now() + ttl * 1000);
    await query(
      ctx,
      `UPDATE password_reset SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
      [user.id],
    );
    await query(
      ctx,
      `INSERT INTO password_reset (user_id, token_hash, created_by, expires_at) VALUES ($1, $2, $3, $4)`,
      [
        user.id,
        hashSecret(token),
        JSON.stringify({ kind: ctx.viewer.kind, id: ctx.viewer.id }),
        expiresAt,
      ],
    );
    await recordEvent(ctx, userPasswordResetIssued, {
      streetId: user.streetId,
      subjectId: user.id,
      payload: { expiresAt },
    });
    return { user: (await this.get(ctx, user.id))!, token, expiresAt };
  },

  /**
   * Swaps a reset token for a new password (no sign-in needed). The token works once and only
   * in time; the password must meet the policy before the token is spent. Every sign-in ends.
   */
  async completePasswordReset(ctx: Context, token: string, newPassword: string): Promise<void> {
    const invalid = (message: string) => InputError.single(['input', 'token'], message, 'INVALID');
    if (!RESET_TOKEN.test(token)) throw invalid('This reset token is not valid.');
    const [reset] = await query<{
      id: string;
      userId: string;
      username: string;
      used: boolean;
      revoked: boolean;
      expired: boolean;
      disabled: boolean;
    }>(
      ctx,
      `SELECT r.id::text AS id, r.user_id::text AS "userId", u.username, r.used_at IS NOT NULL AS used,
         r.revoked_at IS NOT NULL AS revoked, r.expires_at <= now() AS expired,
         u.disabled_at IS NOT NULL AS disabled
       FROM password_reset r JOIN app_user u ON u.id = r.user_id WHERE r.token_hash = $1`,
      [hashSecret(token)],
    );
    if (!reset) throw invalid('This reset token is not valid.');
    if (reset.used)
      throw invalid('This reset token was already used; ask an administrator for a new one.');
    if (reset.revoked) throw invalid('A newer reset token replaced this one; use the newest.');
    if (reset.expired)
      throw invalid('This reset token has expired; ask an administrator for a new one.');
    if (reset.disabled) throw invalid('This account is disabled.');
    checkPassword(['input', 'newPassword'], newPassword, reset.username);
    await ctx.session.release();
    const hashed = await authService.hashPassword(newPassword);
    // Done as the account's user: the audit log shows who set the password, from where.
    const owner = await ctx.auth!.userViewer(reset.userId, null);
    await onBehalfOf(ctx, owner, async (tx) => {
      const [spent] = await query(
        tx,
        `UPDATE password_reset SET used_at = now()
         WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
        [reset.id],
      );
      // Another request spent it (or it ran out) since it was read.
      if (!spent)
        throw invalid('This reset token was already used; ask an administrator for a new one.');
      const user = await setPassword(tx, reset.userId, hashed);
      await authService.revokeAllSessions(tx, user.id, 'PASSWORD_RESET');
      await recordEvent(tx, userPasswordChanged, {
        streetId: user.streetId,
        subjectId: user.id,
        payload: { via: 'RESET' },
      });
    });
  },
};

async function setPassword(ctx: Context, userId: string, hash: string): Promise<UserEntity> {
  const user = await repository(ctx, UserEntity).findOneOrFail({
    where: { id: userId },
    lock: { mode: 'pessimistic_write' },
  });
  user.passwordHash = hash;
  user.passwordChangedAt = new Date();
  return repository(ctx, UserEntity).save(user);
}
