import { batchLoader, loader, query, type Context } from '../shared/context';
import type { Page, PageRequest } from '../shared/keyset';
import {
  byIdLoader,
  childCounts,
  childPages,
  filteredReads,
  memo,
  type ChildFilter,
  type Ordering,
  type TableSpec,
} from '../shared/table';
import { entityColumns } from '../shared/entity-columns';
import { adder, readableSql } from './common';
import { ServiceRecordEntity } from './service-record.entity';

export interface ServiceRecordRecord extends Omit<ServiceRecordEntity, 'hours'> {
  hours: number;
  /** The correction of this record, if any (at most one: a chain grows at its newest end). */
  supersededById: string | null;
  /** Whether the record counts toward totals (see `countedSql`). */
  counted: boolean;
}

export interface ServiceRecordFilter {
  streetId?: string | null;
  volunteerId?: string | null;
  /** Records of the team's current members (volunteers not archived). */
  teamId?: string | null;
  postId?: string | null;
  organizationId?: string | null;
  from?: string | null;
  to?: string | null;
  confirmed?: boolean | null;
  counted?: boolean | null;
}

export interface ServiceTotalsRecord {
  hours: number;
  peopleServed: number;
  records: number;
}

/**
 * Whether record `a` counts: it is confirmed, and no confirmed record later in its correction
 * chain replaces it. A correction counts once confirmed; until then the record it corrects
 * still counts, so hours are never counted twice nor lost while a correction waits.
 */
export const countedSql = (a: string) => `(${a}.confirmed_at IS NOT NULL AND NOT EXISTS (
    WITH RECURSIVE later AS (
      SELECT l.id, l.confirmed_at FROM service_record l WHERE l.supersedes_id = ${a}.id
      UNION ALL
      SELECT n.id, n.confirmed_at FROM service_record n JOIN later ON n.supersedes_id = later.id
    ) SELECT 1 FROM later WHERE later.confirmed_at IS NOT NULL))`;

export const serviceRecordTable: TableSpec<ServiceRecordRecord> = {
  from: 'service_record r',
  alias: 'r',
  area: 'serviceRecord',
  columns: entityColumns(ServiceRecordEntity, 'r', {
    extra: [
      `(SELECT s.id::text FROM service_record s WHERE s.supersedes_id = r.id) AS "supersededById"`,
      `${countedSql('r')} AS counted`,
    ],
  }),
  orders: {
    SERVED_ON: {
      key: 'r.served_on',
      type: 'date',
      id: 'r.id',
      valueOf: (r) => r.servedOn as string,
      idOf: (r) => r.id as string,
    },
    CREATED_AT: {
      key: 'r.created_at',
      type: 'timestamptz',
      id: 'r.id',
      valueOf: (r) => (r.createdAt as Date).toISOString(),
      idOf: (r) => r.id as string,
    },
  },
  // numeric comes back from pg as a string.
  map: (row) => ({ ...row, hours: Number(row.hours) }) as unknown as ServiceRecordRecord,
};

const memberOf = (p: string) =>
  `EXISTS (SELECT 1 FROM volunteer_team_member m JOIN volunteer mv ON mv.id = m.volunteer_id
    WHERE m.volunteer_id = r.volunteer_id AND m.team_id = ${p}::bigint AND mv.archived_at IS NULL)`;

export function serviceRecordFilterSql(filter: ServiceRecordFilter, params: unknown[]): string[] {
  const where: string[] = [];
  const add = adder(where, params);
  if (filter.streetId) add(filter.streetId, (p) => `r.street_id = ${p}::bigint`);
  if (filter.volunteerId) add(filter.volunteerId, (p) => `r.volunteer_id = ${p}::bigint`);
  if (filter.teamId) add(filter.teamId, memberOf);
  if (filter.postId) add(filter.postId, (p) => `r.post_id = ${p}::bigint`);
  if (filter.organizationId)
    add(filter.organizationId, (p) => `r.recorded_by_organization_id = ${p}::bigint`);
  if (filter.from) add(filter.from, (p) => `r.served_on >= ${p}::date`);
  if (filter.to) add(filter.to, (p) => `r.served_on <= ${p}::date`);
  if (filter.confirmed != null)
    where.push(`r.confirmed_at IS ${filter.confirmed ? 'NOT NULL' : 'NULL'}`);
  if (filter.counted != null)
    where.push(filter.counted ? countedSql('r') : `NOT ${countedSql('r')}`);
  return where;
}

export const serviceRecordById = byIdLoader(serviceRecordTable);

function childFilter(filter: ServiceRecordFilter): ChildFilter {
  return { key: JSON.stringify(filter), sql: (params) => serviceRecordFilterSql(filter, params) };
}

/** Totals of counted records per volunteer or per team (of its current members), batched. */
function totalsLoader(ctx: Context, of: 'volunteer' | 'team', range: ServiceRecordFilter) {
  return memo(ctx, `volunteer:totals:${of}:${range.from ?? ''}:${range.to ?? ''}`, () =>
    batchLoader<string, ServiceTotalsRecord>(ctx, async (keys) => {
      const params: unknown[] = [keys];
      const key = of === 'volunteer' ? 'r.volunteer_id' : 'm.team_id';
      const join =
        of === 'volunteer'
          ? ''
          : `JOIN volunteer_team_member m ON m.volunteer_id = r.volunteer_id
               JOIN volunteer mv ON mv.id = r.volunteer_id AND mv.archived_at IS NULL`;
      const where = [
        `${key} = ANY($1::bigint[])`,
        countedSql('r'),
        ...serviceRecordFilterSql({ from: range.from, to: range.to }, params),
      ];
      where.push(...readableSql(ctx, serviceRecordTable, params));
      const rows = await query<{ key: string; hours: string; people: number; n: number }>(
        ctx,
        `SELECT ${key}::text AS key, sum(r.hours)::text AS hours, sum(r.people_served)::int AS people,
             count(*)::int AS n
           FROM service_record r ${join} WHERE ${where.join(' AND ')} GROUP BY ${key}`,
        params,
      );
      const found = new Map(rows.map((r) => [r.key, r]));
      return keys.map((k) => {
        const r = found.get(k);
        return {
          hours: r ? Number(r.hours) : 0,
          peopleServed: r?.people ?? 0,
          records: r?.n ?? 0,
        };
      });
    }),
  );
}

/**
 * Reads of service records: the ledger, its pages per volunteer and the totals derived from it.
 * The writes are in service-record.service.ts.
 */
export const serviceRecordReads = {
  get(ctx: Context, id: string): Promise<ServiceRecordRecord | null> {
    return loader(ctx, serviceRecordById).load(id);
  },

  ...filteredReads(serviceRecordTable, serviceRecordFilterSql),

  /** A page of a volunteer's records, for many volunteers at once. */
  pageOfVolunteer(
    ctx: Context,
    volunteerId: string,
    filter: ServiceRecordFilter,
    ordering: Ordering,
    page: PageRequest,
  ): Promise<Page<ServiceRecordRecord>> {
    const f = childFilter(filter);
    return childPages(ctx, serviceRecordTable, 'r.volunteer_id', f, ordering, page).load(
      volunteerId,
    );
  },

  countOfVolunteer(
    ctx: Context,
    volunteerId: string,
    filter: ServiceRecordFilter,
  ): Promise<number> {
    const f = childFilter(filter);
    return childCounts(ctx, serviceRecordTable, 'r.volunteer_id', f).load(volunteerId);
  },

  /** Confirmed service that counts, of a volunteer, within an optional date range. */
  totalsOfVolunteer(
    ctx: Context,
    volunteerId: string,
    range: { from?: string | null; to?: string | null },
  ): Promise<ServiceTotalsRecord> {
    return totalsLoader(ctx, 'volunteer', range).load(volunteerId);
  },

  /** Confirmed service that counts, of a team's current members. */
  totalsOfTeam(
    ctx: Context,
    teamId: string,
    range: { from?: string | null; to?: string | null },
  ): Promise<ServiceTotalsRecord> {
    return totalsLoader(ctx, 'team', range).load(teamId);
  },
};
