import { streetService } from '../../src/domain/street/street.service';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

describe.each(['jit', 'graphql-js'])('error masking (executor %s)', (executor) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { GRAPHQL_EXECUTOR: executor } });
  });
  afterAll(() => platform.stop());
  afterEach(() => jest.restoreAllMocks());

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with an error id, and logs it', async () => {
    jest
      .spyOn(streetService, 'byCode')
      .mockRejectedValue(new Error('connection to 10.0.0.7 refused; secret=hunter2'));
    const res = await platform.gql<any>(
      `{ street(code: "621002001") { name } other: streets(first: 1) { totalCount } }`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ street: null, other: { totalCount: 6 } });
    const [error] = res.body.errors!;
    expect(error!.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(error!.message).toBe(`Internal server error (error id ${error!.extensions!.errorId}).`);
    expect(error!.path).toEqual(['street']);
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|10\.0\.0\.7|at .*\.ts/);
    const logged = platform.logs.find((l) => l.errorId === error!.extensions!.errorId);
    expect(logged).toMatchObject({
      level: 50,
      err: { message: expect.stringContaining('hunter2') },
    });
  });

  it('keeps the code and message of public errors', async () => {
    const res = await platform.gql<any>(`{ streets(first: 500) { totalCount } }`);
    expect(res.body.errors[0]).toMatchObject({
      message: '"first" must be between 0 and 100; got 500.',
      path: ['streets'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT', argument: 'first', max: 100 },
    });
  });

  it('answers variables of the wrong type with 400 and BAD_USER_INPUT', async () => {
    const res = await platform.gql<any>(`query($n: Int) { streets(first: $n) { totalCount } }`, {
      n: 'ten',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/\$n/);
  });

  it('serializes DateTime values as ISO strings', async () => {
    const res = await platform.gql<any>(`{ streets(first: 1) { nodes { createdAt } } }`);
    expect(res.body.data.streets.nodes[0].createdAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
    );
  });

  it('refuses a LocalDate in year 0000, which PostgreSQL has not, as bad input', async () => {
    const query = 'query($d: LocalDate) { serviceRecords(filter: { to: $d }) { totalCount } }';
    const zero = await platform.gql<any>(query, { d: '0000-01-01' });
    expect(zero.status).toBe(400);
    expect(zero.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(zero.body.errors[0].message).toMatch(/"\$d" got invalid value "0000-01-01"/);
    const literal = await platform.gql<any>(
      '{ serviceRecords(filter: { from: "0000-12-31" }) { totalCount } }',
    );
    expect(literal.status).toBe(400);
    expect(literal.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const first = await platform.gql<any>(query, { d: '0001-01-01' });
    expect(first.body).toMatchObject({ data: { serviceRecords: { totalCount: 0 } } });
  });

  it('refuses a variable nested deeper than the stack goes as bad input', async () => {
    for (const [open, close] of [
      ['{"a":', '}'],
      ['[', ']'],
    ]) {
      const deep = `${open!.repeat(100_000)}1${close!.repeat(100_000)}`;
      const res = await platform.http
        .post('/graphql')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .set('Content-Type', 'application/json')
        .send(
          `{"query":"query($f: GridFilterInput) { grids(filter: $f) { totalCount } }","variables":{"f":${deep}}}`,
        );
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers an operation name that names no operation with 400, also an empty one', async () => {
    // Answered without a name first: a direct read the lane then knows by its text.
    for (const _ of [1, 2]) await platform.gql('{ grids { totalCount } }');
    for (const query of ['{ __typename }', '{ grids { totalCount } }', 'query A { __typename }']) {
      for (const operationName of ['', 'Nope']) {
        const res = await platform.http
          .post('/graphql')
          .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
          .set('Accept', 'application/graphql-response+json')
          .send({ query, operationName });
        expect({ query, operationName, status: res.status, body: res.body }).toMatchObject({
          status: 400,
          body: {
            errors: [
              {
                message: `The document has no operation named "${operationName}".`,
                extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
              },
            ],
          },
        });
      }
    }
  });

  it('takes variables named like properties of JavaScript objects', async () => {
    // Raw JSON: in an object literal, "__proto__" would set the prototype instead.
    const variables = JSON.parse('{"__proto__": "621002001", "toString": 1, "valueOf": "621002"}');
    const res = await platform.gql<any>(
      `query($__proto__: String!, $toString: Int, $constructor: Int, $valueOf: String!) {
        street(code: $__proto__) { code }
        streets(first: $toString) { nodes { __typename } }
        all: streets(first: $constructor) { totalCount }
        district(code: $valueOf) { code }
      }`,
      variables,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      street: { code: '621002001' },
      streets: { nodes: [{ __typename: 'Street' }] },
      all: { totalCount: 6 },
      district: { code: '621002' },
    });
    const missing = await platform.gql<any>(
      `mutation($constructor: CreateStreetInput!) { createStreet(input: $constructor) { street { code } } }`,
      JSON.parse('{"toString": null}'),
    );
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({
      message: 'Variable "$constructor" of required type "CreateStreetInput!" was not provided.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses the NUL character or a lone surrogate in arguments and variables with 400, naming where', async () => {
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>][] = [
      [
        '{ street(code: "62\\u0000") { code } }',
        {},
        'Argument "code" of "street" must not contain the NUL character (U+0000).',
        { argument: 'code' },
      ],
      [
        '{ streets(filter: { search: "a\\u0000" }) { totalCount } }',
        {},
        'Argument "filter.search" of "streets" must not contain the NUL character (U+0000).',
        { argument: 'filter.search' },
      ],
      [
        'query($f: StreetFilterInput) { streets(filter: $f) { totalCount } }',
        { f: { search: 'a\u0000' } },
        'Variable "$f.search" must not contain the NUL character (U+0000).',
        { variable: 'f' },
      ],
      [
        'mutation($name: String!) { createStreet(input: { code: "621002019", name: $name, districtCode: "621002" }) { street { id } } }',
        { name: '\u0000' },
        'Variable "$name" must not contain the NUL character (U+0000).',
        { variable: 'name' },
      ],
    ];
    for (const [query, variables, message, extensions] of cases) {
      const res = await platform.gql<any>(query, variables);
      expect({ query, status: res.status, errors: res.body.errors }).toEqual({
        query,
        status: 400,
        errors: [
          expect.objectContaining({
            message,
            extensions: { code: 'BAD_USER_INPUT', ...extensions },
          }),
        ],
      });
    }
    // Found however deep it may be (deeper than 32 levels is refused for its depth first).
    const deep = `${'['.repeat(30)}{"text":"a\\u0000"}${']'.repeat(30)}`;
    const res = await platform.http
      .post('/graphql')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .set('Content-Type', 'application/json')
      .send(
        `{"query":"query($ids: [ID!]!) { nodes(ids: $ids) { id } }","variables":{"ids":${deep}}}`,
      );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(
      /^Variable "\$ids(\.0){30}\.text" must not contain the NUL character/,
    );
    // A lone surrogate (JSON allows it; PostgreSQL's jsonb does not).
    const lone = await platform.gql<any>(
      'query($f: StreetFilterInput) { streets(filter: $f) { totalCount } }',
      { f: { search: 'a\ud800' } },
    );
    expect(lone.status).toBe(400);
    expect(lone.body.errors[0]).toMatchObject({
      message: 'Variable "$f.search" must be well-formed Unicode (it holds a lone surrogate).',
      extensions: { code: 'BAD_USER_INPUT', variable: 'f' },
    });
    // A direct read the lane knows (it answers outside Apollo), then the same text with a NUL.
    const read = 'query($s: String) { streets(filter: { search: $s }) { totalCount } }';
    expect((await platform.gql<any>(read, { s: '南' })).body.data.streets.totalCount).toBe(1);
    expect((await platform.gql<any>(read, { s: '南' })).body.data.streets.totalCount).toBe(1);
    const nul = await platform.gql<any>(read, { s: '南\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0].message).toBe(
      'Variable "$s" must not contain the NUL character (U+0000).',
    );
  });
});
