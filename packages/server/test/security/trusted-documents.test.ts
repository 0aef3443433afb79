import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestPlatform, type TestPlatform } from '../harness';

const document = '{ streets { totalCount } }';
const hash = createHash('sha256').update(document).digest('hex');

function manifest(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-trusted-'));
  const file = path.join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify({ [`sha256:${hash}`]: document }));
  return file;
}

describe('trusted documents, allowed beside ordinary queries', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { GRAPHQL_TRUSTED_DOCUMENTS: manifest() } });
  });
  afterAll(() => p.stop());

  it('runs a document named by documentId (POST and GET) or by Apollo persistedQuery hash', async () => {
    const post = await p.http
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ documentId: `sha256:${hash}` });
    expect(post.body.data).toEqual({ streets: { totalCount: 6 } });
    const get = await p.http
      .get('/graphql')
      .query({ documentId: `sha256:${hash}` })
      .set('Accept', 'application/json');
    expect(get.body.data).toEqual({ streets: { totalCount: 6 } });
    const apq = await p.http
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(apq.body.data).toEqual({ streets: { totalCount: 6 } });
  });

  it('answers an unknown document id with 400 PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await p.http
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ documentId: 'sha256:0000' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      message: expect.stringMatching(/sha256:0000/),
    });
  });

  it('still runs ordinary queries', async () => {
    const res = await p.gql<any>('{ districts { code } }');
    expect(res.body.data.districts).toHaveLength(5);
  });
});

describe('trusted documents only', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({
      env: { GRAPHQL_TRUSTED_DOCUMENTS: manifest(), GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'true' },
    });
  });
  afterAll(() => p.stop());

  it('refuses any other document with 400 PERSISTED_QUERY_REQUIRED, and runs trusted ones', async () => {
    const res = await p.gql<any>('{ districts { code } }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    const ok = await p.http
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ documentId: `sha256:${hash}` });
    expect(ok.body.data).toEqual({ streets: { totalCount: 6 } });
  });
});

it('refuses to start with a manifest whose hashes do not match their documents', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-trusted-'));
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ 'sha256:abc': document }));
  await expect(startTestPlatform({ env: { GRAPHQL_TRUSTED_DOCUMENTS: file } })).rejects.toThrow(
    /does not match the SHA-256/,
  );
});
