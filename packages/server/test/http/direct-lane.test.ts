import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DirectLane } from '../../src/graphql/http/direct-lane';
import { gid, streetActors, type StreetActors } from '../actors';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

/**
 * The direct lane answers a query Apollo has already answered as a direct read, without Apollo's
 * pipeline. Its answers must be the very bytes and headers Apollo's would be; everything it does
 * not take (limits, bad input, credentials) must still be refused and explained as before.
 */
let p: TestPlatform;
let s: StreetActors;
let answered: boolean[];

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      GRAPHQL_MAX_COST: '400',
      RATE_LIMIT_CAPACITY: '450',
      RATE_LIMIT_RESTORE_PER_SECOND: '1',
    },
  });
  s = await streetActors(p, '621002001');
});
afterAll(() => p.stop());

beforeEach(() => {
  answered = [];
  const answer = DirectLane.prototype.answer;
  jest.spyOn(DirectLane.prototype, 'answer').mockImplementation(async function (
    this: DirectLane,
    ...args
  ) {
    const taken = await answer.apply(this, args);
    answered.push(taken);
    return taken;
  });
});
afterEach(() => jest.restoreAllMocks());

/** A page of grids; `tag` makes a text of its own (the lane knows texts Apollo has answered). */
const page = (
  tag: string,
) => `query Page($s: ID!, $n: Int) { grids(first: $n, filter: { streetId: $s }) {
  totalCount pageInfo { hasNextPage } nodes { id code name level staff { role person { name } } } } } # ${tag}`;

function post(body: unknown, headers: Record<string, string> = {}) {
  let req = request(p.app.http).post('/graphql').set('Content-Type', 'application/json');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send(JSON.stringify(body));
}

describe('the direct lane', () => {
  it.each([
    ['no Accept header', {}],
    ['application/json', { Accept: 'application/json' }],
    ['application/graphql-response+json', { Accept: 'application/graphql-response+json' }],
  ])('answers the same bytes and headers as Apollo (%s)', async (name, accept) => {
    const body = { query: page(name), variables: { s: gid('Street', s.streetId), n: 3 } };
    const headers = { Authorization: `Bearer ${ADMIN_TOKEN}`, ...accept };
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect(answered).toEqual([false, true]);
    expect(second.status).toBe(first.status);
    const { date: _d1, ...firstHeaders } = first.headers;
    const { date: _d2, ...secondHeaders } = second.headers;
    expect(secondHeaders).toEqual(firstHeaders);
    expect(second.text).toBe(first.text);
    expect(second.body.data.grids.nodes.length).toBeGreaterThan(0);
  });

  it('answers the same bytes as Apollo for several root fields, a constant among them', async () => {
    const query = `query Mixed($s: ID!) {
      __typename
      first: grids(first: 2, filter: { streetId: $s }) { nodes { code } }
      organizations(first: 2) { totalCount nodes { name } }
      second: grids(first: 1, filter: { streetId: $s }) { totalCount }
    }`;
    const body = { query, variables: { s: gid('Street', s.streetId) } };
    const headers = { Authorization: `Bearer ${s.tokens.STREET_ADMIN}` };
    const first = await post(body, headers);
    const second = await post(body, headers);
    expect(first.body.errors).toBeUndefined();
    expect(answered).toEqual([false, true]);
    // The bucket moved between them: compare all but the throttle status.
    const strip = (text: string) => text.replace(/"throttleStatus":\{[^}]*\}/, '');
    expect(strip(second.text)).toBe(strip(first.text));
    expect(second.body.data.first.nodes.length).toBeGreaterThan(0);
  });

  it('spends from and refunds to the same bucket, and is refused by the same limits', async () => {
    const resident = { Authorization: `Bearer ${s.tokens.STREET_ADMIN}` };
    // 10 grids with their staff lists: 3 + 10 × (1 + 1 + 10 × 2) = 223 points, under the 400 maximum.
    const body = { query: page('bucket'), variables: { s: gid('Street', s.streetId), n: 10 } };
    const first = await post(body, resident);
    const second = await post(body, resident);
    expect(answered.slice(0, 2)).toEqual([false, true]);
    const [a, b] = [first.body.extensions.cost, second.body.extensions.cost];
    expect(b.requestedQueryCost).toBe(a.requestedQueryCost);
    expect(b.actualQueryCost).toBe(a.actualQueryCost);
    // Each answer spent (requested − actual) of the bucket; the second saw the first's spending.
    expect(b.throttleStatus.currentlyAvailable).toBeLessThan(a.throttleStatus.currentlyAvailable);
    // Over the maximum cost: the lane leaves it to Apollo, which refuses it.
    const big = `query($s: ID!) { grids(first: 100, filter: { streetId: $s }) { nodes { children(first: 100) { nodes { code } } } } }`;
    const refused = await post(
      { query: big, variables: { s: gid('Street', s.streetId) } },
      resident,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('leaves wrong variables, credentials and extra body fields to Apollo, which explains them', async () => {
    const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const text = page('fallbacks');
    const good = { query: text, variables: { s: gid('Street', s.streetId), n: 2 } };
    await post(good, headers);
    const wrongType = await post(
      { query: text, variables: { s: gid('Street', s.streetId), n: 'x' } },
      headers,
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const wrongId = await post({ query: text, variables: { s: gid('Grid', '1'), n: 2 } }, headers);
    expect(wrongId.body.errors[0].message).toBe('"filter.streetId" is not the ID of a Street.');
    const tooMany = await post(
      { query: text, variables: { s: gid('Street', s.streetId), n: -1 } },
      headers,
    );
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const badToken = await post(good, { Authorization: 'Bearer not-a-token' });
    expect(badToken.status).toBe(401);
    const extensions = await post(
      { ...good, extensions: { persistedQuery: { version: 1 } } },
      headers,
    );
    expect(extensions.body.errors?.[0]?.extensions?.code).toBeDefined();
    expect(answered).toEqual([false, false, false, false, false, false]);
  });

  it('answers another caller only what that caller may see', async () => {
    const other = await streetActors(p, '430111001');
    answered = [];
    const body = { query: page('other street'), variables: { s: gid('Street', s.streetId), n: 5 } };
    await post(body, { Authorization: `Bearer ${ADMIN_TOKEN}` });
    const theirs = await post(body, { Authorization: `Bearer ${other.tokens.STREET_ADMIN}` });
    expect(answered).toEqual([false, true]);
    expect(theirs.body.data.grids).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false },
      nodes: [],
    });
  });

  it('answers a chunked body as a plain one, and bad JSON correctly', async () => {
    const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
    const body = { query: page('chunked'), variables: { s: gid('Street', s.streetId), n: 2 } };
    const first = await post(body, headers);
    // Without a Content-Length the request is streamed: the same reader takes it, the lane answers.
    const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: (p.app.http.address() as AddressInfo).port,
          path: '/graphql',
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/json',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, text }));
        },
      );
      req.on('error', reject);
      const json = JSON.stringify(body);
      req.write(json.slice(0, 10));
      req.end(json.slice(10));
    });
    expect(chunked.status).toBe(200);
    expect(chunked.text).toBe(first.text);
    expect(answered).toEqual([false, true]);
    const bad = await request(p.app.http)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send('{"query": ');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(bad.body.errors[0].message).toMatch(/^The request body is not valid JSON/);
    const scalar = await request(p.app.http)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send('42');
    expect(scalar.status).toBe(400);
    expect(scalar.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
