import { sql } from '../../db/statement';
import { afterCommit, batchLoader, loader, query, type Context } from '../shared/context';

/** Why a sign-in ended (`user_session.ended_reason`). */
export type SessionEndReason =
  | 'SIGNED_OUT'
  | 'ENDED'
  | 'SIGNED_OUT_EVERYWHERE'
  | 'PASSWORD_CHANGED'
  | 'PASSWORD_RESET'
  | 'DISABLED'
  | 'TOKEN_REUSED';

/** One sign-in of a user: a refresh token family, with the device and address it was used from. */
export interface SessionRecord {
  id: string;
  /** The refresh token family, which access tokens name (`sid`). */
  familyId: string;
  userId: string;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastUsedAt: Date;
  endedAt: Date | null;
  endedReason: SessionEndReason | null;
}

const columns = `s.id::text AS id, s.family_id::text AS "familyId", s.user_id::text AS "userId", s.user_agent AS "userAgent",
  s.client_address AS "clientAddress", s.created_at AS "createdAt", s.last_used_at AS "lastUsedAt",
  s.ended_at AS "endedAt", s.ended_reason AS "endedReason"`;

const insertSession = sql(
  'session_insert',
  `INSERT INTO user_session (family_id, user_id, user_agent, client_address) VALUES ($1, $2, $3, $4)`,
);
const touchSession = sql(
  'session_touch',
  `UPDATE user_session SET last_used_at = now(), user_agent = coalesce($2, user_agent),
     client_address = coalesce($3, client_address) WHERE family_id = $1`,
);
// The latest 100 sign-ins of each user (ended ones with $2), most recently used first.
const sessionsOf = sql(
  'session_list',
  `SELECT l.* FROM unnest($1::bigint[]) AS owner(id), LATERAL (
     SELECT ${columns} FROM user_session s WHERE s.user_id = owner.id AND ($2 OR s.ended_at IS NULL)
     ORDER BY s.last_used_at DESC, s.id DESC LIMIT 100) l`,
);

/** Sign-ins of many users in one statement, per request and `includeEnded`. */
const sessionsLoader = (includeEnded: boolean) => (ctx: Context) =>
  batchLoader<string, SessionRecord[]>(ctx, async (userIds) => {
    const rows = await query<SessionRecord>(ctx, sessionsOf, [userIds, includeEnded]);
    return userIds.map((id) => rows.filter((r) => r.userId === id));
  });
const openSessions = sessionsLoader(false);
const allSessions = sessionsLoader(true);
const sessionsByIds = sql(
  'session_by_ids',
  `SELECT ${columns} FROM user_session s WHERE s.id = ANY($1::bigint[])`,
);
// Ends the sign-in and its refresh tokens in one statement.
const endOne = sql(
  'session_end',
  `WITH ended AS (
     UPDATE user_session SET ended_at = now(), ended_reason = $2
     WHERE family_id = $1 AND ended_at IS NULL RETURNING family_id)
   UPDATE refresh_token SET revoked_at = now()
   WHERE family_id IN (SELECT family_id FROM ended) AND revoked_at IS NULL`,
);
// Every open sign-in of a user but `$3` (null: all of them).
const endAll = sql(
  'session_end_all',
  `WITH ended AS (
     UPDATE user_session SET ended_at = now(), ended_reason = $2
     WHERE user_id = $1 AND ended_at IS NULL AND family_id IS DISTINCT FROM $3::uuid RETURNING 1)
   UPDATE refresh_token SET revoked_at = now()
   WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $3::uuid`,
);

const cut = (text: string | undefined, max: number) => (text ? text.slice(0, max) : null);

/** Sign-ins as rows: made at login, touched at refresh, ended by sign-out or an administrator. */
export const sessionService = {
  /** Records a new sign-in (refresh token family `familyId`) from the caller's device and address. */
  async start(ctx: Context, familyId: string, userId: string): Promise<void> {
    await query(ctx, insertSession, [
      familyId,
      userId,
      cut(ctx.userAgent, 300),
      cut(ctx.clientAddress, 100),
    ]);
  },

  /** Marks a sign-in used now, from the caller's device and address. */
  async touch(ctx: Context, familyId: string): Promise<void> {
    await query(ctx, touchSession, [
      familyId,
      cut(ctx.userAgent, 300),
      cut(ctx.clientAddress, 100),
    ]);
  },

  /** A user's sign-ins, most recently used first; ended ones too with `includeEnded`. */
  list(ctx: Context, userId: string, includeEnded: boolean): Promise<SessionRecord[]> {
    return loader(ctx, includeEnded ? allSessions : openSessions).load(userId);
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(SessionRecord | null)[]> {
    const rows = ids.length ? await query<SessionRecord>(ctx, sessionsByIds, [ids]) : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  },

  /** Ends one sign-in: its refresh tokens, and (within seconds) its access tokens, stop working. */
  async end(
    ctx: Context,
    userId: string,
    familyId: string,
    reason: SessionEndReason,
  ): Promise<void> {
    await query(ctx, endOne, [familyId, reason]);
    afterCommit(ctx, () => ctx.auth?.forget(userId));
  },

  /**
   * Ends every open sign-in of a user but family `keep` (the caller's own, after a password change).
   * Tokens of ended sign-ins stop working at once on this instance, within seconds on others.
   */
  async endAll(
    ctx: Context,
    userId: string,
    reason: SessionEndReason,
    keep: string | null = null,
  ): Promise<void> {
    await query(ctx, endAll, [userId, reason, keep]);
    afterCommit(ctx, () => ctx.auth?.forget(userId));
  },
};
