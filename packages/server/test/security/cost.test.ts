import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

/**
 * The query cost cannot be dodged: it is computed on the operation as it runs (fragments
 * expanded at every level, variables with their defaults, @skip/@include applied), the bucket is
 * charged what the response actually cost, and no document costs less than the objects it returns.
 */
let p: TestPlatform;
let s: StreetActors;

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      GRAPHQL_MAX_COST: '5000',
      RATE_LIMIT_CAPACITY: '100000',
      RATE_LIMIT_RESTORE_PER_SECOND: '0.001',
    },
  });
  s = await streetActors(p, '621002001');
});
afterAll(() => p.stop());

const resident = () => ({ as: { token: s.tokens.RESIDENT } });
const admin = () => ({ as: { token: s.tokens.STREET_ADMIN } });

/** The requested cost of a query, from its refusal or its answer. */
async function requested(query: string, variables: Record<string, unknown> = {}) {
  const res = await p.gql<any>(query, variables, admin());
  return (
    res.body.extensions?.cost?.requestedQueryCost ??
    res.body.errors?.[0]?.extensions?.cost?.requestedQueryCost
  );
}

describe('the requested cost', () => {
  const plain = `{ organizations(first: 100) { nodes { grids { organizations { grids { id } } } } } }`;
  // 1 + 100 × (1 + grids: 1 + 10 × (1 + organizations: 1 + 10 × (1 + grids: 1 + 10 × 1)))
  const plainCost = 1 + 100 * (1 + 1 + 10 * (1 + 1 + 10 * (1 + 1 + 10)));

  it.each([
    ['as plain fields', plain],
    [
      'inside an inline fragment on the connection',
      `{ organizations(first: 100) { ... on OrganizationConnection { nodes { grids { organizations { grids { id } } } } } } }`,
    ],
    [
      'inside a named fragment on the connection',
      `query { organizations(first: 100) { ...Page } }
       fragment Page on OrganizationConnection { nodes { ...Org } }
       fragment Org on Organization { grids { organizations { grids { id } } } }`,
    ],
    [
      'inside nested inline fragments without type conditions',
      `{ organizations(first: 100) { ... { ... { nodes { ... { grids { organizations { grids { id } } } } } } } } }`,
    ],
  ])(
    'is the same however the selection is written (%s), and refused over the maximum',
    async (_, query) => {
      const res = await p.gql<any>(query, {}, resident());
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        cost: { requestedQueryCost: plainCost, maximumQueryCost: 5000 },
      });
    },
  );

  it("reads page sizes from variables' default values", async () => {
    const literal = `{ grids(first: 100) { nodes { children(first: 100) { nodes { children(first: 100) { nodes { id } } } } } } }`;
    const withDefault = `query($n: Int = 100) { grids(first: $n) { nodes { children(first: $n) { nodes { children(first: $n) { nodes { id } } } } } } }`;
    const expected = 1 + 100 * (1 + 1 + 100 * (1 + 1 + 100 * 1));
    expect(expected).toBe(1_020_201);
    expect(await requested(literal)).toBe(expected);
    expect(await requested(withDefault)).toBe(expected);
    // A value given overrides the default.
    expect(await requested(withDefault, { n: 2 })).toBe(1 + 2 * (1 + 1 + 2 * (1 + 1 + 2)));
  });

  it('leaves out what @skip and @include leave out, and counts what they keep', async () => {
    const query = `query($big: Boolean!) {
      grids(first: 5) { nodes { id children(first: 100) @include(if: $big) { nodes { id } } } }
      streets(first: 3) @skip(if: $big) { nodes { id } }
    }`;
    expect(await requested(query, { big: true })).toBe(1 + 5 * (1 + 1 + 100));
    expect(await requested(query, { big: false })).toBe(1 + 5 * 1 + (1 + 3));
  });

  it('refuses variables that do not coerce before pricing them, naming the variable', async () => {
    const res = await p.gql<any>(`query($n: Int!) { grids(first: $n) { totalCount } }`, {
      n: 'many',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/\$n/);
  });
});

describe('pricing a document', () => {
  it('takes linear time, however many times fragments spread each other', async () => {
    // Four levels of fragments on a connection, each spreading the next 60 times: priced one
    // spread at a time this would be 60⁴ walks.
    const spreads = (name: string) => Array.from({ length: 60 }, () => `...${name}`).join(' ');
    const query = `query { grids(first: 1) { ...F0 } }
      fragment F0 on GridConnection { ${spreads('F1')} }
      fragment F1 on GridConnection { ${spreads('F2')} }
      fragment F2 on GridConnection { ${spreads('F3')} }
      fragment F3 on GridConnection { totalCount }`;
    const started = Date.now();
    const res = await p.gql<any>(query, {}, resident());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBeLessThan(500);
  });
});

describe('the bucket', () => {
  it('is charged what was asked for when execution ran but a failed root field left no data', async () => {
    const token = { as: { token: s.tokens.DEPARTMENT_STAFF } };
    // `b` fails (page size over 100) and, being non-null, takes `data` with it.
    const res = await p.gql<any>(
      `{ a: grids(first: 50) { nodes { id } } b: grids(first: 101) { totalCount } }`,
      {},
      token,
    );
    expect(res.body.data).toBeNull();
    const cost = res.body.extensions.cost;
    expect(cost.actualQueryCost).toBe(cost.requestedQueryCost);
    expect(cost.requestedQueryCost).toBeGreaterThan(50);
  });

  it('is charged what a response actually cost, also beyond what was requested', async () => {
    // A grid with 25 staff: its plain `staff` list is priced at an assumed 10.
    const [grid] = await p.db.query<{ id: string }>(
      `INSERT INTO grid (street_id, parent_id, level, code, name) VALUES ($1, $2, 'COMMUNITY', '621002001099', '大网格')
       RETURNING id::text AS id`,
      [s.streetId, s.ids.root],
    );
    await p.db.query(
      `WITH people AS (
         INSERT INTO person (street_id, name) SELECT $1, '网格员' || n FROM generate_series(1, 25) n RETURNING id)
       INSERT INTO grid_assignment (street_id, grid_id, person_id, role) SELECT $1, $2, id, 'MEMBER' FROM people`,
      [s.streetId, grid!.id],
    );
    const query = `query($id: ID!) { node(id: $id) { ... on Grid { staff { role } } } }`;
    const token = { as: { token: s.tokens.COMMUNITY_STAFF } };
    const before = await p.gql<any>(`{ viewer { role } }`, {}, token);
    const res = await p.gql<any>(query, { id: gid('Grid', grid!.id) }, token);
    const after = await p.gql<any>(`{ viewer { role } }`, {}, token);
    const cost = res.body.extensions.cost;
    expect(res.body.data.node.staff).toHaveLength(25);
    expect(cost.requestedQueryCost).toBe(1 + 1 + 10 * 1);
    expect(cost.actualQueryCost).toBe(1 + 25);
    // The viewer queries cost nothing (no objects); the bucket went down by the actual cost.
    const spent =
      before.body.extensions.cost.throttleStatus.currentlyAvailable -
      after.body.extensions.cost.throttleStatus.currentlyAvailable;
    expect(spent).toBeGreaterThanOrEqual(cost.actualQueryCost);
    expect(spent).toBeLessThanOrEqual(cost.actualQueryCost + 1);
  });
});

describe('no document costs less than the objects it returns (property, seeded)', () => {
  // A tiny seeded generator of documents over connections, objects and fragments: each
  // document's requested cost must be at least the objects its answer holds.
  function mulberry32(seed: number) {
    let a = seed;
    return () => {
      a |= 0;
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const seed = Number(process.env.COST_SEED ?? 20261203);

  /** Relations to walk, by type: [field, type, kind]. */
  const relations: Record<string, [string, string, 'connection' | 'list' | 'object'][]> = {
    Grid: [
      ['children', 'Grid', 'connection'],
      ['parent', 'Grid', 'object'],
      ['staff', 'GridStaffAssignment', 'list'],
      ['organizations', 'Organization', 'list'],
      ['street', 'Street', 'object'],
    ],
    Organization: [
      ['grids', 'Grid', 'list'],
      ['children', 'Organization', 'connection'],
      ['street', 'Street', 'object'],
    ],
    Street: [
      ['grids', 'Grid', 'connection'],
      ['organizations', 'Organization', 'connection'],
      ['district', 'District', 'object'],
    ],
    GridStaffAssignment: [
      ['grid', 'Grid', 'object'],
      ['person', 'Person', 'object'],
    ],
    Person: [],
    District: [],
  };

  function selection(rnd: () => number, type: string, depth: number): string {
    const parts = ['id'];
    for (const [field, target, kind] of relations[type] ?? []) {
      if (depth >= 3 || rnd() < 0.45) continue;
      const inner = selection(rnd, target, depth + 1);
      const alias = rnd() < 0.3 ? `a${Math.floor(rnd() * 1000)}: ` : '';
      let text: string;
      if (kind === 'connection') {
        const n = 1 + Math.floor(rnd() * 5);
        const page = rnd() < 0.5 ? `nodes { ${inner} }` : `edges { cursor node { ${inner} } }`;
        const body =
          rnd() < 0.3 ? `... on ${target}Connection { ${page} pageInfo { hasNextPage } }` : page;
        text = `${alias}${field}(first: ${n}) { ${body} }`;
      } else text = `${alias}${field} { ${inner} }`;
      parts.push(rnd() < 0.25 ? `... on ${type} { ${text} }` : text);
    }
    return parts.join(' ');
  }

  function countObjects(value: unknown): number {
    if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
    if (value === null || typeof value !== 'object') return 0;
    return 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0);
  }

  it('holds for 60 random documents', async () => {
    const rnd = mulberry32(seed);
    const failures: string[] = [];
    for (let i = 0; i < 60; i++) {
      const root = rnd() < 0.5 ? 'grids' : 'organizations';
      const type = root === 'grids' ? 'Grid' : 'Organization';
      const query = `{ ${root}(first: ${1 + Math.floor(rnd() * 4)}) { nodes { ${selection(rnd, type, 1)} } } }`;
      const res = await p.gql<any>(query, {}, admin());
      expect(res.body.errors).toBeUndefined();
      const objects = countObjects(res.body.data) - 1;
      const cost = res.body.extensions.cost;
      if (cost.requestedQueryCost < objects || cost.actualQueryCost < objects)
        failures.push(`seed ${seed} #${i}: ${JSON.stringify(cost)} < ${objects} objects: ${query}`);
    }
    expect(failures).toEqual([]);
  });
});
