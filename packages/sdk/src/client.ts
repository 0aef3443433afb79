/**
 * A small typed client for the Lianxin public API, speaking GraphQL over HTTP. Pass it the
 * typed documents generated from `schema/operations` (`./generated/graphql`) to get typed
 * results and variables.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A typed operation: the generated `…Document` constants, or any string. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A bearer token (user access token or API key). */
  token?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** The server answered with errors (or not with a GraphQL response at all). */
export class LianxinApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: GraphQLErrorBody[],
    /** Whatever data came back beside the errors. */
    readonly data: unknown,
  ) {
    super(message);
    this.name = 'LianxinApiError';
  }

  /** The `extensions.code` of the first error, e.g. `FORBIDDEN`. */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface LianxinClient {
  /**
   * Runs an operation. With a generated document the variables are checked against the
   * operation's (none missing, none unknown, each of its type) and the result is typed; they
   * may be left out only when the operation declares none.
   */
  request<TResult, TVariables extends Record<string, never>>(
    document: TypedDocument<TResult, TVariables>,
    variables?: NoInfer<TVariables>,
  ): Promise<TResult>;
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    // NoInfer: checked against the document's variables, never inferred from this argument
    // (which would let an unknown variable through).
    variables: NoInfer<TVariables>,
  ): Promise<TResult>;
  /** A document as a string: untyped unless `TResult` is given. */
  request<TResult = unknown>(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<TResult>;
  /** A client like this one with another token, e.g. after signing in. */
  withToken(token: string | undefined): LianxinClient;
}

export function createClient(options: ClientOptions): LianxinClient {
  const doFetch = options.fetch ?? fetch;
  return {
    withToken: (token) => createClient({ ...options, token }),
    async request<TResult>(
      document: { toString(): string } | string,
      variables?: unknown,
    ): Promise<TResult> {
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json, application/json;q=0.9',
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query: String(document), variables: variables ?? {} }),
      });
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
      return body.data as TResult;
    },
  };
}
