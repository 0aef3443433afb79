import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let tree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;
let streetId: string;
let otherStreetId: string;
let otherGrid: string;
const org: Record<'committee' | 'nanyuan' | 'other', string> = {} as never;
const brand: Record<'red' | 'hall' | 'lane' | 'closed' | 'other', string> = {} as never;
const person: Record<'li' | 'wang' | 'zhang' | 'zhao' | 'gone' | 'stranger', string> = {} as never;
/** Activities by a short handle. */
const act: Record<string, string> = {};

const fields = `id kind title startsAt endsAt place description outcome archived
  brand { name } organization { name } grid { code } street { code }`;
const create = `mutation($input: CreateActivityInput!) { createActivity(input: $input) {
  activity { ${fields} } userErrors { field message code } } }`;
const update = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) {
  activity { ${fields} } userErrors { field message code } } }`;
const archive = `mutation($id: ID!) { archiveActivity(input: { id: $id }) {
  activity { archived } userErrors { field message code } } }`;
const add = `mutation($input: AddActivityParticipantsInput!) { addActivityParticipants(input: $input) {
  activity { title participantCount } participants { role addedAt person { name } activity { title } }
  userErrors { field message code } } }`;
const remove = `mutation($input: RemoveActivityParticipantInput!) { removeActivityParticipant(input: $input) {
  activity { participantCount } userErrors { field message code } } }`;

async function count(table: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

async function lastEvent(): Promise<{ type: string; payload: Record<string, unknown> }> {
  const [event] = await p.db.query<any>(
    `SELECT type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
  );
  return event;
}

async function created(field: string, query: string, input: Record<string, unknown>) {
  const payload = await f.expectOk<any>(p.gql(query, { input }), field);
  return payload[Object.keys(payload).find((k) => k !== 'userErrors')!].id as string;
}

const organization = (input: Record<string, unknown>) =>
  created(
    'createOrganization',
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } userErrors { field message code } } }`,
    input,
  );
const createBrand = (input: Record<string, unknown>) =>
  created(
    'createBrand',
    `mutation($input: CreateBrandInput!) { createBrand(input: $input) { brand { id } userErrors { field message code } } }`,
    input,
  );
const createActivity = (input: Record<string, unknown>) =>
  created('createActivity', create, { streetId, ...input });

beforeAll(async () => {
  p = await startTestPlatform();
  f = fixtures(p);
  tree = await f.gridTree('621002001');
  streetId = tree.streetId;
  otherStreetId = await f.streetId('620104001');
  otherGrid = (await f.gridTree('620104001')).c1.id;

  org.committee = await organization({
    streetId,
    kind: 'STREET_COMMITTEE',
    name: '南街街道党工委',
  });
  org.nanyuan = await organization({ streetId, kind: 'COMMUNITY', name: '南苑路社区' });
  org.other = await organization({
    streetId: otherStreetId,
    kind: 'COMMUNITY',
    name: '西固城社区',
  });
  brand.red = await createBrand({ streetId, ownerId: org.committee, name: '初心红' });
  brand.hall = await createBrand({
    streetId,
    ownerId: org.committee,
    parentId: brand.red,
    name: '初心堂',
  });
  brand.lane = await createBrand({
    streetId,
    ownerId: org.nanyuan,
    parentId: brand.red,
    name: '初心巷',
    isPrimary: true,
  });
  brand.closed = await createBrand({ streetId, ownerId: org.committee, name: '旧品牌' });
  await p.gql(`mutation($id: ID!) { archiveBrand(input: { id: $id }) { userErrors { code } } }`, {
    id: brand.closed,
  });
  brand.other = await createBrand({
    streetId: otherStreetId,
    ownerId: org.other,
    name: '蒲公英',
  });

  person.li = (await f.person({ streetId, name: '李书记' })).id;
  person.wang = (await f.person({ streetId, name: '王宣讲员' })).id;
  person.zhang = (await f.person({ streetId, name: '张志愿者' })).id;
  person.zhao = (await f.person({ streetId, name: '赵居民' })).id;
  person.gone = (await f.person({ streetId, name: '已迁出' })).id;
  await p.gql(`mutation($id: ID!) { archivePerson(input: { id: $id }) { userErrors { code } } }`, {
    id: person.gone,
  });
  person.stranger = (await f.person({ streetId: otherStreetId, name: '外街道居民' })).id;

  act.meeting = await createActivity({
    kind: 'MEETING',
    title: '初心红 品牌推进会',
    brandId: brand.red,
    startsAt: '2024-06-01T02:00:00.000Z',
  });
  act.lecture = await createActivity({
    kind: 'LECTURE',
    title: '初心堂 党史宣讲',
    brandId: brand.hall,
    organizationId: org.committee,
    startsAt: '2024-07-01T01:00:00.000Z',
    endsAt: '2024-07-01T03:00:00.000Z',
    place: '南苑路社区活动室',
  });
  act.council = await createActivity({
    kind: 'DELIBERATION',
    title: '居民议事会：老旧小区加装电梯',
    organizationId: org.nanyuan,
    gridId: tree.c1.id,
    startsAt: '2024-08-15T06:00:00.000Z',
  });
  act.cleanup = await createActivity({
    kind: 'VOLUNTEER_SERVICE',
    title: '初心巷 环境整治志愿服务',
    brandId: brand.lane,
    gridId: tree.u1.id,
    startsAt: '2024-09-01T00:30:00.000Z',
  });
  act.elsewhere = await created('createActivity', create, {
    streetId: otherStreetId,
    kind: 'CULTURAL',
    title: '蒲公英 文艺汇演',
    brandId: brand.other,
    startsAt: '2024-07-20T10:00:00.000Z',
  });
});
afterAll(() => p.stop());

const titles = (conn: any) => conn.nodes.map((n: any) => n.title);

describe('createActivity', () => {
  it('records an activity under a brand, organization and grid, and records activity.created', async () => {
    const before = await count('domain_event');
    const res = await p.gql<any>(create, {
      input: {
        streetId,
        kind: 'RECTIFICATION',
        title: '  背街小巷整治  ',
        brandId: brand.lane,
        organizationId: org.nanyuan,
        gridId: tree.c2.id,
        startsAt: '2024-10-08T01:00:00.000Z',
        endsAt: '2024-10-08T01:00:00.000Z',
        place: '南苑路',
        description: '清理乱堆乱放',
        outcome: '',
      },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createActivity).toEqual({
      activity: {
        id: expect.any(String),
        kind: 'RECTIFICATION',
        title: '背街小巷整治',
        startsAt: '2024-10-08T01:00:00.000Z',
        endsAt: '2024-10-08T01:00:00.000Z',
        place: '南苑路',
        description: '清理乱堆乱放',
        outcome: null,
        archived: false,
        brand: { name: '初心巷' },
        organization: { name: '南苑路社区' },
        grid: { code: '621002001002' },
        street: { code: '621002001' },
      },
      userErrors: [],
    });
    act.drive = res.body.data.createActivity.activity.id;
    expect(await count('domain_event')).toBe(before + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      type: 'activity.created',
      payload: {
        kind: 'RECTIFICATION',
        title: '背街小巷整治',
        startsAt: '2024-10-08T01:00:00.000Z',
        brandId: expect.any(String),
        organizationId: expect.any(String),
        gridId: expect.any(String),
      },
    });
  });

  const bad: [string, Record<string, unknown>, string[], string, RegExp][] = [
    ['an empty title', { title: ' ' }, ['input', 'title'], 'INVALID', /Title is required/],
    [
      'a title over 200 characters',
      { title: '议'.repeat(201) },
      ['input', 'title'],
      'TOO_LONG',
      /at most 200/,
    ],
    [
      'a place over 200 characters',
      { place: '路'.repeat(201) },
      ['input', 'place'],
      'TOO_LONG',
      /At most 200/,
    ],
    [
      'an end before the start',
      { endsAt: '2024-11-01T00:59:59.000Z' },
      ['input', 'endsAt'],
      'INVALID',
      /cannot end before it starts \(2024-11-01T01:00:00.000Z\)/,
    ],
    [
      'no brand, organization or grid',
      { brandId: null },
      ['input'],
      'REQUIRED',
      /at least one of brandId, organizationId and gridId/,
    ],
    [
      'a brand of another street',
      { brandId: 'other' },
      ['input', 'brandId'],
      'NOT_FOUND',
      /No brand with this ID exists in this street/,
    ],
    [
      'an archived brand',
      { brandId: 'closed' },
      ['input', 'brandId'],
      'CONFLICT',
      /The brand is archived/,
    ],
    [
      'a grid of another street',
      { gridId: 'otherGrid' },
      ['input', 'gridId'],
      'NOT_FOUND',
      /No grid with this ID exists in this street/,
    ],
    [
      'an organization of another street',
      { organizationId: 'otherOrg' },
      ['input', 'organizationId'],
      'NOT_FOUND',
      /No organization with this ID exists in this street/,
    ],
    [
      'an organization ID that is a brand ID',
      { organizationId: 'hall' },
      ['input', 'organizationId'],
      'INVALID',
      /Not the ID of an Organization/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_what, input, field, code, message) => {
      const ids: Record<string, string> = {
        ...brand,
        otherGrid,
        otherOrg: org.other,
      };
      const resolved = Object.fromEntries(
        Object.entries(input).map(([k, v]) => [
          k,
          k.endsWith('Id') && typeof v === 'string' ? ids[v] : v,
        ]),
      );
      const before = [await count('activity'), await count('domain_event')];
      const res = await p.gql<any>(create, {
        input: {
          streetId,
          kind: 'MEETING',
          title: '支部会议',
          brandId: brand.hall,
          startsAt: '2024-11-01T01:00:00.000Z',
          ...resolved,
        },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.createActivity.activity).toBeNull();
      expect(res.body.data.createActivity.userErrors).toEqual([
        { field, code, message: expect.stringMatching(message) },
      ]);
      expect([await count('activity'), await count('domain_event')]).toEqual(before);
    },
  );

  it('is refused to anonymous callers', async () => {
    const res = await p.gql<any>(
      create,
      {
        input: {
          streetId,
          kind: 'MEETING',
          title: 'x',
          brandId: brand.hall,
          startsAt: '2024-11-01T01:00:00.000Z',
        },
      },
      { as: 'anonymous' },
    );
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('activities query', () => {
  it('lists the latest first, or in the order asked, with cursors', async () => {
    const q = `query($after: String, $order: ActivityOrder) {
      activities(first: 2, after: $after, orderBy: $order, filter: { streetId: "${streetId}" }) {
        totalCount nodes { title } pageInfo { hasNextPage endCursor } } }`;
    const first = await p.gql<any>(q, {});
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.activities.totalCount).toBe(5);
    expect(titles(first.body.data.activities)).toEqual(['背街小巷整治', '初心巷 环境整治志愿服务']);
    const next = await p.gql<any>(q, { after: first.body.data.activities.pageInfo.endCursor });
    expect(titles(next.body.data.activities)).toEqual([
      '居民议事会：老旧小区加装电梯',
      '初心堂 党史宣讲',
    ]);
    const oldest = await p.gql<any>(q, { order: { field: 'STARTS_AT', direction: 'ASC' } });
    expect(titles(oldest.body.data.activities)).toEqual(['初心红 品牌推进会', '初心堂 党史宣讲']);
    const recorded = await p.gql<any>(q, { order: { field: 'CREATED_AT', direction: 'ASC' } });
    const more = await p.gql<any>(q, {
      order: { field: 'CREATED_AT', direction: 'ASC' },
      after: recorded.body.data.activities.pageInfo.endCursor,
    });
    expect([
      ...titles(recorded.body.data.activities),
      ...titles(more.body.data.activities),
    ]).toEqual([
      '初心红 品牌推进会',
      '初心堂 党史宣讲',
      '居民议事会：老旧小区加装电梯',
      '初心巷 环境整治志愿服务',
    ]);
  });

  it('filters by brand (with sub-brands), organization, grid, kinds, time range and search', async () => {
    const res = await p.gql<any>(
      `query($red: ID!, $hall: ID!, $org: ID!, $grid: ID!) {
        all: activities(first: 100) { totalCount }
        brand: activities(filter: { brandId: $red }) { nodes { title } }
        tree: activities(filter: { brandId: $red, includeSubBrands: true }) { nodes { title } }
        hall: activities(filter: { brandId: $hall, includeSubBrands: true }) { nodes { title } }
        org: activities(filter: { organizationId: $org }) { nodes { title } }
        grid: activities(filter: { gridId: $grid }) { nodes { title } }
        kinds: activities(filter: { kinds: [LECTURE, DELIBERATION] }) { nodes { kind } }
        range: activities(filter: { from: "2024-07-01T01:00:00Z", to: "2024-09-01T00:30:00Z" }) { nodes { title } }
        search: activities(filter: { search: "活动室" }) { nodes { title } }
      }`,
      { red: brand.red, hall: brand.hall, org: org.nanyuan, grid: tree.c1.id },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.all.totalCount).toBe(6);
    expect(titles(d.brand)).toEqual(['初心红 品牌推进会']);
    expect(titles(d.tree)).toEqual([
      '背街小巷整治',
      '初心巷 环境整治志愿服务',
      '初心堂 党史宣讲',
      '初心红 品牌推进会',
    ]);
    expect(titles(d.hall)).toEqual(['初心堂 党史宣讲']);
    expect(titles(d.org)).toEqual(['背街小巷整治', '居民议事会：老旧小区加装电梯']);
    expect(titles(d.grid)).toEqual(['居民议事会：老旧小区加装电梯']);
    expect(d.kinds.nodes).toEqual([{ kind: 'DELIBERATION' }, { kind: 'LECTURE' }]);
    expect(titles(d.range)).toEqual([
      '居民议事会：老旧小区加装电梯',
      '蒲公英 文艺汇演',
      '初心堂 党史宣讲',
    ]);
    expect(titles(d.search)).toEqual(['初心堂 党史宣讲']);
  });

  it('answers an inverted time range and a filter ID of the wrong type with BAD_USER_INPUT', async () => {
    const range = await p.gql<any>(
      `{ activities(filter: { from: "2024-09-01T00:00:00Z", to: "2024-08-01T00:00:00Z" }) { totalCount } }`,
    );
    expect(range.body.errors[0]).toMatchObject({
      message: '"filter.from" must not be after "filter.to".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const id = await p.gql<any>(
      `query($id: ID!) { activities(filter: { brandId: $id }) { totalCount } }`,
      { id: org.nanyuan },
    );
    expect(id.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(id.body.errors[0].message).toMatch(/filter.brandId.*Brand/);
  });

  it('is scoped: anonymous callers see no activities, nested or by ID', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { activities { totalCount } node(id: $id) { id } }`,
      { id: act.lecture },
      { as: 'anonymous' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ activities: { totalCount: 0 }, node: null });
  });
});

describe('activities of streets, brands, organizations and grids', () => {
  it('lists them on each, with the nested filters', async () => {
    const res = await p.gql<any>(
      `query($street: ID!, $red: ID!, $org: ID!, $grid: ID!) {
        street: node(id: $street) { ... on Street {
          activities(filter: { kinds: [MEETING, LECTURE] }) { totalCount nodes { title } } } }
        red: node(id: $red) { ... on Brand {
          own: activities { totalCount nodes { title } }
          all: activities(includeSubBrands: true, filter: { to: "2024-09-01T00:00:00Z" }, orderBy: { field: STARTS_AT }) {
            totalCount nodes { title } } } }
        org: node(id: $org) { ... on Organization { activities(filter: { search: "电梯" }) { nodes { title } } } }
        grid: node(id: $grid) { ... on Grid { activities { nodes { title grid { code } } } } }
      }`,
      { street: streetId, red: brand.red, org: org.nanyuan, grid: tree.u1.id },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.street.activities).toEqual({
      totalCount: 2,
      nodes: [{ title: '初心堂 党史宣讲' }, { title: '初心红 品牌推进会' }],
    });
    expect(d.red.own).toEqual({ totalCount: 1, nodes: [{ title: '初心红 品牌推进会' }] });
    expect(d.red.all).toEqual({
      totalCount: 2,
      nodes: [{ title: '初心红 品牌推进会' }, { title: '初心堂 党史宣讲' }],
    });
    expect(d.org.activities.nodes).toEqual([{ title: '居民议事会：老旧小区加装电梯' }]);
    expect(d.grid.activities.nodes).toEqual([
      { title: '初心巷 环境整治志愿服务', grid: { code: '621002001001001' } },
    ]);
  });
});

describe('participants', () => {
  it('adds people in roles, lists them organizers first, and records the event', async () => {
    const before = await count('domain_event');
    const res = await p.gql<any>(add, {
      input: {
        activityId: act.lecture,
        participants: [
          { personId: person.zhao },
          { personId: person.wang, role: 'SPEAKER' },
          { personId: person.li, role: 'ORGANIZER' },
          { personId: person.zhang, role: 'VOLUNTEER' },
        ],
      },
    });
    expect(res.body.errors).toBeUndefined();
    const payload = res.body.data.addActivityParticipants;
    expect(payload.userErrors).toEqual([]);
    expect(payload.activity).toEqual({ title: '初心堂 党史宣讲', participantCount: 4 });
    expect(payload.participants.map((x: any) => [x.person.name, x.role])).toEqual([
      ['赵居民', 'PARTICIPANT'],
      ['王宣讲员', 'SPEAKER'],
      ['李书记', 'ORGANIZER'],
      ['张志愿者', 'VOLUNTEER'],
    ]);
    expect(payload.participants[0]).toMatchObject({
      addedAt: expect.any(String),
      activity: { title: '初心堂 党史宣讲' },
    });
    expect(await count('domain_event')).toBe(before + 1);
    expect(await lastEvent()).toEqual({
      type: 'activity.participants_added',
      payload: {
        participants: [
          { personId: expect.any(String), role: 'PARTICIPANT' },
          { personId: expect.any(String), role: 'SPEAKER' },
          { personId: expect.any(String), role: 'ORGANIZER' },
          { personId: expect.any(String), role: 'VOLUNTEER' },
        ],
      },
    });

    const list = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Activity {
        participantCount
        byRole: participants { totalCount nodes { role person { name } } }
        page: participants(first: 2) { pageInfo { hasNextPage endCursor } nodes { role } }
        helpers: participants(filter: { roles: [SPEAKER, VOLUNTEER] }) { totalCount nodes { person { name } } }
        byName: participants(orderBy: { field: NAME, direction: DESC }) { nodes { person { name } } }
      } } }`,
      { id: act.lecture },
    );
    expect(list.body.errors).toBeUndefined();
    const a = list.body.data.node;
    expect(a.participantCount).toBe(4);
    expect(a.byRole.nodes.map((x: any) => x.role)).toEqual([
      'ORGANIZER',
      'SPEAKER',
      'VOLUNTEER',
      'PARTICIPANT',
    ]);
    expect(a.page.nodes).toEqual([{ role: 'ORGANIZER' }, { role: 'SPEAKER' }]);
    const rest = await p.gql<any>(
      `query($id: ID!, $after: String) { node(id: $id) { ... on Activity {
        participants(first: 2, after: $after) { pageInfo { hasNextPage } nodes { role } } } } }`,
      { id: act.lecture, after: a.page.pageInfo.endCursor },
    );
    expect(rest.body.data.node.participants).toEqual({
      pageInfo: { hasNextPage: false },
      nodes: [{ role: 'VOLUNTEER' }, { role: 'PARTICIPANT' }],
    });
    expect(a.helpers.totalCount).toBe(2);
    expect(a.helpers.nodes.map((x: any) => x.person.name)).toEqual(['王宣讲员', '张志愿者']);
    const names = a.byName.nodes.map((x: any) => x.person.name);
    expect(names).toEqual([...names].sort().reverse());
  });

  it("lists a person's activities", async () => {
    await f.expectOk(
      p.gql(add, { input: { activityId: act.council, participants: [{ personId: person.zhao }] } }),
      'addActivityParticipants',
    );
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Person {
        activities { totalCount nodes { title } }
        lectures: activities(filter: { kinds: [LECTURE] }) { totalCount } } } }`,
      { id: person.zhao },
    );
    expect(res.body.data.node).toEqual({
      activities: {
        totalCount: 2,
        nodes: [{ title: '居民议事会：老旧小区加装电梯' }, { title: '初心堂 党史宣讲' }],
      },
      lectures: { totalCount: 1 },
    });
  });

  it('answers every bad entry at once, with its position, and adds nobody', async () => {
    const before = [await count('activity_participant'), await count('domain_event')];
    const res = await p.gql<any>(add, {
      input: {
        activityId: act.lecture,
        participants: [
          { personId: person.stranger },
          { personId: person.gone },
          { personId: person.li },
          { personId: person.zhao, role: 'VOLUNTEER' },
          { personId: person.stranger },
        ],
      },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.addActivityParticipants).toEqual({
      activity: null,
      participants: null,
      userErrors: [
        {
          field: ['input', 'participants', '0', 'personId'],
          code: 'NOT_FOUND',
          message: 'No person with this ID exists in this street.',
        },
        {
          field: ['input', 'participants', '1', 'personId'],
          code: 'CONFLICT',
          message: 'The person is archived.',
        },
        {
          field: ['input', 'participants', '2', 'personId'],
          code: 'CONFLICT',
          message: 'This person already takes part in this activity.',
        },
        {
          field: ['input', 'participants', '3', 'personId'],
          code: 'CONFLICT',
          message: 'This person already takes part in this activity.',
        },
        {
          field: ['input', 'participants', '4', 'personId'],
          code: 'CONFLICT',
          message: 'This person is listed twice.',
        },
      ],
    });
    expect([await count('activity_participant'), await count('domain_event')]).toEqual(before);
  });

  const bad: [string, () => Record<string, unknown>, string[], string, RegExp][] = [
    [
      'an empty list',
      () => ({ activityId: act.meeting, participants: [] }),
      ['input', 'participants'],
      'INVALID',
      /at least one participant/,
    ],
    [
      'more than 500 people',
      () => ({
        activityId: act.meeting,
        participants: Array.from({ length: 501 }, () => ({ personId: person.li })),
      }),
      ['input', 'participants'],
      'INVALID',
      /At most 500 participants/,
    ],
    [
      'a person ID that is an activity ID',
      () => ({ activityId: act.meeting, participants: [{ personId: act.meeting }] }),
      ['input', 'participants', '0', 'personId'],
      'INVALID',
      /Not the ID of a Person/,
    ],
    [
      'an activity of another street',
      () => ({ activityId: act.elsewhere, participants: [{ personId: person.li }] }),
      ['input', 'participants', '0', 'personId'],
      'NOT_FOUND',
      /No person with this ID exists in this street/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and adds nobody',
    async (_what, input, field, code, message) => {
      const before = [await count('activity_participant'), await count('domain_event')];
      const res = await p.gql<any>(add, { input: input() });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.addActivityParticipants.userErrors).toEqual([
        { field, code, message: expect.stringMatching(message) },
      ]);
      expect([await count('activity_participant'), await count('domain_event')]).toEqual(before);
    },
  );

  it('removes a participant, and refuses one who does not take part', async () => {
    const res = await p.gql<any>(remove, {
      input: { activityId: act.lecture, personId: person.zhang },
    });
    expect(res.body.data.removeActivityParticipant).toEqual({
      activity: { participantCount: 3 },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({
      type: 'activity.participant_removed',
      payload: { personId: expect.any(String), role: 'VOLUNTEER' },
    });
    const before = [await count('activity_participant'), await count('domain_event')];
    const again = await p.gql<any>(remove, {
      input: { activityId: act.lecture, personId: person.zhang },
    });
    expect(again.body.data.removeActivityParticipant).toEqual({
      activity: null,
      userErrors: [
        {
          field: ['input', 'personId'],
          code: 'NOT_FOUND',
          message: 'This person does not take part in this activity.',
        },
      ],
    });
    expect([await count('activity_participant'), await count('domain_event')]).toEqual(before);
  });

  it('is refused to anonymous callers', async () => {
    const res = await p.gql<any>(
      add,
      { input: { activityId: act.lecture, participants: [{ personId: person.zhang }] } },
      { as: 'anonymous' },
    );
    expect(res.body.data.addActivityParticipants.userErrors).toEqual([
      { field: ['input', 'activityId'], code: 'NOT_FOUND', message: 'No activity has this ID.' },
    ]);
  });
});

describe('updateActivity', () => {
  it('changes only the fields given, clears with null, and records the changes', async () => {
    const res = await p.gql<any>(update, {
      input: {
        id: act.council,
        outcome: '同意加装，成立工作小组',
        endsAt: '2024-08-15T08:00:00.000Z',
        gridId: null,
      },
    });
    expect(res.body.data.updateActivity.userErrors).toEqual([]);
    expect(res.body.data.updateActivity.activity).toMatchObject({
      title: '居民议事会：老旧小区加装电梯',
      outcome: '同意加装，成立工作小组',
      endsAt: '2024-08-15T08:00:00.000Z',
      grid: null,
      organization: { name: '南苑路社区' },
    });
    expect(await lastEvent()).toEqual({
      type: 'activity.updated',
      payload: {
        changes: {
          outcome: '同意加装，成立工作小组',
          endsAt: '2024-08-15T08:00:00.000Z',
          gridId: null,
        },
      },
    });
    const events = await count('domain_event');
    await p.gql<any>(update, { input: { id: act.council, title: '居民议事会：老旧小区加装电梯' } });
    expect(await count('domain_event')).toBe(events);
  });

  it('moves an activity to another brand of the street', async () => {
    const res = await p.gql<any>(update, {
      input: { id: act.meeting, brandId: brand.lane, kind: 'OTHER' },
    });
    expect(res.body.data.updateActivity.activity).toMatchObject({
      kind: 'OTHER',
      brand: { name: '初心巷' },
    });
  });

  const bad: [string, () => Record<string, unknown>, string[], string, RegExp][] = [
    [
      'clearing the last of brand, organization and grid',
      () => ({ id: act.council, organizationId: null }),
      ['input'],
      'REQUIRED',
      /at least one of brandId, organizationId and gridId/,
    ],
    [
      'an end before the current start',
      () => ({ id: act.council, endsAt: '2024-08-15T05:00:00.000Z' }),
      ['input', 'endsAt'],
      'INVALID',
      /cannot end before it starts/,
    ],
    [
      'a start after the current end',
      () => ({ id: act.council, startsAt: '2024-08-15T09:00:00.000Z' }),
      ['input', 'endsAt'],
      'INVALID',
      /cannot end before it starts \(2024-08-15T09:00:00.000Z\)/,
    ],
    [
      'an empty title',
      () => ({ id: act.council, title: '' }),
      ['input', 'title'],
      'INVALID',
      /Title is required/,
    ],
    [
      'a brand of another street',
      () => ({ id: act.council, brandId: brand.other }),
      ['input', 'brandId'],
      'NOT_FOUND',
      /No brand with this ID exists in this street/,
    ],
    [
      'an archived brand',
      () => ({ id: act.council, brandId: brand.closed }),
      ['input', 'brandId'],
      'CONFLICT',
      /The brand is archived/,
    ],
    [
      'an ID that is not an activity',
      () => ({ id: brand.red, title: 'x' }),
      ['input', 'id'],
      'INVALID',
      /Not the ID of an Activity/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_w, input, field, code, message) => {
      const before = await p.db.query(`SELECT * FROM activity ORDER BY id`);
      const events = await count('domain_event');
      const res = await p.gql<any>(update, { input: input() });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.updateActivity).toEqual({
        activity: null,
        userErrors: [{ field, code, message: expect.stringMatching(message) }],
      });
      expect(await p.db.query(`SELECT * FROM activity ORDER BY id`)).toEqual(before);
      expect(await count('domain_event')).toBe(events);
    },
  );
});

describe('archiveActivity', () => {
  it('archives, refuses twice, hides it from lists unless asked and keeps it readable', async () => {
    const res = await p.gql<any>(archive, { id: act.drive });
    expect(res.body.data.archiveActivity).toEqual({ activity: { archived: true }, userErrors: [] });
    expect(await lastEvent()).toEqual({ type: 'activity.archived', payload: {} });
    const twice = await p.gql<any>(archive, { id: act.drive });
    expect(twice.body.data.archiveActivity.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    const lists = await p.gql<any>(
      `query($id: ID!, $lane: ID!) {
        a: activities(filter: { search: "背街" }) { totalCount }
        b: activities(filter: { search: "背街", includeArchived: true }) { totalCount }
        lane: node(id: $lane) { ... on Brand { activities(filter: { includeArchived: true }) { nodes { title archived } } } }
        node(id: $id) { ... on Activity { title archived } } }`,
      { id: act.drive, lane: brand.lane },
    );
    expect(lists.body.data).toMatchObject({
      a: { totalCount: 0 },
      b: { totalCount: 1 },
      node: { title: '背街小巷整治', archived: true },
    });
    expect(lists.body.data.lane.activities.nodes).toContainEqual({
      title: '背街小巷整治',
      archived: true,
    });
  });

  it('refuses participant changes on an archived activity', async () => {
    const res = await p.gql<any>(add, {
      input: { activityId: act.drive, participants: [{ personId: person.li }] },
    });
    expect(res.body.data.addActivityParticipants.userErrors).toEqual([
      { field: ['input', 'activityId'], code: 'CONFLICT', message: 'The activity is archived.' },
    ]);
  });
});

describe('node(id:)', () => {
  it('refetches activities', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { __typename id ... on Activity { title street { code } } } }`,
      { id: act.lecture },
    );
    expect(res.body.data.node).toEqual({
      __typename: 'Activity',
      id: act.lecture,
      title: '初心堂 党史宣讲',
      street: { code: '621002001' },
    });
  });
});

describe('batching', () => {
  // 初心红's tree reaches every loader: brands, organizations, grids, participants and people.
  it('costs no more statements for many brands than for one', async () => {
    const q = (filter: string) => `{ brands(first: 5, filter: ${filter}) { nodes {
      activities(first: 5, includeSubBrands: true) { totalCount nodes {
        title participantCount brand { name } organization { name } grid { code }
        participants(first: 5) { totalCount nodes { role person { name activities(first: 3) { totalCount } } } }
      } }
      own: activities(first: 5) { totalCount nodes { title } }
    } } }`;
    const one = await p.countStatements(() => p.gql<any>(q(`{ search: "初心红" }`)));
    const many = await p.countStatements(() => p.gql<any>(q(`{ streetId: "${streetId}" }`)));
    expect(one.result.body.errors).toBeUndefined();
    expect(many.result.body.errors).toBeUndefined();
    expect(many.result.body.data.brands.nodes.length).toBe(3);
    const reads = (r: { statements: string[] }) => r.statements.filter((t) => /\bFROM\b/.test(t));
    // One statement per loader: brands; activity pages and counts (tree and own); brand,
    // organization and grid by id; participant pages and counts; people; their activity pages
    // and counts.
    expect(reads(one)).toHaveLength(13);
    expect(reads(many).length).toBeLessThanOrEqual(reads(one).length);
  });
});
