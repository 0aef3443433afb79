import type { Context } from './context';
import { PublicError } from './errors';

/**
 * Street scope: every tenant read adds `scopeSql`, every tenant write calls `requireStreetWrite`.
 * A viewer reaches only the streets in `viewer.streetIds`; `'all'` is for platform-wide roles.
 */
export function scopeSql(ctx: Context, column: string, params: unknown[]): string | null {
  const scope = ctx.viewer.streetIds;
  if (scope === 'all') return null;
  params.push(scope);
  return `${column} = ANY($${params.length}::bigint[])`;
}

export function canReadStreet(ctx: Context, streetId: string): boolean {
  const scope = ctx.viewer.streetIds;
  return scope === 'all' || scope.includes(streetId);
}

/** Throws unless the viewer may change data of `streetId`. */
export function requireStreetWrite(ctx: Context, streetId: string, action: string): void {
  if (ctx.viewer.kind === 'anonymous') {
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  }
  if (!canReadStreet(ctx, streetId)) {
    throw new PublicError('FORBIDDEN', `You may not ${action} in this street.`);
  }
}
