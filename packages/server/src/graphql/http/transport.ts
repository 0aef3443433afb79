import { HeaderMap, type ApolloServer } from '@apollo/server';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { IncomingMessage } from 'node:http';
import type { ApiContext } from '../context';
import type { Admission } from '../limits/admission';
import type { DirectLane } from './direct-lane';
import { sendGraphiQL, wantsGraphiQL } from './graphiql';
import { admitRequest } from './lifetime';
import { RawJson } from './raw-json';

/** Builds a request's context; its statements stop when `signal` aborts. */
export type HttpContext = (req: IncomingMessage, signal: AbortSignal) => Promise<ApiContext>;

export interface GraphQLHttpOptions {
  apollo: ApolloServer<ApiContext>;
  context: HttpContext;
  /** Every GraphQL request takes a turn here once its body is in. */
  admission: Admission;
  /** How long an admitted request may work. */
  requestTimeoutMs: number;
  maxBody: string;
  /** Resolves trusted documents (persisted operations) before GraphQL runs. */
  trusted?: (req: Request, res: Response, next: NextFunction) => void;
  /** Answers known direct reads without Apollo's pipeline (direct-lane.ts). */
  lane?: DirectLane;
}

/** Answers a request that never reached GraphQL with a GraphQL-over-HTTP error body. */
function reject(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

const JSON_TYPES = ['application/json'];

/**
 * GraphQL over HTTP at one path: GET (queries only) and POST with a JSON body, per the
 * GraphQL-over-HTTP spec; a browser asking for HTML gets GraphiQL.
 *
 * CSRF: a browser can only send "simple" cross-site requests (form or text/plain bodies, GETs).
 * POST bodies must be `application/json`, which browsers never send cross-site without a CORS
 * preflight, and GET runs no mutations; so no extra header is asked of non-browser clients.
 */
export function graphqlHttp(opts: GraphQLHttpOptions): Router {
  const router = express.Router();
  const parseJson = express.json({ limit: opts.maxBody, strict: true, type: JSON_TYPES });

  router.use((req, res, next) => {
    if (wantsGraphiQL(req)) return sendGraphiQL(res);
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.set('Allow', 'GET, POST');
      return reject(
        res,
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not supported here; use GET or POST.`,
      );
    }
    if (req.method === 'POST' && !req.is(JSON_TYPES)) {
      const given = req.headers['content-type'];
      return reject(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        given
          ? `Content-Type "${given}" is not supported; send the request as application/json.`
          : 'The request has no Content-Type; send it as application/json.',
      );
    }
    next();
  });
  router.use(parseJson);
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = error as { type?: string; status?: number; message?: string; limit?: number };
    switch (e?.type) {
      case 'entity.parse.failed':
        return reject(res, 400, 'BAD_REQUEST', `The request body is not valid JSON: ${e.message}.`);
      case 'entity.too.large':
        return reject(
          res,
          413,
          'PAYLOAD_TOO_LARGE',
          `The request body is larger than the limit of ${opts.maxBody}.`,
        );
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return reject(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `${e.message}; send UTF-8 JSON.`);
      case 'request.aborted':
        return reject(res, 400, 'BAD_REQUEST', 'The request was aborted before its body was read.');
      default:
        if (e?.status && e.status >= 400 && e.status < 500) {
          return reject(res, e.status, 'BAD_REQUEST', e.message ?? 'Bad request.');
        }
        return next(error);
    }
  });
  if (opts.trusted) router.use(opts.trusted);
  router.use(apolloHandler(opts));
  return router;
}

/**
 * Hands the request to Apollo Server and writes its response (as `@as-integrations/express5`
 * does), putting JSON text a direct read left unparsed into the body (see raw-json.ts).
 */
function apolloHandler(opts: GraphQLHttpOptions): RequestHandler {
  return async (req, res, next) => {
    const life = await admitRequest(opts.admission, res, opts.requestTimeoutMs);
    if (!life) return;
    try {
      if (opts.lane && (await opts.lane.answerInExpress(req, res, life.signal))) return;
      const raw = new RawJson();
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const query = req.url.indexOf('?');
      const response = await opts.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: query >= 0 ? req.url.slice(query) : '',
          body: req.body as unknown,
        },
        context: async () => Object.assign(await opts.context(req, life.signal), { rawJson: raw }),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        if (res.statusCode === 200 && req.method === 'POST')
          opts.lane?.learn(req.headers.accept, response.headers.get('content-type'));
        res.send(raw.splice(response.body.string));
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    } finally {
      life.end();
    }
  };
}
