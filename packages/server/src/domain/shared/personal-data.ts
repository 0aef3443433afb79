import { recordAudit } from './audit';
import { batchLoader, type Context } from './context';
import { memo } from './table';

/**
 * Personal information (个人信息): phone and ID numbers. Callers whose role does not need them get
 * a masked form that still tells people apart (138****5678); every full read by someone other
 * than the person is written to the audit log before the value is returned.
 */
export type PersonalDataKind = 'PHONE' | 'ID_NUMBER';

const FULL_READERS = new Set([
  'PLATFORM_ADMIN',
  'DISTRICT_ADMIN',
  'STREET_ADMIN',
  'COMMUNITY_STAFF',
  'GRID_WORKER',
]);

/** Whether the viewer may read the personal data of `personId` unmasked. */
export function mayReadPersonalData(ctx: Context, personId: string): boolean {
  const { viewer } = ctx;
  if (viewer.personId === personId) return true;
  if (viewer.role === 'INTEGRATION') return Boolean(viewer.scopes?.includes('personal-data:read'));
  return viewer.role !== null && FULL_READERS.has(viewer.role);
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

interface AuditedRead {
  streetId: string;
  personId: string;
  kind: PersonalDataKind;
}

/** Writes the request's full reads in one statement per batch. */
const auditLog = (ctx: Context) =>
  memo(ctx, 'audit:personal-data', () =>
    batchLoader<AuditedRead, true, string>(
      ctx,
      async (reads) => {
        await recordAudit(
          ctx,
          reads.map((r) => ({
            streetId: r.streetId,
            action: 'personal_data.read',
            subjectType: 'Person',
            subjectId: r.personId,
            fields: [r.kind],
          })),
        );
        return reads.map(() => true as const);
      },
      { cacheKeyFn: (r) => `${r.personId}:${r.kind}` },
    ),
  );

/** The value as this viewer may see it; a full read by someone else is audited first. */
export async function revealPersonalData(
  ctx: Context,
  person: { id: string; streetId: string },
  kind: PersonalDataKind,
  value: string | null,
): Promise<string | null> {
  if (value === null) return null;
  if (!mayReadPersonalData(ctx, person.id)) return maskPersonalData(kind, value);
  if (ctx.viewer.personId !== person.id) {
    await auditLog(ctx).load({ streetId: person.streetId, personId: person.id, kind });
  }
  return value;
}
