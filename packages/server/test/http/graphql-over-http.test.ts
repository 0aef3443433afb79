import { readFileSync } from 'node:fs';
import path from 'node:path';
import { auditServer } from 'graphql-http';
import { startTestPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

/** The SHOULD audits docs/graphql-over-http.md lists as failing, by audit id. */
function documentedShouldFailures(): string[] {
  const doc = readFileSync(
    path.resolve(__dirname, '../../../../docs/graphql-over-http.md'),
    'utf8',
  );
  const section = doc.split('## SHOULDs that fail, and why')[1] ?? '';
  return [...section.matchAll(/^\|\s*([0-9A-F]{4})\s*\|/gm)].map((m) => m[1]!).sort();
}

describe('graphql-http audit suite', () => {
  it('passes every MUST, and fails exactly the SHOULDs listed in docs/', async () => {
    const results = await auditServer({ url: platform.url });
    expect(results.length).toBeGreaterThan(40);
    const mustFailures = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(mustFailures.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual(
      [],
    );
    const shouldFailures = results
      .filter((r) => r.name.startsWith('SHOULD') && r.status !== 'ok')
      .map((r) => r.id)
      .sort();
    expect(shouldFailures).toEqual(documentedShouldFailures());
  });
});

describe('transport errors', () => {
  const post = (body: string, type = 'application/json') =>
    platform.http
      .post('/graphql')
      .set('Content-Type', type)
      .set('Accept', 'application/graphql-response+json')
      .send(body);

  it('answers a body that is not JSON with 400 and BAD_REQUEST, as JSON', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(res.body.errors[0].message).toMatch(/not valid JSON/);
    expect(res.text).not.toMatch(/<html|at .*\.js:\d+/);
  });

  it('answers an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await post(JSON.stringify({ query: '{ streets { totalCount nope } }' }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/graphql-response\+json/);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/Cannot query field "nope"/);
    expect(res.body.data).toBeUndefined();
  });

  it('answers a document that does not parse with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const res = await post(JSON.stringify({ query: '{ streets {' }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses a mutation over GET with 405', async () => {
    const res = await platform.http
      .get('/graphql')
      .query({ query: 'mutation { archiveStreet(input: { id: "x" }) { userErrors { message } } }' })
      .set('Accept', 'application/graphql-response+json');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.body.errors[0].message).toMatch(/mutation.*GET|GET.*mutation/i);
  });

  it('runs a query over GET', async () => {
    const res = await platform.http
      .get('/graphql')
      .query({ query: '{ streets { totalCount } }' })
      .set('Accept', 'application/graphql-response+json');
    expect(res.status).toBe(200);
    expect(res.body.data.streets.totalCount).toBe(6);
  });

  it('refuses POST bodies that are not JSON with 415 (CSRF: no simple cross-site requests)', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await post('query={streets{totalCount}}', type);
      expect(res.status).toBe(415);
      expect(res.body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('refuses a POST with no Content-Type with 415', async () => {
    const res = await platform.http
      .post('/graphql')
      .send(Buffer.from('{"query":"{ streets { totalCount } }"}'));
    expect(res.status).toBe(415);
  });

  it('refuses other methods with 405 and an Allow header', async () => {
    const res = await platform.http
      .put('/graphql')
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
    expect(res.body.errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({ query: `{ streets { totalCount } } # ${'x'.repeat(1_100_000)}` });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a bad bearer token with 401 and UNAUTHENTICATED', async () => {
    const res = await platform.gql('{ streets { totalCount } }', {}, { as: { token: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await platform.http.get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('GraphiQL', () => {
  it('serves a local GraphiQL page to browsers, with every asset from this server', async () => {
    const page = await platform.http
      .get('/graphql')
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const src of sources) {
      expect(src.startsWith('/')).toBe(true); // no CDN
      const asset = await platform.http.get(src);
      expect(asset.status).toBe(200);
      expect(asset.body.length ?? asset.text.length).toBeGreaterThan(100);
    }
  });
});

describe('health', () => {
  it('reports liveness and readiness', async () => {
    expect((await platform.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await platform.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });
});
