import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from '../../db/statement';
import { onBehalfOf, query, type Context } from '../shared/context';
import { recordEvent } from '../shared/events';
import { userSignedIn } from './identity.events';
import { InputError } from '../shared/errors';
import { sessionService, type SessionEndReason } from './session.service';
import { hashSecret, randomSecret } from './tokens';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  userId: string;
}

const byUsername = sql(
  'login_user',
  `SELECT id::text AS id, password_hash AS "passwordHash", role, token_version AS "tokenVersion",
     disabled_at IS NOT NULL AS disabled, street_id::text AS "streetId" FROM app_user WHERE username = $1`,
);
const userForRefresh = sql(
  'refresh_user',
  `SELECT id::text AS id, role, token_version AS "tokenVersion", disabled_at IS NOT NULL AS disabled FROM app_user WHERE id = $1`,
);
const insertRefresh = sql(
  'refresh_insert',
  `INSERT INTO refresh_token (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
);
// Marks the token used in the same statement that reads it, so a token works once even when
// two requests race with it.
const useRefresh = sql(
  'refresh_use',
  `UPDATE refresh_token r SET used_at = now() FROM (SELECT id, used_at AS was_used FROM refresh_token WHERE token_hash = $1 FOR UPDATE) old
   WHERE r.id = old.id
   RETURNING r.user_id::text AS "userId", r.family_id AS "familyId", r.expires_at AS "expiresAt",
     r.revoked_at IS NOT NULL AS revoked, old.was_used IS NOT NULL AS "wasUsed"`,
);
const touchLogin = sql('login_touch', `UPDATE app_user SET last_login_at = now() WHERE id = $1`);
const bumpVersion = sql(
  'user_bump_version',
  `UPDATE app_user SET token_version = token_version + 1 WHERE id = $1`,
);

// Verified against when the username is unknown, so both failures take the same time.
const dummyHash = hash('not-a-real-password');

const wrongCredentials = () => InputError.single([], 'Wrong username or password.', 'INVALID');

async function issue(
  ctx: Context,
  userId: string,
  version: number,
  role: string,
  familyId: string,
): Promise<Session> {
  const tokens = ctx.auth!.tokens;
  const access = await tokens.signAccess(userId, version, role, familyId);
  const refreshToken = randomSecret(32);
  const refreshTokenExpiresAt = new Date(Date.now() + tokens.options.refreshTtlSeconds * 1000);
  await query(ctx, insertRefresh, [
    userId,
    familyId,
    hashSecret(refreshToken),
    refreshTokenExpiresAt,
  ]);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt,
    userId,
  };
}

/**
 * Sign-in for staff users: a password checked with argon2id gives a short-lived access token and
 * a refresh token. Refresh tokens rotate: each works once, and presenting a used one again (a sign
 * it was stolen) revokes every token of that sign-in.
 */
export const authService = {
  /**
   * Signs in, within the brute-force limits (login-throttle.ts): RATE_LIMITED while the username
   * or the client address is locked out. An unknown username and a wrong password get the same
   * answer after the same work. No connection is held while the password is hashed.
   */
  async login(ctx: Context, username: string, password: string): Promise<Session> {
    const logins = ctx.auth!.logins;
    const account = username.trim().toLowerCase();
    const address = ctx.clientAddress ?? 'unknown';
    await logins.admit(account, address);
    const [user] = await query<{
      id: string;
      passwordHash: string | null;
      role: string;
      tokenVersion: number;
      disabled: boolean;
      streetId: string | null;
    }>(ctx, byUsername, [account]);
    await ctx.session.release();
    const hashed = user?.passwordHash ?? (await dummyHash);
    const ok = await logins.check(account, address, () =>
      verify(hashed, password).catch(() => false),
    );
    if (!user || !user.passwordHash || !ok) {
      await logins.failed(account, address);
      throw wrongCredentials();
    }
    await logins.succeeded(account);
    if (user.disabled) throw InputError.single([], 'This account is disabled.', 'FORBIDDEN');
    // As the user: the audit log shows who signed in, from where.
    const viewer = await ctx.auth!.userViewer(user.id, null);
    return onBehalfOf(ctx, viewer, async (tx) => {
      await query(tx, touchLogin, [user.id]);
      const sessionId = randomUUID();
      await sessionService.start(tx, sessionId, user.id);
      await recordEvent(tx, userSignedIn, {
        streetId: user.streetId,
        subjectId: user.id,
        payload: { sessionId },
      });
      return issue(tx, user.id, user.tokenVersion, user.role, sessionId);
    });
  },

  /**
   * Swaps a refresh token for new tokens. Returns the problem instead of throwing it, so that the
   * transaction still commits what the check wrote (the token marked used; on reuse, the whole
   * sign-in revoked).
   */
  async refresh(ctx: Context, refreshToken: string): Promise<Session | InputError> {
    const [used] = await query<{
      userId: string;
      familyId: string;
      expiresAt: Date;
      revoked: boolean;
      wasUsed: boolean;
    }>(ctx, useRefresh, [hashSecret(refreshToken)]);
    const invalid = (message: string) =>
      InputError.single(['input', 'refreshToken'], message, 'INVALID');
    if (!used) return invalid('This refresh token is not valid.');
    if (used.revoked) return invalid('This refresh token has been revoked; sign in again.');
    if (used.wasUsed) {
      await sessionService.end(ctx, used.userId, used.familyId, 'TOKEN_REUSED');
      ctx.logger.warn(
        { userId: used.userId },
        'a used refresh token was presented again; its sign-in is revoked',
      );
      return invalid(
        'This refresh token was already used; its sign-in has been revoked. Sign in again.',
      );
    }
    if (used.expiresAt.getTime() <= Date.now())
      return invalid('This refresh token has expired; sign in again.');
    const [user] = await query<{
      id: string;
      role: string;
      tokenVersion: number;
      disabled: boolean;
    }>(ctx, userForRefresh, [used.userId]);
    if (!user || user.disabled) return invalid('This account is disabled.');
    await sessionService.touch(ctx, used.familyId);
    return issue(ctx, user.id, user.tokenVersion, user.role, used.familyId);
  },

  /**
   * New tokens for a sign-in that goes on after its user's tokens were revoked (the caller's
   * own sign-in, after changing their password).
   */
  async reissue(ctx: Context, userId: string, sessionId: string): Promise<Session> {
    const [user] = await query<{ id: string; role: string; tokenVersion: number }>(
      ctx,
      userForRefresh,
      [userId],
    );
    await query(
      ctx,
      `UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
    await sessionService.touch(ctx, sessionId);
    return issue(ctx, user!.id, user!.tokenVersion, user!.role, sessionId);
  },

  /** Ends one sign-in: its refresh tokens stop working. */
  async logout(ctx: Context, refreshToken: string): Promise<void> {
    const [row] = await query<{ familyId: string; userId: string }>(
      ctx,
      `SELECT family_id AS "familyId", user_id::text AS "userId" FROM refresh_token WHERE token_hash = $1`,
      [hashSecret(refreshToken)],
    );
    if (!row)
      throw InputError.single(
        ['input', 'refreshToken'],
        'This refresh token is not valid.',
        'INVALID',
      );
    await sessionService.end(ctx, row.userId, row.familyId, 'SIGNED_OUT');
  },

  /**
   * Ends every sign-in of a user and invalidates their access tokens at once; `keep` names a
   * sign-in that goes on (the caller's, who then needs new tokens: `reissue`).
   */
  async revokeAllSessions(
    ctx: Context,
    userId: string,
    reason: SessionEndReason,
    keep: string | null = null,
  ): Promise<void> {
    await query(ctx, bumpVersion, [userId]);
    // Forgets the cached account once committed (earlier, a request in between could cache
    // the old row again).
    await sessionService.endAll(ctx, userId, reason, keep);
  },

  hashPassword(password: string): Promise<string> {
    return hash(password);
  },
};
