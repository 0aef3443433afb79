import type { LiveEvents } from './live';
import type { PluginSupport } from './plugins';
import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { Database } from '../../db/database';
import { Session } from '../../db/session';
import type { Statement } from '../../db/statement';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { streetSetting, type Viewer } from './viewer';

/**
 * What authentication lends a request: signing tokens and forgetting a cached user. Declared
 * here as a shape, since the kernel knows no area; the identity area's Authenticator is one.
 */
export interface Authentication {
  readonly tokens: {
    signAccess(
      userId: string,
      version: number,
      role: string,
      sessionId: string,
    ): Promise<{ token: string; expiresAt: Date }>;
    readonly options: {
      readonly refreshTtlSeconds: number;
      readonly passwordResetTtlSeconds?: number;
    };
  };
  forget(userId: string): void;
  /** The viewer a user's own credentials would give (for work done on their behalf). */
  userViewer(userId: string, version: number | null): Promise<Viewer>;
  /** Sign-in attempts: refused while an account or address is locked out (brute force). */
  readonly logins: {
    admit(account: string, address: string): Promise<void>;
    check(account: string, address: string, verify: () => Promise<boolean>): Promise<boolean>;
    failed(account: string, address: string): Promise<void>;
    succeeded(account: string): Promise<void>;
  };
}

/** A transaction a mutation runs in; every write and its domain events go through it. */
export interface Transaction {
  readonly manager: EntityManager;
  /** Statements queue here: the transaction has one connection, which runs one at a time. */
  tail: Promise<unknown>;
  /** Run once the transaction has committed, in order; never if it rolls back. */
  readonly afterCommit: (() => void | Promise<void>)[];
}

/**
 * Runs `fn` once the request's transaction has committed (never if it rolls back). Work that
 * must not happen for a change that did not happen goes here: a cache to forget, a wake-up.
 * Durable reactions to a change belong to the event stream instead (events/relay.ts).
 */
export function afterCommit(ctx: Context, fn: () => void | Promise<void>): void {
  if (!ctx.tx) throw new Error('afterCommit outside a transaction');
  ctx.tx.afterCommit.push(fn);
}

/**
 * The request context: the first argument of every service call. Repositories and SQL are
 * reached through it, so the viewer's scope and the request's transaction travel with the call.
 */
export interface Context {
  readonly requestId: string;
  readonly viewer: Viewer;
  /** The client's network address, for limits on anonymous callers and the audit log. */
  readonly clientAddress?: string;
  /** The client's `User-Agent`, cut to 300 characters: the device a sign-in shows. */
  readonly userAgent?: string;
  /**
   * The language the caller prefers (its `Accept-Language`): messages and user errors are
   * answered in it by the API layer. Services always write English; codes never change.
   */
  readonly locale?: 'en' | 'zh';
  readonly db: Database;
  /** The request's connection, scoped to the viewer's streets (row-level security). */
  readonly session: Session;
  readonly logger: Logger;
  /** Authentication: tokens, and the cache of signed-in users. */
  readonly auth?: Authentication;
  /**
   * The server's settings (config.ts), for rules that depend on them (which addresses a webhook
   * may call). Absent where a tool or test builds a context by hand: services then use defaults.
   */
  readonly config?: Config;
  /** Set inside `inTransaction`; writes without it are a bug. */
  readonly tx?: Transaction;
  /** Per-request memo of DataLoaders, keyed by their factory. */
  readonly loaders: Map<unknown, DataLoader<unknown, unknown>>;
  /**
   * When the changes of this context happen, if not now: the demo seed replays months of case
   * history through the services. Requests never set it.
   */
  readonly clock?: () => Date;
  /** Live updates, for subscription resolvers; set only on transports that push (WebSocket). */
  readonly live?: LiveEvents<Context>;
  /** The plugin host, when the server runs plugins (domain/shared/plugins.ts). */
  readonly plugins?: PluginSupport<Context>;
}

/** The time a change is stamped with: now, unless the context replays history (`clock`). */
export function nowOf(ctx: Context): Date {
  return ctx.clock ? ctx.clock() : new Date();
}

export type LoaderFactory<K, V> = (ctx: Context) => DataLoader<K, V>;

/** The request's loader made by `factory`: created on first use, shared for the request. */
export function loader<K, V>(ctx: Context, factory: LoaderFactory<K, V>): DataLoader<K, V> {
  let found = ctx.loaders.get(factory) as DataLoader<K, V> | undefined;
  if (!found) {
    found = factory(ctx);
    ctx.loaders.set(factory, found as DataLoader<unknown, unknown>);
  }
  return found;
}

/**
 * A loader of the request over `batch`, which answers the keys given (without duplicates) in
 * order. Its batches go out in waves (`waves`), and a key it has answered before is answered
 * again with the batch it is asked in, not ahead of it: so the statements a query costs follow its
 * shape, whatever the number of rows and whichever of them were read already.
 */
export function batchLoader<K, V, C = K>(
  ctx: Context,
  batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  options: { cacheKeyFn?: (key: K) => C } = {},
): DataLoader<K, V, C> {
  const keyOf = options.cacheKeyFn ?? ((key: K) => key as unknown as C);
  const known = new Map<C, V | Error>();
  return new DataLoader<K, V, C>(
    async (keys) => {
      const missing = new Map<C, K>();
      for (const key of keys) if (!known.has(keyOf(key))) missing.set(keyOf(key), key);
      if (missing.size > 0) {
        const asked = [...missing.values()];
        const values = await batch(asked);
        asked.forEach((key, i) => known.set(keyOf(key), values[i]!));
      }
      return keys.map((key) => known.get(keyOf(key))!);
    },
    // The memo above is the cache: DataLoader's own would answer a known key ahead of its batch.
    { cache: false, batchScheduleFn: waves(ctx.session) },
  );
}

const schedulers = new WeakMap<Session, (dispatch: () => void) => void>();

/**
 * Dispatches a session's loader batches in waves: a batch waits until no statement of the
 * request is waiting and every resolver that could run has run, so the loads that the rows of
 * all those statements bring join one batch per loader, instead of one batch per statement that
 * happened to answer first.
 */
function waves(session: Session): (dispatch: () => void) => void {
  let scheduler = schedulers.get(session);
  if (!scheduler) {
    let pending: (() => void)[] = [];
    const flush = async () => {
      for (;;) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const running = session.busy();
        if (!running) break;
        await running;
      }
      const due = pending;
      pending = [];
      for (const dispatch of due) dispatch();
    };
    scheduler = (dispatch) => {
      pending.push(dispatch);
      if (pending.length === 1) void flush();
    };
    schedulers.set(session, scheduler);
  }
  return scheduler;
}

/** Runs a read statement in the request's transaction if there is one, else on its session. */
export async function query<R>(
  ctx: Context,
  statement: Statement | string,
  params: readonly unknown[] = [],
): Promise<R[]> {
  if (ctx.tx) {
    // On the transaction's connection, named and prepared there once (Database.queryIn).
    const tx = ctx.tx;
    const run = tx.tail.then(() => ctx.db.queryIn<R>(tx.manager, statement, params));
    tx.tail = run.catch(() => undefined);
    return run;
  }
  return ctx.session.query<R>(statement, params);
}

/** A repository bound to the request's transaction. Throws outside one. */
export function repository<E extends ObjectLiteral>(
  ctx: Context,
  entity: EntityTarget<E>,
): Repository<E> {
  if (!ctx.tx) throw new Error('A write was attempted outside a transaction');
  return ctx.tx.manager.getRepository(entity);
}

/**
 * Runs `fn` in one transaction with a context bound to it. Loaders are fresh inside, so reads
 * see the transaction's own writes. A thrown error rolls everything back.
 */
export async function inTransaction<T>(ctx: Context, fn: (tx: Context) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx);
  // One connection per request at a time: the session's goes back before the transaction takes one.
  await ctx.session.release();
  const after: Transaction['afterCommit'] = [];
  const result = await ctx.db.transaction(
    ctx.session.streets,
    (manager) =>
      fn({
        ...ctx,
        tx: { manager, tail: Promise.resolve(), afterCommit: after },
        loaders: new Map(),
      }),
    ctx.session.signal,
  );
  for (const callback of after) {
    try {
      await callback();
    } catch (err) {
      // The change is committed: a failed follow-up is logged, never the request's failure.
      ctx.logger.error({ err }, 'an after-commit callback failed');
    }
  }
  return result;
}

/**
 * Runs `fn` in a transaction on behalf of `viewer` (a user completing a password reset before
 * they can sign in): its statements are scoped to that viewer's streets and audited as theirs.
 */
export async function onBehalfOf<T>(
  ctx: Context,
  viewer: Viewer,
  fn: (tx: Context) => Promise<T>,
): Promise<T> {
  const session = new Session(ctx.db, streetSetting(viewer), ctx.session.signal);
  try {
    return await inTransaction({ ...ctx, viewer, session, loaders: new Map() }, fn);
  } finally {
    await session.end();
  }
}
