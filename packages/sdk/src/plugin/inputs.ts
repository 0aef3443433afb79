import type { PluginContext } from './context';
import { PluginInputError } from './spec';

/**
 * Checks of a mutation's input that plugins share: each failure is a user error on its field
 * (`PluginInputError`), so the mutation answers it in `userErrors` and writes nothing.
 */

/** The row id behind a global ID of `type`, or an INVALID user error on `field`. */
export function inputRowId(
  ctx: PluginContext<unknown>,
  globalId: unknown,
  type: string,
  field: string[],
): string {
  try {
    return ctx.ids.rowId(String(globalId), type, field.join('.'));
  } catch {
    throw PluginInputError.single(field, `Not the ID of a ${type}.`, 'INVALID');
  }
}

/**
 * A trimmed text of 1 to `max` characters: REQUIRED when absent or blank (null when `required`
 * is false), TOO_LONG past `max`.
 */
export function inputText(
  value: unknown,
  field: string[],
  max: number,
  required = true,
): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    if (required) throw PluginInputError.single(field, 'A value is required here.', 'REQUIRED');
    return null;
  }
  const s = String(value).trim();
  if (s.length > max) {
    throw PluginInputError.single(field, `At most ${max} characters; got ${s.length}.`, 'TOO_LONG');
  }
  return s;
}
