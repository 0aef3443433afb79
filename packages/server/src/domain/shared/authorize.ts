import type { Context } from './context';
import { PublicError } from './errors';

/** Platform-wide changes (streets) are for platform administrators, or district admins in their district. */
export function requirePlatformAdmin(ctx: Context, action: string, districtId?: string): void {
  const { viewer } = ctx;
  if (viewer.kind === 'anonymous')
    throw new PublicError('UNAUTHENTICATED', `Sign in to ${action}.`);
  if (viewer.role === 'PLATFORM_ADMIN') return;
  if (viewer.role === 'DISTRICT_ADMIN' && districtId && viewer.districtId === districtId) return;
  throw new PublicError(
    'FORBIDDEN',
    `Only platform administrators (or the district's administrators) may ${action}.`,
  );
}
