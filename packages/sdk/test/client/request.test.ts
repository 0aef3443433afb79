import WebSocket from 'ws';
import { gid, streetActors, type StreetActors } from '../../../server/test/actors';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../../../server/test/harness';
import { createClient, LianxinApiError, type TypedDocument } from '../../src/client';
import {
  CaseUpdatedDocument,
  CreateGridDocument,
  ViewerDocument,
} from '../../src/generated/graphql';

/**
 * The client's requests: `paginate` walks a whole connection, errors carry the server's code,
 * `userErrors` stay data, and an API key is sent the way the server takes it, over HTTP and
 * WebSocket.
 */
let p: TestPlatform;
let A: StreetActors;
/** Street B has no grids but those a test makes. */
let B: { streetId: string; code: string };

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  const [b] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM street WHERE code = $1`,
    ['620104001'],
  );
  B = { streetId: b!.id, code: '620104001' };
}, 60_000);
afterAll(() => p.stop());

/** A page of a street's community grids, typed as generated documents are. */
const GridsDocument = `query Grids($streetId: ID!, $first: Int, $after: String) {
  grids(first: $first, after: $after, filter: { streetId: $streetId, level: COMMUNITY }) {
    pageInfo { hasNextPage endCursor }
    nodes { id level }
  }
}` as unknown as TypedDocument<
  {
    grids: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { id: string; level: string }[];
    };
  },
  { streetId: string; first?: number | null; after?: string | null }
>;

const admin = () => createClient({ url: p.url, token: ADMIN_TOKEN });

describe('client.paginate', () => {
  it('walks 250 grids in pages of 50: every one once, in five requests', async () => {
    const [root] = await p.db.query<{ id: string }>(
      `INSERT INTO grid (street_id, level, code, name) VALUES ($1, 'STREET', $2, '街道网格') RETURNING id::text AS id`,
      [B.streetId, B.code],
    );
    const made = await p.db.query<{ id: string }>(
      `INSERT INTO grid (street_id, parent_id, level, code, name)
       SELECT $1, $2, 'COMMUNITY', $3 || lpad(n::text, 3, '0'), '社区 ' || n
         FROM generate_series(1, 250) AS n RETURNING id::text AS id`,
      [B.streetId, root!.id, B.code],
    );
    const requests: { first: number; after: string | null }[] = [];
    const client = createClient({
      url: p.url,
      token: ADMIN_TOKEN,
      fetch: async (url, init) => {
        requests.push(JSON.parse(String(init!.body)).variables);
        return fetch(url, init);
      },
    });
    const ids: string[] = [];
    for await (const grid of client.paginate(
      GridsDocument,
      { streetId: gid('Street', B.streetId) },
      { pageSize: 50 },
    )) {
      // Typed: the connection's node.
      ids.push(grid.id);
      expect(grid.level).toBe('COMMUNITY');
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(new Set(made.map((g) => gid('Grid', g.id))));
    expect(requests).toHaveLength(5);
    expect(requests.map((r) => r.first)).toEqual([50, 50, 50, 50, 50]);
    expect(requests[0]!.after ?? null).toBeNull();
    expect(new Set(requests.map((r) => r.after)).size).toBe(5);
  });

  it('follows edges { node } too, and picks the connection it is told to', async () => {
    const edges = `query($first: Int, $after: String) { streets(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor } edges { node { code } } } }`;
    const codes: string[] = [];
    for await (const street of admin().paginate<
      { streets: { edges: { node: { code: string } }[] } },
      { first?: number; after?: string | null },
      { code: string }
    >(edges, {}, { pageSize: 4, connection: (data) => data.streets as never })) {
      codes.push(street.code);
    }
    expect(codes).toHaveLength(6);
    expect(new Set(codes).size).toBe(6);
  });

  it('says what a document lacks to be walked', async () => {
    const first = (doc: string, pageSize?: number) =>
      admin()
        .paginate<any, any>(doc, {}, { pageSize })
        .next()
        .catch((e: unknown) => e);
    expect(
      String(await first(`{ streets { pageInfo { hasNextPage endCursor } nodes { id } } }`)),
    ).toMatch(/declares no \$after variable/);
    expect(
      String(await first(`query($after: String) { streets(after: $after) { nodes { id } } }`)),
    ).toMatch(/no connection with pageInfo/);
    expect(
      String(
        await first(
          `query($after: String) { streets(after: $after) { pageInfo { hasNextPage } nodes { id } } }`,
        ),
      ),
    ).toMatch(/select `pageInfo \{ hasNextPage endCursor \}`/);
    expect(
      String(
        await first(
          `query($after: String) { streets(after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
          10,
        ),
      ),
    ).toMatch(/does not declare; declare `\$first: Int`/);
  });
});

describe('errors and userErrors', () => {
  it('throws LianxinApiError with the server’s code for a forbidden request', async () => {
    const resident = createClient({ url: p.url, token: A.tokens.RESIDENT });
    const error = await resident
      .request(CreateGridDocument, {
        input: { streetId: gid('Street', A.streetId), code: `${A.code}009`, name: '不许' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LianxinApiError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 200 });
    expect((error as LianxinApiError).errors[0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('returns userErrors as data', async () => {
    const data = await admin().request(CreateGridDocument, {
      input: { streetId: gid('Street', A.streetId), code: 'bad', name: '' },
    });
    expect(data.createGrid.grid).toBeNull();
    expect(data.createGrid.userErrors.length).toBeGreaterThan(0);
    expect(data.createGrid.userErrors[0]!.code).toEqual(expect.any(String));
  });

  it('a network failure is a LianxinApiError too, with no code and the cause', async () => {
    const client = createClient({ url: 'http://127.0.0.1:1/graphql' });
    const error = await client.request(ViewerDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LianxinApiError);
    expect(error).toMatchObject({ status: 0, code: undefined });
    expect((error as Error).cause).toBeDefined();
  });

  it('refuses both an API key and a token', () => {
    expect(() => createClient({ url: p.url, apiKey: 'a', token: 'b' })).toThrow(/not both/);
  });
});

describe('API keys', () => {
  it('sends the key as the server takes it, over HTTP and over the WebSocket', async () => {
    const res = await p.gql<any>(
      `mutation($s: ID!) { createApiKey(input: { streetId: $s, name: "client", scopes: ["case:read"] }) { secret } }`,
      { s: gid('Street', A.streetId) },
    );
    const apiKey = res.body.data.createApiKey.secret as string;
    const client = createClient({ url: p.url, apiKey, webSocketImpl: WebSocket });
    try {
      const { viewer } = await client.request(ViewerDocument);
      expect(viewer).toMatchObject({ authenticated: true, kind: 'API_KEY', scopes: ['case:read'] });
      const events = client.subscribe(CaseUpdatedDocument, {});
      const first = events.next();
      await new Promise((r) => setTimeout(r, 400));
      const made = await p.gql<any>(
        `mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id } userErrors { message } } }`,
        {
          input: {
            streetId: gid('Street', A.streetId),
            categoryId: gid(
              'CaseCategory',
              (
                await p.db.query<{ id: string }>(
                  `SELECT id::text AS id FROM case_category WHERE street_id IS NULL AND code = '0601'`,
                )
              )[0]!.id,
            ),
            gridId: gid('Grid', A.ids.unit),
            title: '钥匙看得见',
            urgency: 'B',
          },
        },
        { as: { token: A.tokens.GRID_WORKER } },
      );
      expect(made.body.errors).toBeUndefined();
      expect((await first).value?.caseUpdated.case.id).toBe(made.body.data.reportCase.case.id);
      await events.return();
      // A revoked key: the server's code, over HTTP.
      const bad = createClient({ url: p.url, apiKey: `${apiKey}x` });
      await expect(bad.request(ViewerDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      await client.dispose();
    }
  });
});
