/**
 * A plugin resolver that throws or hangs costs only its own field: the field answers UNAVAILABLE
 * (never INTERNAL_SERVER_ERROR, never the plugin's own message), after PLUGIN_RESOLVER_TIMEOUT_MS
 * at most, and the rest of the response is there.
 */
import { definePlugin } from '@lianxin/sdk';
import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import { codes, manifest, NANJIE } from './helpers';

const TIMEOUT_MS = 300;
const SECRET = 'resolver-probe internals: connection string postgres://x';

const plugin = definePlugin({
  manifest: manifest('resolver-probe'),
  graphql: {
    typeDefs: `
      extend type Query {
        """Answers at once."""
        probeOk: String
        """Throws."""
        probeThrows: String
        """Never answers."""
        probeHangs: String
      }
      extend type Grid {
        """Throws, on a core object."""
        probeBroken: String
      }`,
    resolvers: {
      Query: {
        probeOk: () => 'fine',
        probeThrows: () => {
          throw new Error(SECRET);
        },
        probeHangs: () => new Promise(() => {}),
      },
      Grid: {
        probeBroken: async () => {
          throw new TypeError(SECRET);
        },
      },
    },
  },
});

let platform: TestPlatform;
let admin: TestCaller;
beforeAll(async () => {
  platform = await createTestPlatform({
    plugins: [plugin],
    env: { PLUGIN_RESOLVER_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
  await platform.enable('resolver-probe', NANJIE);
  admin = await platform.as('STREET_ADMIN', NANJIE);
});
afterAll(() => platform?.stop());

describe('a plugin resolver', () => {
  it('that throws: its field answers UNAVAILABLE, the other fields are there', async () => {
    const res = await admin.request<any>(`{ streets { totalCount } probeOk probeThrows }`);
    expect(res.data).toEqual({ streets: { totalCount: 6 }, probeOk: 'fine', probeThrows: null });
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error!.path).toEqual(['probeThrows']);
    expect(error!.extensions).toMatchObject({ code: 'UNAVAILABLE', plugin: 'resolver-probe' });
    expect(error!.message).toMatch(
      /^The plugin "resolver-probe" failed to answer \(error [0-9a-f-]{36}\)/,
    );
    expect(error!.message).not.toContain('internals');
    // The plugin's own message goes to the log, under the id the caller got.
    expect(platform.logs).toContainEqual(
      expect.objectContaining({
        msg: 'a plugin failed',
        plugin: 'resolver-probe',
        errorId: error!.extensions!.errorId,
        err: expect.objectContaining({ message: SECRET }),
      }),
    );
  });

  it('that throws on a core object: only that field is lost', async () => {
    const grid = await platform.grid(NANJIE);
    const res = await admin.request<any>(
      `query ($id: ID!) { node(id: $id) { ... on Grid { id name probeBroken } } }`,
      { id: grid },
    );
    expect(res.data!.node).toEqual({ id: grid, name: expect.any(String), probeBroken: null });
    expect(res.errors!.map((e) => e.path)).toEqual([['node', 'probeBroken']]);
    expect(codes(res)).toEqual(['UNAVAILABLE']);
  });

  it('that hangs: UNAVAILABLE after PLUGIN_RESOLVER_TIMEOUT_MS, the other fields are there', async () => {
    const t0 = Date.now();
    const res = await admin.request<any>(`{ streets { totalCount } probeOk probeHangs }`);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(took).toBeLessThan(TIMEOUT_MS + 4000);
    expect(res.data).toEqual({ streets: { totalCount: 6 }, probeOk: 'fine', probeHangs: null });
    expect(codes(res)).toEqual(['UNAVAILABLE']);
    expect(res.errors![0]!.path).toEqual(['probeHangs']);
    expect(res.errors![0]!.message).toBe(
      `The plugin "resolver-probe" did not finish Query.probeHangs within its limit of ${TIMEOUT_MS} ms; nothing it did there was kept.`,
    );
  });
});
