import { GraphQLError } from 'graphql';

/** Deepest nesting of variable values: input objects here nest a few levels, not thousands. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * Checks a request's variables before anything walks them recursively (coercion, cost, caches
 * keyed by their JSON): a value nested deeper than `MAX_VARIABLE_DEPTH` would overflow the stack.
 * Iterative, so any input is safe to check. Returns the error to answer, or null.
 */
export function nestingProblem(variables: unknown): GraphQLError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: variables, path: '', depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_VARIABLE_DEPTH) {
      return badVariables(
        `Variable "$${path.split(/[.[]/)[0]}" nests deeper than ${MAX_VARIABLE_DEPTH} levels.`,
      );
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }),
      );
    } else {
      for (const [key, item] of Object.entries(value as Record<string, unknown>))
        stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

/** A request error about its variables: 400, as Apollo answers variables that do not coerce. */
export function badVariables(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
