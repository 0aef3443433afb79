/**
 * Enabling, configuring and disabling a plugin per street through the API: a configuration its
 * schema refuses comes back as user errors at `input.config.<path>` and changes nothing, only a
 * street's administrators may do it, and where the plugin is off its fields answer
 * PLUGIN_DISABLED and its hooks pass the street's events by. And `lianxin plugin check`'s drift:
 * a migration changed after it ran, one not run, a table whose row-level security was turned off.
 */
import { definePlugin, type PluginSpec } from '@lianxin/sdk';
import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import { z } from 'zod';
import { PluginHost } from '../../src/host/host';
import { createLogger } from '../../src/logger';
import {
  CHENGBEI,
  codes,
  createPerson,
  manifest,
  NANJIE,
  streetRowId,
  streetTable,
} from './helpers';

const config = z
  .object({
    greeting: z.string().min(1).max(20),
    limits: z.object({ perDay: z.number().int().positive() }).strict().default({ perDay: 3 }),
  })
  .strict();

/** Person row ids the hook was handed, with their street. */
const handed: { person: string; street: string | null }[] = [];

const spec = {
  manifest: manifest('toggle-probe'),
  config,
  migrations: [{ name: '001-marks', up: streetTable('mark', 'label text NOT NULL') }],
  graphql: {
    typeDefs: `
      extend type Query {
        """The greeting configured in the caller's street."""
        toggleGreeting: String
      }
      extend type Grid {
        """The grid's greeting."""
        toggleNote: String
      }`,
    resolvers: {
      Query: {
        toggleGreeting: (_, __, ctx) => {
          const c = ctx.config();
          return `${c.greeting} ×${c.limits.perDay}`;
        },
      },
      Grid: { toggleNote: (grid, __, ctx) => `${ctx.config(grid.streetId as string).greeting}` },
    },
  },
  hooks: [
    {
      name: 'notice',
      on: ['person.created'],
      async run(event) {
        handed.push({ person: event.subjectId, street: event.streetId });
      },
    },
  ],
} satisfies PluginSpec<z.infer<typeof config>>;
const plugin = definePlugin(spec);

let platform: TestPlatform;
let nanjie: TestCaller;
let chengbei: TestCaller;
beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  nanjie = await platform.as('STREET_ADMIN', NANJIE);
  chengbei = await platform.as('STREET_ADMIN', CHENGBEI);
});
afterAll(() => platform?.stop());

const ENABLE = `mutation ($input: EnablePluginInput!) { enablePlugin(input: $input) {
  pluginStreet { plugin enabled config version } userErrors { field message code } } }`;
const CONFIGURE = `mutation ($input: ConfigurePluginInput!) { configurePlugin(input: $input) {
  pluginStreet { plugin enabled config version } userErrors { field message code } } }`;

const stored = () =>
  platform.sql<{ street: string; enabled: boolean; config: unknown }>(
    `SELECT street_id::text AS street, enabled, config FROM plugin_street WHERE plugin = 'toggle-probe' ORDER BY street_id`,
  );

describe('enabling and configuring', () => {
  it('refuses a configuration its schema refuses, at input.config.<path>, writing nothing', async () => {
    const res = await nanjie.data<any>(ENABLE, {
      input: {
        plugin: 'toggle-probe',
        streetId: platform.streetId(NANJIE),
        config: { greeting: '', limits: { perDay: -1 }, colour: 'red' },
      },
    });
    expect(res.enablePlugin.pluginStreet).toBeNull();
    const fields = res.enablePlugin.userErrors.map((e: any) => e.field.join('.'));
    expect(fields).toEqual(
      expect.arrayContaining(['input.config.greeting', 'input.config.limits.perDay']),
    );
    expect(res.enablePlugin.userErrors.every((e: any) => e.code === 'INVALID')).toBe(true);
    expect(JSON.stringify(res.enablePlugin.userErrors)).toMatch(/colour/);
    expect(await stored()).toEqual([]);
  });

  it('is for the street’s administrators: others are FORBIDDEN', async () => {
    const input = {
      plugin: 'toggle-probe',
      streetId: platform.streetId(NANJIE),
      config: { greeting: '你好' },
    };
    const worker = await platform.as('GRID_WORKER', NANJIE);
    const resident = await platform.as('RESIDENT', NANJIE);
    for (const caller of [worker, resident, chengbei]) {
      const res = await caller.request<any>(ENABLE, { input });
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?.enablePlugin ?? null).toBeNull();
    }
    expect(await stored()).toEqual([]);
  });

  it('enables with a configuration (defaults applied when read) and configures it again', async () => {
    const res = await nanjie.data<any>(ENABLE, {
      input: {
        plugin: 'toggle-probe',
        streetId: platform.streetId(NANJIE),
        config: { greeting: '你好' },
      },
    });
    expect(res.enablePlugin).toEqual({
      pluginStreet: {
        plugin: 'toggle-probe',
        enabled: true,
        config: { greeting: '你好' },
        version: 1,
      },
      userErrors: [],
    });
    expect((await nanjie.data<any>(`{ toggleGreeting }`)).toggleGreeting).toBe('你好 ×3');

    const bad = await nanjie.data<any>(CONFIGURE, {
      input: {
        plugin: 'toggle-probe',
        streetId: platform.streetId(NANJIE),
        config: { greeting: 'x'.repeat(21) },
      },
    });
    expect(bad.configurePlugin.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'config', 'greeting'], code: 'INVALID' }),
    ]);
    expect((await nanjie.data<any>(`{ toggleGreeting }`)).toggleGreeting).toBe('你好 ×3');

    const good = await nanjie.data<any>(CONFIGURE, {
      input: {
        plugin: 'toggle-probe',
        streetId: platform.streetId(NANJIE),
        config: { greeting: '早上好', limits: { perDay: 5 } },
      },
    });
    expect(good.configurePlugin.userErrors).toEqual([]);
    expect(good.configurePlugin.pluginStreet.version).toBe(2);
    expect((await nanjie.data<any>(`{ toggleGreeting }`)).toggleGreeting).toBe('早上好 ×5');
  });
});

describe('where the plugin is off', () => {
  it('its fields answer PLUGIN_DISABLED, the core fields still come', async () => {
    const res = await chengbei.request<any>(`{ streets { totalCount } toggleGreeting }`);
    expect(res.data).toEqual({ streets: { totalCount: 6 }, toggleGreeting: null });
    expect(codes(res)).toEqual(['PLUGIN_DISABLED']);
    expect(res.errors![0]!.extensions?.plugin).toBe('toggle-probe');

    const grid = await platform.grid(CHENGBEI);
    const onGrid = await chengbei.request<any>(
      `query ($id: ID!) { node(id: $id) { ... on Grid { name toggleNote } } }`,
      { id: grid },
    );
    expect(onGrid.data!.node).toEqual({ name: expect.any(String), toggleNote: null });
    expect(codes(onGrid)).toEqual(['PLUGIN_DISABLED']);

    // The same field on a grid of the street where it is on answers.
    const there = await nanjie.data<any>(
      `query ($id: ID!) { node(id: $id) { ... on Grid { toggleNote } } }`,
      { id: await platform.grid(NANJIE) },
    );
    expect(there.node.toggleNote).toBe('早上好');
  });

  it("its hooks pass the street's events by, also while it is disabled where it was on", async () => {
    await platform.waitForHooks();
    handed.length = 0;
    const A = streetRowId(platform, NANJIE);
    const inA = await createPerson(platform, NANJIE, '甲');
    const inB = await createPerson(platform, CHENGBEI, '乙');
    await platform.waitForHooks();
    expect(handed).toEqual([{ person: inA, street: A }]);

    await platform.disable('toggle-probe', NANJIE);
    const whileOff = await createPerson(platform, NANJIE, '丙');
    await platform.waitForHooks();
    expect((await nanjie.request(`{ toggleGreeting }`)).errors?.[0]?.extensions?.code).toBe(
      'PLUGIN_DISABLED',
    );

    await platform.enable('toggle-probe', NANJIE);
    const afterwards = await createPerson(platform, NANJIE, '丁');
    await platform.waitForHooks();
    expect(handed.map((h) => h.person)).toEqual([inA, afterwards]);
    expect(handed.map((h) => h.person)).not.toContain(inB);
    expect(handed.map((h) => h.person)).not.toContain(whileOff);
    // Enabled again, it keeps the configuration it had.
    expect((await nanjie.data<any>(`{ toggleGreeting }`)).toggleGreeting).toBe('早上好 ×5');
  });
});

describe('drift (lianxin plugin check)', () => {
  const logger = createLogger({ LOG_LEVEL: 'silent' });
  const driftOf = async (variant: PluginSpec<any>) =>
    (await PluginHost.load([variant], logger)).drift(platform.databaseUrl);

  it('none when the database is as the code says', async () => {
    expect(await driftOf(plugin)).toEqual([]);
  });

  it('a migration changed after it ran, one not run, one run but gone from the code', async () => {
    const [first] = spec.migrations;
    expect(
      await driftOf({
        ...spec,
        migrations: [{ ...first, up: `${first.up};\nCREATE INDEX mark_label ON mark (label)` }],
      }),
    ).toEqual([
      {
        plugin: 'toggle-probe',
        kind: 'CHANGED',
        what: 'migration 001-marks was changed after it was applied',
      },
    ]);
    expect(
      await driftOf({
        ...spec,
        migrations: [first, { name: '002-more', up: `ALTER TABLE mark ADD COLUMN colour text` }],
      }),
    ).toEqual([
      { plugin: 'toggle-probe', kind: 'PENDING', what: 'migration 002-more is not applied' },
    ]);
    expect(await driftOf({ ...spec, migrations: [] })).toEqual([
      {
        plugin: 'toggle-probe',
        kind: 'UNKNOWN',
        what: 'migration 001-marks is applied but not in the plugin',
      },
    ]);
  });

  it('a table whose row-level security was turned off', async () => {
    await platform.sql(`ALTER TABLE plugin_toggle_probe.mark DISABLE ROW LEVEL SECURITY`);
    try {
      expect(await driftOf(plugin)).toEqual([
        {
          plugin: 'toggle-probe',
          kind: 'UNSECURED',
          what: 'table mark: row-level security is off',
        },
      ]);
      await platform.sql(`DROP POLICY tenant_isolation ON plugin_toggle_probe.mark`);
      await platform.sql(`ALTER TABLE plugin_toggle_probe.mark NO FORCE ROW LEVEL SECURITY`);
      expect(await driftOf(plugin)).toEqual([
        {
          plugin: 'toggle-probe',
          kind: 'UNSECURED',
          what: 'table mark: row-level security is off, row-level security is not forced, the street policy is missing',
        },
      ]);
    } finally {
      await platform.sql(`ALTER TABLE plugin_toggle_probe.mark ENABLE ROW LEVEL SECURITY`);
    }
  });
});
