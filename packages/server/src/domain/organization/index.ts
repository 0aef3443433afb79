import type { NodeFetcher } from '../../graphql/relay/node';

/** What the organization area adds to the server (wired in src/modules.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: Function[] = [];
export const nodeFetchers: NodeFetcher[] = [];
