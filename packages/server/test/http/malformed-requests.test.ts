import request from 'supertest';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

/**
 * Requests that are malformed at the GraphQL level get a clear error naming what was wrong,
 * never INTERNAL_SERVER_ERROR or a 5xx, whichever way they come in.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

function post(body: unknown) {
  return request(p.app.http)
    .post('/graphql')
    .set('Content-Type', 'application/json')
    .set('Accept', 'application/graphql-response+json')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send(JSON.stringify(body));
}

/** `{"a":{"a":…}}` nested `depth` deep, built without recursion. */
function nested(depth: number): string {
  return '{"and":'.repeat(depth) + '{}' + '}'.repeat(depth);
}

describe('malformed requests', () => {
  it('refuses variables nested 100,000 deep with 400, naming the variable', async () => {
    const text = `{"query":"query($f: GridFilterInput) { grids(filter: $f) { totalCount } }","variables":{"f":${nested(100_000)}}}`;
    const res = await request(p.app.http)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send(text);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/Variable "\$f" nests deeper than 32 levels/);
  });

  it('refuses a NUL character in a variable, naming it', async () => {
    const res = await post({
      query: 'query($name: String) { grids(filter: { search: $name }) { totalCount } }',
      variables: { name: 'a\u0000b' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(
      /Variable "\$name" must not contain the NUL character/,
    );
  });

  it('refuses a NUL character in the document', async () => {
    const res = await post({ query: '{ grids(filter: { search: "a\\u0000b" }) { totalCount } }' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(
      /Argument "filter.search" of "grids" must not contain the NUL character/,
    );
  });

  it('refuses a NUL character in a variable default value, naming the variable', async () => {
    const res = await post({
      query: 'query($q: String = "a\\u0000b") { grids(filter: { search: $q }) { totalCount } }',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/default value of variable "\$q" must not contain/);
  });

  it('answers an unknown operationName with 400, naming it', async () => {
    const res = await post({ query: 'query A { viewer { role } }', operationName: 'B' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/"B"/);
    expect(res.body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'takes a variable named %s like any other',
    async (name) => {
      const res = await post({
        query: `query($${name}: Int) { streets(first: $${name}) { nodes { code } } }`,
        variables: JSON.parse(`{"${name}": 1}`),
      });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.streets.nodes).toHaveLength(1);
      expect(res.body.extensions.cost.requestedQueryCost).toBe(1 + 1);
    },
  );

  it('takes fragments named __proto__ and constructor', async () => {
    const res = await post({
      query: `{ viewer { ...__proto__ ...constructor } } fragment __proto__ on ViewerInfo { role } fragment constructor on ViewerInfo { authenticated }`,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.viewer).toEqual({ role: 'PLATFORM_ADMIN', authenticated: true });
  });
});
