/** One error of a GraphQL response, as the server sends it. */
export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The one error the client throws: the server answered with errors (its `extensions.code` is
 * `code`), or did not answer a usable response at all (then `code` is undefined and `cause` says
 * why). Expected failures of a mutation are not errors: they come back in its `userErrors`.
 */
export class LianxinApiError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when the error came over the WebSocket or no response came. */
    readonly status: number,
    readonly errors: GraphQLErrorBody[],
    /** Whatever data came back beside the errors. */
    readonly data: unknown,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LianxinApiError';
    this.#code = options?.code;
  }

  readonly #code: string | undefined;

  /** The server's `extensions.code` of the first error, e.g. `FORBIDDEN`. */
  get code(): string | undefined {
    return this.#code ?? this.errors[0]?.extensions?.code;
  }
}
