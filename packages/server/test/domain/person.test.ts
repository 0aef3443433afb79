import { printContract } from '../../src/contract';
import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let tree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;

beforeAll(async () => {
  p = await startTestPlatform();
  f = fixtures(p);
  tree = await f.gridTree('621002001');
});
afterAll(() => p.stop());

const create = `mutation($input: CreatePersonInput!) { createPerson(input: $input) {
  person { id name gender birthYear phone idNumber roles employer partyMembership { status kind joinedOn } homeGrid { code } street { code } }
  userErrors { field message code } } }`;

async function count(table: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

describe('createPerson', () => {
  it('creates a retired party member living in a grid, and keeps personal data out of the event', async () => {
    const res = await p.gql<any>(create, {
      input: {
        streetId: tree.streetId,
        name: '刘淑珍',
        gender: 'FEMALE',
        birthYear: 1951,
        phone: '13909340001',
        idNumber: '11010519491231002x',
        partyMembership: { status: 'MEMBER', kind: 'RETIRED', joinedOn: '1978-07-01' },
        homeGridId: tree.u1.id,
      },
    });
    expect(res.body.data.createPerson.userErrors).toEqual([]);
    expect(res.body.data.createPerson.person).toMatchObject({
      name: '刘淑珍',
      gender: 'FEMALE',
      birthYear: 1951,
      idNumber: '11010519491231002X',
      roles: ['PARTY_MEMBER', 'RESIDENT'],
      partyMembership: { status: 'MEMBER', kind: 'RETIRED', joinedOn: '1978-07-01' },
      homeGrid: { code: '621002001001001' },
      street: { code: '621002001' },
    });
    const [event] = await p.db.query<any>(
      `SELECT type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({ type: 'person.created', payload: {} });
  });

  const bad: [string, Record<string, unknown>, string[], string, RegExp][] = [
    ['an empty name', { name: '  ' }, ['input', 'name'], 'INVALID', /Name is required/],
    ['a long name', { name: '张'.repeat(51) }, ['input', 'name'], 'TOO_LONG', /at most 50/],
    [
      'a bad phone',
      { name: 'x', phone: '12345' },
      ['input', 'phone'],
      'INVALID',
      /11-digit mobile/,
    ],
    [
      'an ID number with a wrong check digit',
      { name: 'x', idNumber: '110105194912310021' },
      ['input', 'idNumber'],
      'INVALID',
      /check digit/,
    ],
    [
      'a birth year in the future',
      { name: 'x', birthYear: 2999 },
      ['input', 'birthYear'],
      'INVALID',
      /future/,
    ],
    [
      'a home grid of another street',
      { name: 'x', homeGridId: 'other' },
      ['input', 'homeGridId'],
      'NOT_FOUND',
      /in this street/,
    ],
    [
      'a home grid ID of the wrong type',
      { name: 'x', homeGridId: 'street' },
      ['input', 'homeGridId'],
      'INVALID',
      /Not the ID of a Grid/,
    ],
  ];
  it.each(bad)(
    'answers %s with a user error and writes nothing',
    async (_what, input, field, code, message) => {
      const otherTree =
        (await p.gql<any>(`{ grid(code: "620104001") { id } }`)).body.data.grid?.id ??
        (await f.gridTree('620104001')).root.id;
      const ids: Record<string, string> = { other: otherTree, street: tree.streetId };
      const resolved = {
        ...input,
        ...(input.homeGridId ? { homeGridId: ids[input.homeGridId as string] } : {}),
      };
      const before = [await count('person'), await count('domain_event')];
      const res = await p.gql<any>(create, { input: { streetId: tree.streetId, ...resolved } });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.createPerson.person).toBeNull();
      expect(res.body.data.createPerson.userErrors).toContainEqual({
        field,
        code,
        message: expect.stringMatching(message),
      });
      expect([await count('person'), await count('domain_event')]).toEqual(before);
    },
  );
});

describe('people query', () => {
  beforeAll(async () => {
    await f.person({
      streetId: tree.streetId,
      name: '赵干部',
      isStaff: true,
      phone: '13900000001',
    });
    await f.person({
      streetId: tree.streetId,
      name: '钱在职',
      partyMembership: { status: 'PROBATIONARY', kind: 'IN_SERVICE' },
      employer: '市供电公司',
    });
    const worker = await f.person({ streetId: tree.streetId, name: '孙网格员' });
    await p.gql(
      `mutation($g: ID!, $p: ID!) { assignGridStaff(input: { gridId: $g, personId: $p, role: MEMBER }) { userErrors { code } } }`,
      { g: tree.c2.id, p: worker.id },
    );
  });

  it('filters by roles, grid subtree, party kind and name, ordered by name', async () => {
    const res = await p.gql<any>(
      `query($grid: ID!, $street: ID!) {
        staff: people(filter: { streetId: $street, roles: [STAFF] }) { nodes { name } }
        party: people(filter: { roles: [PARTY_MEMBER] }) { totalCount }
        inService: people(filter: { partyKind: IN_SERVICE }) { nodes { name employer partyMembership { status } } }
        workersOrStaff: people(filter: { roles: [GRID_WORKER, STAFF] }) { nodes { name roles } }
        inGrid: people(filter: { gridId: $grid }) { nodes { name } }
        search: people(filter: { search: "网格" }) { nodes { name } }
        desc: people(orderBy: { field: NAME, direction: DESC }) { nodes { name } }
      }`,
      { grid: tree.c1.id, street: tree.streetId },
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.staff.nodes).toEqual([{ name: '赵干部' }]);
    expect(d.party.totalCount).toBe(2);
    expect(d.inService.nodes).toEqual([
      { name: '钱在职', employer: '市供电公司', partyMembership: { status: 'PROBATIONARY' } },
    ]);
    expect(d.workersOrStaff.nodes.map((n: any) => n.name).sort()).toEqual(
      ['孙网格员', '赵干部'].sort(),
    );
    expect(d.inGrid.nodes).toEqual([{ name: '刘淑珍' }]);
    expect(d.search.nodes).toEqual([{ name: '孙网格员' }]);
    const names = d.desc.nodes.map((n: any) => n.name);
    expect(names).toEqual([...names].sort().reverse());
  });

  it("lists a street's people through Street.people, and none for anonymous callers", async () => {
    const res = await p.gql<any>(`{ street(code: "621002001") { people { totalCount } } }`);
    expect(res.body.data.street.people.totalCount).toBe(4);
    const anon = await p.gql<any>(
      `{ people { totalCount } street(code: "621002001") { people { totalCount } } }`,
      {},
      { as: 'anonymous' },
    );
    expect(anon.body.data).toEqual({
      people: { totalCount: 0 },
      street: { people: { totalCount: 0 } },
    });
  });
});

describe('input formats and personal data', () => {
  it('refuses a date that is not YYYY-MM-DD at the GraphQL layer', async () => {
    const res = await p.gql<any>(create, {
      input: {
        streetId: tree.streetId,
        name: 'x',
        partyMembership: { status: 'MEMBER', joinedOn: '1999-13-01' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/LocalDate/);
  });

  it('marks phone and idNumber with @personalData in the contract', async () => {
    const res = await p.gql<any>(`{ __type(name: "Person") { fields { name } } }`);
    expect(res.body.data.__type.fields.map((x: any) => x.name)).toEqual(
      expect.arrayContaining(['phone', 'idNumber']),
    );
    expect(await printContract()).toMatch(/phone: String @personalData\(kind: PHONE\)/);
    expect(await printContract()).toMatch(/idNumber: String @personalData\(kind: ID_NUMBER\)/);
  });
});

describe('updatePerson and archivePerson', () => {
  it('updates fields given, clears party membership with null, records only field names', async () => {
    const person = await f.person({
      streetId: tree.streetId,
      name: '周更新',
      phone: '13900000002',
      partyMembership: { status: 'MEMBER' },
    });
    const res = await p.gql<any>(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { name phone partyMembership { status } roles } userErrors { field code } } }`,
      { input: { id: person.id, name: '周新', partyMembership: null } },
    );
    expect(res.body.data.updatePerson).toEqual({
      person: { name: '周新', phone: '13900000002', partyMembership: null, roles: [] },
      userErrors: [],
    });
    const [event] = await p.db.query<any>(
      `SELECT type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
    );
    expect(event.type).toBe('person.updated');
    expect(event.payload.fields.sort()).toEqual(['name', 'partyStatus']);
    expect(JSON.stringify(event.payload)).not.toMatch(/139/);
  });

  it('answers bad updates with user errors', async () => {
    const person = await f.person({ streetId: tree.streetId, name: '吴' });
    const res = await p.gql<any>(
      `mutation($id: ID!) { updatePerson(input: { id: $id, phone: "abc" }) { person { id } userErrors { field code } } }`,
      { id: person.id },
    );
    expect(res.body.data.updatePerson).toEqual({
      person: null,
      userErrors: [{ field: ['input', 'phone'], code: 'INVALID' }],
    });
  });

  it('archives a person, who then leaves lists but stays reachable by node(id:)', async () => {
    const person = await f.person({ streetId: tree.streetId, name: '郑搬走' });
    const res = await p.gql<any>(
      `mutation($id: ID!) { archivePerson(input: { id: $id }) { person { archived } userErrors { code } } }`,
      { id: person.id },
    );
    expect(res.body.data.archivePerson).toEqual({ person: { archived: true }, userErrors: [] });
    const lists = await p.gql<any>(
      `query($id: ID!) { people(filter: { search: "郑搬走" }) { totalCount } node(id: $id) { ... on Person { name archived } } }`,
      { id: person.id },
    );
    expect(lists.body.data).toEqual({
      people: { totalCount: 0 },
      node: { name: '郑搬走', archived: true },
    });
    const twice = await p.gql<any>(
      `mutation($id: ID!) { archivePerson(input: { id: $id }) { userErrors { code } } }`,
      { id: person.id },
    );
    expect(twice.body.data.archivePerson.userErrors).toEqual([{ code: 'ILLEGAL_TRANSITION' }]);
  });
});
