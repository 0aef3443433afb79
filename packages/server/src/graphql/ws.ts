import type { Server } from 'node:http';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  SingleFieldSubscriptionsRule,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator } from '../domain/identity/authenticator';
import { Tokens } from '../domain/identity/tokens';
import type { Context } from '../domain/shared/context';
import { PublicError, requestCancelled, requestTimedOut } from '../domain/shared/errors';
import type { Viewer } from '../domain/shared/viewer';
import type { Logger } from '../logger';
import { createContext, releaseContext, type ApiContext, type ContextDeps } from './context';
import { formatErrorWith } from './errors';
import type { Admission } from './limits/admission';
import { unknownOperation } from './limits/plugin';
import { localeOfConnection, translate, type Locale } from '../i18n';
import { localizeErrors } from './localize';
import { SafeSingleFieldSubscriptionsRule } from './limits/subscription-root';
import type { PipelineOperation, RequestPipeline } from './pipeline/hooks';
import type { LiveDelivery } from '../domain/shared/live';
import {
  isLiveStream,
  viewerKey,
  type LiveConnection,
  type LiveStream,
  type SubscriptionHub,
} from './subscriptions/hub';

export interface GraphQLWsOptions {
  http: Server;
  schema: GraphQLSchema;
  deps: ContextDeps;
  auth: Authenticator;
  logger: Logger;
  /** The same request hooks as HTTP: cost and rate limits, and every hook added. */
  pipeline: RequestPipeline;
  /** The same turns as HTTP: an operation executes only when it has one. */
  admission: Admission;
  requestTimeoutMs: number;
  /** Bytes a socket may hold unsent (a client not reading) before it is closed (1013). */
  maxBufferedBytes: number;
  /** Operations one socket may have in flight at once. */
  maxOperationsPerSocket: number;
  /** Largest message, as the largest HTTP body. */
  maxPayloadBytes: number;
  maxTokens: number;
  rules: ValidationRule[];
  /** Introspection allowed (GRAPHQL_INTROSPECTION), as over HTTP. */
  introspection: boolean;
  /** With trusted documents only: the texts that may run, as over HTTP. */
  trustedOnly?: ReadonlySet<string>;
  /** Subscriptions' side of the event stream on this instance. */
  hub: SubscriptionHub;
  /** Open connections this instance accepts in all, and per caller (user, key, or address). */
  maxConnections: number;
  maxConnectionsPerCaller: number;
}

/** What the server keeps per connection. */
type Extra = Record<PropertyKey, unknown> & {
  readonly socket: WebSocket;
  /** The credential given at connection: checked again for every operation. */
  credential?: string;
  viewer?: Viewer;
  address?: string;
  operations?: Map<string, Operation>;
  /** Operations past the limit check but not yet in `operations` (checking credentials). */
  starting?: number;
  /** What its subscriptions see of it: its viewer, re-checked, and how to close it. */
  live?: LiveConnection;
  /** Whom it counts against in the per-caller limit. */
  caller?: string;
  /** The language it asked for (`connectionParams`, else the upgrade's Accept-Language). */
  locale?: Locale;
};

/** One operation in flight on a socket. */
interface Operation {
  context: ApiContext;
  /** Aborts the operation's work: its statements are cancelled. */
  stop: AbortController;
  /** Set once the pipeline let it through, until its hooks are told how it ended. */
  pending?: PipelineOperation;
  /** Set once the operation has its turn and executes. */
  started?: boolean;
  /** What the hooks add to the result's `extensions` (its cost). */
  extensions?: Record<string, unknown>;
  /** A subscription's viewer, document, operation and variables as one string, to share executions. */
  shareKey?: string;
  /** The operation's id and socket: subscriptions write their events themselves. */
  id?: string;
  socket?: WebSocket;
  live?: LiveConnection;
}

/** Executions of an event are shared by subscribers of the same viewer, language and document. */
const shareKeyOf = (context: ApiContext, args: ExecutionArgs) =>
  `${viewerKey(context.viewer)}\u0000${context.locale ?? 'en'}\u0000${documentKey(args)}`;

const documentKey = (args: ExecutionArgs) =>
  `${args.document.loc?.source.body ?? ''}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;

/** Close code for a credential that is (no longer) accepted: the protocol's 4403 Forbidden. */
const FORBIDDEN = CloseCode.Forbidden;

/**
 * GraphQL over WebSocket (the graphql-ws protocol) at `/graphql`, beside HTTP, with the same
 * limits. Credentials come in `connectionParams.authorization` ("Bearer …") or the upgrade
 * request's header; they are checked at connection and again for every operation, so a user
 * disabled or signed out, or a token that expired, closes the socket with 4403. A document that
 * does not parse or validate answers an `error` message for that operation and keeps the socket
 * open. Every operation passes the same cost limit and rate bucket as over HTTP, takes a turn of
 * the same admission, and runs under the same time limit; a socket may have only so many in
 * flight. Results carry masked errors, as over HTTP.
 */
export function graphqlWs(opts: GraphQLWsOptions): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({
    server: opts.http,
    path: '/graphql',
    maxPayload: opts.maxPayloadBytes,
  });
  const formatError = formatErrorWith(opts.logger);
  const rules = [
    ...specifiedRules.map((rule) =>
      rule === SingleFieldSubscriptionsRule ? SafeSingleFieldSubscriptionsRule : rule,
    ),
    ...opts.rules,
    ...(opts.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const format = (errors: readonly GraphQLError[], locale: Locale | undefined) =>
    errors.map((e) => {
      // `http` is for HTTP responses only.
      const { http: _http, ...extensions } = e.extensions;
      const formatted = formatError({ ...e.toJSON(), extensions }, e);
      return locale === 'zh'
        ? { ...formatted, message: translate(formatted.message, locale) }
        : formatted;
    });
  const open = new Set<Map<string, Operation>>();
  const byContext = new WeakMap<Context, Operation>();

  const finish = async (operations: Map<string, Operation> | undefined, id: string) => {
    const op = operations?.get(id);
    if (!op) return;
    operations!.delete(id);
    if (!op.stop.signal.aborted) op.stop.abort(requestCancelled());
    // Not yet running: it did not execute. Running: the execute wrapper reports it.
    if (op.pending && !op.started) {
      const pending = op.pending;
      op.pending = undefined;
      await opts.pipeline.didExecute(pending, { executed: false });
    }
    await releaseContext(op.context);
  };
  const finishAll = async (operations: Map<string, Operation> | undefined) => {
    if (!operations) return;
    for (const id of [...operations.keys()]) await finish(operations, id);
    open.delete(operations);
  };

  /** The viewer of the connection's credential now; closes the socket when it is refused. */
  const currentViewer = async (extra: Extra): Promise<Viewer | null> => {
    try {
      return await opts.auth.viewerFor(extra.credential);
    } catch (error) {
      if (!(error instanceof PublicError)) throw error;
      extra.socket.close(FORBIDDEN, closeReason(error.message));
      return null;
    }
  };

  /** Open connections per caller. */
  const callers = new Map<string, number>();
  /** How long a connection's viewer, once checked again, is taken as current. */
  const RECHECK_MS = 1000;

  /**
   * Credentials checked again, shared by the connections that carry them (a dashboard opens many):
   * a credential is checked at most once per RECHECK_MS, and at once when its token expires.
   */
  const checks = new Map<
    string,
    {
      at: number;
      expiresAt: number | null;
      viewer?: Viewer;
      refused?: string;
      pending?: Promise<void>;
      stale?: boolean;
    }
  >();
  // A user changed on this instance (disabled, signed out): their credentials are checked again
  // before the next event, not a moment later.
  const stopForgetting = opts.auth.onForget((userId) => {
    for (const check of checks.values()) {
      if (check.viewer?.kind === 'user' && check.viewer.id === userId) {
        check.at = 0;
        // A check in flight may have read the user before the change: it does not count.
        if (check.pending) check.stale = true;
      }
    }
  });
  const recheck = (credential: string | undefined) => {
    const key = credential ?? '';
    const now = Date.now();
    let check = checks.get(key);
    if (!check) {
      if (checks.size >= 100_000) {
        for (const [k, c] of checks) if (now - c.at > 60_000 && !c.pending) checks.delete(k);
      }
      check = { at: 0, expiresAt: Tokens.expiryOf(credential) };
      checks.set(key, check);
    }
    const expired =
      check.expiresAt !== null && now >= check.expiresAt && check.at < check.expiresAt;
    if (!check.pending && (expired || now - check.at >= RECHECK_MS)) {
      const c = check;
      c.pending = opts.auth.viewerFor(credential).then(
        (viewer) => {
          c.viewer = viewer;
          c.refused = undefined;
        },
        (error: unknown) => {
          if (error instanceof PublicError) c.refused = error.message;
          else
            opts.logger.warn({ err: error }, 'checking a subscriber again failed; kept as it was');
        },
      );
      void c.pending.finally(() => {
        c.at = c.stale ? 0 : Date.now();
        c.stale = false;
        c.pending = undefined;
      });
    }
    return check;
  };

  const liveConnection = (extra: Extra): LiveConnection => {
    const settle = (check: ReturnType<typeof recheck>): Viewer | null => {
      if (check.refused) {
        extra.socket.close(FORBIDDEN, closeReason(check.refused));
        return null;
      }
      if (check.viewer) extra.viewer = check.viewer;
      return extra.viewer ?? null;
    };
    return {
      currentViewer() {
        if (extra.socket.readyState !== extra.socket.OPEN) return null;
        const check = recheck(extra.credential);
        return check.pending ? check.pending.then(() => settle(check)) : settle(check);
      },
      overflowed(waiting) {
        opts.logger.info(
          { waiting, address: extra.address },
          'closing a subscriber that fell behind',
        );
        extra.socket.close(
          1013,
          `Too slow: ${waiting} events were waiting to be sent; reconnect and resume from your last cursor`,
        );
      },
    };
  };

  /** Results of one event for one document and viewer, shared by all who subscribed alike. */
  const executions = new WeakMap<LiveDelivery, Map<string, string | Promise<string>>>();
  /**
   * One event's result for one document and viewer, as the JSON of a `next` message's payload,
   * shared by all who subscribed alike: executed and serialized once (the text itself once it
   * is there, so the rest take it without waiting a turn).
   */
  const executeShared = (
    delivery: LiveDelivery,
    args: ExecutionArgs,
    op: Operation,
  ): string | Promise<string> => {
    const viewer = op.context.viewer;
    // Built once per operation (a long string: hashing a new one per event costs).
    const key = (op.shareKey ??= shareKeyOf(op.context, args));
    let results = executions.get(delivery);
    if (!results) executions.set(delivery, (results = new Map()));
    const known = results.get(key);
    if (known !== undefined) return known;
    const pending = (async () => {
      const context = createContext(opts.deps, viewer, {
        signal: AbortSignal.timeout(opts.requestTimeoutMs),
        locale: op.context.locale,
      });
      let r: ExecutionResult;
      try {
        r = (await execute({
          ...args,
          rootValue: delivery,
          contextValue: context,
        })) as ExecutionResult;
      } catch (error) {
        r = { errors: [toError(error)] };
      } finally {
        await releaseContext(context);
      }
      const text = JSON.stringify(
        r.errors?.length ? { ...r, errors: format(r.errors, op.context.locale) } : r,
      );
      results.set(key, text);
      return text;
    })();
    results.set(key, pending);
    return pending;
  };

  /**
   * Sends a subscription's events as `next` messages straight to its socket, each the shared
   * payload text in this operation's envelope (graphql-ws would serialize every one again): a
   * hub subscription takes a sink (the hub hands it each batch's deliveries at once, ready), any
   * other source is iterated. The socket's own buffer is the back-pressure: past
   * `maxBufferedBytes` (a client that stopped reading) the connection is closed, like a queue
   * past its limit. The iterator handed to graphql-ws yields nothing: it ends when the
   * subscription does, and graphql-ws then sends `complete`.
   */
  const pump = (
    source: AsyncIterable<LiveDelivery>,
    args: ExecutionArgs,
    op: Operation,
  ): AsyncIterableIterator<ExecutionResult> => {
    const it = source[Symbol.asyncIterator]();
    const envelope = `{"id":${JSON.stringify(op.id)},"type":"next","payload":`;
    const done = isLiveStream(source)
      ? attachSink(source, it, args, op, envelope)
      : iterateInto(it, args, op, envelope);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        await done;
        return { done: true, value: undefined };
      },
      async return() {
        await it.return?.();
        return { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        await it.return?.();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  };

  /**
   * The hub hands this operation's deliveries to a sink: each made ready once for all who
   * subscribed alike (`prepare`), then written straight to the socket in this operation's
   * envelope. Resolves when the subscription ends.
   */
  const attachSink = (
    source: LiveStream,
    it: AsyncIterator<LiveDelivery>,
    args: ExecutionArgs,
    op: Operation,
    envelope: string,
  ): Promise<void> =>
    new Promise<void>((resolve) => {
      const socket = op.socket!;
      const texts = new WeakMap<LiveDelivery, string>();
      source.attach({
        prepare(delivery) {
          const shared = executeShared(delivery, args, op);
          if (typeof shared === 'string') {
            texts.set(delivery, shared);
            return undefined;
          }
          return shared.then((text) => void texts.set(delivery, text));
        },
        send(delivery) {
          const payload = texts.get(delivery);
          if (payload === undefined || socket.readyState !== socket.OPEN) return;
          socket.send(`${envelope}${payload}}`);
          if (socket.bufferedAmount > opts.maxBufferedBytes) {
            const waiting = socket.bufferedAmount;
            void it.return?.();
            op.live?.overflowed(waiting);
          }
        },
        ended: () => resolve(),
      });
    });

  /** The same for a source that is only iterable: each delivery in turn. */
  const iterateInto = (
    it: AsyncIterator<LiveDelivery>,
    args: ExecutionArgs,
    op: Operation,
    envelope: string,
  ): Promise<void> => {
    const socket = op.socket!;
    return (async () => {
      for (;;) {
        const step = await it.next();
        if (step.done || socket.readyState !== socket.OPEN) return;
        const shared = executeShared(step.value, args, op);
        const payload = typeof shared === 'string' ? shared : await shared;
        if (socket.readyState !== socket.OPEN) return;
        socket.send(`${envelope}${payload}}`);
        if (socket.bufferedAmount > opts.maxBufferedBytes) {
          await it.return?.();
          op.live?.overflowed(socket.bufferedAmount);
          return;
        }
      }
    })().catch((err: unknown) => {
      opts.logger.error({ err }, 'a subscription failed to send an event');
    });
  };

  // Connections past the instance's limit are refused at once: 4429, as for too many callers.
  wss.on('connection', (socket) => {
    if (wss.clients.size > opts.maxConnections) {
      socket.close(
        CloseCode.TooManyInitialisationRequests,
        `Too many connections: this server takes at most ${opts.maxConnections}`,
      );
    }
  });

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: opts.schema,
      async onConnect(ctx) {
        ctx.extra.locale = localeOfConnection(
          ctx.connectionParams,
          ctx.extra.request.headers['accept-language'],
        );
        const given =
          ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        ctx.extra.credential = typeof given === 'string' ? given : undefined;
        try {
          ctx.extra.viewer = await opts.auth.viewerFor(ctx.extra.credential);
        } catch (error) {
          if (!(error instanceof PublicError)) throw error;
          // 4403 Forbidden, saying why.
          ctx.extra.socket.close(FORBIDDEN, closeReason(error.message));
          return false;
        }
        ctx.extra.address = ctx.extra.request.socket.remoteAddress;
        const viewer = ctx.extra.viewer;
        const caller =
          viewer.kind === 'anonymous'
            ? `address:${ctx.extra.address}`
            : `${viewer.kind}:${viewer.id}`;
        const held = callers.get(caller) ?? 0;
        if (held >= opts.maxConnectionsPerCaller) {
          ctx.extra.socket.close(
            CloseCode.TooManyInitialisationRequests,
            `Too many connections: at most ${opts.maxConnectionsPerCaller} per caller`,
          );
          return false;
        }
        callers.set(caller, held + 1);
        ctx.extra.caller = caller;
        ctx.extra.live = liveConnection(ctx.extra);
        ctx.extra.operations = new Map();
        open.add(ctx.extra.operations);
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const extra = ctx.extra;
        const operations = extra.operations!;
        // Counted before anything is awaited, so a burst of messages cannot pass the check at once.
        if (operations.size + (extra.starting ?? 0) >= opts.maxOperationsPerSocket) {
          return [
            new GraphQLError(
              `At most ${opts.maxOperationsPerSocket} operations may run at once on one connection; wait for one to finish.`,
              { extensions: { code: 'RATE_LIMITED' } },
            ),
          ];
        }
        extra.starting = (extra.starting ?? 0) + 1;
        let viewer: Viewer | null;
        try {
          viewer = await currentViewer(extra);
        } finally {
          extra.starting--;
        }
        if (!viewer) {
          return [
            new GraphQLError('The credential is no longer accepted; sign in again.', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        }
        if (opts.trustedOnly && !opts.trustedOnly.has(payload.query)) {
          return [
            new GraphQLError(
              'This server runs trusted documents only: send the text of a trusted document.',
              { extensions: { code: 'PERSISTED_QUERY_REQUIRED' } },
            ),
          ];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: opts.maxTokens });
        } catch (error) {
          const message =
            error instanceof GraphQLError ? error.message : 'The document could not be parsed.';
          return [
            new GraphQLError(message, {
              nodes: (error as GraphQLError).nodes,
              source: (error as GraphQLError).source,
              positions: (error as GraphQLError).positions,
              extensions: { code: 'GRAPHQL_PARSE_FAILED' },
            }),
          ];
        }
        const errors = validate(opts.schema, document, rules);
        if (errors.length) {
          return errors.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions },
              }),
          );
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [unknownOperation(payload.operationName)];
        const stop = new AbortController();
        const context = createContext(opts.deps, viewer, {
          clientAddress: ctx.extra.address,
          userAgent: ctx.extra.request.headers['user-agent'],
          locale: extra.locale,
          signal: stop.signal,
          live: opts.hub.forConnection(extra.live!),
        });
        const op: Operation = { context, stop, id, socket: extra.socket, live: extra.live };
        operations.set(id, op);
        byContext.set(context, op);
        const pending: PipelineOperation = {
          via: 'ws',
          context,
          schema: opts.schema,
          document,
          operation,
          variables: payload.variables ?? {},
        };
        try {
          await opts.pipeline.willExecute(pending);
          op.pending = pending;
        } catch (error) {
          await finish(operations, id);
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: context,
        } satisfies ExecutionArgs;
      },
      execute: async (args: ExecutionArgs) => {
        const op = byContext.get(args.contextValue as Context)!;
        let release: () => void;
        try {
          release = await opts.admission.acquire(op.stop.signal);
        } catch (error) {
          return { errors: [error instanceof GraphQLError ? error : toError(error)] };
        }
        op.started = true;
        const timer = setTimeout(
          () => op.stop.abort(requestTimedOut(opts.requestTimeoutMs)),
          opts.requestTimeoutMs,
        );
        try {
          const result = (await execute(args)) as ExecutionResult;
          // Reported here, whether or not the client still waits for the answer (a `complete`
          // sent mid-query does not stop the charge).
          if (op.pending) {
            const pending = op.pending;
            op.pending = undefined;
            op.extensions = await opts.pipeline.didExecute(pending, {
              executed: true,
              data: result.data,
            });
          }
          return result;
        } finally {
          clearTimeout(timer);
          release();
          // Resolvers still running once the answer is out may start no more statements.
          if (!op.stop.signal.aborted) op.stop.abort(requestCancelled());
        }
      },
      // Subscriptions: the source stream is set up with the operation's context (its checks and
      // reads), which is then released; each event is executed once per document and viewer,
      // however many subscribed alike, on a short-lived context of that viewer.
      subscribe: async (args: ExecutionArgs) => {
        const op = byContext.get(args.contextValue as Context)!;
        op.started = true;
        let source: Awaited<ReturnType<typeof createSourceEventStream>>;
        try {
          source = await createSourceEventStream(args);
        } catch (error) {
          return { errors: [error instanceof GraphQLError ? error : toError(error)] };
        } finally {
          if (op.pending) {
            const pending = op.pending;
            op.pending = undefined;
            op.extensions = await opts.pipeline.didExecute(pending, { executed: true });
          }
          await releaseContext(op.context);
        }
        if (!(Symbol.asyncIterator in source)) return source;
        // Made now, not when the first event comes (with many subscribers, in the same moment).
        op.shareKey = shareKeyOf(op.context, args);
        return pump(source as AsyncIterable<LiveDelivery>, args, op);
      },
      onNext(ctx, id, _payload, _args, result) {
        const r = result as ExecutionResult;
        const op = ctx.extra.operations?.get(id);
        let extensions = r.extensions;
        if (op?.extensions) extensions = { ...extensions, ...op.extensions };
        return {
          ...r,
          ...(r.errors?.length ? { errors: format(r.errors, ctx.extra.locale) } : {}),
          ...(extensions ? { extensions } : {}),
        } as never;
      },
      onError(ctx, _id, _payload, errors) {
        let formatted = format(errors, undefined);
        // As over HTTP: no field suggestions for callers that did not sign in (taken out of the
        // English message, before it is translated).
        if (ctx.extra.viewer?.kind === 'anonymous') {
          formatted = formatted.map((e) => ({
            ...e,
            message: e.message.replace(/ Did you mean .*\?$/, ''),
          }));
        }
        return localizeErrors(formatted, ctx.extra.locale) as typeof formatted;
      },
      async onComplete(ctx, id) {
        await finish(ctx.extra.operations, id);
      },
      async onClose(ctx) {
        const caller = ctx.extra.caller;
        if (caller) {
          ctx.extra.caller = undefined;
          const held = (callers.get(caller) ?? 1) - 1;
          if (held > 0) callers.set(caller, held);
          else callers.delete(caller);
        }
        await finishAll(ctx.extra.operations);
      },
    },
    wss,
  );

  // A socket's protocol errors (a message over the size limit, a bad frame) are the client's:
  // the ws library has already closed the socket with their code (1009, 1002). graphql-ws would
  // print each to the console as an internal error; they are logged here as what they are.
  // Registered after graphql-ws's own listener, which it replaces.
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (err) =>
      opts.logger.debug({ err }, 'a WebSocket client broke the protocol; its socket is closed'),
    );
  });

  return {
    async dispose() {
      stopForgetting();
      await cleanup.dispose();
      for (const ops of [...open]) await finishAll(ops);
    },
  };
}

/** A WebSocket close reason is at most 123 bytes. */
function closeReason(message: string): string {
  let reason = `Forbidden: ${message}`;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

function toError(error: unknown): GraphQLError {
  if (error instanceof PublicError)
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  return new GraphQLError('Internal server error.', { originalError: error as Error });
}
