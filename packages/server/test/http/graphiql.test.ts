import { parse, validate } from 'graphql';
import { DEFAULT_QUERY } from '../../src/graphql/http/graphiql';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * GraphiQL opens with a query worth running, and, where the demo data is loaded outside
 * production, a bar to sign in as a demo user without copying tokens by hand.
 */
const getPage = (p: TestPlatform) =>
  p.http.get('/graphql').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

/** The default query as the page holds it (start.js hands it to GraphiQL). */
const defaultQueryOf = (html: string) =>
  /<script type="application\/graphql" id="default-query">([\s\S]*?)<\/script>/.exec(html)?.[1];

describe('with the demo data', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ seed: 'demo' });
  });
  afterAll(() => p?.stop());

  it('opens with the default query, valid against the schema', async () => {
    const page = await getPage(p);
    expect(page.status).toBe(200);
    const query = defaultQueryOf(page.text);
    expect(query).toBe(DEFAULT_QUERY);
    expect(query).toMatch(/query FirstLook \{\n {2}viewer \{/);
    expect(validate(p.app.schema, parse(query!))).toEqual([]);
    const start = await p.http.get('/graphiql/start.js');
    expect(start.text).toContain("getElementById('default-query')");
  });

  it('offers the demo users, and signing in as the bar does gives a token the default query runs with', async () => {
    const page = await getPage(p);
    expect(page.text).toContain('id="demo-sign-in"');
    expect(page.text).toContain(`data-password="${DEMO_PASSWORD}"`);
    const offered = [...page.text.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
    expect(offered).toEqual(
      expect.arrayContaining(['nanjie.admin', 'nanjie.grid', 'xifeng.district']),
    );

    // What start.js sends for the chosen user.
    const login = await p.gql<{ login: { accessToken: string | null; userErrors: unknown[] } }>(
      'mutation DemoSignIn($input: LoginInput!) { login(input: $input) { accessToken user { displayName } userErrors { message } } }',
      { input: { username: 'nanjie.admin', password: DEMO_PASSWORD } },
      { as: 'anonymous' },
    );
    expect(login.body.data!.login.userErrors).toEqual([]);
    const token = login.body.data!.login.accessToken!;
    const first = await p.gql<{
      viewer: { authenticated: boolean; role: string };
      cases: { totalCount: number };
    }>(DEFAULT_QUERY, {}, { as: { token } });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.viewer).toMatchObject({ authenticated: true, role: 'STREET_ADMIN' });
    expect(first.body.data!.cases.totalCount).toBeGreaterThan(0);
  });

  it('has none in production, even with the demo data loaded', async () => {
    const production = await p.startInstance({ NODE_ENV: 'production' });
    try {
      const page = await fetch(production.url, { headers: { accept: 'text/html' } });
      const text = await page.text();
      expect(defaultQueryOf(text)).toBe(DEFAULT_QUERY);
      expect(text).not.toContain('id="demo-sign-in"');
      expect(text).not.toContain(DEMO_PASSWORD);
    } finally {
      await production.stop();
    }
  });
});

describe('without the demo users', () => {
  it('has no sign-in bar and no demo password when only the demo streets are loaded', async () => {
    const p = await startTestPlatform({ seed: 'streets' });
    try {
      const page = await getPage(p);
      expect(defaultQueryOf(page.text)).toBe(DEFAULT_QUERY);
      expect(page.text).not.toContain('id="demo-sign-in"');
      expect(page.text).not.toContain(DEMO_PASSWORD);
    } finally {
      await p.stop();
    }
  });
});
