/**
 * caseStats: the evaluation's indicators (DOMAIN.md, "Case lifecycle") over a fixture of 1,220
 * cases written straight into the tables, each block of cases with known facts. Every expected
 * number below is counted by hand from the block table, not by running the service's SQL again.
 */
import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let a: StreetActors;
let b: StreetActors;
let k1: { id: string; majorId: string };
let k2: { id: string; majorId: string };
let d2: string;

const FROM = '2026-03-01T00:00:00+08:00';
const TO = '2026-04-01T00:00:00+08:00';
const period = { from: FROM, to: TO };
// Most cases are reported a minute apart from here on, inside the period.
const BASE = '2026-03-02T00:00:00+08:00';

type Dept = 'D1' | 'D2';
type DeptState = 'IN_PROGRESS' | 'ACKNOWLEDGED' | 'RESOLVED' | 'RETURNED' | 'WITHDRAWN';
interface Block {
  n: number;
  category: 'K1' | 'K2';
  grid: 'G1' | 'G2';
  status: string;
  /** 立案 within the intake limit (1 h after the report, limit 2 h) or late (3 h). */
  accepted?: 'onTime' | 'late';
  dispatched?: boolean;
  /** Due 10 days after the report, or a day ago, or in 30 days. */
  due?: 'fixed' | 'past' | 'future';
  /** onTime: 5 days after the report; late: 12 days. */
  resolved?: 'onTime' | 'late';
  /** onTime: 6 days; atDue: exactly the due time (on time: ≤); late: 13 days. */
  closed?: 'onTime' | 'atDue' | 'late';
  verified?: boolean;
  rework?: number;
  postponed?: boolean;
  suspended?: boolean;
  rating?: 'SATISFIED' | 'NEUTRAL' | 'DISSATISFIED';
  handling?: number;
  departments?: [Dept, DeptState][];
  /** Reported at `from` exactly, at `to` exactly, or a second before `from`. */
  at?: 'from' | 'to' | 'beforeFrom';
}

/*
 * The fixture of street A (G1: a unit grid in community 1; G2: community 2; D1, D2 departments;
 * K1, K2 minor categories of two different majors):
 *
 * | block | n   | cat | grid | status      | facts                                                   | departments       |
 * |-------|-----|-----|------|-------------|---------------------------------------------------------|-------------------|
 * | A     | 400 | K1  | G1   | CLOSED      | all on time, SATISFIED, 300 min                         | D1 RESOLVED       |
 * | B     | 100 | K1  | G1   | CLOSED      | on time, reworked once, postponed, DISSATISFIED, 600 min| D1 RETURNED, D2 RESOLVED |
 * | C     | 237 | K2  | G2   | CLOSED      | accepted late, closed exactly at due, no rating, 420 min| D2 RESOLVED       |
 * | D     | 235 | K2  | G2   | CLOSED      | resolved and closed late, suspended, NEUTRAL, 900 min   | D1, D2 RESOLVED   |
 * | E     |  60 | K1  | G2   | IN_PROGRESS | postponed, due a day ago (overdue)                       | D1 IN_PROGRESS    |
 * | F     |  40 | K1  | G1   | IN_PROGRESS | accepted late, failed its verification (rework)         | D2 ACKNOWLEDGED   |
 * | G     |  25 | K2  | G1   | SUSPENDED   | suspended, due a day ago (clock stopped: not overdue)   | D1 IN_PROGRESS    |
 * | H     |  20 | K1  | G1   | VERIFYING   | resolved on the spot (never dispatched), 60 min         | —                 |
 * | I     |  50 | K2  | G2   | REPORTED    | reported exactly at `from` (included)                   | —                 |
 * | J     |  30 | K1  | G2   | REJECTED    |                                                         | —                 |
 * | K     |   8 | K2  | G1   | CANCELLED   | cancelled while dispatched                              | D1 WITHDRAWN      |
 * | L     |  15 | K1  | G1   | ACCEPTED    | returned, waiting to be dispatched again                | D2 RETURNED       |
 * | M     |   3 | K1  | G1   | REPORTED    | reported exactly at `to` (excluded)                     | —                 |
 * | N     |   2 | K1  | G1   | REPORTED    | reported a second before `from` (excluded)              | —                 |
 */
const BLOCKS: Record<string, Block> = {
  A: {
    n: 400,
    category: 'K1',
    grid: 'G1',
    status: 'CLOSED',
    accepted: 'onTime',
    dispatched: true,
    resolved: 'onTime',
    closed: 'onTime',
    verified: true,
    rating: 'SATISFIED',
    handling: 300,
    departments: [['D1', 'RESOLVED']],
  },
  B: {
    n: 100,
    category: 'K1',
    grid: 'G1',
    status: 'CLOSED',
    accepted: 'onTime',
    dispatched: true,
    resolved: 'onTime',
    closed: 'onTime',
    verified: true,
    rework: 1,
    postponed: true,
    rating: 'DISSATISFIED',
    handling: 600,
    departments: [
      ['D1', 'RETURNED'],
      ['D2', 'RESOLVED'],
    ],
  },
  C: {
    n: 237,
    category: 'K2',
    grid: 'G2',
    status: 'CLOSED',
    accepted: 'late',
    dispatched: true,
    resolved: 'onTime',
    closed: 'atDue',
    verified: true,
    handling: 420,
    departments: [['D2', 'RESOLVED']],
  },
  D: {
    n: 235,
    category: 'K2',
    grid: 'G2',
    status: 'CLOSED',
    accepted: 'onTime',
    dispatched: true,
    resolved: 'late',
    closed: 'late',
    verified: true,
    suspended: true,
    rating: 'NEUTRAL',
    handling: 900,
    departments: [
      ['D1', 'RESOLVED'],
      ['D2', 'RESOLVED'],
    ],
  },
  E: {
    n: 60,
    category: 'K1',
    grid: 'G2',
    status: 'IN_PROGRESS',
    accepted: 'onTime',
    dispatched: true,
    due: 'past',
    postponed: true,
    departments: [['D1', 'IN_PROGRESS']],
  },
  F: {
    n: 40,
    category: 'K1',
    grid: 'G1',
    status: 'IN_PROGRESS',
    accepted: 'late',
    dispatched: true,
    due: 'future',
    verified: true,
    rework: 1,
    departments: [['D2', 'ACKNOWLEDGED']],
  },
  G: {
    n: 25,
    category: 'K2',
    grid: 'G1',
    status: 'SUSPENDED',
    accepted: 'onTime',
    dispatched: true,
    due: 'past',
    suspended: true,
    departments: [['D1', 'IN_PROGRESS']],
  },
  H: {
    n: 20,
    category: 'K1',
    grid: 'G1',
    status: 'VERIFYING',
    accepted: 'onTime',
    due: 'future',
    resolved: 'onTime',
    handling: 60,
  },
  I: { n: 50, category: 'K2', grid: 'G2', status: 'REPORTED', due: 'future', at: 'from' },
  J: { n: 30, category: 'K1', grid: 'G2', status: 'REJECTED' },
  K: {
    n: 8,
    category: 'K2',
    grid: 'G1',
    status: 'CANCELLED',
    accepted: 'onTime',
    dispatched: true,
    departments: [['D1', 'WITHDRAWN']],
  },
  L: {
    n: 15,
    category: 'K1',
    grid: 'G1',
    status: 'ACCEPTED',
    accepted: 'onTime',
    dispatched: true,
    due: 'future',
    departments: [['D2', 'RETURNED']],
  },
  M: { n: 3, category: 'K1', grid: 'G1', status: 'REPORTED', due: 'future', at: 'to' },
  N: { n: 2, category: 'K1', grid: 'G1', status: 'REPORTED', due: 'future', at: 'beforeFrom' },
};

/** Writes a block's cases (one INSERT … SELECT generate_series) and its departments' rows. */
async function insertBlock(
  s: StreetActors,
  key: string,
  block: Block,
  ids: { K1: string; K2: string; G1: string; G2: string; D1: string; D2: string },
): Promise<void> {
  const params: unknown[] = [];
  const $ = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const prefix = `${s.code}-${key}-`;
  const [base, step] =
    block.at === 'from'
      ? [FROM, '0']
      : block.at === 'to'
        ? [TO, '0']
        : block.at === 'beforeFrom'
          ? ['2026-02-28T23:59:59+08:00', '0']
          : [BASE, '1 minute'];
  const r = `(${$(base)}::timestamptz + i * ${$(step)}::interval)`;
  const due =
    block.due === 'past'
      ? `now() - interval '1 day'`
      : block.due === 'future'
        ? `now() + interval '30 days'`
        : `${r} + interval '10 days'`;
  const when = (cond: unknown, sql: string) => (cond ? sql : 'NULL');
  const closedAt = {
    onTime: `${r} + interval '6 days'`,
    atDue: due,
    late: `${r} + interval '13 days'`,
  };
  await p.db.query(
    `INSERT INTO case_file (street_id, number, title, category_id, category_version, source, urgency,
       status, grid_id, reported_by, reported_at, accept_due_at, accepted_at, rejected_at,
       dispatched_at, allowed_minutes, stage_started_at, due_at, resolved_at, handling_minutes,
       verified_at, closed_at, cancelled_at, postpone_count, suspend_count, rework_count, rating,
       rated_at)
     SELECT ${$(s.streetId)}, ${$(prefix)} || lpad(i::text, 4, '0'), 'stats fixture',
       ${$(ids[block.category])}, 1, 'PATROL', 'B', ${$(block.status)}, ${$(ids[block.grid])}, 'test',
       ${r}, ${r} + interval '2 hours',
       ${when(block.accepted, `${r} + interval '${block.accepted === 'late' ? 3 : 1} hours'`)},
       ${when(block.status === 'REJECTED', `${r} + interval '1 hour'`)},
       ${when(block.dispatched, `${r} + interval '4 hours'`)},
       420, ${r}, ${due},
       ${when(block.resolved, `${r} + interval '${block.resolved === 'late' ? 12 : 5} days'`)},
       ${block.handling ?? 'NULL'},
       ${when(block.verified, block.closed ? closedAt[block.closed] : `${r} + interval '6 days'`)},
       ${when(block.closed, closedAt[block.closed ?? 'onTime'])},
       ${when(block.status === 'CANCELLED', `${r} + interval '5 days'`)},
       ${block.postponed ? 1 : 0}, ${block.suspended ? 1 : 0}, ${block.rework ?? 0},
       ${block.rating ? $(block.rating) : 'NULL'},
       ${when(block.rating, `${r} + interval '14 days'`)}
     FROM generate_series(1, ${$(block.n)}::int) i`,
    params,
  );
  for (const [dept, state] of block.departments ?? []) {
    await p.db.query(
      `INSERT INTO case_department (street_id, case_id, department_id, state, dispatched_at,
         acknowledge_due_at, due_at, returned_at, resolved_at)
       SELECT c.street_id, c.id, $2, $3, c.dispatched_at, c.dispatched_at + interval '2 hours',
         c.due_at, CASE WHEN $3 = 'RETURNED' THEN c.dispatched_at + interval '1 hour' END,
         CASE WHEN $3 = 'RESOLVED' THEN c.resolved_at END
       FROM case_file c WHERE c.number LIKE $1 || '%'`,
      [prefix, ids[dept], state],
    );
  }
}

beforeAll(async () => {
  p = await startTestPlatform();
  a = await streetActors(p, '621002001');
  b = await streetActors(p, '620104001');
  // Two minors of two different majors (the platform's catalog).
  const minors = await p.db.query<{ id: string; majorId: string }>(
    `SELECT DISTINCT ON (parent_id) id::text AS id, parent_id::text AS "majorId"
     FROM case_category WHERE street_id IS NULL AND parent_id IS NOT NULL
     ORDER BY parent_id, code LIMIT 2`,
  );
  [k1, k2] = minors as [typeof k1, typeof k2];
  const [dept] = await p.db.query<{ id: string }>(
    `INSERT INTO organization (street_id, path, kind, name) VALUES ($1, '0', 'DEPARTMENT', '市场监管')
     RETURNING id::text AS id`,
    [a.streetId],
  );
  d2 = dept!.id;
  await p.db.query(`UPDATE organization SET path = text2ltree(id::text) WHERE id = $1`, [d2]);
  const ids = {
    K1: k1.id,
    K2: k2.id,
    G1: a.ids.unit,
    G2: a.ids.otherCommunity,
    D1: a.ids.department,
    D2: d2,
  };
  for (const [key, block] of Object.entries(BLOCKS)) await insertBlock(a, key, block, ids);
  // Street B: four cases of its own, in the same period.
  await insertBlock(
    b,
    'B1',
    { n: 4, category: 'K1', grid: 'G1', status: 'REPORTED', due: 'future' },
    { ...ids, G1: b.ids.unit, D1: b.ids.department },
  );
}, 120_000);
afterAll(() => p.stop());

const INDICATORS = `
  reported accepted rejected dispatched resolved closed cancelled open overdueOpen
  acceptanceRate { ...r } onTimeAcceptanceRate { ...r } dispatchAccuracy { ...r }
  handlingRate { ...r } onTimeHandlingRate { ...r } closureRate { ...r } onTimeClosureRate { ...r }
  reworkRate { ...r } postponementRate { ...r } suspensionRate { ...r } satisfactionRate { ...r }
  meanHandlingWorkMinutes handlingWorkMinutesTotal handlingWorkMinutesCount`;
const STATS = `
  query($scope: CaseStatsScopeInput, $period: PeriodInput!) {
    caseStats(scope: $scope, period: $period) {
      from to
      totals { ${INDICATORS} }
      byCategory { category { id } indicators { ${INDICATORS} } }
      byGrid { grid { id } indicators { ${INDICATORS} } }
      byDepartment { department { id name } indicators { ${INDICATORS} } }
    }
  }
  fragment r on CaseStatsRatio { numerator denominator rate }`;

async function stats(
  variables: Record<string, unknown>,
  as?: { token: string },
): Promise<{ data: any; errors: any }> {
  const res = await p.gql<any>(STATS, { period, ...variables }, as ? { as } : undefined);
  return { data: res.body.data?.caseStats, errors: res.body.errors };
}

const ratio = (numerator: number, denominator: number, rate: number | null) => ({
  numerator,
  denominator,
  rate,
});

describe('caseStats over street A', () => {
  it('computes every indicator of the evaluation over the cases reported in the period', async () => {
    const { data, errors } = await stats({ scope: { streetId: gid('Street', a.streetId) } });
    expect(errors).toBeUndefined();
    expect(new Date(data.from).toISOString()).toBe(new Date(FROM).toISOString());
    expect(data.totals).toEqual({
      // A..L: 400+100+237+235+60+40+25+20+50+30+8+15 (M at `to`, N before `from` are out).
      reported: 1220,
      // All but I (50, reported) and J (30, rejected).
      accepted: 1140,
      rejected: 30,
      // A B C D E F G K L: 400+100+237+235+60+40+25+8+15.
      dispatched: 1120,
      // A B C D (closed) + H (on the spot); F's resolve was undone by its failed verification.
      resolved: 992,
      // A B C D: 400+100+237+235.
      closed: 972,
      cancelled: 8,
      // E F G H I L: 60+40+25+20+50+15.
      open: 210,
      // E only: G is past due but suspended (its clock is stopped).
      overdueOpen: 60,
      // 立案率 1140 / 1220 = 0.93443
      acceptanceRate: ratio(1140, 1220, 0.9344),
      // 按时立案率: all accepted but C (237) and F (40) late: 863 / 1140 = 0.75702
      onTimeAcceptanceRate: ratio(863, 1140, 0.757),
      // 准确派遣率: rows A 400, B 200, C 237, D 470, E 60, F 40, G 25, L 15 = 1447 (K's 8 are
      // withdrawn: not counted); returned B's 100 (D1) and L's 15: (1447 − 115) / 1447 = 0.92053
      dispatchAccuracy: ratio(1332, 1447, 0.9205),
      // 处置率: dispatched and resolved A B C D = 972 / 1120 = 0.86786 (H was never dispatched)
      handlingRate: ratio(972, 1120, 0.8679),
      // 按期处置率: A B C H on time, D late: 757 / 992 = 0.76310
      onTimeHandlingRate: ratio(757, 992, 0.7631),
      // 结案率 972 / 1140 = 0.85263
      closureRate: ratio(972, 1140, 0.8526),
      // 按期结案率: A B, and C closed exactly at its due time; D late: 737 / 972 = 0.75823
      onTimeClosureRate: ratio(737, 972, 0.7582),
      // 返工率: B 100 + F 40 reworked / verified A B C D F = 972 + 40: 140 / 1012 = 0.13834
      reworkRate: ratio(140, 1012, 0.1383),
      // 延期率: B 100 + E 60 = 160 / 1120 = 0.14286
      postponementRate: ratio(160, 1120, 0.1429),
      // 挂账率: D 235 + G 25 = 260 / 1120 = 0.23214
      suspensionRate: ratio(260, 1120, 0.2321),
      // 满意率: A 400 satisfied / rated A B D = 400 + 100 + 235: 400 / 735 = 0.54422
      satisfactionRate: ratio(400, 735, 0.5442),
      // 平均处置时长: 400×300 + 100×600 + 237×420 + 235×900 + 20×60
      //   = 120000 + 60000 + 99540 + 211500 + 1200 = 492240 over 992: 496.21
      meanHandlingWorkMinutes: 496.2,
      handlingWorkMinutesTotal: 492240,
      handlingWorkMinutesCount: 992,
    });
  });

  it('breaks the same indicators down by category, grid and department', async () => {
    const { data, errors } = await stats({ scope: { streetId: gid('Street', a.streetId) } });
    expect(errors).toBeUndefined();
    // By category, most reported first. K1: A B E F H J L = 400+100+60+40+20+30+15 = 665;
    // K2: C D G I K = 237+235+25+50+8 = 555.
    expect(data.byCategory.map((r: any) => [r.category.id, r.indicators.reported])).toEqual([
      [gid('CaseCategory', k1.id), 665],
      [gid('CaseCategory', k2.id), 555],
    ]);
    const [cat1, cat2] = data.byCategory.map((r: any) => r.indicators);
    // K1 closed: A B, both on time: 500 / 500. K2 closed: C on time, D late: 237 / 472 = 0.50212
    expect(cat1.onTimeClosureRate).toEqual(ratio(500, 500, 1));
    expect(cat2.onTimeClosureRate).toEqual(ratio(237, 472, 0.5021));
    // K1 satisfied A 400 / rated A B 500; K2 rated D 235, none satisfied.
    expect(cat1.satisfactionRate).toEqual(ratio(400, 500, 0.8));
    expect(cat2.satisfactionRate).toEqual(ratio(0, 235, 0));

    // By grid. G2: C D E I J = 237+235+60+50+30 = 612; G1: A B F G H K L = 400+100+40+25+20+8+15 = 608.
    expect(data.byGrid.map((r: any) => [r.grid.id, r.indicators.reported])).toEqual([
      [gid('Grid', a.ids.otherCommunity), 612],
      [gid('Grid', a.ids.unit), 608],
    ]);
    const [g2, g1] = data.byGrid.map((r: any) => r.indicators);
    // G2 accepted C D E = 532 / 612 = 0.86928; G1 all 608 accepted.
    expect(g2.acceptanceRate).toEqual(ratio(532, 612, 0.8693));
    expect(g1.acceptanceRate).toEqual(ratio(608, 608, 1));
    expect([g2.overdueOpen, g1.overdueOpen]).toEqual([60, 0]);

    // By department, with its own dispatches only. D1: A B D E G = 400+100+235+60+25 = 820 cases
    // (K's withdrawn rows do not count), B's 100 returned: 720 / 820 = 0.87805.
    // D2: B C D F L = 100+237+235+40+15 = 627, L's 15 returned: 612 / 627 = 0.97608.
    expect(data.byDepartment.map((r: any) => [r.department.id, r.indicators.reported])).toEqual([
      [gid('Organization', a.ids.department), 820],
      [gid('Organization', d2), 627],
    ]);
    const [dep1, dep2] = data.byDepartment.map((r: any) => r.indicators);
    expect(dep1.dispatchAccuracy).toEqual(ratio(720, 820, 0.878));
    expect(dep2.dispatchAccuracy).toEqual(ratio(612, 627, 0.9761));
    // D1 closed A 400 + B 100 on time, D 235 late: 500 / 735 = 0.68027.
    // D2 closed B 100 + C 237 on time, D 235 late: 337 / 572 = 0.58916.
    expect(dep1.onTimeClosureRate).toEqual(ratio(500, 735, 0.6803));
    expect(dep2.onTimeClosureRate).toEqual(ratio(337, 572, 0.5892));
  });

  it('narrows by scope: a grid subtree, a major category with its minors, a department', async () => {
    const community = await stats({ scope: { gridId: gid('Grid', a.ids.community) } });
    expect(community.errors).toBeUndefined();
    // Community 1's subtree holds G1 (the unit grid): 608.
    expect(community.data.totals.reported).toBe(608);

    const major = await stats({
      scope: { streetId: gid('Street', a.streetId), categoryId: gid('CaseCategory', k1.majorId) },
    });
    expect(major.errors).toBeUndefined();
    expect(major.data.totals.reported).toBe(665);
    expect(major.data.byCategory).toHaveLength(1);

    const dept = await stats({ scope: { departmentId: gid('Organization', a.ids.department) } });
    expect(dept.errors).toBeUndefined();
    // The same as D1's row: 820 cases, its own dispatches 720 / 820.
    expect(dept.data.totals.reported).toBe(820);
    expect(dept.data.totals.dispatchAccuracy).toEqual(ratio(720, 820, 0.878));
    expect(dept.data.byDepartment).toHaveLength(1);
  });

  it('counts cases by when they were reported: from included, to excluded', async () => {
    // I's 50 were reported exactly at `from` and count above; M's 3 at `to`, N's 2 just before.
    const after = await stats({ period: { from: TO, to: '2026-04-02T00:00:00+08:00' } });
    expect(after.errors).toBeUndefined();
    expect(after.data.totals.reported).toBe(3);
    const before = await stats({ period: { from: '2026-02-28T00:00:00+08:00', to: FROM } });
    expect(before.data.totals.reported).toBe(2);
    // Nothing reported: every rate is null, the breakdowns are empty.
    const empty = await stats({
      period: { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' },
    });
    expect(empty.errors).toBeUndefined();
    expect(empty.data.totals.reported).toBe(0);
    expect(empty.data.totals.onTimeClosureRate).toEqual(ratio(0, 0, null));
    expect(empty.data.totals.meanHandlingWorkMinutes).toBeNull();
    expect([empty.data.byCategory, empty.data.byGrid, empty.data.byDepartment]).toEqual([
      [],
      [],
      [],
    ]);
  });
});

describe('caseStats access', () => {
  it("gives a department its own cases and dispatches only, and no other department's", async () => {
    const own = await stats({}, { token: a.tokens.DEPARTMENT_STAFF });
    expect(own.errors).toBeUndefined();
    expect(own.data.totals.reported).toBe(820);
    expect(own.data.totals.dispatchAccuracy).toEqual(ratio(720, 820, 0.878));
    expect(own.data.byDepartment.map((r: any) => r.department.id)).toEqual([
      gid('Organization', a.ids.department),
    ]);
    const other = await stats(
      { scope: { departmentId: gid('Organization', d2) } },
      { token: a.tokens.DEPARTMENT_STAFF },
    );
    expect(other.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it("gives a grid worker their subtree's cases", async () => {
    const { data, errors } = await stats({}, { token: a.tokens.GRID_WORKER });
    expect(errors).toBeUndefined();
    expect(data.totals.reported).toBe(608);
    expect(data.byGrid.map((r: any) => r.grid.id)).toEqual([gid('Grid', a.ids.unit)]);
  });

  it('refuses residents and volunteers: statistics are for staff', async () => {
    for (const token of [a.tokens.RESIDENT, a.tokens.VOLUNTEER]) {
      const { data, errors } = await stats({}, { token });
      expect(data).toBeUndefined();
      expect(errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it("shows another street nothing of street A's", async () => {
    const own = await stats({}, { token: b.tokens.STREET_ADMIN });
    expect(own.errors).toBeUndefined();
    expect(own.data.totals.reported).toBe(4);
    expect(own.data.byGrid.map((r: any) => r.grid.id)).toEqual([gid('Grid', b.ids.unit)]);
    // A's IDs are unknown to B, as IDs that name nothing.
    for (const scope of [
      { streetId: gid('Street', a.streetId) },
      { gridId: gid('Grid', a.ids.unit) },
      { departmentId: gid('Organization', a.ids.department) },
    ]) {
      const res = await stats({ scope }, { token: b.tokens.STREET_ADMIN });
      expect(res.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    // And A's admin sees A's alone.
    const a1 = await stats({}, { token: a.tokens.STREET_ADMIN });
    expect(a1.data.totals.reported).toBe(1220);
  });
});

describe('caseStats input', () => {
  const errorOf = async (variables: Record<string, unknown>) => {
    const { errors } = await stats(variables);
    expect(errors).toHaveLength(1);
    return { code: errors[0].extensions.code, argument: errors[0].extensions.argument };
  };

  it('refuses a period that ends before it starts, is empty, or spans more than 366 days', async () => {
    expect(await errorOf({ period: { from: TO, to: FROM } })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'period.to',
    });
    expect(await errorOf({ period: { from: FROM, to: FROM } })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'period.to',
    });
    expect(
      await errorOf({ period: { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' } }),
    ).toEqual({ code: 'BAD_USER_INPUT', argument: 'period.to' });
    // 366 days exactly is allowed.
    const leap = await stats({
      period: { from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
    });
    expect(leap.errors).toBeUndefined();
  });

  it('names the scope argument of an unknown or wrong ID', async () => {
    expect(await errorOf({ scope: { gridId: gid('Grid', '99999999') } })).toEqual({
      code: 'NOT_FOUND',
      argument: 'scope.gridId',
    });
    expect(await errorOf({ scope: { gridId: gid('Street', a.streetId) } })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'scope.gridId',
    });
    expect(await errorOf({ scope: { categoryId: gid('CaseCategory', '99999999') } })).toEqual({
      code: 'NOT_FOUND',
      argument: 'scope.categoryId',
    });
    // An organization that is not a department.
    expect(
      await errorOf({ scope: { departmentId: gid('Organization', a.ids.communityOrg) } }),
    ).toEqual({ code: 'NOT_FOUND', argument: 'scope.departmentId' });
    expect(await errorOf({ scope: { streetId: gid('Street', '99999999') } })).toEqual({
      code: 'NOT_FOUND',
      argument: 'scope.streetId',
    });
    // IDs of two streets at once.
    expect(
      await errorOf({
        scope: { streetId: gid('Street', b.streetId), gridId: gid('Grid', a.ids.unit) },
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', argument: 'scope' });
  });
});
