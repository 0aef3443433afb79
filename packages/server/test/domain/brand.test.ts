import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let streetId: string;
let otherStreetId: string;
/** Organizations of 南街街道, and one of 西固城街道. */
const org: Record<'committee' | 'nanyuan' | 'dongda' | 'branch' | 'closed' | 'other', string> =
  {} as never;
/** Brands by name. */
const brand: Record<string, string> = {};

const create = `mutation($input: CreateBrandInput!) { createBrand(input: $input) {
  brand { id name slogan isPrimary owner { name } parent { name } } userErrors { field message code } } }`;
const update = `mutation($input: UpdateBrandInput!) { updateBrand(input: $input) {
  brand { name slogan description isPrimary owner { name } parent { name } ancestors { name } }
  userErrors { field message code } } }`;
const archive = `mutation($id: ID!) { archiveBrand(input: { id: $id }) {
  brand { archived archivedAt } userErrors { field message code } } }`;

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

async function organization(input: Record<string, unknown>): Promise<string> {
  const payload = await f.expectOk<any>(
    p.gql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } userErrors { field message code } } }`,
      { input },
    ),
    'createOrganization',
  );
  return payload.organization.id;
}

async function createBrand(input: Record<string, unknown>): Promise<string> {
  const payload = await f.expectOk<any>(
    p.gql(create, { input: { streetId, ...input } }),
    'createBrand',
  );
  brand[payload.brand.name] = payload.brand.id;
  return payload.brand.id;
}

beforeAll(async () => {
  p = await startTestPlatform();
  f = fixtures(p);
  streetId = await f.streetId('621002001');
  otherStreetId = await f.streetId('620104001');
  org.committee = await organization({
    streetId,
    kind: 'STREET_COMMITTEE',
    name: '南街街道党工委',
  });
  org.nanyuan = await organization({ streetId, kind: 'COMMUNITY', name: '南苑路社区' });
  org.dongda = await organization({ streetId, kind: 'COMMUNITY', name: '东大街社区' });
  org.branch = await organization({
    streetId,
    kind: 'PARTY_BRANCH',
    name: '南苑路社区离退休干部党支部',
    parentId: org.nanyuan,
  });
  org.closed = await organization({ streetId, kind: 'COMMUNITY', name: '已撤并社区' });
  await f.expectOk(
    p.gql(
      `mutation($id: ID!) { archiveOrganization(input: { id: $id }) { organization { id } userErrors { field message code } } }`,
      { id: org.closed },
    ),
    'archiveOrganization',
  );
  org.other = await organization({
    streetId: otherStreetId,
    kind: 'COMMUNITY',
    name: '西固城社区',
  });

  // 初心红 and its five sub-brands (南街街道), and a brand of another street.
  await createBrand({ ownerId: org.committee, name: '初心红', slogan: '不忘初心 红心向党' });
  await createBrand({
    ownerId: org.nanyuan,
    parentId: brand['初心红'],
    name: '初心巷',
    isPrimary: true,
  });
  await createBrand({
    ownerId: org.dongda,
    parentId: brand['初心红'],
    name: '初心站',
    isPrimary: true,
  });
  for (const name of ['初心堂', '初心桥', '初心团'])
    await createBrand({ ownerId: org.committee, parentId: brand['初心红'], name });
  await createBrand({ ownerId: org.branch, parentId: brand['初心巷'], name: '夕阳红宣讲队' });
  await createBrand({ ownerId: org.committee, name: '锦绣九龙' });
  brand['蒲公英'] = (
    await f.expectOk<any>(
      p.gql(create, {
        input: { streetId: otherStreetId, ownerId: org.other, name: '蒲公英', isPrimary: true },
      }),
      'createBrand',
    )
  ).brand.id;
});
afterAll(() => p.stop());

describe('createBrand', () => {
  it('creates a sub-brand with its owner and parent, stores the path and records brand.created', async () => {
    const before = await count('domain_event');
    const res = await p.gql<any>(create, {
      input: {
        streetId,
        ownerId: org.committee,
        parentId: brand['初心堂'],
        name: '  初心讲堂  ',
        slogan: '',
        description: '每月一讲',
      },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.createBrand).toEqual({
      brand: {
        id: expect.any(String),
        name: '初心讲堂',
        slogan: null,
        isPrimary: false,
        owner: { name: '南街街道党工委' },
        parent: { name: '初心堂' },
      },
      userErrors: [],
    });
    const [row] = await p.db.query<any>(
      `SELECT b.path::text AS path, r.id::text AS root, t.id::text AS tang, b.id::text AS id,
         b.owner_organization_id::text AS owner
       FROM brand b, brand r, brand t WHERE b.name = '初心讲堂' AND r.name = '初心红' AND t.name = '初心堂'`,
    );
    expect(row.path).toBe(`${row.root}.${row.tang}.${row.id}`);
    expect(await count('domain_event')).toBe(before + 1);
    expect(await lastEvent()).toEqual({
      type: 'brand.created',
      payload: { name: '初心讲堂', ownerId: row.owner, parentId: row.tang, isPrimary: false },
    });
    const [root] = await p.db.query<any>(
      `SELECT path::text AS path, id::text AS id FROM brand WHERE name = '初心红'`,
    );
    expect(root.path).toBe(root.id);
  });

  const bad: [string, Record<string, unknown>, string[], string, RegExp][] = [
    [
      'an empty name',
      { ownerId: 'committee', name: ' ' },
      ['input', 'name'],
      'INVALID',
      /Name is required/,
    ],
    [
      'a name over 100 characters',
      { ownerId: 'committee', name: '红'.repeat(101) },
      ['input', 'name'],
      'TOO_LONG',
      /at most 100/,
    ],
    [
      'a slogan over 100 characters',
      { ownerId: 'committee', name: 'x', slogan: '红'.repeat(101) },
      ['input', 'slogan'],
      'TOO_LONG',
      /At most 100/,
    ],
    [
      'an owner of another street',
      { ownerId: 'other', name: 'x' },
      ['input', 'ownerId'],
      'NOT_FOUND',
      /No organization with this ID exists in this street/,
    ],
    [
      'an archived owner',
      { ownerId: 'closed', name: 'x' },
      ['input', 'ownerId'],
      'CONFLICT',
      /organization is archived/,
    ],
    [
      'an owner that is not an organization ID',
      { ownerId: 'street', name: 'x' },
      ['input', 'ownerId'],
      'INVALID',
      /Not the ID of an Organization/,
    ],
    [
      'a parent of another street',
      { ownerId: 'committee', parent: '蒲公英', name: 'x' },
      ['input', 'parentId'],
      'NOT_FOUND',
      /No brand with this ID exists in this street/,
    ],
    [
      'a primary brand owned by a party committee',
      { ownerId: 'committee', name: 'x', isPrimary: true },
      ['input', 'isPrimary'],
      'INVALID',
      /belongs to a community; 南街街道党工委 is not a community/,
    ],
    [
      'a second primary brand of a community (一社一品)',
      { ownerId: 'nanyuan', name: 'x', isPrimary: true },
      ['input', 'isPrimary'],
      'CONFLICT',
      /南苑路社区 already has a primary brand \(初心巷\)/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_what, input, field, code, message) => {
      const { ownerId, parent, ...rest } = input as { ownerId: string; parent?: string };
      const before = [await count('brand'), await count('domain_event')];
      const res = await p.gql<any>(create, {
        input: {
          streetId,
          ownerId: ownerId === 'street' ? streetId : org[ownerId as keyof typeof org],
          ...(parent ? { parentId: brand[parent] } : {}),
          ...rest,
        },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.createBrand.brand).toBeNull();
      expect(res.body.data.createBrand.userErrors).toEqual([
        { field, code, message: expect.stringMatching(message) },
      ]);
      expect([await count('brand'), await count('domain_event')]).toEqual(before);
    },
  );

  it('refuses a sub-brand under an archived brand', async () => {
    const leaf = await createBrand({ ownerId: org.committee, name: '临时品牌' });
    await p.gql(archive, { id: leaf });
    const before = await count('brand');
    const res = await p.gql<any>(create, {
      input: { streetId, ownerId: org.committee, parentId: leaf, name: 'x' },
    });
    expect(res.body.data.createBrand.userErrors).toEqual([
      { field: ['input', 'parentId'], code: 'CONFLICT', message: 'The parent brand is archived.' },
    ]);
    expect(await count('brand')).toBe(before);
  });

  it('lets only one of two simultaneous primary brands of a community through', async () => {
    const community = await organization({ streetId, kind: 'COMMUNITY', name: '并发社区' });
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((name) =>
        p.gql<any>(create, { input: { streetId, ownerId: community, name, isPrimary: true } }),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const ok = results.filter((r) => r.body.data.createBrand.brand);
    const refused = results.filter((r) => r.body.data.createBrand.userErrors.length);
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => r.body.data.createBrand.userErrors[0].code)).toEqual([
      'CONFLICT',
      'CONFLICT',
    ]);
  });

  it('is refused to anonymous callers', async () => {
    const res = await p.gql<any>(
      create,
      { input: { streetId, ownerId: org.committee, name: 'x' } },
      { as: 'anonymous' },
    );
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('brands query', () => {
  const names = (conn: any) => conn.nodes.map((n: any) => n.name);

  it('filters by street, owner, parent, top level, subtree, primary and search', async () => {
    const res = await p.gql<any>(
      `query($street: ID!, $owner: ID!, $parent: ID!, $sub: ID!) {
        all: brands(first: 100) { totalCount }
        street: brands(filter: { streetId: $street }, first: 100) { totalCount }
        owner: brands(filter: { ownerId: $owner }) { nodes { name } }
        parent: brands(filter: { parentId: $parent }) { nodes { name } }
        roots: brands(filter: { streetId: $street, rootsOnly: true }) { nodes { name } }
        subtree: brands(filter: { subtreeOf: $sub }) { nodes { name } }
        primary: brands(filter: { primaryOnly: true }) { nodes { name isPrimary } }
        search: brands(filter: { search: "红心" }) { nodes { name slogan } }
      }`,
      { street: streetId, owner: org.nanyuan, parent: brand['初心红'], sub: brand['初心巷'] },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.street.totalCount).toBeGreaterThanOrEqual(10);
    expect(d.all.totalCount).toBe(d.street.totalCount + 1);
    expect(names(d.owner)).toEqual(['初心巷']);
    expect(names(d.parent)).toEqual(['初心团', '初心堂', '初心巷', '初心桥', '初心站']);
    expect(names(d.roots)).toEqual(expect.arrayContaining(['初心红', '锦绣九龙']));
    expect(names(d.roots)).not.toContain('初心巷');
    expect(names(d.subtree)).toEqual(['初心巷', '夕阳红宣讲队']);
    expect(names(d.primary)).toEqual(expect.arrayContaining(['初心巷', '初心站', '蒲公英']));
    expect(d.primary.nodes.every((n: any) => n.isPrimary)).toBe(true);
    expect(d.search.nodes).toEqual([{ name: '初心红', slogan: '不忘初心 红心向党' }]);
  });

  it('orders by name or creation and pages with cursors', async () => {
    const q = `query($after: String, $order: BrandOrder) {
      brands(filter: { parentId: "${brand['初心红']}" }, first: 2, after: $after, orderBy: $order) {
        nodes { name } pageInfo { hasNextPage endCursor } } }`;
    const first = await p.gql<any>(q, {});
    expect(names(first.body.data.brands)).toEqual(['初心团', '初心堂']);
    expect(first.body.data.brands.pageInfo.hasNextPage).toBe(true);
    const second = await p.gql<any>(q, { after: first.body.data.brands.pageInfo.endCursor });
    expect(names(second.body.data.brands)).toEqual(['初心巷', '初心桥']);
    const newest = await p.gql<any>(q, { order: { field: 'CREATED_AT', direction: 'DESC' } });
    expect(names(newest.body.data.brands)).toEqual(['初心团', '初心桥']);
    const next = await p.gql<any>(q, {
      order: { field: 'CREATED_AT', direction: 'DESC' },
      after: newest.body.data.brands.pageInfo.endCursor,
    });
    expect(names(next.body.data.brands)).toEqual(['初心堂', '初心站']);
    // Ascending, the cursor of a row created within a millisecond must not bring it back.
    const oldest = await p.gql<any>(q, { order: { field: 'CREATED_AT', direction: 'ASC' } });
    const later = await p.gql<any>(q, {
      order: { field: 'CREATED_AT', direction: 'ASC' },
      after: oldest.body.data.brands.pageInfo.endCursor,
    });
    expect([...names(oldest.body.data.brands), ...names(later.body.data.brands)]).toEqual([
      '初心巷',
      '初心站',
      '初心堂',
      '初心桥',
    ]);
  });

  it('answers a filter ID of the wrong type with BAD_USER_INPUT', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { brands(filter: { subtreeOf: $id }) { totalCount } }`,
      { id: streetId },
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/filter.subtreeOf.*Brand/);
  });

  it('is scoped: anonymous callers see no brands, nested or by ID', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { brands { totalCount } node(id: $id) { id } }`,
      { id: brand['初心红'] },
      { as: 'anonymous' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ brands: { totalCount: 0 }, node: null });
  });
});

describe('the brand tree', () => {
  it('walks parent, ancestors, children, owner and street', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Brand {
        name parent { name } ancestors { name } owner { name kind } street { code }
        children { totalCount nodes { name owner { name } } }
        up: parent { children(first: 2, filter: { primaryOnly: true }) { totalCount nodes { name } } }
      } } }`,
      { id: brand['夕阳红宣讲队'] },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node).toEqual({
      name: '夕阳红宣讲队',
      parent: { name: '初心巷' },
      ancestors: [{ name: '初心红' }, { name: '初心巷' }],
      owner: { name: '南苑路社区离退休干部党支部', kind: 'PARTY_BRANCH' },
      street: { code: '621002001' },
      children: { totalCount: 0, nodes: [] },
      up: { children: { totalCount: 0, nodes: [] } },
    });
    const root = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Brand { ancestors { name } parent { name }
        children(filter: { primaryOnly: true }) { totalCount nodes { name } } } } }`,
      { id: brand['初心红'] },
    );
    expect(root.body.data.node).toEqual({
      ancestors: [],
      parent: null,
      children: { totalCount: 2, nodes: [{ name: '初心巷' }, { name: '初心站' }] },
    });
  });

  it('lists brands of organizations and streets', async () => {
    const res = await p.gql<any>(
      `query($nanyuan: ID!, $committee: ID!, $street: ID!) {
        nanyuan: node(id: $nanyuan) { ... on Organization { brands { nodes { name isPrimary } } } }
        committee: node(id: $committee) { ... on Organization {
          all: brands(first: 100) { totalCount }
          primary: brands(filter: { primaryOnly: true }) { totalCount }
          search: brands(filter: { search: "锦绣" }) { nodes { name } } } }
        street: node(id: $street) { ... on Street {
          brands(filter: { rootsOnly: true, search: "初心" }) { totalCount nodes { name } } } }
      }`,
      { nanyuan: org.nanyuan, committee: org.committee, street: streetId },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.nanyuan.brands.nodes).toEqual([{ name: '初心巷', isPrimary: true }]);
    expect(d.committee.all.totalCount).toBeGreaterThanOrEqual(6);
    expect(d.committee.primary.totalCount).toBe(0);
    expect(d.committee.search.nodes).toEqual([{ name: '锦绣九龙' }]);
    expect(d.street.brands).toEqual({ totalCount: 1, nodes: [{ name: '初心红' }] });
  });

  it('costs no more statements for many brands than for one', async () => {
    const q = (filter: string) => `{ brands(first: 20, filter: ${filter}) { nodes {
      name ancestors { name } parent { name } owner { name } street { code }
      children(first: 10) { totalCount nodes { name children(first: 5) { totalCount } } }
    } } }`;
    const one = await p.countStatements(() => p.gql<any>(q(`{ search: "初心巷" }`)));
    const many = await p.countStatements(() => p.gql<any>(q(`{ streetId: "${streetId}" }`)));
    expect(one.result.body.errors).toBeUndefined();
    expect(many.result.body.errors).toBeUndefined();
    expect(many.result.body.data.brands.nodes.length).toBeGreaterThanOrEqual(8);
    // Depth bounds the statements: one per level and loader, whatever the number of brands (the
    // wider query may need fewer, when a child was already loaded as a listed brand).
    const reads = (r: { statements: string[] }) => r.statements.filter((t) => /\bFROM\b/.test(t));
    expect(reads(one)).toHaveLength(8);
    expect(reads(many).length).toBeLessThanOrEqual(reads(one).length);
  });
});

describe('updateBrand', () => {
  it('changes only the fields given, clears with null, and records the changes', async () => {
    const res = await p.gql<any>(update, {
      input: { id: brand['初心桥'], slogan: '连心桥', description: '党群连心桥' },
    });
    expect(res.body.data.updateBrand).toEqual({
      brand: {
        name: '初心桥',
        slogan: '连心桥',
        description: '党群连心桥',
        isPrimary: false,
        owner: { name: '南街街道党工委' },
        parent: { name: '初心红' },
        ancestors: [{ name: '初心红' }],
      },
      userErrors: [],
    });
    const cleared = await p.gql<any>(update, { input: { id: brand['初心桥'], slogan: null } });
    expect(cleared.body.data.updateBrand.brand.slogan).toBeNull();
    expect(await lastEvent()).toEqual({
      type: 'brand.updated',
      payload: { changes: { slogan: null } },
    });
    const events = await count('domain_event');
    await p.gql<any>(update, { input: { id: brand['初心桥'], name: '初心桥' } });
    expect(await count('domain_event')).toBe(events);
  });

  it('moves a brand with its sub-brands, and refuses a move under its own subtree', async () => {
    const moved = await p.gql<any>(update, {
      input: { id: brand['初心巷'], parentId: brand['锦绣九龙'] },
    });
    expect(moved.body.data.updateBrand.userErrors).toEqual([]);
    expect(moved.body.data.updateBrand.brand.ancestors).toEqual([{ name: '锦绣九龙' }]);
    const leaf = await p.gql<any>(
      `query($id: ID!, $root: ID!) { node(id: $id) { ... on Brand { ancestors { name } } }
        brands(filter: { subtreeOf: $root }) { nodes { name } } }`,
      { id: brand['夕阳红宣讲队'], root: brand['锦绣九龙'] },
    );
    expect(leaf.body.data.node.ancestors).toEqual([{ name: '锦绣九龙' }, { name: '初心巷' }]);
    expect(leaf.body.data.brands.nodes.map((n: any) => n.name)).toEqual([
      '初心巷',
      '夕阳红宣讲队',
      '锦绣九龙',
    ]);
    expect(await lastEvent()).toMatchObject({
      type: 'brand.updated',
      payload: { changes: { parentId: expect.any(String), path: expect.any(String) } },
    });

    const before = await p.db.query(`SELECT id, path::text FROM brand ORDER BY id`);
    const cycle = await p.gql<any>(update, {
      input: { id: brand['锦绣九龙'], parentId: brand['夕阳红宣讲队'] },
    });
    expect(cycle.body.data.updateBrand.userErrors).toEqual([
      {
        field: ['input', 'parentId'],
        code: 'INVALID',
        message: 'A brand cannot move under itself or one of its own sub-brands.',
      },
    ]);
    expect(await p.db.query(`SELECT id, path::text FROM brand ORDER BY id`)).toEqual(before);

    const back = await p.gql<any>(update, {
      input: { id: brand['初心巷'], parentId: brand['初心红'] },
    });
    expect(back.body.data.updateBrand.brand.ancestors).toEqual([{ name: '初心红' }]);
    const top = await p.gql<any>(update, { input: { id: brand['初心团'], parentId: null } });
    expect(top.body.data.updateBrand.brand).toMatchObject({ parent: null, ancestors: [] });
    const [row] = await p.db.query<any>(
      `SELECT path::text AS path, id::text AS id FROM brand WHERE name = '初心团'`,
    );
    expect(row.path).toBe(row.id);
  });

  it('sets and clears the primary brand under one community, one brand (一社一品)', async () => {
    const second = await createBrand({ ownerId: org.nanyuan, name: '南苑红' });
    const taken = await p.gql<any>(update, { input: { id: second, isPrimary: true } });
    expect(taken.body.data.updateBrand.userErrors).toEqual([
      {
        field: ['input', 'isPrimary'],
        code: 'CONFLICT',
        message: expect.stringMatching(/南苑路社区 already has a primary brand \(初心巷\)/),
      },
    ]);
    const toTaken = await p.gql<any>(update, {
      input: { id: brand['初心巷'], ownerId: org.dongda },
    });
    expect(toTaken.body.data.updateBrand.userErrors).toEqual([
      {
        field: ['input', 'ownerId'],
        code: 'CONFLICT',
        message: expect.stringMatching(/东大街社区 already has a primary brand \(初心站\)/),
      },
    ]);
    const toBranch = await p.gql<any>(update, {
      input: { id: brand['初心巷'], ownerId: org.branch },
    });
    expect(toBranch.body.data.updateBrand.userErrors[0]).toMatchObject({
      field: ['input', 'ownerId'],
      code: 'INVALID',
    });

    const cleared = await p.gql<any>(update, { input: { id: brand['初心巷'], isPrimary: false } });
    expect(cleared.body.data.updateBrand.brand.isPrimary).toBe(false);
    const set = await p.gql<any>(update, { input: { id: second, isPrimary: true } });
    expect(set.body.data.updateBrand).toMatchObject({ brand: { isPrimary: true }, userErrors: [] });
    const list = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Organization { brands(filter: { primaryOnly: true }) { nodes { name } } } } }`,
      { id: org.nanyuan },
    );
    expect(list.body.data.node.brands.nodes).toEqual([{ name: '南苑红' }]);
  });

  it('answers bad updates with user errors', async () => {
    const empty = await p.gql<any>(update, { input: { id: brand['初心桥'], name: '' } });
    expect(empty.body.data.updateBrand.userErrors).toEqual([
      { field: ['input', 'name'], code: 'INVALID', message: 'Name is required.' },
    ]);
    const wrong = await p.gql<any>(update, { input: { id: org.nanyuan, name: 'x' } });
    expect(wrong.body.data.updateBrand.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID', message: 'Not the ID of a Brand.' },
    ]);
    const foreign = await p.gql<any>(update, {
      input: { id: brand['初心桥'], ownerId: org.other },
    });
    expect(foreign.body.data.updateBrand.userErrors).toEqual([
      {
        field: ['input', 'ownerId'],
        code: 'NOT_FOUND',
        message: 'No organization with this ID exists in this street.',
      },
    ]);
    const anonymous = await p.gql<any>(
      update,
      { input: { id: brand['初心桥'], name: 'x' } },
      { as: 'anonymous' },
    );
    expect(anonymous.body.data.updateBrand.userErrors).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND', message: 'No brand has this ID.' },
    ]);
  });
});

describe('archiveBrand', () => {
  it('refuses a brand with sub-brands in use, archives a leaf, and refuses twice', async () => {
    const parent = await p.gql<any>(archive, { id: brand['初心巷'] });
    expect(parent.body.data.archiveBrand).toEqual({
      brand: null,
      userErrors: [
        {
          field: ['input', 'id'],
          code: 'CONFLICT',
          message: 'This brand has 1 sub-brand(s) in use; archive them first.',
        },
      ],
    });
    const leaf = await p.gql<any>(archive, { id: brand['初心站'] });
    expect(leaf.body.data.archiveBrand).toEqual({
      brand: { archived: true, archivedAt: expect.any(String) },
      userErrors: [],
    });
    expect(await lastEvent()).toEqual({ type: 'brand.archived', payload: {} });
    const twice = await p.gql<any>(archive, { id: brand['初心站'] });
    expect(twice.body.data.archiveBrand.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
  });

  it('hides archived brands from lists unless asked, keeps them readable, and frees the primary slot', async () => {
    const res = await p.gql<any>(
      `query($root: ID!, $id: ID!, $dongda: ID!) {
        a: brands(filter: { parentId: $root }) { nodes { name } }
        b: brands(filter: { parentId: $root, includeArchived: true }) { nodes { name } }
        node(id: $id) { ... on Brand { name archived parent { name } } }
        dongda: node(id: $dongda) { ... on Organization { brands(filter: { includeArchived: true }) { nodes { name } } } }
      }`,
      { root: brand['初心红'], id: brand['初心站'], dongda: org.dongda },
    );
    expect(res.body.data.a.nodes.map((n: any) => n.name)).not.toContain('初心站');
    expect(res.body.data.b.nodes.map((n: any) => n.name)).toContain('初心站');
    expect(res.body.data.node).toEqual({
      name: '初心站',
      archived: true,
      parent: { name: '初心红' },
    });
    expect(res.body.data.dongda.brands.nodes).toEqual([{ name: '初心站' }]);
    const again = await p.gql<any>(create, {
      input: { streetId, ownerId: org.dongda, name: '东大红', isPrimary: true },
    });
    expect(again.body.data.createBrand).toMatchObject({
      brand: { isPrimary: true },
      userErrors: [],
    });
  });
});

describe('node(id:)', () => {
  it('refetches brands', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { __typename id ... on Brand { name } } }`,
      { id: brand['初心红'] },
    );
    expect(res.body.data.node).toEqual({
      __typename: 'Brand',
      id: brand['初心红'],
      name: '初心红',
    });
  });
});
