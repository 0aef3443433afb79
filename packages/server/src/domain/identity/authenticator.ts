import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../../db/database';
import { sql } from '../../db/statement';
import type { Logger } from '../../logger';
import { PublicError } from '../shared/errors';
import { anonymousViewer, platformAdmin, type Role, type Viewer } from '../shared/viewer';
import type { LoginThrottle } from './login-throttle';
import { hashSecret, sameHash, Tokens } from './tokens';

export interface UserRow {
  id: string;
  role: Role;
  districtId: string | null;
  streetId: string | null;
  communityId: string | null;
  gridCode: string | null;
  departmentId: string | null;
  personId: string | null;
  duties: string[];
  tokenVersion: number;
  disabled: boolean;
  /** Sign-ins ended recently enough that access tokens issued for them may still be unexpired. */
  endedSessions: string[];
}

const userColumns = `u.id::text AS id, u.role, u.district_id::text AS "districtId", u.street_id::text AS "streetId",
  u.community_id::text AS "communityId", u.grid_code AS "gridCode", u.department_id::text AS "departmentId",
  u.person_id::text AS "personId", u.case_duties AS duties, u.token_version AS "tokenVersion", u.disabled_at IS NOT NULL AS disabled`;
const endedSessions = `ARRAY(SELECT s.family_id::text FROM user_session s WHERE s.user_id = u.id
  AND s.ended_at > now() - make_interval(secs => $2)) AS "endedSessions"`;
const userById = sql(
  'auth_user_by_id',
  `SELECT ${userColumns}, ${endedSessions} FROM app_user u WHERE u.id = $1`,
);
const userBySubject = sql(
  'auth_user_by_subject',
  `SELECT ${userColumns}, ${endedSessions} FROM app_user u WHERE u.external_subject = $1`,
);
const districtStreets = sql(
  'auth_district_streets',
  `SELECT id::text AS id FROM street WHERE district_id = $1 ORDER BY id`,
);
const keyByPrefix = sql(
  'auth_api_key',
  `SELECT id::text AS id, street_id::text AS "streetId", secret_hash AS "secretHash", scopes,
     revoked_at IS NOT NULL AS revoked, expires_at AS "expiresAt"
   FROM api_key WHERE prefix = $1`,
);
const touchKey = sql('auth_api_key_used', `UPDATE api_key SET last_used_at = now() WHERE id = $1`);

const CACHE_MS = 5000;
const API_KEY = /^lxk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{20,})$/;

const unauthenticated = (message: string) => new PublicError('UNAUTHENTICATED', message);

/**
 * Turns an `Authorization` header into a Viewer: the admin token, an API key (`lxk_…`), a Lianxin
 * access token, or a token of the configured OpenID provider. Users are re-read at most every few
 * seconds, so disabling a user or revoking their sessions takes effect at once on this instance.
 */
export class Authenticator {
  private readonly users = new Map<string, { row: UserRow; viewer: Viewer; at: number }>();
  private readonly keyUse = new Map<string, number>();

  constructor(
    private readonly db: Database,
    readonly tokens: Tokens,
    private readonly logger: Logger,
    /** Brute-force limits of password sign-in. */
    readonly logins: LoginThrottle,
    private readonly adminToken?: string,
  ) {}

  async viewerFor(authorization: string | undefined): Promise<Viewer> {
    if (!authorization) return anonymousViewer;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const token = match[1]!;
    if (this.adminToken && sameSecret(token, this.adminToken)) return platformAdmin;
    if (token.startsWith('lxk_')) return this.apiKeyViewer(token);
    const issuer = Tokens.issuerOf(token);
    if (this.tokens.isOwnIssuer(issuer)) {
      const claims = await this.tokens.verifyAccess(token);
      return this.userViewer(claims.userId, claims.version, claims.sessionId);
    }
    if (this.tokens.isOidcIssuer(issuer)) {
      const subject = await this.tokens.verifyOidc(token);
      const [row] = await this.db.query<UserRow>(userBySubject, [subject, this.sessionWindow()]);
      if (!row) throw unauthenticated('No Lianxin account is linked to this identity.');
      return this.userViewer(row.id, null);
    }
    throw unauthenticated('The bearer token is not valid.');
  }

  /**
   * The viewer of a user; `version` is the token version the credential was issued for,
   * `sessionId` the sign-in (a token of an ended sign-in is refused).
   */
  async userViewer(userId: string, version: number | null, sessionId?: string): Promise<Viewer> {
    const cached = this.users.get(userId);
    let entry = cached && Date.now() - cached.at < CACHE_MS ? cached : undefined;
    if (!entry) {
      const [row] = await this.db.query<UserRow>(userById, [userId, this.sessionWindow()]);
      if (!row) throw unauthenticated('The account of this token no longer exists.');
      entry = { row, viewer: await this.viewerOfRow(row), at: Date.now() };
      this.users.set(userId, entry);
    }
    if (entry.row.disabled) throw unauthenticated('This account is disabled.');
    if (version !== null && version !== entry.row.tokenVersion) {
      throw unauthenticated('This access token has been revoked; sign in again.');
    }
    if (!sessionId) return entry.viewer;
    if (entry.row.endedSessions.includes(sessionId)) {
      throw unauthenticated('This sign-in has ended; sign in again.');
    }
    return { ...entry.viewer, sessionId };
  }

  /** Seconds an access token lives: sign-ins ended longer ago have no live tokens left. */
  private sessionWindow(): number {
    return this.tokens.options.accessTtlSeconds + 60;
  }

  /** Told of every user forgotten: holders of checked credentials check them again. */
  private readonly forgetListeners = new Set<(userId: string) => void>();

  /** Calls `listener` with each user forgotten (disabled, signed out, changed). */
  onForget(listener: (userId: string) => void): () => void {
    this.forgetListeners.add(listener);
    return () => this.forgetListeners.delete(listener);
  }

  /** Drops a user from the cache after a change (disable, sign out everywhere). */
  forget(userId: string): void {
    this.users.delete(userId);
    for (const listener of this.forgetListeners) listener(userId);
  }

  private async viewerOfRow(row: UserRow): Promise<Viewer> {
    let streetIds: 'all' | string[];
    if (row.role === 'PLATFORM_ADMIN') streetIds = 'all';
    else if (row.role === 'DISTRICT_ADMIN') {
      streetIds = (await this.db.query<{ id: string }>(districtStreets, [row.districtId])).map(
        (s) => s.id,
      );
    } else streetIds = row.streetId ? [row.streetId] : [];
    return Object.freeze({
      kind: 'user',
      id: row.id,
      role: row.role,
      streetIds,
      ...(row.districtId ? { districtId: row.districtId } : {}),
      ...(row.gridCode ? { gridCode: row.gridCode } : {}),
      ...(row.communityId ? { communityId: row.communityId } : {}),
      ...(row.departmentId ? { departmentId: row.departmentId } : {}),
      ...(row.personId ? { personId: row.personId } : {}),
      ...(row.duties?.length ? { duties: Object.freeze([...row.duties]) } : {}),
    });
  }

  private async apiKeyViewer(token: string): Promise<Viewer> {
    const match = API_KEY.exec(token);
    if (!match) throw unauthenticated('The API key is malformed.');
    const [key] = await this.db.query<{
      id: string;
      streetId: string | null;
      secretHash: string;
      scopes: string[];
      revoked: boolean;
      expiresAt: Date | null;
    }>(keyByPrefix, [match[1]]);
    if (!key || !sameHash(hashSecret(match[2]!), key.secretHash))
      throw unauthenticated('The API key is not valid.');
    if (key.revoked) throw unauthenticated('This API key has been revoked.');
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now())
      throw unauthenticated('This API key has expired.');
    this.recordUse(key.id);
    return Object.freeze({
      kind: 'api-key',
      id: key.id,
      role: 'INTEGRATION',
      streetIds: key.streetId ? [key.streetId] : 'all',
      scopes: Object.freeze([...key.scopes]),
    });
  }

  /** Last-used time, written at most once a minute per key and off the request's path. */
  private recordUse(keyId: string): void {
    const last = this.keyUse.get(keyId) ?? 0;
    if (Date.now() - last < 60_000) return;
    this.keyUse.set(keyId, Date.now());
    this.db
      .query(touchKey, [keyId])
      .catch((err: unknown) => this.logger.warn({ err, keyId }, 'could not record API key use'));
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
