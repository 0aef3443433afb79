import { appendEvents, type DomainEvent } from '../../events/outbox';
import type { Context } from './context';

/** Records a domain event in the request's transaction, with the viewer as the actor. */
export async function recordEvent(ctx: Context, event: Omit<DomainEvent, 'actor'>): Promise<void> {
  if (!ctx.tx) throw new Error(`Event ${event.type} was recorded outside a transaction`);
  await appendEvents(ctx.tx.manager, [
    { ...event, actor: { kind: ctx.viewer.kind, id: ctx.viewer.id } },
  ]);
}
