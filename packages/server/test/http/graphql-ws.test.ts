import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { streetService } from '../../src/domain/street/street.service';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

const wsUrl = () => p.url.replace(/^http/, 'ws');

function client(
  authorization?: string,
  onClose?: (event: { code: number; reason: string }) => void,
): Client {
  return createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
    on: onClose ? { closed: (e) => onClose(e as { code: number; reason: string }) } : undefined,
  });
}

function run(c: Client, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ data?: any; errors?: any }>((resolve, reject) => {
    let result: { data?: any; errors?: any } = {};
    c.subscribe(
      { query, variables },
      {
        next: (r) => (result = r as typeof result),
        error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)),
        complete: () => resolve(result),
      },
    );
  });
}

describe('GraphQL over WebSocket (graphql-ws)', () => {
  it('runs queries on one connection, with the caller of connectionParams', async () => {
    const anonymous = client();
    const admin = client(`Bearer ${ADMIN_TOKEN}`);
    try {
      expect(
        (await run(anonymous, '{ streets { totalCount } viewer { authenticated } }')).data,
      ).toEqual({
        streets: { totalCount: 6 },
        viewer: { authenticated: false },
      });
      const res = await run(
        admin,
        'query($code: String!) { street(code: $code) { name } viewer { role } }',
        { code: '621002001' },
      );
      expect(res.data).toEqual({
        street: { name: '南街街道' },
        viewer: { role: 'PLATFORM_ADMIN' },
      });
    } finally {
      await anonymous.dispose();
      await admin.dispose();
    }
  });

  it('answers a document that does not parse or validate with an error message and keeps the socket open', async () => {
    let closed = false;
    const c = client(undefined, () => (closed = true));
    try {
      const bad = await run(c, '{ streets {');
      expect(bad.errors[0].message).toMatch(/Syntax Error/);
      const unknown = await run(c, '{ nope }');
      expect(unknown.errors[0].message).toMatch(/Cannot query field "nope"/);
      const costly = await run(
        c,
        '{ grids(first: 100) { nodes { children(first: 100) { nodes { code } } } } }',
      );
      expect(costly.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
      const good = await run(c, '{ districts { code } }');
      expect(good.data.districts).toHaveLength(5);
      expect(closed).toBe(false);
    } finally {
      await c.dispose();
    }
  });

  it('masks unexpected errors and keeps public ones', async () => {
    const c = client(`Bearer ${ADMIN_TOKEN}`);
    const spy = jest.spyOn(streetService, 'byCode').mockRejectedValue(new Error('secret=hunter2'));
    try {
      const res = await run(c, '{ streets(first: 500) { totalCount } }');
      expect(res.errors[0]).toMatchObject({
        message: expect.stringMatching(/"first" must be between 0 and 100/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const masked = await run(c, '{ street(code: "621002001") { name } }');
      expect(masked.errors[0].extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        errorId: expect.any(String),
      });
      expect(JSON.stringify(masked)).not.toMatch(/hunter2/);
    } finally {
      spy.mockRestore();
      await c.dispose();
    }
  });

  it('closes the connection with 4403 for bad credentials', async () => {
    const close = await new Promise<{ code: number }>((resolve) => {
      const c = client('Bearer not-a-token', (e) => resolve(e));
      c.subscribe(
        { query: '{ __typename }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    expect(close.code).toBe(4403);
  });
});
