/**
 * Errors a caller can act on. Services throw these; the API layer turns them into GraphQL
 * errors with the same `code` (or into `userErrors` for mutations). Any other error is a bug
 * and is masked.
 */
export type PublicErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'CANCELLED'
  /** A plugin's field or mutation, in a street where the plugin is not enabled. */
  | 'PLUGIN_DISABLED';

export class PublicError extends Error {
  constructor(
    readonly code: PublicErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'PublicError';
  }
}

/** The request ran past its time limit; its statements were cancelled. */
export function requestTimedOut(limitMs: number): PublicError {
  return new PublicError(
    'TIMEOUT',
    `The request ran longer than its limit of ${limitMs} ms and was stopped. Ask for less: smaller pages or fewer nested connections.`,
    { limitMs },
  );
}

/** The client went away before its answer was ready; its statements were cancelled. */
export function requestCancelled(): PublicError {
  return new PublicError('CANCELLED', 'The client closed the request before it was answered.');
}

/** One problem with a mutation's input; `field` is the path from the mutation's arguments. */
export interface InputProblem {
  field: string[];
  message: string;
  code: UserErrorCode;
  /**
   * The message in other languages where no catalogue can have it: a library's own wording
   * (zod's default messages). The server's own messages are translated by the API (src/i18n).
   */
  localized?: { zh?: string };
}

export type UserErrorCode =
  | 'INVALID'
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'NOT_FOUND'
  | 'TAKEN'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'ILLEGAL_TRANSITION'
  | 'WEAK_PASSWORD';

/**
 * Expected failure of a mutation. Thrown inside the mutation's transaction so everything
 * written before it is rolled back; the API answers it as the payload's `userErrors`.
 */
export class InputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field.join('.')}: ${p.message}`).join('; '));
    this.name = 'InputError';
  }

  static single(field: string[], message: string, code: UserErrorCode = 'INVALID'): InputError {
    return new InputError([{ field, message, code }]);
  }
}
