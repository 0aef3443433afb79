import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  SignJWT,
  type JWTVerifyGetKey,
} from 'jose';
import { PublicError } from '../shared/errors';

const ISSUER = 'lianxin';
const AUDIENCE = 'lianxin-api';

export interface TokenOptions {
  /** HMAC secret for access tokens (HS256), at least 32 characters. */
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** How long a password reset token works (default an hour). */
  passwordResetTtlSeconds?: number;
  oidc?: { issuer: string; jwksUrl: string; audience?: string };
}

export interface AccessClaims {
  userId: string;
  version: number;
  /** The sign-in the token was issued for; absent in tokens issued before sessions were rows. */
  sessionId?: string;
}

const unauthenticated = (message: string) => new PublicError('UNAUTHENTICATED', message);

/** SHA-256 of a high-entropy secret (API keys, refresh tokens): fast, and enough for random secrets. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Short-lived access tokens (JWT, HS256, signed with the server's secret), opaque refresh
 * tokens, and verification of tokens from an external OpenID provider against its JWKS.
 */
export class Tokens {
  private readonly key: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(readonly options: TokenOptions) {
    this.key = new TextEncoder().encode(options.secret);
    if (options.oidc) this.jwks = createRemoteJWKSet(new URL(options.oidc.jwksUrl));
  }

  async signAccess(
    userId: string,
    version: number,
    role: string,
    /** The sign-in the token belongs to; tokens made outside a sign-in (tests, tools) have none. */
    sessionId?: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.options.accessTtlSeconds * 1000);
    const token = await new SignJWT({
      ver: version,
      role,
      ...(sessionId ? { sid: sessionId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The issuer a JWT claims, without verifying it; null if it is not a JWT. */
  static issuerOf(token: string): string | null {
    if (token.split('.').length !== 3) return null;
    try {
      return decodeJwt(token).iss ?? null;
    } catch {
      return null;
    }
  }

  /** When a bearer token's `exp` says it expires (ms since the epoch), read unverified; null if none. */
  static expiryOf(authorization: string | undefined): number | null {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token || token.split('.').length !== 3) return null;
    try {
      const exp = decodeJwt(token).exp;
      return typeof exp === 'number' ? exp * 1000 : null;
    } catch {
      return null;
    }
  }

  isOwnIssuer(issuer: string | null): boolean {
    return issuer === ISSUER;
  }

  isOidcIssuer(issuer: string | null): boolean {
    return Boolean(this.options.oidc && issuer === this.options.oidc.issuer);
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (!payload.sub || typeof payload.ver !== 'number')
        throw unauthenticated('The access token is not valid.');
      const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
      return { userId: payload.sub, version: payload.ver, sessionId };
    } catch (error) {
      throw this.explain(error, 'access token');
    }
  }

  /** Verifies a token of the configured OpenID provider; returns `issuer|subject`. */
  async verifyOidc(token: string): Promise<string> {
    const oidc = this.options.oidc!;
    try {
      const { payload } = await jwtVerify(token, this.jwks!, {
        issuer: oidc.issuer,
        audience: oidc.audience,
      });
      if (!payload.sub) throw unauthenticated('The identity token has no subject.');
      return `${oidc.issuer}|${payload.sub}`;
    } catch (error) {
      throw this.explain(error, 'identity token');
    }
  }

  private explain(error: unknown, what: string): Error {
    if (error instanceof PublicError) return error;
    if (error instanceof errors.JWTExpired)
      return unauthenticated(`The ${what} has expired; get a new one.`);
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
      return new PublicError(
        'UNAVAILABLE',
        'The identity provider could not be reached; try again.',
      );
    }
    return unauthenticated(`The ${what} is not valid.`);
  }
}
