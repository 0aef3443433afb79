import { HeaderMap } from '@apollo/server';
import {
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../../domain/shared/context';
import { fragmentsOf } from '../fragments';
import type { PipelineOperation, RequestHook } from '../pipeline/hooks';
import { actualCost, requestedCost } from './cost';
import { throttleStatus, type BucketStore, type Taken } from './rate-limit';
import { unstorableTextErrors } from './unstorable-text';
import { badVariables, nestingProblem } from './variables';

/** Longest variables key whose cost is remembered. */
const MAX_KEY = 512;

export interface CostLimitOptions {
  maxCost: number;
  /** Where the callers' buckets live: this instance's memory, or Redis (`RedisBuckets`). */
  buckets: BucketStore;
}

/** Whose bucket a request spends from: the user, the API key, or the client address. */
function bucketKey(ctx: Context, address: string | undefined): string | null {
  const { viewer } = ctx;
  if (viewer.kind === 'admin-token' || viewer.kind === 'system') return null; // the operator's own credential
  if (viewer.kind === 'anonymous') return `ip:${address ?? 'unknown'}`;
  return `${viewer.kind}:${viewer.id}`;
}

/** What one admitted operation spends: its requested cost, from whose bucket. */
export interface Spending {
  requested: number;
  key: string | null;
  /** What the bucket answered when the cost was taken (none for the operator). */
  taken?: Taken & { ok: true };
}

/**
 * Query cost limits: each operation's requested cost is computed before it runs, on its
 * variables as execution will coerce them (bad or too deeply nested variables are refused here,
 * before anything walks them); one over `maxCost` is refused (QUERY_TOO_COMPLEX), and one over
 * what the caller's bucket holds too (RATE_LIMITED, HTTP 429 with Retry-After). Once the response
 * is known the bucket is charged what it actually cost: unused points come back, and a response
 * larger than requested costs the difference (with buckets in Redis: one round trip to take, one
 * to settle, none to settle an operation that cost what it asked for). It runs as the first hook
 * of the one request pipeline (`costHook`), which every transport runs: HTTP, the direct lane
 * and WebSocket.
 */
export class CostLimiter {
  private readonly buckets: BucketStore;
  private readonly costs = new WeakMap<object, Map<string, number>>();

  constructor(private readonly opts: CostLimitOptions) {
    this.buckets = opts.buckets;
  }

  /** Admits an operation or throws the GraphQL error that refuses it. */
  async admit(
    ctx: Context,
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): Promise<Spending> {
    // Checks every transport runs before anything else walks the variables (all iterative).
    const problem =
      nestingProblem(variables) ?? unstorableTextErrors(document, operation, variables)[0];
    if (problem) throw withStatus(problem, 400);
    const requested = this.requested(schema, document, operation, variables);
    if (requested > this.opts.maxCost) {
      throw new GraphQLError(
        `This query would cost ${requested} points; a query may cost at most ${this.opts.maxCost}. Ask for smaller pages or fewer nested connections.`,
        {
          extensions: {
            code: 'QUERY_TOO_COMPLEX',
            cost: { requestedQueryCost: requested, maximumQueryCost: this.opts.maxCost },
            http: { status: 400 },
          },
        },
      );
    }
    return this.spend(ctx, requested);
  }

  /**
   * Takes `requested` points from the caller's bucket up front, or throws the refusal
   * (RATE_LIMITED, HTTP 429 with Retry-After). GraphQL operations spend through `admit`; other
   * transports on the same buckets (Open311) price their requests themselves and call this;
   * `what` names the thing priced in the refusal.
   */
  async spend(ctx: Context, requested: number, what = 'query'): Promise<Spending> {
    const key = bucketKey(ctx, ctx.clientAddress);
    if (!key) return { requested, key };
    const taken = await this.buckets.take(key, requested);
    if (!taken.ok) {
      const headers = new HeaderMap([['retry-after', String(taken.retryAfterSeconds)]]);
      const status = throttleStatus(this.buckets, taken.available);
      throw new GraphQLError(
        `Rate limited: this ${what} costs ${requested} points and you have ${status.currentlyAvailable} left. Try again in ${taken.retryAfterSeconds} s.`,
        {
          extensions: {
            code: 'RATE_LIMITED',
            retryAfterSeconds: taken.retryAfterSeconds,
            cost: { requestedQueryCost: requested, throttleStatus: status },
            http: { status: 429, headers },
          },
        },
      );
    }
    return { requested, key, taken };
  }

  /** Charges what the operation actually cost; answers the response's `extensions.cost`. */
  async settle(spending: Spending, actual: number): Promise<Record<string, unknown>> {
    const { requested, key, taken } = spending;
    const available =
      key && taken ? await this.buckets.adjust(key, requested - actual, taken) : undefined;
    return {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      ...(available !== undefined
        ? { throttleStatus: throttleStatus(this.buckets, available) }
        : {}),
    };
  }

  /**
   * The cost depends on the document and its declared variables only: computed once for each
   * pair whose values are short (a key is never longer than `MAX_KEY`, nor more than 100 per
   * operation, so callers' variables cannot grow this memory).
   */
  private requested(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): number {
    const declared = (operation.variableDefinitions ?? []).map((d) => d.variable.name.value);
    const key = JSON.stringify(declared.map((name) => variables[name] ?? null));
    let known = this.costs.get(operation);
    if (!known) this.costs.set(operation, (known = new Map()));
    let requested = key.length <= MAX_KEY ? known.get(key) : undefined;
    if (requested === undefined) {
      // As execution will see them: defaults filled in. Variables that do not coerce are
      // refused here with graphql-js's messages, so no executor runs what was not priced.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
        maxErrors: 5,
      });
      if (coerced.errors) throw badVariables(coerced.errors.map((e) => e.message).join(' '));
      requested = requestedCost(schema, operation, fragmentsOf(document), coerced.coerced);
      if (known.size < 100 && key.length <= MAX_KEY) known.set(key, requested);
    }
    return requested;
  }
}

/**
 * The cost limiter as a request hook: an operation is admitted before it runs, and its bucket
 * charged what it actually cost once it ran (`extensions.cost`). An operation that did not run
 * is charged nothing; one that ran and has no data (a non-null root field failed) may still
 * have done all the work, so it is charged what it asked for.
 */
export function costHook(limiter: CostLimiter): RequestHook {
  const spent = new WeakMap<PipelineOperation, Spending>();
  return {
    name: 'cost',
    async willExecute(op) {
      spent.set(
        op,
        await limiter.admit(op.context, op.schema, op.document, op.operation, op.variables),
      );
    },
    async didExecute(op, { executed, data }) {
      const spending = spent.get(op);
      spent.delete(op);
      if (!spending?.requested) return;
      const actual = !executed ? 0 : data ? actualCost(data) : spending.requested;
      return { cost: await limiter.settle(spending, actual) };
    },
  };
}

/** The error, answered over HTTP with `status`. */
function withStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { ...error.extensions, http: { status } },
  });
}

/** The request names no operation of its document (GraphQL over HTTP: a 400 request error). */
export function unknownOperation(name: string | null | undefined): GraphQLError {
  return new GraphQLError(
    name != null
      ? `The document has no operation named "${name}".`
      : 'The document has several operations: name the one to run in "operationName".',
    { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
  );
}
