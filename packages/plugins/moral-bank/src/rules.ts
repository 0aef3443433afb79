import {
  inputRowId as idOf,
  inputText as text,
  PluginInputError,
  type PluginContext,
} from '@lianxin/sdk';
import type { MoralBankConfig } from './config';

/** The SDK's input checks, under this plugin's names for them. */
export { idOf, text };

export type Ctx = PluginContext<MoralBankConfig>;

/**
 * Who may do what:
 * - staff record good deeds, open passbooks and redeem rewards for a person;
 * - managers (street and community) also keep the reward catalogue and reverse entries;
 * - residents and volunteers redeem rewards for themselves.
 * Reading is the read models' rule: passbooks and entries are `person` rows (staff read the
 * street's, residents and volunteers their own), rewards are the whole street's.
 */
export const MANAGERS = ['PLATFORM_ADMIN', 'DISTRICT_ADMIN', 'STREET_ADMIN', 'COMMUNITY_STAFF'];
export const STAFF = [...MANAGERS, 'GRID_WORKER'];
export const PEOPLE = ['RESIDENT', 'VOLUNTEER'];

const hasRole = (ctx: Ctx, roles: readonly string[]) => roles.includes(ctx.viewer.role ?? '');
export const isStaff = (ctx: Ctx) => hasRole(ctx, STAFF);

/** Refuses a caller whose role is not one of `roles`. */
export function requireRole(ctx: Ctx, roles: readonly string[], what: string): void {
  if (!hasRole(ctx, roles)) {
    throw PluginInputError.single(['input'], `Your role may not ${what}.`, 'FORBIDDEN');
  }
}

/** The user recording an entry, when a signed-in user does (null for hooks and API keys). */
export const recorder = (ctx: Ctx): string | null =>
  ctx.viewer.kind === 'user' ? ctx.viewer.id : null;

/** A whole number from `min` to `max`. */
export function wholeNumber(value: unknown, field: string[], min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw PluginInputError.single(
      field,
      `A whole number from ${min} to ${max}; got ${String(value)}.`,
      'INVALID',
    );
  }
  return value;
}

/** The day in China (the street's day) at epoch ms `at`, `YYYY-MM-DD`. */
export const chinaDay = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
export const today = () => chinaDay(Date.now());

/** A past or present day, `YYYY-MM-DD` (LocalDate checked its form); today when absent. */
export function pastDay(value: unknown, field: string[]): string {
  if (value === undefined || value === null) return today();
  const day = String(value);
  if (day > today()) throw PluginInputError.single(field, 'Not a day in the future.', 'INVALID');
  return day;
}

/**
 * The person acting: the caller's own (residents, volunteers), or the one staff name in
 * `field`, who must be of `streetId` (when given) and visible to them.
 */
export async function personActing(
  ctx: Ctx,
  given: unknown,
  field: string[],
  streetId?: string,
): Promise<{ id: string; streetId: string }> {
  if (hasRole(ctx, PEOPLE)) {
    if (given && idOf(ctx, given, 'Person', field) !== ctx.viewer.personId)
      throw PluginInputError.single(field, 'Only staff act for someone else.', 'FORBIDDEN');
    const person = ctx.viewer.personId ? await ctx.core.people.get(ctx.viewer.personId) : null;
    if (!person)
      throw PluginInputError.single(field, 'Your account is not linked to a person.', 'FORBIDDEN');
    return person;
  }
  if (!isStaff(ctx))
    throw PluginInputError.single(['input'], 'Your role may not do this.', 'FORBIDDEN');
  if (!given)
    throw PluginInputError.single(field, 'Staff name the person they act for.', 'REQUIRED');
  return personOf(ctx, given, field, streetId);
}

/** A person staff named, visible to them (and of `streetId` when given). */
export async function personOf(
  ctx: Ctx,
  given: unknown,
  field: string[],
  streetId?: string,
): Promise<{ id: string; streetId: string }> {
  const person = await ctx.core.people.get(idOf(ctx, given, 'Person', field));
  if (!person || (streetId && person.streetId !== streetId)) {
    throw PluginInputError.single(
      field,
      streetId ? 'No person of this street has this ID.' : 'No person has this ID.',
      'NOT_FOUND',
    );
  }
  return person;
}
