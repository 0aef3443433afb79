import { createTestPlatform, type TestPlatform } from '@lianxin/sdk/testing';
import plugin from '../src';

const NANJIE = '621002001';
const CHENGBEI = '360502001';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  await platform.enable('micro-wish', NANJIE, { maxOpenPerPerson: 2 });
});
afterAll(() => platform?.stop());

const POST = `mutation ($input: PostWishInput!) { postWish(input: $input) { wish { id title status grid { id } postedBy { id } photos { url stage } } userErrors { field message code } } }`;
const CLAIM = `mutation ($input: ClaimWishInput!) { claimWish(input: $input) { wish { id status claimant { id } } userErrors { field message code } } }`;
const FULFIL = `mutation ($input: FulfilWishInput!) { fulfilWish(input: $input) { wish { id status fulfilmentNote photos { stage } } userErrors { field message code } } }`;

describe('micro-wish', () => {
  it('a resident posts a wish, a party member claims it and fulfils it; the grid lists it', async () => {
    const grid = await platform.grid(NANJIE);
    const resident = await platform.as('RESIDENT', NANJIE, { homeGridId: grid });
    const member = await platform.as('VOLUNTEER', NANJIE, { partyMember: true, homeGridId: grid });
    const posted = await resident.data<any>(POST, {
      input: { gridId: grid, title: '帮忙修理轮椅', photos: ['https://example.org/a.jpg'] },
    });
    expect(posted.postWish.userErrors).toEqual([]);
    const wish = posted.postWish.wish;
    expect(wish).toMatchObject({
      title: '帮忙修理轮椅',
      status: 'OPEN',
      grid: { id: grid },
      photos: [{ url: 'https://example.org/a.jpg', stage: 'POSTED' }],
    });
    expect(wish.postedBy.id).toBe(resident.personGlobalId);

    const claimed = await member.data<any>(CLAIM, { input: { id: wish.id } });
    expect(claimed.claimWish.userErrors).toEqual([]);
    expect(claimed.claimWish.wish.status).toBe('CLAIMED');

    const again = await member.data<any>(CLAIM, { input: { id: wish.id } });
    expect(again.claimWish).toEqual({
      wish: null,
      userErrors: [expect.objectContaining({ code: 'ILLEGAL_TRANSITION' })],
    });

    const done = await member.data<any>(FULFIL, {
      input: { id: wish.id, note: '已修好', photos: ['https://example.org/b.jpg'] },
    });
    expect(done.fulfilWish.wish).toMatchObject({ status: 'FULFILLED', fulfilmentNote: '已修好' });

    const admin = await platform.as('STREET_ADMIN', NANJIE);
    const listed = await admin.data<any>(
      `query ($g: ID!) { node(id: $g) { ... on Grid { wishes { totalCount nodes { id status } } } } wishStats { posted fulfilled } }`,
      { g: grid },
    );
    expect(listed.node.wishes.nodes).toContainEqual({ id: wish.id, status: 'FULFILLED' });
    expect(listed.wishStats.fulfilled).toBeGreaterThanOrEqual(1);
    const node = await admin.data<any>(
      `query ($id: ID!) { node(id: $id) { __typename ... on Wish { title } } }`,
      { id: wish.id },
    );
    expect(node.node).toEqual({ __typename: 'Wish', title: '帮忙修理轮椅' });
  });

  it('answers bad input with user errors and writes nothing', async () => {
    const grid = await platform.grid(NANJIE);
    const resident = await platform.as('RESIDENT', NANJIE, { homeGridId: grid });
    const res = await resident.data<any>(POST, { input: { gridId: grid, title: 'x'.repeat(101) } });
    expect(res.postWish).toEqual({
      wish: null,
      userErrors: [expect.objectContaining({ field: ['input', 'title'], code: 'TOO_LONG' })],
    });
    const bad = await resident.data<any>(POST, { input: { gridId: 'nope', title: 'ok' } });
    expect(bad.postWish.userErrors[0]).toMatchObject({
      field: ['input', 'gridId'],
      code: 'INVALID',
    });
    const rows = await platform.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM plugin_micro_wish.wish WHERE title = $1`,
      ['x'.repeat(101)],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('adds its case category to the streets it is enabled in, and only there', async () => {
    const rows = await platform.sql<{ code: string }>(
      `SELECT s.code FROM case_category c JOIN street s ON s.id = c.street_id WHERE c.service_code = 'micro-wish.referral'`,
    );
    expect(rows.map((r) => r.code)).toEqual([NANJIE]);
  });

  it('answers PLUGIN_DISABLED where it is not enabled, and the core part of the response still comes', async () => {
    const admin = await platform.as('STREET_ADMIN', CHENGBEI);
    const grid = await platform.grid(CHENGBEI);
    const res = await admin.request<any>(
      `query ($g: ID!) { node(id: $g) { ... on Grid { name wishes { totalCount } } } }`,
      { g: grid },
    );
    expect(res.data?.node?.name).toBeTruthy();
    expect(res.data?.node?.wishes).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('PLUGIN_DISABLED');
  });
});
