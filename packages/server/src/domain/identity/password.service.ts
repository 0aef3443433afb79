import { verify } from '@node-rs/argon2';
import { inTransaction, onBehalfOf, query, repository, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import { authService, type Session } from './auth.service';
import { UserEntity } from './identity.entity';
import { userPasswordChanged, userPasswordResetIssued } from './identity.events';
import { checkPassword } from './password-policy';
import { hashSecret, randomSecret } from './tokens';
import { managedAccount, requireAdministrator, userService, type UserRecord } from './user.service';

/** The password reset token a user swaps for a new password: `lxr_` and 32 random bytes. */
const RESET_TOKEN = /^lxr_[A-Za-z0-9_-]{43}$/;

/** Passwords: changed by their user, reset by an administrator with a one-time token. */
export const passwordService = {
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
    return { user: (await userService.get(ctx, user.id))!, token, expiresAt };
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
