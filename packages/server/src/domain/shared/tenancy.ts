import type { Context } from './context';
import { requireWrite, type Area } from './policy';

/**
 * Street scope: every tenant read adds `scopeSql` (the database enforces the same with row-level
 * security), and every tenant write checks `requireStreetWrite`. A viewer reaches only the streets
 * in `viewer.streetIds`; `'all'` is for platform-wide callers.
 */
export function scopeSql(ctx: Context, column: string, params: unknown[]): string | null {
  const scope = ctx.viewer.streetIds;
  if (scope === 'all') return null;
  params.push(scope);
  return `${column} = ANY($${params.length}::bigint[])`;
}

/**
 * Throws unless the viewer may change `area` data of `streetId` (see policy.ts). Where a rule
 * depends on the grid or person a row is about, use `requireWrite` with the target instead.
 */
export function requireStreetWrite(
  ctx: Context,
  streetId: string,
  action: string,
  area: Area,
): void {
  requireWrite(ctx, area, { streetId }, action);
}
