import { streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let s: StreetActors;
beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_DIRECTIVES: '3',
      GRAPHQL_MAX_TOKENS: '300',
      GRAPHQL_MAX_COST: '500',
      RATE_LIMIT_CAPACITY: '600',
      RATE_LIMIT_RESTORE_PER_SECOND: '1',
    },
  });
  s = await streetActors(p, '621002001');
});
afterAll(() => p.stop());

const as = () => ({ as: { token: s.tokens.STREET_ADMIN } });

describe('query limits', () => {
  it('refuses a query deeper than the limit', async () => {
    const res = await p.gql<any>(
      `{ grids { nodes { parent { parent { parent { parent { code } } } } } } }`,
      {},
      as(),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Query depth limit of 6 exceeded/);
  });

  it('refuses more aliases than the limit', async () => {
    const res = await p.gql<any>(
      `{ a: streets { totalCount } b: streets { totalCount } c: streets { totalCount } d: streets { totalCount } }`,
      {},
      as(),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Aliases limit of 3 exceeded/);
  });

  it('refuses more directives than the limit', async () => {
    const res = await p.gql<any>(
      `{ streets @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) { totalCount } }`,
      {},
      as(),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/Directives limit of 3 exceeded/);
  });

  it('refuses a document with more tokens than the limit', async () => {
    const fields = Array.from({ length: 400 }, () => 'totalCount').join(' ');
    const res = await p.gql<any>(`{ streets { ${fields} } }`, {}, as());
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.body.errors[0].message).toMatch(/Document contains more (than|that) 300 tokens/);
  });

  it('refuses page sizes over 100', async () => {
    const res = await p.gql<any>(`{ grids(first: 101) { totalCount } }`, {}, as());
    expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', max: 100 } });
  });
});

describe('query cost and rate limit', () => {
  it('reports requested and actual cost and the throttle status in extensions.cost', async () => {
    const res = await p.gql<any>(
      `{ grids(first: 10) { nodes { code parent { code } } } }`,
      {},
      as(),
    );
    expect(res.body.extensions.cost).toEqual({
      requestedQueryCost: 1 + 10 * (1 + 1),
      actualQueryCost: expect.any(Number),
      throttleStatus: {
        maximumAvailable: 600,
        currentlyAvailable: expect.any(Number),
        restoreRate: 1,
      },
    });
    expect(res.body.extensions.cost.actualQueryCost).toBeLessThanOrEqual(
      res.body.extensions.cost.requestedQueryCost,
    );
  });

  it('refuses a query costing more than the maximum with QUERY_TOO_COMPLEX', async () => {
    const res = await p.gql<any>(
      `{ grids(first: 100) { nodes { children(first: 100) { nodes { code } } } } }`,
      {},
      as(),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      cost: { requestedQueryCost: 1 + 100 * (1 + 1 + 100), maximumQueryCost: 500 },
    });
    expect(res.body.errors[0].message).toMatch(
      /would cost 10201 points; a query may cost at most 500/,
    );
  });

  it('throttles a caller whose bucket is empty with RATE_LIMITED, HTTP 429 and Retry-After', async () => {
    // 150 more grids, so that a page of 100 really costs 100 points (unused points come back).
    await p.db.query(
      `INSERT INTO grid (street_id, parent_id, level, code, name)
       SELECT $1, $2, 'COMMUNITY', '621002001' || lpad(n::text, 3, '0'), '社区' || n FROM generate_series(100, 249) n`,
      [s.streetId, s.ids.root],
    );
    const token = { as: { token: s.tokens.RESIDENT } };
    const query = `{ grids(first: 100) { nodes { code } } }`; // requests 201, uses 101
    let limited: any;
    let served = 0;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await p.gql<any>(query, {}, token);
      if (res.status === 429) limited = res;
      else served++;
    }
    expect(served).toBeGreaterThanOrEqual(3);
    expect(limited).toBeDefined();
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.errors[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(limited.headers['retry-after']),
    });
    expect(limited.body.errors[0].message).toMatch(
      /Rate limited: this query costs \d+ points and you have \d+ left/,
    );
    // Another caller's bucket is untouched.
    const other = await p.gql<any>(query, {}, { as: { token: s.tokens.VOLUNTEER } });
    expect(other.status).toBe(200);
  });
});

describe('field suggestions', () => {
  it('are hidden from anonymous callers and shown to signed-in ones', async () => {
    const anon = await p.gql<any>(`{ streetz { totalCount } }`, {}, { as: 'anonymous' });
    expect(anon.body.errors[0].message).toBe('Cannot query field "streetz" on type "Query".');
    const signedIn = await p.gql<any>(`{ streetz { totalCount } }`, {}, as());
    expect(signedIn.body.errors[0].message).toMatch(/Did you mean "streets?"/);
  });
});
