import { sql } from '../../db/statement';
import { query, type Context } from './context';

/** One audit entry: what was read or changed, in which street (null: platform-level). */
export interface AuditRecord {
  streetId: string | null;
  /** `personal_data.read`, or the name of the domain event of a change (`user.updated`). */
  action: string;
  /** The GraphQL type and row id of what was read or changed. */
  subjectType: string;
  subjectId: string;
  /** Fields read (personal data: `PHONE`, `ID_NUMBER`). */
  fields?: readonly string[];
  /** What changed: the event's payload, which never holds personal data (events/catalog.ts). */
  details?: object | null;
}

const insert = sql(
  'audit_insert',
  `INSERT INTO audit_log (street_id, action, subject_type, subject_id, fields, details,
     actor_kind, actor_id, actor_role, client_address, request_id)
   SELECT e.street_id, e.action, e.subject_type, e.subject_id,
     coalesce((SELECT array_agg(f) FROM jsonb_array_elements_text(e.fields) f), '{}'), e.details,
     $2, $3, $4, $5, $6
   FROM jsonb_to_recordset($1::jsonb) AS e(street_id bigint, action text, subject_type text,
     subject_id text, fields jsonb, details jsonb)`,
);

/**
 * Writes audit entries in the request's statement order, with the caller as actor: their
 * credential (user, API key, admin token), role and address. One statement for any number.
 * Entries cannot be changed or removed by the server (only the retention job removes old ones).
 */
export async function recordAudit(ctx: Context, entries: readonly AuditRecord[]): Promise<void> {
  if (entries.length === 0) return;
  const { viewer } = ctx;
  await query(ctx, insert, [
    JSON.stringify(
      entries.map((e) => ({
        street_id: e.streetId,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        fields: e.fields ?? [],
        details: e.details ?? null,
      })),
    ),
    viewer.kind,
    viewer.id ?? null,
    viewer.role ?? null,
    ctx.clientAddress?.slice(0, 100) ?? null,
    ctx.requestId,
  ]);
}
