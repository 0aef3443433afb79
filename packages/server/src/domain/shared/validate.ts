import { z } from 'zod';
import { InputError, type InputProblem, type UserErrorCode } from './errors';

const zhCN = z.locales.zhCN();

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
  // zod's own messages in Chinese too (a schema's custom messages come back as they are, and
  // are translated by the API like every other message of the server).
  const inChinese = schema.safeParse(input, { error: zhCN.localeError }).error?.issues ?? [];
  const problems: InputProblem[] = result.error.issues.map((issue, i) => {
    const zh = inChinese[i]?.message;
    return {
      field: [...root, ...issue.path.map(String)],
      message: issue.message,
      code: codeOf(issue),
      ...(zh && zh !== issue.message ? { localized: { zh } } : {}),
    };
  });
  throw new InputError(problems);
}
