/** A literal for LIKE and ILIKE: its wildcards (`%`, `_`) and the escape character escaped. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Code prefixes as ranges. Grid codes are digits, and a subtree is a code prefix: written as a
 * range (`code >= '621002001' AND code < '621002002'`) it uses the code index even in a generic
 * (prepared once, run many times) plan, where `LIKE $1` cannot.
 */
export function prefixRange(column: string, prefix: string, params: unknown[]): string {
  if (!/^[0-9]+$/.test(prefix)) {
    params.push(`${escapeLike(prefix)}%`);
    return `${column} LIKE $${params.length}`;
  }
  params.push(prefix);
  const lower = `$${params.length}`;
  const upper = nextPrefix(prefix);
  if (upper === null) return `${column} >= ${lower}`;
  params.push(upper);
  return `(${column} >= ${lower} AND ${column} < $${params.length})`;
}

/** The smallest digit string of the same length above `prefix`; null for all nines. */
function nextPrefix(prefix: string): string | null {
  const digits = prefix.split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] !== '9') {
      digits[i] = String(Number(digits[i]) + 1);
      return digits.join('');
    }
    digits[i] = '0';
  }
  return null;
}
