import { PluginError, type PluginContext } from '@lianxin/sdk';
import type { FourCommonsConfig } from './config';
import { ACTIVITY_KINDS, DELIBERATION_KINDS, mayRead } from './rules';

/**
 * Statistics of 四共五联 in a period: deliberations and activities per kind, and per unit how
 * many each organization took part in. Deliberations count by the day they were proposed
 * (China's local date), activities by the day they were held; both ends of the period included.
 */

type Ctx = PluginContext<FourCommonsConfig>;

export interface StatsQuery {
  /** Row ids of the streets counted. */
  streetIds: readonly string[];
  from: string | null;
  to: string | null;
}

const PROPOSED_ON = `(proposed_at AT TIME ZONE 'Asia/Shanghai')::date`;
const IN_PERIOD = (column: string) =>
  `($2::date IS NULL OR ${column} >= $2::date) AND ($3::date IS NULL OR ${column} <= $3::date)`;

export async function fourCommonsStats(ctx: Ctx, q: StatsQuery) {
  mayRead(ctx);
  if (q.from && q.to && q.from > q.to) {
    throw new PluginError(
      'BAD_USER_INPUT',
      `The period ends (${q.to}) before it starts (${q.from}).`,
    );
  }
  const params = [q.streetIds, q.from, q.to];
  const deliberations = await ctx.db.query<{
    kind: string;
    total: number;
    open: number;
    decided: number;
    closed: number;
    cancelled: number;
  }>(
    `SELECT kind, count(*)::int AS total,
       count(*) FILTER (WHERE status IN ('PROPOSED', 'DISCUSSING'))::int AS open,
       count(*) FILTER (WHERE status = 'DECIDED')::int AS decided,
       count(*) FILTER (WHERE status = 'CLOSED')::int AS closed,
       count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled
     FROM deliberation WHERE street_id = ANY($1::bigint[]) AND ${IN_PERIOD(PROPOSED_ON)}
     GROUP BY kind`,
    params,
  );
  const activities = await ctx.db.query<{ kind: string; total: number; participants: number }>(
    `SELECT kind, count(*)::int AS total, coalesce(sum(participants), 0)::int AS participants
     FROM joint_activity WHERE street_id = ANY($1::bigint[]) AND ${IN_PERIOD('held_on')}
     GROUP BY kind`,
    params,
  );
  const units = await ctx.db.query<{
    id: string;
    deliberations: number;
    activities: number;
    tasksOpen: number;
    tasksDone: number;
  }>(
    `WITH d AS (
       SELECT id FROM deliberation
       WHERE street_id = ANY($1::bigint[]) AND status <> 'CANCELLED' AND ${IN_PERIOD(PROPOSED_ON)}
     ), a AS (
       SELECT id FROM joint_activity WHERE street_id = ANY($1::bigint[]) AND ${IN_PERIOD('held_on')}
     ), taking_part AS (
       SELECT u.organization_id, 1 AS d, 0 AS a, 0 AS topen, 0 AS tdone
         FROM deliberation_unit u JOIN d ON d.id = u.deliberation_id
       UNION ALL
       SELECT u.organization_id, 0, 1, 0, 0 FROM joint_activity_unit u JOIN a ON a.id = u.activity_id
       UNION ALL
       SELECT t.responsible_organization_id, 0, 0, (t.status = 'OPEN')::int, (t.status = 'DONE')::int
         FROM deliberation_task t JOIN d ON d.id = t.deliberation_id
     )
     SELECT organization_id::text AS id, sum(d)::int AS deliberations, sum(a)::int AS activities,
       sum(topen)::int AS "tasksOpen", sum(tdone)::int AS "tasksDone"
     FROM taking_part GROUP BY organization_id
     ORDER BY sum(d) + sum(a) DESC, organization_id`,
    params,
  );
  const orgs = await Promise.all(units.map((u) => ctx.core.organizations.get(u.id)));
  return {
    from: q.from,
    to: q.to,
    deliberations: Object.keys(DELIBERATION_KINDS).map((kind) => ({
      kind,
      total: 0,
      open: 0,
      decided: 0,
      closed: 0,
      cancelled: 0,
      ...deliberations.find((r) => r.kind === kind),
    })),
    activities: Object.keys(ACTIVITY_KINDS).map((kind) => ({
      kind,
      total: 0,
      participants: 0,
      ...activities.find((r) => r.kind === kind),
    })),
    units: units.map((u, i) => ({
      organizationId: ctx.ids.toGlobal('Organization', u.id),
      name: orgs[i]?.name ?? null,
      kind: orgs[i]?.kind ?? null,
      deliberations: u.deliberations,
      activities: u.activities,
      tasksOpen: u.tasksOpen,
      tasksDone: u.tasksDone,
    })),
  };
}
