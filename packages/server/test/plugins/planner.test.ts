import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * A plugin's field on a core type stays on the one-statement path: the planner reads it from the
 * plugin's read model, in the same statement as the core query around it; where the plugin is
 * off in one of the caller's streets, the resolvers answer instead (PLUGIN_DISABLED there), and
 * their loaders still cost one statement per level.
 */
let p: TestPlatform;
let a: StreetActors;

beforeAll(async () => {
  p = await startTestPlatform({ plugins: ['@lianxin/plugin-micro-wish'] });
  a = await streetActors(p, '621002001');
  await p.db.query(
    `INSERT INTO plugin_micro_wish.wish (street_id, grid_id, title, status)
     SELECT g.street_id, g.id, '心愿 ' || g.code || '-' || i, 'OPEN'
     FROM grid g, generate_series(1, 3) i WHERE g.street_id = $1`,
    [a.streetId],
  );
  await p.gql(
    `mutation ($s: ID!) { enablePlugin(input: { plugin: "micro-wish", streetId: $s }) { userErrors { message } } }`,
    { s: gid('Street', a.streetId) },
  );
});
afterAll(() => p?.stop());

const QUERY = `query ($s: ID!) { grids(first: 10, filter: { streetId: $s }) { nodes { code
  wishes(first: 2) { totalCount nodes { id title status postedAt } }
  children(first: 5) { nodes { code wishes(first: 2) { totalCount nodes { title } } } } } } }`;

const run = (token: string) =>
  p.countStatements(() => p.gql<any>(QUERY, { s: gid('Street', a.streetId) }, { as: { token } }));
const sent = (statements: string[]) => statements.filter((s) => !s.startsWith('set_config'));

it('answers a nested grid query with Grid.wishes in one statement', async () => {
  await run(a.tokens.STREET_ADMIN); // the session's first request sets itself up
  const { result, statements } = await run(a.tokens.STREET_ADMIN);
  expect(result.body.errors).toBeUndefined();
  const grids = result.body.data.grids.nodes;
  expect(grids.length).toBeGreaterThan(1);
  expect(grids[0].wishes.totalCount).toBe(3);
  expect(grids[0].wishes.nodes).toHaveLength(2);
  expect(sent(statements)).toHaveLength(1);
  expect(sent(statements)[0]).toMatch(/plugin_micro_wish/);
});

it('reads the same through the resolvers when the planner declines, one statement a level', async () => {
  // A platform administrator spans streets where the plugin is off: the resolvers answer.
  const { result, statements } = await run(a.tokens.PLATFORM_ADMIN);
  expect(result.body.errors).toBeUndefined();
  const direct = await run(a.tokens.STREET_ADMIN);
  expect(result.body.data).toEqual(direct.result.body.data);
  // grids, wishes, children, their wishes, and each level's count: bounded by depth.
  expect(sent(statements).length).toBeGreaterThan(1);
  expect(sent(statements).length).toBeLessThanOrEqual(8);
});
