import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * A connection's totalCount on the one-statement planner: a page read from the start that came
 * out short is the whole list, so its rows are the count; a full page, or a page after a cursor,
 * counts every matching row. Around the page size, forwards and backwards, with and without the
 * page facts that number the rows.
 */
let p: TestPlatform;
/** Community code → how many unit grids it has. */
const CHILDREN: Record<string, number> = {
  '621002001001': 0,
  '621002001002': 3,
  '621002001003': 4,
  '621002001004': 5,
  '621002001005': 6,
  '621002001006': 12,
};

beforeAll(async () => {
  p = await startTestPlatform();
  const [street] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM street WHERE code = '621002001'`,
  );
  const [root] = await p.db.query<{ id: string }>(
    `INSERT INTO grid (street_id, level, code, name) VALUES ($1, 'STREET', '621002001', '南街') RETURNING id::text AS id`,
    [street!.id],
  );
  for (const [code, n] of Object.entries(CHILDREN)) {
    const [community] = await p.db.query<{ id: string }>(
      `INSERT INTO grid (street_id, parent_id, level, code, name) VALUES ($1, $2, 'COMMUNITY', $3, $3) RETURNING id::text AS id`,
      [street!.id, root!.id, code],
    );
    await p.db.query(
      `INSERT INTO grid (street_id, parent_id, level, code, name)
       SELECT $1, $2, 'UNIT', $3 || lpad(u::text, 3, '0'), '单元' || u FROM generate_series(1, $4::int) u`,
      [street!.id, community!.id, code, n],
    );
    // An archived child is not counted, short page or not.
    await p.db.query(
      `INSERT INTO grid (street_id, parent_id, level, code, name, archived_at) VALUES ($1, $2, 'UNIT', $3 || '999', '撤销', now())`,
      [street!.id, community!.id, code],
    );
  }
});
afterAll(() => p.stop());

const shapes: [string, string][] = [
  ['first, nodes only', `children(first: 5) { totalCount nodes { code } }`],
  [
    'first, with page facts',
    `children(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { code } }`,
  ],
  ['first, the count alone', `children(first: 5) { totalCount }`],
  ['last', `children(last: 5) { totalCount pageInfo { hasPreviousPage } nodes { code } }`],
  ['first: 0', `children(first: 0) { totalCount }`],
  // A cursor past everything: an empty page, whatever the total.
  ['after a cursor', `children(first: 5, after: "$AFTER") { totalCount nodes { code } }`],
];

it.each(shapes)(
  '%s: every community counts its children, in one statement',
  async (_name, selection) => {
    // The cursor of a code after every child: taken from the last child of the largest community.
    const last = await p.gql<any>(
      `{ grids(first: 1, filter: { level: COMMUNITY, search: "621002001006" }) { nodes { children(last: 1) { edges { cursor } } } } }`,
    );
    const after = last.body.data.grids.nodes[0].children.edges[0].cursor;
    const query = `{ grids(first: 10, filter: { level: COMMUNITY }) { nodes { code ${selection.replace('$AFTER', after)} } } }`;
    // Twice: the second run of a known read is answered by the planner.
    await p.gql(query);
    const { result, statements } = await p.countStatements(() => p.gql<any>(query));
    expect(result.body.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    const counts = Object.fromEntries(
      result.body.data.grids.nodes.map((g: any) => [g.code, g.children.totalCount]),
    );
    expect(counts).toEqual(CHILDREN);
  },
);
