/**
 * The typed client of the Lianxin public API: `request` over HTTP, `paginate` over a connection,
 * `subscribe` over graphql-ws with reconnection and resume. Pass it the typed documents generated
 * from `schema/operations` (`@lianxin/sdk/operations`) to get typed results and variables.
 *
 * It runs in browsers and in Node 20+: nothing here may import a Node built-in, nor the plugin
 * part of the SDK.
 */
import { post } from './http.js';
import { paginate, type ConnectionNode, type PaginateOptions } from './paginate.js';
import { Live, subscribe, type SubscribeOptions } from './subscribe.js';
import type { AnyDocument, ClientOptions, TypedDocument, VariablesThen } from './types.js';

export { LianxinApiError, type GraphQLErrorBody } from './errors.js';
export type { Connection, ConnectionNode, PaginateOptions } from './paginate.js';
export type { RetryOptions, SubscribeOptions, SubscriptionStatus } from './subscribe.js';
export type {
  AnyDocument,
  ClientOptions,
  TypedDocument,
  VariablesThen,
  WebSocketConstructor,
} from './types.js';

export interface LianxinClient {
  /**
   * Runs a query or mutation; throws LianxinApiError when the response has errors. With a
   * generated document the variables are checked against the operation's (none missing, none
   * unknown, each of its type) and the result is typed; they may be left out only when the
   * operation declares none.
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
  /**
   * Every node of the connection in the result (the one object with `pageInfo`, or the one
   * `options.connection` picks), page after page, following `pageInfo.endCursor` with the
   * document's `$after` variable; `pageSize` is sent as `$first`.
   */
  paginate<TResult, TVariables extends { after?: string | null }, TNode = ConnectionNode<TResult>>(
    document: AnyDocument<TResult, TVariables>,
    ...args: VariablesThen<TVariables, PaginateOptions<TResult, TNode>>
  ): AsyncGenerator<TNode, void, undefined>;
  /**
   * A subscription's results, one per event, over graphql-ws. Reconnects with backoff when the
   * connection drops and, when the document declares `$after`, resumes after the `cursor` of the
   * last event delivered, so each event comes exactly once. Leaving the `for await` ends it.
   */
  subscribe<TResult, TVariables>(
    document: AnyDocument<TResult, TVariables>,
    ...args: VariablesThen<TVariables, SubscribeOptions>
  ): AsyncGenerator<TResult, void, undefined>;
  /** A client like this one with another bearer token (e.g. after signing in). */
  withToken(token: string | undefined): LianxinClient;
  /** Closes the WebSocket and ends this client's subscriptions. */
  dispose(): Promise<void>;
}

export function createClient(options: ClientOptions): LianxinClient {
  if (typeof options?.url !== 'string' || !options.url) {
    throw new TypeError('createClient: `url` is required, e.g. http://localhost:4000/graphql.');
  }
  if (options.apiKey && options.token) {
    throw new TypeError('createClient: give `apiKey` or `token`, not both.');
  }
  let live: Live | undefined = options.lazy === false ? new Live(options) : undefined;
  const run = <TResult>(document: unknown, variables?: Record<string, unknown>) =>
    post<TResult>(options, String(document), variables);
  return {
    request<TResult>(document: unknown, variables?: unknown): Promise<TResult> {
      return run<TResult>(document, variables as Record<string, unknown> | undefined);
    },
    paginate<TResult, TVariables, TNode>(
      document: AnyDocument<TResult, TVariables>,
      variables?: TVariables,
      paging?: PaginateOptions<TResult, TNode>,
    ) {
      return paginate<TResult, TNode>(
        (vars) => run<TResult>(document, vars),
        String(document),
        variables as Record<string, unknown> | undefined,
        paging,
      );
    },
    subscribe<TResult, TVariables>(
      document: AnyDocument<TResult, TVariables>,
      variables?: TVariables,
      subscribing?: SubscribeOptions,
    ) {
      return subscribe<TResult>(
        (live ??= new Live(options)),
        String(document),
        variables as Record<string, unknown> | undefined,
        subscribing,
      );
    },
    withToken: (token) => createClient({ ...options, apiKey: undefined, token }),
    async dispose() {
      const closing = live;
      live = undefined;
      await closing?.dispose();
    },
  } as LianxinClient;
}
