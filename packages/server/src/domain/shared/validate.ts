import type { z } from 'zod';
import { InputError, type InputProblem, type UserErrorCode } from './errors';

function codeOf(issue: z.core.$ZodIssue): UserErrorCode {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'REQUIRED';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'TOO_LONG';
  return 'INVALID';
}

/**
 * Checks `input` against `schema` and returns the parsed value, or throws an `InputError`
 * listing every problem with its field path under `root` (the mutation argument's name).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  root: string[] = ['input'],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: InputProblem[] = result.error.issues.map((issue) => ({
    field: [...root, ...issue.path.map(String)],
    message: issue.message,
    code: codeOf(issue),
  }));
  throw new InputError(problems);
}
