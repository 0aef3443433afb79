import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { PublicError } from '../../domain/shared/errors';
import { releaseContext, type ApiContext } from '../context';
import type { DirectReads, Planned } from '../direct/read';
import type { PipelineOperation, RequestPipeline } from '../pipeline/hooks';
import { serializeResult } from '../pipeline/raw-json';
import { translate } from '../../i18n';

export interface DirectLaneOptions {
  reads: DirectReads;
  schema: GraphQLSchema;
  pipeline: RequestPipeline;
  /** The transport's own context for a request (the same Apollo gets). */
  context: (req: IncomingMessage, signal: AbortSignal) => Promise<ApiContext>;
}

/** At most this many Accept headers are remembered. */
const MAX_ACCEPT_HEADERS = 100;

/**
 * The short way, inside the transport, for a query Apollo has already parsed, validated and
 * answered as a direct read: the same request again (same text, operation name, body keys,
 * Accept header), once the transport has read its body and given it a turn, runs the same
 * request pipeline (cost and rate limits, and every other hook) and is answered with the same
 * bytes and headers, without Apollo's request pipeline around it (on a 20-row page that was a
 * third of the server's CPU). Anything else, and anything that goes wrong, takes the ordinary
 * way through Apollo, which explains. Tests hold both ways' responses to each other.
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

  /**
   * Answers an admitted POST if it is a known direct read; false to let Apollo answer it (also
   * when the pipeline refuses it: Apollo refuses it again, and explains).
   */
  async answer(
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<boolean> {
    const found = this.plannedFor(req, body);
    if (!found) return false;
    const { planned, contentType } = found;
    let ctx: ApiContext;
    try {
      ctx = await this.opts.context(req, signal);
    } catch {
      return false; // Apollo answers credentials it cannot accept (401)
    }
    const variables = (body as { variables?: Record<string, unknown> }).variables ?? {};
    const op: PipelineOperation = {
      via: 'lane',
      context: ctx,
      schema: this.opts.schema,
      document: planned.document,
      operation: planned.operation,
      variables,
    };
    const { pipeline } = this.opts;
    let admitted = false;
    try {
      if (ctx.lookahead === false) return false;
      await pipeline.willExecute(op);
      admitted = true;
      const data = await this.opts.reads.run(ctx, planned, variables);
      if (!data) return false;
      admitted = false;
      const extensions = await pipeline.didExecute(op, { executed: true, data });
      void releaseContext(ctx);
      send(res, contentType, serializeResult(extensions ? { data, extensions } : { data }));
      return true;
    } catch {
      // Stopped (time limit, client gone): answered here, not run again the ordinary way.
      if (signal.aborted) {
        const reason = signal.reason as PublicError;
        if (!res.destroyed && !res.headersSent) {
          const message = translate(reason.message, ctx.locale);
          const errors = [{ message, extensions: { code: reason.code } }];
          send(res, contentType, serializeResult({ errors }));
        }
        return true;
      }
      return false; // limits, bad input or failures: Apollo refuses, explains or masks them
    } finally {
      // Not answered here: the hooks learn it did not run (the bucket gets its points back),
      // and Apollo runs it through them again.
      if (admitted) await pipeline.didExecute(op, { executed: false });
      if (!res.headersSent) void releaseContext(ctx);
    }
  }

  /** The known direct read a request's body asks for, with its content type; null for any other. */
  private plannedFor(
    req: IncomingMessage,
    body: unknown,
  ): { planned: Planned; contentType: string } | null {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
    const params = body as Record<string, unknown>;
    if (typeof params.query !== 'string') return null;
    for (const key of Object.keys(params))
      if (key !== 'query' && key !== 'variables' && key !== 'operationName') return null;
    const { operationName } = params;
    if (operationName != null && typeof operationName !== 'string') return null;
    const variables = params.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
      return null;
    const contentType = this.contentTypes.get(req.headers.accept ?? '');
    const planned = contentType && this.opts.reads.knownOperation(params.query, operationName);
    return planned ? { planned, contentType } : null;
  }
}

function send(res: ServerResponse, contentType: string, text: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
