import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { PublicError } from '../domain/shared/errors';
import type { Logger } from '../logger';
import { translate, type Locale } from '../i18n';

/** Codes that graphql-js, Apollo and this server attach to errors the caller caused. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'CANCELLED',
  'PLUGIN_DISABLED',
]);

/** PostgreSQL's SQLSTATE of an error from `pg` or typeorm, if it has one. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Converts a service's `PublicError` into the GraphQL error a client sees. */
export function toGraphQLError(error: PublicError, status?: number, locale?: Locale): GraphQLError {
  return new GraphQLError(translate(error.message, locale), {
    extensions: { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) },
  });
}

/**
 * Apollo's `formatError`: errors a caller can act on keep their message and code; anything else
 * is a bug, masked as INTERNAL_SERVER_ERROR with an id that is also in the log.
 */
export function formatErrorWith(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    // 57014 query_canceled: a statement ran past DB_STATEMENT_TIMEOUT_MS.
    if (!(original instanceof PublicError) && sqlState(original) === '57014') {
      original = new PublicError(
        'TIMEOUT',
        'A database statement ran longer than its time limit and was cancelled. Ask for less: smaller pages or fewer nested connections.',
      );
    }
    if (original instanceof PublicError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = formatted.extensions?.code;
    // A GraphQLError without a public code (e.g. "Cannot return null for non-nullable field") is a
    // server bug too, so only coded GraphQLErrors pass unmasked.
    if (typeof code === 'string' && PUBLIC_CODES.has(code) && original instanceof GraphQLError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const masked = internalError(logger, original, 'unexpected error in a GraphQL request', {
      path: formatted.path,
    });
    const { message, extensions } = masked;
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  };
}

/**
 * The one way a bug reaches a caller, whatever the transport: masked as INTERNAL_SERVER_ERROR
 * with an id that is also in the log beside the error.
 */
export function internalError(
  logger: Logger,
  error: unknown,
  note: string,
  fields: Record<string, unknown> = {},
): GraphQLFormattedError {
  const errorId = randomUUID();
  logger.error({ err: error, errorId, ...fields }, note);
  return {
    message: `Internal server error (error id ${errorId}).`,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}
