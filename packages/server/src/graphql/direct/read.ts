import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import {
  getOperationAST,
  getVariableValues,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { query, type Context } from '../../domain/shared/context';
import { PublicError } from '../../domain/shared/errors';
import { Planner, type Entry, type Fragments } from './plan';
import { Build, objectOf } from './sql';
import type { DirectRoots } from './types';

/**
 * A direct read answers a whole query operation with one SQL statement in which PostgreSQL
 * builds the response data, skipping per-object execution: measured here, the hot nested queries
 * cost a third of the Node CPU that way. It answers only operations it fully understands (the
 * fields the domain's direct types describe, first pages, no directives); every other operation,
 * and every one whose arguments are wrong, runs the ordinary way, which explains errors. Tests
 * hold its answers to the ordinary path's for every role.
 */
interface Planned {
  operation: OperationDefinitionNode;
  entries: Entry[];
}

/** Puts the direct read of `roots` in front of an executor. */
export function withDirectReads(
  executor: GatewayExecutor,
  schema: GraphQLSchema,
  roots: DirectRoots,
): GatewayExecutor {
  const planner = new Planner(schema, roots);
  // Plans per document (Apollo hands the same DocumentNode for the same text) and operation.
  const plans = new WeakMap<DocumentNode, Map<string, Planned | null>>();
  const planOf = (document: DocumentNode, name: string | null | undefined): Planned | null => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    let found = byName.get(name ?? '');
    if (found === undefined) {
      const operation = getOperationAST(document, name);
      const fragments: Fragments = {};
      for (const d of document.definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      const entries = operation && planner.plan(operation, fragments);
      found = entries ? { operation: operation!, entries } : null;
      byName.set(name ?? '', found);
    }
    return found;
  };

  return async (rc) => {
    const ctx = rc.context as Context;
    if (ctx.lookahead !== false) {
      const planned = planOf(rc.document, rc.operationName);
      if (planned) {
        const data = await run(schema, ctx, planned, rc.request.variables ?? {});
        if (data) return { data } satisfies ExecutionResult;
      }
    }
    return executor(rc);
  };
}

/** The operation's data, or null when the ordinary path must answer (it explains bad input). */
async function run(
  schema: GraphQLSchema,
  ctx: Context,
  planned: Planned,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const variables = getVariableValues(schema, planned.operation.variableDefinitions ?? [], raw);
  if (variables.errors) return null;
  const b = new Build(ctx, variables.coerced);
  let data: string | undefined;
  try {
    data = objectOf(b, planned.entries, null);
  } catch (e) {
    if (e instanceof PublicError || (e as Error).name === 'GraphQLError') return null;
    throw e;
  }
  if (!data) return null;
  const [row] = await query<{ data: Record<string, unknown> }>(
    ctx,
    `SELECT ${data} AS data`,
    b.params,
  );
  return row!.data;
}
