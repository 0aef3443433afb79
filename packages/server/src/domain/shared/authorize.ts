import { PublicError } from './errors';
import type { Context } from './context';

/** Platform-wide changes (districts, streets) are for platform administrators. */
export function requirePlatformAdmin(ctx: Context, action: string): void {
  if (ctx.viewer.kind === 'anonymous') {
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  }
  if (ctx.viewer.kind !== 'platform-admin') {
    throw new PublicError('FORBIDDEN', `Only platform administrators may ${action}.`);
  }
}
