import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import {
  getOperationAST,
  type DocumentNode,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../domain/shared/context';

/**
 * A direct read answers a whole operation of a known shape with one SQL statement in which
 * PostgreSQL builds the response data, skipping per-object execution. It returns null for any
 * operation it does not fully understand, which then runs the ordinary way; tests hold its
 * answers to the ordinary ones.
 */
export interface DirectRead {
  /** What this read would do for the operation, or null; computed once per document. */
  plan(operation: OperationDefinitionNode): unknown | null;
  run(
    ctx: Context,
    plan: unknown,
    variables: Record<string, unknown>,
  ): Promise<Record<string, unknown> | null>;
}

/** Puts direct reads in front of an executor. */
export function withDirectReads(
  executor: GatewayExecutor,
  reads: readonly DirectRead[],
): GatewayExecutor {
  const plans = new WeakMap<
    DocumentNode,
    Map<string, { read: DirectRead; plan: unknown } | null>
  >();
  return async (rc) => {
    const ctx = rc.context as Context;
    if (ctx.lookahead !== false && reads.length) {
      let byName = plans.get(rc.document);
      if (!byName) plans.set(rc.document, (byName = new Map()));
      const name = rc.operationName ?? '';
      let found = byName.get(name);
      if (found === undefined) {
        const operation = getOperationAST(rc.document, rc.operationName);
        found = null;
        for (const read of operation?.operation === 'query' ? reads : []) {
          const plan = read.plan(operation!);
          if (plan !== null) {
            found = { read, plan };
            break;
          }
        }
        byName.set(name, found);
      }
      if (found) {
        const data = await found.read.run(ctx, found.plan, rc.request.variables ?? {});
        if (data) return { data } satisfies ExecutionResult;
      }
    }
    return executor(rc);
  };
}
