// The benchmark's queries, each in three forms that read the same rows: Lianxin's GraphQL,
// PostGraphile v5's GraphQL (its generated schema, bench/postgraphile), and the hand-written SQL
// floor (one statement in which PostgreSQL builds the whole response, bench/sql-floor-server.mjs).
// `essentials` reduces an answer of any of the three to what must be equal;
// bench/nested-queries.mjs compares them before it measures anything.

const caseNodes = `nodes { id number title status urgency dueAt isOverdue category { code name } grid { code name } }`;

/** Lianxin: `$s` is the street's global ID; street `990001005` unless --street says otherwise. */
export const lianxinQueries = {
  page20: `query Page($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    totalCount nodes { id code name households staff { role person { name } } } } }`,
  // The same page in Relay's form: a cursor per row.
  page20Edges: `query PageEdges($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    totalCount edges { cursor node { id code name households staff { role person { name } } } } } }`,
  gridTree: `query GridTree($s: ID!) { grids(first: 20, filter: { streetId: $s, level: UNIT }) {
    nodes { code name children(first: 10) { nodes { code name staff { role person { name } } } } } } }`,
  organizations: `query Organizations($s: ID!) { organizations(first: 20, filter: { streetId: $s, kinds: [COMMUNITY] }) {
    nodes { name grids { code name } brands(first: 5) { nodes { name children(first: 5) { nodes { name } } } }
      members(first: 5) { nodes { role person { name } } } children(first: 5) { nodes { name kind } } } } }`,
  // A team list page: each team's first members by name, with their latest service.
  teamsMembers: `query TeamsMembers($s: ID!) { volunteerTeams(first: 20, filter: { streetId: $s }) {
    nodes { name members(first: 10) { nodes { person { name }
      serviceRecords(first: 5) { nodes { servedOn hours description } } } } } } }`,
  // An activity list page: latest first, who runs it, where, and the first participants by role.
  activities: `query Activities($s: ID!) { activities(first: 20, filter: { streetId: $s }) {
    nodes { title startsAt organization { name } grid { code name }
      participants(first: 10) { nodes { role person { name } } } } } }`,
  // Issue 17: the cases page — a street's dispatched and in-progress cases that are not overdue,
  // soonest due first; with and without the total (counting a large filtered set may dominate).
  cases: `query Cases($s: ID!) { cases(first: 20, filter: { streetId: $s, statuses: [DISPATCHED, IN_PROGRESS], overdue: false },
    orderBy: { field: DUE_AT }) { totalCount ${caseNodes} } }`,
  casesNoCount: `query CasesNoCount($s: ID!) { cases(first: 20, filter: { streetId: $s, statuses: [DISPATCHED, IN_PROGRESS], overdue: false },
    orderBy: { field: DUE_AT }) { ${caseNodes} } }`,
};

// PostGraphile: `$s` is the street's row id. Aliases give the answers Lianxin's field names. What
// Lianxin applies implicitly is spelled out: archived rows and ended assignments and memberships
// are left out (conditions on archivedAt/endedOn), pages are ordered as Lianxin orders them (code;
// name then id; role rank then id: ROLE_RANK_* and PERSON_NAME_* come from plugins in
// postgraphile/server.mjs). Lianxin's `staff` and organization `grids` are lists, PostGraphile's
// …List fields (enabled by smart tags) likewise. Where Lianxin goes through a join table without
// showing it (an organization's grids, a team's members), PostGraphile shows the join table's row;
// conditions on the row behind it (archived grids, archived volunteers) would need another plugin:
// the generated data has none.
const pageNode = `id code name households
  staff: gridAssignmentsByStreetIdAndGridIdList(condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
    role person: personByStreetIdAndPersonId { name } }`;
const pglCaseNodes = `nodes { id number title status urgency dueAt
  rules: caseCategoryVersionByCategoryIdAndCategoryVersion { category: caseCategoryByCategoryId { code name } }
  grid: gridByStreetIdAndGridId { code name } }`;
export const postgraphileQueries = {
  page20: `query Page($s: BigInt!) {
    grids: allGrids(first: 20, condition: { streetId: $s, level: "UNIT", archivedAt: null }, orderBy: [CODE_ASC]) {
      totalCount nodes { ${pageNode} } } }`,
  page20Edges: `query PageEdges($s: BigInt!) {
    grids: allGrids(first: 20, condition: { streetId: $s, level: "UNIT", archivedAt: null }, orderBy: [CODE_ASC]) {
      totalCount edges { cursor node { ${pageNode} } } } }`,
  gridTree: `query GridTree($s: BigInt!) {
    grids: allGrids(first: 20, condition: { streetId: $s, level: "UNIT", archivedAt: null }, orderBy: [CODE_ASC]) {
      nodes { code name
        children: gridsByStreetIdAndParentId(first: 10, condition: { archivedAt: null }, orderBy: [CODE_ASC]) {
          nodes { code name
            staff: gridAssignmentsByStreetIdAndGridIdList(condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
              role person: personByStreetIdAndPersonId { name } } } } } } }`,
  organizations: `query Organizations($s: BigInt!) {
    organizations: allOrganizations(first: 20, condition: { streetId: $s, kind: "COMMUNITY", archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
      nodes { name
        grids: organizationGridsByStreetIdAndOrganizationIdList(orderBy: [GRID_ID_ASC]) {
          grid: gridByStreetIdAndGridId { code name } }
        brands: brandsByStreetIdAndOwnerOrganizationId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
          nodes { name
            children: brandsByStreetIdAndParentId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
              nodes { name } } } }
        members: organizationMembersByStreetIdAndOrganizationId(first: 5, condition: { endedOn: null }, orderBy: [ROLE_RANK_ASC, ROW_ID_ASC]) {
          nodes { role person: personByStreetIdAndPersonId { name } } }
        children: organizationsByStreetIdAndParentId(first: 5, condition: { archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
          nodes { name kind } } } } }`,
  teamsMembers: `query TeamsMembers($s: BigInt!) {
    volunteerTeams: allVolunteerTeams(first: 20, condition: { streetId: $s, archivedAt: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) {
      nodes { name
        members: volunteerTeamMembersByStreetIdAndTeamId(first: 10, orderBy: [PERSON_NAME_ASC, VOLUNTEER_ID_ASC]) {
          nodes { volunteer: volunteerByStreetIdAndVolunteerId {
            person: personByStreetIdAndPersonId { name }
            serviceRecords: serviceRecordsByStreetIdAndVolunteerId(first: 5, orderBy: [SERVED_ON_DESC, ROW_ID_DESC]) {
              nodes { servedOn hours description } } } } } } } }`,
  activities: `query Activities($s: BigInt!) {
    activities: allActivities(first: 20, condition: { streetId: $s, archivedAt: null }, orderBy: [STARTS_AT_DESC, ROW_ID_DESC]) {
      nodes { title startsAt
        organization: organizationByStreetIdAndOrganizationId { name }
        grid: gridByStreetIdAndGridId { code name }
        participants: activityParticipantsByStreetIdAndActivityId(first: 10, orderBy: [ROLE_RANK_ASC, PERSON_ID_ASC]) {
          nodes { role person: personByStreetIdAndPersonId { name } } } } } }`,
  // statusIn and notOverdue are conditions added by a plugin (postgraphile/server.mjs); isOverdue
  // is Lianxin's own field (not compared). A case's category is reached through the version of
  // its rules (the foreign key is (category_id, category_version)).
  cases: `query Cases($s: BigInt!) {
    cases: allCaseFiles(first: 20, condition: { streetId: $s, statusIn: ["DISPATCHED", "IN_PROGRESS"], notOverdue: true },
      orderBy: [DUE_AT_ASC, ROW_ID_ASC]) { totalCount ${pglCaseNodes} } }`,
  casesNoCount: `query CasesNoCount($s: BigInt!) {
    cases: allCaseFiles(first: 20, condition: { streetId: $s, statusIn: ["DISPATCHED", "IN_PROGRESS"], notOverdue: true },
      orderBy: [DUE_AT_ASC, ROW_ID_ASC]) { ${pglCaseNodes} } }`,
};

// The floor: one prepared statement per query, `$1` the street's code, answering Lianxin's shape
// (row ids where Lianxin has global IDs). Same filters and orders as Lianxin's.
const street = `(SELECT id FROM street WHERE code = $1)`;
const staffOf = (grid) => `(
  SELECT coalesce(json_agg(json_build_object('role', a.role, 'person', json_build_object('name', p.name)) ORDER BY a.id), '[]')
  FROM grid_assignment a JOIN person p ON p.id = a.person_id WHERE a.grid_id = ${grid}.id AND a.ended_on IS NULL)`;
const unitPage = `(SELECT * FROM grid WHERE street_id = ${street} AND level = 'UNIT' AND archived_at IS NULL ORDER BY code LIMIT 20) u`;
const unitCount = `(SELECT count(*) FROM grid WHERE street_id = ${street} AND level = 'UNIT' AND archived_at IS NULL)`;
const pageRow = `json_build_object('id', u.id, 'code', u.code, 'name', u.name, 'households', u.households, 'staff', ${staffOf('u')})`;
export const floorStatements = {
  page20: `SELECT json_build_object('data', json_build_object('grids', json_build_object(
      'totalCount', ${unitCount},
      'nodes', coalesce(json_agg(${pageRow} ORDER BY u.code), '[]')))) AS body
    FROM ${unitPage}`,
  // Lianxin's cursor: base64url of the JSON array [sort value, id].
  page20Edges: `SELECT json_build_object('data', json_build_object('grids', json_build_object(
      'totalCount', ${unitCount},
      'edges', coalesce(json_agg(json_build_object(
        'cursor', rtrim(translate(encode(convert_to('["' || u.code || '","' || u.id || '"]', 'UTF8'), 'base64'), '+/', '-_'), '='),
        'node', ${pageRow}) ORDER BY u.code), '[]')))) AS body
    FROM ${unitPage}`,
  gridTree: `SELECT json_build_object('data', json_build_object('grids', json_build_object('nodes', coalesce(json_agg(
      json_build_object('code', u.code, 'name', u.name, 'children', json_build_object('nodes', (
        SELECT coalesce(json_agg(json_build_object('code', b.code, 'name', b.name, 'staff', ${staffOf('b')}) ORDER BY b.code), '[]')
        FROM (SELECT * FROM grid WHERE parent_id = u.id AND archived_at IS NULL ORDER BY code LIMIT 10) b)))
      ORDER BY u.code), '[]')))) AS body
    FROM ${unitPage}`,
  organizations: `SELECT json_build_object('data', json_build_object('organizations', json_build_object('nodes', coalesce(json_agg(
      json_build_object('name', o.name,
        'grids', (SELECT coalesce(json_agg(json_build_object('code', g.code, 'name', g.name) ORDER BY g.code), '[]')
                  FROM organization_grid og JOIN grid g ON g.id = og.grid_id
                  WHERE og.organization_id = o.id AND g.archived_at IS NULL),
        'brands', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', b.name,
            'children', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', c.name) ORDER BY c.name), '[]')
              FROM (SELECT name FROM brand WHERE parent_id = b.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) c))) ORDER BY b.name), '[]')
          FROM (SELECT * FROM brand WHERE owner_organization_id = o.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) b)),
        'members', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('role', m.role,
            'person', json_build_object('name', p.name)) ORDER BY m.rank, m.id), '[]')
          FROM (SELECT *, array_position(ARRAY['SECRETARY','DEPUTY_SECRETARY','COMMITTEE_MEMBER','DIRECTOR','DEPUTY_DIRECTOR','STAFF','MEMBER','LIAISON'], role) AS rank
                FROM organization_member WHERE organization_id = o.id AND ended_on IS NULL ORDER BY rank, id LIMIT 5) m
          JOIN person p ON p.id = m.person_id)),
        'children', json_build_object('nodes', (SELECT coalesce(json_agg(json_build_object('name', c.name, 'kind', c.kind) ORDER BY c.name), '[]')
          FROM (SELECT * FROM organization WHERE parent_id = o.id AND archived_at IS NULL ORDER BY name, id LIMIT 5) c)))
      ORDER BY o.name), '[]')))) AS body
    FROM (SELECT * FROM organization WHERE street_id = ${street} AND kind = 'COMMUNITY'
          AND archived_at IS NULL ORDER BY name, id LIMIT 20) o`,
  teamsMembers: `SELECT json_build_object('data', json_build_object('volunteerTeams', json_build_object('nodes', coalesce(json_agg(
      json_build_object('name', t.name, 'members', json_build_object('nodes', (
        SELECT coalesce(json_agg(json_build_object('person', json_build_object('name', m.name),
          'serviceRecords', json_build_object('nodes', (
            SELECT coalesce(json_agg(json_build_object('servedOn', r.served_on, 'hours', r.hours, 'description', r.description)
                                     ORDER BY r.served_on DESC, r.id DESC), '[]')
            FROM (SELECT id, served_on, hours, description FROM service_record WHERE volunteer_id = m.id
                  ORDER BY served_on DESC, id DESC LIMIT 5) r))) ORDER BY m.name, m.id), '[]')
        FROM (SELECT v.id, p.name FROM volunteer_team_member tm
              -- OFFSET 0 keeps the lookup by id: flattened, the planner hashes all volunteers per team
              JOIN LATERAL (SELECT id, person_id FROM volunteer
                            WHERE id = tm.volunteer_id AND archived_at IS NULL OFFSET 0) v ON true
              JOIN person p ON p.id = v.person_id
              WHERE tm.team_id = t.id ORDER BY p.name, v.id LIMIT 10) m)))
      ORDER BY t.name, t.id), '[]')))) AS body
    FROM (SELECT id, name FROM volunteer_team WHERE street_id = ${street} AND archived_at IS NULL
          ORDER BY name, id LIMIT 20) t`,
  activities: `SELECT json_build_object('data', json_build_object('activities', json_build_object('nodes', coalesce(json_agg(
      json_build_object('title', a.title, 'startsAt', a.starts_at,
        'organization', (SELECT json_build_object('name', o.name) FROM organization o WHERE o.id = a.organization_id),
        'grid', (SELECT json_build_object('code', g.code, 'name', g.name) FROM grid g WHERE g.id = a.grid_id),
        'participants', json_build_object('nodes', (
          SELECT coalesce(json_agg(json_build_object('role', ap.role, 'person', json_build_object('name', p.name))
                                   ORDER BY ap.rank, ap.person_id), '[]')
          FROM (SELECT role, person_id, array_position(ARRAY['ORGANIZER','SPEAKER','VOLUNTEER','PARTICIPANT'], role) AS rank
                FROM activity_participant WHERE activity_id = a.id ORDER BY rank, person_id LIMIT 10) ap
          JOIN person p ON p.id = ap.person_id)))
      ORDER BY a.starts_at DESC, a.id DESC), '[]')))) AS body
    FROM (SELECT * FROM activity WHERE street_id = ${street} AND archived_at IS NULL
          ORDER BY starts_at DESC, id DESC LIMIT 20) a`,
  cases: casesFloor(true),
  casesNoCount: casesFloor(false),
};

/** The cases page by hand: dispatched or in progress and not overdue is `due_at >= now()`. */
function casesFloor(withCount) {
  const where = `street_id = ${street} AND status IN ('DISPATCHED', 'IN_PROGRESS') AND due_at >= now()`;
  return `SELECT json_build_object('data', json_build_object('cases', json_build_object(
      ${withCount ? `'totalCount', (SELECT count(*) FROM case_file WHERE ${where}),` : ''}
      'nodes', coalesce(json_agg(json_build_object('id', c.id, 'number', c.number, 'title', c.title,
        'status', c.status, 'urgency', c.urgency, 'dueAt', c.due_at,
        'isOverdue', c.status IN ('REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING') AND c.due_at < now(),
        'category', (SELECT json_build_object('code', cc.code, 'name', cc.name) FROM case_category cc WHERE cc.id = c.category_id),
        'grid', (SELECT json_build_object('code', g.code, 'name', g.name) FROM grid g WHERE g.id = c.grid_id))
      ORDER BY c.due_at, c.id), '[]')))) AS body
    FROM (SELECT * FROM case_file WHERE ${where} ORDER BY due_at, id LIMIT 20) c`;
}

/** The row id inside an ID: Lianxin's `Grid:461`, PostGraphile's `["Grid","461"]`, the floor's 461. */
function rowIdOf(id) {
  if (typeof id === 'number') return String(id);
  const text = Buffer.from(id, 'base64').toString('utf8');
  return text.startsWith('[') ? String(JSON.parse(text)[1]) : text.slice(text.indexOf(':') + 1);
}
const rolesAndNames = (rows) => rows.map((a) => `${a.role} ${a.person.name}`);
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const gridRow = (g) => ({
  rowId: rowIdOf(g.id),
  code: g.code,
  name: g.name,
  households: g.households,
  staff: rolesAndNames(g.staff),
});

/**
 * What must be equal in every answer, in one shape: the connection wrappers, field names and scalar
 * spellings of the schemas differ (numeric as string or number, timestamps with `Z` or `+00:00`),
 * the rows, their order and their nested rows must not. Cursors are opaque: each server's own.
 */
export const essentials = {
  page20: ({ grids }) => ({ totalCount: grids.totalCount, grids: grids.nodes.map(gridRow) }),
  page20Edges: ({ grids }) => ({
    totalCount: grids.totalCount,
    grids: grids.edges.map((e) => ({
      cursor: typeof e.cursor === 'string' && e.cursor.length > 0,
      ...gridRow(e.node),
    })),
  }),
  gridTree: ({ grids }) =>
    grids.nodes.map((g) => ({
      code: g.code,
      name: g.name,
      children: g.children.nodes.map((c) => ({
        code: c.code,
        name: c.name,
        staff: rolesAndNames(c.staff),
      })),
    })),
  organizations: ({ organizations }) =>
    organizations.nodes.map((o) => ({
      name: o.name,
      grids: o.grids
        .map((g) => g.grid ?? g) // PostGraphile: through the join table's row
        .map((g) => ({ code: g.code, name: g.name }))
        .sort(byCode),
      brands: o.brands.nodes.map((b) => ({
        name: b.name,
        children: b.children.nodes.map((c) => c.name),
      })),
      members: rolesAndNames(o.members.nodes),
      children: o.children.nodes.map((c) => `${c.kind} ${c.name}`),
    })),
  teamsMembers: ({ volunteerTeams }) =>
    volunteerTeams.nodes.map((t) => ({
      name: t.name,
      members: t.members.nodes
        .map((m) => m.volunteer ?? m) // PostGraphile: through the join table's row
        .map((v) => ({
          name: v.person.name,
          service: v.serviceRecords.nodes.map(
            (r) => `${r.servedOn} ${Number(r.hours)} ${r.description}`,
          ),
        })),
    })),
  cases: ({ cases }) => casesEssentials(cases),
  casesNoCount: ({ cases }) => casesEssentials(cases),
  activities: ({ activities }) =>
    activities.nodes.map((a) => ({
      title: a.title,
      startsAt: new Date(a.startsAt).toISOString(),
      organization: a.organization?.name ?? null,
      grid: a.grid && `${a.grid.code} ${a.grid.name}`,
      participants: rolesAndNames(a.participants.nodes),
    })),
};

function casesEssentials(cases) {
  return {
    totalCount: cases.totalCount,
    cases: cases.nodes.map((c) => ({
      rowId: rowIdOf(c.id),
      number: c.number,
      title: c.title,
      status: c.status,
      urgency: c.urgency,
      dueAt: new Date(c.dueAt).toISOString(),
      category: c.rules?.category ?? c.category, // PostGraphile: through the rules' version
      grid: `${c.grid.code} ${c.grid.name}`,
    })),
  };
}
