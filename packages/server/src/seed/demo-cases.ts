import { clockOf } from '../domain/case/case-clock';
import type { Rating, Urgency } from '../domain/case/case.entity';
import { caseService, type CaseRecord } from '../domain/case/case.service';
import { caseTransitions } from '../domain/case/case-transition.service';
import { STANDARD_CATEGORIES } from '../domain/case/category.catalog';
import { userService, type UserRecord } from '../domain/identity/user.service';
import { personService } from '../domain/person/person.service';
import { query, type Context } from '../domain/shared/context';
import type { Role, Viewer } from '../domain/shared/viewer';
import type { StreetRecord } from '../domain/street/street.service';
import { CASE_STORIES, NANJIE_WEIGHTS, PLACES, type CaseStory } from './case-stories';
import { CASE_DUTY_ACCOUNTS } from './demo-users';
import { demoName, demoPhone, DEPARTMENTS } from './kit';

// The demo cases: each one reported and handled through the case services, every step as the
// account that would take it (grid worker, resident, 受理员, 值班长, 派遣员, the departments, 监督员),
// so every timeline follows case.rules.ts and every change is a typed event. The steps happen in
// the past: the context's clock (`Context.clock`) stamps each with its own time, months back for
// finished cases and days back for open ones, so numbers, due times, late acknowledgements and
// overdue closures come out as they would have.

/** Cases per street: 南街 has the seeds' joint-enforcement numbers behind it. */
export const CASES_PER_STREET: Record<string, number> = { nanjie: 80 };
const DEFAULT_CASES = 30;
export { DEFAULT_CASES };

/** How a case's story goes; its name says where it ends. */
type Scenario =
  | 'reported'
  | 'accepted'
  | 'rejected'
  | 'dispatched'
  | 'dispatched-late-acknowledgement'
  | 'in-progress'
  | 'postponement-asked'
  | 'suspended'
  | 'verifying'
  | 'closed'
  | 'closed-on-the-spot'
  | 'closed-whistle'
  | 'closed-returned'
  | 'closed-rework'
  | 'closed-postponed'
  | 'closed-suspended'
  | 'cancelled'
  | 'merged';

/** One street's run of scenarios, repeated: every status in every street, half of them closed. */
const CYCLE: Scenario[] = [
  'closed',
  'closed-on-the-spot',
  'reported',
  'closed-whistle',
  'accepted',
  'closed',
  'dispatched',
  'closed-returned',
  'in-progress',
  'closed-rework',
  'rejected',
  'closed',
  'verifying',
  'closed-postponed',
  'dispatched-late-acknowledgement',
  'closed-on-the-spot',
  'suspended',
  'closed',
  'cancelled',
  'postponement-asked',
  'closed-suspended',
  'merged',
];

const OPEN_SCENARIOS: Scenario[] = [
  'reported',
  'accepted',
  'dispatched',
  'dispatched-late-acknowledgement',
  'in-progress',
  'postponement-asked',
  'verifying',
];
const NEEDS_SPOT: Scenario[] = ['closed-on-the-spot'];

/** Deterministic pseudo-random numbers (a linear congruential generator). */
class Dice {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return this.state / 2_147_483_648;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

interface Account {
  user: UserRecord;
  viewer: Viewer;
}

interface Crew {
  intake: Account;
  shiftLead: Account;
  dispatcher: Account;
  inspector: Account;
  /** Grid workers, the street grid's first (it covers every grid). */
  gridWorkers: Account[];
  residents: Account[];
  /** Department staff by department code (CG, SCJG …), and the department's id. */
  departments: Map<string, { account: Account; departmentId: string }>;
}

function viewerOf(user: UserRecord): Viewer {
  return Object.freeze({
    kind: 'user',
    id: user.id,
    role: user.role,
    streetIds: user.streetId ? [user.streetId] : [],
    ...(user.gridCode ? { gridCode: user.gridCode } : {}),
    ...(user.communityId ? { communityId: user.communityId } : {}),
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    ...(user.personId ? { personId: user.personId } : {}),
    ...(user.caseDuties?.length ? { duties: Object.freeze([...user.caseDuties]) } : {}),
  });
}

/**
 * The account `username`, or a new one. Accounts beyond docs/demo-data.md's list sign in through
 * an external identity only (`demo:<username>`): no password of theirs is public.
 */
async function account(
  tx: Context,
  username: string,
  input: {
    role: Role;
    displayName: string;
    streetId: string;
    communityId?: string;
    gridId?: string;
    departmentId?: string;
    personId?: string;
    caseDuties?: string[];
  },
): Promise<Account> {
  const [found] = await query<{ id: string }>(
    tx,
    `SELECT id::text AS id FROM app_user WHERE username = $1`,
    [username],
  );
  const user = found
    ? (await userService.get(tx, found.id))!
    : await userService.create(tx, { username, externalSubject: `demo:${username}`, ...input });
  return { user, viewer: viewerOf(user) };
}

async function crewOf(
  tx: Context,
  key: string,
  street: StreetRecord,
  index: number,
): Promise<Crew> {
  const short = street.name.replace(/街道$/, '');
  const [community] = await query<{ id: string }>(
    tx,
    `SELECT id::text AS id FROM organization WHERE street_id = $1 AND kind = 'COMMUNITY' ORDER BY id LIMIT 1`,
    [street.id],
  );
  const duty = async (suffix: string) => {
    const spec = CASE_DUTY_ACCOUNTS.find((a) => a.suffix === suffix)!;
    return account(tx, `${key}.${suffix}`, {
      role: 'COMMUNITY_STAFF',
      displayName: `${short}网格化服务管理中心${spec.title}`,
      streetId: street.id,
      communityId: community!.id,
      caseDuties: [spec.duty],
    });
  };
  // The grid members of the street grid and of the first staffed grids below it.
  const staffed = await query<{ gridId: string; personId: string; name: string; grid: string }>(
    tx,
    `SELECT DISTINCT ON (g.code) g.id::text AS "gridId", p.id::text AS "personId", p.name,
       g.name AS grid
     FROM grid_assignment a JOIN grid g ON g.id = a.grid_id JOIN person p ON p.id = a.person_id
     WHERE a.street_id = $1 AND a.role = 'MEMBER' AND a.ended_on IS NULL
     ORDER BY g.code, a.id LIMIT 4`,
    [street.id],
  );
  const gridWorkers: Account[] = [];
  for (const [i, s] of staffed.entries()) {
    const [user] = await query<{ username: string }>(
      tx,
      `SELECT username FROM app_user WHERE role = 'GRID_WORKER' AND grid_id = $1 AND person_id = $2`,
      [s.gridId, s.personId],
    );
    gridWorkers.push(
      await account(tx, user?.username ?? `${key}.grid.${i + 1}`, {
        role: 'GRID_WORKER',
        displayName: `${s.name}（${s.grid}网格员）`,
        streetId: street.id,
        gridId: s.gridId,
        personId: s.personId,
      }),
    );
  }
  // Residents: people of the street who are not staff, the first ones with a home grid first.
  const people = await query<{ id: string; name: string }>(
    tx,
    `SELECT id::text AS id, name FROM person WHERE street_id = $1 AND NOT is_staff
     ORDER BY home_grid_id IS NULL, id LIMIT 4`,
    [street.id],
  );
  // A street whose demo names no resident gets a few, living in its first grids.
  for (let i = people.length; i < 3; i++) {
    const [home] = await query<{ id: string }>(
      tx,
      `SELECT id::text AS id FROM grid WHERE street_id = $1 AND level <> 'STREET' ORDER BY code OFFSET $2 LIMIT 1`,
      [street.id, i],
    );
    const n = index * 1000 + 900 + i;
    const person = await personService.create(tx, street.id, {
      name: demoName(n),
      gender: n % 2 ? 'FEMALE' : 'MALE',
      birthYear: 1960 + ((n * 7) % 40),
      phone: demoPhone(n),
      homeGridId: home?.id ?? null,
    });
    people.push({ id: person.id, name: person.name });
  }
  const residents: Account[] = [];
  for (const [i, person] of people.entries()) {
    const [user] = await query<{ username: string }>(
      tx,
      `SELECT username FROM app_user WHERE role = 'RESIDENT' AND person_id = $1`,
      [person.id],
    );
    residents.push(
      await account(tx, user?.username ?? `${key}.resident.${i + 1}`, {
        role: 'RESIDENT',
        displayName: `${person.name}（居民）`,
        streetId: street.id,
        personId: person.id,
      }),
    );
  }
  if (!gridWorkers.length || !residents.length)
    throw new Error(`${key}: no grid member or no resident to report its demo cases`);
  const departments = new Map<string, { account: Account; departmentId: string }>();
  const orgs = await query<{ id: string; code: string; name: string }>(
    tx,
    `SELECT id::text AS id, code, name FROM organization
     WHERE street_id = $1 AND kind = 'DEPARTMENT' AND code = ANY($2::text[])`,
    [street.id, DEPARTMENTS.map(([code]) => code)],
  );
  for (const org of orgs) {
    const [user] = await query<{ username: string }>(
      tx,
      `SELECT username FROM app_user WHERE role = 'DEPARTMENT_STAFF' AND department_id = $1 ORDER BY id LIMIT 1`,
      [org.id],
    );
    departments.set(org.code, {
      departmentId: org.id,
      account: await account(tx, user?.username ?? `${key}.dept.${org.code.toLowerCase()}`, {
        role: 'DEPARTMENT_STAFF',
        displayName: `${org.name}工作人员`,
        streetId: street.id,
        departmentId: org.id,
      }),
    });
  }
  return {
    intake: await duty('intake'),
    shiftLead: await duty('shiftlead'),
    dispatcher: await duty('dispatcher'),
    inspector: await duty('inspector'),
    gridWorkers,
    residents,
    departments,
  };
}

/** The standard catalog's limits, for how long the departments take. */
const LIMITS = new Map(STANDARD_CATEGORIES.map((c) => [c.code, c.timeLimits]));

const REJECT_REASONS = [
  '经核实，反映的问题属私人产权范围，不属于受理范围，已告知当事人通过民事途径解决。',
  '上报信息不全，无法确定具体位置，已电话联系上报人补充后重新上报。',
  '现场核实问题不存在。',
];
const CANCEL_REASONS = ['上报人撤回：问题已自行解决。', '误报：同一问题已由热线转办。'];
const SUSPEND_REASONS = [
  '需列入明年市政维修计划，待资金到位后实施。',
  '涉及产权单位改制，责任主体待区里明确。',
  '冬季气温低无法施工，待开春后处置。',
];
const COMMENTS: [Rating, string][] = [
  ['SATISFIED', '处理及时，很满意。'],
  ['SATISFIED', '网格员跑前跑后，辛苦了。'],
  ['SATISFIED', ''],
  ['NEUTRAL', '解决了，就是时间有点长。'],
  ['SATISFIED', '问题解决了，感谢街道。'],
  ['DISSATISFIED', '过了几天又出现了，希望加强巡查。'],
];

/** One case being built: its record, its clock and who reported it. */
interface Building {
  record: CaseRecord;
  at: Date;
  reporter: Account;
}

/**
 * Reports and handles a street's demo cases in `tx` (a transaction of the system), oldest first.
 * Returns how many it made.
 */
export async function loadCases(
  tx: Context,
  key: string,
  street: StreetRecord,
  index: number,
): Promise<number> {
  const crew = await crewOf(tx, key, street, index);
  const working = await clockOf(tx, street.id);
  const grids = await query<{ id: string; code: string }>(
    tx,
    `SELECT id::text AS id, code FROM grid WHERE street_id = $1 AND level <> 'STREET' AND archived_at IS NULL ORDER BY code`,
    [street.id],
  );
  const categories = new Map(
    (
      await query<{ id: string; code: string }>(
        tx,
        `SELECT id::text AS id, code FROM case_category WHERE street_id IS NULL AND archived_at IS NULL`,
      )
    ).map((c) => [c.code, c.id]),
  );
  const dice = new Dice(20_241_107 + index * 7919);
  const stories = CASE_STORIES.filter((s) => categories.has(s.code));
  const weighted: CaseStory[] = stories.flatMap((s) =>
    Array.from({ length: key === 'nanjie' ? (NANJIE_WEIGHTS[s.code] ?? 1) : 1 }, () => s),
  );
  const places = PLACES[key] ?? ['中心路'];
  const now = Date.now();
  const total = CASES_PER_STREET[key] ?? DEFAULT_CASES;

  // Plan: a scenario, a story and a report time for each case, then build them oldest first.
  interface Plan {
    n: number;
    scenario: Scenario;
    story: CaseStory;
    reportedAt: Date;
  }
  const plans: Plan[] = [];
  const merged: Plan[] = [];
  for (let n = 0; n < total; n++) {
    const scenario = CYCLE[n % CYCLE.length]!;
    let story = dice.pick(weighted);
    // A story without departments only suits the grid's own fixes and the early states.
    while (
      (story.departments.length === 0 &&
        !NEEDS_SPOT.includes(scenario) &&
        !['reported', 'accepted', 'rejected', 'cancelled'].includes(scenario)) ||
      (NEEDS_SPOT.includes(scenario) && !story.onTheSpot) ||
      (scenario === 'closed-whistle' && story.departments.length < 2) ||
      (scenario === 'closed-returned' && !story.wrong)
    ) {
      story = dice.pick(weighted);
    }
    const open = OPEN_SCENARIOS.includes(scenario);
    const daysBack = open
      ? dice.int(2, 5)
      : scenario === 'suspended'
        ? dice.int(20, 60)
        : dice.int(15, 180);
    // A working moment of that day: 08:40 to 16:30 China time, skipping days off.
    const day = new Date(now - daysBack * 86_400_000);
    const midnight =
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - 8 * 3_600_000;
    let reportedAt = new Date(midnight + (8 * 60 + dice.int(40, 470)) * 60_000);
    if (!working.isWorkday(localDate(reportedAt))) {
      reportedAt = working.addWorkingMinutes(reportedAt, dice.int(10, 300));
    }
    // Open cases are days old, not younger than a working day.
    if (reportedAt.getTime() > now - 86_400_000) reportedAt = new Date(now - 86_400_000);
    const plan = { n, scenario, story, reportedAt };
    if (scenario === 'merged') merged.push(plan);
    else plans.push(plan);
  }
  plans.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());

  const built: { plan: Plan; last: Building }[] = [];
  for (const plan of plans) {
    const { scenario, story } = plan;
    const urgency: Urgency = story.code.startsWith('04')
      ? 'A'
      : dice.pick(['A', 'B', 'B', 'B', 'B', 'C', 'C'] as const);
    const place = `${dice.pick(places)}${dice.int(1, 260)}号`;
    // Who reports: a grid worker on patrol, a resident, or the 12345 hotline through intake.
    const source = dice.pick(['PATROL', 'PATROL', 'RESIDENT', 'RESIDENT', 'HOTLINE'] as const);
    const worker = dice.pick(crew.gridWorkers);
    const reporter =
      source === 'PATROL'
        ? worker
        : source === 'RESIDENT'
          ? dice.pick(crew.residents)
          : crew.intake;
    const inSubtree = grids.filter((g) => g.code.startsWith(worker.user.gridCode ?? ''));
    const grid = dice.pick(source === 'PATROL' && inSubtree.length ? inSubtree : grids);
    const title = `${place}${dice.pick(story.titles)}`;
    const b: Building = {
      at: plan.reportedAt,
      reporter,
      record: undefined as unknown as CaseRecord,
    };
    // Each step a few working minutes after the one before, never later than now.
    const ceiling = now - 60_000;
    const step = async <T extends CaseRecord>(
      who: Account,
      minutes: number,
      act: (ctx: Context, c: CaseRecord) => Promise<T>,
    ) => {
      if (b.record) {
        const next = working.addWorkingMinutes(b.at, minutes).getTime();
        b.at = new Date(Math.max(b.at.getTime() + 1000, Math.min(next, ceiling)));
      }
      const at = b.at;
      const ctx: Context = { ...tx, viewer: who.viewer, loaders: new Map(), clock: () => at };
      b.record = await act(ctx, b.record);
      return b.record;
    };
    await step(reporter, 0, async (ctx) => {
      const { record } = await caseService.report(ctx, {
        streetId: street.id,
        categoryId: categories.get(story.code)!,
        gridId: grid.id,
        title,
        description: story.description,
        urgency,
        source,
        address: `${street.name}${place}`,
        reporterPersonId:
          source === 'HOTLINE' ? (dice.pick(crew.residents).user.personId ?? null) : null,
      });
      return record;
    });
    const limit = LIMITS.get(story.code)?.[urgency] ?? 480;
    const ids = (c: CaseRecord) => ({ id: c.id, version: c.version });
    const dept = (code: string) => crew.departments.get(code)!;
    const departments = story.departments.filter((d) => crew.departments.has(d));
    const main = departments[0]!;
    const onTime = plan.n % 5 !== 3; // one closure in five runs late
    // Steps take a share of the category's limit (per cent), so most cases close in time.
    const share = (lo: number, hi: number) =>
      Math.max(1, Math.round((limit * dice.int(lo, hi)) / 100));
    const handling = () => (onTime ? share(20, 45) : share(120, 220));

    const accept = () =>
      step(crew.intake, dice.int(8, 60), (ctx, c) => caseTransitions.accept(ctx, ids(c)));
    const dispatch = (codes: string[], note?: string) =>
      step(crew.dispatcher, share(3, 8), (ctx, c) =>
        caseTransitions.dispatch(ctx, {
          ...ids(c),
          departmentIds: codes.map((d) => dept(d).departmentId),
          note,
        }),
      );
    const acknowledge = (code: string, late = false) =>
      step(dept(code).account, late ? dice.int(300, 420) : Math.min(25, share(2, 6)), (ctx, c) =>
        caseTransitions.acknowledge(ctx, {
          ...ids(c),
          note: late ? '值班人员外出执法，迟报到。' : null,
        }),
      );
    const start = (code: string) =>
      step(dept(code).account, share(4, 10), (ctx, c) =>
        caseTransitions.start(ctx, { ...ids(c), note: '已安排人员赶赴现场。' }),
      );
    const resolve = (code: string, minutes = handling()) =>
      step(dept(code).account, minutes, (ctx, c) =>
        caseTransitions.resolve(ctx, { ...ids(c), resolution: story.resolution }),
      );
    const verify = (passed = true) =>
      step(crew.inspector, share(5, 15), (ctx, c) =>
        caseTransitions.verify(ctx, {
          ...ids(c),
          passed,
          note: passed ? '现场核查，问题已解决。' : '现场核查仍未整改到位，返工。',
        }),
      );
    const rate = async () => {
      if (b.reporter.user.role !== 'RESIDENT') return;
      const [rating, comment] = dice.pick(COMMENTS);
      await step(b.reporter, dice.int(120, 960), (ctx, c) =>
        caseTransitions.rate(ctx, { ...ids(c), rating, comment: comment || null }),
      );
    };
    const handle = async (code: string) => {
      await acknowledge(code);
      await start(code);
    };

    switch (scenario) {
      case 'reported':
        break;
      case 'rejected':
        await step(crew.intake, dice.int(10, 90), (ctx, c) =>
          caseTransitions.reject(ctx, { ...ids(c), reason: dice.pick(REJECT_REASONS) }),
        );
        break;
      case 'accepted':
        await accept();
        break;
      case 'dispatched':
        await accept();
        await dispatch([main]);
        break;
      case 'dispatched-late-acknowledgement':
        await accept();
        await dispatch([main]);
        await acknowledge(main, true);
        break;
      case 'in-progress':
        await accept();
        await dispatch([main]);
        await handle(main);
        break;
      case 'postponement-asked':
        await accept();
        await dispatch([main]);
        await handle(main);
        await step(dept(main).account, dice.int(60, 240), (ctx, c) =>
          caseTransitions.requestPostponement(ctx, {
            ...ids(c),
            minutes: 960,
            reason: '需协调产权单位共同处置，申请延期两个工作日。',
          }),
        );
        break;
      case 'suspended':
        await accept();
        await dispatch([main]);
        await handle(main);
        await step(crew.shiftLead, dice.int(120, 600), (ctx, c) =>
          caseTransitions.suspend(ctx, { ...ids(c), reason: dice.pick(SUSPEND_REASONS) }),
        );
        break;
      case 'verifying':
        await accept();
        await dispatch([main]);
        await handle(main);
        await resolve(main, Math.min(handling(), 240));
        break;
      case 'closed':
        await accept();
        await dispatch([main]);
        await handle(main);
        await resolve(main);
        await verify();
        await rate();
        break;
      case 'closed-on-the-spot': {
        await accept();
        const fixer =
          crew.gridWorkers.find(
            (w) => w === reporter && grid.code.startsWith(w.user.gridCode ?? '-'),
          ) ?? crew.gridWorkers[0]!;
        await step(fixer, dice.int(20, 180), (ctx, c) =>
          caseTransitions.resolveOnTheSpot(ctx, { ...ids(c), resolution: story.onTheSpot! }),
        );
        await verify();
        await rate();
        break;
      }
      case 'closed-whistle': {
        // 大事不出社区: up to the street, which blows the whistle for every department concerned.
        await accept();
        await step(crew.gridWorkers[0]!, dice.int(5, 20), (ctx, c) =>
          caseTransitions.escalate(ctx, { ...ids(c), note: '涉及多个部门，网格无法单独处置。' }),
        );
        await step(crew.shiftLead, dice.int(5, 20), (ctx, c) =>
          caseTransitions.escalate(ctx, { ...ids(c), note: '街道吹哨，部门报到，联合处置。' }),
        );
        await dispatch(departments, '街乡吹哨、部门报到：请各部门按职责联合处置。');
        for (const [i, code] of departments.entries()) await acknowledge(code, i === 1);
        for (const code of departments) await start(code);
        for (const code of departments) await resolve(code, Math.round(handling() / 2));
        await verify();
        await rate();
        break;
      }
      case 'closed-returned': {
        const [wrong, why] = story.wrong!;
        await accept();
        await dispatch([wrong]);
        await step(dept(wrong).account, dice.int(10, 60), (ctx, c) =>
          caseTransitions.return(ctx, { ...ids(c), reason: why }),
        );
        await dispatch([main], '退回后重新派遣。');
        await handle(main);
        await resolve(main);
        await verify();
        await rate();
        break;
      }
      case 'closed-rework':
        await accept();
        await dispatch([main]);
        await handle(main);
        await resolve(main);
        await verify(false);
        await resolve(main, Math.round(limit / 3) + 30);
        await verify();
        await rate();
        break;
      case 'closed-postponed':
        await accept();
        await dispatch([main]);
        await handle(main);
        await step(dept(main).account, dice.int(60, 240), (ctx, c) =>
          caseTransitions.requestPostponement(ctx, {
            ...ids(c),
            minutes: 960,
            reason: '需等待配件到货，申请延期两个工作日。',
          }),
        );
        await step(crew.shiftLead, dice.int(20, 90), (ctx, c) =>
          caseTransitions.decidePostponement(ctx, {
            ...ids(c),
            approved: true,
            note: '同意延期。',
          }),
        );
        await resolve(main, limit + dice.int(60, 600));
        await verify();
        await rate();
        break;
      case 'closed-suspended':
        await accept();
        await dispatch([main]);
        await handle(main);
        await step(crew.shiftLead, dice.int(60, 300), (ctx, c) =>
          caseTransitions.suspend(ctx, { ...ids(c), reason: dice.pick(SUSPEND_REASONS) }),
        );
        await step(crew.shiftLead, dice.int(960, 4800), (ctx, c) =>
          caseTransitions.resume(ctx, { ...ids(c), note: '资金已到位，恢复处置。' }),
        );
        await resolve(main);
        await verify();
        break;
      case 'cancelled':
        await step(crew.shiftLead, dice.int(30, 300), (ctx, c) =>
          caseTransitions.cancel(ctx, { ...ids(c), reason: dice.pick(CANCEL_REASONS) }),
        );
        break;
      case 'merged':
        break;
    }
    built.push({ plan, last: b });
  }

  // Duplicates: a resident reports what is already being handled; intake merges it.
  let count = built.length;
  const targets = built.filter(({ last }) =>
    ['ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'].includes(last.record.status),
  );
  for (const [i, plan] of merged.entries()) {
    const target = targets[i % targets.length];
    if (!target) continue;
    const original = target.last.record;
    const reporter = crew.residents[(i + 1) % crew.residents.length]!;
    let at = working.addWorkingMinutes(target.last.at, dice.int(20, 120));
    if (at.getTime() > now - 120_000) at = new Date(target.last.at.getTime() + 30_000);
    const reportCtx: Context = {
      ...tx,
      viewer: reporter.viewer,
      loaders: new Map(),
      clock: () => at,
    };
    const { record } = await caseService.report(reportCtx, {
      streetId: street.id,
      categoryId: original.categoryId,
      gridId: original.gridId,
      title: original.title,
      description: `${plan.story.description}（居民重复反映）`,
      urgency: original.urgency,
      source: 'RESIDENT',
      address: original.address,
    });
    const mergeAt = new Date(
      Math.max(
        at.getTime() + 1000,
        Math.min(working.addWorkingMinutes(at, dice.int(5, 30)).getTime(), now - 60_000),
      ),
    );
    const mergeCtx: Context = {
      ...tx,
      viewer: crew.intake.viewer,
      loaders: new Map(),
      clock: () => mergeAt,
    };
    await caseTransitions.merge(mergeCtx, {
      id: record.id,
      version: record.version,
      intoCaseId: original.id,
      note: `与 ${original.number} 为同一问题，合并处理。`,
    });
    target.last.at = mergeAt;
    count++;
  }
  return count;
}

/** The China-time date (YYYY-MM-DD) of a moment. */
function localDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
