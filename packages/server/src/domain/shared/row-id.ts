const MAX_BIGINT = 9223372036854775807n;

/** Whether `text` is a row id PostgreSQL takes as a bigint (decimal digits, within range). */
export function isRowId(text: string): boolean {
  return /^[0-9]{1,19}$/.test(text) && BigInt(text) <= MAX_BIGINT;
}
