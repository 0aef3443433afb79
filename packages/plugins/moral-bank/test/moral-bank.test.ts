import type { PluginSpec } from '@lianxin/sdk';
import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import microWish from '@lianxin/plugin-micro-wish';
import plugin from '../src';

const NANJIE = '621002001';
const CHENGBEI = '360502001';
const CONFIG = {
  pointsPerServiceHour: 10,
  pointsPerGoodDeed: 5,
  maxPointsPerGoodDeed: 30,
  pointsPerFulfilledWish: 8,
};

/**
 * The plugin as shipped, plus one test-only mutation that tries to change or delete a ledger
 * entry as the plugin's own role: the append-only grant must refuse it.
 */
const withTamper: PluginSpec<any> = {
  ...plugin,
  graphql: {
    ...plugin.graphql!,
    typeDefs: `${plugin.graphql!.typeDefs}
extend type Mutation {
  """Test only: tries to change (UPDATE) or remove (DELETE) a ledger entry."""
  tamperMoralEntry(
    """The entry."""
    id: ID!
    """UPDATE or DELETE."""
    how: String!
  ): Boolean
}`,
    resolvers: {
      ...plugin.graphql!.resolvers,
      Mutation: {
        ...plugin.graphql!.resolvers!.Mutation,
        tamperMoralEntry: async (_parent, args, ctx) => {
          const id = ctx.ids.rowId(String(args.id), 'MoralEntry', 'id');
          await ctx.db.query(
            args.how === 'DELETE'
              ? `DELETE FROM entry WHERE id = $1`
              : `UPDATE entry SET points = 1000, balance_after = 1000 WHERE id = $1`,
            [id],
          );
          return true;
        },
      },
    },
  },
};

const ERR = 'userErrors { field message code }';
const ENTRY =
  'entry { id kind points balanceAfter category note occurredOn reward { id name } reverses { id } }';
const M = {
  deed: `mutation ($input: RecordGoodDeedInput!) { recordGoodDeed(input: $input) { ${ENTRY} passbook { id balance } ${ERR} } }`,
  redeem: `mutation ($input: RedeemMoralRewardInput!) { redeemMoralReward(input: $input) { ${ENTRY} passbook { id balance } ${ERR} } }`,
  reverse: `mutation ($input: ReverseMoralEntryInput!) { reverseMoralEntry(input: $input) { ${ENTRY} passbook { id balance } ${ERR} } }`,
  createReward: `mutation ($input: CreateMoralRewardInput!) { createMoralReward(input: $input) { reward { id name cost stock redeemedCount active } ${ERR} } }`,
  updateReward: `mutation ($input: UpdateMoralRewardInput!) { updateMoralReward(input: $input) { reward { id name cost stock redeemedCount active } ${ERR} } }`,
  open: `mutation ($input: OpenMoralPassbookInput!) { openMoralPassbook(input: $input) { passbook { id balance person { id } } ${ERR} } }`,
};
const MINE = `{ myMoralPassbook { id balance person { id } entries { totalCount nodes { id kind points balanceAfter note occurredOn serviceRecord { id hours } } } } }`;

let platform: TestPlatform;
let staff: TestCaller;

beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [withTamper, microWish] });
  await platform.enable('moral-bank', NANJIE, CONFIG);
  await platform.enable('micro-wish', NANJIE, { maxOpenPerPerson: 5 });
  staff = await platform.as('STREET_ADMIN', NANJIE);
});
afterAll(() => platform?.stop());

const rowOf = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

async function balanceOf(personGlobalId: string): Promise<number | null> {
  const [row] = await platform.sql<{ balance: number }>(
    `SELECT balance FROM plugin_moral_bank.passbook WHERE id = $1`,
    [rowOf(personGlobalId)],
  );
  return row ? row.balance : null;
}

async function deed(personId: string, points: number, note = '帮助独居老人买菜送药') {
  const res = await staff.data<any>(M.deed, {
    input: { personId, category: 'HELPING_OTHERS', note, points },
  });
  expect(res.recordGoodDeed.userErrors).toEqual([]);
  return res.recordGoodDeed.entry;
}

async function reward(name: string, cost: number, stock: number): Promise<string> {
  const res = await staff.data<any>(M.createReward, { input: { name, cost, stock } });
  expect(res.createMoralReward.userErrors).toEqual([]);
  return res.createMoralReward.reward.id;
}

/** Sends an event stream consumer back to the start, as if its position had not been saved. */
const replay = (hook: string) =>
  platform.sql(`UPDATE event_consumer SET tx_id = '0', event_id = 0 WHERE name = $1`, [
    `plugin.moral-bank.${hook}`,
  ]);

const count = async (sql: string, params: unknown[] = []) =>
  (await platform.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

describe('moral-bank', () => {
  it('earns points for confirmed volunteer service through the hook, once per record, and the difference for a confirmed correction', async () => {
    const volunteer = await platform.as('VOLUNTEER', NANJIE);
    const admin = platform.admin;
    const streetId = platform.streetId(NANJIE);
    const org = await admin.data<any>(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } ${ERR} } }`,
      { input: { streetId, kind: 'SOCIAL_ORGANIZATION', name: '南街社工服务中心' } },
    );
    const registered = await admin.data<any>(
      `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } ${ERR} } }`,
      { input: { personId: volunteer.personGlobalId } },
    );
    const confirmer = await admin.data<any>(
      `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id } ${ERR} } }`,
      { input: { streetId, name: '社区书记' } },
    );
    const recorded = await admin.data<any>(
      `mutation ($input: RecordServiceInput!) { recordService(input: $input) { record { id } ${ERR} } }`,
      {
        input: {
          volunteerId: registered.registerVolunteer.volunteer.id,
          organizationId: org.createOrganization.organization.id,
          servedOn: '2024-05-01',
          hours: 2.5,
          description: '为独居老人理发',
        },
      },
    );
    const recordId = recorded.recordService.record.id;
    await platform.waitForHooks();
    expect(await balanceOf(volunteer.personGlobalId!)).toBeNull(); // recorded, not confirmed

    const confirm = (id: string) =>
      admin.data<any>(
        `mutation ($input: ConfirmServiceRecordInput!) { confirmServiceRecord(input: $input) { record { id } ${ERR} } }`,
        { input: { recordId: id, confirmedById: confirmer.createPerson.person.id } },
      );
    expect((await confirm(recordId)).confirmServiceRecord.userErrors).toEqual([]);
    await platform.waitForHooks();
    const mine = (await volunteer.data<any>(MINE)).myMoralPassbook;
    expect(mine).toMatchObject({
      balance: 25,
      person: { id: volunteer.personGlobalId },
      entries: {
        totalCount: 1,
        nodes: [
          {
            kind: 'SERVICE',
            points: 25,
            balanceAfter: 25,
            note: '志愿服务 2.5 小时',
            occurredOn: '2024-05-01',
            serviceRecord: { id: recordId, hours: 2.5 },
          },
        ],
      },
    });

    // At least once: the hook sees every event again; nothing more is awarded.
    await replay('award-service');
    await platform.waitForHooks();
    expect(await balanceOf(volunteer.personGlobalId!)).toBe(25);
    expect(
      await count(`plugin_moral_bank.entry WHERE person_id = $1`, [
        rowOf(volunteer.personGlobalId!),
      ]),
    ).toBe(1);
    expect(
      await count(
        `domain_event WHERE type = 'moral_bank.points_earned' AND payload->>'personId' = $1`,
        [rowOf(volunteer.personGlobalId!)],
      ),
    ).toBe(1);

    // A correction to 4 hours, once confirmed, earns the 15 points more it is worth.
    const corrected = await admin.data<any>(
      `mutation ($input: CorrectServiceRecordInput!) { correctServiceRecord(input: $input) { record { id } ${ERR} } }`,
      { input: { recordId, hours: 4 } },
    );
    await confirm(corrected.correctServiceRecord.record.id);
    await platform.waitForHooks();
    const after = (await volunteer.data<any>(MINE)).myMoralPassbook;
    expect(after.balance).toBe(40);
    expect(after.entries.nodes[0]).toMatchObject({ kind: 'SERVICE', points: 15, balanceAfter: 40 });
  });

  it('a fulfilled micro-wish earns its claimant points, once per wish', async () => {
    const grid = await platform.grid(NANJIE);
    const resident = await platform.as('RESIDENT', NANJIE, { homeGridId: grid });
    const member = await platform.as('VOLUNTEER', NANJIE, { partyMember: true, homeGridId: grid });
    const posted = await resident.data<any>(
      `mutation ($input: PostWishInput!) { postWish(input: $input) { wish { id } ${ERR} } }`,
      { input: { gridId: grid, title: '更换楼道灯泡' } },
    );
    const wish = posted.postWish.wish.id;
    await member.data(
      `mutation ($input: ClaimWishInput!) { claimWish(input: $input) { ${ERR} } }`,
      {
        input: { id: wish },
      },
    );
    await platform.waitForHooks();
    expect(await balanceOf(member.personGlobalId!)).toBeNull();
    await member.data(
      `mutation ($input: FulfilWishInput!) { fulfilWish(input: $input) { ${ERR} } }`,
      {
        input: { id: wish, note: '已换好' },
      },
    );
    await platform.waitForHooks();
    await replay('award-wish');
    await platform.waitForHooks();
    const mine = (await member.data<any>(MINE)).myMoralPassbook;
    expect(mine.balance).toBe(8);
    expect(mine.entries.nodes).toEqual([
      expect.objectContaining({ kind: 'WISH', points: 8, note: '完成居民微心愿' }),
    ]);
  });

  it('records good deeds by staff, with the street’s default points, on the person’s passbook', async () => {
    const resident = await platform.as('RESIDENT', NANJIE);
    // Staff may open a passbook before its first points; opening it again answers the same one.
    for (let i = 0; i < 2; i++) {
      const opened = await staff.data<any>(M.open, {
        input: { personId: resident.personGlobalId },
      });
      expect(opened.openMoralPassbook).toEqual({
        passbook: { id: expect.any(String), balance: 0, person: { id: resident.personGlobalId } },
        userErrors: [],
      });
    }
    const first = await staff.data<any>(M.deed, {
      input: { personId: resident.personGlobalId, category: 'HONESTY', note: '拾到钱包交还失主' },
    });
    expect(first.recordGoodDeed).toMatchObject({
      entry: { kind: 'GOOD_DEED', points: 5, balanceAfter: 5, category: 'HONESTY' },
      passbook: { id: expect.any(String), balance: 5 },
      userErrors: [],
    });
    await deed(resident.personGlobalId!, 30);
    const read = await staff.data<any>(
      `query ($id: ID!) { node(id: $id) { ... on Person { moralPassbook { balance entries { totalCount nodes { points category } } } } } }`,
      { id: resident.personGlobalId },
    );
    expect(read.node.moralPassbook).toEqual({
      balance: 35,
      entries: {
        totalCount: 2,
        nodes: [
          { points: 30, category: 'HELPING_OTHERS' },
          { points: 5, category: 'HONESTY' },
        ],
      },
    });
    const events = await platform.sql<{ type: string }>(
      `SELECT type FROM domain_event WHERE type LIKE 'moral_bank.%' AND payload->>'personId' = $1 ORDER BY id`,
      [rowOf(resident.personGlobalId!)],
    );
    expect(events.map((e) => e.type)).toEqual([
      'moral_bank.passbook_opened',
      'moral_bank.points_earned',
      'moral_bank.points_earned',
    ]);

    const refused = await resident.data<any>(M.deed, {
      input: { personId: resident.personGlobalId, category: 'HONESTY', note: '自己给自己记' },
    });
    expect(refused.recordGoodDeed).toEqual({
      entry: null,
      passbook: null,
      userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })],
    });
    expect(await balanceOf(resident.personGlobalId!)).toBe(35);
  });

  it('residents and volunteers read their own passbook and entries, no one else’s; staff read the street’s', async () => {
    const a = await platform.as('RESIDENT', NANJIE);
    const b = await platform.as('RESIDENT', NANJIE);
    const aEntry = await deed(a.personGlobalId!, 10);
    const bEntry = await deed(b.personGlobalId!, 20);
    const passbookOf = async (caller: TestCaller) => (await caller.data<any>(MINE)).myMoralPassbook;
    const aBook = await passbookOf(a);
    const bBook = await passbookOf(b);
    expect(aBook.balance).toBe(10);
    expect(bBook.balance).toBe(20);

    const seen = await a.data<any>(
      `query ($b: ID!, $e: ID!, $me: ID!) {
        other: node(id: $b) { id } otherEntry: node(id: $e) { id }
        me: node(id: $me) { ... on Person { moralPassbook { balance } } }
        moralPassbooks { totalCount nodes { id } }
        moralEntries { nodes { id } } }`,
      { b: bBook.id, e: bEntry.id, me: a.personGlobalId },
    );
    expect(seen).toEqual({
      other: null,
      otherEntry: null,
      me: { moralPassbook: { balance: 10 } },
      moralPassbooks: { totalCount: 1, nodes: [{ id: aBook.id }] },
      moralEntries: { nodes: [{ id: aEntry.id }] },
    });

    const all = await staff.data<any>(
      `{ moralPassbooks(first: 100) { totalCount nodes { id balance person { id } entries(first: 1) { nodes { kind } } } } }`,
    );
    const ids = all.moralPassbooks.nodes.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining([aBook.id, bBook.id]));
    const balances = all.moralPassbooks.nodes.map((p: { balance: number }) => p.balance);
    expect(balances).toEqual([...balances].sort((x, y) => y - x)); // largest first
    expect(all.moralPassbooks.nodes.find((p: any) => p.id === bBook.id)).toEqual({
      id: bBook.id,
      balance: 20,
      person: { id: b.personGlobalId },
      entries: { nodes: [{ kind: 'GOOD_DEED' }] },
    });
  });

  it('redeems a reward: points and stock move together; too few points, no stock and withdrawn rewards are refused', async () => {
    const resident = await platform.as('RESIDENT', NANJIE);
    const other = await platform.as('RESIDENT', NANJIE);
    await deed(resident.personGlobalId!, 15);
    const towel = await reward('毛巾两条', 10, 1);

    const done = await resident.data<any>(M.redeem, { input: { rewardId: towel } });
    expect(done.redeemMoralReward).toMatchObject({
      entry: {
        kind: 'REDEMPTION',
        points: -10,
        balanceAfter: 5,
        reward: { id: towel, name: '毛巾两条' },
      },
      passbook: { balance: 5 },
      userErrors: [],
    });
    const rewards = await resident.data<any>(
      `{ moralRewards { nodes { id stock redeemedCount redemptions { totalCount } } } }`,
    );
    expect(rewards.moralRewards.nodes.find((r: any) => r.id === towel)).toEqual({
      id: towel,
      stock: 0,
      redeemedCount: 1,
      redemptions: { totalCount: 1 },
    });

    const problems = async (caller: TestCaller, input: Record<string, unknown>) =>
      (await caller.data<any>(M.redeem, { input })).redeemMoralReward.userErrors.map(
        (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
      );
    expect(await problems(resident, { rewardId: towel })).toEqual([
      'CONFLICT: “毛巾两条” is out of stock.',
    ]);
    await staff.data(M.updateReward, { input: { id: towel, stock: 5 } });
    expect(await problems(resident, { rewardId: towel })).toEqual([
      'CONFLICT: “毛巾两条” costs 10 points; the passbook holds 5.',
    ]);
    expect(await problems(other, { rewardId: towel })).toEqual([
      'CONFLICT: “毛巾两条” costs 10 points; the passbook holds 0.',
    ]);
    expect(await problems(resident, { rewardId: towel, personId: other.personGlobalId })).toEqual([
      'FORBIDDEN: Only staff act for someone else.',
    ]);
    await deed(resident.personGlobalId!, 10);
    await staff.data(M.updateReward, { input: { id: towel, active: false } });
    expect(await problems(resident, { rewardId: towel })).toEqual([
      'CONFLICT: “毛巾两条” is no longer offered.',
    ]);
    await staff.data(M.updateReward, { input: { id: towel, active: true } });

    // Staff redeem for a person, who is charged.
    const forHim = await staff.data<any>(M.redeem, {
      input: { rewardId: towel, personId: resident.personGlobalId },
    });
    expect(forHim.redeemMoralReward.passbook.balance).toBe(5);
    expect(await balanceOf(resident.personGlobalId!)).toBe(5);
  });

  it('reverses an entry with a new one of the opposite points, once; a reversed redemption returns its reward', async () => {
    const resident = await platform.as('RESIDENT', NANJIE);
    const earned = await deed(resident.personGlobalId!, 20);
    const soap = await reward('洗衣液一桶', 15, 3);
    const redeemed = (await resident.data<any>(M.redeem, { input: { rewardId: soap } }))
      .redeemMoralReward.entry;

    const gridWorker = await platform.as('GRID_WORKER', NANJIE);
    const denied = await gridWorker.data<any>(M.reverse, {
      input: { entryId: redeemed.id, reason: '误操作' },
    });
    expect(denied.reverseMoralEntry.userErrors[0].code).toBe('FORBIDDEN');

    // Reversing the deed would take 20 of the 5 held.
    const tooMuch = await staff.data<any>(M.reverse, {
      input: { entryId: earned.id, reason: '重复登记' },
    });
    expect(tooMuch.reverseMoralEntry.userErrors).toEqual([
      {
        field: ['input', 'entryId'],
        code: 'CONFLICT',
        message: 'Reversing this entry takes 20 points; the passbook holds 5.',
      },
    ]);

    const reversed = await staff.data<any>(M.reverse, {
      input: { entryId: redeemed.id, reason: '居民未领取，退回积分' },
    });
    expect(reversed.reverseMoralEntry).toMatchObject({
      entry: {
        kind: 'REVERSAL',
        points: 15,
        balanceAfter: 20,
        note: '居民未领取，退回积分',
        reverses: { id: redeemed.id },
      },
      passbook: { balance: 20 },
      userErrors: [],
    });
    const stock = await staff.data<any>(
      `query ($id: ID!, $e: ID!) { r: node(id: $id) { ... on MoralReward { stock redeemedCount } } e: node(id: $e) { ... on MoralEntry { reversals { id } } } }`,
      { id: soap, e: redeemed.id },
    );
    expect(stock).toEqual({
      r: { stock: 3, redeemedCount: 0 },
      e: { reversals: [{ id: reversed.reverseMoralEntry.entry.id }] },
    });

    const again = await staff.data<any>(M.reverse, {
      input: { entryId: redeemed.id, reason: '再来一次' },
    });
    expect(again.reverseMoralEntry.userErrors[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'This entry was already reversed.',
    });
    const ofReversal = await staff.data<any>(M.reverse, {
      input: { entryId: reversed.reverseMoralEntry.entry.id, reason: '撤销冲正' },
    });
    expect(ofReversal.reverseMoralEntry.userErrors[0]).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringMatching(/^A reversal is not reversed/),
    });
    expect(await balanceOf(resident.personGlobalId!)).toBe(20);
  });

  it('never overdraws under concurrent redemptions: 10 at once with points for 3', async () => {
    const resident = await platform.as('RESIDENT', NANJIE);
    await deed(resident.personGlobalId!, 30);
    const rice = await reward('大米 5 斤', 10, 100);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => resident.data<any>(M.redeem, { input: { rewardId: rice } })),
    );
    const ok = results.filter((r) => r.redeemMoralReward.entry);
    const refused = results.flatMap((r) =>
      r.redeemMoralReward.userErrors.map((e: any) => `${e.code}: ${e.message}`),
    );
    expect(ok).toHaveLength(3);
    expect(refused).toEqual(
      Array(7).fill('CONFLICT: “大米 5 斤” costs 10 points; the passbook holds 0.'),
    );
    expect(await balanceOf(resident.personGlobalId!)).toBe(0);
    const [row] = await platform.sql<{ stock: number; redeemed: number }>(
      `SELECT stock, redeemed FROM plugin_moral_bank.reward WHERE id = $1`,
      [rowOf(rice)],
    );
    expect(row).toEqual({ stock: 97, redeemed: 3 });
    expect(ok.map((r) => r.redeemMoralReward.entry.balanceAfter).sort()).toEqual([0, 10, 20]);
  });

  it('never sells more than the stock under concurrent redemptions by different people', async () => {
    const oil = await reward('食用油一桶', 10, 2);
    const people: TestCaller[] = [];
    // One at a time: the testkit's \`as\` numbers its users in a way concurrent calls collide on.
    for (let i = 0; i < 5; i++) people.push(await platform.as('RESIDENT', NANJIE));
    for (const p of people) await deed(p.personGlobalId!, 10);
    const results = await Promise.all(
      people.map((p) => p.data<any>(M.redeem, { input: { rewardId: oil } })),
    );
    const codes = results.map((r) => r.redeemMoralReward.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK', 'OK']);
    const messages = results.flatMap((r) =>
      r.redeemMoralReward.userErrors.map((e: any) => e.message),
    );
    expect(new Set(messages)).toEqual(new Set(['“食用油一桶” is out of stock.']));
    const [row] = await platform.sql<{ stock: number }>(
      `SELECT stock FROM plugin_moral_bank.reward WHERE id = $1`,
      [rowOf(oil)],
    );
    expect(row!.stock).toBe(0);
  });

  it('keeps the ledger append-only: the plugin’s role may only read and insert entries', async () => {
    const role = 'lianxin_plugin_moral_bank';
    const [grants] = await platform.sql<Record<string, boolean>>(
      `SELECT has_table_privilege($1, 'plugin_moral_bank.entry', 'SELECT') AS "select",
              has_table_privilege($1, 'plugin_moral_bank.entry', 'INSERT') AS "insert",
              has_table_privilege($1, 'plugin_moral_bank.entry', 'UPDATE') AS "update",
              has_table_privilege($1, 'plugin_moral_bank.entry', 'DELETE') AS "delete",
              has_table_privilege($1, 'plugin_moral_bank.entry', 'TRUNCATE') AS "truncate",
              has_table_privilege($1, 'plugin_moral_bank.passbook', 'UPDATE') AS "passbookUpdate"`,
      [role],
    );
    expect(grants).toEqual({
      select: true,
      insert: true,
      update: false,
      delete: false,
      truncate: false,
      passbookUpdate: true,
    });

    const resident = await platform.as('RESIDENT', NANJIE);
    const entry = await deed(resident.personGlobalId!, 10);
    for (const how of ['UPDATE', 'DELETE']) {
      const res = await staff.request<any>(
        `mutation ($id: ID!, $how: String!) { tamperMoralEntry(id: $id, how: $how) }`,
        { id: entry.id, how },
      );
      expect(res.data?.tamperMoralEntry).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    }
    const [row] = await platform.sql<{ points: number }>(
      `SELECT points FROM plugin_moral_bank.entry WHERE id = $1`,
      [rowOf(entry.id)],
    );
    expect(row).toEqual({ points: 10 });
  });

  it('answers bad input with user errors naming the field, and writes nothing', async () => {
    const resident = await platform.as('RESIDENT', NANJIE);
    await reward('理发券', 20, 40);
    const before = await Promise.all([
      count('plugin_moral_bank.entry'),
      count('plugin_moral_bank.passbook'),
      count('plugin_moral_bank.reward'),
      count(`domain_event WHERE type LIKE 'moral_bank.%'`),
    ]);
    const deedInput = { personId: resident.personGlobalId, category: 'HONESTY', note: '拾金不昧' };
    const cases: [string, Record<string, unknown>, string, string[], string][] = [
      [M.deed, { ...deedInput, points: 31 }, 'recordGoodDeed', ['input', 'points'], 'INVALID'],
      [M.deed, { ...deedInput, points: 0 }, 'recordGoodDeed', ['input', 'points'], 'INVALID'],
      [
        M.deed,
        { ...deedInput, note: 'x'.repeat(501) },
        'recordGoodDeed',
        ['input', 'note'],
        'TOO_LONG',
      ],
      [M.deed, { ...deedInput, note: '  ' }, 'recordGoodDeed', ['input', 'note'], 'REQUIRED'],
      [
        M.deed,
        { ...deedInput, personId: 'nope' },
        'recordGoodDeed',
        ['input', 'personId'],
        'INVALID',
      ],
      [
        M.deed,
        { ...deedInput, occurredOn: '2999-01-01' },
        'recordGoodDeed',
        ['input', 'occurredOn'],
        'INVALID',
      ],
      [
        M.createReward,
        { name: '理发券', cost: 20, stock: 1 },
        'createMoralReward',
        ['input', 'name'],
        'TAKEN',
      ],
      [
        M.createReward,
        { name: '新奖品', cost: 0, stock: 1 },
        'createMoralReward',
        ['input', 'cost'],
        'INVALID',
      ],
      [
        M.createReward,
        { name: '新奖品', cost: 5, stock: -1 },
        'createMoralReward',
        ['input', 'stock'],
        'INVALID',
      ],
      [
        M.redeem,
        { rewardId: resident.personGlobalId, personId: resident.personGlobalId },
        'redeemMoralReward',
        ['input', 'rewardId'],
        'INVALID',
      ],
      [
        M.reverse,
        { entryId: 'nope', reason: '错了' },
        'reverseMoralEntry',
        ['input', 'entryId'],
        'INVALID',
      ],
    ];
    for (const [mutation, input, field, path, code] of cases) {
      const res = await staff.data<any>(mutation, { input });
      expect(res[field].userErrors).toEqual([
        { field: path, code, message: expect.stringMatching(/\S/) },
      ]);
    }
    const after = await Promise.all([
      count('plugin_moral_bank.entry'),
      count('plugin_moral_bank.passbook'),
      count('plugin_moral_bank.reward'),
      count(`domain_event WHERE type LIKE 'moral_bank.%'`),
    ]);
    expect(after).toEqual(before);
    await expect(
      platform.enable('moral-bank', CHENGBEI, { pointsPerGoodDeed: 60, maxPointsPerGoodDeed: 50 }),
    ).rejects.toThrow(/pointsPerGoodDeed/);
  });

  it('answers PLUGIN_DISABLED in a street where it is not enabled, the core part still coming', async () => {
    const admin = await platform.as('STREET_ADMIN', CHENGBEI);
    const resident = await platform.as('RESIDENT', CHENGBEI);
    const rewards = await admin.request<any>(`{ moralRewards { totalCount } }`);
    expect(rewards.data?.moralRewards).toBeNull();
    expect(rewards.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
    const person = await admin.request<any>(
      `query ($id: ID!) { node(id: $id) { ... on Person { name moralPassbook { balance } } } }`,
      { id: resident.personGlobalId },
    );
    expect(person.data?.node?.name).toBeTruthy();
    expect(person.data?.node?.moralPassbook).toBeNull();
    expect(person.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
    const deedThere = await admin.request<any>(M.deed, {
      input: { personId: resident.personGlobalId, category: 'HONESTY', note: '拾金不昧' },
    });
    expect(deedThere.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
    expect(await balanceOf(resident.personGlobalId!)).toBeNull();
  });

  it('keeps each cached balance equal to the sum of its entries, and each balanceAfter the running sum', async () => {
    const rows = await platform.sql<{ id: string; balance: number; sum: number; bad: number }>(
      `SELECT p.id::text, p.balance,
         (SELECT coalesce(sum(e.points), 0)::int FROM plugin_moral_bank.entry e WHERE e.passbook_id = p.id) AS sum,
         (SELECT count(*)::int FROM (
            SELECT e.balance_after, sum(e.points) OVER (ORDER BY e.id) AS running
            FROM plugin_moral_bank.entry e WHERE e.passbook_id = p.id) x
          WHERE x.balance_after <> x.running OR x.running < 0) AS bad
       FROM plugin_moral_bank.passbook p`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect({ id: row.id, balance: row.balance, bad: row.bad }).toEqual({
        id: row.id,
        balance: row.sum,
        bad: 0,
      });
    }
  });
});
