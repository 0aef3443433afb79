import {
  inputRowId as idOf,
  inputText as text,
  PluginError,
  PluginInputError,
  type PluginContext,
} from '@lianxin/sdk';

/** The SDK's input checks, under this plugin's names for them. */
export { idOf, text };

/**
 * Checks of GraphQL input that every mutation shares; each failure is a user error on its field.
 * User error codes are the API's `UserErrorCode` values: INVALID, REQUIRED, TOO_LONG, NOT_FOUND,
 * FORBIDDEN, CONFLICT, ILLEGAL_TRANSITION.
 */

/** A whole number from `min` to `max`. */
export function count(value: unknown, field: string[], min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw PluginInputError.single(field, `A whole number from ${min} to ${max}.`, 'INVALID');
  }
  return n;
}

/**
 * The street a write lands in: the one named (a Street global ID), else the caller's only one.
 * A caller of several streets who names none is told to name one.
 */
export function streetFor(ctx: PluginContext<unknown>, given: unknown, field: string[]): string {
  const rowId = given ? idOf(ctx, given, 'Street', field) : undefined;
  try {
    return ctx.street(rowId);
  } catch (error) {
    if (error instanceof PluginError)
      throw PluginInputError.single(
        field,
        error.message,
        error.code === 'BAD_USER_INPUT' ? 'INVALID' : error.code,
      );
    throw error;
  }
}

/**
 * Organizations of `streetId` by their global IDs: each once, at least `min`, at most 30, every
 * one an organization of that street. Answers their row ids in the order given.
 */
export async function unitsOf(
  ctx: PluginContext<unknown>,
  given: unknown,
  field: string[],
  streetId: string,
  min = 1,
): Promise<string[]> {
  const list = (given ?? []) as unknown[];
  if (list.length < min) {
    throw PluginInputError.single(
      field,
      `Name at least ${min} member unit${min > 1 ? 's' : ''} (Organization IDs).`,
      'REQUIRED',
    );
  }
  if (list.length > 30) {
    throw PluginInputError.single(field, `At most 30 units; got ${list.length}.`, 'INVALID');
  }
  const ids = list.map((g, i) => idOf(ctx, g, 'Organization', [...field, String(i)]));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id))
      throw PluginInputError.single([...field, String(i)], 'This unit is named twice.', 'INVALID');
    seen.add(id);
  });
  const orgs = await Promise.all(ids.map((id) => ctx.core.organizations.get(id)));
  orgs.forEach((org, i) => {
    if (!org || org.streetId !== streetId) {
      throw PluginInputError.single(
        [...field, String(i)],
        'No organization of this street has this ID.',
        'NOT_FOUND',
      );
    }
  });
  return ids;
}
