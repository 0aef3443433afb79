import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config';
import type { Database } from './db/database';
import { JobRunner } from './db/jobs/queue';
import { RedisLink } from './db/redis';
import { BOARD_PATH, boardHttp } from './board/board.route';
import { AuditRetention } from './domain/audit/audit-retention';
import { OVERDUE_SWEEP_TASK } from './domain/case/case-overdue';
import { DOCS_PATH, docsHttp } from './docs/http';
import { docsDir } from './docs/site';
import { PublicError } from './domain/shared/errors';
import { jobHandlers, tasks, type SystemRunner } from './domain/shared/jobs';
import { systemViewer } from './domain/shared/viewer';
import { Authenticator } from './domain/identity/authenticator';
import { LoginThrottle, redisStore } from './domain/identity/login-throttle';
import { Tokens } from './domain/identity/tokens';
import {
  createContext,
  releaseContext,
  type ApiContext,
  type ContextDeps,
} from './graphql/context';
import { formatErrorWith, internalError, toGraphQLError } from './graphql/errors';
import { localeOf, localizeErrors, localizeUserErrors } from './graphql/localize';
import { translate } from './i18n';
import { checkReadModels } from './graphql/direct/check';
import { DirectReads } from './graphql/direct/read';
import type { ReadCatalog } from './graphql/relay/read-model';
import { sizeInBytes } from './graphql/http/body';
import { executorGateway, graphqlJsExecutor, jitExecutor } from './graphql/executor';
import {
  GRAPHIQL_ASSETS,
  graphiqlAssets,
  graphiqlPage,
  wantsGraphiQL,
} from './graphql/http/graphiql';
import { DEMO_PASSWORD, demoUsersPresent } from './seed/demo-users';
import { open311Http } from './graphql/http/open311/open311';
import { logRequest } from './graphql/http/request-log';
import { graphqlHttp, isGraphQLRequest } from './graphql/http/transport';
import { graphqlWs } from './graphql/ws';
import { loadTrustedDocuments, trustedDocuments } from './graphql/http/trusted-documents';
import { Admission } from './graphql/limits/admission';
import { CostLimiter, costHook } from './graphql/limits/plugin';
import { MemoryBuckets } from './graphql/limits/rate-limit';
import { RedisBuckets } from './graphql/limits/redis-buckets';
import { pipelinePlugin } from './graphql/pipeline/apollo';
import { RequestPipeline } from './graphql/pipeline/hooks';
import { serializeResult } from './graphql/pipeline/raw-json';
import { shapeRules } from './graphql/limits/shape';
import { buildApiSchema } from './graphql/schema';
import { EventCatalog } from './events/catalog';
import { LiveTail, type LiveSource } from './events/live-tail';
import { RedisFanout } from './events/redis-fanout';
import { SubscriptionHub } from './graphql/subscriptions/hub';
import { EventRelay } from './events/relay';
import type { Logger } from './logger';
import { PluginHost } from './host/host';
import { consumers, eventTypes, nodeFetchers, readModels, relations, resolvers } from './modules';
import { eventTypeRegistry } from './events/catalog';

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  adminToken?: string;
  /** Secret for access tokens; required unless tests or the embedded run supply one. */
  jwtSecret: string;
  /** The read models served in one statement; the modules' and plugins' by default. */
  readCatalog?: ReadCatalog;
  /**
   * The plugin host, its plugins migrated (`PluginHost.load`, then `migrate`); by default one
   * loaded from LIANXIN_PLUGINS, whose migrations must have run (`lianxin migrate`).
   */
  plugins?: PluginHost;
}

export interface App {
  readonly schema: GraphQLSchema;
  readonly express: Express;
  readonly http: Server;
  /**
   * The request hooks every GraphQL operation runs, over HTTP, the direct lane and WebSocket
   * (cost and rate limits first); `add` appends one.
   */
  readonly pipeline: RequestPipeline;
  /** Every domain event type; a wrong catalog fails here, at boot. */
  readonly events: EventCatalog;
  /** The plugins this instance runs, and those it refused. */
  readonly plugins: PluginHost;
  /** Subscriptions on this instance, fed by its live tail of the event stream (started by `listen`). */
  readonly subscriptions: SubscriptionHub;
  /** The audit log's retention schedule (started by `listen`). */
  readonly retention: AuditRetention;
  /**
   * This instance's job runner: started by `listen` unless JOBS_ENABLED is false (then `start`
   * it yourself), stopped by `stop`.
   */
  readonly jobs: JobRunner;
  /**
   * The connection to Redis when REDIS_URL is set: the rate limit's buckets and the sign-in
   * throttle's counters are shared through it (`db/redis.ts`).
   */
  readonly redis?: RedisLink;
  /**
   * This instance's outbox relay, handing the event stream to the modules' consumers (webhooks …)
   * each from its durable position: started by `listen` unless EVENTS_RELAY_ENABLED is false
   * (then `start` it, or `step` a consumer, yourself), stopped by `stop`.
   */
  readonly relay: EventRelay;
  /** Starts listening; resolves to the GraphQL endpoint URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Stops the relay (a batch in hand finishes), the job runner (running jobs finish or go back),
   * drains HTTP, stops Apollo, then closes the Redis connection. The database belongs to the caller.
   */
  stop(): Promise<void>;
}

let cachedSchema: GraphQLSchema | undefined;

/** The public schema; built once per process since type-graphql's metadata is global. */
export function apiSchema(): GraphQLSchema {
  return (cachedSchema ??= buildApiSchema({ resolvers, nodeFetchers }));
}

/** Builds the platform (app.ts builds, main listens): tests import this and listen on port 0. */
export async function createApp(opts: AppOptions): Promise<App> {
  const { config, logger, db } = opts;
  const host = opts.plugins ?? (await PluginHost.load(config.LIANXIN_PLUGINS, logger));
  // A plugin whose migrations did not run is left out (its tables would be missing).
  await host.verify(db);
  const built = host.build(
    db,
    { schema: apiSchema(), models: readModels, relations, fetchers: nodeFetchers },
    config.PLUGIN_REFRESH_MS,
    config.PLUGIN_RESOLVER_TIMEOUT_MS,
  );
  const schema = built.schema;
  const pluginEvents = host.eventTypes();
  const events = new EventCatalog([...eventTypes, ...pluginEvents]);
  // Webhooks check the types they are given against the process's registry.
  eventTypeRegistry.register(pluginEvents.filter((e) => !eventTypeRegistry.get(e.name)));
  await host.start();
  // Limits are shared across instances through Redis when it is configured; a Redis that cannot
  // be reached at start is a configuration error, one that goes away later is not (db/redis.ts).
  const redis = config.REDIS_URL
    ? await RedisLink.connect({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX, logger })
    : undefined;
  try {
    return await assemble(opts, schema, events, redis, host, built.catalog);
  } catch (error) {
    host.stop();
    await redis?.close();
    throw error;
  }
}

async function assemble(
  opts: AppOptions,
  schema: GraphQLSchema,
  events: EventCatalog,
  redis: RedisLink | undefined,
  host: PluginHost,
  hostedCatalog: ReadCatalog,
): Promise<App> {
  const { config, db, logger } = opts;
  const http = createServer({
    // A client must send its headers, and then its whole request, within these limits; Node
    // checks every second. A slow client holds only its socket meanwhile, never a turn.
    headersTimeout: Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS),
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: 1000,
  });
  const tokens = new Tokens({
    secret: opts.jwtSecret,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    passwordResetTtlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
    oidc:
      config.OIDC_ISSUER && config.OIDC_JWKS_URL
        ? {
            issuer: config.OIDC_ISSUER,
            jwksUrl: config.OIDC_JWKS_URL,
            audience: config.OIDC_AUDIENCE,
          }
        : undefined,
  });
  const logins = new LoginThrottle({
    failuresPerAccount: config.LOGIN_FAILURES_PER_ACCOUNT,
    failuresPerAddress: config.LOGIN_FAILURES_PER_ADDRESS,
    windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
    lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
    lockoutMaxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
    maxConcurrent: config.LOGIN_MAX_CONCURRENT,
    maxWaiting: config.LOGIN_MAX_WAITING,
    store: redis && redisStore(redis.client, redis.keyPrefix),
  });
  const auth = new Authenticator(db, tokens, logger, logins, opts.adminToken);
  // Background work runs as the system, on a context of its own.
  const asSystem: SystemRunner = async (work, origin) => {
    const ctx = createContext({ db, logger, auth, config }, systemViewer, origin);
    try {
      return await work(ctx);
    } finally {
      await releaseContext(ctx);
    }
  };
  const retention = new AuditRetention({
    days: config.AUDIT_RETENTION_DAYS,
    intervalMs: config.AUDIT_RETENTION_CHECK_SECONDS * 1000,
    logger,
    asSystem: (work) => asSystem(work),
  });
  const jobs = new JobRunner({
    // The server's login, not the app role: the queue's tables are the owner's.
    url: db.url,
    concurrency: config.JOBS_CONCURRENCY,
    pollIntervalMs: config.JOBS_POLL_INTERVAL_MS,
    // Running jobs get half the shutdown's time to finish before they are cancelled.
    shutdownGraceMs: Math.floor(config.SHUTDOWN_TIMEOUT_MS / 2),
    logger,
    handlers: () => jobHandlers(tasks, asSystem),
    // Cases and departments past their due times are marked overdue by a sweep, not a job each.
    recurring: { [OVERDUE_SWEEP_TASK]: config.CASE_OVERDUE_SWEEP_SECONDS },
  });
  // One relay per instance for every module's consumers; several instances share each
  // consumer's position (a row lock lets one batch through at a time).
  const relay = new EventRelay(db, logger);
  for (const consumer of consumers) relay.add(consumer);
  const deps: ContextDeps = {
    db,
    logger,
    auth,
    config,
    lookahead: config.GRAPHQL_LOOKAHEAD,
    plugins: host.plugins.length ? host.support(db) : undefined,
  };
  // Plugin hooks read the stream like any consumer, each at its own position.
  for (const consumer of host.consumers({
    db,
    logger,
    contextFor: (viewer) => createContext(deps, viewer),
    release: releaseContext,
  })) {
    relay.add(consumer);
  }
  // Hooks installed now start at the stream's head now, whenever the relay first steps them.
  await relay.position();

  const limiter = new CostLimiter({
    maxCost: config.GRAPHQL_MAX_COST,
    buckets: redis
      ? new RedisBuckets(redis, config.RATE_LIMIT_CAPACITY, config.RATE_LIMIT_RESTORE_PER_SECOND)
      : new MemoryBuckets(config.RATE_LIMIT_CAPACITY, config.RATE_LIMIT_RESTORE_PER_SECOND),
  });
  const pipeline = new RequestPipeline([costHook(limiter)]);
  // Both executors run behind Apollo's gateway hook, with direct reads in front of them.
  // Read models that do not match the schema refuse to start (graphql/direct/check.ts).
  const catalog = opts.readCatalog ?? hostedCatalog;
  checkReadModels(schema, catalog);
  localizeUserErrors(schema);
  const directReads = new DirectReads(schema, catalog);
  const executor =
    config.GRAPHQL_EXECUTOR === 'jit' ? jitExecutor(schema) : graphqlJsExecutor(schema);
  const apollo = new ApolloServer<ApiContext>({
    gateway: executorGateway(schema, directReads.executor(executor)),
    introspection: config.GRAPHQL_INTROSPECTION,
    // Trusted documents are ours (see trusted-documents.ts); Apollo's automatic persisted queries are off.
    persistedQueries: false,
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    validationRules: shapeRules({
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    }),
    // Our transport accepts only JSON POST bodies and runs no mutations over GET (see transport.ts).
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    // The CLI stops everything on signals in its own order; Apollo's handler would re-raise the
    // signal once Apollo stopped, killing the process before the database is stopped.
    stopOnTerminationSignals: false,
    formatError: formatErrorWith(logger),
    // Direct reads' JSON text goes into the body as it is (graphql/pipeline/raw-json.ts).
    stringifyResult: serializeResult,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      ApolloServerPluginCacheControlDisabled(),
      pipelinePlugin(pipeline),
      {
        // The request's connection goes back to the pool once the response is ready.
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue }) {
              // Not awaited: the reset need not delay the response (releaseContext never throws).
              void releaseContext(contextValue);
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const admission = new Admission({
    maxConcurrent: config.GRAPHQL_MAX_CONCURRENT,
    maxQueue: config.GRAPHQL_MAX_QUEUE,
    timeoutMs: config.GRAPHQL_QUEUE_TIMEOUT_MS,
  });
  // Each instance follows the event stream itself (LISTEN/NOTIFY wakes it), so a change made
  // through any instance reaches the subscribers of every one; with Redis, one instance follows
  // it and the others receive its batches through Redis (events/redis-fanout.ts).
  const tail: LiveSource = redis ? new RedisFanout(db, redis, logger) : new LiveTail(db, logger);
  const hub = new SubscriptionHub({
    tail,
    logger,
    knows: (type) => events.get(type) !== undefined,
    contextFor: (viewer) => createContext(deps, viewer),
    release: releaseContext,
    maxQueued: config.WS_MAX_QUEUED_EVENTS,
  });
  const ws = graphqlWs({
    hub,
    maxConnections: config.WS_MAX_CONNECTIONS,
    maxConnectionsPerCaller: config.WS_MAX_CONNECTIONS_PER_CALLER,
    maxBufferedBytes: config.WS_MAX_BUFFERED_BYTES,
    http,
    schema,
    deps,
    auth,
    logger,
    pipeline,
    admission,
    requestTimeoutMs: config.GRAPHQL_REQUEST_TIMEOUT_MS,
    maxOperationsPerSocket: config.WS_MAX_OPERATIONS_PER_SOCKET,
    maxPayloadBytes: sizeInBytes(config.GRAPHQL_MAX_BODY),
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    introspection: config.GRAPHQL_INTROSPECTION,
    trustedOnly:
      config.GRAPHQL_TRUSTED_DOCUMENTS && config.GRAPHQL_TRUSTED_DOCUMENTS_ONLY
        ? new Set(loadTrustedDocuments(config.GRAPHQL_TRUSTED_DOCUMENTS).values())
        : undefined,
    rules: shapeRules({
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
      maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    }),
  });

  const httpContext = async (req: IncomingMessage, signal: AbortSignal): Promise<ApiContext> => {
    try {
      return createContext(deps, await auth.viewerFor(req.headers.authorization), {
        clientAddress: req.socket.remoteAddress,
        userAgent: req.headers['user-agent'],
        locale: localeOf(req),
        signal,
      });
    } catch (error) {
      if (error instanceof PublicError) throw toGraphQLError(error, 401, localeOf(req));
      throw error;
    }
  };
  const graphql = graphqlHttp({
    apollo,
    admission,
    requestTimeoutMs: config.GRAPHQL_REQUEST_TIMEOUT_MS,
    maxBody: config.GRAPHQL_MAX_BODY,
    logger,
    trusted: config.GRAPHQL_TRUSTED_DOCUMENTS
      ? trustedDocuments({
          manifest: config.GRAPHQL_TRUSTED_DOCUMENTS,
          only: config.GRAPHQL_TRUSTED_DOCUMENTS_ONLY,
        })
      : undefined,
    context: httpContext,
    direct: { reads: directReads, schema, pipeline },
    maxTokens: config.GRAPHQL_MAX_TOKENS,
  });

  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are per caller and not revalidated, and hashing every body costs CPU.
  app.set('etag', false);
  app.set('trust proxy', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.ping();
      if (await db.hasPendingMigrations()) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  app.use(GRAPHIQL_ASSETS, graphiqlAssets());
  // The command centre's live case board (docs/board.md): a page that signs in like any client.
  app.use(BOARD_PATH, boardHttp({ demo: config.LIANXIN_SEED_DEMO }));
  // The guides and the API reference (docs/, rendered on first use; docs/reference by `npm run docs`).
  app.use(DOCS_PATH, docsHttp(docsDir));
  // Open311 GeoReport v2 (docs/open311.md): the same context, services, limits and buckets.
  app.use(
    '/open311/v2',
    open311Http({
      deps,
      auth,
      limiter,
      admission,
      requestTimeoutMs: config.GRAPHQL_REQUEST_TIMEOUT_MS,
      maxBody: config.GRAPHQL_MAX_BODY,
      logger,
    }),
  );
  // A browser asking for a page gets GraphiQL; everything else is the transport's.
  // GraphiQL offers the demo users' sign-in only where they are meant to be tried: the demo data
  // loaded (LIANXIN_SEED_DEMO) outside production, and the demo users there.
  const demoAccounts =
    config.LIANXIN_SEED_DEMO && config.NODE_ENV !== 'production'
      ? await asSystem((ctx) => demoUsersPresent(ctx))
      : [];
  const sendGraphiQL = graphiqlPage(
    demoAccounts.length ? { demo: { accounts: demoAccounts, password: DEMO_PASSWORD } } : {},
  );
  app.use('/graphql', (req, res) => (wantsGraphiQL(req) ? sendGraphiQL(res) : graphql(req, res)));
  app.use((req, res) => {
    res.status(404).json({
      errors: [
        {
          message: translate('Not found. The GraphQL endpoint is /graphql.', localeOf(req)),
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });
  // Last resort: never Express's HTML page with a stack trace.
  app.use(
    (error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const masked = internalError(logger, error, 'unhandled error in an HTTP request');
      if (res.headersSent) return;
      res.status(500).json({ errors: localizeErrors([masked], localeOf(req)) });
    },
  );
  // GraphQL requests go straight to the transport; Express serves the rest.
  http.on('request', (req, res) => {
    logRequest(logger, req, res);
    if (isGraphQLRequest(req)) graphql(req, res);
    else void app(req, res);
  });

  return {
    schema,
    events,
    plugins: host,
    express: app,
    http,
    pipeline,
    redis,
    listen(port = config.PORT, host = config.HOST) {
      return new Promise((resolve, reject) => {
        // A failure to listen is the caller's to report: the WebSocket server, which listens for
        // the HTTP server's errors, would print it as an internal error of its own.
        const others = http.listeners('error') as ((error: Error) => void)[];
        http.removeAllListeners('error');
        const restore = () => {
          http.removeAllListeners('error');
          for (const listener of others) http.on('error', listener);
        };
        http.once('error', (error) => {
          restore();
          reject(error);
        });
        http.listen(port, host, () => {
          restore();
          retention.start();
          if (config.EVENTS_RELAY_ENABLED) relay.start();
          const { port: bound } = http.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          const url = `http://${shownHost}:${bound}/graphql`;
          const started = tail.start();
          if (!config.JOBS_ENABLED) return void started.then(() => resolve(url), reject);
          // A server that cannot run its jobs does not start (its caller stops what did).
          started.then(() => jobs.start()).then(() => resolve(url), reject);
        });
      });
    },
    retention,
    jobs,
    subscriptions: hub,
    relay,
    async stop() {
      // The relay first: a batch it is handing over commits or rolls back before the pool goes.
      await relay.stop();
      await jobs.stop();
      await retention.stop();
      // WebSocket operations end first, then HTTP drains (Apollo's drain plugin), then Apollo.
      hub.close();
      await tail.stop();
      await ws.dispose();
      await apollo.stop();
      if (http.listening) await new Promise<void>((r) => http.close(() => r()));
      host.stop();
      // Last: operations that ended above settled their cost in it.
      await redis?.close();
    },
  };
}
