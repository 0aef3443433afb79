import { streetService } from '../../src/domain/street/street.service';
import { startTestPlatform, type TestPlatform } from '../harness';

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
});
