import { createLogger } from '../../src/logger';
import { CASES_PER_STREET, DEFAULT_CASES } from '../../src/seed/demo-cases';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/seed/demo-users';
import { demoDistricts, demoStreets } from '../../src/seed/demo-streets';
import { seedDemo } from '../../src/seed/seed';
import { HOLIDAYS_2026 } from '../../src/seed/work-calendar-2026';
import { startTestPlatform, type TestPlatform } from '../harness';

// The demo data that `lianxin seed` loads (docs/demo-data.md), read back through the API.

let p: TestPlatform;
const streetIds = new Map<string, string>();
const silent = createLogger({ LOG_LEVEL: 'silent' });

beforeAll(async () => {
  p = await startTestPlatform({ seed: 'demo' });
  const res = await p.gql<any>(`{ streets(first: 100) { nodes { id code } } }`);
  for (const s of res.body.data.streets.nodes) streetIds.set(s.code, s.id);
  // The demo's cases go through the case services step by step: the whole demo takes a while.
}, 180_000);
afterAll(() => p.stop());

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await p.gql<T>(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

const streetId = (code: string) => streetIds.get(code)!;

async function gridCount(code: string, level: string): Promise<number> {
  const d = await data(
    `query($f: GridFilterInput) { grids(filter: $f, first: 1) { totalCount } }`,
    { f: { streetId: streetId(code), level } },
  );
  return d.grids.totalCount;
}

async function organizations(code: string, kinds: string[], search?: string) {
  const d = await data(
    `query($f: OrganizationFilterInput) {
       organizations(filter: $f, first: 100) { totalCount nodes { id name code kind } }
     }`,
    { f: { streetId: streetId(code), kinds, search } },
  );
  return d.organizations as { totalCount: number; nodes: { id: string; name: string }[] };
}

describe('demo data', () => {
  it('gives 南街 a street grid and 72 community grids', async () => {
    expect(await gridCount('621002001', 'STREET')).toBe(1);
    expect(await gridCount('621002001', 'COMMUNITY')).toBe(72);
  });

  it('gives 初心红 exactly its five sub-brands, and 南街 its other two brands', async () => {
    const d = await data(
      `query($f: BrandFilterInput) {
         brands(filter: $f, first: 10) {
           nodes { name isPrimary owner { name kind } children(first: 10) { nodes { name } } }
         }
       }`,
      { f: { streetId: streetId('621002001'), rootsOnly: true } },
    );
    const byName = new Map<string, any>(d.brands.nodes.map((b: any) => [b.name, b]));
    const chuxinhong = byName.get('初心红');
    expect(chuxinhong).toMatchObject({
      isPrimary: true,
      owner: { name: '南苑路社区', kind: 'COMMUNITY' },
    });
    expect(chuxinhong.children.nodes.map((b: any) => b.name).sort()).toEqual(
      ['初心巷', '初心站', '初心堂', '初心桥', '初心团'].sort(),
    );
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['锦绣九龙', '五音协奏·和美庆州']));
  });

  it('has 南苑路社区离退休干部党支部, founded 2011-06, with members and activities', async () => {
    const d = await data(
      `query($f: OrganizationFilterInput) {
         organizations(filter: $f, first: 5) {
           nodes { foundedOn parent { name } members(first: 100) { totalCount } }
         }
       }`,
      {
        f: {
          streetId: streetId('621002001'),
          kinds: ['PARTY_BRANCH'],
          search: '南苑路社区离退休干部党支部',
        },
      },
    );
    const [branch] = d.organizations.nodes;
    expect(branch.foundedOn).toBe('2011-06-01');
    expect(branch.parent.name).toBe('南苑路社区');
    expect(branch.members.totalCount).toBeGreaterThan(3);
    const brands = await data(
      `query($f: BrandFilterInput) { brands(filter: $f, first: 1) { nodes { id } } }`,
      { f: { streetId: streetId('621002001'), search: '初心红' } },
    );
    const acts = await data(
      `query($f: ActivityFilterInput) { activities(filter: $f, first: 1) { totalCount } }`,
      { f: { brandId: brands.brands.nodes[0].id, includeSubBrands: true } },
    );
    expect(acts.activities.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('gives 城北 31 communities, each with a community grid, and compounds', async () => {
    const communities = await organizations('360502001', ['COMMUNITY']);
    expect(communities.totalCount).toBe(31);
    expect(await gridCount('360502001', 'COMMUNITY')).toBe(31);
    const d = await data(
      `query($id: ID!) { node(id: $id) { ... on Organization { grids { level } } } }`,
      {
        id: communities.nodes[0]!.id,
      },
    );
    expect(d.node.grids).toEqual([{ level: 'COMMUNITY' }]);
    expect((await organizations('360502001', ['OWNERS_COMMITTEE'])).totalCount).toBeGreaterThan(0);
    expect((await organizations('360502001', ['PROPERTY_MANAGER'])).totalCount).toBeGreaterThan(0);
  });

  it('gives 城东路 its "1+3" committees, 11 volunteer teams and 20 service posts', async () => {
    const d = await data(
      `query($f: OrganizationFilterInput) {
         organizations(filter: $f, first: 5) { nodes { name children(first: 100) { nodes { name kind } } } }
       }`,
      { f: { streetId: streetId('410104001'), kinds: ['JOINT_COMMITTEE'] } },
    );
    expect(d.organizations.nodes).toHaveLength(1);
    const children = d.organizations.nodes[0].children.nodes;
    const committees = children.filter((c: any) => /党委$/.test(c.name)).map((c: any) => c.name);
    expect(committees.sort()).toEqual(
      ['城东路街道行政党委', '城东路街道居民党委', '城东路街道综合党委'].sort(),
    );
    const teams = await data(
      `query($f: VolunteerTeamFilterInput) { volunteerTeams(filter: $f, first: 1) { totalCount } }`,
      { f: { streetId: streetId('410104001') } },
    );
    expect(teams.volunteerTeams.totalCount).toBe(11);
    const posts = await data(
      `query($f: ServicePostFilterInput) { servicePosts(filter: $f, first: 1) { totalCount } }`,
      { f: { streetId: streetId('410104001') } },
    );
    expect(posts.servicePosts.totalCount).toBe(20);
  });

  it('gives 十八里河 its 8 command posts', async () => {
    const d = await organizations('410104002', ['DEPARTMENT'], '指挥部');
    expect(d.totalCount).toBe(8);
  });

  it('gives 西固城 the 1/9/34/90 grid tree and its five brands', async () => {
    const counts = [];
    for (const level of ['STREET', 'COMMUNITY', 'UNIT', 'BUILDING'])
      counts.push(await gridCount('620104001', level));
    expect(counts).toEqual([1, 9, 34, 90]);
    const d = await data(
      `query($f: BrandFilterInput) { brands(filter: $f, first: 100) { nodes { name } } }`,
      { f: { streetId: streetId('620104001') } },
    );
    expect(d.brands.nodes.map((b: any) => b.name).sort()).toEqual(
      ['党建红色联盟', '清水家园', '小蜜蜂', '红色驿站', '蒲公英'].sort(),
    );
  });

  it('gives 金科园社区 6 grid party branches, 13 posts and service records', async () => {
    const [community] = (await organizations('430111001', ['COMMUNITY'], '金科园社区')).nodes;
    const d = await data(
      `query($id: ID!, $f: ServicePostFilterInput, $r: ServiceRecordFilterInput) {
         node(id: $id) {
           ... on Organization { children(first: 100, filter: { kinds: [PARTY_BRANCH] }) { totalCount } }
         }
         servicePosts(filter: $f, first: 1) { totalCount }
         serviceRecords(filter: $r, first: 100) { nodes { confirmed } }
       }`,
      {
        id: community!.id,
        f: { organizationId: community!.id },
        r: { streetId: streetId('430111001') },
      },
    );
    expect(d.node.children.totalCount).toBe(6);
    expect(d.servicePosts.totalCount).toBe(13);
    const confirmed = d.serviceRecords.nodes.filter((r: any) => r.confirmed).length;
    expect(confirmed).toBeGreaterThan(0);
    expect(confirmed).toBeLessThan(d.serviceRecords.nodes.length);
  });

  it('gives every street the five departments', async () => {
    for (const s of demoStreets) {
      const names = (await organizations(s.code, ['DEPARTMENT'])).nodes.map((o) => o.name);
      for (const dept of ['城管', '市场监管', '环卫', '交警', '消防'])
        expect(names.filter((n) => n.includes(dept) && !n.endsWith('指挥部'))).toHaveLength(1);
    }
  });

  it("lists 2026's holidays and make-up working days in every demo district's calendar", async () => {
    const d = await data(`{ districts { code } }`);
    const codes: string[] = d.districts.map((x: any) => x.code);
    expect(codes).toEqual(expect.arrayContaining(demoDistricts.map((x) => x.code)));
    for (const code of demoDistricts.map((x) => x.code)) {
      const c = await data(
        `query($code: String!) { district(code: $code) { workCalendar {
           days(from: "2026-01-01", to: "2026-12-31") { date kind name } } } }`,
        { code },
      );
      const days = c.district.workCalendar.days as { date: string; kind: string; name: string }[];
      expect(days).toHaveLength(HOLIDAYS_2026.length);
      expect(days).toContainEqual({ date: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' });
      expect(days).toContainEqual({ date: '2026-02-28', kind: 'WORKDAY', name: '春节调休' });
    }
  });

  it('counts deadlines in 西峰区 over the seeded holidays and 调休 Saturdays', async () => {
    const due = async (start: string, workMinutes: number) =>
      (
        await data(
          `query($start: DateTime!, $m: Int!) {
             district(code: "621002") { workCalendar { dueTime(start: $start, workMinutes: $m) } } }`,
          { start, m: workMinutes },
        )
      ).district.workCalendar.dueTime;
    // Wednesday 2026-09-30 10:00 CST: one working day (420 minutes by default) later is not
    // Thursday 10-01 (国庆节) but Thursday 10-08, the first working day after the break.
    expect(await due('2026-09-30T02:00:00.000Z', 420)).toBe('2026-10-08T02:00:00.000Z');
    // Friday 2026-02-27 10:00 CST: one working day later is Saturday 02-28 (春节调休), not Monday.
    expect(await due('2026-02-27T02:00:00.000Z', 420)).toBe('2026-02-28T02:00:00.000Z');
  });

  describe('cases', () => {
    const STATUSES = [
      'REPORTED',
      'ACCEPTED',
      'REJECTED',
      'DISPATCHED',
      'IN_PROGRESS',
      'SUSPENDED',
      'VERIFYING',
      'CLOSED',
      'CANCELLED',
    ];

    it('gives every street its cases, in every status', async () => {
      const rows = await p.db.query<{ code: string; status: string; n: number }>(
        `SELECT s.code, c.status, count(*)::int AS n FROM case_file c JOIN street s ON s.id = c.street_id
         GROUP BY s.code, c.status`,
      );
      for (const s of demoStreets) {
        const mine = rows.filter((r) => r.code === s.code);
        expect(mine.map((r) => r.status).sort()).toEqual([...STATUSES].sort());
        const total = mine.reduce((sum, r) => sum + r.n, 0);
        expect(total).toBe(CASES_PER_STREET[s.key] ?? DEFAULT_CASES);
        // Half or so are closed; the rest spread over the open and ended states.
        const closed = mine.find((r) => r.status === 'CLOSED')!.n;
        expect(closed / total).toBeGreaterThan(0.35);
      }
    });

    it('starts every timeline with REPORT and chains each entry from the one before', async () => {
      const entries = await p.db.query<{
        caseId: string;
        action: string;
        from: string | null;
        to: string;
        at: Date;
        status: string;
      }>(
        `SELECT t.case_id::text AS "caseId", t.action, t.from_status AS from, t.to_status AS to,
           t.occurred_at AS at, c.status
         FROM case_timeline t JOIN case_file c ON c.id = t.case_id ORDER BY t.case_id, t.id`,
      );
      const byCase = new Map<string, typeof entries>();
      for (const e of entries) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
      expect(byCase.size).toBe(
        Object.values(CASES_PER_STREET).reduce((a, b) => a + b, 0) + 5 * DEFAULT_CASES,
      );
      for (const list of byCase.values()) {
        expect(list[0]).toMatchObject({ action: 'REPORT', from: null, to: 'REPORTED' });
        for (let i = 1; i < list.length; i++) {
          expect(list[i]!.from).toBe(list[i - 1]!.to);
          expect(list[i]!.at.getTime()).toBeGreaterThanOrEqual(list[i - 1]!.at.getTime());
        }
        expect(list.at(-1)!.to).toBe(list[0]!.status);
        expect(list.at(-1)!.at.getTime()).toBeLessThan(Date.now());
      }
    });

    it('has the whistle, late acknowledgements, returns, rework, postponements, ratings, a merge', async () => {
      const [f] = await p.db.query<Record<string, number>>(
        `SELECT
           (SELECT count(*) FROM (SELECT case_id FROM case_department GROUP BY case_id HAVING count(*) >= 2) w)::int AS whistle,
           (SELECT count(*) FROM case_timeline WHERE action = 'ACKNOWLEDGE' AND (details->>'late')::boolean)::int AS late,
           (SELECT count(*) FROM case_timeline WHERE action = 'RETURN')::int AS returned,
           (SELECT count(*) FROM case_timeline WHERE action = 'VERIFY' AND NOT (details->>'passed')::boolean)::int AS rework,
           (SELECT count(*) FROM case_timeline WHERE action = 'DECIDE_POSTPONEMENT' AND (details->>'approved')::boolean)::int AS postponed,
           (SELECT count(*) FROM case_file WHERE rating IS NOT NULL)::int AS rated,
           (SELECT count(*) FROM case_file WHERE merged_into_id IS NOT NULL)::int AS merged,
           (SELECT count(*) FROM case_file WHERE status = 'CLOSED' AND closed_at <= due_at)::int AS "onTime",
           (SELECT count(*) FROM case_file WHERE status = 'CLOSED' AND closed_at > due_at)::int AS late_closed,
           (SELECT count(DISTINCT source) FROM case_file)::int AS sources,
           (SELECT count(DISTINCT date_trunc('month', reported_at)) FROM case_file)::int AS months`,
      );
      for (const key of Object.keys(f!)) expect([key, f![key]]).toEqual([key, expect.any(Number)]);
      for (const key of ['whistle', 'late', 'returned', 'rework', 'postponed', 'rated', 'merged'])
        expect([key, f![key]! > 0]).toEqual([key, true]);
      expect(f!.onTime).toBeGreaterThan(f!.late_closed!);
      expect(f!.late_closed).toBeGreaterThan(0);
      expect(f!.sources).toBe(3);
      expect(f!.months).toBeGreaterThanOrEqual(5);
    });

    it('shows 南街 its cases through the API, numbered by street code and report date', async () => {
      const d = await data(
        `query($f: CaseFilterInput) { cases(filter: $f, first: 5) { totalCount nodes { number reportedAt } } }`,
        { f: { streetId: streetId('621002001') } },
      );
      expect(d.cases.totalCount).toBe(CASES_PER_STREET.nanjie);
      for (const c of d.cases.nodes) {
        const local = new Date(new Date(c.reportedAt).getTime() + 8 * 3_600_000);
        const day = local.toISOString().slice(0, 10).replace(/-/g, '');
        expect(c.number.startsWith(`621002001${day}`)).toBe(true);
      }
    });
  });

  it('changes nothing when run a second time', async () => {
    const count = async () =>
      (await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_event`))[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const again = await seedDemo(p.appDb, silent);
    expect(again).toEqual({
      streetsCreated: [],
      contentLoaded: [],
      calendarsLoaded: [],
      casesLoaded: [],
    });
    expect(await count()).toBe(before);
  });

  it('lets the demo users sign in, each seeing their own street', async () => {
    expect([...new Set(DEMO_USERS.map((u) => u.role))].sort()).toEqual(
      [
        'DISTRICT_ADMIN',
        'STREET_ADMIN',
        'COMMUNITY_STAFF',
        'GRID_WORKER',
        'DEPARTMENT_STAFF',
        'VOLUNTEER',
        'RESIDENT',
      ].sort(),
    );
    // 受理员, 值班长, 派遣员 and 监督员: one account each.
    expect(DEMO_USERS.flatMap((u) => u.caseDuties ?? []).sort()).toEqual(
      ['DISPATCHER', 'INSPECTOR', 'INTAKE', 'SHIFT_LEAD'].sort(),
    );
    for (const { username, role } of DEMO_USERS) {
      const res = await p.gql<any>(
        `mutation($u: String!, $p: String!) {
           login(input: { username: $u, password: $p }) {
             accessToken user { username role } userErrors { message }
           }
         }`,
        { u: username, p: DEMO_PASSWORD },
        { as: 'anonymous' },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.login.userErrors).toEqual([]);
      expect(res.body.data.login.user).toEqual({ username, role });
      if (username === 'nanjie.admin') {
        const grids = await p.gql<any>(
          `{ grids(filter: { level: COMMUNITY }, first: 1) { totalCount } }`,
          undefined,
          { as: { token: res.body.data.login.accessToken } },
        );
        expect(grids.body.data.grids.totalCount).toBe(72);
      }
    }
    const wrong = await p.gql<any>(
      `mutation { login(input: { username: "nanjie.admin", password: "not-the-password" }) { accessToken userErrors { message } } }`,
      undefined,
      { as: 'anonymous' },
    );
    expect(wrong.body.data.login.accessToken).toBeNull();
  });
});
