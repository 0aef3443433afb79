import { request as httpRequest } from 'node:http';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let base: URL;
beforeAll(async () => {
  p = await startTestPlatform({ seed: false });
  base = new URL(p.url);
});
afterAll(() => p.stop());

/** A GET with the path exactly as given (no URL normalization on the way). */
function rawGet(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, path, method: 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('/docs', () => {
  it('serves the index, the guides and the reference as HTML, linked to each other', async () => {
    const index = await rawGet('/docs/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<a href="/docs/guides/quickstart.html">');
    expect(index.body).toContain('<a href="/docs/reference/">');

    const guide = await rawGet('/docs/guides/quickstart.html');
    expect(guide.status).toBe(200);
    expect(guide.body).toContain('<title>Quickstart · Lianxin docs</title>');
    expect(guide.body).toContain('<link rel="stylesheet" href="/docs/style.css">');

    // The reference: a type's anchor is GitHub's, so links work on GitHub and here alike.
    const objects = await rawGet('/docs/reference/objects.html');
    expect(objects.body).toContain('<h3 id="person">Person</h3>');
    expect(objects.body).toContain('<a href="/docs/reference/scalars.html#string">');
    expect(objects.body).toMatch(
      /<code>phone<\/code>.*<strong>Personal data<\/strong> \(<code>PHONE<\/code>\)/,
    );

    const css = await rawGet('/docs/style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('needs nothing from outside: no scripts, no fonts or styles from another origin', async () => {
    const page = await rawGet('/docs/reference/query.html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/<script|<link[^>]+href="(https?:)?\/\//);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redirects /docs to /docs/, and answers /index.html as the folder', async () => {
    const bare = await rawGet('/docs');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/docs/');
    expect((await rawGet('/docs/guides/index.html')).body).toBe(
      (await rawGet('/docs/guides/')).body,
    );
  });

  it('revalidates with an ETag: an unchanged page is a 304', async () => {
    const first = await rawGet('/docs/guides/');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await rawGet('/docs/guides/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it.each([
    '/docs/../package.json',
    '/docs/..%2fpackage.json',
    '/docs/%2e%2e/%2e%2e/package.json',
    '/docs/%2e%2e%2f%2e%2e%2fpackage.json',
    '/docs/..%5c..%5cpackage.json',
    '/docs/guides/../../README.md',
    '/docs/api.md',
    '/docs/guides/samples/../../../schema/schema.graphql',
    '/docs//etc/passwd',
    '/docs/%00',
    '/docs/nothing.html',
  ])('%s is not found, and nothing outside the site is read', async (path) => {
    const res = await rawGet(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('"name"');
    expect(res.body).not.toContain('schema {');
  });

  it('a path that is not valid percent-encoding is a 400, not a 500', async () => {
    for (const path of ['/docs/%E0%A4%A', '/docs/%', '/docs/%zz']) {
      const res = await rawGet(path);
      expect(res.status).toBe(400);
    }
  });
});
