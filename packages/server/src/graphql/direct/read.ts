import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import {
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import pg from 'pg';
import { query } from '../../domain/shared/context';
import type { ApiContext as Context } from '../context';
import { PublicError } from '../../domain/shared/errors';
import type { Viewer } from '../../domain/shared/viewer';
import { fragmentsOf } from '../fragments';
import { RawJsonValue } from '../pipeline/raw-json';
import { Planner, type Entry } from './plan';
import { Build } from './sql';
import type { ReadCatalog } from '../relay/read-model';

const pgTypes = pg.types;

/**
 * Type parsers that keep `json` and `jsonb` results as the text PostgreSQL sent: a direct read's
 * columns are whole JSON answers, written out as they are (cheaper than a `::text` cast).
 */
const JSON_AS_TEXT = {
  getTypeParser(oid: number, format?: string): unknown {
    if (oid === 114 || oid === 3802) return (text: string) => text;
    return pgTypes.getTypeParser(oid, format as 'text');
  },
};

/**
 * A direct read answers a whole query operation with one SQL statement in which PostgreSQL
 * builds the response data, skipping per-object execution: measured here, the hot nested queries
 * cost a third of the Node CPU that way. It answers only operations it fully understands (the
 * fields the domain's direct types describe, first pages, no directives); every other operation,
 * and every one whose arguments are wrong, runs the ordinary way, which explains errors. Tests
 * hold its answers to the ordinary path's for every role.
 */
export interface Planned {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  entries: Entry[];
}

/** Operations Apollo parsed and validated that are direct reads, by their text and name. */
const MAX_KNOWN = 1000;
/** Statements kept per plan (viewers × variables); past that they are built per request. */
const MAX_BUILT_PER_PLAN = 100;

interface Built {
  /** The SQL; null when every root field is a constant (`__typename`). */
  text: string | null;
  params: readonly unknown[];
}

// An empty operationName names no operation (a 400), so it must not share the unnamed key.
const operationKey = (text: string, name: string | null | undefined) =>
  `${name == null ? '' : `${name}:`}\n${text}`;

const viewerKeys = new WeakMap<Viewer, string>();
/** The viewer as a key: everything the read rules look at is in it. */
function viewerKey(viewer: Viewer): string {
  let key = viewerKeys.get(viewer);
  if (key === undefined) viewerKeys.set(viewer, (key = JSON.stringify(viewer)));
  return key;
}

export class DirectReads {
  private readonly planner: Planner;
  // Plans per document (Apollo hands the same DocumentNode for the same text) and operation.
  private readonly plans = new WeakMap<DocumentNode, Map<string, Planned | null>>();
  private readonly known = new Map<string, Planned>();
  private readonly built = new WeakMap<Planned, Map<string, Built | null>>();

  constructor(
    private readonly schema: GraphQLSchema,
    catalog: ReadCatalog,
  ) {
    this.planner = new Planner(schema, catalog);
  }

  /** Puts direct reads in front of an executor. */
  executor(next: GatewayExecutor): GatewayExecutor {
    return async (rc) => {
      const ctx = rc.context as Context;
      if (ctx.lookahead !== false) {
        const planned = this.planOf(rc.document, rc.operationName);
        if (planned) {
          let data: Record<string, unknown> | null;
          try {
            data = await this.run(ctx, planned, rc.request.variables ?? {});
          } catch (e) {
            // A statement cancelled (time limit, client gone) fails the read at its first field,
            // coded by formatError as the ordinary path's error (thrown, Apollo answers a 500).
            const error = e as Error;
            const first = planned.entries.find((entry) => entry.constant === undefined);
            const path = first ? [first.key] : undefined;
            return {
              data: null,
              errors: [new GraphQLError(error.message, { originalError: error, path })],
            };
          }
          if (data) {
            // Keyed as the request named it (Apollo fills in the name of a lone operation).
            if (rc.request.query)
              this.remember(rc.request.query, rc.request.operationName, planned);
            return { data } satisfies ExecutionResult;
          }
        }
      }
      return next(rc);
    };
  }

  /**
   * A direct read Apollo has already parsed and validated, by the request's text and operation
   * name; null for any other (it goes through Apollo first).
   */
  knownOperation(text: string, operationName: string | null | undefined): Planned | null {
    return this.known.get(operationKey(text, operationName)) ?? null;
  }

  /** The operation's data, or null when the ordinary path must answer (it explains bad input). */
  async run(
    ctx: Context,
    planned: Planned,
    raw: Record<string, unknown>,
  ): Promise<Record<string, unknown> | null> {
    const built = this.builtFor(ctx, planned, raw);
    if (!built) return null;
    // Built from the caller's document: prepared under a name only if it runs often.
    const [row] = built.text
      ? await query<Record<string, string | null>>(
          ctx,
          ctx.db.shapes.statement(built.text, JSON_AS_TEXT),
          built.params,
        )
      : [{}];
    const data: Record<string, unknown> = {};
    let i = 0;
    for (const e of planned.entries) {
      if (e.constant !== undefined) {
        data[e.key] = e.constant;
        continue;
      }
      const value = row![`c${i++}`] ?? null;
      // JSON comes as its text (JSON_AS_TEXT), except inside a transaction's connection, whose
      // driver parses it: unparsed where the transport writes the text (pipeline/raw-json.ts).
      const text = value === null || typeof value === 'string' ? value : JSON.stringify(value);
      data[e.key] = text === null ? null : ctx.rawJson ? new RawJsonValue(text) : JSON.parse(text);
    }
    return data;
  }

  /**
   * The statement for a plan, the viewer and the variables: built once for each such triple
   * (the SQL depends on nothing else), null when the ordinary path must answer.
   */
  private builtFor(ctx: Context, planned: Planned, raw: Record<string, unknown>): Built | null {
    let byKey = this.built.get(planned);
    if (!byKey) this.built.set(planned, (byKey = new Map()));
    let text: string;
    try {
      text = JSON.stringify(raw);
    } catch {
      return null; // nested deeper than the stack goes: no input is, so it is bad input
    }
    const key = `${viewerKey(ctx.viewer)}\n${text}`;
    let built = byKey.get(key);
    if (built === undefined) {
      built = this.build(ctx, planned, raw);
      if (byKey.size < MAX_BUILT_PER_PLAN) byKey.set(key, built);
    }
    return built;
  }

  private build(ctx: Context, planned: Planned, raw: Record<string, unknown>): Built | null {
    const variables = getVariableValues(
      this.schema,
      planned.operation.variableDefinitions ?? [],
      raw,
    );
    if (variables.errors) return null;
    const b = new Build(ctx, variables.coerced);
    // One column of JSON text per root field.
    const columns: string[] = [];
    try {
      for (const e of planned.entries) {
        if (e.constant !== undefined) continue;
        const sql = e.sql(null, b);
        if (sql === undefined) return null;
        columns.push(`(${sql}) AS c${columns.length}`);
      }
    } catch (e) {
      if (e instanceof PublicError || (e as Error).name === 'GraphQLError') return null;
      throw e;
    }
    return {
      text: columns.length ? `SELECT ${columns.join(', ')}` : null,
      params: b.params,
    };
  }

  private planOf(document: DocumentNode, name: string | null | undefined): Planned | null {
    let byName = this.plans.get(document);
    if (!byName) this.plans.set(document, (byName = new Map()));
    let found = byName.get(name ?? '');
    if (found === undefined) {
      const operation = getOperationAST(document, name);
      const entries = operation && this.planner.plan(operation, fragmentsOf(document));
      found = entries ? { document, operation: operation!, entries } : null;
      byName.set(name ?? '', found);
    }
    return found;
  }

  private remember(text: string, name: string | null | undefined, planned: Planned): void {
    const key = operationKey(text, name);
    if (this.known.has(key)) return;
    // Bounded: past the limit the oldest is forgotten (it goes through Apollo again).
    if (this.known.size >= MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
    this.known.set(key, planned);
  }
}
