import type { Request, Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '../../domain/shared/context';
import { releaseContext } from '../context';
import type { DirectReads } from '../direct/read';
import { actualCost } from '../limits/cost';
import type { CostLimiter, Spending } from '../limits/plugin';
import { RawJson } from './raw-json';

export interface DirectLaneOptions {
  reads: DirectReads;
  limiter: CostLimiter;
  schema: GraphQLSchema;
  context: (req: Request) => Promise<Context>;
}

/** At most this many Accept headers are remembered. */
const MAX_ACCEPT_HEADERS = 100;

/**
 * The short way for a query Apollo has already parsed, validated and answered as a direct read:
 * the same request again (same text, operation name, body keys, Accept header) is admitted by the
 * same cost limits and answered with the same bytes and headers, without Apollo's request
 * pipeline around it (on a 20-row page that pipeline was a third of the server's CPU). Anything
 * else, and anything that goes wrong, takes the ordinary way through Apollo, which explains.
 * Tests hold both ways' responses to each other.
 */
export class DirectLane {
  /** The Content-Type Apollo answered for each Accept header (learned, never re-derived). */
  private readonly contentTypes = new Map<string, string>();

  constructor(private readonly opts: DirectLaneOptions) {}

  /** Remembers the Content-Type of a successful Apollo answer to a request with this Accept. */
  learn(accept: string | undefined, contentType: string | undefined): void {
    if (!contentType || this.contentTypes.size >= MAX_ACCEPT_HEADERS) return;
    this.contentTypes.set(accept ?? '', contentType);
  }

  /** Answers the request if it is a known direct read; false to let Apollo answer it. */
  async answer(req: Request, res: Response): Promise<boolean> {
    if (req.method !== 'POST') return false;
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return false;
    for (const key of Object.keys(body))
      if (key !== 'query' && key !== 'variables' && key !== 'operationName') return false;
    const { operationName } = body;
    if (operationName != null && typeof operationName !== 'string') return false;
    const variables = body.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
      return false;
    const contentType = this.contentTypes.get(req.headers.accept ?? '');
    const planned = contentType && this.opts.reads.knownOperation(body.query, operationName);
    if (!planned) return false;

    let ctx: Context;
    try {
      ctx = await this.opts.context(req);
    } catch {
      return false; // Apollo answers credentials it cannot accept (401)
    }
    let spending: Spending | null = null;
    try {
      if (ctx.lookahead === false) return false;
      const vars = variables as Record<string, unknown>;
      spending = this.opts.limiter.admit(
        ctx,
        this.opts.schema,
        planned.document,
        planned.operation,
        vars,
      );
      const raw = new RawJson();
      ctx.rawJson = raw;
      const data = await this.opts.reads.run(ctx, planned, vars);
      if (!data) return false;
      const cost = spending.requested
        ? this.opts.limiter.settle(spending, actualCost(data) + raw.objects)
        : undefined;
      spending = null;
      void releaseContext(ctx);
      // As Apollo serializes a result: data, then extensions, then a newline.
      const result = cost ? { data, extensions: { cost } } : { data };
      res.statusCode = 200;
      res.setHeader('content-type', contentType);
      res.send(raw.splice(`${JSON.stringify(result)}\n`));
      return true;
    } catch {
      return false; // limits, bad input or failures: Apollo refuses, explains or masks them
    } finally {
      // Not answered here: everything spent goes back, and Apollo spends it again.
      if (spending) this.opts.limiter.settle(spending, 0);
      if (!res.headersSent) void releaseContext(ctx);
    }
  }
}
