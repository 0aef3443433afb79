import { sql } from '../../db/statement';
import { entityColumns } from '../shared/entity-columns';
import { AuditLogEntity } from './audit.entity';
import { loader, query, type Context } from '../shared/context';
import type { Page, PageRequest } from '../shared/keyset';
import { byIdLoader, filteredReads, type Ordering, type TableSpec } from '../shared/table';
import type { Role, Viewer } from '../shared/viewer';

/** One audit log entry: who read or changed what, when, with which credential, from where. */
export type AuditRecord = Omit<AuditLogEntity, 'actorKind' | 'actorRole'> & {
  actorKind: Viewer['kind'];
  actorRole: Role | null;
};

export const auditTable: TableSpec<AuditRecord> = {
  from: 'audit_log a',
  alias: 'a',
  area: 'audit',
  columns: entityColumns(AuditLogEntity, 'a'),
  orders: {
    OCCURRED_AT: {
      // Cut to milliseconds: cursors carry a JavaScript date, which has no microseconds.
      key: `date_trunc('milliseconds', a.occurred_at)`,
      type: 'timestamptz',
      id: 'a.id',
      valueOf: (r) => (r.occurredAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
};

export interface AuditFilter {
  streetId?: string | null;
  subject?: { type: string; id: string } | null;
  /** Credential kind, and the user or API key id when the kind has one. */
  actor?: { kind: Viewer['kind']; id?: string | null } | null;
  actions?: readonly string[] | null;
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
}

/** SQL conditions for an audit filter; appends its parameters. */
export function auditFilterSql(filter: AuditFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.streetId) add(filter.streetId, (p) => `a.street_id = ${p}::bigint`);
  if (filter.subject) {
    add(filter.subject.type, (p) => `a.subject_type = ${p}`);
    add(filter.subject.id, (p) => `a.subject_id = ${p}`);
  }
  if (filter.actor) {
    add(filter.actor.kind, (p) => `a.actor_kind = ${p}`);
    if (filter.actor.id) add(filter.actor.id, (p) => `a.actor_id = ${p}`);
  }
  if (filter.actions?.length) add(filter.actions, (p) => `a.action = ANY(${p}::text[])`);
  if (filter.occurredFrom) add(filter.occurredFrom, (p) => `a.occurred_at >= ${p}::timestamptz`);
  if (filter.occurredTo) add(filter.occurredTo, (p) => `a.occurred_at < ${p}::timestamptz`);
  return where;
}

const reads = filteredReads(auditTable, auditFilterSql);
const auditById = byIdLoader(auditTable);

const purge = sql('audit_purge', `SELECT lianxin_purge_audit_log($1, $2) AS removed`);

/**
 * The audit log: written by every change (domain/shared/events.ts) and every full read of
 * personal data (domain/shared/personal-data.ts), read here by administrators.
 */
export const auditService = {
  async list(
    ctx: Context,
    filter: AuditFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<AuditRecord>> {
    return reads.list(ctx, filter, ordering, page);
  },

  count(ctx: Context, filter: AuditFilter): Promise<number> {
    return reads.count(ctx, filter);
  },

  /** Entries by id, within the viewer's streets and read rule (null where not visible). */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(AuditRecord | null)[]> {
    const rows = await loader(ctx, auditById).loadMany(ids);
    return rows.map((r) => (r && !(r instanceof Error) ? r : null));
  },

  /**
   * Removes entries that occurred before `cutoff` (at least 30 days ago: the database refuses
   * less) and records, per street, how many went. Returns the number removed.
   */
  async purgeBefore(ctx: Context, cutoff: Date): Promise<number> {
    const [row] = await query<{ removed: string }>(ctx, purge, [cutoff, ctx.requestId]);
    return Number(row!.removed);
  },
};
