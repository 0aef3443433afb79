import request from 'supertest';
import { createApp, type App } from '../../src/app';
import { Tokens } from '../../src/domain/identity/tokens';
import { encodeCursor } from '../../src/domain/shared/keyset';
import { createLogger } from '../../src/logger';
import { gid, streetActors } from '../actors';
import { ADMIN_TOKEN, JWT_SECRET, startTestPlatform, type TestPlatform } from '../harness';

/**
 * A nested query must cost SQL round trips bounded by its depth, not by its width: the same
 * number of statements whether it returns 5 grids or 50 (and their children, staff, people,
 * covering organizations, brands and sub-brands).
 */
let p: TestPlatform;
let streetId: string;

beforeAll(async () => {
  // The query is wide on purpose; cost limits are tested elsewhere.
  p = await startTestPlatform({ env: { GRAPHQL_MAX_COST: '100000' } });
  const [street] = await p.db.query<{ id: string }>(
    `SELECT id::text AS id FROM street WHERE code = '621002001'`,
  );
  streetId = street!.id;
  // 1 street grid, 2 communities, 60 units (30 each) with 3 buildings each; staff and people on
  // units and buildings; each unit covered by its community's organization, which has a brand
  // with three sub-brands.
  await p.db.query(
    `WITH root AS (INSERT INTO grid (street_id, level, code, name) VALUES ($1, 'STREET', '621002001', '南街') RETURNING id),
     comm AS (INSERT INTO grid (street_id, parent_id, level, code, name)
              SELECT $1, root.id, 'COMMUNITY', '621002001' || lpad(c::text, 3, '0'), '社区' || c FROM root, generate_series(1, 2) c RETURNING id, code),
     unit AS (INSERT INTO grid (street_id, parent_id, level, code, name)
              SELECT $1, comm.id, 'UNIT', comm.code || lpad(u::text, 3, '0'), comm.code || '单元' || u FROM comm, generate_series(1, 30) u RETURNING id, code)
     INSERT INTO grid (street_id, parent_id, level, code, name)
     SELECT $1, unit.id, 'BUILDING', unit.code || lpad(b::text, 3, '0'), b || '号楼' FROM unit, generate_series(1, 3) b`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO person (street_id, name, home_grid_id, phone)
     SELECT $1, '居民' || g.code, g.id, '139' || lpad(g.id::text, 8, '0') FROM grid g WHERE g.street_id = $1 AND g.level IN ('UNIT', 'BUILDING')`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO grid_assignment (street_id, grid_id, person_id, role)
     SELECT $1, p.home_grid_id, p.id, CASE g.level WHEN 'UNIT' THEN 'LEADER' ELSE 'BUILDING_LEAD' END
     FROM person p JOIN grid g ON g.id = p.home_grid_id WHERE p.street_id = $1`,
    [streetId],
  );
  await p.db.query(
    `WITH org AS (INSERT INTO organization (street_id, path, kind, name, code)
                  SELECT $1, '0', 'COMMUNITY', g.name, 'C' || g.code FROM grid g WHERE g.street_id = $1 AND g.level = 'COMMUNITY'
                  RETURNING id, code)
     INSERT INTO organization_grid (street_id, organization_id, grid_id)
     SELECT $1, org.id, u.id FROM org JOIN grid u ON u.street_id = $1 AND u.level = 'UNIT' AND 'C' || left(u.code, 12) = org.code`,
    [streetId],
  );
  await p.db.query(`UPDATE organization SET path = text2ltree(id::text) WHERE street_id = $1`, [
    streetId,
  ]);
  await p.db.query(
    `WITH b AS (INSERT INTO brand (street_id, path, owner_organization_id, name, is_primary)
                SELECT $1, '0', o.id, o.name || '红', true FROM organization o WHERE o.street_id = $1 RETURNING id, owner_organization_id, name)
     INSERT INTO brand (street_id, parent_id, path, owner_organization_id, name)
     SELECT $1, b.id, '0', b.owner_organization_id, b.name || s FROM b, unnest(ARRAY['巷', '站', '堂']) s`,
    [streetId],
  );
  await p.db.query(
    `WITH o AS (SELECT id FROM organization WHERE street_id = $1),
     ps AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM person WHERE street_id = $1)
     INSERT INTO organization_member (street_id, organization_id, person_id, role, ended_on)
     SELECT $1, o.id, ps.id, (ARRAY['MEMBER','SECRETARY','STAFF','DEPUTY_SECRETARY'])[1 + ps.n % 4],
       CASE WHEN ps.n % 5 = 0 THEN current_date END
     FROM o CROSS JOIN ps WHERE ps.n <= 12`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO organization (street_id, parent_id, path, kind, name, code)
     SELECT $1, o.id, '0', k, o.name || '·' || k, o.code || '-' || left(k, 3)
     FROM organization o, unnest(ARRAY['PARTY_BRANCH', 'PROPERTY_MANAGER', 'OWNERS_COMMITTEE']) k
     WHERE o.street_id = $1 AND o.kind = 'COMMUNITY'`,
    [streetId],
  );
  await p.db.query(
    `UPDATE organization SET path = text2ltree(parent_id || '.' || id) WHERE street_id = $1 AND parent_id IS NOT NULL`,
    [streetId],
  );
  await p.db.query(
    `UPDATE brand SET path = CASE WHEN parent_id IS NULL THEN text2ltree(id::text) ELSE text2ltree(parent_id || '.' || id) END WHERE street_id = $1`,
    [streetId],
  );
});
afterAll(() => p.stop());

const nested = `query Nested($s: ID!, $n: Int!) {
  grids(first: $n, filter: { streetId: $s, level: UNIT }) {
    totalCount
    nodes {
      code
      children(first: 10) { totalCount nodes { code staff { role person { name phone } } } }
      staff { role person { name roles } }
      organizations { name brands(first: 5) { nodes { name children(first: 5) { nodes { name } } } } }
    }
  }
}`;

async function run(n: number) {
  const { result, statements } = await p.countStatements(() =>
    p.gql<any>(nested, { s: gid('Street', streetId), n }),
  );
  expect(result.body.errors).toBeUndefined();
  // Setting the street scope is skipped when the pooled connection already has it: not a round trip of the query.
  return {
    data: result.body.data,
    statements: statements.filter((s) => !s.startsWith('set_config')),
  };
}

describe('round trips of a nested query', () => {
  it('returns what was asked: 50 grids, each with 3 children, staff, a covering organization and its brands', async () => {
    const { data } = await run(50);
    const grids = data.grids.nodes;
    expect(data.grids.totalCount).toBe(60);
    expect(grids).toHaveLength(50);
    for (const g of grids) {
      expect(g.children.nodes).toHaveLength(3);
      expect(g.children.totalCount).toBe(3);
      expect(g.children.nodes[0].staff[0]).toMatchObject({
        role: 'BUILDING_LEAD',
        person: { name: expect.stringMatching(/^居民/) },
      });
      expect(g.staff).toEqual([
        { role: 'LEADER', person: { name: `居民${g.code}`, roles: ['GRID_WORKER', 'RESIDENT'] } },
      ]);
      expect(g.organizations).toHaveLength(1);
      const [primary] = g.organizations[0].brands.nodes;
      expect(primary.children.nodes.map((b: any) => b.name)).toHaveLength(3);
    }
  });

  it('sends the same number of statements for 5 grids as for 50', async () => {
    const small = await run(5);
    const large = await run(50);
    expect(small.data.grids.nodes).toHaveLength(5);
    expect(large.data.grids.nodes).toHaveLength(50);
    expect(large.statements.length).toBe(small.statements.length);
    // Bounded by the depth of the query: a handful of levels, each one statement (plus the
    // session's scope setting), whatever the width.
    expect(large.statements.length).toBeLessThanOrEqual(15);
  });
});

describe('direct reads (one statement from the read models)', () => {
  let plain: App;
  const callers: string[] = [ADMIN_TOKEN];
  beforeAll(async () => {
    // Callers whose view differs: a grid worker of one community, a resident, another street's admin.
    const tokens = new Tokens({
      secret: JWT_SECRET,
      accessTtlSeconds: 3600,
      refreshTtlSeconds: 3600,
    });
    const [community] = await p.db.query<{ id: string; code: string }>(
      `SELECT id::text AS id, code FROM grid WHERE code = '621002001001'`,
    );
    const [resident] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM person WHERE street_id = $1 ORDER BY id LIMIT 1`,
      [streetId],
    );
    const user = async (role: string, extra: string, values: unknown[]) => {
      const [row] = await p.db.query<{ id: string }>(
        `INSERT INTO app_user (username, display_name, password_hash, role, street_id${extra})
         VALUES ($1, $1, 'unused', $2, $3${values.map((_, i) => `, $${i + 4}`).join('')}) RETURNING id::text AS id`,
        [`lookahead.${role.toLowerCase()}`, role, streetId, ...values],
      );
      return (await tokens.signAccess(row!.id, 0, role)).token;
    };
    callers.push(
      await user('GRID_WORKER', ', grid_id, grid_code', [community!.id, community!.code]),
    );
    callers.push(await user('RESIDENT', ', person_id', [resident!.id]));
    callers.push((await streetActors(p, '430111001')).tokens.STREET_ADMIN);
    // The same server without direct reads, on the same database, to compare answers with.
    plain = await createApp({
      config: { ...p.config, GRAPHQL_LOOKAHEAD: false },
      db: p.appDb,
      logger: createLogger({ LOG_LEVEL: 'silent' }),
      adminToken: ADMIN_TOKEN,
      jwtSecret: JWT_SECRET,
    });
  });
  afterAll(() => plain.stop());

  const shapes: [string, string][] = [
    ['nested', nested],
    [
      'edges, cursors, fragments and aliases',
      `query($s: ID!, $n: Int!) { grids(first: $n, filter: { streetId: $s, level: UNIT }) {
        pageInfo { hasNextPage endCursor } edges { cursor node { ...G children(first: 2) { totalCount pageInfo { hasNextPage startCursor endCursor } edges { cursor node { ...G } } } } } } }
       fragment G on Grid { __typename id code nom: name level households createdAt updatedAt archived center { lng } staff { id role startedOn endedOn person { id name phone idNumber createdAt } } }`,
    ],
    [
      'direct read: a page with its total, staff and people',
      `query($s: ID!, $n: Int!) { grids(first: $n, filter: { streetId: $s, level: UNIT }) { totalCount nodes { id code name households staff { role person { name } } } } }`,
    ],
    [
      'direct read: aliases, typenames, page info, children, and the filter as one variable',
      `query($f: GridFilterInput, $n: Int) { list: grids(first: $n, filter: $f) { __typename total: totalCount
        pageInfo { hasNextPage hasPreviousPage } nodes { __typename id c: code level residents buildings
          children(first: 2) { totalCount pageInfo { hasNextPage } nodes { code staff { __typename role person { __typename id name } } } } } } }`,
    ],
    [
      'direct read: an empty page',
      `query($s: ID!) { grids(first: 5, filter: { streetId: $s, level: STREET, parentId: "${Buffer.from('Grid:999999').toString('base64url')}" }) { totalCount pageInfo { hasNextPage } nodes { code } } }`,
    ],
    [
      'direct read: organizations with grids, brands, sub-brands, members and children',
      `query($s: ID!, $n: Int!) { organizations(first: $n, filter: { streetId: $s, kinds: [COMMUNITY] }) {
        totalCount nodes { id name kind code phone foundedOn archived grids { code name }
          brands(first: 5) { totalCount nodes { name isPrimary children(first: 2) { pageInfo { hasNextPage } nodes { name } } } }
          members(first: 5) { totalCount nodes { id role startedOn endedOn person { id name } } }
          children(first: 5) { nodes { name kind } } } } }`,
    ],
    [
      'direct read: fragments, nested filters and orderings, ended members',
      `query($s: ID!, $n: Int!) {
        organizations(first: $n, filter: { streetId: $s }, orderBy: { field: NAME, direction: DESC }) { ...Orgs }
        grids(first: 3, filter: { streetId: $s, level: COMMUNITY }) { nodes { ... on Grid { code
          children(first: 4, orderBy: { field: CODE, direction: DESC }, filter: { search: "单元1" }) { totalCount nodes { code organizations { name } } } } } } }
       fragment Orgs on OrganizationConnection { nodes { ...O children(filter: { kinds: [OWNERS_COMMITTEE, PARTY_BRANCH] }) { nodes { ...O } }
         members(first: 20, filter: { includeEnded: true }) { nodes { role endedOn } }
         brands(filter: { primaryOnly: true }) { nodes { name } } } }
       fragment O on Organization { name kind }`,
    ],
    [
      'direct read: only totals and type names',
      `query($s: ID!) { __typename all: grids(first: 1) { totalCount } units: grids(filter: { streetId: $s, level: UNIT }) { __typename totalCount }
        organizations(first: 0) { totalCount pageInfo { hasNextPage } nodes { name } } }`,
    ],
    [
      'direct read: edges, cursors and page info in Relay form',
      `query($s: ID!, $n: Int!) { grids(first: $n, filter: { streetId: $s, level: UNIT }) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
        edges { __typename cursor node { id code children(first: 2, orderBy: { field: NAME, direction: DESC }) {
          pageInfo { startCursor endCursor hasNextPage } edges { cursor node { name } } } } } } }`,
    ],
    [
      'direct read: timestamps as the API writes them',
      `query($s: ID!, $n: Int!) { grids(first: $n, filter: { streetId: $s }) { nodes { createdAt updatedAt archivedAt } }
        organizations(first: $n, filter: { streetId: $s, includeArchived: true }) { nodes { createdAt archivedAt brands { nodes { updatedAt } } } } }`,
    ],
    [
      'direct read: a page after a cursor, and one before it',
      `query($s: ID!, $n: Int!, $c: String) {
        next: grids(first: $n, after: $c, filter: { streetId: $s, level: UNIT }) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { code } } }
        previous: grids(last: $n, before: $c, filter: { streetId: $s, level: UNIT }) {
          totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { code } }
        tail: organizations(last: 2, filter: { streetId: $s }) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { name } } }`,
    ],
    [
      'a field it does not build (falls back)',
      `query($s: ID!, $n: Int!) { grids(first: $n, filter: { streetId: $s, level: UNIT }) { nodes { code parent { code } children { nodes { code } } } } }`,
    ],
  ];

  it.each(shapes)('answer exactly as the loader path does: %s', async (name, document) => {
    for (const token of callers) {
      const variables = {
        s: gid('Street', streetId),
        n: 7,
        f: { streetId: gid('Street', streetId), level: 'UNIT' },
        // A cursor in the middle of the units (any id past the code's rows will do).
        c: encodeCursor('621002001001015', '0'),
      };
      const ask = (app: App) =>
        request(app.http)
          .post('/graphql')
          .set('Authorization', `Bearer ${token}`)
          .send({ query: document, variables });
      const { result: fast, statements } = await p.countStatements(() => ask(p.app));
      const slow = await ask(plain);
      expect(fast.body.errors).toBeUndefined();
      // The shapes named so are answered by one statement in which PostgreSQL builds the data.
      const direct = statements.filter((s) => /^SELECT \(\(SELECT json_build_object\(/.test(s));
      expect(direct).toHaveLength(name.startsWith('direct read') ? 1 : 0);
      expect(fast.body.data).toEqual(slow.body.data);
      // In the same order too: a response keeps the order of the selection.
      expect(JSON.stringify(fast.body.data)).toBe(JSON.stringify(slow.body.data));
      // Data spliced into the body as PostgreSQL's JSON text costs what the same data parsed does.
      expect(fast.body.extensions.cost.actualQueryCost).toBe(
        slow.body.extensions.cost.actualQueryCost,
      );
    }
  });

  it('answers a whole page of grids with children, staff and people in one statement (direct read)', async () => {
    const tree = `query($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
      nodes { code name children(first: 10) { nodes { code name staff { role person { name } } } } } } }`;
    const { result, statements } = await p.countStatements(() =>
      p.gql<any>(tree, { s: gid('Street', streetId) }),
    );
    expect(result.body.data.grids.nodes).toHaveLength(20);
    expect(result.body.data.grids.nodes[0].children.nodes[0].staff[0].person.name).toMatch(/^居民/);
    const queries = statements.filter((s) => !s.startsWith('set_config'));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^SELECT \(\(SELECT json_build_object\(/);
  });

  it('answers organizations with grids, brands, sub-brands, members and children in one statement', async () => {
    const orgs = `query($s: ID!) { organizations(first: 20, filter: { streetId: $s, kinds: [COMMUNITY] }) {
      nodes { name grids { code name } brands(first: 5) { nodes { name children(first: 5) { nodes { name } } } }
        members(first: 5) { nodes { role person { name } } } children(first: 5) { nodes { name kind } } } } }`;
    const { result, statements } = await p.countStatements(() =>
      p.gql<any>(orgs, { s: gid('Street', streetId) }),
    );
    const [first] = result.body.data.organizations.nodes;
    expect(first.grids).toHaveLength(30);
    expect(first.brands.nodes[0].children.nodes).toHaveLength(3);
    expect(first.members.nodes.map((m: any) => m.role).slice(0, 2)).toEqual([
      'SECRETARY',
      'SECRETARY',
    ]);
    expect(first.children.nodes).toHaveLength(3);
    const queries = statements.filter((s) => !s.startsWith('set_config'));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^SELECT \(\(SELECT json_build_object\(/);
  });

  it('falls back to the ordinary path, which explains, when an argument is wrong', async () => {
    const res = await p.gql<any>(
      `query($s: ID!) { organizations(first: 2, filter: { streetId: $s }) { nodes { name } } }`,
      { s: gid('Grid', '1') },
    );
    expect(res.body.errors[0].message).toBe('"filter.streetId" is not the ID of a Street.');
    const tooMany = await p.gql<any>(
      `query($s: ID!) { organizations(first: 2, filter: { streetId: $s }) { nodes { members(first: 500) { totalCount } } } }`,
      { s: gid('Street', streetId) },
    );
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves personal data to the resolvers, which mask and audit it, level by level', async () => {
    // phone is @personalData: no read model may hold it, so the loaders answer.
    const tree = `query($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
      nodes { code name children(first: 10) { nodes { code name staff { role person { name phone } } } } } } }`;
    const { result, statements } = await p.countStatements(() =>
      p.gql<any>(tree, { s: gid('Street', streetId) }),
    );
    expect(result.body.data.grids.nodes).toHaveLength(20);
    expect(result.body.data.grids.nodes[0].children.nodes[0].staff[0].person.phone).toMatch(
      /^139\d{8}$/,
    );
    const queries = statements.filter(
      (s) => !s.startsWith('set_config') && !s.startsWith('INSERT INTO audit_log'),
    );
    expect(queries.some((s) => /^SELECT \(\(SELECT json_build_object\(/.test(s))).toBe(false);
    // grids, children, staff, people: one statement per level.
    expect(queries).toHaveLength(4);
  });
});
