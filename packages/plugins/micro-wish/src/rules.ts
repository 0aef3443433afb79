import {
  inputRowId as idOf,
  inputText as text,
  PluginInputError,
  type PluginContext,
} from '@lianxin/sdk';

/** The SDK's input checks, under this plugin's names for them. */
export { idOf, text };

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
