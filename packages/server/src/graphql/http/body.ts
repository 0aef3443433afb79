import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { GraphQLError } from 'graphql';

/** A refusal of the request before GraphQL, with its HTTP status (sent by `sendError`). */
export function requestError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

const DECODERS: Record<string, () => Readable & NodeJS.WritableStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The largest body, in bytes and as configured (for the refusal's message). */
export interface BodyLimit {
  bytes: number;
  text: string;
}

/**
 * Reads a POST's JSON body, at most `maxBytes` of it (after decompression), as the one reader
 * of every GraphQL request over HTTP. Rejects with the refusal to send: 413 over the limit,
 * 415 for a charset other than UTF-8 or an unknown content encoding, 400 for a body that is
 * not a JSON object or array, or that stopped short. An empty body is `{}` (Apollo explains
 * what is missing). Nothing is buffered past the limit. `what` says what the object should be.
 */
export async function readJsonBody(
  req: IncomingMessage,
  mediaParams: string,
  limit: BodyLimit,
  what = 'a GraphQL request',
): Promise<unknown> {
  const text = await readTextBody(req, mediaParams, limit, 'JSON');
  // A byte order mark is allowed before UTF-8 JSON (RFC 8259 §8.1 lets a parser ignore it).
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!json.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch (e) {
    throw requestError(
      400,
      'BAD_REQUEST',
      `The request body is not valid JSON: ${(e as Error).message}.`,
    );
  }
  if (typeof body !== 'object' || body === null)
    throw requestError(400, 'BAD_REQUEST', `The request body must be a JSON object (${what}).`);
  return body;
}

/**
 * Reads a POST's body as UTF-8 text, with the limits and refusals of `readJsonBody` (which reads
 * through it); `format` names what the body should be in the refusals (`JSON`, `form data`).
 */
export function readTextBody(
  req: IncomingMessage,
  mediaParams: string,
  limit: BodyLimit,
  format: string,
): Promise<string> {
  const maxBytes = limit.bytes;
  return new Promise((resolve, reject) => {
    const charset = /(?:^|;)\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(mediaParams)?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return reject(
        requestError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Charset "${charset}" is not supported; send UTF-8 ${format}.`,
        ),
      );
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    const decoder = encoding === 'identity' ? undefined : DECODERS[encoding];
    if (encoding !== 'identity' && !decoder) {
      return reject(
        requestError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          `Content-Encoding "${encoding}" is not supported; send UTF-8 ${format} (optionally gzip, deflate or br).`,
        ),
      );
    }
    const tooLarge = () =>
      requestError(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${limit.text}.`,
      );
    const declared = req.headers['content-length'];
    const length = declared === undefined ? undefined : Number(declared);
    if (!decoder && length !== undefined && length > maxBytes) {
      req.resume(); // the rest is read and dropped, so the connection stays usable
      return reject(tooLarge());
    }

    const source: Readable = decoder ? req.pipe(decoder()) : req;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: GraphQLError) => {
      if (settled) return;
      settled = true;
      source.off('data', onData);
      if (decoder) {
        req.unpipe();
        source.destroy();
      }
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge());
      // Content-Length was given; a client that sends more than it said is cut off.
      if (!decoder && length !== undefined && size > length) {
        fail(
          requestError(400, 'BAD_REQUEST', 'The request body is longer than its Content-Length.'),
        );
        return void req.destroy();
      }
      chunks.push(chunk);
    };
    source.on('data', onData);
    // An aborted request: its socket is gone, so the refusal will reach no one.
    const aborted = () =>
      fail(requestError(400, 'BAD_REQUEST', 'The request was aborted before its body was read.'));
    req.on('error', aborted);
    req.on('close', () => {
      if (!req.complete) aborted();
    });
    if (decoder)
      source.on('error', (e) =>
        fail(
          requestError(400, 'BAD_REQUEST', `The request body could not be decoded: ${e.message}.`),
        ),
      );
    source.on('end', () => {
      if (settled) return;
      settled = true;
      if (!decoder && length !== undefined && size !== length) {
        return reject(
          requestError(400, 'BAD_REQUEST', 'The request body is shorter than its Content-Length.'),
        );
      }
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    });
  });
}

/** A size like `1mb`, `100kb` or `512` in bytes (as body-parser reads its limit); 0 if unreadable. */
export function sizeInBytes(size: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!m) return 0;
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase()]!;
  return Math.floor(Number(m[1]) * unit);
}
