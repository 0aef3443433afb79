import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { Authenticator } from '../domain/identity/authenticator';
import { Session } from '../db/session';
import type { Context } from '../domain/shared/context';
import { streetSetting, type Viewer } from '../domain/shared/viewer';
import type { Logger } from '../logger';

export interface ContextDeps {
  db: Database;
  logger: Logger;
  auth?: Authenticator;
  lookahead?: boolean;
}

/**
 * A fresh context for one request (HTTP operation or WebSocket message). Its session must be
 * released when the request ends (`releaseContext`).
 */
export function createContext(
  deps: ContextDeps,
  viewer: Viewer,
  requestId = randomUUID(),
  clientAddress?: string,
): Context {
  return {
    requestId,
    viewer,
    clientAddress,
    db: deps.db,
    session: new Session(deps.db, streetSetting(viewer)),
    logger: deps.logger.child({ requestId }),
    auth: deps.auth,
    lookahead: deps.lookahead,
    loaders: new Map(),
  };
}

export function releaseContext(ctx: Context): Promise<void> {
  return ctx.session.end();
}
