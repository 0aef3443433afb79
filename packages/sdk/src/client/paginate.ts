/** A Relay connection as selected: its page info and its nodes, or its edges' nodes. */
export interface Connection<TNode> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes?: readonly (TNode | null)[] | null;
  edges?: readonly ({ node: TNode | null } | null)[] | null;
}

export interface PaginateOptions<TResult, TNode> {
  /** Nodes per request: sent as the `first` variable (the document must declare `$first`). */
  pageSize?: number;
  /** Picks the connection in a page's data; by default the one object with a `pageInfo`. */
  connection?: (data: TResult) => Connection<TNode> | null | undefined;
}

type Depth = [never, 0, 1, 2, 3, 4, 5];
type NodeOfConnection<T> = T extends { pageInfo: unknown; nodes: readonly (infer N)[] }
  ? NonNullable<N>
  : T extends { pageInfo: unknown; edges: readonly (infer E)[] }
    ? E extends { node: infer N }
      ? NonNullable<N>
      : never
    : never;
/** The node type of the connection (the object with `pageInfo`) in a result. */
export type ConnectionNode<T, D extends number = 5> = [D] extends [never]
  ? never
  : T extends readonly unknown[]
    ? never
    : T extends object
      ? | NodeOfConnection<T>
        | { [K in keyof T]-?: ConnectionNode<NonNullable<T[K]>, Depth[D]> }[keyof T]
      : never;

/** Declares the variable `$name` (in the operation's variable definitions). */
export const declares = (query: string, name: string) => new RegExp(`\\$${name}\\s*:`).test(query);

/** The objects with a `pageInfo` in `data`, outside lists (a list's items are not the result's connection). */
function connectionsIn(value: unknown, found: Connection<unknown>[] = []): Connection<unknown>[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return found;
  if ('pageInfo' in value) found.push(value as Connection<unknown>);
  else for (const child of Object.values(value)) connectionsIn(child, found);
  return found;
}

/**
 * Every node of a connection, page after page: requests the document with `after` set to the
 * previous page's `pageInfo.endCursor` until `hasNextPage` is false.
 */
export async function* paginate<TResult, TNode>(
  run: (variables: Record<string, unknown>) => Promise<TResult>,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: PaginateOptions<TResult, TNode> = {},
): AsyncGenerator<TNode, void, undefined> {
  if (!declares(query, 'after')) {
    throw new TypeError(
      'paginate: the document declares no $after variable; declare `$after: String` and pass it to the connection as `after: $after`.',
    );
  }
  if (options.pageSize !== undefined) {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1) {
      throw new TypeError(
        `paginate: pageSize must be a positive integer, not ${String(options.pageSize)}.`,
      );
    }
    if (!declares(query, 'first')) {
      throw new TypeError(
        'paginate: pageSize is sent as $first, which the document does not declare; declare `$first: Int` and pass it to the connection as `first: $first`.',
      );
    }
  }
  const vars: Record<string, unknown> = { ...variables };
  if (options.pageSize !== undefined) vars.first = options.pageSize;
  let after = vars.after as string | null | undefined;
  const seen = new Set<string>();
  for (;;) {
    const data = await run({ ...vars, after });
    const connection = pick(data, options.connection);
    for (const node of connection.nodes ??
      connection.edges?.map((edge) => edge?.node ?? null) ??
      []) {
      if (node !== null) yield node as TNode;
    }
    if (!connection.pageInfo.hasNextPage) return;
    const next = connection.pageInfo.endCursor;
    if (typeof next !== 'string' || seen.has(next)) {
      throw new TypeError(
        `paginate: the server says there is a next page, but its endCursor ${JSON.stringify(next)} ${typeof next === 'string' ? 'came before' : 'is not a cursor'}; stopping rather than looping.`,
      );
    }
    seen.add(next);
    after = next;
  }
}

function pick<TResult, TNode>(
  data: TResult,
  choose: ((data: TResult) => Connection<TNode> | null | undefined) | undefined,
): Connection<TNode> {
  let connection: Connection<unknown> | null | undefined;
  if (choose) {
    connection = choose(data);
    if (!connection) throw new TypeError('paginate: the `connection` option returned nothing.');
  } else {
    const found = connectionsIn(data);
    if (found.length !== 1) {
      throw new TypeError(
        found.length
          ? `paginate: the result has ${found.length} connections with pageInfo; pick one with the \`connection\` option.`
          : 'paginate: the result has no connection with pageInfo; select `pageInfo { hasNextPage endCursor }` on it.',
      );
    }
    connection = found[0]!;
  }
  const info = connection.pageInfo as Partial<Connection<unknown>['pageInfo']> | null | undefined;
  if (!info || typeof info.hasNextPage !== 'boolean' || !('endCursor' in info)) {
    throw new TypeError(
      'paginate: select `pageInfo { hasNextPage endCursor }` on the connection to walk its pages.',
    );
  }
  if (!Array.isArray(connection.nodes) && !Array.isArray(connection.edges)) {
    throw new TypeError(
      'paginate: select `nodes { … }` or `edges { node { … } }` on the connection.',
    );
  }
  return connection as Connection<TNode>;
}
