import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import type { Context } from '../../domain/shared/context';
import { actualCost, requestedCost } from './cost';
import { CostBuckets } from './rate-limit';

export interface CostLimitOptions {
  maxCost: number;
  capacity: number;
  restorePerSecond: number;
}

/** Whose bucket a request spends from: the user, the API key, or the client address. */
function bucketKey(ctx: Context, address: string | undefined): string | null {
  const { viewer } = ctx;
  if (viewer.kind === 'admin-token' || viewer.kind === 'system') return null; // the operator's own credential
  if (viewer.kind === 'anonymous') return `ip:${address ?? 'unknown'}`;
  return `${viewer.kind}:${viewer.id}`;
}

/**
 * Computes each operation's requested cost before it runs, refuses one over `maxCost`
 * (QUERY_TOO_COMPLEX) or over what the caller's bucket holds (RATE_LIMITED, HTTP 429 with
 * Retry-After), and reports `extensions.cost` on every response. Also hides field suggestions
 * ("Did you mean …?") from callers that did not sign in, so the schema cannot be guessed field by field.
 */
export function costLimitPlugin(opts: CostLimitOptions): ApolloServerPlugin<Context> {
  const buckets = new CostBuckets(opts.capacity, opts.restorePerSecond);
  const costs = new WeakMap<object, Map<string, number>>();
  return {
    async requestDidStart() {
      let requested = 0;
      let key: string | null = null;
      return {
        async didResolveOperation({ operation, document, request, contextValue, schema }) {
          if (!operation) return;
          // The cost depends on the document and its variables only: computed once for each pair.
          const variables = request.variables ?? {};
          const variablesKey = JSON.stringify(variables);
          let known = costs.get(operation);
          if (!known) costs.set(operation, (known = new Map()));
          requested = known.get(variablesKey) ?? -1;
          if (requested < 0) {
            const fragments = Object.fromEntries(
              document.definitions
                .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
                .map((f) => [f.name.value, f]),
            );
            requested = requestedCost(schema, operation, fragments, variables);
            if (known.size < 100) known.set(variablesKey, requested);
          }
          if (requested > opts.maxCost) {
            throw new GraphQLError(
              `This query would cost ${requested} points; a query may cost at most ${opts.maxCost}. Ask for smaller pages or fewer nested connections.`,
              {
                extensions: {
                  code: 'QUERY_TOO_COMPLEX',
                  cost: { requestedQueryCost: requested, maximumQueryCost: opts.maxCost },
                  http: { status: 400 },
                },
              },
            );
          }
          key = bucketKey(contextValue, contextValue.clientAddress);
          if (!key) return;
          const taken = buckets.take(key, requested);
          if (!taken.ok) {
            const headers = new HeaderMap([['retry-after', String(taken.retryAfterSeconds)]]);
            throw new GraphQLError(
              `Rate limited: this query costs ${requested} points and you have ${buckets.status(key).currentlyAvailable} left. Try again in ${taken.retryAfterSeconds} s.`,
              {
                extensions: {
                  code: 'RATE_LIMITED',
                  retryAfterSeconds: taken.retryAfterSeconds,
                  cost: { requestedQueryCost: requested, throttleStatus: buckets.status(key) },
                  http: { status: 429, headers },
                },
              },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (contextValue.viewer.kind === 'anonymous' && result.errors) {
            result.errors = result.errors.map((e) =>
              e.message.includes('Did you mean')
                ? { ...e, message: e.message.replace(/ Did you mean .*\?$/, '') }
                : e,
            );
          }
          if (!requested) return;
          const actual = result.data ? actualCost(result.data) : 0;
          if (key) buckets.refund(key, requested - actual);
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: requested,
              actualQueryCost: actual,
              ...(key ? { throttleStatus: buckets.status(key) } : {}),
            },
          };
        },
      };
    },
  };
}
