import { fromGlobalId, toGlobalId } from '../../src/graphql/relay/global-id';
import { gid, streetActors } from '../actors';
import { fixtures } from '../fixtures';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let f: ReturnType<typeof fixtures>;
let tree: Awaited<ReturnType<ReturnType<typeof fixtures>['gridTree']>>;
let streetId: string;
let otherStreetId: string;
let community: string;
let otherCommunity: string;
let department: string;
let archivedCommunity: string;
let outsideCommunity: string;

/** China's date, as the services use it. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const future = () =>
  new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);

const ERR = 'userErrors { field message code }';
const M = {
  register: `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id name skills joinedOn archived person { name roles } } ${ERR} } }`,
  update: `mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) { volunteer { skills joinedOn } ${ERR} } }`,
  archive: `mutation($input: ArchiveVolunteerInput!) { archiveVolunteer(input: $input) { volunteer { archived registration { id } postClaims { id } } ${ERR} } }`,
  registerWith: `mutation($input: RegisterWithCommunityInput!) { registerWithCommunity(input: $input) { registration { id employer registeredOn endedOn active community { name kind } volunteer { name } } ${ERR} } }`,
  endRegistration: `mutation($input: EndCommunityRegistrationInput!) { endCommunityRegistration(input: $input) { registration { endedOn active } ${ERR} } }`,
  createTeam: `mutation($input: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $input) { team { id name description foundedOn organization { name } memberCount } ${ERR} } }`,
  updateTeam: `mutation($input: UpdateVolunteerTeamInput!) { updateVolunteerTeam(input: $input) { team { name description foundedOn organization { name } } ${ERR} } }`,
  archiveTeam: `mutation($input: ArchiveVolunteerTeamInput!) { archiveVolunteerTeam(input: $input) { team { archived } ${ERR} } }`,
  addMember: `mutation($input: VolunteerTeamMemberInput!) { addVolunteerToTeam(input: $input) { team { memberCount } volunteer { name teams { name } } ${ERR} } }`,
  removeMember: `mutation($input: VolunteerTeamMemberInput!) { removeVolunteerFromTeam(input: $input) { team { memberCount } volunteer { teams { name } } ${ERR} } }`,
  createPost: `mutation($input: CreateServicePostInput!) { createServicePost(input: $input) { post { id name kind capacity description organization { name } grid { code } claimCount openPlaces } ${ERR} } }`,
  updatePost: `mutation($input: UpdateServicePostInput!) { updateServicePost(input: $input) { post { name kind capacity grid { code } } ${ERR} } }`,
  archivePost: `mutation($input: ArchiveServicePostInput!) { archiveServicePost(input: $input) { post { archived } ${ERR} } }`,
  claim: `mutation($input: ClaimServicePostInput!) { claimServicePost(input: $input) { claim { id claimedOn releasedOn active post { name claimCount } volunteer { name } } ${ERR} } }`,
  release: `mutation($input: ReleaseServicePostClaimInput!) { releaseServicePostClaim(input: $input) { claim { releasedOn active post { claimCount } } ${ERR} } }`,
  record: `mutation($input: RecordServiceInput!) { recordService(input: $input) { record { id servedOn hours peopleServed description place confirmed counted corrected organization { name } post { name } volunteer { name } } ${ERR} } }`,
  confirm: `mutation($input: ConfirmServiceRecordInput!) { confirmServiceRecord(input: $input) { record { id confirmed confirmedAt counted confirmedBy { name } } ${ERR} } }`,
  correct: `mutation($input: CorrectServiceRecordInput!) { correctServiceRecord(input: $input) { record { id servedOn hours peopleServed description place confirmed counted supersedes { id hours corrected supersededBy { id } } } ${ERR} } }`,
};

async function count(table: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

async function counts(tables: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const t of [...tables, 'domain_event']) out.push(await count(t));
  return out;
}

async function lastEvent(): Promise<{ type: string; subject_type: string; payload: any }> {
  const [event] = await p.db.query<any>(
    `SELECT type, subject_type, payload FROM domain_event ORDER BY id DESC LIMIT 1`,
  );
  return event;
}

/** An organization inserted directly (the organization area's mutations are not ours to use). */
async function organization(street: string, kind: string, name: string, archived = false) {
  const [row] = await p.db.query<{ id: string }>(
    `INSERT INTO organization (street_id, path, kind, name, archived_at)
     VALUES ($1, '0', $2, $3, $4) RETURNING id::text`,
    [fromGlobalId(street)!.id, kind, name, archived ? new Date() : null],
  );
  await p.db.query(`UPDATE organization SET path = id::text::ltree WHERE id = $1`, [row!.id]);
  return toGlobalId('Organization', row!.id);
}

async function activity(street: string, title: string) {
  const [row] = await p.db.query<{ id: string }>(
    `INSERT INTO activity (street_id, kind, title, starts_at) VALUES ($1, 'VOLUNTEER_SERVICE', $2, now())
     RETURNING id::text`,
    [fromGlobalId(street)!.id, title],
  );
  return toGlobalId('Activity', row!.id);
}

async function ok<T = any>(mutation: string, input: Record<string, unknown>, field: string) {
  return f.expectOk<T>(p.gql(mutation, { input }), field);
}

/** A new person of `street` registered as a volunteer; party members are in service by default. */
async function volunteer(
  name: string,
  opts: { street?: string; party?: Record<string, unknown> | null; skills?: string[] } = {},
): Promise<{ id: string; personId: string }> {
  const person = await f.person({
    streetId: opts.street ?? streetId,
    name,
    employer: '市供电公司',
    ...(opts.party === null
      ? {}
      : { partyMembership: opts.party ?? { status: 'MEMBER', kind: 'IN_SERVICE' } }),
  });
  const payload = await ok(
    M.register,
    { personId: person.id, skills: opts.skills },
    'registerVolunteer',
  );
  return { id: payload.volunteer.id, personId: person.id };
}

/** Expects a mutation to answer one user error and to write nothing. */
async function refused(
  mutation: string,
  field: string,
  input: Record<string, unknown>,
  expected: { field: string[]; code: string; message: RegExp },
  tables: string[],
) {
  const before = await counts(tables);
  const res = await p.gql<any>(mutation, { input });
  expect(res.body.errors).toBeUndefined();
  const payload = res.body.data[field];
  expect(payload.userErrors).toContainEqual({
    field: expected.field,
    code: expected.code,
    message: expect.stringMatching(expected.message),
  });
  for (const [key, value] of Object.entries(payload)) {
    if (key !== 'userErrors') expect(value).toBeNull();
  }
  expect(await counts(tables)).toEqual(before);
}

beforeAll(async () => {
  // The nested-batching query asks for many lists at once: it is about round trips, not cost.
  p = await startTestPlatform({ env: { GRAPHQL_MAX_COST: '50000' } });
  f = fixtures(p);
  tree = await f.gridTree('621002001');
  streetId = tree.streetId;
  otherStreetId = await f.streetId('620104001');
  community = await organization(streetId, 'COMMUNITY', '南苑路社区');
  otherCommunity = await organization(streetId, 'COMMUNITY', '北关社区');
  department = await organization(streetId, 'DEPARTMENT', '城管执法中队');
  archivedCommunity = await organization(streetId, 'COMMUNITY', '旧社区', true);
  outsideCommunity = await organization(otherStreetId, 'COMMUNITY', '西固城社区');
});
afterAll(() => p.stop());

describe('registerVolunteer and updateVolunteer', () => {
  it('registers a person once, with deduplicated skills, and records volunteer.registered', async () => {
    const person = await f.person({ streetId, name: '赵志愿' });
    const events = await count('domain_event');
    const res = await p.gql<any>(M.register, {
      input: {
        personId: person.id,
        skills: ['理发', ' 法律咨询 ', '理发'],
        joinedOn: '2023-03-05',
      },
    });
    expect(res.body.data.registerVolunteer).toEqual({
      volunteer: {
        id: expect.any(String),
        name: '赵志愿',
        skills: ['理发', '法律咨询'],
        joinedOn: '2023-03-05',
        archived: false,
        person: { name: '赵志愿', roles: ['VOLUNTEER'] },
      },
      userErrors: [],
    });
    expect(await count('domain_event')).toBe(events + 1);
    expect(await lastEvent()).toMatchObject({
      type: 'volunteer.registered',
      subject_type: 'Volunteer',
      payload: { personId: fromGlobalId(person.id)!.id, joinedOn: '2023-03-05' },
    });
    const back = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Person { volunteer { name joinedOn } } } }`,
      { id: person.id },
    );
    expect(back.body.data.node.volunteer).toEqual({ name: '赵志愿', joinedOn: '2023-03-05' });
  });

  it('joins today by default, and Person.volunteer is null for other people', async () => {
    const v = await volunteer('钱默认');
    const res = await p.gql<any>(
      `query($id: ID!, $other: ID!) { v: node(id: $id) { ... on Volunteer { joinedOn skills } }
        o: node(id: $other) { ... on Person { volunteer { id } } } }`,
      { id: v.id, other: (await f.person({ streetId, name: '路人' })).id },
    );
    expect(res.body.data).toEqual({ v: { joinedOn: today(), skills: [] }, o: { volunteer: null } });
  });

  it('answers bad registrations with user errors and writes nothing', async () => {
    const taken = await volunteer('孙已注册');
    const archived = await f.person({ streetId, name: '李已归档' });
    await ok(
      `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id } ${ERR} } }`,
      { id: archived.id },
      'archivePerson',
    );
    const fresh = (await f.person({ streetId, name: '周新人' })).id;
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [{ personId: taken.personId }, ['input', 'personId'], 'TAKEN', /already a volunteer/],
      [{ personId: archived.id }, ['input', 'personId'], 'CONFLICT', /person is archived/],
      [{ personId: streetId }, ['input', 'personId'], 'INVALID', /Not the ID of a Person/],
      [
        { personId: toGlobalId('Person', '999999') },
        ['input', 'personId'],
        'NOT_FOUND',
        /No person has this ID/,
      ],
      [{ personId: fresh, skills: ['x'.repeat(31)] }, ['input', 'skills', '0'], 'TOO_LONG', /30/],
      [{ personId: fresh, skills: [' '] }, ['input', 'skills', '0'], 'INVALID', /not be empty/],
      [
        { personId: fresh, skills: Array.from({ length: 21 }, (_, i) => `s${i}`) },
        ['input', 'skills'],
        'INVALID',
        /At most 20/,
      ],
      [{ personId: fresh, joinedOn: future() }, ['input', 'joinedOn'], 'INVALID', /future/],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(M.register, 'registerVolunteer', input, { field, code, message }, [
        'volunteer',
      ]);
    }
  });

  it('is refused to anonymous callers: volunteers are invisible to them, team creation unauthenticated', async () => {
    const person = await f.person({ streetId, name: '吴匿名' });
    const before = await counts(['volunteer']);
    const res = await p.gql<any>(
      M.register,
      { input: { personId: person.id } },
      { as: 'anonymous' },
    );
    expect(res.body.data.registerVolunteer).toEqual({
      volunteer: null,
      userErrors: [
        { field: ['input', 'personId'], code: 'NOT_FOUND', message: 'No person has this ID.' },
      ],
    });
    expect(await counts(['volunteer'])).toEqual(before);
    const team = await p.gql<any>(
      M.createTeam,
      { input: { streetId, name: '匿名队' } },
      { as: 'anonymous' },
    );
    expect(team.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(team.body.data).toBeNull();
  });

  it('updates skills and join date, records the change, and records nothing when nothing changes', async () => {
    const v = await volunteer('郑更新', { skills: ['理发'] });
    const res = await p.gql<any>(M.update, {
      input: { id: v.id, skills: ['心理疏导'], joinedOn: '2022-01-01' },
    });
    expect(res.body.data.updateVolunteer).toEqual({
      volunteer: { skills: ['心理疏导'], joinedOn: '2022-01-01' },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'volunteer.updated',
      payload: { changes: { skills: ['心理疏导'], joinedOn: '2022-01-01' } },
    });
    const events = await count('domain_event');
    await ok(M.update, { id: v.id, skills: ['心理疏导'] }, 'updateVolunteer');
    expect(await count('domain_event')).toBe(events);
    await refused(
      M.update,
      'updateVolunteer',
      { id: v.id, joinedOn: future() },
      { field: ['input', 'joinedOn'], code: 'INVALID', message: /future/ },
      ['volunteer'],
    );
    await refused(
      M.update,
      'updateVolunteer',
      { id: toGlobalId('Volunteer', '999999'), skills: [] },
      { field: ['input', 'id'], code: 'NOT_FOUND', message: /No volunteer has this ID/ },
      ['volunteer'],
    );
  });
});

describe('community registration (在职党员进社区报到)', () => {
  it('registers an in-service member with a community of the street, employer from the person', async () => {
    const v = await volunteer('王在职');
    const res = await p.gql<any>(M.registerWith, {
      input: { volunteerId: v.id, communityId: community, registeredOn: '2024-04-01' },
    });
    expect(res.body.data.registerWithCommunity).toEqual({
      registration: {
        id: expect.any(String),
        employer: '市供电公司',
        registeredOn: '2024-04-01',
        endedOn: null,
        active: true,
        community: { name: '南苑路社区', kind: 'COMMUNITY' },
        volunteer: { name: '王在职' },
      },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'volunteer.community_registered',
      subject_type: 'Volunteer',
      payload: { registeredOn: '2024-04-01' },
    });
    const back = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Volunteer { registration { employer community { name } } } } }`,
      { id: v.id },
    );
    expect(back.body.data.node.registration).toEqual({
      employer: '市供电公司',
      community: { name: '南苑路社区' },
    });
  });

  it('allows one active registration: a second is a CONFLICT until the first ends', async () => {
    const v = await volunteer('冯两次');
    const first = await ok(
      M.registerWith,
      { volunteerId: v.id, communityId: community, employer: '市一中', registeredOn: '2024-01-10' },
      'registerWithCommunity',
    );
    expect(first.registration.employer).toBe('市一中');
    await refused(
      M.registerWith,
      'registerWithCommunity',
      { volunteerId: v.id, communityId: otherCommunity },
      { field: ['input', 'volunteerId'], code: 'CONFLICT', message: /since 2024-01-10; end that/ },
      ['volunteer_registration'],
    );
    await refused(
      M.endRegistration,
      'endCommunityRegistration',
      { registrationId: first.registration.id, endedOn: '2024-01-01' },
      { field: ['input', 'endedOn'], code: 'INVALID', message: /began on 2024-01-10/ },
      ['volunteer_registration'],
    );
    const ended = await p.gql<any>(M.endRegistration, {
      input: { registrationId: first.registration.id, endedOn: '2024-06-30' },
    });
    expect(ended.body.data.endCommunityRegistration).toEqual({
      registration: { endedOn: '2024-06-30', active: false },
      userErrors: [],
    });
    expect((await lastEvent()).type).toBe('volunteer.community_registration_ended');
    await refused(
      M.endRegistration,
      'endCommunityRegistration',
      { registrationId: first.registration.id },
      { field: ['input', 'registrationId'], code: 'ILLEGAL_TRANSITION', message: /already ended/ },
      ['volunteer_registration'],
    );
    const second = await ok(
      M.registerWith,
      { volunteerId: v.id, communityId: otherCommunity },
      'registerWithCommunity',
    );
    expect(second.registration).toMatchObject({
      registeredOn: today(),
      community: { name: '北关社区' },
    });
  });

  it('answers members of the wrong kind and wrong communities with user errors', async () => {
    const retired = await volunteer('陈退休', { party: { status: 'MEMBER', kind: 'RETIRED' } });
    const nonMember = await volunteer('褚群众', { party: null });
    const v = await volunteer('卫在职');
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [
        { volunteerId: retired.id, communityId: community },
        ['input', 'volunteerId'],
        'INVALID',
        /in-service party members.*陈退休 is a party member of another kind/,
      ],
      [
        { volunteerId: nonMember.id, communityId: community },
        ['input', 'volunteerId'],
        'INVALID',
        /褚群众 is not a party member/,
      ],
      [
        { volunteerId: v.id, communityId: department },
        ['input', 'communityId'],
        'INVALID',
        /城管执法中队 is not a community/,
      ],
      [
        { volunteerId: v.id, communityId: outsideCommunity },
        ['input', 'communityId'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { volunteerId: v.id, communityId: archivedCommunity },
        ['input', 'communityId'],
        'CONFLICT',
        /community is archived/,
      ],
      [
        { volunteerId: v.id, communityId: v.id },
        ['input', 'communityId'],
        'INVALID',
        /Not the ID of an Organization/,
      ],
      [
        { volunteerId: v.id, communityId: community, registeredOn: future() },
        ['input', 'registeredOn'],
        'INVALID',
        /future/,
      ],
      [
        { volunteerId: v.id, communityId: community, employer: 'x'.repeat(101) },
        ['input', 'employer'],
        'TOO_LONG',
        /At most 100/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(M.registerWith, 'registerWithCommunity', input, { field, code, message }, [
        'volunteer_registration',
      ]);
    }
  });
});

describe('volunteer teams', () => {
  it('creates, updates and archives a team, refusing duplicate names in the street', async () => {
    const created = await p.gql<any>(M.createTeam, {
      input: {
        streetId,
        name: '小蜜蜂志愿服务队',
        description: '助老助残',
        foundedOn: '2019-05-04',
        organizationId: community,
      },
    });
    expect(created.body.data.createVolunteerTeam).toEqual({
      team: {
        id: expect.any(String),
        name: '小蜜蜂志愿服务队',
        description: '助老助残',
        foundedOn: '2019-05-04',
        organization: { name: '南苑路社区' },
        memberCount: 0,
      },
      userErrors: [],
    });
    const team = created.body.data.createVolunteerTeam.team.id;
    expect((await lastEvent()).type).toBe('volunteer_team.created');
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [{ name: '小蜜蜂志愿服务队' }, ['input', 'name'], 'TAKEN', /already exists/],
      [{ name: ' ' }, ['input', 'name'], 'INVALID', /Name is required/],
      [
        { name: '队', organizationId: outsideCommunity },
        ['input', 'organizationId'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { name: '队', organizationId: archivedCommunity },
        ['input', 'organizationId'],
        'CONFLICT',
        /archived/,
      ],
      [{ name: '队', foundedOn: future() }, ['input', 'foundedOn'], 'INVALID', /future/],
      [{ name: '队', description: 'x'.repeat(501) }, ['input', 'description'], 'TOO_LONG', /500/],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(
        M.createTeam,
        'createVolunteerTeam',
        { streetId, ...input },
        { field, code, message },
        ['volunteer_team'],
      );
    }
    const updated = await p.gql<any>(M.updateTeam, {
      input: { id: team, name: '小蜜蜂服务队', description: null, organizationId: null },
    });
    expect(updated.body.data.updateVolunteerTeam).toEqual({
      team: {
        name: '小蜜蜂服务队',
        description: null,
        foundedOn: '2019-05-04',
        organization: null,
      },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'volunteer_team.updated',
      payload: { changes: { name: '小蜜蜂服务队', description: null, organizationId: null } },
    });
    const other = await ok(M.createTeam, { streetId, name: '红马甲' }, 'createVolunteerTeam');
    await refused(
      M.updateTeam,
      'updateVolunteerTeam',
      { id: other.team.id, name: '小蜜蜂服务队' },
      { field: ['input', 'name'], code: 'TAKEN', message: /already exists/ },
      ['volunteer_team'],
    );
    const archived = await p.gql<any>(M.archiveTeam, { input: { id: other.team.id } });
    expect(archived.body.data.archiveVolunteerTeam).toEqual({
      team: { archived: true },
      userErrors: [],
    });
    await refused(
      M.archiveTeam,
      'archiveVolunteerTeam',
      { id: other.team.id },
      {
        field: ['input', 'id'],
        code: 'ILLEGAL_TRANSITION',
        message: /^This volunteer team is already archived\.$/,
      },
      ['volunteer_team'],
    );
    // The name of an archived team is free again.
    await ok(M.createTeam, { streetId, name: '红马甲' }, 'createVolunteerTeam');
  });

  it('adds and removes members, lists them with paging, and lists teams by filter', async () => {
    const team = (
      await ok(
        M.createTeam,
        { streetId, name: '初心团', organizationId: otherCommunity },
        'createVolunteerTeam',
      )
    ).team.id;
    const a = await volunteer('甲队员');
    const b = await volunteer('乙队员');
    const c = await volunteer('丙队员');
    for (const v of [a, b, c]) {
      await ok(M.addMember, { teamId: team, volunteerId: v.id }, 'addVolunteerToTeam');
    }
    expect(await lastEvent()).toMatchObject({
      type: 'volunteer_team.member_added',
      subject_type: 'VolunteerTeam',
      payload: { volunteerId: fromGlobalId(c.id)!.id },
    });
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on VolunteerTeam {
        memberCount
        members(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { name teams { name } } }
        searched: members(search: "乙") { nodes { name } }
        organization { volunteerTeams { name } }
      } } }`,
      { id: team },
    );
    const node = res.body.data.node;
    expect(node.memberCount).toBe(3);
    expect(node.members.totalCount).toBe(3);
    expect(node.members.pageInfo.hasNextPage).toBe(true);
    expect(node.members.nodes).toEqual([
      { name: '丙队员', teams: [{ name: '初心团' }] },
      { name: '乙队员', teams: [{ name: '初心团' }] },
    ]);
    expect(node.searched.nodes).toEqual([{ name: '乙队员' }]);
    expect(node.organization.volunteerTeams).toEqual([{ name: '初心团' }]);
    const next = await p.gql<any>(
      `query($id: ID!, $after: String) { node(id: $id) { ... on VolunteerTeam { members(first: 2, after: $after) { nodes { name } pageInfo { hasNextPage } } } } }`,
      { id: team, after: node.members.pageInfo.endCursor },
    );
    expect(next.body.data.node.members).toEqual({
      nodes: [{ name: '甲队员' }],
      pageInfo: { hasNextPage: false },
    });

    await refused(
      M.addMember,
      'addVolunteerToTeam',
      { teamId: team, volunteerId: a.id },
      { field: ['input', 'volunteerId'], code: 'CONFLICT', message: /already a member/ },
      ['volunteer_team_member'],
    );
    const stranger = await volunteer('外街道队员', { street: otherStreetId });
    await refused(
      M.addMember,
      'addVolunteerToTeam',
      { teamId: team, volunteerId: stranger.id },
      { field: ['input', 'volunteerId'], code: 'NOT_FOUND', message: /in this street/ },
      ['volunteer_team_member'],
    );
    const removed = await p.gql<any>(M.removeMember, {
      input: { teamId: team, volunteerId: b.id },
    });
    expect(removed.body.data.removeVolunteerFromTeam).toEqual({
      team: { memberCount: 2 },
      volunteer: { teams: [] },
      userErrors: [],
    });
    expect((await lastEvent()).type).toBe('volunteer_team.member_removed');
    await refused(
      M.removeMember,
      'removeVolunteerFromTeam',
      { teamId: team, volunteerId: b.id },
      { field: ['input', 'volunteerId'], code: 'NOT_FOUND', message: /not a member/ },
      ['volunteer_team_member'],
    );

    const lists = await p.gql<any>(
      `query($street: ID!, $org: ID!, $team: ID!) {
        street: volunteerTeams(filter: { streetId: $street }) { totalCount nodes { name } }
        org: volunteerTeams(filter: { organizationId: $org }) { nodes { name } }
        search: volunteerTeams(filter: { search: "初心" }) { nodes { name } }
        all: volunteerTeams(filter: { streetId: $street, includeArchived: true }, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { name } }
        members: volunteers(filter: { teamId: $team }) { nodes { name } }
      }`,
      { street: streetId, org: otherCommunity, team },
    );
    const d = lists.body.data;
    expect(d.street.nodes.map((n: any) => n.name)).toEqual(['初心团', '小蜜蜂服务队', '红马甲']);
    expect(d.org.nodes).toEqual([{ name: '初心团' }]);
    expect(d.search.nodes).toEqual([{ name: '初心团' }]);
    expect(d.all.totalCount).toBe(4);
    expect(d.all.nodes[0]).toEqual({ name: '初心团' });
    expect(d.members.nodes).toEqual([{ name: '丙队员' }, { name: '甲队员' }]);

    await ok(M.archiveTeam, { id: team }, 'archiveVolunteerTeam');
    await refused(
      M.addMember,
      'addVolunteerToTeam',
      { teamId: team, volunteerId: b.id },
      { field: ['input', 'teamId'], code: 'CONFLICT', message: /team is archived/ },
      ['volunteer_team_member'],
    );
    const after = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Volunteer { teams { name } } } }`,
      {
        id: a.id,
      },
    );
    expect(after.body.data.node.teams).toEqual([]);
  });
});

describe('service posts (党员责任岗)', () => {
  it('creates a post in a grid and an organization, updates and filters posts', async () => {
    const res = await p.gql<any>(M.createPost, {
      input: {
        streetId,
        name: '邻里纠纷调解岗',
        kind: 'MEDIATION',
        capacity: 3,
        description: '调解邻里纠纷',
        organizationId: community,
        gridId: tree.c1.id,
      },
    });
    expect(res.body.data.createServicePost).toEqual({
      post: {
        id: expect.any(String),
        name: '邻里纠纷调解岗',
        kind: 'MEDIATION',
        capacity: 3,
        description: '调解邻里纠纷',
        organization: { name: '南苑路社区' },
        grid: { code: '621002001001' },
        claimCount: 0,
        openPlaces: 3,
      },
      userErrors: [],
    });
    expect((await lastEvent()).type).toBe('service_post.created');
    const post = res.body.data.createServicePost.post.id;
    await ok(M.createPost, { streetId, name: '治安巡逻岗', kind: 'PATROL' }, 'createServicePost');
    const updated = await p.gql<any>(M.updatePost, {
      input: { id: post, name: '调解岗', capacity: null, gridId: tree.c2.id },
    });
    expect(updated.body.data.updateServicePost).toEqual({
      post: { name: '调解岗', kind: 'MEDIATION', capacity: null, grid: { code: '621002001002' } },
      userErrors: [],
    });
    const lists = await p.gql<any>(
      `query($street: ID!, $grid: ID!, $org: ID!) {
        all: servicePosts(filter: { streetId: $street }) { totalCount nodes { name } }
        kind: servicePosts(filter: { kind: PATROL }) { nodes { name kind } }
        grid: servicePosts(filter: { gridId: $grid }) { nodes { name } }
        org: servicePosts(filter: { organizationId: $org }) { nodes { name } }
      }`,
      { street: streetId, grid: tree.c2.id, org: community },
    );
    expect(lists.body.data).toEqual({
      all: { totalCount: 2, nodes: [{ name: '治安巡逻岗' }, { name: '调解岗' }] },
      kind: { nodes: [{ name: '治安巡逻岗', kind: 'PATROL' }] },
      grid: { nodes: [{ name: '调解岗' }] },
      org: { nodes: [{ name: '调解岗' }] },
    });
  });

  it('answers bad posts with user errors', async () => {
    const otherGrid = (await p.gql<any>(`{ grid(code: "620104001") { id } }`)).body.data.grid;
    const otherGridId =
      otherGrid?.id ??
      (await f.grid({ streetId: otherStreetId, code: '620104001', name: '西固城街道网格' })).id;
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [{ capacity: 0 }, ['input', 'capacity'], 'INVALID', /at least 1/],
      [{ name: '' }, ['input', 'name'], 'INVALID', /Name is required/],
      [
        { gridId: otherGridId },
        ['input', 'gridId'],
        'NOT_FOUND',
        /No grid with this ID exists in this street/,
      ],
      [
        { organizationId: department, gridId: streetId },
        ['input', 'gridId'],
        'INVALID',
        /Not the ID of a Grid/,
      ],
      [{ organizationId: archivedCommunity }, ['input', 'organizationId'], 'CONFLICT', /archived/],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(
        M.createPost,
        'createServicePost',
        { streetId, name: '岗位', kind: 'OTHER', ...input },
        { field, code, message },
        ['service_post'],
      );
    }
  });

  it('claims within capacity, refuses a second claim by the same volunteer, and releases', async () => {
    const post = (
      await ok(
        M.createPost,
        { streetId, name: '环境卫生岗', kind: 'ENVIRONMENT', capacity: 2 },
        'createServicePost',
      )
    ).post.id;
    const a = await volunteer('岗一');
    const b = await volunteer('岗二');
    const c = await volunteer('岗三');
    const first = await p.gql<any>(M.claim, {
      input: { postId: post, volunteerId: a.id, claimedOn: '2024-03-01' },
    });
    expect(first.body.data.claimServicePost).toEqual({
      claim: {
        id: expect.any(String),
        claimedOn: '2024-03-01',
        releasedOn: null,
        active: true,
        post: { name: '环境卫生岗', claimCount: 1 },
        volunteer: { name: '岗一' },
      },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'service_post.claimed',
      subject_type: 'ServicePost',
      payload: { volunteerId: fromGlobalId(a.id)!.id, claimedOn: '2024-03-01' },
    });
    const claimId = first.body.data.claimServicePost.claim.id;
    await refused(
      M.claim,
      'claimServicePost',
      { postId: post, volunteerId: a.id },
      {
        field: ['input', 'volunteerId'],
        code: 'CONFLICT',
        message: /held this post since 2024-03-01/,
      },
      ['service_post_claim'],
    );
    await ok(M.claim, { postId: post, volunteerId: b.id }, 'claimServicePost');
    await refused(
      M.claim,
      'claimServicePost',
      { postId: post, volunteerId: c.id },
      { field: ['input', 'postId'], code: 'CONFLICT', message: /full: all 2 place/ },
      ['service_post_claim'],
    );
    await refused(
      M.updatePost,
      'updateServicePost',
      { id: post, capacity: 1 },
      { field: ['input', 'capacity'], code: 'CONFLICT', message: /2 active claims/ },
      ['service_post'],
    );
    await refused(
      M.archivePost,
      'archiveServicePost',
      { id: post },
      { field: ['input', 'id'], code: 'CONFLICT', message: /active claim/ },
      ['service_post'],
    );
    const shown = await p.gql<any>(
      `query($id: ID!, $v: ID!) { post: node(id: $id) { ... on ServicePost { claimCount openPlaces claims { volunteer { name } } } }
        v: node(id: $v) { ... on Volunteer { postClaims { post { name } } } }
        holders: volunteers(filter: { postId: $id }) { nodes { name } } }`,
      { id: post, v: a.id },
    );
    expect(shown.body.data).toEqual({
      post: {
        claimCount: 2,
        openPlaces: 0,
        claims: [{ volunteer: { name: '岗一' } }, { volunteer: { name: '岗二' } }],
      },
      v: { postClaims: [{ post: { name: '环境卫生岗' } }] },
      holders: { nodes: [{ name: '岗一' }, { name: '岗二' }] },
    });
    await refused(
      M.release,
      'releaseServicePostClaim',
      { claimId, releasedOn: '2024-02-01' },
      { field: ['input', 'releasedOn'], code: 'INVALID', message: /claimed on 2024-03-01/ },
      ['service_post_claim'],
    );
    const released = await p.gql<any>(M.release, { input: { claimId, releasedOn: '2024-09-30' } });
    expect(released.body.data.releaseServicePostClaim).toEqual({
      claim: { releasedOn: '2024-09-30', active: false, post: { claimCount: 1 } },
      userErrors: [],
    });
    expect((await lastEvent()).type).toBe('service_post.claim_released');
    await refused(
      M.release,
      'releaseServicePostClaim',
      { claimId },
      { field: ['input', 'claimId'], code: 'ILLEGAL_TRANSITION', message: /already released/ },
      ['service_post_claim'],
    );
    // The released place opens for someone else; the same volunteer may claim again.
    await ok(M.claim, { postId: post, volunteerId: c.id }, 'claimServicePost');
  });

  it('never exceeds capacity under concurrent claims', async () => {
    const post = (
      await ok(
        M.createPost,
        { streetId, name: '疫情防控岗', kind: 'EPIDEMIC_PREVENTION', capacity: 2 },
        'createServicePost',
      )
    ).post.id;
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await volunteer(`并发${i}`));
    const results = await Promise.all(
      people.map((v) => p.gql<any>(M.claim, { input: { postId: post, volunteerId: v.id } })),
    );
    const errors = results.map((r) => r.body.data.claimServicePost.userErrors);
    expect(errors.filter((e) => e.length === 0)).toHaveLength(2);
    expect(errors.filter((e) => e.length === 1 && e[0].code === 'CONFLICT')).toHaveLength(4);
    const [row] = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_post_claim WHERE post_id = $1 AND released_on IS NULL`,
      [fromGlobalId(post)!.id],
    );
    expect(row!.n).toBe(2);
  });

  it('updates kind and archives a post without claims', async () => {
    const post = (
      await ok(M.createPost, { streetId, name: '文明引导岗', kind: 'OTHER' }, 'createServicePost')
    ).post.id;
    const res = await p.gql<any>(M.updatePost, { input: { id: post, kind: 'CIVILITY' } });
    expect(res.body.data.updateServicePost.post.kind).toBe('CIVILITY');
    expect(await lastEvent()).toMatchObject({
      type: 'service_post.updated',
      payload: { changes: { kind: 'CIVILITY' } },
    });
    const archived = await p.gql<any>(M.archivePost, { input: { id: post } });
    expect(archived.body.data.archiveServicePost).toEqual({
      post: { archived: true },
      userErrors: [],
    });
    await refused(
      M.archivePost,
      'archiveServicePost',
      { id: post },
      {
        field: ['input', 'id'],
        code: 'ILLEGAL_TRANSITION',
        message: /^This service post is already archived\.$/,
      },
      ['service_post'],
    );
    const v = await volunteer('归档岗');
    await refused(
      M.claim,
      'claimServicePost',
      { postId: post, volunteerId: v.id },
      { field: ['input', 'postId'], code: 'CONFLICT', message: /service post is archived/ },
      ['service_post_claim'],
    );
    const lists = await p.gql<any>(
      `{ a: servicePosts(filter: { kind: CIVILITY }) { totalCount } b: servicePosts(filter: { kind: CIVILITY, includeArchived: true }) { totalCount } }`,
    );
    expect(lists.body.data).toEqual({ a: { totalCount: 0 }, b: { totalCount: 1 } });
  });
});

describe('service records (志愿服务记录)', () => {
  let v: { id: string; personId: string };
  let confirmer: string;

  beforeAll(async () => {
    v = await volunteer('记录志愿者');
    confirmer = (await f.person({ streetId, name: '社区书记' })).id;
  });

  it('records service as unconfirmed, confirms it, and counts it in the totals', async () => {
    const res = await p.gql<any>(M.record, {
      input: {
        volunteerId: v.id,
        organizationId: community,
        servedOn: '2024-05-01',
        hours: 2.5,
        peopleServed: 12,
        description: '为独居老人理发',
        place: '南苑路社区活动室',
      },
    });
    expect(res.body.data.recordService).toEqual({
      record: {
        id: expect.any(String),
        servedOn: '2024-05-01',
        hours: 2.5,
        peopleServed: 12,
        description: '为独居老人理发',
        place: '南苑路社区活动室',
        confirmed: false,
        counted: false,
        corrected: false,
        organization: { name: '南苑路社区' },
        post: null,
        volunteer: { name: '记录志愿者' },
      },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'service_record.recorded',
      subject_type: 'ServiceRecord',
      payload: { hours: 2.5, servedOn: '2024-05-01' },
    });
    const record = res.body.data.recordService.record.id;
    const totals = `query($id: ID!) { node(id: $id) { ... on Volunteer { totals { hours peopleServed recordCount } } } }`;
    expect((await p.gql<any>(totals, { id: v.id })).body.data.node.totals).toEqual({
      hours: 0,
      peopleServed: 0,
      recordCount: 0,
    });
    const confirmed = await p.gql<any>(M.confirm, {
      input: { recordId: record, confirmedById: confirmer },
    });
    expect(confirmed.body.data.confirmServiceRecord).toEqual({
      record: {
        id: record,
        confirmed: true,
        confirmedAt: expect.any(String),
        counted: true,
        confirmedBy: { name: '社区书记' },
      },
      userErrors: [],
    });
    expect((await lastEvent()).type).toBe('service_record.confirmed');
    expect((await p.gql<any>(totals, { id: v.id })).body.data.node.totals).toEqual({
      hours: 2.5,
      peopleServed: 12,
      recordCount: 1,
    });
    await refused(
      M.confirm,
      'confirmServiceRecord',
      { recordId: record, confirmedById: confirmer },
      { field: ['input', 'recordId'], code: 'ILLEGAL_TRANSITION', message: /already confirmed/ },
      ['service_record'],
    );
  });

  it('corrects by a new record: the old one counts until the correction is confirmed', async () => {
    const original = (
      await ok(
        M.record,
        {
          volunteerId: v.id,
          organizationId: community,
          servedOn: '2024-06-01',
          hours: 3,
          peopleServed: 5,
          description: '政策宣讲',
        },
        'recordService',
      )
    ).record.id;
    await ok(M.confirm, { recordId: original, confirmedById: confirmer }, 'confirmServiceRecord');
    const totals = async () =>
      (
        await p.gql<any>(
          `query($id: ID!) { node(id: $id) { ... on Volunteer { totals(from: "2024-06-01", to: "2024-06-30") { hours peopleServed recordCount } } } }`,
          { id: v.id },
        )
      ).body.data.node.totals;
    expect(await totals()).toEqual({ hours: 3, peopleServed: 5, recordCount: 1 });

    await refused(
      M.correct,
      'correctServiceRecord',
      { recordId: original, hours: 3, description: '政策宣讲' },
      { field: ['input'], code: 'INVALID', message: /changes at least one/ },
      ['service_record'],
    );
    const res = await p.gql<any>(M.correct, {
      input: { recordId: original, hours: 1.75, place: '议事厅' },
    });
    expect(res.body.data.correctServiceRecord).toEqual({
      record: {
        id: expect.any(String),
        servedOn: '2024-06-01',
        hours: 1.75,
        peopleServed: 5,
        description: '政策宣讲',
        place: '议事厅',
        confirmed: false,
        counted: false,
        supersedes: {
          id: original,
          hours: 3,
          corrected: true,
          supersededBy: { id: expect.any(String) },
        },
      },
      userErrors: [],
    });
    expect(await lastEvent()).toMatchObject({
      type: 'service_record.corrected',
      payload: {
        supersedesId: fromGlobalId(original)!.id,
        changes: { hours: 1.75, place: '议事厅' },
      },
    });
    const first = res.body.data.correctServiceRecord.record.id;
    // The unconfirmed correction does not count yet; the confirmed original still does.
    expect(await totals()).toEqual({ hours: 3, peopleServed: 5, recordCount: 1 });

    await refused(
      M.correct,
      'correctServiceRecord',
      { recordId: original, hours: 2 },
      {
        field: ['input', 'recordId'],
        code: 'ILLEGAL_TRANSITION',
        message: /already corrected; correct the newest/,
      },
      ['service_record'],
    );
    await refused(
      M.confirm,
      'confirmServiceRecord',
      { recordId: original, confirmedById: confirmer },
      { field: ['input', 'recordId'], code: 'ILLEGAL_TRANSITION', message: /already confirmed/ },
      ['service_record'],
    );
    // A correction of the unconfirmed correction: confirming it replaces the whole chain.
    const second = (
      await ok(M.correct, { recordId: first, peopleServed: 8 }, 'correctServiceRecord')
    ).record;
    expect(second).toMatchObject({
      hours: 1.75,
      peopleServed: 8,
      place: '议事厅',
      supersedes: { id: first },
    });
    await refused(
      M.confirm,
      'confirmServiceRecord',
      { recordId: first, confirmedById: confirmer },
      {
        field: ['input', 'recordId'],
        code: 'ILLEGAL_TRANSITION',
        message: /was corrected; confirm the newest/,
      },
      ['service_record'],
    );
    await ok(M.confirm, { recordId: second.id, confirmedById: confirmer }, 'confirmServiceRecord');
    expect(await totals()).toEqual({ hours: 1.75, peopleServed: 8, recordCount: 1 });

    const ledger = await p.gql<any>(
      `query($v: ID!) {
        all: serviceRecords(filter: { volunteerId: $v, from: "2024-06-01", to: "2024-06-30" }, orderBy: { field: CREATED_AT }) { totalCount nodes { hours confirmed counted corrected } }
        counted: serviceRecords(filter: { volunteerId: $v, counted: true }) { nodes { servedOn hours } }
        unconfirmed: serviceRecords(filter: { volunteerId: $v, confirmed: false }) { nodes { hours peopleServed } }
      }`,
      { v: v.id },
    );
    expect(ledger.body.data).toEqual({
      all: {
        totalCount: 3,
        nodes: [
          { hours: 3, confirmed: true, counted: false, corrected: true },
          { hours: 1.75, confirmed: false, counted: false, corrected: true },
          { hours: 1.75, confirmed: true, counted: true, corrected: false },
        ],
      },
      counted: {
        nodes: [
          { servedOn: '2024-06-01', hours: 1.75 },
          { servedOn: '2024-05-01', hours: 2.5 },
        ],
      },
      unconfirmed: { nodes: [{ hours: 1.75, peopleServed: 5 }] },
    });
  });

  it('answers bad records with user errors and writes nothing', async () => {
    const stranger = await volunteer('外街道志愿者', { street: otherStreetId });
    const post = (
      await ok(
        M.createPost,
        { streetId, name: '关爱帮扶岗', kind: 'ELDERLY_CARE' },
        'createServicePost',
      )
    ).post.id;
    const otherActivity = await activity(otherStreetId, '外街道活动');
    const base = {
      volunteerId: v.id,
      organizationId: community,
      servedOn: '2024-07-01',
      hours: 1,
      description: '巡逻',
    };
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [{ hours: 0 }, ['input', 'hours'], 'INVALID', /more than 0/],
      [{ hours: 24.5 }, ['input', 'hours'], 'INVALID', /at most 24/],
      [{ hours: 1.234 }, ['input', 'hours'], 'INVALID', /two decimals/],
      [{ peopleServed: -1 }, ['input', 'peopleServed'], 'INVALID', /negative/],
      [{ servedOn: future() }, ['input', 'servedOn'], 'INVALID', /future/],
      [{ description: '  ' }, ['input', 'description'], 'INVALID', /Say what was done/],
      [
        { organizationId: outsideCommunity },
        ['input', 'organizationId'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { volunteerId: stranger.id, organizationId: community },
        ['input', 'organizationId'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { activityId: otherActivity },
        ['input', 'activityId'],
        'NOT_FOUND',
        /No activity with this ID exists in this street/,
      ],
      [{ activityId: post }, ['input', 'activityId'], 'INVALID', /Not the ID of an Activity/],
      [
        { postId: post },
        ['input', 'postId'],
        'CONFLICT',
        /did not hold this service post on 2024-07-01/,
      ],
      [
        { volunteerId: toGlobalId('Volunteer', '999999') },
        ['input', 'volunteerId'],
        'NOT_FOUND',
        /No volunteer has this ID/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(M.record, 'recordService', { ...base, ...input }, { field, code, message }, [
        'service_record',
      ]);
    }
  });

  it('links a post the volunteer held and an activity of the street', async () => {
    const post = (
      await ok(M.createPost, { streetId, name: '文体活动岗', kind: 'CULTURE' }, 'createServicePost')
    ).post.id;
    await ok(
      M.claim,
      { postId: post, volunteerId: v.id, claimedOn: '2024-08-01' },
      'claimServicePost',
    );
    const act = await activity(streetId, '重阳节文艺汇演');
    const res = await p.gql<any>(M.record, {
      input: {
        volunteerId: v.id,
        organizationId: community,
        servedOn: '2024-08-15',
        hours: 4,
        postId: post,
        activityId: act,
        description: '组织汇演',
      },
    });
    expect(res.body.data.recordService.userErrors).toEqual([]);
    expect(res.body.data.recordService.record.post).toEqual({ name: '文体活动岗' });
    const [row] = await p.db.query<any>(
      `SELECT activity_id::text AS a FROM service_record ORDER BY id DESC LIMIT 1`,
    );
    expect(row.a).toBe(fromGlobalId(act)!.id);
    // Moving the day before the claim is refused.
    await refused(
      M.correct,
      'correctServiceRecord',
      { recordId: res.body.data.recordService.record.id, servedOn: '2024-07-15' },
      {
        field: ['input', 'servedOn'],
        code: 'CONFLICT',
        message: /did not hold this service post on 2024-07-15/,
      },
      ['service_record'],
    );
    const byPost = await p.gql<any>(
      `query($id: ID!) { serviceRecords(filter: { postId: $id }) { nodes { description } } }`,
      { id: post },
    );
    expect(byPost.body.data.serviceRecords.nodes).toEqual([{ description: '组织汇演' }]);
  });

  it('refuses self-confirmation, confirmers of other streets and unknown records', async () => {
    const record = (
      await ok(
        M.record,
        {
          volunteerId: v.id,
          organizationId: community,
          servedOn: '2024-09-01',
          hours: 1,
          description: '值守',
        },
        'recordService',
      )
    ).record.id;
    const outsider = (await f.person({ streetId: otherStreetId, name: '外街道书记' })).id;
    const cases: [Record<string, unknown>, string[], string, RegExp][] = [
      [
        { recordId: record, confirmedById: v.personId },
        ['input', 'confirmedById'],
        'FORBIDDEN',
        /cannot confirm their own/,
      ],
      [
        { recordId: record, confirmedById: outsider },
        ['input', 'confirmedById'],
        'NOT_FOUND',
        /in this street/,
      ],
      [
        { recordId: toGlobalId('ServiceRecord', '999999'), confirmedById: confirmer },
        ['input', 'recordId'],
        'NOT_FOUND',
        /No service record has this ID/,
      ],
      [
        { recordId: record, confirmedById: record },
        ['input', 'confirmedById'],
        'INVALID',
        /Not the ID of a Person/,
      ],
    ];
    for (const [input, field, code, message] of cases) {
      await refused(M.confirm, 'confirmServiceRecord', input, { field, code, message }, [
        'service_record',
      ]);
    }
    const [row] = await p.db.query<any>(`SELECT confirmed_at FROM service_record WHERE id = $1`, [
      fromGlobalId(record)!.id,
    ]);
    expect(row.confirmed_at).toBeNull();
  });

  it('totals a team over its current members and filters records by team and date', async () => {
    const team = (await ok(M.createTeam, { streetId, name: '记录服务队' }, 'createVolunteerTeam'))
      .team.id;
    const other = await volunteer('记录队员二');
    await ok(M.addMember, { teamId: team, volunteerId: v.id }, 'addVolunteerToTeam');
    await ok(M.addMember, { teamId: team, volunteerId: other.id }, 'addVolunteerToTeam');
    const r = (
      await ok(
        M.record,
        {
          volunteerId: other.id,
          organizationId: otherCommunity,
          servedOn: '2024-05-20',
          hours: 0.5,
          peopleServed: 3,
          description: '清扫',
        },
        'recordService',
      )
    ).record.id;
    await ok(M.confirm, { recordId: r, confirmedById: confirmer }, 'confirmServiceRecord');
    const res = await p.gql<any>(
      `query($team: ID!) {
        node(id: $team) { ... on VolunteerTeam { totals { hours peopleServed recordCount } may: totals(from: "2024-05-01", to: "2024-05-31") { hours recordCount } } }
        serviceRecords(filter: { teamId: $team, from: "2024-05-01", to: "2024-05-31" }, orderBy: { field: SERVED_ON, direction: ASC }) { nodes { servedOn hours } }
      }`,
      { team },
    );
    // v: 2.5 (May) + 1.75 (June) counted; other: 0.5 (May).
    expect(res.body.data.node.totals).toEqual({ hours: 4.75, peopleServed: 23, recordCount: 3 });
    expect(res.body.data.node.may).toEqual({ hours: 3, recordCount: 2 });
    expect(res.body.data.serviceRecords.nodes).toEqual([
      { servedOn: '2024-05-01', hours: 2.5 },
      { servedOn: '2024-05-20', hours: 0.5 },
    ]);
  });

  it("lists a volunteer's records through the volunteer, newest first, with paging", async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Volunteer {
        serviceRecords(first: 2) { totalCount pageInfo { hasNextPage } nodes { servedOn } }
        confirmed: serviceRecords(filter: { confirmed: true, from: "2024-06-01" }) { totalCount }
      } } }`,
      { id: v.id },
    );
    const node = res.body.data.node;
    expect(node.serviceRecords.pageInfo.hasNextPage).toBe(true);
    const days = node.serviceRecords.nodes.map((n: any) => n.servedOn);
    expect(days).toEqual(['2024-09-01', '2024-08-15']);
    expect(node.serviceRecords.totalCount).toBe(6);
    expect(node.confirmed.totalCount).toBe(2);
  });
});

describe('archiveVolunteer', () => {
  it('releases post claims, ends the registration, and keeps the volunteer readable', async () => {
    const v = await volunteer('离开者');
    const post = (
      await ok(
        M.createPost,
        { streetId, name: '离开岗', kind: 'PATROL', capacity: 1 },
        'createServicePost',
      )
    ).post.id;
    await ok(M.claim, { postId: post, volunteerId: v.id }, 'claimServicePost');
    await ok(
      M.registerWith,
      { volunteerId: v.id, communityId: community },
      'registerWithCommunity',
    );
    const res = await p.gql<any>(M.archive, { input: { id: v.id } });
    expect(res.body.data.archiveVolunteer).toEqual({
      volunteer: { archived: true, registration: null, postClaims: [] },
      userErrors: [],
    });
    const events = await p.db.query<any>(`SELECT type FROM domain_event ORDER BY id DESC LIMIT 3`);
    expect(events.map((e: any) => e.type).sort()).toEqual([
      'service_post.claim_released',
      'volunteer.archived',
      'volunteer.community_registration_ended',
    ]);
    const after = await p.gql<any>(
      `query($post: ID!) { node(id: $post) { ... on ServicePost { openPlaces } }
        a: volunteers(filter: { search: "离开者" }) { totalCount }
        b: volunteers(filter: { search: "离开者", includeArchived: true }) { nodes { archived } } }`,
      { post },
    );
    expect(after.body.data).toEqual({
      node: { openPlaces: 1 },
      a: { totalCount: 0 },
      b: { nodes: [{ archived: true }] },
    });
    await refused(
      M.archive,
      'archiveVolunteer',
      { id: v.id },
      { field: ['input', 'id'], code: 'ILLEGAL_TRANSITION', message: /already archived/ },
      ['volunteer'],
    );
    await refused(
      M.record,
      'recordService',
      {
        volunteerId: v.id,
        organizationId: community,
        servedOn: '2024-01-01',
        hours: 1,
        description: 'x',
      },
      { field: ['input', 'volunteerId'], code: 'CONFLICT', message: /volunteer is archived/ },
      ['service_record'],
    );
    const person = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Person { roles volunteer { archived } } } }`,
      {
        id: v.personId,
      },
    );
    expect(person.body.data.node).toEqual({
      roles: ['PARTY_MEMBER'],
      volunteer: { archived: true },
    });
    await refused(
      M.register,
      'registerVolunteer',
      { personId: v.personId },
      { field: ['input', 'personId'], code: 'TAKEN', message: /archived/ },
      ['volunteer'],
    );
  });
});

describe('volunteers query', () => {
  it('filters by street, registration, community, skill and search, and orders', async () => {
    const a = await volunteer('筛选甲', { skills: ['摄影'] });
    await volunteer('筛选乙', { skills: ['摄影', '理发'] });
    await volunteer('筛选丙', { street: otherStreetId, skills: ['摄影'] });
    await ok(
      M.registerWith,
      { volunteerId: a.id, communityId: otherCommunity },
      'registerWithCommunity',
    );
    const res = await p.gql<any>(
      `query($street: ID!, $other: ID!, $community: ID!) {
        skill: volunteers(filter: { skill: "摄影" }) { totalCount }
        street: volunteers(filter: { skill: "摄影", streetId: $street }) { nodes { name } }
        other: volunteers(filter: { streetId: $other }) { nodes { name street { code } } }
        registered: volunteers(filter: { registered: true, search: "筛选" }) { nodes { name registration { community { name } } } }
        unregistered: volunteers(filter: { registered: false, search: "筛选" }) { nodes { name } }
        community: volunteers(filter: { registeredWith: $community }) { nodes { name } }
        ordered: volunteers(filter: { search: "筛选", streetId: $street }, orderBy: { field: NAME, direction: DESC }) { nodes { name } }
        joined: volunteers(first: 1, orderBy: { field: JOINED_ON, direction: ASC }) { nodes { name } }
      }`,
      { street: streetId, other: otherStreetId, community: otherCommunity },
    );
    const d = res.body.data;
    expect(d.skill.totalCount).toBe(3);
    expect(d.street.nodes).toEqual([{ name: '筛选乙' }, { name: '筛选甲' }]);
    expect(d.other.nodes).toEqual(
      expect.arrayContaining([{ name: '筛选丙', street: { code: '620104001' } }]),
    );
    expect(d.registered.nodes).toEqual([
      { name: '筛选甲', registration: { community: { name: '北关社区' } } },
    ]);
    expect(d.unregistered.nodes.map((n: any) => n.name).sort()).toEqual(['筛选丙', '筛选乙']);
    expect(d.community.nodes.map((n: any) => n.name)).toContain('筛选甲');
    expect(d.ordered.nodes).toEqual([{ name: '筛选甲' }, { name: '筛选乙' }]);
    expect(d.joined.nodes).toEqual([{ name: '郑更新' }]);
  });

  it('is scoped: anonymous callers see no volunteers, teams, posts or records', async () => {
    const res = await p.gql<any>(
      `{ volunteers { totalCount } volunteerTeams { totalCount } servicePosts { totalCount } serviceRecords { totalCount } }`,
      {},
      { as: 'anonymous' },
    );
    expect(res.body.data).toEqual({
      volunteers: { totalCount: 0 },
      volunteerTeams: { totalCount: 0 },
      servicePosts: { totalCount: 0 },
      serviceRecords: { totalCount: 0 },
    });
    const admin = await p.gql<any>(`{ volunteers { totalCount } serviceRecords { totalCount } }`);
    expect(admin.body.data.volunteers.totalCount).toBeGreaterThan(0);
    expect(admin.body.data.serviceRecords.totalCount).toBeGreaterThan(0);
  });

  it('answers a filter ID of the wrong type with BAD_USER_INPUT', async () => {
    const res = await p.gql<any>(
      `query($id: ID!) { volunteers(filter: { teamId: $id }) { totalCount } }`,
      {
        id: streetId,
      },
    );
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/filter.teamId.*VolunteerTeam/);
  });

  it('batches nested fields: statements stay bounded by depth, not by the number of volunteers', async () => {
    const q = `{ volunteers(first: 100) { nodes {
      name person { name } teams { name memberCount totals { hours } } registration { community { name } }
      postClaims { post { name claimCount } } totals { hours }
      serviceRecords(first: 2) { totalCount nodes { hours confirmedBy { name } organization { name } } }
    } } }`;
    const { result, statements } = await p.countStatements(() => p.gql<any>(q));
    expect(result.body.errors).toBeUndefined();
    const nodes = result.body.data.volunteers.nodes;
    expect(nodes.length).toBeGreaterThan(20);
    // Every nested field had data somewhere in the list, so each of its loaders ran.
    expect(nodes.some((n: any) => n.teams.length > 0)).toBe(true);
    expect(nodes.some((n: any) => n.registration)).toBe(true);
    expect(nodes.some((n: any) => n.postClaims.length > 0)).toBe(true);
    expect(nodes.some((n: any) => n.serviceRecords.nodes.some((r: any) => r.confirmedBy))).toBe(
      true,
    );
    // One statement per loader and level (15 loaders here), whatever the width of the list.
    expect(statements.length).toBeLessThanOrEqual(16);
  });
});

describe('roles', () => {
  it("shows volunteers their own records only, hides people outside a grid worker's grid, and limits writes", async () => {
    const a = await streetActors(p, '360502001');
    const street = gid('Street', a.streetId);
    const own = gid('Volunteer', a.ids.volunteerRow);
    const org = gid('Organization', a.ids.communityOrg);
    const other = await volunteer('城北另一位', { street });
    for (const v of [own, other.id]) {
      await ok(
        M.record,
        {
          volunteerId: v,
          organizationId: org,
          servedOn: '2024-10-01',
          hours: 1,
          description: '城北服务',
        },
        'recordService',
      );
    }
    const cbTeam = (
      await ok(M.createTeam, { streetId: street, name: '城北队' }, 'createVolunteerTeam')
    ).team.id;
    await ok(M.addMember, { teamId: cbTeam, volunteerId: other.id }, 'addVolunteerToTeam');
    const cbPost = (
      await ok(
        M.createPost,
        { streetId: street, name: '城北调解岗', kind: 'MEDIATION', capacity: 2 },
        'createServicePost',
      )
    ).post.id;
    await ok(M.claim, { postId: cbPost, volunteerId: other.id }, 'claimServicePost');
    const read = `query($s: ID!) {
      volunteers(filter: { streetId: $s }) { nodes { name person { name } } }
      serviceRecords(filter: { streetId: $s }) { totalCount }
      volunteerTeams(filter: { streetId: $s }) { nodes { name } }
    }`;
    const as = (role: keyof typeof a.tokens) => ({ as: { token: a.tokens[role] } });
    const mine = await p.gql<any>(read, { s: street }, as('VOLUNTEER'));
    expect(mine.body.data).toEqual({
      volunteers: { nodes: [{ name: '360502001 志愿者', person: { name: '360502001 志愿者' } }] },
      serviceRecords: { totalCount: 1 },
      volunteerTeams: { nodes: [{ name: '城北队' }] },
    });
    const worker = await p.gql<any>(read, { s: street }, as('GRID_WORKER'));
    expect(worker.body.errors).toBeUndefined();
    expect(worker.body.data.volunteers.nodes).toEqual([
      { name: '360502001 志愿者', person: null },
      { name: '城北另一位', person: null },
    ]);
    const department = await p.gql<any>(read, { s: street }, as('DEPARTMENT_STAFF'));
    expect(department.body.data).toEqual({
      volunteers: { nodes: [] },
      serviceRecords: { totalCount: 0 },
      volunteerTeams: { nodes: [{ name: '城北队' }] },
    });
    const staff = await p.gql<any>(read, { s: street }, as('COMMUNITY_STAFF'));
    expect(staff.body.data.serviceRecords.totalCount).toBe(2);
    const elsewhere = await p.gql<any>(read, { s: streetId }, as('STREET_ADMIN'));
    expect(elsewhere.body.data).toEqual({
      volunteers: { nodes: [] },
      serviceRecords: { totalCount: 0 },
      volunteerTeams: { nodes: [] },
    });

    // Residents see posts and teams with their numbers, but not who the volunteers are.
    const publicView = await p.gql<any>(
      `query($s: ID!) {
        servicePosts(filter: { streetId: $s }) { nodes { name claimCount openPlaces claims { id } } }
        volunteerTeams(filter: { streetId: $s }) { nodes { memberCount members { totalCount } } }
      }`,
      { s: street },
      as('RESIDENT'),
    );
    expect(publicView.body.data).toEqual({
      servicePosts: { nodes: [{ name: '城北调解岗', claimCount: 1, openPlaces: 1, claims: [] }] },
      volunteerTeams: { nodes: [{ memberCount: 1, members: { totalCount: 0 } }] },
    });

    const create = { input: { streetId: street, name: '志愿者自建队' } };
    const refusedTeam = await p.gql<any>(M.createTeam, create, as('VOLUNTEER'));
    expect(refusedTeam.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const staffTeam = await p.gql<any>(M.createTeam, create, as('COMMUNITY_STAFF'));
    expect(staffTeam.body.data.createVolunteerTeam.userErrors).toEqual([]);
    const before = await counts(['service_record']);
    const selfRecord = await p.gql<any>(
      M.record,
      {
        input: {
          volunteerId: own,
          organizationId: org,
          servedOn: '2024-10-02',
          hours: 8,
          description: '自报',
        },
      },
      as('VOLUNTEER'),
    );
    expect(selfRecord.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await counts(['service_record'])).toEqual(before);
  });
});

describe('node(id:)', () => {
  it('refetches every volunteer-area type, and shows nothing to anonymous callers', async () => {
    const v = await volunteer('节点志愿者');
    const team = (await ok(M.createTeam, { streetId, name: '节点队' }, 'createVolunteerTeam')).team
      .id;
    const post = (
      await ok(M.createPost, { streetId, name: '节点岗', kind: 'OTHER' }, 'createServicePost')
    ).post.id;
    const claim = (await ok(M.claim, { postId: post, volunteerId: v.id }, 'claimServicePost')).claim
      .id;
    const registration = (
      await ok(
        M.registerWith,
        { volunteerId: v.id, communityId: community },
        'registerWithCommunity',
      )
    ).registration.id;
    const record = (
      await ok(
        M.record,
        {
          volunteerId: v.id,
          organizationId: community,
          servedOn: '2024-01-02',
          hours: 1,
          description: '节点',
        },
        'recordService',
      )
    ).record.id;
    const ids = [v.id, team, post, claim, registration, record];
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;
    const res = await p.gql<any>(q, { ids });
    expect(res.body.data.nodes).toEqual([
      { __typename: 'Volunteer', id: v.id },
      { __typename: 'VolunteerTeam', id: team },
      { __typename: 'ServicePost', id: post },
      { __typename: 'ServicePostClaim', id: claim },
      { __typename: 'VolunteerRegistration', id: registration },
      { __typename: 'ServiceRecord', id: record },
    ]);
    const anon = await p.gql<any>(q, { ids }, { as: 'anonymous' });
    expect(anon.body.data.nodes).toEqual(ids.map(() => null));
  });
});
