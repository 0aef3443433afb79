import { startTestPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

const STREET = `id code name archived archivedAt createdAt updatedAt district { id code name }`;

async function count(table: string): Promise<number> {
  const [row] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

describe('streets', () => {
  it('lists the demo streets by code, with totalCount and districts', async () => {
    const res = await platform.gql<any>(
      `{ streets { totalCount nodes { code name district { code name } } } }`,
      {},
      { as: 'anonymous' },
    );
    expect(res.status).toBe(200);
    const { totalCount, nodes } = res.body.data.streets;
    expect(totalCount).toBe(6);
    expect(nodes.map((n: any) => n.code)).toEqual([...nodes.map((n: any) => n.code)].sort());
    expect(nodes).toContainEqual({
      code: '621002001',
      name: '南街街道',
      district: { code: '621002', name: '西峰区' },
    });
  });

  it('pages forwards and backwards with cursors, following the Relay spec', async () => {
    const q = `query($first: Int, $after: String, $last: Int, $before: String) {
      streets(first: $first, after: $after, last: $last, before: $before) {
        edges { cursor node { code } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      } }`;
    const p1 = (await platform.gql<any>(q, { first: 4 })).body.data.streets;
    expect(p1.edges).toHaveLength(4);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(p1.pageInfo.startCursor).toBe(p1.edges[0].cursor);
    expect(p1.pageInfo.endCursor).toBe(p1.edges[3].cursor);

    const p2 = (await platform.gql<any>(q, { first: 4, after: p1.pageInfo.endCursor })).body.data
      .streets;
    expect(p2.edges).toHaveLength(2);
    expect(p2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = [...p1.edges, ...p2.edges].map((e: any) => e.node.code);
    expect(new Set(all).size).toBe(6);

    const back = (await platform.gql<any>(q, { last: 3, before: p2.edges[1].cursor })).body.data
      .streets;
    expect(back.edges.map((e: any) => e.node.code)).toEqual(all.slice(2, 5));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const tail = (await platform.gql<any>(q, { last: 2 })).body.data.streets;
    expect(tail.edges.map((e: any) => e.node.code)).toEqual(all.slice(4));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const empty = (await platform.gql<any>(q, { first: 0 })).body.data.streets;
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo).toMatchObject({ startCursor: null, endCursor: null, hasNextPage: true });
  });

  it('orders by name descending and filters by district and search', async () => {
    const desc = await platform.gql<any>(
      `{ streets(orderBy: { field: NAME, direction: DESC }) { nodes { name } } }`,
    );
    const names = desc.body.data.streets.nodes.map((n: any) => n.name);
    expect(names).toEqual([...names].sort().reverse());

    const byDistrict = await platform.gql<any>(
      `{ streets(filter: { districtCode: "410104" }) { totalCount nodes { name } } }`,
    );
    expect(byDistrict.body.data.streets.totalCount).toBe(2);
    expect(byDistrict.body.data.streets.nodes.map((n: any) => n.name).sort()).toEqual(
      ['十八里河街道', '城东路街道'].sort(),
    );

    const search = await platform.gql<any>(
      `{ a: streets(filter: { search: "城" }) { totalCount } b: streets(filter: { search: "6210" }) { nodes { code } } c: streets(filter: { districtCode: "999999" }) { totalCount } }`,
    );
    expect(search.body.data.a.totalCount).toBe(3);
    expect(search.body.data.b.nodes).toEqual([{ code: '621002001' }]);
    expect(search.body.data.c.totalCount).toBe(0);
  });

  it('pages by a non-unique key (name) without skipping or repeating rows', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await platform.gql<any>(
        `query($after: String) { streets(first: 1, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { code } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      seen.push(...res.body.data.streets.nodes.map((n: any) => n.code));
      if (!res.body.data.streets.pageInfo.hasNextPage) break;
      after = res.body.data.streets.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('rejects bad pagination arguments with clear errors', async () => {
    const cases: [string, RegExp][] = [
      ['{ streets(first: 101) { totalCount } }', /"first" must be between 0 and 100; got 101/],
      ['{ streets(last: -1) { totalCount } }', /"last" must be between 0 and 100/],
      ['{ streets(first: 1, last: 1) { totalCount } }', /either "first" or "last"/],
      ['{ streets(after: "bogus") { totalCount } }', /"after" is not a cursor/],
    ];
    for (const [query, message] of cases) {
      const res = await platform.gql(query);
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect(res.body.errors![0]!.message).toMatch(message);
      expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
  });

  it('rejects a cursor whose sort value or id does not fit the order, naming the argument', async () => {
    const cursor = (value: unknown, id: unknown) =>
      Buffer.from(JSON.stringify([value, id])).toString('base64url');
    const cases: [string, string][] = [
      ['CREATED_AT', cursor('not-a-date', '1')],
      ['CREATED_AT', cursor('2024-02-30T00:00:00.000Z', '1')],
      ['CREATED_AT', cursor('+275760-09-13T00:00:00.000Z', '1')],
      ['CREATED_AT', cursor('0000-01-01T00:00:00.000Z', '1')],
      ['CREATED_AT', cursor(1, '1')],
      ['CREATED_AT', cursor('2024-01-01T00:00:00.000Z', '9223372036854775808')],
      ['CREATED_AT', cursor('2024-01-01T00:00:00.000Z', '9999999999999999999')],
      ['NAME', cursor('a\u0000b', '1')],
      ['NAME', cursor(null, '1')],
    ];
    for (const [field, after] of cases) {
      const res = await platform.gql<any>(
        `query($after: String) { streets(after: $after, orderBy: { field: ${field} }) { totalCount } }`,
        { after },
      );
      expect({ field, after, errors: res.body.errors }).toEqual({
        field,
        after,
        errors: [
          expect.objectContaining({
            message: '"after" is not a cursor returned by this connection in this order.',
            extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
          }),
        ],
      });
    }
    // A date order (service records by day) takes only days.
    for (const value of ['abc', '2023-02-29', '0000-01-01', '2024-01-01T00:00:00.000Z']) {
      const res = await platform.gql<any>(
        `query($c: String) { serviceRecords(before: $c, last: 1, orderBy: { field: SERVED_ON }) { totalCount } }`,
        { c: cursor(value, '1') },
      );
      expect(res.body.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        argument: 'before',
      });
    }
    // A cursor the connection did return still works.
    const ok = await platform.gql<any>(
      `query($after: String) { streets(first: 1, after: $after, orderBy: { field: CREATED_AT }) { nodes { code } } }`,
      { after: cursor('2000-01-01T00:00:00.000Z', '9223372036854775807') },
    );
    expect(ok.body.errors).toBeUndefined();
  });

  it('finds a street by code, and null for an unknown code', async () => {
    const res = await platform.gql<any>(
      `{ a: street(code: "620104001") { name } b: street(code: "000000000") { name } }`,
    );
    expect(res.body.data).toEqual({ a: { name: '西固城街道' }, b: null });
  });
});

describe('node(id:) and nodes(ids:)', () => {
  it('refetches streets and districts by global ID', async () => {
    const list = await platform.gql<any>(
      `{ streets(first: 2) { nodes { id code district { id code } } } }`,
    );
    const [s1, s2] = list.body.data.streets.nodes;
    const res = await platform.gql<any>(
      `query($a: ID!, $ids: [ID!]!) { node(id: $a) { __typename id ... on Street { code } } nodes(ids: $ids) { __typename id ... on District { code } ... on Street { code } } }`,
      { a: s1.id, ids: [s2.id, s1.district.id, 'U3RyZWV0Ojk5OTk5'] },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node).toEqual({ __typename: 'Street', id: s1.id, code: s1.code });
    expect(res.body.data.nodes).toEqual([
      { __typename: 'Street', id: s2.id, code: s2.code },
      { __typename: 'District', id: s1.district.id, code: s1.district.code },
      null,
    ]);
  });

  it('answers a malformed ID with BAD_USER_INPUT', async () => {
    const res = await platform.gql(`{ node(id: "not an id!") { id } }`);
    expect(res.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors![0]!.message).toMatch(/not a valid ID/);
  });

  it('answers a malformed ID in nodes(ids:) with null at its place and an error at its path', async () => {
    const street = Buffer.from('Street:1').toString('base64url');
    const res = await platform.gql<any>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename } streets(first: 1) { totalCount } }`,
      { ids: [street, 'not an id!', street, '', street] },
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      nodes: [
        { __typename: 'Street' },
        null,
        { __typename: 'Street' },
        null,
        { __typename: 'Street' },
      ],
      streets: { totalCount: 6 },
    });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        message: '"not an id!" is not a valid ID.',
        path: ['nodes', 1],
        extensions: { code: 'BAD_USER_INPUT', id: 'not an id!' },
      }),
      expect.objectContaining({
        path: ['nodes', 3],
        extensions: { code: 'BAD_USER_INPUT', id: '' },
      }),
    ]);
  });

  it('answers an ID whose row id is past a bigint with null, as for any missing object', async () => {
    const ids = ['Street', 'Grid', 'Person'].flatMap((type) =>
      ['9223372036854775808', '9999999999999999999'].map((row) =>
        Buffer.from(`${type}:${row}`).toString('base64url'),
      ),
    );
    const res = await platform.gql<any>(
      `query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } nodes(ids: $ids) { id } }`,
      { id: ids[2], ids },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ node: null, nodes: ids.map(() => null) });
  });

  it('answers a well-formed ID of an unknown type with null', async () => {
    const id = Buffer.from('Nothing:1').toString('base64url');
    const res = await platform.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(res.body.data).toEqual({ node: null });
    expect(res.body.errors).toBeUndefined();
  });
});

describe('createStreet', () => {
  const create = `mutation($input: CreateStreetInput!) { createStreet(input: $input) { street { ${STREET} } userErrors { field message code } } }`;

  it('creates a street and records a street.created event in the same transaction', async () => {
    const events = await count('domain_event');
    const res = await platform.gql<any>(create, {
      input: { code: '621002009', name: ' 测试街道 ', districtCode: '621002' },
    });
    expect(res.body.errors).toBeUndefined();
    const { street, userErrors } = res.body.data.createStreet;
    expect(userErrors).toEqual([]);
    expect(street).toMatchObject({
      code: '621002009',
      name: '测试街道',
      archived: false,
      archivedAt: null,
      district: { code: '621002' },
    });
    expect(await count('domain_event')).toBe(events + 1);
    const [event] = await platform.db.query<any>(
      `SELECT type, subject_type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toMatchObject({
      type: 'street.created',
      subject_type: 'Street',
      payload: { code: '621002009' },
    });
    const fetched = await platform.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Street { name } } }`,
      { id: street.id },
    );
    expect(fetched.body.data.node.name).toBe('测试街道');
  });

  it.each([
    [
      { code: '12345', name: 'x', districtCode: '621002' },
      ['input', 'code'],
      'INVALID',
      /9 digits/,
    ],
    [
      { code: '360502777', name: 'x', districtCode: '621002' },
      ['input', 'code'],
      'INVALID',
      /starts with the code of its district/,
    ],
    [
      { code: '999999001', name: 'x', districtCode: '999999' },
      ['input', 'districtCode'],
      'NOT_FOUND',
      /No district has the code 999999/,
    ],
    [
      { code: '621002001', name: 'x', districtCode: '621002' },
      ['input', 'code'],
      'TAKEN',
      /already exists/,
    ],
    [
      { code: '621002010', name: '   ', districtCode: '621002' },
      ['input', 'name'],
      'INVALID',
      /Name is required/,
    ],
    [
      { code: '621002010', name: 'x'.repeat(101), districtCode: '621002' },
      ['input', 'name'],
      'TOO_LONG',
      /at most 100/,
    ],
    [
      { code: '621002010', name: 'x', districtCode: '62100' },
      ['input', 'districtCode'],
      'INVALID',
      /6 digits/,
    ],
  ])(
    'answers bad input %j with a user error and writes nothing',
    async (input, field, code, message) => {
      const before = [await count('street'), await count('domain_event')];
      const res = await platform.gql<any>(create, { input });
      expect(res.status).toBe(200);
      const { street, userErrors } = res.body.data.createStreet;
      expect(street).toBeNull();
      expect(userErrors).toContainEqual({ field, code, message: expect.stringMatching(message) });
      expect([await count('street'), await count('domain_event')]).toEqual(before);
    },
  );

  it('is refused to anonymous callers with UNAUTHENTICATED', async () => {
    const res = await platform.gql<any>(
      create,
      { input: { code: '621002011', name: 'x', districtCode: '621002' } },
      { as: 'anonymous' },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a missing input field as a GraphQL validation error', async () => {
    const res = await platform.gql<any>(create, { input: { code: '621002011' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/name.*not provided|Field "name"/);
  });
});

describe('updateStreet and archiveStreet', () => {
  async function streetId(code: string): Promise<string> {
    return (await platform.gql<any>(`{ street(code: "${code}") { id } }`)).body.data.street.id;
  }

  it('renames a street and records street.updated', async () => {
    const id = await streetId('430111001');
    const res = await platform.gql<any>(
      `mutation($id: ID!) { updateStreet(input: { id: $id, name: "砂子塘街道办事处" }) { street { name updatedAt createdAt } userErrors { field code } } }`,
      { id },
    );
    expect(res.body.data.updateStreet.userErrors).toEqual([]);
    expect(res.body.data.updateStreet.street.name).toBe('砂子塘街道办事处');
    const [event] = await platform.db.query<any>(
      `SELECT type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
    );
    expect(event).toEqual({
      type: 'street.updated',
      payload: { changes: { name: '砂子塘街道办事处' } },
    });
  });

  it('answers an ID of the wrong type or an unknown street as a user error', async () => {
    const district = (await platform.gql<any>(`{ district(code: "621002") { id } }`)).body.data
      .district.id;
    const wrongType = await platform.gql<any>(
      `mutation($id: ID!) { updateStreet(input: { id: $id, name: "x" }) { street { id } userErrors { field code message } } }`,
      { id: district },
    );
    expect(wrongType.body.data.updateStreet.userErrors).toEqual([
      { field: ['input', 'id'], code: 'INVALID', message: 'Not the ID of a Street.' },
    ]);
    const missing = await platform.gql<any>(
      `mutation($id: ID!) { archiveStreet(input: { id: $id }) { street { id } userErrors { field code } } }`,
      { id: Buffer.from('Street:424242').toString('base64url') },
    );
    expect(missing.body.data.archiveStreet.userErrors).toEqual([
      { field: ['input', 'id'], code: 'NOT_FOUND' },
    ]);
    // Row ids past a bigint's range name no street (and must not reach SQL).
    for (const row of ['9223372036854775808', '9999999999999999999']) {
      const res = await platform.gql<any>(
        `mutation($id: ID!) { updateStreet(input: { id: $id, name: "x" }) { street { id } userErrors { field code message } } }`,
        { id: Buffer.from(`Street:${row}`).toString('base64url') },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.updateStreet.userErrors).toEqual([
        { field: ['input', 'id'], code: 'INVALID', message: 'Not the ID of a Street.' },
      ]);
    }
  });

  it('archives a street: it leaves lists but stays readable, and cannot be archived twice', async () => {
    const id = await streetId('360502001');
    const archive = `mutation($id: ID!) { archiveStreet(input: { id: $id }) { street { archived archivedAt } userErrors { field code } } }`;
    const res = await platform.gql<any>(archive, { id });
    expect(res.body.data.archiveStreet.street.archived).toBe(true);
    expect(res.body.data.archiveStreet.street.archivedAt).toEqual(expect.any(String));

    const lists = await platform.gql<any>(
      `{ a: streets { nodes { code } } b: streets(filter: { includeArchived: true }) { totalCount } c: street(code: "360502001") { archived } }`,
    );
    expect(lists.body.data.a.nodes.map((n: any) => n.code)).not.toContain('360502001');
    expect(lists.body.data.c).toEqual({ archived: true });

    const again = await platform.gql<any>(archive, { id });
    expect(again.body.data.archiveStreet.userErrors).toEqual([
      { field: ['input', 'id'], code: 'ILLEGAL_TRANSITION' },
    ]);
  });
});

describe('districts', () => {
  it('lists districts by code and finds one by code', async () => {
    const res = await platform.gql<any>(
      `{ districts { code name } district(code: "620104") { name } none: district(code: "000000") { name } }`,
      {},
      { as: 'anonymous' },
    );
    expect(res.body.data.districts.map((d: any) => d.code)).toEqual([
      '360502',
      '410104',
      '430111',
      '620104',
      '621002',
    ]);
    expect(res.body.data.district).toEqual({ name: '西固区' });
    expect(res.body.data.none).toBeNull();
  });
});
