import type { Locale } from '../i18n/locale';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { Authenticator } from '../domain/identity/authenticator';
import { Session } from '../db/session';
import type { Context } from '../domain/shared/context';
import type { LiveEvents } from '../domain/shared/live';
import type { PluginSupport } from '../domain/shared/plugins';
import { streetSetting, type Viewer } from '../domain/shared/viewer';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * The request context as the GraphQL layer sees it: the domain's context, and what only the API
 * knows of (the domain's context knows no transport).
 */
export interface ApiContext extends Context {
  /** Whether resolvers may read a subtree ahead in one statement (on unless turned off). */
  readonly lookahead?: boolean;
  /**
   * Set by a transport that serializes results itself (graphql/http): a direct read may then
   * answer root fields as `RawJsonValue`s, JSON text it writes as it is. Others get parsed JSON.
   */
  rawJson?: boolean;
}

export interface ContextDeps {
  db: Database;
  logger: Logger;
  auth?: Authenticator;
  lookahead?: boolean;
  /** The server's settings, for services whose rules depend on them. */
  config?: Config;
  /** The plugin host, when plugins run. */
  plugins?: PluginSupport<Context>;
}

/** Where a request came from and how long it may work. */
export interface RequestOrigin {
  requestId?: string;
  /** The client's network address, for limits on anonymous callers. */
  clientAddress?: string;
  /** The client's `User-Agent` header. */
  userAgent?: string;
  /** The language the client prefers (`Accept-Language`, or a socket's `connectionParams`). */
  locale?: Locale;
  /** Aborts the request's work (client gone, time limit): its statements are cancelled. */
  signal?: AbortSignal;
  /** Live updates, on transports that push (WebSocket). */
  live?: LiveEvents<Context>;
}

/**
 * A fresh context for one request (HTTP operation or WebSocket message). Its session must be
 * released when the request ends (`releaseContext`).
 */
export function createContext(
  deps: ContextDeps,
  viewer: Viewer,
  origin: RequestOrigin = {},
): ApiContext {
  // The id and the request's logger are made when first asked for (an error, an audit entry,
  // a write): most reads never ask, and making them cost a few percent of a small query's CPU.
  let requestId = origin.requestId;
  let logger: Logger | undefined;
  return {
    get requestId() {
      return (requestId ??= randomUUID());
    },
    get logger() {
      return (logger ??= deps.logger.child({ requestId: this.requestId }));
    },
    viewer,
    clientAddress: origin.clientAddress,
    userAgent: origin.userAgent?.slice(0, 300),
    locale: origin.locale,
    db: deps.db,
    session: new Session(deps.db, streetSetting(viewer), origin.signal),
    auth: deps.auth,
    config: deps.config,
    lookahead: deps.lookahead,
    loaders: new Map(),
    live: origin.live,
    plugins: deps.plugins,
  };
}

export function releaseContext(ctx: Context): Promise<void> {
  return ctx.session.end();
}
