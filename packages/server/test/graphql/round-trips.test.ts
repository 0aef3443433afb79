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

/**
 * Volunteers (new people living in every eighth building, some archived), three teams, six
 * service posts, three records a volunteer (some unconfirmed, some corrected), twelve activities
 * (one archived) with participants: the other list pages' data.
 */
async function seedVolunteersAndActivities() {
  const one = `(SELECT id FROM organization WHERE street_id = $1 AND kind = 'COMMUNITY' ORDER BY code LIMIT 1)`;
  const unit = (code: string) => `(SELECT id FROM grid WHERE code = '${code}')`;
  await p.db.query(
    `WITH b AS (SELECT id, row_number() OVER (ORDER BY code) AS n FROM grid WHERE street_id = $1 AND level = 'BUILDING'),
     ps AS (INSERT INTO person (street_id, name, home_grid_id, phone, gender, birth_year, employer)
            SELECT $1, '志愿者' || lpad(n::text, 3, '0'), b.id, '138' || lpad(n::text, 8, '0'),
              CASE WHEN n % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, 1950 + n % 50, CASE WHEN n % 3 = 0 THEN '某单位' END
            FROM b WHERE n % 8 = 1 RETURNING id)
     INSERT INTO volunteer (street_id, person_id, skills, joined_on, archived_at)
     SELECT $1, ps.id, ARRAY['理发'], date '2020-01-01' + (ps.id % 5)::int, CASE WHEN ps.id % 7 = 0 THEN now() END FROM ps`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO volunteer_team (street_id, organization_id, name, description, founded_on)
     SELECT $1, CASE WHEN t < 3 THEN ${one} END, '小蜜蜂' || t, CASE WHEN t = 2 THEN '助老' END,
       CASE WHEN t < 3 THEN date '2019-05-01' + t END
     FROM generate_series(1, 3) t`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO volunteer_team_member (street_id, team_id, volunteer_id)
     SELECT $1, t.id, v.id FROM volunteer v JOIN volunteer_team t ON t.street_id = v.street_id
     WHERE v.street_id = $1 AND (v.id + t.id) % 2 = 0`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO service_post (street_id, organization_id, grid_id, name, kind, capacity, description)
     SELECT $1, CASE WHEN k % 2 = 0 THEN ${one} END,
       CASE k % 3 WHEN 1 THEN ${unit('621002001001001')} WHEN 2 THEN ${unit('621002001002001')} END,
       '岗位' || k, (ARRAY['MEDIATION','PATROL','ENVIRONMENT','OTHER'])[1 + k % 4],
       CASE WHEN k % 2 = 1 THEN k END, CASE WHEN k = 1 THEN '调解邻里纠纷' END
     FROM generate_series(1, 6) k`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO service_record (street_id, volunteer_id, recorded_by_organization_id, served_on, hours,
       people_served, post_id, description, place, confirmed_by_person_id, confirmed_at)
     SELECT $1, v.id, ${one}, date '2024-03-01' + ((v.id * 7 + k) % 40)::int,
       (ARRAY[1.5, 2, 0.25, 3.75, 24, 0.1])[1 + (v.id + k) % 6], k,
       CASE WHEN k = 2 THEN (SELECT min(id) FROM service_post WHERE street_id = $1) END,
       '服务' || k, CASE WHEN k = 1 THEN '社区' END,
       CASE WHEN k <> 3 THEN (SELECT min(id) FROM person WHERE street_id = $1) END,
       CASE WHEN k <> 3 THEN now() END
     FROM volunteer v, generate_series(1, 3) k WHERE v.street_id = $1`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO service_record (street_id, volunteer_id, recorded_by_organization_id, served_on, hours,
       description, supersedes_id, confirmed_by_person_id, confirmed_at)
     SELECT street_id, volunteer_id, recorded_by_organization_id, served_on, 1.25, '更正', id,
       CASE WHEN id % 2 = 0 THEN confirmed_by_person_id END, CASE WHEN id % 2 = 0 THEN now() END
     FROM service_record WHERE street_id = $1 AND id % 5 = 0 AND confirmed_at IS NOT NULL`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO activity (street_id, kind, title, brand_id, organization_id, grid_id, starts_at, place, archived_at)
     SELECT $1, (ARRAY['LECTURE','MEETING','CULTURAL','VOLUNTEER_SERVICE'])[1 + k % 4], '活动' || k,
       CASE WHEN k % 2 = 0 THEN (SELECT min(id) FROM brand WHERE street_id = $1 AND parent_id IS NOT NULL) END,
       CASE WHEN k % 3 <> 0 THEN ${one} END,
       CASE k % 3 WHEN 1 THEN ${unit('621002001001001')} WHEN 2 THEN ${unit('621002001002001')} END,
       timestamptz '2024-05-01 09:00+08' + least(k, 11) * interval '1 day 1 hour',
       CASE WHEN k % 2 = 1 THEN '广场' END, CASE WHEN k = 9 THEN now() END
     FROM generate_series(1, 12) k`,
    [streetId],
  );
  await p.db.query(
    `INSERT INTO activity_participant (street_id, activity_id, person_id, role)
     SELECT $1, a.id, p.id, (ARRAY['ORGANIZER','SPEAKER','VOLUNTEER','PARTICIPANT'])[1 + (a.id + p.id) % 4]
     FROM activity a JOIN person p ON p.street_id = a.street_id
     WHERE a.street_id = $1 AND ((a.id + p.id) % 9 = 0 OR p.id = (SELECT min(id) FROM person WHERE street_id = $1))`,
    [streetId],
  );
}

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
  let teamId: string;
  beforeAll(async () => {
    await seedVolunteersAndActivities();
    [{ id: teamId }] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM volunteer_team WHERE street_id = $1 ORDER BY id LIMIT 1`,
      [streetId],
    );
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
    // A volunteer, who sees their own volunteer record and service only.
    const [volunteer] = await p.db.query<{ id: string }>(
      `SELECT person_id::text AS id FROM volunteer WHERE street_id = $1 AND archived_at IS NULL ORDER BY id LIMIT 1`,
      [streetId],
    );
    callers.push(await user('VOLUNTEER', ', person_id', [volunteer!.id]));
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
      'direct read: timestamps of activities, participants, people, volunteers, teams, posts and records',
      `query($n: Int!) {
        activities(first: $n, filter: { includeArchived: true }) { nodes { startsAt endsAt createdAt updatedAt archivedAt
          participants(first: 3) { nodes { addedAt person { createdAt updatedAt archivedAt } } } } }
        volunteers(first: $n, filter: { includeArchived: true }) { nodes { createdAt updatedAt archivedAt } }
        volunteerTeams(first: $n) { nodes { createdAt updatedAt archivedAt } }
        servicePosts(first: $n) { nodes { createdAt updatedAt archivedAt } }
        serviceRecords(first: $n) { nodes { createdAt confirmedAt } }
        streets(first: 3) { nodes { createdAt updatedAt archivedAt } } }`,
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
      'direct read: volunteers with their person, street, teams and a first page of service',
      `query($s: ID!, $n: Int!, $c: String, $team: ID) {
        volunteers(first: $n, filter: { streetId: $s }) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id name joinedOn archived person { id name gender birthYear employer } street { code name } teams { name }
            serviceRecords(first: 2) { totalCount nodes { servedOn hours counted } } } }
        all: volunteers(first: 4, after: $c, filter: { includeArchived: true, search: "志愿者0" }) {
          pageInfo { hasNextPage hasPreviousPage startCursor } edges { cursor node { name joinedOn archived } } }
        joined: volunteers(first: 4, orderBy: { field: JOINED_ON, direction: DESC }) { edges { cursor node { name } } }
        before: volunteers(last: 3, before: $c) { pageInfo { hasPreviousPage } nodes { name } }
        inTeam: volunteers(filter: { teamId: $team, skill: "理发" }) { totalCount nodes { name } }
        none: volunteers(filter: { registered: true }) { totalCount nodes { name } } }`,
    ],
    [
      'direct read: volunteer teams with members, their people and service records',
      `query($n: Int!) { volunteerTeams(first: $n) { totalCount nodes { ...Team
          members(first: 4) { totalCount pageInfo { hasNextPage } nodes { ...V person { name }
            serviceRecords(first: 2, filter: { confirmed: true }, orderBy: { field: SERVED_ON }) { totalCount pageInfo { hasNextPage endCursor } nodes { servedOn hours peopleServed } } } }
          named: members(search: "志愿者0", orderBy: { field: JOINED_ON, direction: DESC }) { edges { cursor node { ...V } } } } }
        archived: volunteerTeams(filter: { includeArchived: true, search: "蜜蜂" }, orderBy: { field: CREATED_AT, direction: DESC }) { edges { cursor node { name } } } }
       fragment Team on VolunteerTeam { __typename id name description foundedOn archived organization { name volunteerTeams { name } } street { code } }
       fragment V on Volunteer { id name joinedOn }`,
    ],
    [
      'direct read: service posts with organization, grid and street',
      `query($s: ID!, $n: Int!) {
        servicePosts(first: $n, filter: { streetId: $s }) { totalCount pageInfo { hasNextPage hasPreviousPage }
          nodes { id name kind capacity description archived organization { name } grid { code name } street { code } } }
        patrols: servicePosts(filter: { kind: PATROL }, orderBy: { field: CREATED_AT, direction: DESC }) { edges { cursor node { name kind } } }
        searched: servicePosts(last: 2, filter: { search: "岗位", includeArchived: true }) { nodes { name } } }`,
    ],
    [
      'direct read: service records, newest first, with volunteer, organization, post and corrections',
      `query($n: Int!, $team: ID) {
        serviceRecords(first: $n) { totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id servedOn hours peopleServed description place confirmed counted corrected
            volunteer { name person { name } } organization { name } post { name kind }
            supersedes { hours confirmed } supersededBy { hours confirmed } } } }
        counted: serviceRecords(filter: { counted: true, from: "2024-03-10", to: "2024-03-30" }, orderBy: { field: SERVED_ON }) {
          totalCount nodes { servedOn hours volunteer { name } } }
        unconfirmed: serviceRecords(last: 3, filter: { confirmed: false }) { pageInfo { hasPreviousPage startCursor } nodes { servedOn hours } }
        byTeam: serviceRecords(filter: { teamId: $team }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount } }`,
    ],
    [
      'direct read: activities with organization, grid, brand and participants',
      `query($s: ID!, $n: Int!) {
        activities(first: $n, filter: { streetId: $s }) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id kind title place archived organization { name } grid { code name } brand { name } street { name }
            participants(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { role person { id name } } } } } }
        some: activities(filter: { kinds: [LECTURE, MEETING], includeArchived: true, from: "2024-05-03T00:00:00Z" }, orderBy: { field: STARTS_AT }) {
          nodes { title participants(filter: { roles: [ORGANIZER, SPEAKER] }, orderBy: { field: NAME, direction: DESC }) { totalCount nodes { role person { name } } } } }
        latest: activities(last: 2, orderBy: { field: CREATED_AT }) { edges { cursor node { title } } } }`,
    ],
    [
      'direct read: people with their street, volunteer record and activities',
      `query($s: ID!, $n: Int!, $c: String) {
        people(first: $n, filter: { streetId: $s, roles: [VOLUNTEER] }) { totalCount pageInfo { hasNextPage endCursor }
          nodes { id name gender birthYear employer archived street { code }
            volunteer { name joinedOn serviceRecords(first: 1) { totalCount } }
            activities(first: 2) { totalCount nodes { title } } } }
        after: people(first: 3, after: $c, filter: { search: "志愿者01" }) { edges { cursor node { name } } }
        newest: people(first: 3, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { name } } }`,
    ],
    [
      'direct read: brands and streets with their people, brands and activities',
      `query($n: Int!, $c: String) {
        brands(first: $n) { totalCount nodes { name isPrimary parent { name } owner { name } street { code }
          activities(first: 2) { nodes { title } } tree: activities(includeSubBrands: true, filter: { includeArchived: true }) { totalCount } } }
        primary: brands(filter: { primaryOnly: true }, orderBy: { field: NAME, direction: DESC }) { edges { cursor node { name } } }
        streets(first: 10) { totalCount nodes { id code name archived people(first: 1, filter: { search: "志愿者" }) { totalCount }
          brands(first: 1, filter: { rootsOnly: true }) { nodes { name } } activities(first: 2) { nodes { title } } } }
        later: streets(after: $c, orderBy: { field: CODE }) { pageInfo { hasNextPage } edges { cursor node { code } } }
        named: streets(first: 2, orderBy: { field: NAME, direction: DESC }, filter: { search: "6210" }) { nodes { name } } }`,
    ],
    [
      'filters that need a lookup first (fall back)',
      `query($s: ID!) { people(first: 3, filter: { gridId: "${Buffer.from('Grid:1').toString('base64url')}" }) { nodes { name } }
        streets(filter: { districtCode: "621002" }) { nodes { code } } volunteers(first: 1, filter: { streetId: $s }) { nodes { name } } }`,
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
        team: gid('VolunteerTeam', teamId),
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

  it('answers the volunteer and activity list pages in one statement, with their rows', async () => {
    const pages = `query { volunteerTeams(first: 5) { nodes { name members(first: 20) { totalCount nodes { name person { name }
        serviceRecords(first: 5) { nodes { hours counted corrected supersededBy { hours } } } } } } }
      activities(first: 12) { totalCount nodes { title organization { name } grid { code } participants(first: 50) { totalCount nodes { role person { name } } } } } }`;
    const { result, statements } = await p.countStatements(() => p.gql<any>(pages));
    const queries = statements.filter((s) => !s.startsWith('set_config'));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/^SELECT \(\(SELECT json_build_object\(/);
    const { volunteerTeams, activities } = result.body.data;
    expect(volunteerTeams.nodes.map((t: any) => t.name)).toEqual(['小蜜蜂1', '小蜜蜂2', '小蜜蜂3']);
    const members = volunteerTeams.nodes.flatMap((t: any) => t.members.nodes);
    expect(members.length).toBeGreaterThan(10);
    const records = members.flatMap((m: any) => m.serviceRecords.nodes);
    // Hours as JavaScript writes them (1.5, not 1.50), and corrections on both sides.
    expect(new Set(records.map((r: any) => r.hours))).toEqual(
      new Set([1.5, 2, 0.25, 3.75, 24, 0.1, 1.25]),
    );
    expect(records.some((r: any) => r.corrected && r.supersededBy.hours === 1.25)).toBe(true);
    expect(records.some((r: any) => !r.counted)).toBe(true);
    expect(activities.totalCount).toBe(11); // the archived one left out
    expect(activities.nodes.every((a: any) => a.participants.totalCount > 0)).toBe(true);
    expect(activities.nodes[0].participants.nodes[0].person.name).toEqual(expect.any(String));
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
