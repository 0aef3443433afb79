import { LianxinApiError, type GraphQLErrorBody } from './errors.js';
import type { ClientOptions } from './types.js';

/** The bearer credential of the options: the API key or the token. */
export function credentialOf(options: ClientOptions): string | undefined {
  return options.apiKey ?? options.token;
}

/**
 * Runs one operation over HTTP (GraphQL over HTTP, POST with JSON). Answers the data, or throws
 * LianxinApiError when the response carries errors (with any partial data) or is not a GraphQL
 * response; a mutation's `userErrors` are data.
 */
export async function post<TResult>(
  options: ClientOptions,
  query: string,
  variables: Record<string, unknown> | undefined,
): Promise<TResult> {
  const doFetch = options.fetch ?? fetch;
  const credential = credentialOf(options);
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json;q=0.9',
        ...(credential ? { Authorization: `Bearer ${credential}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables: variables ?? {} }),
    });
  } catch (error) {
    throw new LianxinApiError(
      `Could not reach ${options.url}: ${(error as Error)?.message ?? String(error)}`,
      0,
      [],
      null,
      { cause: error },
    );
  }
  let body: { data?: unknown; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new LianxinApiError(
      `HTTP ${response.status}: the response is not JSON`,
      response.status,
      [],
      null,
    );
  }
  if (body.errors?.length) {
    throw new LianxinApiError(
      body.errors[0]!.message,
      response.status,
      body.errors,
      body.data ?? null,
    );
  }
  if (body.data === undefined || body.data === null) {
    throw new LianxinApiError(
      `HTTP ${response.status}: the response has neither data nor errors`,
      response.status,
      [],
      null,
    );
  }
  return body.data as TResult;
}
