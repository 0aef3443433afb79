import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let tree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;
let otherStreetId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  f = fixtures(p);
  tree = await f.gridTree('621002001');
  otherStreetId = await f.streetId('620104001');
  await f.gridTree('620104001');
});
afterAll(() => p.stop());

const create = `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id code level name } userErrors { field message code } } }`;

async function count(table: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

describe('grids query', () => {
  it('lists grids in code order with filters by street, level, parent, subtree, code prefix and search', async () => {
    const res = await p.gql<any>(
      `query($street: ID!, $parent: ID!, $sub: ID!) {
        all: grids(first: 100) { totalCount nodes { code } }
        street: grids(filter: { streetId: $street }) { totalCount }
        level: grids(filter: { streetId: $street, level: COMMUNITY }) { nodes { code level } }
        parent: grids(filter: { parentId: $parent }) { nodes { code } }
        subtree: grids(filter: { subtreeOf: $sub }) { nodes { code } }
        prefix: grids(filter: { codePrefix: "620104001" }) { totalCount }
        search: grids(filter: { search: "社区二" }) { nodes { code } }
      }`,
      { street: tree.streetId, parent: tree.root.id, sub: tree.c1.id },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.all.totalCount).toBe(8);
    expect(d.all.nodes.map((n: any) => n.code)).toEqual(
      [...d.all.nodes.map((n: any) => n.code)].sort(),
    );
    expect(d.street.totalCount).toBe(4);
    expect(d.level.nodes).toEqual([
      { code: '621002001001', level: 'COMMUNITY' },
      { code: '621002001002', level: 'COMMUNITY' },
    ]);
    expect(d.parent.nodes.map((n: any) => n.code)).toEqual(['621002001001', '621002001002']);
    expect(d.subtree.nodes.map((n: any) => n.code)).toEqual(['621002001001', '621002001001001']);
    expect(d.prefix.totalCount).toBe(4);
    expect(d.search.nodes.map((n: any) => n.code).sort()).toEqual(['620104001002', '621002001002']);
  });

  it('walks the tree: parent, ancestors, children, descendants, street', async () => {
    const res = await p.gql<any>(`{ grid(code: "621002001001001") {
      level parent { code } ancestors { code level } street { code }
      up: parent { parent { children(first: 1) { totalCount pageInfo { hasNextPage } nodes { code } } descendants { totalCount } } }
    } }`);
    const g = res.body.data.grid;
    expect(g.level).toBe('UNIT');
    expect(g.parent.code).toBe('621002001001');
    expect(g.ancestors).toEqual([
      { code: '621002001', level: 'STREET' },
      { code: '621002001001', level: 'COMMUNITY' },
    ]);
    expect(g.street.code).toBe('621002001');
    expect(g.up.parent.children).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      nodes: [{ code: '621002001001' }],
    });
    expect(g.up.parent.descendants.totalCount).toBe(3);
  });

  it('is scoped: anonymous callers see no grids', async () => {
    const res = await p.gql<any>(
      `{ grids { totalCount } grid(code: "621002001") { code } }`,
      {},
      { as: 'anonymous' },
    );
    expect(res.body.data).toEqual({ grids: { totalCount: 0 }, grid: null });
  });

  it('answers a filter ID of the wrong type with BAD_USER_INPUT', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { grids(filter: { parentId: $id }) { totalCount } }`,
      { id: tree.streetId },
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/filter.parentId.*Grid/);
  });
});

describe('createGrid', () => {
  it('creates a building grid with boundary, centre and counts, and records grid.created', async () => {
    const events = await count('domain_event');
    const res = await p.gql<any>(
      `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { code level households residents buildings center { lng lat } boundary parent { code } } userErrors { field } } }`,
      {
        input: {
          streetId: tree.streetId,
          parentId: tree.u1.id,
          code: '621002001001001001',
          name: '3号楼',
          households: 48,
          residents: 130,
          buildings: 1,
          center: { lng: 107.64, lat: 35.71 },
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [107.6, 35.7],
                [107.7, 35.7],
                [107.7, 35.8],
                [107.6, 35.7],
              ],
            ],
          },
        },
      },
    );
    expect(res.body.data.createGrid.userErrors).toEqual([]);
    expect(res.body.data.createGrid.grid).toMatchObject({
      level: 'BUILDING',
      households: 48,
      residents: 130,
      buildings: 1,
      center: { lng: 107.64, lat: 35.71 },
      parent: { code: '621002001001001' },
    });
    expect(await count('domain_event')).toBe(events + 1);
  });

  const bad: [string, Record<string, unknown>, string[], string, RegExp][] = [
    [
      'a code that is not 9/12/15/18 digits',
      { code: '6210020010', name: 'x' },
      ['input', 'code'],
      'INVALID',
      /9, 12, 15 or 18 digits/,
    ],
    [
      'a child code not under its parent',
      { code: '621002002009', name: 'x', parent: 'root' },
      ['input', 'code'],
      'INVALID',
      /parent's code \(621002001\)/,
    ],
    [
      'a street grid with another code',
      { code: '621002009', name: 'x' },
      ['input', 'code'],
      'INVALID',
      /street's code/,
    ],
    [
      'a second street grid',
      { code: '621002001', name: 'x' },
      ['input', 'code'],
      'TAKEN',
      /already exists/,
    ],
    [
      'a taken code',
      { code: '621002001001', name: 'x', parent: 'root' },
      ['input', 'code'],
      'TAKEN',
      /already exists/,
    ],
    [
      'an empty name',
      { code: '621002001003', name: ' ', parent: 'root' },
      ['input', 'name'],
      'INVALID',
      /Name is required/,
    ],
    [
      'a negative count',
      { code: '621002001003', name: 'x', parent: 'root', households: -1 },
      ['input', 'households'],
      'INVALID',
      /negative/,
    ],
    [
      'a centre off the globe',
      { code: '621002001003', name: 'x', parent: 'root', center: { lng: 200, lat: 0 } },
      ['input', 'center', 'lng'],
      'INVALID',
      /Longitude/,
    ],
    [
      'a boundary that is not a polygon',
      {
        code: '621002001003',
        name: 'x',
        parent: 'root',
        boundary: { type: 'Point', coordinates: [1, 2] },
      },
      ['input', 'boundary', 'type'],
      'INVALID',
      /GeoJSON Polygon/,
    ],
    [
      'an open ring',
      {
        code: '621002001003',
        name: 'x',
        parent: 'root',
        boundary: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 1],
              [2, 1],
              [2, 2],
              [1, 2],
            ],
          ],
        },
      },
      ['input', 'boundary', 'coordinates', '0'],
      'INVALID',
      /end where it starts/,
    ],
    [
      'a parent of another street',
      { code: '621002001003', name: 'x', parent: 'other' },
      ['input', 'parentId'],
      'NOT_FOUND',
      /in this street/,
    ],
    [
      'a parent that is not a grid ID',
      { code: '621002001003', name: 'x', parent: 'street' },
      ['input', 'parentId'],
      'INVALID',
      /Not the ID of a Grid/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_what, input, field, code, message) => {
      const other = (await p.gql<any>(`{ grid(code: "620104001") { id } }`)).body.data.grid.id;
      const parents: Record<string, string> = { root: tree.root.id, other, street: tree.streetId };
      const { parent, ...rest } = input as { parent?: string };
      const before = [await count('grid'), await count('domain_event')];
      const res = await p.gql<any>(create, {
        input: {
          streetId: tree.streetId,
          ...(parent ? { parentId: parents[parent] } : {}),
          ...rest,
        },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.createGrid.grid).toBeNull();
      expect(res.body.data.createGrid.userErrors).toContainEqual({
        field,
        code,
        message: expect.stringMatching(message),
      });
      expect([await count('grid'), await count('domain_event')]).toEqual(before);
    },
  );

  it('refuses a child under a building grid', async () => {
    const building = (await p.gql<any>(`{ grid(code: "621002001001001001") { id } }`)).body.data
      .grid.id;
    const res = await p.gql<any>(create, {
      input: {
        streetId: tree.streetId,
        parentId: building,
        code: '621002001001001001001',
        name: 'x',
      },
    });
    expect(res.body.data.createGrid.userErrors[0]).toMatchObject({ field: ['input', 'code'] });
  });

  it('is refused to anonymous callers', async () => {
    const res = await p.gql<any>(
      create,
      { input: { streetId: otherStreetId, code: '620104001003', name: 'x' } },
      { as: 'anonymous' },
    );
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('updateGrid and archiveGrid', () => {
  const update = `mutation($input: UpdateGridInput!) { updateGrid(input: $input) { grid { name households center { lng } } userErrors { field code message } } }`;

  it('changes only the fields given, clears with null, and records the changes', async () => {
    const res = await p.gql<any>(update, {
      input: {
        id: tree.c2.id,
        name: '社区二（新）',
        households: 300,
        center: { lng: 107.1, lat: 35.1 },
      },
    });
    expect(res.body.data.updateGrid).toEqual({
      grid: { name: '社区二（新）', households: 300, center: { lng: 107.1 } },
      userErrors: [],
    });
    const cleared = await p.gql<any>(update, { input: { id: tree.c2.id, center: null } });
    expect(cleared.body.data.updateGrid.grid).toEqual({
      name: '社区二（新）',
      households: 300,
      center: null,
    });
    const [event] = await p.db.query<any>(
      `SELECT type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({
      type: 'grid.updated',
      payload: { changes: { centerLng: null, centerLat: null } },
    });
  });

  it('answers bad updates with user errors', async () => {
    const empty = await p.gql<any>(update, { input: { id: tree.c2.id, name: '' } });
    expect(empty.body.data.updateGrid.userErrors).toEqual([
      { field: ['input', 'name'], code: 'INVALID', message: 'Name is required.' },
    ]);
    const wrong = await p.gql<any>(update, { input: { id: tree.streetId, name: 'x' } });
    expect(wrong.body.data.updateGrid.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID', message: 'Not the ID of a Grid.' },
    ]);
  });

  it('archives a leaf grid, refuses one with children in use, and refuses twice', async () => {
    const archive = `mutation($id: ID!) { archiveGrid(input: { id: $id }) { grid { archived } userErrors { field code message } } }`;
    const parent = await p.gql<any>(archive, { id: tree.c1.id });
    expect(parent.body.data.archiveGrid.userErrors[0]).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/child grid/),
    });
    const leaf = await p.gql<any>(archive, { id: tree.c2.id });
    expect(leaf.body.data.archiveGrid).toEqual({ grid: { archived: true }, userErrors: [] });
    const twice = await p.gql<any>(archive, { id: tree.c2.id });
    expect(twice.body.data.archiveGrid.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    const lists = await p.gql<any>(
      `{ a: grids(filter: { codePrefix: "621002001002" }) { totalCount } b: grids(filter: { codePrefix: "621002001002", includeArchived: true }) { totalCount } }`,
    );
    expect(lists.body.data).toEqual({ a: { totalCount: 0 }, b: { totalCount: 1 } });
  });
});

describe('grid staff', () => {
  const assign = `mutation($input: AssignGridStaffInput!) { assignGridStaff(input: $input) { assignment { id role startedOn endedOn person { name } grid { code } } userErrors { field code message } } }`;

  it('assigns the five roles, lists staff in role order, and ends an assignment', async () => {
    const leader = await f.person({ streetId: tree.streetId, name: '李网格长' });
    const member = await f.person({ streetId: tree.streetId, name: '张网格员' });
    const a1 = await p.gql<any>(assign, {
      input: { gridId: tree.c1.id, personId: member.id, role: 'MEMBER', startedOn: '2024-03-01' },
    });
    const a2 = await p.gql<any>(assign, {
      input: { gridId: tree.c1.id, personId: leader.id, role: 'LEADER' },
    });
    expect(a1.body.data.assignGridStaff.assignment).toMatchObject({
      role: 'MEMBER',
      startedOn: '2024-03-01',
      endedOn: null,
      person: { name: '张网格员' },
    });
    expect(a2.body.data.assignGridStaff.userErrors).toEqual([]);
    const staff = await p.gql<any>(
      `{ grid(code: "621002001001") { staff { role person { name roles } } } }`,
    );
    expect(staff.body.data.grid.staff).toEqual([
      { role: 'LEADER', person: { name: '李网格长', roles: ['GRID_WORKER'] } },
      { role: 'MEMBER', person: { name: '张网格员', roles: ['GRID_WORKER'] } },
    ]);
    const end = await p.gql<any>(
      `mutation($id: ID!) { endGridStaffAssignment(input: { assignmentId: $id, endedOn: "2025-01-31" }) { assignment { endedOn } userErrors { field code } } }`,
      { id: a1.body.data.assignGridStaff.assignment.id },
    );
    expect(end.body.data.endGridStaffAssignment).toEqual({
      assignment: { endedOn: '2025-01-31' },
      userErrors: [],
    });
    const after = await p.gql<any>(`{ grid(code: "621002001001") { staff { role } } }`);
    expect(after.body.data.grid.staff).toEqual([{ role: 'LEADER' }]);
  });

  it('answers bad assignments with user errors', async () => {
    const person = await f.person({ streetId: tree.streetId, name: '王楼栋长' });
    const stranger = await f.person({ streetId: otherStreetId, name: '外街道' });
    const cases: [Record<string, unknown>, string[], string][] = [
      [
        { gridId: tree.c1.id, personId: person.id, role: 'BUILDING_LEAD' },
        ['input', 'role'],
        'INVALID',
      ],
      [
        { gridId: tree.c1.id, personId: stranger.id, role: 'MEMBER' },
        ['input', 'personId'],
        'NOT_FOUND',
      ],
      [
        { gridId: tree.c2.id, personId: person.id, role: 'MEMBER' },
        ['input', 'gridId'],
        'CONFLICT',
      ],
    ];
    for (const [input, field, code] of cases) {
      const res = await p.gql<any>(assign, { input });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.assignGridStaff.userErrors).toEqual([
        expect.objectContaining({ field, code }),
      ]);
    }
    const badDate = await p.gql<any>(assign, {
      input: { gridId: tree.c1.id, personId: person.id, role: 'MEMBER', startedOn: '2024-02-30' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/LocalDate/),
    });
    await p.gql<any>(assign, {
      input: { gridId: tree.c1.id, personId: person.id, role: 'ASSISTANT' },
    });
    const dup = await p.gql<any>(assign, {
      input: { gridId: tree.c1.id, personId: person.id, role: 'ASSISTANT' },
    });
    expect(dup.body.data.assignGridStaff.userErrors[0]).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already holds/),
    });
  });
});

describe('node(id:)', () => {
  it('refetches grids and staff assignments', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { __typename ... on Grid { code } } }`,
      { id: tree.u1.id },
    );
    expect(res.body.data.node).toEqual({ __typename: 'Grid', code: '621002001001001' });
    const anon = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: tree.u1.id },
      { as: 'anonymous' },
    );
    expect(anon.body.data.node).toBeNull();
  });
});
