import type { Server } from 'node:http';
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../domain/identity/authenticator';
import type { Context } from '../domain/shared/context';
import { PublicError } from '../domain/shared/errors';
import type { Viewer } from '../domain/shared/viewer';
import type { Logger } from '../logger';
import { createContext, releaseContext, type ContextDeps } from './context';
import { formatErrorWith } from './errors';
import { fragmentsOf } from './fragments';
import { requestedCost } from './limits/cost';

export interface GraphQLWsOptions {
  http: Server;
  schema: GraphQLSchema;
  deps: ContextDeps;
  auth: Authenticator;
  logger: Logger;
  maxTokens: number;
  maxCost: number;
  rules: ValidationRule[];
}

/** What the server keeps per connection. */
type Extra = Record<PropertyKey, unknown> & { viewer?: Viewer; address?: string };

/**
 * GraphQL over WebSocket (the graphql-ws protocol) at `/graphql`, beside HTTP. Credentials come
 * in `connectionParams.authorization` ("Bearer …") or the upgrade request's header; a bad one
 * closes the socket with 4403. A document that does not parse or validate answers an `error`
 * message for that operation and keeps the socket open. Results carry masked errors, as over HTTP.
 * The same document limits apply, and the query cost maximum; the cost-based rate limit is for
 * HTTP requests.
 */
export function graphqlWs(opts: GraphQLWsOptions): { dispose(): Promise<void> } {
  const wss = new WebSocketServer({ server: opts.http, path: '/graphql' });
  const formatError = formatErrorWith(opts.logger);
  // Each operation has a request context of its own, released when the operation completes or
  // its socket closes.
  const operations = new WeakMap<object, Map<string, Context>>();
  const all = new Set<Map<string, Context>>();
  const opsOf = (ctx: object) => {
    let ops = operations.get(ctx);
    if (!ops) {
      operations.set(ctx, (ops = new Map()));
      all.add(ops);
    }
    return ops;
  };
  const releaseAll = async (ops: Map<string, Context> | undefined) => {
    if (!ops) return;
    for (const context of ops.values()) await releaseContext(context);
    ops.clear();
    all.delete(ops);
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema: opts.schema,
      async onConnect(ctx) {
        const given =
          ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization;
        try {
          ctx.extra.viewer = await opts.auth.viewerFor(
            typeof given === 'string' ? given : undefined,
          );
          ctx.extra.address = ctx.extra.request.socket.remoteAddress;
          return true;
        } catch (error) {
          if (error instanceof PublicError) return false; // 4403 Forbidden
          throw error;
        }
      },
      onSubscribe(ctx, id, payload) {
        let document;
        try {
          document = parse(payload.query, { maxTokens: opts.maxTokens });
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? error
              : new GraphQLError('The document could not be parsed.'),
          ];
        }
        const errors = validate(opts.schema, document, [...specifiedRules, ...opts.rules]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (operation) {
          const cost = requestedCost(
            opts.schema,
            operation,
            fragmentsOf(document),
            payload.variables ?? {},
          );
          if (cost > opts.maxCost) {
            return [
              new GraphQLError(
                `This query would cost ${cost} points; a query may cost at most ${opts.maxCost}.`,
                {
                  extensions: {
                    code: 'QUERY_TOO_COMPLEX',
                    cost: { requestedQueryCost: cost, maximumQueryCost: opts.maxCost },
                  },
                },
              ),
            ];
          }
        }
        const context = createContext(opts.deps, ctx.extra.viewer!, undefined, ctx.extra.address);
        opsOf(ctx).set(id, context);
        return {
          schema: opts.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: context,
        };
      },
      execute: (args) => execute(args),
      onNext(_ctx, _id, _payload, _args, result) {
        const r = result as ExecutionResult;
        if (!r.errors?.length) return result;
        return { ...r, errors: r.errors.map((e) => formatError(e.toJSON(), e)) } as never;
      },
      async onComplete(ctx, id) {
        const ops = operations.get(ctx);
        const context = ops?.get(id);
        ops?.delete(id);
        if (context) await releaseContext(context);
      },
      async onClose(ctx) {
        await releaseAll(operations.get(ctx));
      },
    },
    wss,
  );

  return {
    async dispose() {
      await cleanup.dispose();
      for (const ops of [...all]) await releaseAll(ops);
    },
  };
}
