/**
 * A small typed client for the Lianxin public API, speaking GraphQL over HTTP. Pass it the
 * typed documents generated from `schema/operations` (see `./generated`) to get typed results.
 */
export interface TypedDocument<TResult, TVariables> {
  /** The operation text. */
  readonly source: string;
  /** Phantom fields carrying the types; never set at run time. */
  readonly __result?: TResult;
  readonly __variables?: TVariables;
}

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A bearer token (user JWT or API key). */
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
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables> | string,
    variables?: TVariables,
  ): Promise<TResult>;
}

export function createClient(options: ClientOptions): LianxinClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async request(document, variables) {
      const query = typeof document === 'string' ? document : document.source;
      const response = await doFetch(options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/graphql-response+json, application/json;q=0.9',
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
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
      return body.data as never;
    },
  };
}
