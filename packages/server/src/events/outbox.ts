import type { EntityManager } from 'typeorm';
import { DomainEventEntity } from './domain-event.entity';

/** A fact about a change, written in the same transaction as the change itself. */
export interface DomainEvent {
  /** Street the change belongs to; null only for platform-level facts. */
  streetId: string | null;
  /** Dotted name, `<area>.<what happened>`, e.g. `street.created`. */
  type: string;
  subjectType: string;
  subjectId: string;
  actor: { kind: string; id: string | null };
  payload: Record<string, unknown>;
}

/**
 * Appends events to the outbox inside the caller's transaction. They become visible to
 * readers (subscriptions, hooks, webhooks) only when that transaction commits.
 */
export async function appendEvents(manager: EntityManager, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager
    .getRepository(DomainEventEntity)
    .insert(events as Partial<DomainEventEntity>[] as never);
}
