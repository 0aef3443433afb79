import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger';

/** The operation each GraphQL request named, noted by the transport for the request's log line. */
const operations = new WeakMap<ServerResponse, string>();
/** Responses whose request gets a log line: only these need their operation's name. */
const logged = new WeakSet<ServerResponse>();

const NAMED_OPERATION = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * Notes the name of a GraphQL request's operation: `operationName` if given, else the name of
 * the first named operation in the document. Only the name: never variables, which may hold
 * personal data.
 */
export function noteOperation(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  if (!logged.has(res)) return; // no log line (below info): nothing to look for
  let name: unknown;
  let text: unknown;
  if (req.method === 'GET') {
    const url = req.url ?? '';
    const search = new URLSearchParams(url.slice(url.indexOf('?') + 1 || url.length));
    name = search.get('operationName');
    text = search.get('query');
  } else if (body && typeof body === 'object') {
    ({ operationName: name, query: text } = body as { operationName?: unknown; query?: unknown });
  }
  if (typeof name !== 'string' || !name) {
    name = typeof text === 'string' ? NAMED_OPERATION.exec(text.slice(0, 2000))?.[1] : undefined;
  }
  if (typeof name === 'string' && name) operations.set(res, name.slice(0, 100));
}

/**
 * Logs one line per HTTP request at `info` once its response is done (or the client left):
 * method, path (without the query string, which may hold variables), GraphQL operation name,
 * status and duration in ms. No headers: tokens stay out of the log.
 */
export function logRequest(logger: Logger, req: IncomingMessage, res: ServerResponse): void {
  if (!logger.isLevelEnabled('info')) return;
  logged.add(res);
  const started = performance.now();
  res.once('close', () => {
    const url = req.url ?? '';
    const end = url.indexOf('?');
    const operation = operations.get(res);
    logger.info(
      {
        method: req.method,
        path: end < 0 ? url : url.slice(0, end),
        ...(operation ? { operation } : {}),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(res.writableFinished ? {} : { aborted: true }),
      },
      'request',
    );
  });
}
