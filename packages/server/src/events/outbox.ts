/**
 * A fact about a change, written in the same transaction as the change itself
 * (domain/shared/events.ts `recordEvent`). It becomes visible to readers (subscriptions, hooks,
 * webhooks) only when that transaction commits.
 */
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
