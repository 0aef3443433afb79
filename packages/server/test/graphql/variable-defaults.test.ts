import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * A variable's default applies when the request leaves it out, non-null or not (GraphQL spec,
 * CoerceVariableValues), on every executor and on the direct path; an explicit null for a
 * non-null variable is still refused.
 */
describe.each(['jit', 'graphql-js'])('variable defaults (executor %s)', (executor) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { GRAPHQL_EXECUTOR: executor } });
  });
  afterAll(() => platform.stop());

  // Each twice: the second run of a known read takes the direct path.
  it.each([1, 2])('fills an omitted non-null variable with its default (run %i)', async () => {
    const res = await platform.gql<any>(
      `query Streets($first: Int! = 2, $withName: Boolean! = false) {
        streets(first: $first) { nodes { code name @include(if: $withName) } }
      }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.streets.nodes).toHaveLength(2);
    expect(res.body.data.streets.nodes[0]).toEqual({ code: expect.stringMatching(/^\d{9}$/) });
  });

  it('fills defaults on a path the planner does not take (an enum default, a mutation-free read)', async () => {
    const res = await platform.gql<any>(
      `query Viewer($skipRole: Boolean! = true, $level: GridLevel! = COMMUNITY) {
        viewer { role @skip(if: $skipRole) allStreets }
        grids(first: 1, filter: { level: $level }) { totalCount }
      }`,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ viewer: { allStreets: true }, grids: { totalCount: 0 } });
  });

  it('uses a value given over the default', async () => {
    const res = await platform.gql<any>(
      `query Streets($first: Int! = 2) { streets(first: $first) { nodes { code } } }`,
      { first: 3 },
    );
    expect(res.body.data.streets.nodes).toHaveLength(3);
  });

  it('refuses an explicit null for a non-null variable with a default', async () => {
    const res = await platform.gql<any>(
      `query Streets($first: Int! = 2) { streets(first: $first) { nodes { code } } }`,
      { first: null },
    );
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0]).toMatchObject({
      message: expect.stringContaining('"$first" of non-null type "Int!" must not be null'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
