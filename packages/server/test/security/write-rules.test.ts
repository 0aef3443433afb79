/**
 * Write rules by area, and IDs that reveal nothing: each write is checked against the area it
 * writes (docs/security.md, "Roles"), and a row the caller may not read answers exactly like one
 * that does not exist; a row the caller reads but may not change is FORBIDDEN.
 */
import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type GraphQLResponse, type TestPlatform } from '../harness';

let p: TestPlatform;
let A: StreetActors;
let B: StreetActors;
const S = () => gid('Street', A.streetId);
/** An ID of each type that exists nowhere. */
const unknown = (type: string) => gid(type, '987654321');

const as = (token: string) => ({ as: { token } });

async function apiKey(actors: StreetActors, scopes: string[]): Promise<string> {
  const res = await p.gql<any>(
    `mutation($s: ID!, $scopes: [String!]!) { createApiKey(input: { streetId: $s, name: "probe", scopes: $scopes }) { secret userErrors { message } } }`,
    { s: gid('Street', actors.streetId), scopes },
  );
  return res.body.data.createApiKey.secret;
}

const brandWrite = `mutation($input: UpdateBrandInput!) { updateBrand(input: $input) { brand { name } userErrors { field message code } } }`;
const brandCreate = `mutation($input: CreateBrandInput!) { createBrand(input: $input) { brand { id name } userErrors { field message code } } }`;
const activityWrite = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { title } userErrors { field message code } } }`;
const activityCreate = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { field message code } } }`;
const personWrite = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { name } userErrors { field message code } } }`;
const personCreate = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { field message code } } }`;
const personArchive = `mutation($id: ID!) { archivePerson(input: { id: $id }) { person { id } userErrors { field message code } } }`;
const gridWrite = `mutation($input: UpdateGridInput!) { updateGrid(input: $input) { grid { name } userErrors { field message code } } }`;
const assignmentEnd = `mutation($id: ID!) { endGridStaffAssignment(input: { assignmentId: $id }) { assignment { id } userErrors { field message code } } }`;
const volunteerWrite = `mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) { volunteer { id } userErrors { field message code } } }`;
const keyRevoke = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } userErrors { field message code } } }`;

let brandId: string;
let activityId: string;
let outsideAssignment: string;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
  const brand = await p.gql<any>(brandCreate, {
    input: { streetId: S(), name: '初心红', ownerId: gid('Organization', A.ids.communityOrg) },
  });
  brandId = brand.body.data.createBrand.brand.id;
  const [activity] = await p.db.query<{ id: string }>(
    `INSERT INTO activity (street_id, kind, title, brand_id, starts_at)
     SELECT street_id, 'LECTURE', '党史宣讲', id, now() FROM brand WHERE name = '初心红' RETURNING id::text AS id`,
  );
  activityId = gid('Activity', activity!.id);
  // The volunteer leads the other community: an assignment outside the grid worker's subtree.
  const [assignment] = await p.db.query<{ id: string }>(
    `INSERT INTO grid_assignment (street_id, grid_id, person_id, role) VALUES ($1, $2, $3, 'LEADER') RETURNING id::text AS id`,
    [A.streetId, A.ids.otherCommunity, A.ids.volunteer],
  );
  outsideAssignment = gid('GridStaffAssignment', assignment!.id);
}, 60_000);

afterAll(() => p?.stop());

const payloadOf = (res: GraphQLResponse, field: string) => (res.body.data as any)?.[field];
const codes = (res: GraphQLResponse) =>
  ((res.body.errors ?? []) as any[]).map((e) => e.extensions?.code);

describe('each write is checked against the area it writes', () => {
  it('refuses brand and activity writes to an API key with only organization:write', async () => {
    const key = await apiKey(A, ['*:read', 'organization:write']);
    const before = await p.db.query(`SELECT name FROM brand UNION ALL SELECT title FROM activity`);
    const attempts = [
      await p.gql(brandWrite, { input: { id: brandId, name: '改名' } }, as(key)),
      await p.gql(
        brandCreate,
        {
          input: {
            streetId: S(),
            name: '新品牌',
            ownerId: gid('Organization', A.ids.communityOrg),
          },
        },
        as(key),
      ),
      await p.gql(activityWrite, { input: { id: activityId, title: '改名' } }, as(key)),
      await p.gql(
        activityCreate,
        {
          input: {
            streetId: S(),
            title: '新活动',
            kind: 'OTHER',
            startsAt: '2024-03-01T02:00:00Z',
            brandId,
          },
        },
        as(key),
      ),
    ];
    expect(attempts.map(codes)).toEqual([
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['FORBIDDEN'],
      ['FORBIDDEN'],
    ]);
    expect(attempts[0]!.body.errors[0].message).toBe(
      'An API key needs the brand:write scope to change brands.',
    );
    expect(await p.db.query(`SELECT name FROM brand UNION ALL SELECT title FROM activity`)).toEqual(
      before,
    );
  });

  it('lets an API key with brand:write change brands, and one with activity:write activities', async () => {
    const brandKey = await apiKey(A, ['*:read', 'brand:write']);
    const activityKey = await apiKey(A, ['*:read', 'activity:write']);
    const brand = await p.gql(
      brandWrite,
      { input: { id: brandId, name: '初心红·一' } },
      as(brandKey),
    );
    expect(brand.body.errors).toBeUndefined();
    expect(payloadOf(brand, 'updateBrand')).toEqual({
      brand: { name: '初心红·一' },
      userErrors: [],
    });
    const activity = await p.gql(
      activityWrite,
      { input: { id: activityId, title: '党史宣讲·一' } },
      as(activityKey),
    );
    expect(activity.body.errors).toBeUndefined();
    expect(payloadOf(activity, 'updateActivity')).toEqual({
      activity: { title: '党史宣讲·一' },
      userErrors: [],
    });
    // Each only in its own area.
    const crossed = await p.gql(
      activityWrite,
      { input: { id: activityId, title: '越权' } },
      as(brandKey),
    );
    expect(codes(crossed)).toEqual(['FORBIDDEN']);
  });

  it('lets community staff create and change brands and activities, as docs/security.md says, but not organizations', async () => {
    const staff = as(A.tokens.COMMUNITY_STAFF);
    const created = await p.gql(
      brandCreate,
      {
        input: { streetId: S(), name: '邻里红', ownerId: gid('Organization', A.ids.communityOrg) },
      },
      staff,
    );
    expect(created.body.errors).toBeUndefined();
    expect(payloadOf(created, 'createBrand').userErrors).toEqual([]);
    const changed = await p.gql(brandWrite, { input: { id: brandId, slogan: '初心如磐' } }, staff);
    expect(changed.body.errors).toBeUndefined();
    expect(payloadOf(changed, 'updateBrand').userErrors).toEqual([]);
    const activity = await p.gql(
      activityWrite,
      { input: { id: activityId, place: '社区活动室' } },
      staff,
    );
    expect(activity.body.errors).toBeUndefined();
    expect(payloadOf(activity, 'updateActivity').userErrors).toEqual([]);
    const org = await p.gql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } userErrors { code } } }`,
      { input: { streetId: S(), kind: 'COMMUNITY', name: '新社区' } },
      staff,
    );
    expect(codes(org)).toEqual(['FORBIDDEN']);
  });
});

/**
 * The answer for an ID the caller may not read, next to the answer for an ID that does not exist:
 * they must be the same, but for the ID itself.
 */
async function sameAsUnknown(
  query: string,
  variables: (id: string) => Record<string, unknown>,
  hidden: string,
  type: string,
  token: string,
) {
  const seen = await p.gql(query, variables(hidden), as(token));
  const missing = await p.gql(query, variables(unknown(type)), as(token));
  // Extensions aside: they carry the caller's rate-limit bucket, which changes between calls.
  const answer = (res: GraphQLResponse) => ({
    status: res.status,
    data: res.body.data,
    errors: res.body.errors,
  });
  expect(answer(seen)).toEqual(answer(missing));
  return seen;
}

const notFound = (res: GraphQLResponse, field: string) => {
  expect(res.body.errors).toBeUndefined();
  const errors = payloadOf(res, field).userErrors as { code: string }[];
  expect(errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
};

describe('a row the caller may not read answers like one that does not exist', () => {
  it('grid worker: people, grids and staff assignments outside the subtree', async () => {
    const worker = A.tokens.GRID_WORKER;
    const outsidePerson = gid('Person', A.ids.volunteer);
    notFound(
      await sameAsUnknown(
        personWrite,
        (id) => ({ input: { id, name: '改名' } }),
        outsidePerson,
        'Person',
        worker,
      ),
      'updatePerson',
    );
    notFound(
      await sameAsUnknown(personArchive, (id) => ({ id }), outsidePerson, 'Person', worker),
      'archivePerson',
    );
    // A home grid outside the subtree, for a new person or a move.
    notFound(
      await sameAsUnknown(
        personCreate,
        (homeGridId) => ({ input: { streetId: S(), name: '新居民', homeGridId } }),
        gid('Grid', A.ids.otherCommunity),
        'Grid',
        worker,
      ),
      'createPerson',
    );
    notFound(
      await sameAsUnknown(
        personWrite,
        (homeGridId) => ({ input: { id: gid('Person', A.ids.resident), homeGridId } }),
        gid('Grid', A.ids.otherCommunity),
        'Grid',
        worker,
      ),
      'updatePerson',
    );
    notFound(
      await sameAsUnknown(
        gridWrite,
        (id) => ({ input: { id, name: '改名' } }),
        gid('Grid', A.ids.otherCommunity),
        'Grid',
        worker,
      ),
      'updateGrid',
    );
    notFound(
      await sameAsUnknown(
        assignmentEnd,
        (id) => ({ id }),
        outsideAssignment,
        'GridStaffAssignment',
        worker,
      ),
      'endGridStaffAssignment',
    );
    // Inside the subtree: people are theirs to change; grids they read but may not change.
    const inside = await p.gql(
      personWrite,
      { input: { id: gid('Person', A.ids.resident), employer: '南街街道' } },
      as(worker),
    );
    expect(payloadOf(inside, 'updatePerson')).toEqual({
      person: { name: `${A.code} 居民` },
      userErrors: [],
    });
    const grid = await p.gql(
      gridWrite,
      { input: { id: gid('Grid', A.ids.unit), name: '改名' } },
      as(worker),
    );
    expect(codes(grid)).toEqual(['FORBIDDEN']);
  });

  it('resident: every person but themselves, and every volunteer', async () => {
    const resident = A.tokens.RESIDENT;
    notFound(
      await sameAsUnknown(
        personWrite,
        (id) => ({ input: { id, name: '改名' } }),
        gid('Person', A.ids.volunteer),
        'Person',
        resident,
      ),
      'updatePerson',
    );
    notFound(
      await sameAsUnknown(
        volunteerWrite,
        (id) => ({ input: { id, skills: ['调解'] } }),
        gid('Volunteer', A.ids.volunteerRow),
        'Volunteer',
        resident,
      ),
      'updateVolunteer',
    );
    // Their own record they read, but may not change.
    const self = await p.gql(
      personWrite,
      { input: { id: gid('Person', A.ids.resident), name: '改名' } },
      as(resident),
    );
    expect(codes(self)).toEqual(['FORBIDDEN']);
  });

  it('department staff: people and volunteers', async () => {
    const staff = A.tokens.DEPARTMENT_STAFF;
    notFound(
      await sameAsUnknown(
        personWrite,
        (id) => ({ input: { id, name: '改名' } }),
        gid('Person', A.ids.resident),
        'Person',
        staff,
      ),
      'updatePerson',
    );
    notFound(
      await sameAsUnknown(
        personArchive,
        (id) => ({ id }),
        gid('Person', A.ids.gridWorker),
        'Person',
        staff,
      ),
      'archivePerson',
    );
    notFound(
      await sameAsUnknown(
        volunteerWrite,
        (id) => ({ input: { id, skills: ['调解'] } }),
        gid('Volunteer', A.ids.volunteerRow),
        'Volunteer',
        staff,
      ),
      'updateVolunteer',
    );
    // Brands they read, but may not change.
    const brand = await p.gql(brandWrite, { input: { id: brandId, name: '改名' } }, as(staff));
    expect(codes(brand)).toEqual(['FORBIDDEN']);
  });

  it('API keys: an administrator of another street revokes no key of this one, and learns nothing', async () => {
    const [key] = await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM api_key WHERE street_id = $1 LIMIT 1`,
      [A.streetId],
    );
    notFound(
      await sameAsUnknown(
        keyRevoke,
        (id) => ({ id }),
        gid('ApiKey', key!.id),
        'ApiKey',
        B.tokens.STREET_ADMIN,
      ),
      'revokeApiKey',
    );
    notFound(
      await sameAsUnknown(
        keyRevoke,
        (id) => ({ id }),
        gid('ApiKey', key!.id),
        'ApiKey',
        A.tokens.COMMUNITY_STAFF,
      ),
      'revokeApiKey',
    );
    const [row] = await p.db.query<{ revoked: boolean }>(
      `SELECT revoked_at IS NOT NULL AS revoked FROM api_key WHERE id = $1`,
      [key!.id],
    );
    expect(row!.revoked).toBe(false);
  });
});
