/**
 * The audit log: who read a resident's personal data and who changed what, through which
 * credential and from which address; readable by the street's administrators and by nobody of
 * another street; immutable for the server; entries past retention removed by a job that
 * records what it removed.
 */
import { gid, streetActors, userIdOf, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let A: StreetActors;
let B: StreetActors;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
}, 60_000);
afterAll(() => p.stop());

const as = (actors: StreetActors, role: keyof StreetActors['tokens']) => ({
  as: { token: actors.tokens[role] },
});

const readPhone = `query($id: ID!) { node(id: $id) { ... on Person { phone } } }`;
const log = `query($f: AuditLogFilterInput, $n: Int) { auditLog(first: $n, filter: $f) {
  totalCount nodes { id action subjectType subjectId fields details actorKind actorRole address
    actorUser { username } actorApiKey { name } street { code } occurredAt } } }`;

describe('what the audit log records', () => {
  it("shows the street administrator who read a resident's phone: user, role, address, field", async () => {
    const resident = gid('Person', A.ids.resident);
    await p.gql(readPhone, { id: resident }, as(A, 'COMMUNITY_STAFF'));
    const res = await p.gql<any>(
      log,
      { f: { subjectId: resident, actions: ['personal_data.read'] } },
      as(A, 'STREET_ADMIN'),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.auditLog.nodes[0]).toMatchObject({
      action: 'personal_data.read',
      subjectType: 'Person',
      subjectId: resident,
      fields: ['PHONE'],
      details: null,
      actorKind: 'USER',
      actorRole: 'COMMUNITY_STAFF',
      address: expect.stringMatching(/127\.0\.0\.1/),
      actorUser: { username: `community_staff.${A.code}` },
      actorApiKey: null,
      street: { code: A.code },
    });
    // The person's page: who has read their data.
    const page = await p.gql<any>(
      `query($id: ID!) { node(id: $id) { ... on Person { personalDataReads(first: 5) {
        totalCount nodes { actorRole fields } } } } }`,
      { id: resident },
      as(A, 'STREET_ADMIN'),
    );
    expect(page.body.data.node.personalDataReads.nodes[0]).toEqual({
      actorRole: 'COMMUNITY_STAFF',
      fields: ['PHONE'],
    });
  });

  it('records every change with its event: the credential, and what changed', async () => {
    const created = await p.gql<any>(
      `mutation($s: ID!, $g: ID!) { createGrid(input: { streetId: $s, parentId: $g, code: "621002001002001", name: "审计单元" }) {
        grid { id } userErrors { message } } }`,
      { s: gid('Street', A.streetId), g: gid('Grid', A.ids.otherCommunity) },
      as(A, 'INTEGRATION'),
    );
    expect(created.body.data.createGrid.userErrors).toEqual([]);
    const grid = created.body.data.createGrid.grid.id;
    const res = await p.gql<any>(log, { f: { subjectId: grid } }, as(A, 'STREET_ADMIN'));
    expect(res.body.data.auditLog.nodes).toEqual([
      expect.objectContaining({
        action: 'grid.created',
        subjectType: 'Grid',
        subjectId: grid,
        actorKind: 'API_KEY',
        actorRole: 'INTEGRATION',
        actorApiKey: { name: `all of ${A.code}` },
        actorUser: null,
        details: expect.objectContaining({ code: '621002001002001' }),
      }),
    ]);
  });

  it('records the creation and revocation of API keys', async () => {
    const created = await p.gql<any>(
      `mutation($s: ID!) { createApiKey(input: { streetId: $s, name: "12345 热线", scopes: ["grid:read"] }) {
        apiKey { id } userErrors { message } } }`,
      { s: gid('Street', A.streetId) },
      as(A, 'STREET_ADMIN'),
    );
    const key = created.body.data.createApiKey.apiKey.id;
    await p.gql(
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { message } } }`,
      { id: key },
      as(A, 'STREET_ADMIN'),
    );
    const res = await p.gql<any>(log, { f: { subjectId: key } }, as(A, 'STREET_ADMIN'));
    expect(
      res.body.data.auditLog.nodes.map((e: any) => [e.action, e.actorRole, e.details]),
    ).toEqual([
      ['api_key.revoked', 'STREET_ADMIN', {}],
      ['api_key.created', 'STREET_ADMIN', { name: '12345 热线', scopes: ['grid:read'] }],
    ]);
  });

  it('filters by actor, action and period, newest first, and pages', async () => {
    const staff = gid('User', await userIdOf(p, A, 'COMMUNITY_STAFF'));
    for (let i = 0; i < 3; i++)
      await p.gql(readPhone, { id: gid('Person', A.ids.volunteer) }, as(A, 'COMMUNITY_STAFF'));
    const byActor = await p.gql<any>(log, { f: { actorId: staff }, n: 50 }, as(A, 'STREET_ADMIN'));
    const nodes = byActor.body.data.auditLog.nodes;
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect(nodes.every((e: any) => e.actorUser?.username === `community_staff.${A.code}`)).toBe(
      true,
    );
    const times = nodes.map((e: any) => e.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
    const future = await p.gql<any>(
      log,
      { f: { occurredFrom: new Date(Date.now() + 3600_000).toISOString() } },
      as(A, 'STREET_ADMIN'),
    );
    expect(future.body.data.auditLog.totalCount).toBe(0);
    const changes = await p.gql<any>(
      log,
      { f: { actions: ['user.created'] }, n: 50 },
      as(A, 'STREET_ADMIN'),
    );
    expect(changes.body.data.auditLog.nodes.every((e: any) => e.action === 'user.created')).toBe(
      true,
    );
  });

  it('names a wrong filter argument', async () => {
    for (const [f, argument] of [
      [{ actorId: gid('Grid', A.ids.unit) }, 'filter.actorId'],
      [{ subjectId: 'nonsense' }, 'filter.subjectId'],
      [{ actions: ['DROP TABLE'] }, 'filter.actions'],
      [
        { occurredFrom: '2025-02-01T00:00:00.000Z', occurredTo: '2025-01-01T00:00:00.000Z' },
        'filter.occurredTo',
      ],
    ] as const) {
      const res = await p.gql<any>(log, { f }, as(A, 'STREET_ADMIN'));
      expect([argument, res.body.errors?.[0]?.extensions.code]).toEqual([
        argument,
        'BAD_USER_INPUT',
      ]);
      expect(res.body.errors[0].message).toContain(argument);
    }
  });
});

describe('who reads the audit log', () => {
  it("is nobody of another street: not its administrators, nor the district's, nor an API key", async () => {
    const resident = gid('Person', A.ids.resident);
    for (const role of ['STREET_ADMIN', 'DISTRICT_ADMIN', 'INTEGRATION'] as const) {
      const res = await p.gql<any>(log, { f: { subjectId: resident } }, as(B, role));
      expect([role, res.body.data.auditLog.totalCount]).toEqual([role, 0]);
      const all = await p.gql<any>(log, { n: 100 }, as(B, role));
      expect(all.body.data.auditLog.nodes.filter((e: any) => e.street?.code === A.code)).toEqual(
        [],
      );
      const entry = await p.db.query<{ id: string }>(
        `SELECT id::text AS id FROM audit_log WHERE street_id = $1 LIMIT 1`,
        [A.streetId],
      );
      const node = await p.gql<any>(
        `query($id: ID!) { node(id: $id) { id } }`,
        { id: gid('AuditEntry', entry[0]!.id) },
        as(B, role),
      );
      expect(node.body.data.node).toBeNull();
    }
  });

  it('is no role of the street below its administrators (they get nothing)', async () => {
    for (const role of [
      'COMMUNITY_STAFF',
      'GRID_WORKER',
      'DEPARTMENT_STAFF',
      'VOLUNTEER',
      'RESIDENT',
      'INTEGRATION',
    ] as const) {
      const res = await p.gql<any>(log, {}, as(A, role));
      expect([role, res.body.errors, res.body.data.auditLog.totalCount]).toEqual([
        role,
        undefined,
        0,
      ]);
      const reads = await p.gql<any>(
        `query($id: ID!) { node(id: $id) { ... on Person { personalDataReads { totalCount } } } }`,
        { id: gid('Person', A.ids.resident) },
        as(A, role),
      );
      expect(reads.body.data.node?.personalDataReads?.totalCount ?? 0).toBe(0);
    }
  });

  it("is the district's administrator for the district's streets", async () => {
    const res = await p.gql<any>(
      log,
      { f: { subjectId: gid('Person', A.ids.resident) } },
      as(A, 'DISTRICT_ADMIN'),
    );
    expect(res.body.data.auditLog.totalCount).toBeGreaterThan(0);
  });
});

describe('immutability and retention', () => {
  it('cannot be changed or removed by the server', async () => {
    await expect(p.appDb.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(p.appDb.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    // Nor emptied through the retention function: it keeps at least 30 days.
    await expect(
      p.appDb.query(`SELECT lianxin_purge_audit_log(now() - interval '1 day', 'test')`),
    ).rejects.toThrow(/kept at least 30 days/);
  });

  it('removes entries past retention by a scheduled job, which records what it removed', async () => {
    await p.db.query(
      `INSERT INTO audit_log (street_id, action, subject_type, subject_id, actor_kind, occurred_at)
       SELECT $1, 'personal_data.read', 'Person', $2, 'user', now() - interval '4 years' - i * interval '1 day'
       FROM generate_series(1, 5) i`,
      [A.streetId, A.ids.resident],
    );
    const recent = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE occurred_at > now() - interval '3 years'`,
    );
    const removed = await p.app.retention.runOnce();
    expect(removed).toBe(5);
    const left = await p.db.query<{ old: number; recent: number }>(
      `SELECT count(*) FILTER (WHERE occurred_at < now() - interval '3 years')::int AS old,
              count(*) FILTER (WHERE occurred_at > now() - interval '3 years' AND action <> 'audit_log.purged')::int AS recent
       FROM audit_log`,
    );
    expect(left[0]).toEqual({ old: 0, recent: recent[0]!.n });
    const res = await p.gql<any>(
      log,
      { f: { actions: ['audit_log.purged'] } },
      as(A, 'STREET_ADMIN'),
    );
    expect(res.body.data.auditLog.nodes).toEqual([
      expect.objectContaining({
        actorKind: 'SYSTEM',
        details: expect.objectContaining({ removed: 5 }),
        street: { code: A.code },
      }),
    ]);
    // Run again: nothing left to remove, nothing recorded.
    expect(await p.app.retention.runOnce()).toBe(0);
  });
});
