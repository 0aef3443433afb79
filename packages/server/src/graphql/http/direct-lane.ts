import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { PublicError } from '../../domain/shared/errors';
import type { Logger } from '../../logger';
import { releaseContext, type ApiContext as Context } from '../context';
import type { DirectReads, Planned } from '../direct/read';
import { actualCost } from '../limits/cost';
import type { Admission } from '../limits/admission';
import type { CostLimiter, Spending } from '../limits/plugin';
import { admitRequest, type Lifetime } from './lifetime';
import { RawJson } from './raw-json';
import type { HttpContext } from './transport';

export interface DirectLaneOptions {
  reads: DirectReads;
  limiter: CostLimiter;
  schema: GraphQLSchema;
  context: HttpContext;
  logger: Logger;
  /**
   * To take requests before Express (`serve`): the admission every GraphQL request passes once
   * its body is in, how long it may then work, and the largest body. Without it (e.g. trusted
   * documents must be resolved first), the lane only answers from inside the transport.
   */
  front?: { admission: Admission; requestTimeoutMs: number; maxBodyBytes: number };
}

/** A request as the lane reads it: Node's, with the parsed JSON body. */
type LaneRequest = IncomingMessage & { body?: unknown; [TRIED]?: boolean };

/** Marks a request the lane has already declined before Express. */
const TRIED = Symbol('direct lane tried');

const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

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

  /**
   * Takes a plain JSON POST to /graphql before Express: admits it, reads and parses its body, and
   * answers it if it is a known direct read; otherwise hands it `onward` to Express with the body
   * already parsed (Express's JSON parser skips a request already read). False when the request
   * is not such a plain one: Express takes it as it is.
   */
  serve(
    req: IncomingMessage,
    res: ServerResponse,
    onward: (req: IncomingMessage, res: ServerResponse) => void,
  ): boolean {
    const front = this.opts.front;
    if (!front || req.method !== 'POST' || req.url !== '/graphql') return false;
    const { headers } = req;
    if (!headers['content-type'] || !JSON_CONTENT_TYPE.test(headers['content-type'])) return false;
    if (headers['content-encoding'] || headers['transfer-encoding']) return false;
    const length = Number(headers['content-length']);
    if (!Number.isInteger(length) || length <= 0 || length > front.maxBodyBytes) return false;
    // The body is read before any turn is taken: a slow client holds only its own socket.
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Content-Length was checked; a client that sends more than it said is cut off.
      if (size > length) req.destroy();
      else chunks.push(chunk);
    });
    req.on('error', () => undefined); // an aborted request: nothing to answer
    req.on('end', () => {
      this.afterBody(req, res, Buffer.concat(chunks).toString('utf8'), onward).catch(
        (error: unknown) => this.fail(res, error),
      );
    });
    return true;
  }

  private async afterBody(
    req: LaneRequest,
    res: ServerResponse,
    text: string,
    onward: (req: IncomingMessage, res: ServerResponse) => void,
  ): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return badRequest(res, `The request body is not valid JSON: ${(e as Error).message}.`);
    }
    if (typeof body !== 'object' || body === null)
      return badRequest(res, 'The request body must be a JSON object (a GraphQL request).');
    req.body = body;
    const front = this.opts.front!;
    if (
      await this.answer(req, res, () => admitRequest(front.admission, res, front.requestTimeoutMs))
    )
      return;
    req[TRIED] = true;
    if (!res.headersSent) onward(req, res);
  }

  /** Last resort, as the app's own error handler: a masked 500 whose id is logged. */
  private fail(res: ServerResponse, error: unknown): void {
    const errorId = randomUUID();
    this.opts.logger.error({ err: error, errorId }, 'unhandled error in the direct lane');
    if (res.headersSent) return void res.destroy();
    const text = JSON.stringify({
      errors: [
        {
          message: `Internal server error (error id ${errorId}).`,
          extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
        },
      ],
    });
    res.writeHead(500, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /**
   * Answers from inside Express (after trusted documents; the request holds its turn), unless
   * declined before it.
   */
  async answerInExpress(
    req: LaneRequest,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (req[TRIED]) return false;
    return this.answer(req, res, () => Promise.resolve({ signal, end: () => undefined }));
  }

  /**
   * Answers the request if it is a known direct read, once `admit` gives it a turn (or answered
   * the refusal); false to let Apollo answer it.
   */
  async answer(
    req: LaneRequest,
    res: ServerResponse,
    admit: () => Promise<Lifetime | null>,
  ): Promise<boolean> {
    const found = this.plannedFor(req);
    if (!found) return false;
    const life = await admit();
    if (!life) return true;
    try {
      return await this.run(req, res, life.signal, found);
    } finally {
      life.end();
    }
  }

  /** The known direct read a request's body asks for, with its content type; null for any other. */
  private plannedFor(req: LaneRequest): { planned: Planned; contentType: string } | null {
    if (req.method !== 'POST') return null;
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.query !== 'string') return null;
    for (const key of Object.keys(body))
      if (key !== 'query' && key !== 'variables' && key !== 'operationName') return null;
    const { operationName } = body;
    if (operationName != null && typeof operationName !== 'string') return null;
    const variables = body.variables ?? {};
    if (typeof variables !== 'object' || variables === null || Array.isArray(variables))
      return null;
    const contentType = this.contentTypes.get(req.headers.accept ?? '');
    const planned = contentType && this.opts.reads.knownOperation(body.query, operationName);
    return planned ? { planned, contentType } : null;
  }

  /** Answers a known direct read; false to let Apollo answer it after all. */
  private async run(
    req: LaneRequest,
    res: ServerResponse,
    signal: AbortSignal,
    { planned, contentType }: { planned: Planned; contentType: string },
  ): Promise<boolean> {
    const variables = (req.body as { variables?: Record<string, unknown> }).variables ?? {};
    let ctx: Context;
    try {
      ctx = await this.opts.context(req, signal);
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
        ? this.opts.limiter.settle(spending, actualCost(data, raw.objects))
        : undefined;
      spending = null;
      void releaseContext(ctx);
      // As Apollo serializes a result: data, then extensions, then a newline.
      const result = cost ? { data, extensions: { cost } } : { data };
      const text = raw.splice(`${JSON.stringify(result)}\n`);
      res.writeHead(200, {
        'content-type': contentType,
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      return true;
    } catch {
      // Stopped (time limit, client gone): answered here, not run again the ordinary way.
      if (signal.aborted) {
        const reason = signal.reason as PublicError;
        if (!res.destroyed && !res.headersSent) {
          const text = `${JSON.stringify({
            errors: [{ message: reason.message, extensions: { code: reason.code } }],
          })}\n`;
          res.writeHead(200, {
            'content-type': contentType,
            'content-length': Buffer.byteLength(text),
          });
          res.end(text);
        }
        return true;
      }
      return false; // limits, bad input or failures: Apollo refuses, explains or masks them
    } finally {
      // Not answered here: everything spent goes back, and Apollo spends it again.
      if (spending) this.opts.limiter.settle(spending, 0);
      if (!res.headersSent) void releaseContext(ctx);
    }
  }
}

/** The transport's answer to a body that is not a JSON request (see transport.ts). */
function badRequest(res: ServerResponse, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  res.writeHead(400, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A size like `1mb`, `100kb` or `512` in bytes (as body-parser reads its limit); 0 if unreadable. */
export function sizeInBytes(size: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!m) return 0;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase()]!;
  return Math.floor(Number(m[1]) * unit);
}
