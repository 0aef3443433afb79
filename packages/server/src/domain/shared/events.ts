import { sql } from '../../db/statement';
import { encodePayload, type EventType } from '../../events/catalog';
import { query, type Context } from './context';

// The event and its audit entry in one statement: a change is in the stream and in the audit
// log together, or in neither.
const appendAudited = sql(
  'event_append_audited',
  // No RETURNING: row-level security would check a returned row against the read rule, which
  // refuses facts of no street (a district's) to callers scoped to streets.
  `WITH event AS (
     INSERT INTO domain_event (street_id, type, subject_type, subject_id, actor, payload)
     VALUES ($1, $2, $3, $4, $5, $6))
   INSERT INTO audit_log (street_id, action, subject_type, subject_id, details,
     actor_kind, actor_id, actor_role, client_address, request_id)
   VALUES ($1, $2, $3, $4, $6, $7, $8, $9, $10, $11)`,
);

/** An event as recorded, for the modules that follow its type. */
export interface RecordedEvent<P extends object = object> {
  type: EventType<P>;
  streetId: string | null;
  subjectId: string;
  payload: P;
}

/**
 * What a module does in the same transaction when an event of another is recorded (a calendar
 * change moves the cases' due times): blocking and short — schedule a job for anything longer.
 * A throw rolls the whole change back.
 */
export type Follower = (ctx: Context, event: RecordedEvent) => Promise<void>;

/** The followers of each event type, registered by their modules at start-up (src/modules.ts). */
export class FollowerRegistry {
  private readonly byType = new Map<string, { module: string; run: Follower }[]>();

  register(type: EventType, run: Follower, module: string): void {
    const list = this.byType.get(type.name) ?? [];
    if (list.some((f) => f.module === module)) {
      throw new Error(`Module ${module} follows event ${type.name} twice`);
    }
    list.push({ module, run });
    this.byType.set(type.name, list);
  }

  of(type: string): readonly { module: string; run: Follower }[] {
    return this.byType.get(type) ?? NONE;
  }
}
const NONE: readonly { module: string; run: Follower }[] = [];

export const followers = new FollowerRegistry();

/**
 * Records a domain event in the request's transaction, with the viewer as the actor, and the
 * same change in the audit log (who, with which credential, from where). The payload is checked
 * against its type's schema: a wrong one throws, so the write rolls back.
 */
export async function recordEvent<P extends object>(
  ctx: Context,
  type: EventType<P>,
  event: { streetId: string | null; subjectId: string; payload: NoInfer<P> },
): Promise<void> {
  if (!ctx.tx) throw new Error(`Event ${type.name} was recorded outside a transaction`);
  const payload = encodePayload(type, event.payload) as Record<string, unknown>;
  const { viewer } = ctx;
  await query(ctx, appendAudited, [
    event.streetId,
    type.name,
    type.subject,
    event.subjectId,
    JSON.stringify({ kind: viewer.kind, id: viewer.id }),
    JSON.stringify(payload),
    viewer.kind,
    viewer.id,
    viewer.role,
    ctx.clientAddress?.slice(0, 100) ?? null,
    ctx.requestId,
  ]);
  for (const follower of followers.of(type.name)) {
    await follower.run(ctx, { type, ...event } as RecordedEvent);
  }
}
