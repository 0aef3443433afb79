import { query, type Context } from '../shared/context';
import { PublicError } from '../shared/errors';
import { readAccess } from '../shared/policy';
import { readableSql } from '../shared/table';
import { gridService } from '../grid/grid.service';
import { organizationService } from '../organization/organization.service';
import { streetService } from '../street/street.service';
import { caseFilterSql, caseTable, OPEN } from './case.service';
import { categoryService } from './category.service';

/** Which cases the statistics are over, beside the period and the caller's read rule. */
export interface StatsScope {
  streetId?: string | null;
  /** The grid's subtree. */
  gridId?: string | null;
  /** Cases dispatched to this department; only its own dispatches count for 准确派遣率. */
  departmentId?: string | null;
  /** A major class includes its minors. */
  categoryId?: string | null;
}

/** Half-open: `from` ≤ reported_at < `to`. */
export interface StatsPeriod {
  from: Date;
  to: Date;
}

/** The longest period asked for at once. */
export const MAX_PERIOD_DAYS = 366;

/** A rate kept as its parts, so that clients can add rows up and divide again. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** Every indicator over one set of cases (the totals, or one row of a breakdown). */
export type Indicators = Record<CountName, number> &
  Record<RatioName, Ratio> & {
    /** Working minutes summed over resolved cases that have a handling time, and their number. */
    handlingWorkMinutes: { total: number; count: number };
  };

export interface CaseStatsRecord {
  period: StatsPeriod;
  totals: Indicators;
  byCategory: { categoryId: string; indicators: Indicators }[];
  byGrid: { gridId: string; indicators: Indicators }[];
  byDepartment: { departmentId: string; indicators: Indicators }[];
}

// What a case has been through, over the facts' alias `c`. Each indicator below counts cases by
// these, so a state means the same thing in every formula.
const ACCEPTED = `c.accepted_at IS NOT NULL`;
const DISPATCHED = `c.dispatched_at IS NOT NULL`;
// Resolved and not sent back for rework since (a failed verification clears resolved_at).
const RESOLVED = `(c.resolved_at IS NOT NULL OR c.status IN ('VERIFYING', 'CLOSED'))`;
const CLOSED = `c.closed_at IS NOT NULL`;
// Verified at least once: a failed verification counts (it leaves verified_at set too).
const VERIFIED = `(c.verified_at IS NOT NULL OR c.rework_count > 0)`;

const n = (condition: string) => `count(*) FILTER (WHERE ${condition})`;

/** Case counts. */
const COUNTS = {
  /** 上报: every case reported in the period. */
  reported: `count(*)`,
  /** 立案 */
  accepted: n(ACCEPTED),
  /** 不予立案 */
  rejected: n(`c.rejected_at IS NOT NULL`),
  /** 派遣 */
  dispatched: n(DISPATCHED),
  /** 处置 */
  resolved: n(RESOLVED),
  /** 结案 */
  closed: n(CLOSED),
  /** 作废 */
  cancelled: n(`c.status = 'CANCELLED'`),
  /** 未办结: not closed, rejected or cancelled (suspended ones included). */
  open: n(`c.status NOT IN ('CLOSED', 'REJECTED', 'CANCELLED')`),
  /** 超期未办结: open with a running clock, past the due time now. */
  overdueOpen: n(`${OPEN} AND c.due_at < now()`),
} as const;
type CountName = keyof typeof COUNTS;

/**
 * The evaluation's rates (DOMAIN.md, "Case lifecycle"), each written once: the totals and every
 * breakdown are this one select list.
 */
const RATIOS = {
  /** 立案率: accepted / reported. */
  acceptanceRate: [COUNTS.accepted, COUNTS.reported],
  /** 按时立案率: accepted within the intake limit / accepted. */
  onTimeAcceptanceRate: [n(`${ACCEPTED} AND c.accepted_at <= c.accept_due_at`), COUNTS.accepted],
  /**
   * 准确派遣率: dispatches not returned / dispatches. A dispatch is a case_department row; a
   * WITHDRAWN one (the case was cancelled or merged) is no outcome and is not counted.
   */
  dispatchAccuracy: [`coalesce(sum(c.accurate_dispatches), 0)`, `coalesce(sum(c.dispatches), 0)`],
  /** 处置率: dispatched cases resolved / dispatched. */
  handlingRate: [n(`${DISPATCHED} AND ${RESOLVED}`), COUNTS.dispatched],
  /** 按期处置率: resolved by the due time / resolved (on-the-spot ones included). */
  onTimeHandlingRate: [n(`${RESOLVED} AND c.resolved_at <= c.due_at`), COUNTS.resolved],
  /** 结案率: accepted cases closed / accepted. */
  closureRate: [n(`${ACCEPTED} AND ${CLOSED}`), COUNTS.accepted],
  /** 按期结案率: closed by the due time / closed. */
  onTimeClosureRate: [n(`${CLOSED} AND c.closed_at <= c.due_at`), COUNTS.closed],
  /** 返工率: cases with a failed verification / verified cases. */
  reworkRate: [n(`c.rework_count > 0`), n(VERIFIED)],
  /** 延期率: dispatched cases postponed / dispatched. */
  postponementRate: [n(`${DISPATCHED} AND c.postpone_count > 0`), COUNTS.dispatched],
  /** 挂账率: dispatched cases suspended / dispatched. */
  suspensionRate: [n(`${DISPATCHED} AND c.suspend_count > 0`), COUNTS.dispatched],
  /** 满意率: ratings "satisfied" / ratings. */
  satisfactionRate: [n(`c.rating = 'SATISFIED'`), n(`c.rating IS NOT NULL`)],
} as const satisfies Record<string, readonly [string, string]>;
type RatioName = keyof typeof RATIOS;

/** 平均处置时长: handling_minutes (working minutes to the resolve) of resolved cases. */
const HANDLING = `${RESOLVED} AND c.handling_minutes IS NOT NULL`;

const SELECT_LIST = [
  ...Object.entries(COUNTS).map(([name, sql]) => `(${sql})::int AS "${name}"`),
  ...Object.entries(RATIOS).flatMap(([name, [numerator, denominator]]) => [
    `(${numerator})::int AS "${name}.n"`,
    `(${denominator})::int AS "${name}.d"`,
  ]),
  `coalesce(sum(c.handling_minutes) FILTER (WHERE ${HANDLING}), 0)::float8 AS "handling.total"`,
  `(${n(HANDLING)})::int AS "handling.count"`,
].join(',\n  ');

type Row = Record<string, number> & { dimension: Dimension; key: string | null };
type Dimension = 'TOTAL' | 'CATEGORY' | 'GRID' | 'DEPARTMENT';

function indicatorsOf(row: Row | undefined): Indicators {
  const value = (column: string) => (row ? row[column]! : 0);
  const counts = Object.fromEntries(Object.keys(COUNTS).map((k) => [k, value(k)]));
  const ratios = Object.fromEntries(
    Object.keys(RATIOS).map((k) => [
      k,
      { numerator: value(`${k}.n`), denominator: value(`${k}.d`) },
    ]),
  );
  return {
    ...(counts as Record<CountName, number>),
    ...(ratios as Record<RatioName, Ratio>),
    handlingWorkMinutes: { total: value('handling.total'), count: value('handling.count') },
  };
}

/** numerator / denominator to 4 decimals (0.7582); null when there is nothing to divide by. */
export function rateOf(r: Ratio): number | null {
  return r.denominator === 0 ? null : Math.round((r.numerator / r.denominator) * 10000) / 10000;
}

/** The mean handling time in working minutes, to 1 decimal; null when no case has one. */
export function meanOf(h: { total: number; count: number }): number | null {
  return h.count === 0 ? null : Math.round((h.total / h.count) * 10) / 10;
}

const notFound = (argument: string, what: string) =>
  new PublicError('NOT_FOUND', `No ${what} has this ID.`, { argument });

/**
 * Case statistics (考核指标): the evaluation's indicators over the cases REPORTED in a period, in
 * a scope, under the caller's read rule, with breakdowns by category, grid and department.
 */
export const caseStatsService = {
  async stats(ctx: Context, scope: StatsScope, period: StatsPeriod): Promise<CaseStatsRecord> {
    checkPeriod(period);
    const departmentId = await checkScope(ctx, scope);
    const params: unknown[] = [];
    const filters = caseFilterSql(
      {
        streetId: scope.streetId,
        gridId: scope.gridId,
        categoryIds: scope.categoryId ? [scope.categoryId] : null,
        reportedFrom: period.from,
        reportedTo: period.to,
      },
      params,
    );
    let departmentParam: string | null = null;
    if (departmentId) {
      params.push(departmentId);
      departmentParam = `$${params.length}`;
      // Returned dispatches stay in (they count against 准确派遣率); withdrawn ones are no outcome.
      filters.push(
        `EXISTS (SELECT 1 FROM case_department sd WHERE sd.case_id = c.id
           AND sd.department_id = ${departmentParam}::bigint AND sd.state <> 'WITHDRAWN')`,
      );
    }
    const readable = readableSql(ctx, caseTable, params);
    // One row per case (totals, category, grid) and one per case and department dispatched to
    // (departments); both carry their dispatches for 准确派遣率, and the same select list runs
    // over each.
    const rows = await query<Row>(
      ctx,
      `WITH scoped AS (
         SELECT c.* FROM case_file c WHERE ${[...filters, ...readable].join(' AND ')}),
       dispatch AS (
         SELECT d.case_id, d.department_id, count(*) AS dispatches,
           count(*) FILTER (WHERE d.state <> 'RETURNED') AS accurate_dispatches
         FROM case_department d JOIN scoped s ON s.id = d.case_id
         WHERE d.state <> 'WITHDRAWN'
           ${departmentParam ? `AND d.department_id = ${departmentParam}::bigint` : ''}
         GROUP BY d.case_id, d.department_id),
       per_case AS (
         SELECT s.*, x.dispatches, x.accurate_dispatches FROM scoped s
         LEFT JOIN (SELECT case_id, sum(dispatches) AS dispatches,
                      sum(accurate_dispatches) AS accurate_dispatches
                    FROM dispatch GROUP BY case_id) x ON x.case_id = s.id),
       per_department AS (
         SELECT s.*, x.department_id AS dispatched_to, x.dispatches, x.accurate_dispatches
         FROM scoped s JOIN dispatch x ON x.case_id = s.id)
       SELECT CASE WHEN grouping(c.category_id) = 0 THEN 'CATEGORY'
                   WHEN grouping(c.grid_id) = 0 THEN 'GRID' ELSE 'TOTAL' END AS dimension,
         coalesce(c.category_id, c.grid_id)::text AS key,
         ${SELECT_LIST}
       FROM per_case c GROUP BY GROUPING SETS ((), (c.category_id), (c.grid_id))
       UNION ALL
       SELECT 'DEPARTMENT', c.dispatched_to::text,
         ${SELECT_LIST}
       FROM per_department c GROUP BY c.dispatched_to
       ORDER BY dimension, reported DESC, key`,
      params,
    );
    const of = (dimension: Dimension) => rows.filter((r) => r.dimension === dimension);
    return {
      period,
      totals: indicatorsOf(of('TOTAL')[0]),
      byCategory: of('CATEGORY').map((r) => ({ categoryId: r.key!, indicators: indicatorsOf(r) })),
      byGrid: of('GRID').map((r) => ({ gridId: r.key!, indicators: indicatorsOf(r) })),
      byDepartment: of('DEPARTMENT').map((r) => ({
        departmentId: r.key!,
        indicators: indicatorsOf(r),
      })),
    };
  },
};

function checkPeriod({ from, to }: StatsPeriod): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new PublicError('BAD_USER_INPUT', '"period" needs valid times.', { argument: 'period' });
  }
  if (to <= from) {
    throw new PublicError('BAD_USER_INPUT', '"period.to" must be after "period.from".', {
      argument: 'period.to',
    });
  }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    throw new PublicError(
      'BAD_USER_INPUT',
      `"period" spans at most ${MAX_PERIOD_DAYS} days; ask for a shorter one.`,
      { argument: 'period.to' },
    );
  }
}

/**
 * Who may see statistics (staff: residents and volunteers may not), and the scope's IDs: each
 * names something the caller may see. Returns the department the statistics are limited to: a
 * department's staff see their own department's, whatever they ask.
 */
async function checkScope(ctx: Context, scope: StatsScope): Promise<string | null> {
  const { viewer } = ctx;
  if (viewer.kind === 'anonymous') {
    throw new PublicError('UNAUTHENTICATED', 'Sign in to see case statistics.');
  }
  const access = readAccess(viewer, 'case');
  if (access === 'self' || access === 'none') {
    throw new PublicError(
      'FORBIDDEN',
      viewer.role === 'INTEGRATION'
        ? 'An API key needs the case:read scope to read case statistics.'
        : 'Case statistics are for staff.',
    );
  }
  let departmentId = scope.departmentId ?? null;
  if (access === 'department') {
    if (departmentId && departmentId !== viewer.departmentId) {
      throw new PublicError(
        'FORBIDDEN',
        "A department's staff see their own department's statistics.",
        {
          argument: 'scope.departmentId',
        },
      );
    }
    departmentId = viewer.departmentId ?? null;
  }
  const inReach = (streetId: string) =>
    viewer.streetIds === 'all' || viewer.streetIds.includes(streetId);
  const [street, grid, department, category] = await Promise.all([
    scope.streetId ? streetService.get(ctx, scope.streetId) : null,
    scope.gridId ? gridService.get(ctx, scope.gridId) : null,
    scope.departmentId ? organizationService.get(ctx, scope.departmentId) : null,
    scope.categoryId ? categoryService.get(ctx, scope.categoryId) : null,
  ]);
  if (scope.streetId && !(street && inReach(street.id))) {
    throw notFound('scope.streetId', 'street');
  }
  if (scope.gridId && !grid) throw notFound('scope.gridId', 'grid');
  if (scope.departmentId && !(department && department.kind === 'DEPARTMENT')) {
    throw notFound('scope.departmentId', 'department');
  }
  if (scope.categoryId && !category) throw notFound('scope.categoryId', 'case category');
  const streets = new Set(
    [scope.streetId, grid?.streetId, department?.streetId, category?.streetId].filter(Boolean),
  );
  if (streets.size > 1) {
    throw new PublicError(
      'BAD_USER_INPUT',
      'The scope names things of different streets: its IDs must be of one street.',
      { argument: 'scope' },
    );
  }
  return departmentId;
}
