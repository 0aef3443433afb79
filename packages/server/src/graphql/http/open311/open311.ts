import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Authenticator } from '../../../domain/identity/authenticator';
import type { Context } from '../../../domain/shared/context';
import { InputError, PublicError, type PublicErrorCode } from '../../../domain/shared/errors';
import type { Viewer } from '../../../domain/shared/viewer';
import type { Logger } from '../../../logger';
import { createContext, releaseContext, type ContextDeps } from '../../context';
import { internalError } from '../../errors';
import type { Admission } from '../../limits/admission';
import { MUTATION_COST } from '../../limits/cost';
import type { CostLimiter } from '../../limits/plugin';
import { readJsonBody, readTextBody, sizeInBytes, type BodyLimit } from '../body';
import { admitRequest } from '../lifetime';
import {
  MAX_REQUESTS,
  oneRequest,
  report,
  searchRequests,
  serviceDefinition,
  services,
  type Answer,
} from './endpoints';
import { Open311Error, sendDocument, sendProblems, type Format } from './format';
import { echo, Params } from './params';
import { translate, type Locale } from '../../../i18n';
import { localeOf, userErrorMessage } from '../../localize';

export interface Open311Options {
  /** What every request's context is built from, as for GraphQL. */
  deps: ContextDeps;
  auth: Authenticator;
  /** The cost buckets GraphQL spends from: an Open311 request spends from the same one. */
  limiter: CostLimiter;
  /** The one admission queue every request takes a turn from once its body is in. */
  admission: Admission;
  requestTimeoutMs: number;
  /** The largest body, as GraphQL's (`GRAPHQL_MAX_BODY`). */
  maxBody: string;
  logger: Logger;
}

type Endpoint = 'services' | 'service' | 'requests' | 'request' | 'report';

interface Route {
  endpoint: Endpoint;
  format: Format;
  /** A service code or a request id, from the path. */
  id?: string;
}

/**
 * Points each answer may cost, taken up front from the caller's bucket and settled on what it
 * held: 1 for the answer and 1 per service or request in it, 10 more for a report, as GraphQL
 * prices objects, list items and mutations (limits/cost.ts).
 */
const UP_FRONT: Record<Endpoint, number> = {
  services: 1 + 200,
  service: 1,
  requests: 1 + MAX_REQUESTS,
  request: 2,
  report: MUTATION_COST + 2,
};
const actualCost = (endpoint: Endpoint, answer: Answer) =>
  (endpoint === 'report' ? MUTATION_COST : 0) + 1 + (endpoint === 'service' ? 0 : answer.rows);

const ROUTE = /^\/(services|requests)(?:\/([^/]+))?\.(json|xml)$/;

/** The format the path asks for; JSON when it names none (so errors of unknown paths are JSON). */
const formatOf = (path: string): Format => (path.endsWith('.xml') ? 'xml' : 'json');

/** The route of a path under the base (`/services.json`, `/requests/{id}.xml` …). */
function routeOf(method: string, path: string): Route {
  const m = ROUTE.exec(path);
  if (!m) {
    throw new Open311Error(
      404,
      'Not found. GeoReport v2 endpoints here: services.json, services/{service_code}.json, requests.json, requests/{service_request_id}.json (or .xml).',
    );
  }
  let id: string | undefined;
  try {
    id = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  } catch {
    throw new Open311Error(400, 'The path is not valid percent-encoding.');
  }
  const list = m[1] === 'requests' && id === undefined;
  const allowed = list ? 'GET, HEAD, POST' : 'GET, HEAD';
  const read = method === 'GET' || method === 'HEAD';
  if (!read && !(list && method === 'POST')) {
    throw new Open311Error(405, `${method} is not supported here; use ${allowed}.`, {
      allow: allowed,
    });
  }
  let endpoint: Endpoint;
  if (m[1] === 'services') endpoint = id === undefined ? 'services' : 'service';
  else if (!list) endpoint = 'request';
  else endpoint = read ? 'requests' : 'report';
  return { endpoint, format: m[3] as Format, id };
}

/** The parameters of a POST: its form (or JSON) body, then its query string. */
async function postParams(req: IncomingMessage, limit: BodyLimit, search: Params): Promise<Params> {
  const type = req.headers['content-type'] ?? '';
  const semicolon = type.indexOf(';');
  const media = (semicolon >= 0 ? type.slice(0, semicolon) : type).trim().toLowerCase();
  const mediaParams = semicolon >= 0 ? type.slice(semicolon) : '';
  if (media === 'application/x-www-form-urlencoded') {
    const text = await readTextBody(req, mediaParams, limit, 'form data');
    return Params.fromSearch(text).withDefaults(search);
  }
  if (media === 'application/json') {
    const body = await readJsonBody(req, mediaParams, limit, 'of GeoReport parameters');
    return Params.fromJson(body).withDefaults(search);
  }
  req.resume();
  throw new Open311Error(
    415,
    type
      ? `Content-Type ${echo(type)} is not supported; send application/x-www-form-urlencoded (or application/json).`
      : 'The request has no Content-Type; send application/x-www-form-urlencoded (or application/json).',
  );
}

/** The credential: the spec's `api_key` parameter, or the `Authorization` header. */
async function viewerOf(
  auth: Authenticator,
  req: IncomingMessage,
  params: Params,
): Promise<Viewer> {
  const header = req.headers.authorization;
  const key = params.one('api_key');
  if (key !== undefined && header !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
    if (token !== key) {
      throw new Open311Error(
        400,
        'api_key and the Authorization header differ; send the key once.',
      );
    }
  }
  try {
    return await auth.viewerFor(key !== undefined ? `Bearer ${key}` : header);
  } catch (error) {
    if (!(error instanceof PublicError)) throw error;
    // GeoReport answers a bad api_key with 403.
    throw new Open311Error(
      403,
      `${key !== undefined ? 'api_key' : 'Authorization'}: ${error.message}`,
    );
  }
}

/** The idempotency key: an `Idempotency-Key` header, or an `idempotency_key` parameter. */
function idempotencyKeyOf(req: IncomingMessage, params: Params): string | undefined {
  const raw = req.headers['idempotency-key'];
  const header = Array.isArray(raw) ? raw.join(', ') : raw;
  const field = params.one('idempotency_key');
  if (header !== undefined && field !== undefined && header !== field) {
    throw new Open311Error(400, 'Idempotency-Key and idempotency_key differ; send the key once.');
  }
  return header ?? field;
}

const STATUS_OF: Partial<Record<PublicErrorCode, number>> = {
  // GeoReport answers a bad or missing api_key with 403.
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 503,
  CANCELLED: 499,
};

/** The GeoReport names of the report fields the case rules speak of. */
const FIELD_NAMES: Record<string, string> = {
  'input.categoryId': 'service_code',
  'input.title': 'description',
  'input.description': 'description',
  'input.latitude': 'lat',
  'input.longitude': 'long',
  'input.address': 'address_string',
  'input.mediaUrl': 'media_url',
  'input.idempotencyKey': 'Idempotency-Key',
  'input.gridId': 'address_id',
  'input.streetId': 'jurisdiction_id',
  'place.gridCode': 'address_id',
  place: 'address_id',
};

/**
 * Any failure as GeoReport errors, in the language the request asked for (its
 * Accept-Language); a bug is masked with an id that is also in the log.
 */
function toOpen311Error(error: unknown, logger: Logger, locale: Locale): Open311Error {
  const english = open311ErrorOf(error, logger, locale);
  if (locale === 'en') return english;
  return new Open311Error(
    english.status,
    english.problems.map((p) => translate(p.description, locale)),
    english.headers,
  );
}

function open311ErrorOf(error: unknown, logger: Logger, locale: Locale): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof InputError) {
    const codes = error.problems.map((p) => p.code);
    const status = codes.includes('CONFLICT') ? 409 : codes.includes('FORBIDDEN') ? 403 : 400;
    return new Open311Error(
      status,
      error.problems.map((p) => {
        const path = p.field.join('.');
        return `${FIELD_NAMES[path] ?? path}: ${userErrorMessage(p, locale)}`;
      }),
    );
  }
  if (error instanceof PublicError) {
    return new Open311Error(STATUS_OF[error.code] ?? 400, error.message);
  }
  // Refusals made for GraphQL's transport (body reader, admission, rate limit) carry their status.
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const http = error.extensions.http as
      { status?: number; headers?: Map<string, string> | Record<string, string> } | undefined;
    // The rate limit's headers are Apollo's HeaderMap, the others a plain object.
    const headers = http?.headers instanceof Map ? Object.fromEntries(http.headers) : http?.headers;
    if (http?.status) return new Open311Error(http.status, error.message, headers ?? {});
  }
  if ((error as { driverError?: { code?: string } })?.driverError?.code === '57014') {
    return new Open311Error(503, 'A database statement ran longer than its time limit.');
  }
  const masked = internalError(logger, error, 'unhandled error in an Open311 request');
  return new Open311Error(500, masked.message);
}

/**
 * Open311 GeoReport v2 over HTTP (docs/open311.md), to mount at `/open311/v2`: the same context,
 * read rules and services as the GraphQL API, the same body limit, admission queue and cost
 * buckets. Answers are JSON or XML by the path's suffix; every refusal, whatever its cause, is
 * GeoReport's error list with the right HTTP status, never an HTML page.
 */
export function open311Http(opts: Open311Options) {
  const limit = { bytes: sizeInBytes(opts.maxBody), text: opts.maxBody };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query >= 0 ? url.slice(0, query) : url;
    const format = formatOf(path);
    try {
      const route = routeOf(req.method ?? 'GET', path);
      const search = Params.fromSearch(query >= 0 ? url.slice(query) : '');
      const params = route.endpoint === 'report' ? await postParams(req, limit, search) : search;
      const life = await admitRequest(opts.admission, res, opts.requestTimeoutMs, (r, e) =>
        sendProblems(r, format, toOpen311Error(e, opts.logger, localeOf(req))),
      );
      if (!life) return;
      try {
        const viewer = await viewerOf(opts.auth, req, params);
        const ctx = createContext(opts.deps, viewer, {
          clientAddress: req.socket.remoteAddress,
          userAgent: req.headers['user-agent'],
          locale: localeOf(req),
          signal: life.signal,
        });
        try {
          const spending = await opts.limiter.spend(ctx, UP_FRONT[route.endpoint], 'request');
          let answer: Answer;
          try {
            answer = await answerOf(route, ctx, params, req);
          } catch (error) {
            // A refused request did its checks, and a refused report its transaction.
            await opts.limiter.settle(
              spending,
              route.endpoint === 'report' ? MUTATION_COST + 1 : 1,
            );
            throw error;
          }
          await opts.limiter.settle(spending, actualCost(route.endpoint, answer));
          if (res.destroyed) return;
          sendDocument(res, format, answer.status, answer.doc, answer.headers);
        } finally {
          await releaseContext(ctx);
        }
      } finally {
        life.end();
      }
    } catch (error) {
      if (res.destroyed) return;
      sendProblems(res, format, toOpen311Error(error, opts.logger, localeOf(req)));
    }
  };

  const answerOf = (
    route: Route,
    ctx: Context,
    params: Params,
    req: IncomingMessage,
  ): Promise<Answer> => {
    switch (route.endpoint) {
      case 'services':
        return services(ctx, params);
      case 'service':
        return serviceDefinition(ctx, route.id!, params);
      case 'requests':
        return searchRequests(ctx, params);
      case 'request':
        return oneRequest(ctx, route.id!, params);
      case 'report':
        return report(ctx, params, idempotencyKeyOf(req, params));
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      internalError(opts.logger, error, 'unhandled error in an Open311 request');
      res.destroy();
    });
  };
}
