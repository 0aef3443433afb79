import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../../server/test/harness';
import {
  createClient,
  LianxinApiError,
  StreetsDocument,
  ViewerDocument,
  type StreetsQuery,
} from '../src';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

describe('the typed client', () => {
  it('runs a generated operation and returns typed data', async () => {
    const client = createClient({ url: p.url });
    const data: StreetsQuery = await client.request(StreetsDocument, { first: 2 });
    expect(data.streets.totalCount).toBe(6);
    expect(data.streets.nodes).toHaveLength(2);
    expect(data.streets.pageInfo.hasNextPage).toBe(true);
    const next = await client.request(StreetsDocument, {
      first: 10,
      after: data.streets.pageInfo.endCursor,
    });
    expect(next.streets.nodes).toHaveLength(4);
  });

  it('sends the token, and withToken switches callers', async () => {
    const anonymous = createClient({ url: p.url });
    expect((await anonymous.request(ViewerDocument)).viewer).toMatchObject({
      authenticated: false,
      role: null,
    });
    const admin = anonymous.withToken(ADMIN_TOKEN);
    expect((await admin.request(ViewerDocument)).viewer).toMatchObject({
      authenticated: true,
      role: 'PLATFORM_ADMIN',
      allStreets: true,
    });
  });

  it('throws LianxinApiError with the code and status of a failed request', async () => {
    const client = createClient({ url: p.url, token: 'not-a-token' });
    const error: unknown = await client.request(ViewerDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LianxinApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'The bearer token is not valid.',
    });
  });
});
