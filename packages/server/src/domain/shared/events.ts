import { encodePayload, type EventType } from '../../events/catalog';
import { appendEvents } from '../../events/outbox';
import type { Context } from './context';

/**
 * Records a domain event in the request's transaction, with the viewer as the actor. The payload
 * is checked against its type's schema: a wrong one throws, so the write rolls back.
 */
export async function recordEvent<P extends object>(
  ctx: Context,
  type: EventType<P>,
  event: { streetId: string | null; subjectId: string; payload: NoInfer<P> },
): Promise<void> {
  if (!ctx.tx) throw new Error(`Event ${type.name} was recorded outside a transaction`);
  const payload = encodePayload(type, event.payload) as Record<string, unknown>;
  await appendEvents(ctx.tx.manager, [
    {
      streetId: event.streetId,
      type: type.name,
      subjectType: type.subject,
      subjectId: event.subjectId,
      actor: { kind: ctx.viewer.kind, id: ctx.viewer.id },
      payload,
    },
  ]);
}
