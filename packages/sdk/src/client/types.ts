import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** A typed operation: the generated `…Document` constants, or any string. */
export type TypedDocument<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & {
  toString(): string;
};

/** A document, typed or not. */
export type AnyDocument<TResult, TVariables> = TypedDocument<TResult, TVariables> | string;

/** The WebSocket constructor graphql-ws uses: the browser's, or e.g. the `ws` package's. */
export type WebSocketConstructor = unknown;

export interface ClientOptions {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** An API key (`lxk_…`), sent as the bearer credential. Give this or `token`, not both. */
  apiKey?: string;
  /** A bearer token: a user's access token from `login`. */
  token?: string;
  /** More HTTP headers (over HTTP only: browsers cannot set a WebSocket's headers). */
  headers?: Record<string, string>;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /**
   * The WebSocket class for subscriptions; the global one by default. Node 20 has none: pass the
   * `ws` package's (`import WebSocket from 'ws'`).
   */
  webSocketImpl?: WebSocketConstructor;
  /** Where subscriptions connect; `url` with `ws:`/`wss:` by default. */
  wsUrl?: string;
  /**
   * Connect the WebSocket only when the first subscription starts, and close it when the last
   * ends (default), or at once (`false`) and keep it open until `dispose()`.
   */
  lazy?: boolean;
  /**
   * How often to ping the server over the WebSocket, in ms (default 15,000; 0: never). When no
   * pong comes back within as long again, the connection is given up and its subscriptions
   * reconnect and resume: a connection that died without closing (a laptop asleep, a router
   * that forgot it) is noticed instead of waiting silently forever.
   */
  keepAliveMs?: number;
}

/** The variables of an operation, then its options: the variables may be left out when none is required. */
export type VariablesThen<TVariables, TOptions> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: TOptions]
    : [variables: TVariables, options?: TOptions];
