/**
 * Plugin guards run inside case transitions, in the streets where their plugin is enabled: a
 * refusal answers ILLEGAL_TRANSITION with the plugin's reason, a guard that hangs is cut off at
 * its limit and the transition answers UNAVAILABLE naming the plugin; either way the case is
 * unchanged (and nothing the guard wrote is kept), and a later transition works once the guard
 * is fixed or its plugin disabled.
 */
import { definePlugin } from '@lianxin/sdk';
import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import { CHENGBEI, codes, manifest, NANJIE, streetTable } from './helpers';

/** What the guard does next. */
const probe = {
  mode: 'allow' as 'allow' | 'refuse' | 'throw' | 'hang',
  /** Transitions it was asked about: `action from→to`. */
  asked: [] as string[],
};

const GUARD_MS = 1000;

const plugin = definePlugin({
  manifest: manifest('guard-probe', { capabilities: ['cases:guard'] }),
  migrations: [{ name: '001-checks', up: streetTable('checked', 'case_id bigint NOT NULL') }],
  guards: [
    {
      name: 'hold-acceptance',
      actions: ['ACCEPT'],
      timeoutMs: GUARD_MS,
      async run(transition, ctx) {
        probe.asked.push(`${transition.action} ${transition.from}→${transition.to}`);
        // Written alongside the transition: kept only if the transition commits.
        await ctx.db.query(`INSERT INTO checked (street_id, case_id) VALUES ($1, $2)`, [
          transition.streetId,
          transition.caseId,
        ]);
        if (probe.mode === 'refuse') return { refuse: '待网格员现场核实后再受理' };
        if (probe.mode === 'throw') throw new Error('guard-probe lost its rules');
        if (probe.mode === 'hang') await new Promise(() => {});
      },
    },
  ],
});

let platform: TestPlatform;
let nanjie: TestCaller;
let chengbei: TestCaller;
let category: string;

beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  await platform.enable('guard-probe', NANJIE);
  nanjie = await platform.as('STREET_ADMIN', NANJIE);
  chengbei = await platform.as('STREET_ADMIN', CHENGBEI);
  const [c] = await platform.sql<{ id: string }>(
    `SELECT id::text AS id FROM case_category WHERE street_id IS NULL AND code = '0601'`,
  );
  category = Buffer.from(`CaseCategory:${c!.id}`).toString('base64url');
});
afterAll(() => platform?.stop());
beforeEach(() => {
  probe.mode = 'allow';
  probe.asked = [];
});

interface CaseView {
  id: string;
  status: string;
  version: number;
}

async function report(caller: TestCaller, street: string): Promise<CaseView> {
  const data = await caller.data<any>(
    `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id status version } userErrors { field message code } } }`,
    {
      input: {
        streetId: platform.streetId(street),
        categoryId: category,
        gridId: await platform.grid(street),
        title: '车辆乱停乱放 占用消防通道',
        urgency: 'B',
      },
    },
  );
  expect(data.reportCase.userErrors).toEqual([]);
  return data.reportCase.case;
}

const ACCEPT = `mutation ($input: AcceptCaseInput!) { acceptCase(input: $input) { case { id status version } userErrors { field message code } } }`;
const accept = (caller: TestCaller, c: CaseView) =>
  caller.request<any>(ACCEPT, { input: { id: c.id, version: c.version } });

async function current(caller: TestCaller, id: string): Promise<CaseView> {
  const data = await caller.data<any>(
    `query ($id: ID!) { node(id: $id) { ... on Case { id status version } } }`,
    { id },
  );
  return data.node;
}

const checkedRows = async (c: CaseView) =>
  (
    await platform.sql(`SELECT 1 FROM plugin_guard_probe.checked WHERE case_id = $1`, [
      Buffer.from(c.id, 'base64url').toString('utf8').split(':')[1],
    ])
  ).length;

describe('a guard', () => {
  it('lets a transition through when it agrees, and writes alongside it', async () => {
    const c = await report(nanjie, NANJIE);
    const res = await accept(nanjie, c);
    expect(res.errors).toBeUndefined();
    expect(res.data.acceptCase).toEqual({
      case: { id: c.id, status: 'ACCEPTED', version: c.version + 1 },
      userErrors: [],
    });
    expect(probe.asked).toEqual(['ACCEPT REPORTED→ACCEPTED']);
    expect(await checkedRows(c)).toBe(1);
  });

  it("refuses a transition: ILLEGAL_TRANSITION with the plugin's reason, the case unchanged", async () => {
    const c = await report(nanjie, NANJIE);
    probe.mode = 'refuse';
    const res = await accept(nanjie, c);
    expect(res.errors).toBeUndefined();
    expect(res.data.acceptCase.case).toBeNull();
    expect(res.data.acceptCase.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'ILLEGAL_TRANSITION',
        message: '测试插件 / Test plugin guard-probe: 待网格员现场核实后再受理',
      },
    ]);
    expect(await current(nanjie, c.id)).toEqual(c);
    expect(await checkedRows(c)).toBe(0);
  });

  it('runs only where its plugin is enabled', async () => {
    probe.mode = 'refuse';
    const c = await report(chengbei, CHENGBEI);
    const res = await accept(chengbei, c);
    expect(res.data.acceptCase.userErrors).toEqual([]);
    expect(res.data.acceptCase.case.status).toBe('ACCEPTED');
    expect(probe.asked).toEqual([]);
  });

  it('that throws stops the transition: UNAVAILABLE naming the plugin, the case unchanged', async () => {
    const c = await report(nanjie, NANJIE);
    probe.mode = 'throw';
    const res = await accept(nanjie, c);
    expect(codes(res)).toEqual(['UNAVAILABLE']);
    expect(res.errors![0]!.message).toBe(
      'The plugin "guard-probe" could not check this ACCEPT (its guard hold-acceptance failed); the case was not changed. Try again later.',
    );
    expect(await current(nanjie, c.id)).toEqual(c);
    expect(platform.logs).toContainEqual(
      expect.objectContaining({ msg: 'a plugin guard failed', plugin: 'guard-probe' }),
    );
  });

  it('that hangs is cut off at its limit: UNAVAILABLE naming the plugin, the case unchanged; fixed, the transition goes through', async () => {
    const c = await report(nanjie, NANJIE);
    probe.mode = 'hang';
    const t0 = Date.now();
    const res = await accept(nanjie, c);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(GUARD_MS - 20);
    expect(took).toBeLessThan(GUARD_MS + 4000);
    expect(res.data?.acceptCase ?? null).toBeNull();
    expect(codes(res)).toEqual(['UNAVAILABLE']);
    expect(res.errors![0]!.message).toContain(
      `The plugin "guard-probe" did not finish guard hold-acceptance within its limit of ${GUARD_MS} ms`,
    );
    expect(res.errors![0]!.extensions?.plugin).toBe('guard-probe');
    expect(await current(nanjie, c.id)).toEqual(c);
    expect(await checkedRows(c)).toBe(0);

    probe.mode = 'allow';
    const again = await accept(nanjie, c);
    expect(again.data.acceptCase.case).toMatchObject({ status: 'ACCEPTED' });
  });

  it('that hangs no longer runs once its plugin is disabled in the street', async () => {
    const c = await report(nanjie, NANJIE);
    probe.mode = 'hang';
    await platform.disable('guard-probe', NANJIE);
    try {
      const res = await accept(nanjie, c);
      expect(res.errors).toBeUndefined();
      expect(res.data.acceptCase.case).toMatchObject({ status: 'ACCEPTED' });
      expect(probe.asked).toEqual([]);
    } finally {
      await platform.enable('guard-probe', NANJIE);
    }
  });
});
