import type { Context } from './context';

/**
 * Personal information (个人信息): phone and ID numbers. Callers whose role does not need them
 * get a masked form that is still useful to tell people apart (138****5678).
 */
export type PersonalDataKind = 'PHONE' | 'ID_NUMBER';

/** Whether the viewer may read personal data of people in `streetId` unmasked. */
export function mayReadPersonalData(ctx: Context, _streetId: string): boolean {
  return ctx.viewer.kind === 'platform-admin';
}

export function maskPersonalData(kind: PersonalDataKind, value: string): string {
  if (kind === 'PHONE') {
    return value.length >= 7
      ? `${value.slice(0, 3)}****${value.slice(-4)}`
      : '*'.repeat(value.length);
  }
  return value.length >= 8
    ? `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`
    : '*'.repeat(value.length);
}

/** The value as this viewer may see it. */
export function revealPersonalData(
  ctx: Context,
  streetId: string,
  kind: PersonalDataKind,
  value: string | null,
): string | null {
  if (value === null) return null;
  return mayReadPersonalData(ctx, streetId) ? value : maskPersonalData(kind, value);
}
