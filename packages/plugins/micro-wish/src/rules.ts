import { PluginInputError, type PluginContext } from '@lianxin/sdk';

/** Roles that act for residents and members (post for one, claim for one, cancel, fulfil). */
export const STAFF = [
  'PLATFORM_ADMIN',
  'DISTRICT_ADMIN',
  'STREET_ADMIN',
  'COMMUNITY_STAFF',
  'GRID_WORKER',
];
/** Roles that act as the person they are. */
export const PEOPLE = ['RESIDENT', 'VOLUNTEER'];

export const isStaff = (ctx: PluginContext) => STAFF.includes(ctx.viewer.role ?? '');

/** The row id behind a global ID, or a user error on `field`. */
export function idOf(ctx: PluginContext, globalId: string, type: string, field: string[]): string {
  try {
    return ctx.ids.rowId(globalId, type, field.join('.'));
  } catch {
    throw PluginInputError.single(field, `Not the ID of a ${type}.`, 'INVALID');
  }
}

/** A trimmed text of 1 to `max` characters (optional ones may be absent). */
export function text(value: unknown, field: string[], max: number, required = true): string | null {
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

/** At most five photo addresses, each http(s) and at most 2,000 characters. */
export function photos(value: unknown, field: string[]): string[] {
  const list = (value ?? []) as string[];
  if (list.length > 5)
    throw PluginInputError.single(field, `At most 5 photos; got ${list.length}.`, 'INVALID');
  list.forEach((url, i) => {
    if (!/^https?:\/\/\S+$/.test(url) || url.length > 2000) {
      throw PluginInputError.single(
        [...field, String(i)],
        'Not an http or https address (at most 2,000 characters).',
        'INVALID',
      );
    }
  });
  return list;
}
