import { InputError } from '../shared/errors';

/**
 * The password policy, in one place: every password set (account creation, change, reset) is
 * checked here, and each refusal names the rule it broke.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// The bundled list of common passwords (zxcvbn's, ~49,000 from breaches), with common ones of
// Chinese users that it lacks; compared without case.
const EXTRA_COMMON = [
  'woaini1314',
  'woaini5201314',
  '5201314520',
  'aini1314520',
  'qq123456789',
  'abc123456789',
  'a1234567890',
  'zhang123456',
  'wang1234567',
  'li123456789',
  'asd123456789',
  'qwe123456789',
  'zxc123456789',
  'password@123',
  'admin123456',
  'admin@12345',
  'lianxin123456',
  'xifeng123456',
];
let common: Set<string> | undefined;
/** Loaded when a password is first checked: the list is decompressed on load (a few MB). */
function commonPasswords(): Set<string> {
  if (!common) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: Record<string, string[]>;
    };
    common = new Set(
      [...dictionary['passwords-common']!, ...EXTRA_COMMON].map((p) => p.toLowerCase()),
    );
  }
  return common;
}

/** Why `password` is refused, or null when it is acceptable; `username` must not be part of it. */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Password has at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH)
    return `Password has at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size < 4) return 'Password uses at least 4 different characters.';
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase()))
    return 'Password must not contain the username.';
  if (commonPasswords().has(lower))
    return 'Password is one of the most common passwords (found in breaches); choose another.';
  return null;
}

/** Throws BAD_USER_INPUT at `path` (code WEAK_PASSWORD) unless `password` is acceptable. */
export function checkPassword(path: string[], password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw InputError.single(path, problem, 'WEAK_PASSWORD');
}
