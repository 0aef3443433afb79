import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let tree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;
let otherTree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;
let streetId: string;
let otherStreetId: string;
/** The demo organization tree of 南街街道, built through the API in `beforeAll`. */
const o: Record<string, string> = {};

const globalId = (type: string, id: string | number) =>
  Buffer.from(`${type}:${id}`).toString('base64url');
/** Today in the streets' time zone, as the service counts days. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const rowId = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;

const create = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) {
  organization { id kind name code phone address description foundedOn archived parent { name } }
  userErrors { field message code } } }`;
const update = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) {
  organization { id name code phone address description foundedOn parent { name } ancestors { name } }
  userErrors { field message code } } }`;
const archive = `mutation($id: ID!) { archiveOrganization(input: { id: $id }) {
  organization { archived archivedAt } userErrors { field message code } } }`;
const addMember = `mutation($input: AddOrganizationMemberInput!) { addOrganizationMember(input: $input) {
  member { id role startedOn endedOn person { name } organization { name } }
  userErrors { field message code } } }`;
const endMembership = `mutation($input: EndOrganizationMembershipInput!) { endOrganizationMembership(input: $input) {
  member { id endedOn } userErrors { field message code } } }`;
const setGrids = `mutation($input: SetOrganizationGridsInput!) { setOrganizationGrids(input: $input) {
  organization { name grids { code } } userErrors { field message code } } }`;

async function count(table: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

async function lastEvent(): Promise<{ type: string; subject_type: string; payload: any }> {
  const [event] = await p.db.query<any>(
    `SELECT type, subject_type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
  );
  return event;
}

async function pathOf(id: string): Promise<string> {
  const [row] = await p.db.query<{ path: string }>(
    `SELECT path::text AS path FROM organization WHERE id = $1`,
    [rowId(id)],
  );
  return row!.path;
}

async function organization(input: Record<string, unknown>): Promise<string> {
  const payload = await f.expectOk<any>(p.gql(create, { input }), 'createOrganization');
  return payload.organization.id;
}

beforeAll(async () => {
  p = await startTestPlatform();
  f = fixtures(p);
  tree = await f.gridTree('621002001');
  otherTree = await f.gridTree('620104001');
  streetId = tree.streetId;
  otherStreetId = otherTree.streetId;
  const at = (parentId: string | null, kind: string, name: string, extra = {}) =>
    organization({ streetId, parentId, kind, name, ...extra });
  o.committee = await at(null, 'STREET_COMMITTEE', '南街街道党工委', { code: 'NJ-DGW' });
  o.community = await at(o.committee, 'COMMUNITY', '南苑路社区', { code: 'NYL' });
  o.communityCommittee = await at(o.community, 'COMMUNITY_COMMITTEE', '南苑路社区大党委');
  o.branch = await at(o.communityCommittee, 'PARTY_BRANCH', '南苑路社区离退休干部党支部', {
    foundedOn: '2011-06-01',
  });
  o.group = await at(o.branch, 'PARTY_GROUP', '第一党小组');
  o.property = await at(o.community, 'PROPERTY_MANAGER', '南苑物业');
  o.department = await at(null, 'DEPARTMENT', '城管执法中队', { code: 'CG-01' });
  o.other = await organization({
    streetId: otherStreetId,
    kind: 'STREET_COMMITTEE',
    name: '西固城街道党工委',
    code: 'NJ-DGW',
  });
});
afterAll(() => p.stop());

describe('createOrganization', () => {
  it('creates an organization under a parent, stores its ltree path and records organization.created', async () => {
    const events = await count('domain_event');
    const res = await p.gql<any>(create, {
      input: {
        streetId,
        parentId: o.branch,
        kind: 'PARTY_GROUP',
        name: '  第二党小组 ',
        code: 'NYL-DZB-2',
        phone: '0934-8212345',
        address: '南苑路 12 号',
        description: '离退休干部党员',
        foundedOn: '2012-03-15',
      },
    });
    expect(res.body.errors).toBeUndefined();
    const created = res.body.data.createOrganization;
    expect(created.userErrors).toEqual([]);
    expect(created.organization).toMatchObject({
      kind: 'PARTY_GROUP',
      name: '第二党小组',
      code: 'NYL-DZB-2',
      phone: '0934-8212345',
      address: '南苑路 12 号',
      description: '离退休干部党员',
      foundedOn: '2012-03-15',
      archived: false,
      parent: { name: '南苑路社区离退休干部党支部' },
    });
    const id = created.organization.id;
    expect(await pathOf(id)).toBe(
      [o.committee, o.community, o.communityCommittee, o.branch, id].map(rowId).join('.'),
    );
    expect(await pathOf(o.committee)).toBe(rowId(o.committee));
    expect(await count('domain_event')).toBe(events + 1);
    expect(await lastEvent()).toEqual({
      type: 'organization.created',
      subject_type: 'Organization',
      payload: {
        kind: 'PARTY_GROUP',
        name: '第二党小组',
        code: 'NYL-DZB-2',
        parentId: rowId(o.branch),
      },
    });
  });

  it('allows the same code in another street, and every kind the rules allow', async () => {
    // o.other has the code NJ-DGW too (see beforeAll); these placements are all legal.
    const placements: [string | null, string][] = [
      [null, 'JOINT_COMMITTEE'],
      [o.committee, 'JOINT_COMMITTEE'],
      [null, 'COMMUNITY'],
      [o.committee, 'COMMUNITY_COMMITTEE'],
      [o.community, 'PARTY_BRANCH'],
      [o.committee, 'PARTY_BRANCH'],
      [o.communityCommittee, 'CO_BUILDING_UNIT'],
      [null, 'SOCIAL_ORGANIZATION'],
      [null, 'OWNERS_COMMITTEE'],
      [o.community, 'OWNERS_COMMITTEE'],
    ];
    for (const [parentId, kind] of placements) {
      const res = await p.gql<any>(create, { input: { streetId, parentId, kind, name: kind } });
      expect([kind, res.body.data.createOrganization.userErrors]).toEqual([kind, []]);
    }
  });

  const long = (n: number) => 'x'.repeat(n);
  const bad: [string, Record<string, unknown>, string[], string, RegExp][] = [
    ['an empty name', { name: '  ' }, ['input', 'name'], 'INVALID', /Name is required/],
    ['a long name', { name: long(101) }, ['input', 'name'], 'TOO_LONG', /at most 100/],
    ['a code with spaces', { code: 'NJ 01' }, ['input', 'code'], 'INVALID', /1–32 letters/],
    ['a code too long', { code: long(33) }, ['input', 'code'], 'INVALID', /1–32 letters/],
    ['a taken code', { code: 'CG-01' }, ['input', 'code'], 'TAKEN', /has the code CG-01/],
    ['a phone with letters', { phone: '0934-82a' }, ['input', 'phone'], 'INVALID', /Phone/],
    ['a short phone', { phone: '12345' }, ['input', 'phone'], 'INVALID', /7–20 digits/],
    [
      'a phone with a trailing dash',
      { phone: '0934-821234-' },
      ['input', 'phone'],
      'INVALID',
      /Phone/,
    ],
    [
      'a long address',
      { address: long(201) },
      ['input', 'address'],
      'TOO_LONG',
      /Address is at most 200/,
    ],
    [
      'a long description',
      { description: long(2001) },
      ['input', 'description'],
      'TOO_LONG',
      /at most 2000/,
    ],
    [
      'a founding date in the future',
      { foundedOn: '2999-01-01' },
      ['input', 'foundedOn'],
      'INVALID',
      /not in the future/,
    ],
    [
      'a party group without a parent',
      { kind: 'PARTY_GROUP' },
      ['input', 'parentId'],
      'REQUIRED',
      /^A party group \(党小组\) sits under a party branch \(党支部\); give parentId\.$/,
    ],
    [
      'a party branch without a parent',
      { kind: 'PARTY_BRANCH' },
      ['input', 'parentId'],
      'REQUIRED',
      /sits under a street party working committee .* or a community \(社区\)/,
    ],
    [
      'a community committee without a parent',
      { kind: 'COMMUNITY_COMMITTEE' },
      ['input', 'parentId'],
      'REQUIRED',
      /give parentId/,
    ],
    [
      'a party group under a community',
      { kind: 'PARTY_GROUP', parent: 'community' },
      ['input', 'parentId'],
      'INVALID',
      /cannot sit under a community \(社区\)/,
    ],
    [
      'a party branch under a department',
      { kind: 'PARTY_BRANCH', parent: 'department' },
      ['input', 'parentId'],
      'INVALID',
      /cannot sit under/,
    ],
    [
      'a community under a community',
      { kind: 'COMMUNITY', parent: 'community' },
      ['input', 'parentId'],
      'INVALID',
      /^A community \(社区\) cannot sit under a community \(社区\); it is a root or sits under a street party working committee \(街道党工委\) or a joint committee \(大工委\)\.$/,
    ],
    [
      'a community committee under a party branch',
      { kind: 'COMMUNITY_COMMITTEE', parent: 'branch' },
      ['input', 'parentId'],
      'INVALID',
      /cannot sit under/,
    ],
    [
      'a property manager under a street committee',
      { kind: 'PROPERTY_MANAGER', parent: 'committee' },
      ['input', 'parentId'],
      'INVALID',
      /community/,
    ],
    [
      'a street committee under a community committee',
      { kind: 'STREET_COMMITTEE', parent: 'communityCommittee' },
      ['input', 'parentId'],
      'INVALID',
      /cannot sit under/,
    ],
    [
      'a department under a community',
      { kind: 'DEPARTMENT', parent: 'community' },
      ['input', 'parentId'],
      'INVALID',
      /cannot sit under/,
    ],
    [
      'a parent of another street',
      { kind: 'COMMUNITY', parent: 'other' },
      ['input', 'parentId'],
      'NOT_FOUND',
      /in this street/,
    ],
    [
      'a parent that is not an organization ID',
      { kind: 'COMMUNITY', parentId: 'street' },
      ['input', 'parentId'],
      'INVALID',
      /Not the ID of an Organization/,
    ],
    [
      'a street ID that is not a street',
      { streetId: 'committee' },
      ['input', 'streetId'],
      'INVALID',
      /Not the ID of a Street/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_what, input, field, code, message) => {
      const { parent, ...rest } = input as { parent?: string };
      const ids: Record<string, string> = { ...o, street: streetId };
      const resolved = Object.fromEntries(
        Object.entries(rest).map(([k, v]) => [
          k,
          (k === 'streetId' || k === 'parentId') && typeof v === 'string' ? ids[v] : v,
        ]),
      );
      const before = [await count('organization'), await count('domain_event')];
      const res = await p.gql<any>(create, {
        input: {
          streetId,
          kind: 'DEPARTMENT',
          name: '新组织',
          ...(parent ? { parentId: o[parent] } : {}),
          ...resolved,
        },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.createOrganization.organization).toBeNull();
      expect(res.body.data.createOrganization.userErrors).toContainEqual({
        field,
        code,
        message: expect.stringMatching(message),
      });
      expect([await count('organization'), await count('domain_event')]).toEqual(before);
    },
  );

  it('answers TAKEN, not a server error, when two requests claim the same code at once', async () => {
    const before = await count('organization');
    const results = await Promise.all(
      ['甲', '乙'].map((name) =>
        p.gql<any>(create, {
          input: { streetId, kind: 'SOCIAL_ORGANIZATION', name, code: 'RACE-1' },
        }),
      ),
    );
    expect(results.map((r) => r.body.errors)).toEqual([undefined, undefined]);
    const errors = results.map((r) => r.body.data.createOrganization.userErrors);
    expect(errors).toContainEqual([]);
    expect(errors).toContainEqual([
      {
        field: ['input', 'code'],
        code: 'TAKEN',
        message: 'Another organization of this street has the code RACE-1.',
      },
    ]);
    expect(await count('organization')).toBe(before + 1);
  });

  it('refuses an archived parent', async () => {
    const old = await organization({ streetId, kind: 'JOINT_COMMITTEE', name: '旧大工委' });
    await f.expectOk(p.gql(archive, { id: old }), 'archiveOrganization');
    const before = await count('organization');
    const res = await p.gql<any>(create, {
      input: { streetId, parentId: old, kind: 'COMMUNITY', name: '新社区' },
    });
    expect(res.body.data.createOrganization.userErrors).toEqual([
      {
        field: ['input', 'parentId'],
        code: 'CONFLICT',
        message: 'The parent organization is archived.',
      },
    ]);
    expect(await count('organization')).toBe(before);
  });

  it('is refused to anonymous callers', async () => {
    const res = await p.gql<any>(
      create,
      { input: { streetId, kind: 'DEPARTMENT', name: 'x' } },
      { as: 'anonymous' },
    );
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('organizations query', () => {
  it('lists by name with filters by street, kinds, parent, subtree, search and archive state', async () => {
    const res = await p.gql<any>(
      `query($street: ID!, $parent: ID!, $sub: ID!, $missing: ID!) {
        street: organizations(first: 100, filter: { streetId: $street }) { totalCount nodes { name } }
        kinds: organizations(filter: { streetId: $street, kinds: [PARTY_BRANCH, PARTY_GROUP] }) { nodes { kind } }
        parent: organizations(filter: { parentId: $parent }) { nodes { name } }
        subtree: organizations(filter: { subtreeOf: $sub }) { nodes { name } }
        missing: organizations(filter: { subtreeOf: $missing }) { totalCount }
        byName: organizations(filter: { search: "物业" }) { nodes { name } }
        byCode: organizations(filter: { search: "nj-dgw" }) { nodes { name } }
        archived: organizations(filter: { streetId: $street, search: "旧大工委" }) { totalCount }
        withArchived: organizations(filter: { streetId: $street, search: "旧大工委", includeArchived: true }) { totalCount }
      }`,
      {
        street: streetId,
        parent: o.community,
        sub: o.communityCommittee,
        missing: globalId('Organization', 999999),
      },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    const names = d.street.nodes.map((n: any) => n.name);
    expect(names).toContain('南街街道党工委');
    expect(names).not.toContain('西固城街道党工委');
    expect(names).not.toContain('旧大工委');
    expect(d.street.totalCount).toBe(names.length);
    expect(new Set(d.kinds.nodes.map((n: any) => n.kind))).toEqual(
      new Set(['PARTY_BRANCH', 'PARTY_GROUP']),
    );
    expect(d.parent.nodes.map((n: any) => n.name).sort()).toEqual(
      ['OWNERS_COMMITTEE', 'PARTY_BRANCH', '南苑物业', '南苑路社区大党委'].sort(),
    );
    expect(d.subtree.nodes.map((n: any) => n.name).sort()).toEqual(
      [
        '南苑路社区大党委',
        '南苑路社区离退休干部党支部',
        '第一党小组',
        '第二党小组',
        'CO_BUILDING_UNIT',
      ].sort(),
    );
    expect(d.missing.totalCount).toBe(0);
    expect(d.byName.nodes).toEqual([{ name: '南苑物业' }]);
    expect(d.byCode.nodes.map((n: any) => n.name).sort()).toEqual([
      '南街街道党工委',
      '西固城街道党工委',
    ]);
    expect(d.archived.totalCount).toBe(0);
    expect(d.withArchived.totalCount).toBe(1);
  });

  it('orders by name or creation, both directions, and pages with cursors', async () => {
    const q = `query($order: OrganizationOrder, $after: String) {
      organizations(first: 3, after: $after, orderBy: $order, filter: { kinds: [STREET_COMMITTEE, DEPARTMENT, COMMUNITY] }) {
        totalCount nodes { name createdAt } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const all = await p.gql<any>(
      `{ organizations(first: 100, filter: { kinds: [STREET_COMMITTEE, DEPARTMENT, COMMUNITY] }) { nodes { name } } }`,
    );
    const names = all.body.data.organizations.nodes.map((n: any) => n.name);
    const sorted = await p.db.query<{ name: string }>(
      `SELECT name FROM organization WHERE kind IN ('STREET_COMMITTEE', 'DEPARTMENT', 'COMMUNITY')
       AND archived_at IS NULL ORDER BY name, id`,
    );
    expect(names).toEqual(sorted.map((r) => r.name));
    expect(names).toHaveLength(5);
    const first = await p.gql<any>(q, { order: { field: 'NAME', direction: 'DESC' } });
    const page1 = first.body.data.organizations;
    expect(page1.totalCount).toBe(5);
    expect(page1.nodes.map((n: any) => n.name)).toEqual([...names].reverse().slice(0, 3));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await p.gql<any>(q, {
      order: { field: 'NAME', direction: 'DESC' },
      after: page1.pageInfo.endCursor,
    });
    expect(second.body.data.organizations.nodes.map((n: any) => n.name)).toEqual(
      [...names].reverse().slice(3),
    );
    expect(second.body.data.organizations.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
    const byCreation = await p.gql<any>(q, { order: { field: 'CREATED_AT', direction: 'ASC' } });
    const times = byCreation.body.data.organizations.nodes.map((n: any) => n.createdAt);
    expect(times).toEqual([...times].sort());
    expect(byCreation.body.data.organizations.nodes[0].name).toBe('南街街道党工委');
  });

  it('lists a street’s organizations through Street.organizations', async () => {
    const res = await p.gql<any>(
      `{ street(code: "620104001") { organizations { totalCount nodes { name street { code } } } } }`,
    );
    expect(res.body.data.street.organizations).toEqual({
      totalCount: 1,
      nodes: [{ name: '西固城街道党工委', street: { code: '620104001' } }],
    });
  });

  it('is scoped: anonymous callers see no organizations', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { organizations { totalCount } node(id: $id) { id } }`,
      { id: o.committee },
      { as: 'anonymous' },
    );
    expect(res.body.data).toEqual({ organizations: { totalCount: 0 }, node: null });
  });

  it('answers a filter ID of the wrong type with BAD_USER_INPUT', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { organizations(filter: { subtreeOf: $id }) { totalCount } }`,
      { id: streetId },
    );
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toMatch(/filter.subtreeOf.*Organization/);
  });
});

describe('the organization tree', () => {
  it('walks parent, ancestors (root first), children, descendants and street', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Organization {
        name parent { name } ancestors { name kind } street { code }
        up: parent { parent { parent {
          children(first: 1, filter: { kinds: [COMMUNITY_COMMITTEE, PROPERTY_MANAGER] }) {
            totalCount pageInfo { hasNextPage } nodes { name } }
          descendants(first: 100) { totalCount nodes { name } }
          groups: descendants(filter: { kinds: [PARTY_GROUP], search: "第一" }) { totalCount nodes { name } }
        } } }
      } } }`,
      { id: o.group },
    );
    expect(res.body.errors).toBeUndefined();
    const g = res.body.data.node;
    expect(g.name).toBe('第一党小组');
    expect(g.parent).toEqual({ name: '南苑路社区离退休干部党支部' });
    expect(g.ancestors).toEqual([
      { name: '南街街道党工委', kind: 'STREET_COMMITTEE' },
      { name: '南苑路社区', kind: 'COMMUNITY' },
      { name: '南苑路社区大党委', kind: 'COMMUNITY_COMMITTEE' },
      { name: '南苑路社区离退休干部党支部', kind: 'PARTY_BRANCH' },
    ]);
    expect(g.street.code).toBe('621002001');
    const community = g.up.parent.parent;
    expect(community.children.totalCount).toBe(2);
    expect(community.children.pageInfo.hasNextPage).toBe(true);
    expect(community.children.nodes).toHaveLength(1);
    const descendants = community.descendants.nodes.map((n: any) => n.name);
    expect(descendants).toContain('第二党小组');
    expect(descendants).not.toContain('南苑路社区');
    expect(community.descendants.totalCount).toBe(descendants.length);
    expect(community.groups).toEqual({ totalCount: 1, nodes: [{ name: '第一党小组' }] });
  });

  it('reads nested tree fields of a list in a number of statements that does not grow with the list', async () => {
    const q = (n: number) => `{ organizations(first: ${n}) { nodes {
      parent { name } ancestors { name } street { code } grids { code }
      children(first: 2) { totalCount nodes { name } }
      descendants(first: 2) { totalCount nodes { name } }
      members(first: 2) { totalCount nodes { role person { name } } }
    } } }`;
    const small = await p.countStatements(() => p.gql<any>(q(3)));
    const large = await p.countStatements(() => p.gql<any>(q(20)));
    expect(small.result.body.errors).toBeUndefined();
    expect(large.result.body.data.organizations.nodes.length).toBeGreaterThan(10);
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(12);
  });
});

describe('updateOrganization', () => {
  it('changes only the fields given, clears with null, and records the changes', async () => {
    const res = await p.gql<any>(update, {
      input: {
        id: o.department,
        name: '城管执法中队（南街）',
        phone: '+86-934-8212345',
        address: '南街 1 号',
      },
    });
    expect(res.body.data.updateOrganization).toEqual({
      organization: expect.objectContaining({
        name: '城管执法中队（南街）',
        code: 'CG-01',
        phone: '+86-934-8212345',
        address: '南街 1 号',
        parent: null,
      }),
      userErrors: [],
    });
    const cleared = await p.gql<any>(update, {
      input: { id: o.department, code: null, phone: null },
    });
    expect(cleared.body.data.updateOrganization.organization).toMatchObject({
      name: '城管执法中队（南街）',
      code: null,
      phone: null,
      address: '南街 1 号',
    });
    expect(await lastEvent()).toEqual({
      type: 'organization.updated',
      subject_type: 'Organization',
      payload: { changes: { code: null, phone: null } },
    });
    const events = await count('domain_event');
    const same = await p.gql<any>(update, { input: { id: o.department, address: '南街 1 号' } });
    expect(same.body.data.updateOrganization.userErrors).toEqual([]);
    expect(await count('domain_event')).toBe(events);
  });

  it('answers bad updates with user errors and writes nothing', async () => {
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ id: o.department, name: '' }, ['input', 'name'], 'INVALID'],
      [{ id: o.department, code: 'NJ-DGW' }, ['input', 'code'], 'TAKEN'],
      [{ id: o.department, phone: 'call me' }, ['input', 'phone'], 'INVALID'],
      [{ id: o.department, foundedOn: '2999-12-31' }, ['input', 'foundedOn'], 'INVALID'],
      [{ id: o.department, description: 'x'.repeat(2001) }, ['input', 'description'], 'TOO_LONG'],
      [{ id: streetId, name: 'x' }, ['input', 'id'], 'INVALID'],
      [{ id: globalId('Organization', 999999), name: 'x' }, ['input', 'id'], 'NOT_FOUND'],
    ];
    for (const [input, field, code] of cases) {
      const before = [await count('domain_event'), await pathOf(o.department)];
      const res = await p.gql<any>(update, { input });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.updateOrganization).toEqual({
        organization: null,
        userErrors: [expect.objectContaining({ field, code })],
      });
      expect([await count('domain_event'), await pathOf(o.department)]).toEqual(before);
    }
    const unchanged = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Organization { name phone } } }`,
      {
        id: o.department,
      },
    );
    expect(unchanged.body.data.node).toEqual({ name: '城管执法中队（南街）', phone: null });
  });

  it('moves an organization with its whole subtree, re-pathing every descendant', async () => {
    const res = await p.gql<any>(update, { input: { id: o.branch, parentId: o.community } });
    expect(res.body.data.updateOrganization).toMatchObject({
      organization: {
        parent: { name: '南苑路社区' },
        ancestors: [{ name: '南街街道党工委' }, { name: '南苑路社区' }],
      },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({
      type: 'organization.updated',
      subject_type: 'Organization',
      payload: { changes: { parentId: rowId(o.community) } },
    });
    expect(await pathOf(o.group)).toBe(
      [o.committee, o.community, o.branch, o.group].map(rowId).join('.'),
    );
    const sub = await p.gql<any>(
      `query($id: ID!) { organizations(filter: { subtreeOf: $id }) { nodes { name } } }`,
      { id: o.communityCommittee },
    );
    expect(sub.body.data.organizations.nodes.map((n: any) => n.name)).toEqual([
      'CO_BUILDING_UNIT',
      '南苑路社区大党委',
    ]);
    // A community may be a root: moving it there takes its subtree along.
    const root = await p.gql<any>(update, { input: { id: o.community, parentId: null } });
    expect(root.body.data.updateOrganization.organization.ancestors).toEqual([]);
    expect(await pathOf(o.group)).toBe([o.community, o.branch, o.group].map(rowId).join('.'));
    await f.expectOk(
      p.gql(update, { input: { id: o.community, parentId: o.committee } }),
      'updateOrganization',
    );
    expect(await pathOf(o.group)).toBe(
      [o.committee, o.community, o.branch, o.group].map(rowId).join('.'),
    );
  });

  it('refuses moves into its own subtree, against the kind rules, or across streets', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ id: o.community, parentId: o.community }, 'INVALID', /cannot sit under a community/],
      [{ id: o.committee, parentId: o.communityCommittee }, 'INVALID', /cannot sit under/],
      [{ id: o.committee, parentId: o.property }, 'INVALID', /cannot sit under/],
      [{ id: o.branch, parentId: null }, 'REQUIRED', /give parentId/],
      [
        { id: o.group, parentId: o.community },
        'INVALID',
        /party group .* cannot sit under a community/,
      ],
      [{ id: o.community, parentId: o.other }, 'NOT_FOUND', /in this street/],
    ];
    // A legal kind pairing that would close a cycle: a joint committee under its own child.
    const outer = await organization({ streetId, kind: 'JOINT_COMMITTEE', name: '大工委' });
    const inner = await organization({
      streetId,
      parentId: outer,
      kind: 'JOINT_COMMITTEE',
      name: '内委',
    });
    const innermost = await organization({
      streetId,
      parentId: inner,
      kind: 'STREET_COMMITTEE',
      name: '内内委',
    });
    const dissolved = await organization({ streetId, kind: 'JOINT_COMMITTEE', name: '已撤大工委' });
    await f.expectOk(p.gql(archive, { id: dissolved }), 'archiveOrganization');
    cases.push(
      [{ id: o.community, parentId: dissolved }, 'CONFLICT', /parent organization is archived/],
      [{ id: outer, parentId: innermost }, 'INVALID', /under itself or one of its own descendants/],
      [{ id: outer, parentId: outer }, 'INVALID', /under itself/],
    );
    for (const [input, code, message] of cases) {
      const before = [await count('domain_event'), await pathOf(o.group), await pathOf(innermost)];
      const res = await p.gql<any>(update, { input });
      expect(res.body.data.updateOrganization).toEqual({
        organization: null,
        userErrors: [
          { field: ['input', 'parentId'], code, message: expect.stringMatching(message) },
        ],
      });
      expect([await count('domain_event'), await pathOf(o.group), await pathOf(innermost)]).toEqual(
        before,
      );
    }
  });
});

describe('archiveOrganization', () => {
  it('refuses while children are in use, archives leaves, refuses twice, and keeps archived ones readable', async () => {
    const loner = await organization({
      streetId,
      kind: 'SOCIAL_ORGANIZATION',
      name: '社工服务中心',
    });
    const branch = await organization({ streetId, kind: 'COMMUNITY', name: '待撤社区' });
    const child = await organization({
      streetId,
      parentId: branch,
      kind: 'OWNERS_COMMITTEE',
      name: '待撤业委会',
    });
    const refused = await p.gql<any>(archive, { id: branch });
    expect(refused.body.data.archiveOrganization).toEqual({
      organization: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'CONFLICT',
          message:
            'This organization has 1 child organization(s) in use; archive or move them first.',
        },
      ],
    });
    const events = await count('domain_event');
    const leaf = await p.gql<any>(archive, { id: child });
    expect(leaf.body.data.archiveOrganization).toMatchObject({
      organization: { archived: true, archivedAt: expect.any(String) },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'organization.archived',
      subject_type: 'Organization',
    });
    expect(await count('domain_event')).toBe(events + 1);
    expect(
      (await p.gql<any>(archive, { id: branch })).body.data.archiveOrganization.userErrors,
    ).toEqual([]);
    const twice = await p.gql<any>(archive, { id: branch });
    expect(twice.body.data.archiveOrganization.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'ILLEGAL_TRANSITION',
        message: 'This organization is already archived.',
      },
    ]);
    expect(
      (await p.gql<any>(archive, { id: loner })).body.data.archiveOrganization.userErrors,
    ).toEqual([]);
    const read = await p.gql<any>(
      `query($id: ID!, $child: ID!) {
        node(id: $id) { ... on Organization { archived children { totalCount } all: children(filter: { includeArchived: true }) { totalCount } } }
        child: node(id: $child) { ... on Organization { name parent { name archived } } }
      }`,
      { id: branch, child },
    );
    expect(read.body.data).toEqual({
      node: { archived: true, children: { totalCount: 0 }, all: { totalCount: 1 } },
      child: { name: '待撤业委会', parent: { name: '待撤社区', archived: true } },
    });
  });

  it('answers an unknown or foreign-typed ID with a user error', async () => {
    const res = await p.gql<any>(archive, { id: tree.c1.id });
    expect(res.body.data.archiveOrganization.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID', message: 'Not the ID of an Organization.' },
    ]);
    const missing = await p.gql<any>(archive, { id: globalId('Organization', 999999) });
    expect(missing.body.data.archiveOrganization.userErrors).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND', message: 'No organization has this ID.' },
    ]);
  });
});

describe('members', () => {
  let secretary: string;
  let member: string;
  let resident: string;
  beforeAll(async () => {
    const party = { status: 'MEMBER', kind: 'RETIRED' };
    secretary = (await f.person({ streetId, name: '王书记', partyMembership: party })).id;
    member = (await f.person({ streetId, name: '李党员', partyMembership: party })).id;
    resident = (await f.person({ streetId, name: '赵居民' })).id;
  });

  it('adds members, lists them leaders first with filters, and shows them on the person', async () => {
    const events = await count('domain_event');
    const added = await p.gql<any>(addMember, {
      input: {
        organizationId: o.branch,
        personId: member,
        role: 'MEMBER',
        startedOn: '2011-06-01',
      },
    });
    expect(added.body.data.addOrganizationMember).toEqual({
      member: {
        id: expect.any(String),
        role: 'MEMBER',
        startedOn: '2011-06-01',
        endedOn: null,
        person: { name: '李党员' },
        organization: { name: '南苑路社区离退休干部党支部' },
      },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({
      type: 'organization.member_added',
      subject_type: 'Organization',
      payload: {
        memberId: rowId(added.body.data.addOrganizationMember.member.id),
        personId: rowId(member),
        role: 'MEMBER',
        startedOn: '2011-06-01',
      },
    });
    await f.expectOk(
      p.gql(addMember, {
        input: { organizationId: o.branch, personId: secretary, role: 'SECRETARY' },
      }),
      'addOrganizationMember',
    );
    await f.expectOk(
      p.gql(addMember, {
        input: { organizationId: o.branch, personId: resident, role: 'LIAISON' },
      }),
      'addOrganizationMember',
    );
    await f.expectOk(
      p.gql(addMember, {
        input: { organizationId: o.community, personId: resident, role: 'DIRECTOR' },
      }),
      'addOrganizationMember',
    );
    expect(await count('domain_event')).toBe(events + 4);
    const res = await p.gql<any>(
      `query($id: ID!, $person: ID!) {
        org: node(id: $id) { ... on Organization {
          members { totalCount nodes { role person { name } } }
          firstTwo: members(first: 2) { totalCount pageInfo { hasNextPage } nodes { role } }
          secretaries: members(filter: { role: SECRETARY }) { totalCount nodes { person { name } } }
        } }
        person: node(id: $person) { ... on Person { memberships { role organization { name } } } }
      }`,
      { id: o.branch, person: resident },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.org.members).toEqual({
      totalCount: 3,
      nodes: [
        { role: 'SECRETARY', person: { name: '王书记' } },
        { role: 'MEMBER', person: { name: '李党员' } },
        { role: 'LIAISON', person: { name: '赵居民' } },
      ],
    });
    expect(res.body.data.org.firstTwo).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: true },
      nodes: [{ role: 'SECRETARY' }, { role: 'MEMBER' }],
    });
    expect(res.body.data.org.secretaries).toEqual({
      totalCount: 1,
      nodes: [{ person: { name: '王书记' } }],
    });
    expect(res.body.data.person.memberships).toEqual([
      { role: 'DIRECTOR', organization: { name: '南苑路社区' } },
      { role: 'LIAISON', organization: { name: '南苑路社区离退休干部党支部' } },
    ]);
  });

  it('pages members with cursors', async () => {
    const q = `query($id: ID!, $after: String) { node(id: $id) { ... on Organization {
      members(first: 2, after: $after) { nodes { role } pageInfo { endCursor hasNextPage } } } } }`;
    const first = await p.gql<any>(q, { id: o.branch });
    const next = await p.gql<any>(q, {
      id: o.branch,
      after: first.body.data.node.members.pageInfo.endCursor,
    });
    expect(next.body.data.node.members).toEqual({
      nodes: [{ role: 'LIAISON' }],
      pageInfo: { endCursor: expect.any(String), hasNextPage: false },
    });
  });

  it('answers bad additions with user errors and writes nothing', async () => {
    const stranger = (await f.person({ streetId: otherStreetId, name: '外街道' })).id;
    const gone = (
      await f.person({ streetId, name: '已迁出', partyMembership: { status: 'MEMBER' } })
    ).id;
    await f.expectOk(
      p.gql(`mutation($id: ID!) { archivePerson(input: { id: $id }) { userErrors { field } } }`, {
        id: gone,
      }),
      'archivePerson',
    );
    const archived = await organization({ streetId, kind: 'DEPARTMENT', name: '已撤销部门' });
    await f.expectOk(p.gql(archive, { id: archived }), 'archiveOrganization');
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [
        { organizationId: o.branch, personId: resident, role: 'DIRECTOR' },
        ['input', 'role'],
        'INVALID',
        /led by a secretary/,
      ],
      [
        { organizationId: o.group, personId: resident, role: 'MEMBER' },
        ['input', 'personId'],
        'INVALID',
        /Only party members/,
      ],
      [
        { organizationId: o.branch, personId: resident, role: 'SECRETARY' },
        ['input', 'personId'],
        'INVALID',
        /Only party members/,
      ],
      [
        { organizationId: o.branch, personId: member, role: 'SECRETARY' },
        ['input', 'role'],
        'CONFLICT',
        /already has a secretary/,
      ],
      [
        { organizationId: o.community, personId: member, role: 'DIRECTOR' },
        ['input', 'role'],
        'CONFLICT',
        /already has a director/,
      ],
      [
        { organizationId: o.branch, personId: member, role: 'MEMBER' },
        ['input', 'personId'],
        'CONFLICT',
        /already holds this role/,
      ],
      [
        { organizationId: o.branch, personId: stranger, role: 'LIAISON' },
        ['input', 'personId'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { organizationId: o.branch, personId: gone, role: 'MEMBER' },
        ['input', 'personId'],
        'CONFLICT',
        /person is archived/,
      ],
      [
        { organizationId: archived, personId: member, role: 'STAFF' },
        ['input', 'organizationId'],
        'CONFLICT',
        /organization is archived/,
      ],
      [
        { organizationId: tree.c1.id, personId: member, role: 'STAFF' },
        ['input', 'organizationId'],
        'INVALID',
        /Not the ID of an Organization/,
      ],
      [
        { organizationId: o.branch, personId: o.branch, role: 'STAFF' },
        ['input', 'personId'],
        'INVALID',
        /Not the ID of a Person/,
      ],
      [
        { organizationId: o.branch, personId: member, role: 'STAFF', startedOn: '2099-01-01' },
        ['input', 'startedOn'],
        'INVALID',
        /not in the future/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      const before = [await count('organization_member'), await count('domain_event')];
      const res = await p.gql<any>(addMember, { input });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.addOrganizationMember).toEqual({
        member: null,
        userErrors: [{ field, code, message: expect.stringMatching(message) }],
      });
      expect([await count('organization_member'), await count('domain_event')]).toEqual(before);
    }
    const anon = await p.gql<any>(
      addMember,
      { input: { organizationId: o.branch, personId: member, role: 'STAFF' } },
      { as: 'anonymous' },
    );
    // As for any row the caller cannot see: the ID reveals nothing.
    expect(anon.body.data.addOrganizationMember.userErrors).toEqual([
      {
        field: ['input', 'organizationId'],
        code: 'NOT_FOUND',
        message: 'No organization has this ID.',
      },
    ]);
  });

  it('ends a membership, keeps it in the history, and refuses bad ends', async () => {
    const list = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Organization { members(filter: { role: LIAISON }) { nodes { id startedOn } } } } }`,
      { id: o.branch },
    );
    const liaison = list.body.data.node.members.nodes[0];
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [
        { memberId: liaison.id, endedOn: '2000-01-01' },
        ['input', 'endedOn'],
        'INVALID',
        /started on/,
      ],
      [
        { memberId: liaison.id, endedOn: '2099-01-01' },
        ['input', 'endedOn'],
        'INVALID',
        /not in the future/,
      ],
      [
        { memberId: o.branch },
        ['input', 'memberId'],
        'INVALID',
        /Not the ID of an OrganizationMember/,
      ],
      [
        { memberId: globalId('OrganizationMember', 999999) },
        ['input', 'memberId'],
        'NOT_FOUND',
        /No organization member/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      const events = await count('domain_event');
      const res = await p.gql<any>(endMembership, { input });
      expect(res.body.data.endOrganizationMembership).toEqual({
        member: null,
        userErrors: [{ field, code, message: expect.stringMatching(message) }],
      });
      expect(await count('domain_event')).toBe(events);
    }
    const ended = await p.gql<any>(endMembership, { input: { memberId: liaison.id } });
    expect(ended.body.data.endOrganizationMembership).toEqual({
      member: { id: liaison.id, endedOn: today() },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({
      type: 'organization.member_removed',
      subject_type: 'Organization',
      payload: {
        memberId: rowId(liaison.id),
        personId: rowId(resident),
        role: 'LIAISON',
        endedOn: today(),
      },
    });
    const twice = await p.gql<any>(endMembership, { input: { memberId: liaison.id } });
    expect(twice.body.data.endOrganizationMembership.userErrors).toEqual([
      {
        field: ['input', 'memberId'],
        code: 'ILLEGAL_TRANSITION',
        message: 'This membership has already ended.',
      },
    ]);
    const after = await p.gql<any>(
      `query($id: ID!, $person: ID!) {
        org: node(id: $id) { ... on Organization { current: members { totalCount } all: members(filter: { includeEnded: true }) { totalCount nodes { role endedOn } } } }
        person: node(id: $person) { ... on Person { memberships { role } } }
      }`,
      { id: o.branch, person: resident },
    );
    expect(after.body.data.org.current.totalCount).toBe(2);
    expect(after.body.data.org.all.totalCount).toBe(3);
    expect(after.body.data.org.all.nodes).toContainEqual({ role: 'LIAISON', endedOn: today() });
    expect(after.body.data.person.memberships).toEqual([{ role: 'DIRECTOR' }]);
  });

  it('leaves memberships of archived organizations out of Person.memberships', async () => {
    const team = await organization({ streetId, kind: 'SOCIAL_ORGANIZATION', name: '临时服务队' });
    await f.expectOk(
      p.gql(addMember, { input: { organizationId: team, personId: member, role: 'STAFF' } }),
      'addOrganizationMember',
    );
    const q = `query($id: ID!) { node(id: $id) { ... on Person { memberships { organization { name } } } } }`;
    const before = await p.gql<any>(q, { id: member });
    expect(before.body.data.node.memberships).toContainEqual({
      organization: { name: '临时服务队' },
    });
    await f.expectOk(p.gql(archive, { id: team }), 'archiveOrganization');
    const after = await p.gql<any>(q, { id: member });
    expect(after.body.data.node.memberships).toEqual([
      { organization: { name: '南苑路社区离退休干部党支部' } },
    ]);
  });
});

describe('grids an organization covers', () => {
  it('replaces the set, reads it both ways, and records organization.grids_set only on change', async () => {
    const res = await p.gql<any>(setGrids, {
      input: { organizationId: o.community, gridIds: [tree.u1.id, tree.c1.id, tree.c1.id] },
    });
    expect(res.body.data.setOrganizationGrids).toEqual({
      organization: {
        name: '南苑路社区',
        grids: [{ code: '621002001001' }, { code: '621002001001001' }],
      },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({
      type: 'organization.grids_set',
      subject_type: 'Organization',
      payload: {
        gridIds: [rowId(tree.u1.id), rowId(tree.c1.id)],
        added: [rowId(tree.u1.id), rowId(tree.c1.id)],
        removed: [],
      },
    });
    await f.expectOk(
      p.gql(setGrids, { input: { organizationId: o.branch, gridIds: [tree.c1.id] } }),
      'setOrganizationGrids',
    );
    const both = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Grid { organizations { name } } } }`,
      { id: tree.c1.id },
    );
    expect(both.body.data.node.organizations).toEqual([
      { name: '南苑路社区' },
      { name: '南苑路社区离退休干部党支部' },
    ]);
    const events = await count('domain_event');
    await f.expectOk(
      p.gql(setGrids, {
        input: { organizationId: o.community, gridIds: [tree.c1.id, tree.u1.id] },
      }),
      'setOrganizationGrids',
    );
    expect(await count('domain_event')).toBe(events);
    const replaced = await p.gql<any>(setGrids, {
      input: { organizationId: o.community, gridIds: [tree.c2.id] },
    });
    expect(replaced.body.data.setOrganizationGrids.organization.grids).toEqual([
      { code: '621002001002' },
    ]);
    expect((await lastEvent()).payload).toEqual({
      gridIds: [rowId(tree.c2.id)],
      added: [rowId(tree.c2.id)],
      removed: expect.arrayContaining([rowId(tree.u1.id), rowId(tree.c1.id)]),
    });
    const cleared = await p.gql<any>(setGrids, {
      input: { organizationId: o.community, gridIds: [] },
    });
    expect(cleared.body.data.setOrganizationGrids.organization.grids).toEqual([]);
  });

  it('answers bad grid sets with user errors and writes nothing', async () => {
    const spare = await f.grid({
      streetId,
      parentId: tree.root.id,
      code: '621002001009',
      name: '社区九',
    });
    await f.expectOk(
      p.gql(`mutation($id: ID!) { archiveGrid(input: { id: $id }) { userErrors { field } } }`, {
        id: spare.id,
      }),
      'archiveGrid',
    );
    const archivedOrg = await organization({ streetId, kind: 'DEPARTMENT', name: '撤销的部门' });
    await f.expectOk(p.gql(archive, { id: archivedOrg }), 'archiveOrganization');
    const tooMany = Array.from({ length: 501 }, (_, i) => globalId('Grid', i + 1));
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [
        { organizationId: o.department, gridIds: [tree.c1.id, otherTree.c1.id] },
        ['input', 'gridIds', '1'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { organizationId: o.department, gridIds: [globalId('Grid', 999999)] },
        ['input', 'gridIds', '0'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { organizationId: o.department, gridIds: [spare.id] },
        ['input', 'gridIds', '0'],
        'CONFLICT',
        /621002001009 is archived/,
      ],
      [
        { organizationId: o.department, gridIds: [o.branch] },
        ['input', 'gridIds', '0'],
        'INVALID',
        /Not the ID of a Grid/,
      ],
      [
        { organizationId: o.department, gridIds: tooMany },
        ['input', 'gridIds'],
        'INVALID',
        /at most 500 grids; got 501/,
      ],
      [
        { organizationId: archivedOrg, gridIds: [tree.c1.id] },
        ['input', 'organizationId'],
        'CONFLICT',
        /archived/,
      ],
      [
        { organizationId: tree.c1.id, gridIds: [] },
        ['input', 'organizationId'],
        'INVALID',
        /Not the ID of an Organization/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      const before = [await count('organization_grid'), await count('domain_event')];
      const res = await p.gql<any>(setGrids, { input });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.setOrganizationGrids).toEqual({
        organization: null,
        userErrors: [{ field, code, message: expect.stringMatching(message) }],
      });
      expect([await count('organization_grid'), await count('domain_event')]).toEqual(before);
    }
    const anon = await p.gql<any>(
      setGrids,
      { input: { organizationId: o.department, gridIds: [] } },
      { as: 'anonymous' },
    );
    expect(anon.body.data.setOrganizationGrids.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('keeps an archived grid already in the set, and hides archived sides from both lists', async () => {
    const grid = await f.grid({
      streetId,
      parentId: tree.root.id,
      code: '621002001008',
      name: '社区八',
    });
    const unit = await organization({ streetId, kind: 'CO_BUILDING_UNIT', name: '共建单位甲' });
    await f.expectOk(
      p.gql(setGrids, { input: { organizationId: unit, gridIds: [grid.id] } }),
      'setOrganizationGrids',
    );
    await f.expectOk(
      p.gql(`mutation($id: ID!) { archiveGrid(input: { id: $id }) { userErrors { field } } }`, {
        id: grid.id,
      }),
      'archiveGrid',
    );
    const kept = await p.gql<any>(setGrids, {
      input: { organizationId: unit, gridIds: [grid.id, tree.c2.id] },
    });
    expect(kept.body.data.setOrganizationGrids).toEqual({
      organization: { name: '共建单位甲', grids: [{ code: '621002001002' }] },
      userErrors: [],
    });
    await f.expectOk(p.gql(archive, { id: unit }), 'archiveOrganization');
    const c2 = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Grid { organizations { name } } } }`,
      { id: tree.c2.id },
    );
    expect(c2.body.data.node.organizations).toEqual([]);
  });
});

describe('node(id:)', () => {
  it('refetches organizations and members, and hides them from anonymous callers', async () => {
    const members = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Organization { members(first: 1) { nodes { id } } } } }`,
      { id: o.branch },
    );
    const memberId = members.body.data.node.members.nodes[0].id;
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename
      ... on Organization { name kind }
      ... on OrganizationMember { role person { name } } } }`;
    const res = await p.gql<any>(q, {
      ids: [o.committee, memberId, globalId('Organization', 999999)],
    });
    expect(res.body.data.nodes).toEqual([
      { __typename: 'Organization', name: '南街街道党工委', kind: 'STREET_COMMITTEE' },
      { __typename: 'OrganizationMember', role: 'SECRETARY', person: { name: '王书记' } },
      null,
    ]);
    const anon = await p.gql<any>(q, { ids: [o.committee, memberId] }, { as: 'anonymous' });
    expect(anon.body.data.nodes).toEqual([null, null]);
  });
});
