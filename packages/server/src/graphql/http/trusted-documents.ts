import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import { requestError } from './body';

export interface TrustedDocumentsOptions {
  /** JSON file: an object from document id (`sha256:<hex>` or `<hex>`) to the document text. */
  manifest: string;
  /** Refuse documents that are not in the manifest. */
  only: boolean;
}

/**
 * Trusted documents (persisted operations) for first-party clients: a request names a document
 * by `documentId` (GraphQL-over-HTTP) or `extensions.persistedQuery.sha256Hash` (Apollo's
 * format) instead of sending its text. With `only`, nothing else runs. Puts the document's text
 * into the request (its URL for a GET, its body for a POST); answers the refusal, if any.
 */
export function trustedDocuments(opts: TrustedDocumentsOptions) {
  const documents = loadTrustedDocuments(opts.manifest);

  return (req: IncomingMessage, body: unknown): GraphQLError | null => {
    const url = req.url ?? '';
    const params = (
      req.method === 'GET' ? Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? '')) : body
    ) as Record<string, unknown> | undefined;
    if (!params || typeof params !== 'object') return null;
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
        return requestError(
          400,
          'PERSISTED_QUERY_REQUIRED',
          'This server runs trusted documents only: send a documentId instead of a query.',
        );
      }
      return null;
    }
    const text = documents.get(id.replace(/^sha256:/, ''));
    if (!text)
      return requestError(
        400,
        'PERSISTED_QUERY_NOT_FOUND',
        `No trusted document has the id "${id}".`,
      );
    if (req.method === 'GET') {
      // The transport hands Apollo the URL's query string.
      const search = new URLSearchParams(url.split('?')[1] ?? '');
      search.delete('documentId');
      search.delete('extensions');
      search.set('query', text);
      req.url = `${url.split('?')[0]}?${search.toString()}`;
    } else {
      params.query = text;
      delete params.documentId;
      if (typeof params.extensions === 'object' && params.extensions)
        delete (params.extensions as Record<string, unknown>).persistedQuery;
    }
    return null;
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
