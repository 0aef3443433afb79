import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';

export interface TrustedDocumentsOptions {
  /** JSON file: an object from document id (`sha256:<hex>` or `<hex>`) to the document text. */
  manifest: string;
  /** Refuse documents that are not in the manifest. */
  only: boolean;
}

function reject(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Trusted documents (persisted operations) for first-party clients: a request names a document
 * by `documentId` (GraphQL-over-HTTP) or `extensions.persistedQuery.sha256Hash` (Apollo's
 * format) instead of sending its text. With `only`, nothing else runs.
 */
export function trustedDocuments(opts: TrustedDocumentsOptions) {
  const documents = loadTrustedDocuments(opts.manifest);

  return (req: Request, res: Response, next: NextFunction): void => {
    const params = (req.method === 'GET' ? req.query : req.body) as
      Record<string, unknown> | undefined;
    if (!params || typeof params !== 'object') return next();
    let extensions = params.extensions as
      { persistedQuery?: { sha256Hash?: string } } | string | undefined;
    if (typeof extensions === 'string') {
      try {
        extensions = JSON.parse(extensions) as { persistedQuery?: { sha256Hash?: string } };
      } catch {
        extensions = undefined;
      }
    }
    const id =
      (typeof params.documentId === 'string' ? params.documentId : undefined) ??
      (typeof extensions === 'object' ? extensions?.persistedQuery?.sha256Hash : undefined);
    if (id === undefined) {
      if (opts.only && params.query !== undefined) {
        return reject(
          res,
          400,
          'PERSISTED_QUERY_REQUIRED',
          'This server runs trusted documents only: send a documentId instead of a query.',
        );
      }
      return next();
    }
    const text = documents.get(id.replace(/^sha256:/, ''));
    if (!text)
      return reject(
        res,
        400,
        'PERSISTED_QUERY_NOT_FOUND',
        `No trusted document has the id "${id}".`,
      );
    if (req.method === 'GET') {
      // Express 5's req.query is read-only: rewrite the URL the integration parses instead.
      const search = new URLSearchParams(req.url.split('?')[1] ?? '');
      search.delete('documentId');
      search.delete('extensions');
      search.set('query', text);
      req.url = `${req.url.split('?')[0]}?${search.toString()}`;
    } else {
      const body = req.body as Record<string, unknown>;
      body.query = text;
      delete body.documentId;
      if (typeof body.extensions === 'object' && body.extensions)
        delete (body.extensions as Record<string, unknown>).persistedQuery;
    }
    next();
  };
}

/** The manifest's documents by their SHA-256 (hex), each checked against its text. */
export function loadTrustedDocuments(manifest: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>;
  const documents = new Map<string, string>();
  for (const [id, text] of Object.entries(raw)) {
    const hash = createHash('sha256').update(text).digest('hex');
    const bare = id.replace(/^sha256:/, '');
    if (bare !== hash)
      throw new Error(`Trusted document ${id} does not match the SHA-256 of its text (${hash})`);
    documents.set(bare, text);
  }
  return documents;
}
