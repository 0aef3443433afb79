import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database';
import type { Context } from '../domain/shared/context';
import { PublicError } from '../domain/shared/errors';
import { anonymousViewer, platformAdmin, type Viewer } from '../domain/shared/viewer';
import type { Logger } from '../logger';

export interface ContextDeps {
  db: Database;
  logger: Logger;
  /** Bearer token that acts as the platform administrator; unset disables it. */
  adminToken?: string;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Works out who is calling from the `Authorization` header. */
export function authenticate(deps: ContextDeps, authorization: string | undefined): Viewer {
  if (!authorization) return anonymousViewer;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) {
    throw new PublicError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>".');
  }
  if (deps.adminToken && sameSecret(match[1]!, deps.adminToken)) return platformAdmin;
  throw new PublicError('UNAUTHENTICATED', 'The bearer token is not valid.');
}

/** A fresh context for one request (HTTP operation or WebSocket message). */
export function createContext(
  deps: ContextDeps,
  viewer: Viewer,
  requestId = randomUUID(),
): Context {
  return {
    requestId,
    viewer,
    db: deps.db,
    logger: deps.logger.child({ requestId }),
    loaders: new Map(),
  };
}
