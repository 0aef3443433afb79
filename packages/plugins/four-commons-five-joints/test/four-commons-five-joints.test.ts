import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import plugin from '../src';

const XIGUCHENG = '620104001';
const NANJIE = '621002001';
const PLUGIN = 'four-commons-five-joints';

let platform: TestPlatform;
let admin: TestCaller;
/** Organizations of 西固城 by a short name, and one of 南街. */
const org: Record<string, string> = {};

const ERRORS = 'userErrors { field message code }';
const DELIBERATION = `id kind title status origin decision outcome
  units { organization { id name } } tasks { id title status dueOn responsibleUnit { id } }`;
const CREATE = `mutation ($input: CreateJointDeliberationInput!) { createJointDeliberation(input: $input) { deliberation { ${DELIBERATION} } ${ERRORS} } }`;
const action = (name: string, input: string) =>
  `mutation ($input: ${input}!) { ${name}(input: $input) { deliberation { ${DELIBERATION} } ${ERRORS} } }`;
const UPDATE = action('updateJointDeliberation', 'UpdateJointDeliberationInput');
const START = action('startJointDeliberationDiscussion', 'JointDeliberationActionInput');
const DECIDE = action('decideJointDeliberation', 'DecideJointDeliberationInput');
const CLOSE = action('closeJointDeliberation', 'CloseJointDeliberationInput');
const CANCEL = action('cancelJointDeliberation', 'CancelJointDeliberationInput');
const COMPLETE = `mutation ($input: CompleteJointDeliberationTaskInput!) { completeJointDeliberationTask(input: $input) { task { id status note } deliberation { status } ${ERRORS} } }`;
const RECORD = `mutation ($input: RecordJointActivityInput!) { recordJointActivity(input: $input) { activity { id kind title heldOn participants units { organization { id } } } ${ERRORS} } }`;

/** A date `days` from today in China, as the plugin counts them. */
const day = (days: number) => {
  const t = new Date(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) +
      'T00:00:00Z',
  );
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

async function createOrganization(code: string, kind: string, name: string) {
  const res = await admin.data<any>(
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } userErrors { message } } }`,
    { input: { streetId: platform.streetId(code), kind, name } },
  );
  if (!res.createOrganization.organization)
    throw new Error(JSON.stringify(res.createOrganization.userErrors));
  return res.createOrganization.organization.id as string;
}

const count = async (table: string) =>
  (
    await platform.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM plugin_four_commons_five_joints.${table}`,
    )
  )[0]!.n;

beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  admin = platform.admin;
  await platform.enable(PLUGIN, XIGUCHENG, {
    quorum: 2,
    urgentUnitKinds: ['JOINT_COMMITTEE', 'STREET_COMMITTEE'],
  });
  org.joint = await createOrganization(XIGUCHENG, 'JOINT_COMMITTEE', '西固城街道大工委');
  org.committee = await createOrganization(XIGUCHENG, 'STREET_COMMITTEE', '西固城街道党工委');
  org.qingshui = await createOrganization(XIGUCHENG, 'COMMUNITY', '清水桥社区');
  org.heshui = await createOrganization(XIGUCHENG, 'COMMUNITY', '合水中路社区');
  org.nanjie = await createOrganization(NANJIE, 'COMMUNITY', '南苑路社区');
});
afterAll(() => platform?.stop());

describe('four-commons-five-joints', () => {
  it('runs a deliberation through its lifecycle: proposed, discussed, decided with tasks, closed', async () => {
    const street = await platform.as('STREET_ADMIN', XIGUCHENG);
    const community = await platform.as('COMMUNITY_STAFF', XIGUCHENG, {
      communityId: org.qingshui,
    });
    const created = await street.data<any>(CREATE, {
      input: {
        kind: 'PRACTICAL',
        title: '清水桥社区背街小巷路灯增设',
        agenda: '商议增设路灯的位置和费用分担。',
        unitIds: [org.joint],
      },
    });
    expect(created.createJointDeliberation.userErrors).toEqual([]);
    const d = created.createJointDeliberation.deliberation;
    expect(d).toMatchObject({ kind: 'PRACTICAL', status: 'PROPOSED', origin: 'MANUAL', tasks: [] });
    expect(d.units).toEqual([{ organization: { id: org.joint, name: '西固城街道大工委' } }]);

    // Not yet discussed: no decision.
    const early = await street.data<any>(DECIDE, { input: { id: d.id, decision: '增设路灯' } });
    expect(early.decideJointDeliberation).toEqual({
      deliberation: null,
      userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'ILLEGAL_TRANSITION' })],
    });
    const started = await community.data<any>(START, { input: { id: d.id } });
    expect(started.startJointDeliberationDiscussion.deliberation.status).toBe('DISCUSSING');

    // The street's quorum is two units: one is not enough.
    const short = await street.data<any>(DECIDE, { input: { id: d.id, decision: '增设路灯' } });
    expect(short.decideJointDeliberation.userErrors[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('at least 2 member units'),
    });
    const widened = await street.data<any>(UPDATE, {
      input: { id: d.id, unitIds: [org.joint, org.qingshui, org.committee] },
    });
    expect(widened.updateJointDeliberation.deliberation.units).toHaveLength(3);

    // A task for a unit that is not a member is refused, and the decision with it.
    const outsider = await street.data<any>(DECIDE, {
      input: {
        id: d.id,
        decision: '增设路灯 24 盏',
        tasks: [{ title: '安装路灯', responsibleUnitId: org.heshui, dueOn: day(30) }],
      },
    });
    expect(outsider.decideJointDeliberation.userErrors[0]).toMatchObject({
      field: ['input', 'tasks', '0', 'responsibleUnitId'],
      code: 'INVALID',
      message: expect.stringContaining('member units'),
    });
    expect(
      (
        await platform.sql(
          `SELECT status FROM plugin_four_commons_five_joints.deliberation WHERE title = $1`,
          ['清水桥社区背街小巷路灯增设'],
        )
      )[0]!.status,
    ).toBe('DISCUSSING');

    const decided = await street.data<any>(DECIDE, {
      input: {
        id: d.id,
        decision: '增设路灯 24 盏，驻区单位分担费用，社区负责巡查报修。',
        tasks: [
          { title: '确定路灯点位', responsibleUnitId: org.qingshui, dueOn: day(5) },
          { title: '完成路灯安装', responsibleUnitId: org.joint, dueOn: day(30) },
        ],
      },
    });
    expect(decided.decideJointDeliberation.userErrors).toEqual([]);
    const after = decided.decideJointDeliberation.deliberation;
    expect(after.status).toBe('DECIDED');
    expect(after.tasks.map((t: any) => [t.title, t.status, t.dueOn, t.responsibleUnit.id])).toEqual(
      [
        ['确定路灯点位', 'OPEN', day(5), org.qingshui],
        ['完成路灯安装', 'OPEN', day(30), org.joint],
      ],
    );

    // Open tasks keep it from closing.
    const notYet = await street.data<any>(CLOSE, { input: { id: d.id } });
    expect(notYet.closeJointDeliberation.userErrors[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('2 follow-up tasks are still open'),
    });
    for (const task of after.tasks) {
      const done = await community.data<any>(COMPLETE, { input: { id: task.id, note: '已完成' } });
      expect(done.completeJointDeliberationTask.task).toMatchObject({
        status: 'DONE',
        note: '已完成',
      });
    }
    const again = await community.data<any>(COMPLETE, { input: { id: after.tasks[0].id } });
    expect(again.completeJointDeliberationTask.userErrors[0].code).toBe('ILLEGAL_TRANSITION');

    const closed = await street.data<any>(CLOSE, {
      input: { id: d.id, outcome: '路灯全部亮灯，居民满意。' },
    });
    expect(closed.closeJointDeliberation.deliberation).toMatchObject({
      status: 'CLOSED',
      outcome: '路灯全部亮灯，居民满意。',
    });
    const late = await street.data<any>(CANCEL, { input: { id: d.id, reason: '撤回' } });
    expect(late.cancelJointDeliberation.userErrors[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('CLOSED'),
    });

    // Every step recorded its event.
    const events = await platform.sql<{ type: string }>(
      `SELECT type FROM domain_event WHERE type LIKE 'four_commons_five_joints.%' AND subject_type = 'JointDeliberation' AND subject_id = $1 ORDER BY id`,
      [Buffer.from(d.id, 'base64url').toString().split(':')[1]],
    );
    expect(events.map((e) => e.type.split('.')[1])).toEqual([
      'deliberation_opened',
      'deliberation_discussion_started',
      'deliberation_updated',
      'deliberation_decided',
      'deliberation_closed',
    ]);

    // Reads: the list, nested units and tasks, the node, the organization's seats; grid workers read too.
    const worker = await platform.as('GRID_WORKER', XIGUCHENG);
    const listed = await worker.data<any>(
      `query ($o: ID!) {
        jointDeliberations(kind: [PRACTICAL], status: [CLOSED]) { totalCount nodes { id tasks { status } units { organization { name } } } }
        node(id: $o) { ... on Organization { jointDeliberationSeats { totalCount nodes { deliberation { title } } } } }
      }`,
      { o: org.qingshui },
    );
    expect(listed.jointDeliberations.nodes).toContainEqual({
      id: d.id,
      tasks: [{ status: 'DONE' }, { status: 'DONE' }],
      units: [
        { organization: { name: '西固城街道大工委' } },
        { organization: { name: '清水桥社区' } },
        { organization: { name: '西固城街道党工委' } },
      ],
    });
    expect(listed.node.jointDeliberationSeats.nodes).toContainEqual({
      deliberation: { title: '清水桥社区背街小巷路灯增设' },
    });
    const forbidden = await worker.data<any>(START, { input: { id: d.id } });
    expect(forbidden.startJointDeliberationDiscussion.userErrors[0].code).toBe('FORBIDDEN');
  });

  it('records joint activities and counts them per kind and per unit', async () => {
    const street = await platform.as('STREET_ADMIN', XIGUCHENG);
    const patrol = await street.data<any>(RECORD, {
      input: {
        kind: 'PUBLIC_SECURITY',
        title: '夜间治安联防巡逻',
        heldOn: day(-3),
        place: '福利路沿线',
        unitIds: [org.heshui, org.joint],
        participants: 45,
        results: '劝离占道经营 30 处。',
      },
    });
    expect(patrol.recordJointActivity.userErrors).toEqual([]);
    expect(patrol.recordJointActivity.activity).toMatchObject({
      kind: 'PUBLIC_SECURITY',
      heldOn: day(-3),
      participants: 45,
      units: [{ organization: { id: org.heshui } }, { organization: { id: org.joint } }],
    });
    await street.data<any>(RECORD, {
      input: {
        kind: 'CULTURE_AND_SPORTS',
        title: '趣味运动会',
        heldOn: day(-1),
        unitIds: [org.heshui],
        participants: 260,
      },
    });
    const future = await street.data<any>(RECORD, {
      input: {
        kind: 'PUBLIC_WELFARE',
        title: '义卖',
        heldOn: day(2),
        unitIds: [org.heshui],
        participants: 1,
      },
    });
    expect(future.recordJointActivity.userErrors[0]).toMatchObject({
      field: ['input', 'heldOn'],
      code: 'INVALID',
    });

    // A cancelled deliberation counts for its kind, not for its units.
    const withdrawn = await street.data<any>(CREATE, {
      input: { kind: 'IMPORTANT', title: '驻区单位停车场错时开放', unitIds: [org.heshui] },
    });
    await street.data<any>(CANCEL, {
      input: { id: withdrawn.createJointDeliberation.deliberation.id, reason: '条件不成熟' },
    });

    const stats = await street.data<any>(
      `query ($from: LocalDate!) { fourCommonsStats(from: $from) {
        deliberations { kind total closed cancelled }
        activities { kind total participants }
        units { organizationId name kind deliberations activities tasksOpen tasksDone }
      } jointActivities(kind: [PUBLIC_SECURITY]) { totalCount } }`,
      { from: day(-7) },
    );
    const s = stats.fourCommonsStats;
    expect(s.activities).toHaveLength(5);
    expect(s.activities).toContainEqual({ kind: 'PUBLIC_SECURITY', total: 1, participants: 45 });
    expect(s.activities).toContainEqual({
      kind: 'CULTURE_AND_SPORTS',
      total: 1,
      participants: 260,
    });
    expect(s.activities).toContainEqual({ kind: 'PUBLIC_WELFARE', total: 0, participants: 0 });
    expect(s.deliberations).toHaveLength(4);
    expect(s.units).toContainEqual({
      organizationId: org.heshui,
      name: '合水中路社区',
      kind: 'COMMUNITY',
      deliberations: 0,
      activities: 2,
      tasksOpen: 0,
      tasksDone: 0,
    });
    expect(s.units.find((u: any) => u.organizationId === org.joint)).toMatchObject({
      activities: 1,
    });
    const cancelled = s.deliberations.find((d: any) => d.kind === 'IMPORTANT');
    expect(cancelled).toMatchObject({ total: 1, cancelled: 1 });
    expect(stats.jointActivities.totalCount).toBe(1);

    // Outside the period, nothing.
    const old = await street.data<any>(
      `{ fourCommonsStats(to: "2020-01-01") { activities { total } units { organizationId } } }`,
    );
    expect(old.fourCommonsStats.activities.every((a: any) => a.total === 0)).toBe(true);
    expect(old.fourCommonsStats.units).toEqual([]);

    const resident = await platform.as('RESIDENT', XIGUCHENG);
    const hidden = await resident.request<any>(
      `{ jointActivities { totalCount } fourCommonsStats { units { name } } }`,
    );
    expect(hidden.data?.jointActivities).toEqual({ totalCount: 0 });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers bad input with user errors and writes nothing', async () => {
    const street = await platform.as('STREET_ADMIN', XIGUCHENG);
    const before = [
      await count('deliberation'),
      await count('deliberation_unit'),
      await count('joint_activity'),
    ];
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ title: 'x'.repeat(101), unitIds: [org.joint] }, ['input', 'title'], 'TOO_LONG'],
      [{ title: '  ', unitIds: [org.joint] }, ['input', 'title'], 'REQUIRED'],
      [{ title: '议题', unitIds: [] }, ['input', 'unitIds'], 'REQUIRED'],
      [{ title: '议题', unitIds: [org.joint, 'nope'] }, ['input', 'unitIds', '1'], 'INVALID'],
      [{ title: '议题', unitIds: [org.joint, org.nanjie] }, ['input', 'unitIds', '1'], 'NOT_FOUND'],
      [{ title: '议题', unitIds: [org.joint, org.joint] }, ['input', 'unitIds', '1'], 'INVALID'],
      [{ title: '议题', unitIds: [org.joint], caseId: org.joint }, ['input', 'caseId'], 'INVALID'],
    ];
    for (const [input, field, code] of cases) {
      const res = await street.data<any>(CREATE, { input: { kind: 'MAJOR', ...input } });
      expect(res.createJointDeliberation).toEqual({
        deliberation: null,
        userErrors: [expect.objectContaining({ field, code })],
      });
    }
    const activity = await street.data<any>(RECORD, {
      input: {
        kind: 'PUBLIC_WELFARE',
        title: '义卖',
        heldOn: day(-1),
        unitIds: [org.nanjie],
        participants: 5,
      },
    });
    expect(activity.recordJointActivity.userErrors[0]).toMatchObject({
      field: ['input', 'unitIds', '0'],
      code: 'NOT_FOUND',
    });
    const negative = await street.data<any>(RECORD, {
      input: {
        kind: 'PUBLIC_WELFARE',
        title: '义卖',
        heldOn: day(-1),
        unitIds: [org.joint],
        participants: -1,
      },
    });
    expect(negative.recordJointActivity.userErrors[0].field).toEqual(['input', 'participants']);
    // Residents and grid workers write nothing, whatever they send.
    for (const role of ['RESIDENT', 'GRID_WORKER']) {
      const caller = await platform.as(role, XIGUCHENG);
      const res = await caller.data<any>(CREATE, {
        input: { kind: 'MAJOR', title: '议题', unitIds: [org.nanjie] },
      });
      expect(res.createJointDeliberation.userErrors).toEqual([
        expect.objectContaining({ field: ['input'], code: 'FORBIDDEN' }),
      ]);
    }
    expect([
      await count('deliberation'),
      await count('deliberation_unit'),
      await count('joint_activity'),
    ]).toEqual(before);

    // The configuration is checked when enabled.
    await expect(platform.enable(PLUGIN, NANJIE, { quorum: 0 })).rejects.toThrow(/quorum/);
    await expect(
      platform.enable(PLUGIN, NANJIE, { urgentUnitKinds: ['JOINT_COMMITTEE', 'JOINT_COMMITTEE'] }),
    ).rejects.toThrow(/each kind once/);
  });

  it('answers PLUGIN_DISABLED in a street where it is not enabled', async () => {
    const nanjie = await platform.as('STREET_ADMIN', NANJIE);
    const read = await nanjie.request<any>(
      `query ($o: ID!) { jointDeliberations { totalCount } node(id: $o) { ... on Organization { name jointActivityParts { totalCount } } } }`,
      { o: org.nanjie },
    );
    expect(read.data?.jointDeliberations).toBeNull();
    expect(read.data?.node).toEqual({ name: '南苑路社区', jointActivityParts: null });
    expect(read.errors?.map((e) => e.extensions?.code)).toEqual([
      'PLUGIN_DISABLED',
      'PLUGIN_DISABLED',
    ]);
    const write = await nanjie.request<any>(CREATE, {
      input: { kind: 'MAJOR', title: '议题', unitIds: [org.nanjie] },
    });
    expect(write.data?.createJointDeliberation).toBeNull();
    expect(write.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
    // A platform administrator naming that street is told the same, and nothing is written.
    const named = await admin.request<any>(CREATE, {
      input: {
        streetId: platform.streetId(NANJIE),
        kind: 'MAJOR',
        title: '南街议题',
        unitIds: [org.nanjie],
      },
    });
    expect(named.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
    expect(await count("deliberation WHERE title = '南街议题'")).toBe(0);
  });

  it('opens exactly one 急事共商 when an urgent case is escalated to the street', async () => {
    const street = await platform.as('STREET_ADMIN', XIGUCHENG);
    const grid = await platform.grid(XIGUCHENG);
    const categories = await street.data<any>(
      `{ caseCategories(filter: { major: false }, first: 100) { nodes { id code } } }`,
    );
    const category = categories.caseCategories.nodes.find((c: any) => c.code === '0601').id;
    const report = async (urgency: string, title: string) => {
      const res = await street.data<any>(
        `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id version level } userErrors { message } } }`,
        {
          input: {
            streetId: platform.streetId(XIGUCHENG),
            categoryId: category,
            gridId: grid,
            title,
            urgency,
          },
        },
      );
      expect(res.reportCase.userErrors).toEqual([]);
      return res.reportCase.case as { id: string; version: number; level: string };
    };
    const escalate = async (c: { id: string; version: number }) => {
      const res = await street.data<any>(
        `mutation ($input: CaseActionInput!) { escalateCase(input: $input) { case { id version level } userErrors { message } } }`,
        { input: { id: c.id, version: c.version } },
      );
      expect(res.escalateCase.userErrors).toEqual([]);
      return res.escalateCase.case as { id: string; version: number; level: string };
    };
    const urgent = await report('A', '路面塌陷');
    const normal = await report('B', '乱停乱放');
    expect(urgent.level).toBe('GRID');
    const atCommunity = await escalate(urgent);
    await platform.waitForHooks();
    const deliberationsOf = async (caseId: string) =>
      (
        await street.data<any>(
          `query ($id: ID!) { node(id: $id) { ... on Case { jointDeliberations { id kind status origin title case { id } units { organization { id } } } } } }`,
          { id: caseId },
        )
      ).node.jointDeliberations as any[];
    expect(await deliberationsOf(urgent.id)).toEqual([]); // the community's, not yet the street's

    expect((await escalate(atCommunity)).level).toBe('STREET');
    await escalate(await escalate(normal));
    await platform.waitForHooks();
    const opened = await deliberationsOf(urgent.id);
    expect(opened).toEqual([
      {
        id: expect.any(String),
        kind: 'URGENT',
        status: 'DISCUSSING',
        origin: 'CASE_ESCALATION',
        title: '急事共商：路面塌陷',
        case: { id: urgent.id },
        units: [{ organization: { id: org.joint } }, { organization: { id: org.committee } }],
      },
    ]);
    expect(await deliberationsOf(normal.id)).toEqual([]);

    // Delivered again (at least once): still one.
    await platform.sql(`UPDATE event_consumer SET tx_id = '0', event_id = 0 WHERE name = $1`, [
      `plugin.${PLUGIN}.open-urgent-deliberation`,
    ]);
    await platform.waitForHooks();
    expect(await deliberationsOf(urgent.id)).toHaveLength(1);
    const opens = await platform.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM domain_event WHERE type = 'four_commons_five_joints.deliberation_opened' AND payload->>'origin' = 'CASE_ESCALATION'`,
    );
    expect(opens[0]!.n).toBe(1);

    // Staff cannot open a second one for the case either.
    const twice = await street.data<any>(CREATE, {
      input: { kind: 'URGENT', title: '再议', unitIds: [org.joint], caseId: urgent.id },
    });
    expect(twice.createJointDeliberation.userErrors[0]).toMatchObject({
      field: ['input', 'caseId'],
      code: 'CONFLICT',
    });
  });
});
