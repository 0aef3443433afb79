import { InputError, PublicError } from '../../domain/shared/errors';
import { isRowId } from '../../domain/shared/row-id';

/** "a Grid", "an Organization". */
const aOrAn = (typeName: string) => `${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}`;

/**
 * Relay global object identification: an opaque ID naming the type and the row, unique
 * across the whole schema. Clients must not parse it; we may change its encoding.
 */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`).toString('base64url');
}

export interface DecodedId {
  typeName: string;
  id: string;
}

/**
 * The type and row id a global ID names, or null when it is not one. The row id may still be
 * out of a bigint's range (no row has it): check with `isRowId` before it reaches SQL.
 */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Z][A-Za-z0-9]*):([0-9]{1,19})$/.exec(text);
  return match ? { typeName: match[1]!, id: match[2]! } : null;
}

/**
 * The row id behind a global ID of `typeName`, or a BAD_USER_INPUT error naming the argument.
 * Used for inputs, where a wrong ID is the caller's mistake.
 */
export function rowIdOf(globalId: string, typeName: string, argument: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded || decoded.typeName !== typeName || !isRowId(decoded.id)) {
    throw new PublicError('BAD_USER_INPUT', `"${argument}" is not the ID of ${aOrAn(typeName)}.`, {
      argument,
    });
  }
  return decoded.id;
}

/** Decodes an ID inside a mutation input, answering a wrong one as a user error on that field. */
export function inputId(globalId: string, typeName: string, field: string[]): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded || decoded.typeName !== typeName || !isRowId(decoded.id)) {
    throw InputError.single(field, `Not the ID of ${aOrAn(typeName)}.`, 'INVALID');
  }
  return decoded.id;
}

/** SQL for the global ID of the row id in `column` (as `toGlobalId`, for reads built in SQL). */
export function globalIdSql(typeName: string, column: string): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(typeName)) throw new Error(`Not a type name: ${typeName}`);
  // base64 without padding or line breaks, then the URL alphabet.
  return `translate(encode(convert_to('${typeName}:' || ${column}, 'UTF8'), 'base64'), '+/=' || chr(10), '-_')`;
}
