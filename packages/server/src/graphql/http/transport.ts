import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger';
import type { ApiContext } from '../context';
import type { DirectReads } from '../direct/read';
import { internalError } from '../errors';
import { localeOf, localizeErrors } from '../localize';
import { sendError, type Admission } from '../limits/admission';
import { subscriptionRootError } from '../limits/subscription-root';
import type { RequestPipeline } from '../pipeline/hooks';
import { readJsonBody, requestError, sizeInBytes } from './body';
import { DirectLane } from './direct-lane';
import { admitRequest } from './lifetime';
import { noteOperation } from './request-log';

/** Builds a request's context; its statements stop when `signal` aborts. */
export type HttpContext = (req: IncomingMessage, signal: AbortSignal) => Promise<ApiContext>;

export interface GraphQLHttpOptions {
  apollo: ApolloServer<ApiContext>;
  context: HttpContext;
  /** Every GraphQL request takes a turn here once its body is in. */
  admission: Admission;
  /** How long an admitted request may work. */
  requestTimeoutMs: number;
  /** The largest body, as `1mb`, `100kb` or bytes. */
  maxBody: string;
  logger: Logger;
  /** Resolves trusted documents (persisted operations) before GraphQL runs; answers a refusal. */
  trusted?: (req: IncomingMessage, body: unknown) => GraphQLError | null;
  /** Known direct reads are answered without Apollo's request pipeline (direct-lane.ts). */
  direct?: { reads: DirectReads; schema: GraphQLSchema; pipeline: RequestPipeline };
  /** The parser's token limit (GRAPHQL_MAX_TOKENS), for the checks made before Apollo's. */
  maxTokens: number;
}

/** A GraphQL-over-HTTP handler for plain Node requests. */
export type GraphQLHttp = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Whether a request is GraphQL's to take before Express: one to `/graphql` that is not a
 * browser's GET, which may want GraphiQL (Express decides, and hands the rest back).
 */
export function isGraphQLRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  const end = url.indexOf('?');
  if ((end < 0 ? url : url.slice(0, end)) !== '/graphql') return false;
  return !(req.method === 'GET' && req.headers.accept?.includes('html'));
}

/**
 * GraphQL over HTTP: GET (queries only) and POST with a JSON body, per the GraphQL-over-HTTP
 * spec. Every request passes the same steps: its method and content type checked, its body read
 * (body.ts), trusted documents resolved, a turn of the admission taken (lifetime.ts), and then a
 * known direct read is answered by the lane and anything else by Apollo, both running the same
 * request pipeline (graphql/pipeline) and serializing results the same way. Express is not in
 * the way: measured on a 20-row page, its router and body parser were a sixth of the CPU.
 *
 * CSRF: a browser can only send "simple" cross-site requests (form or text/plain bodies, GETs).
 * POST bodies must be `application/json`, which browsers never send cross-site without a CORS
 * preflight, and GET runs no mutations; so no extra header is asked of non-browser clients.
 */
export function graphqlHttp(opts: GraphQLHttpOptions): GraphQLHttp {
  const limit = { bytes: sizeInBytes(opts.maxBody), text: opts.maxBody };
  // The one context every GraphQL request over HTTP gets; results are serialized here.
  const contextFor: HttpContext = async (req, signal) =>
    Object.assign(await opts.context(req, signal), { rawJson: true });
  const lane = opts.direct && new DirectLane({ ...opts.direct, context: contextFor });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { method } = req;
    if (method !== 'GET' && method !== 'POST') {
      return sendError(
        res,
        requestError(
          405,
          'METHOD_NOT_ALLOWED',
          `${method} is not supported here; use GET or POST.`,
          {
            allow: 'GET, POST',
          },
        ),
      );
    }
    let body: unknown;
    if (method === 'POST') {
      const type = req.headers['content-type'];
      const semicolon = type ? type.indexOf(';') : -1;
      const media = (semicolon >= 0 ? type!.slice(0, semicolon) : (type ?? '')).trim();
      if (media.toLowerCase() !== 'application/json') {
        return sendError(
          res,
          requestError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            type
              ? `Content-Type "${type}" is not supported; send the request as application/json.`
              : 'The request has no Content-Type; send it as application/json.',
          ),
        );
      }
      try {
        body = await readJsonBody(req, semicolon >= 0 ? type!.slice(semicolon) : '', limit);
      } catch (error) {
        return sendError(res, error as GraphQLError);
      }
    }
    noteOperation(req, res, body);
    const refused = opts.trusted?.(req, body);
    if (refused) return sendError(res, refused);
    const life = await admitRequest(opts.admission, res, opts.requestTimeoutMs);
    if (!life) return;
    try {
      if (lane && method === 'POST' && (await lane.answer(req, body, res, life.signal))) return;
      await apollo(req, body, res, life.signal);
    } finally {
      life.end();
    }
  };

  /** Hands the request to Apollo Server and writes its response (as its integrations do). */
  const apollo = async (
    req: IncomingMessage,
    body: unknown,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    // graphql-js 16 throws, rather than answers, on a subscription whose top level is skipped
    // by a variable: answered here as the validation error it is (limits/subscription-root.ts).
    const text =
      req.method === 'GET'
        ? new URLSearchParams(query >= 0 ? url.slice(query) : '').get('query')
        : (body as { query?: unknown } | null)?.query;
    const rootError = subscriptionRootError(text, opts.maxTokens);
    if (rootError) return sendError(res, rootError);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await opts.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method!,
        headers,
        search: query >= 0 ? url.slice(query) : '',
        body,
      },
      context: () => contextFor(req, signal),
    });
    if (res.destroyed) return;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (res.statusCode === 200 && req.method === 'POST')
        lane?.learn(req.headers.accept, response.headers.get('content-type'));
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const masked = internalError(opts.logger, error, 'unhandled error in an HTTP request');
      if (res.headersSent) return void res.destroy();
      const text = JSON.stringify({ errors: localizeErrors([masked], localeOf(req)) });
      res.writeHead(500, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  };
}
