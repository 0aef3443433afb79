/**
 * The typed documents generated from `schema/operations` (`npm run codegen`), on their own: the
 * entry for browsers, which the plugin part of `@lianxin/sdk` (zod, …) would weigh down.
 */
export * from './generated/graphql.js';
