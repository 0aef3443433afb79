/**
 * Accounts for the people who run a street: listing and changing them within an administrator's
 * power, passwords (change, one-time reset, policy), and sign-ins (listed with device and address,
 * ended one by one). Every change is an audited, typed domain event.
 */
import { gid, streetActors, userIdOf, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let A: StreetActors; // 南街 (西峰区)
let B: StreetActors; // a street of another district

const PASSWORD = 'Correct-Horse-7731';

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
}, 60_000);
afterAll(() => p.stop());

interface Call {
  token?: string | null;
  device?: string;
}

/** A GraphQL request with a device (User-Agent); `token` null is anonymous, undefined the admin token. */
async function call(query: string, variables: Record<string, unknown> = {}, opts: Call = {}) {
  let req = p.http
    .post('/graphql')
    .set('Content-Type', 'application/json')
    .set('User-Agent', opts.device ?? 'jest-device/1.0');
  const token = opts.token === undefined ? 'test-admin-token-0123456789abcdef' : opts.token;
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  const res = await req.send({ query, variables });
  return res.body as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
}

const as = (actors: StreetActors, role: keyof StreetActors['tokens']) => ({
  token: actors.tokens[role],
});

const createUser = `mutation($input: CreateUserInput!) { createUser(input: $input) {
  user { id username role } userErrors { field message code } } }`;
const login = `mutation($u: String!, $pw: String!) { login(input: { username: $u, password: $pw }) {
  accessToken refreshToken user { id } userErrors { field message code } } }`;
const refresh = `mutation($t: String!) { refreshAccessToken(input: { refreshToken: $t }) {
  accessToken refreshToken userErrors { message code } } }`;
const me = `{ viewer { authenticated user { username } } }`;

let seq = 0;
/** A grid worker of street A made by its street administrator, with a password. */
async function gridWorker(name = `worker${++seq}`) {
  const res = await call(
    createUser,
    {
      input: {
        username: `${name}.${A.code}`,
        displayName: `网格员 ${name}`,
        password: PASSWORD,
        role: 'GRID_WORKER',
        streetId: gid('Street', A.streetId),
        gridId: gid('Grid', A.ids.community),
      },
    },
    as(A, 'STREET_ADMIN'),
  );
  expect(res.data.createUser.userErrors).toEqual([]);
  return { id: res.data.createUser.user.id as string, username: `${name}.${A.code}` };
}

async function signIn(username: string, password = PASSWORD, device?: string) {
  const res = await call(login, { u: username, pw: password }, { token: null, device });
  expect(res.data.login.userErrors).toEqual([]);
  return res.data.login as { accessToken: string; refreshToken: string };
}

/** The audit log's entries about `subject`, as the platform sees them, oldest first. */
const auditOf = (subjectRowId: string) =>
  p.db.query<{ action: string; actor_kind: string; actor_id: string; street_id: string | null }>(
    `SELECT action, actor_kind, actor_id, street_id::text AS street_id FROM audit_log
     WHERE subject_type = 'User' AND subject_id = $1 ORDER BY id`,
    [subjectRowId],
  );
const rowId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('users', () => {
  const users = `query($f: UserFilterInput, $o: UserOrder, $n: Int, $after: String) {
    users(first: $n, after: $after, filter: $f, orderBy: $o) {
      totalCount nodes { username role disabled street { code } } pageInfo { hasNextPage endCursor } } }`;

  it("lists a street administrator's own street's accounts, never another street's or platform ones", async () => {
    const res = await call(users, { n: 100 }, as(A, 'STREET_ADMIN'));
    const names: string[] = res.data.users.nodes.map((u: any) => u.username);
    expect(names.length).toBeGreaterThan(5);
    expect(res.data.users.nodes.every((u: any) => u.street?.code === A.code)).toBe(true);
    expect(names).not.toContain(`street_admin.${B.code}`);
    expect(names).not.toContain(`platform_admin.${A.code}`);
    expect(names).toEqual([...names].sort());
    expect(res.data.users.totalCount).toBe(names.length);
  });

  it('filters by role, grid served, department, disabled and text, and pages with cursors', async () => {
    const byRole = await call(users, { f: { roles: ['GRID_WORKER'] } }, as(A, 'STREET_ADMIN'));
    expect(byRole.data.users.nodes.every((u: any) => u.role === 'GRID_WORKER')).toBe(true);
    const byGrid = await call(
      users,
      { f: { gridId: gid('Grid', A.ids.unit) } },
      as(A, 'STREET_ADMIN'),
    );
    // The unit lies under the community the street's grid workers serve.
    expect(byGrid.data.users.nodes.map((u: any) => u.username)).toContain(`grid_worker.${A.code}`);
    const byDept = await call(
      users,
      { f: { departmentId: gid('Organization', A.ids.department) } },
      as(A, 'STREET_ADMIN'),
    );
    expect(byDept.data.users.nodes.map((u: any) => u.username)).toEqual([
      `department_staff.${A.code}`,
    ]);
    const bySearch = await call(users, { f: { search: 'RESIDENT' } }, as(A, 'STREET_ADMIN'));
    expect(bySearch.data.users.nodes.map((u: any) => u.username)).toEqual([`resident.${A.code}`]);
    const disabled = await call(users, { f: { disabled: true } }, as(A, 'STREET_ADMIN'));
    expect(disabled.data.users.nodes.every((u: any) => u.disabled)).toBe(true);

    const first = await call(users, { n: 2 }, as(A, 'STREET_ADMIN'));
    const second = await call(
      users,
      { n: 2, after: first.data.users.pageInfo.endCursor },
      as(A, 'STREET_ADMIN'),
    );
    const all = await call(users, { n: 4 }, as(A, 'STREET_ADMIN'));
    expect([...first.data.users.nodes, ...second.data.users.nodes]).toEqual(all.data.users.nodes);
    const byName = await call(
      users,
      { n: 100, o: { field: 'DISPLAY_NAME', direction: 'DESC' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(byName.errors).toBeUndefined();
  });

  it('lists for a district administrator the accounts of every street of the district', async () => {
    const res = await call(users, { n: 100 }, as(A, 'DISTRICT_ADMIN'));
    const codes = new Set(res.data.users.nodes.map((u: any) => u.street?.code ?? null));
    expect(codes.has(A.code)).toBe(true);
    expect(codes.has(B.code)).toBe(false);
  });

  it('is for administrators only: other roles, API keys and anonymous callers are refused', async () => {
    for (const role of [
      'COMMUNITY_STAFF',
      'GRID_WORKER',
      'DEPARTMENT_STAFF',
      'VOLUNTEER',
      'RESIDENT',
      'INTEGRATION',
    ] as const) {
      const res = await call(users, {}, as(A, role));
      expect([role, res.errors?.[0]?.extensions.code]).toEqual([role, 'FORBIDDEN']);
    }
    const anonymous = await call(users, {}, { token: null });
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a filter ID of the wrong type, naming the argument', async () => {
    const res = await call(users, { f: { gridId: gid('Person', '1') } }, as(A, 'STREET_ADMIN'));
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/filter\.gridId/);
  });
});

describe('updateUser', () => {
  const update = `mutation($input: UpdateUserInput!) { updateUser(input: $input) {
    user { id displayName role } userErrors { field message code } } }`;

  it('changes a name and moves a grid worker to community staff, as one audited event', async () => {
    const w = await gridWorker();
    const res = await call(
      update,
      {
        input: {
          id: w.id,
          displayName: '社区工作人员 新',
          role: 'COMMUNITY_STAFF',
          communityId: gid('Organization', A.ids.communityOrg),
        },
      },
      as(A, 'STREET_ADMIN'),
    );
    expect(res.data.updateUser).toEqual({
      user: { id: w.id, displayName: '社区工作人员 新', role: 'COMMUNITY_STAFF' },
      userErrors: [],
    });
    const [row] = await p.db.query<{ grid_id: string | null; community_id: string }>(
      `SELECT grid_id, community_id::text AS community_id FROM app_user WHERE id = $1`,
      [rowId(w.id)],
    );
    expect(row).toEqual({ grid_id: null, community_id: A.ids.communityOrg });
    const events = await p.db.query<{ payload: unknown }>(
      `SELECT payload FROM domain_event WHERE type = 'user.updated' AND subject_id = $1`,
      [rowId(w.id)],
    );
    expect(events.map((e) => e.payload)).toEqual([
      {
        changed: ['displayName', 'role', 'scope'],
        role: 'COMMUNITY_STAFF',
        previousRole: 'GRID_WORKER',
      },
    ]);
    expect((await auditOf(rowId(w.id))).map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
    ]);
    // The new role holds from the account's next request on.
    const session = await signIn(w.username);
    const viewer = await call(`{ viewer { role } }`, {}, { token: session.accessToken });
    expect(viewer.data.viewer.role).toBe('COMMUNITY_STAFF');
  });

  it("refuses a role escalation: to the administrator's own rank or above", async () => {
    const w = await gridWorker();
    for (const role of ['STREET_ADMIN', 'DISTRICT_ADMIN', 'PLATFORM_ADMIN']) {
      const res = await call(update, { input: { id: w.id, role } }, as(A, 'STREET_ADMIN'));
      expect(res.data.updateUser.userErrors).toEqual([
        {
          field: ['input', 'role'],
          message: `You may not give the role ${role}.`,
          code: 'FORBIDDEN',
        },
      ]);
    }
    const [row] = await p.db.query<{ role: string }>(`SELECT role FROM app_user WHERE id = $1`, [
      rowId(w.id),
    ]);
    expect(row!.role).toBe('GRID_WORKER');
  });

  it("refuses a street administrator's change of a peer, of themselves, and of another street's account", async () => {
    const peer = await call(
      update,
      { input: { id: gid('User', await userIdOf(p, A, 'STREET_ADMIN')), displayName: 'x' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(peer.data.updateUser.userErrors[0].code).toBe('FORBIDDEN');
    const other = await call(
      update,
      { input: { id: gid('User', await userIdOf(p, B, 'GRID_WORKER')), displayName: 'x' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(other.data.updateUser.userErrors).toEqual([
      { field: ['input', 'id'], message: 'No user you manage has this ID.', code: 'NOT_FOUND' },
    ]);
    const w = await gridWorker();
    const moved = await call(
      update,
      {
        input: {
          id: w.id,
          streetId: gid('Street', B.streetId),
          gridId: gid('Grid', B.ids.community),
        },
      },
      as(A, 'STREET_ADMIN'),
    );
    expect(moved.data.updateUser.userErrors[0]).toMatchObject({
      field: ['input', 'streetId'],
      code: 'FORBIDDEN',
    });
  });

  it('names the field of a bad value and changes nothing', async () => {
    const w = await gridWorker();
    const blank = await call(
      update,
      { input: { id: w.id, displayName: '  ' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(blank.data.updateUser.userErrors[0].field).toEqual(['input', 'displayName']);
    const noCommunity = await call(
      update,
      { input: { id: w.id, role: 'COMMUNITY_STAFF' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(noCommunity.data.updateUser.userErrors).toEqual([
      {
        field: ['input', 'communityId'],
        message: 'A COMMUNITY_STAFF user needs a community.',
        code: 'REQUIRED',
      },
    ]);
    const same = await call(update, { input: { id: w.id } }, as(A, 'STREET_ADMIN'));
    expect(same.data.updateUser.userErrors[0].code).toBe('INVALID');
    expect((await auditOf(rowId(w.id))).map((e) => e.action)).toEqual(['user.created']);
  });
});

describe('disableUser and enableUser', () => {
  const disable = `mutation($id: ID!) { disableUser(input: { id: $id }) { user { disabled } userErrors { code } } }`;
  const enable = `mutation($id: ID!) { enableUser(input: { id: $id }) { user { disabled } userErrors { code message } } }`;

  it('disables (sign-ins end at once) and enables again, each audited', async () => {
    const w = await gridWorker();
    const session = await signIn(w.username);
    expect((await call(disable, { id: w.id }, as(A, 'STREET_ADMIN'))).data.disableUser).toEqual({
      user: { disabled: true },
      userErrors: [],
    });
    expect((await call(me, {}, { token: session.accessToken })).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await call(enable, { id: w.id }, as(A, 'STREET_ADMIN'))).data.enableUser).toEqual({
      user: { disabled: false },
      userErrors: [],
    });
    const again = await call(enable, { id: w.id }, as(A, 'STREET_ADMIN'));
    expect(again.data.enableUser.userErrors).toEqual([
      { code: 'ILLEGAL_TRANSITION', message: 'This user is not disabled.' },
    ]);
    // The old sign-in stays ended; a new one works.
    const old = await call(refresh, { t: session.refreshToken }, { token: null });
    expect(old.data.refreshAccessToken.userErrors[0].code).toBe('INVALID');
    await signIn(w.username);
    expect((await auditOf(rowId(w.id))).map((e) => e.action)).toEqual([
      'user.created',
      'user.signed_in',
      'user.disabled',
      'user.enabled',
      'user.signed_in',
    ]);
    // A sign-in is audited as the user's own act, from their address.
    const [signIn1] = await p.db.query<{
      actor_kind: string;
      actor_id: string;
      client_address: string;
    }>(
      `SELECT actor_kind, actor_id, client_address FROM audit_log
       WHERE action = 'user.signed_in' AND subject_id = $1 ORDER BY id LIMIT 1`,
      [rowId(w.id)],
    );
    expect(signIn1).toEqual({
      actor_kind: 'user',
      actor_id: rowId(w.id),
      client_address: expect.stringMatching(/127\.0\.0\.1/),
    });
  });

  it("refuses another street's administrator, who learns nothing of the account", async () => {
    const w = await gridWorker();
    const res = await call(enable, { id: w.id }, as(B, 'STREET_ADMIN'));
    expect(res.data.enableUser.userErrors).toEqual([
      { code: 'NOT_FOUND', message: 'No user you manage has this ID.' },
    ]);
  });
});

describe('changePassword', () => {
  const change = `mutation($c: String!, $n: String!) { changePassword(input: { currentPassword: $c, newPassword: $n }) {
    accessToken refreshToken user { username } userErrors { field message code } } }`;

  it('needs the current password, names the broken rule, and ends the other sign-ins only', async () => {
    const w = await gridWorker();
    const here = await signIn(w.username, PASSWORD, 'phone/1');
    const elsewhere = await signIn(w.username, PASSWORD, 'laptop/1');
    const wrong = await call(
      change,
      { c: 'not-the-password', n: 'Brand-New-Pass-99' },
      { token: here.accessToken },
    );
    expect(wrong.data.changePassword.userErrors).toEqual([
      {
        field: ['input', 'currentPassword'],
        message: 'The current password is wrong.',
        code: 'INVALID',
      },
    ]);
    const cases: [string, RegExp][] = [
      ['short', /at least 10 characters/],
      ['password123', /most common passwords/],
      ['1qaz2wsx3edc', /most common passwords/],
      ['woaini1314', /most common passwords/],
      [`my-${w.username}-pass`, /must not contain the username/],
      ['aaaaaaaaaaaa', /at least 4 different characters/],
      [PASSWORD, /must differ from the current one/],
    ];
    for (const [n, message] of cases) {
      const res = await call(change, { c: PASSWORD, n }, { token: here.accessToken });
      expect([n, res.data.changePassword.userErrors[0]?.message]).toEqual([
        n,
        expect.stringMatching(message),
      ]);
      expect(res.data.changePassword.userErrors[0].field).toEqual(['input', 'newPassword']);
    }
    const ok = await call(
      change,
      { c: PASSWORD, n: 'Brand-New-Pass-99' },
      { token: here.accessToken, device: 'phone/2' },
    );
    expect(ok.data.changePassword.userErrors).toEqual([]);
    expect(ok.data.changePassword.user.username).toBe(w.username);
    // This sign-in goes on with its new tokens; the old access token (old version) does not.
    expect(
      (await call(me, {}, { token: ok.data.changePassword.accessToken })).data.viewer.user.username,
    ).toBe(w.username);
    expect((await call(me, {}, { token: here.accessToken })).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const renewed = await call(
      refresh,
      { t: ok.data.changePassword.refreshToken },
      { token: null, device: 'phone/3' },
    );
    expect(renewed.data.refreshAccessToken.userErrors).toEqual([]);
    // The other sign-in has ended.
    const other = await call(refresh, { t: elsewhere.refreshToken }, { token: null });
    expect(other.data.refreshAccessToken.userErrors[0].code).toBe('INVALID');
    const sessions = await p.db.query<{ user_agent: string; ended_reason: string | null }>(
      `SELECT user_agent, ended_reason FROM user_session WHERE user_id = $1 ORDER BY id`,
      [rowId(w.id)],
    );
    expect(sessions).toEqual([
      // The device the sign-in was last used from.
      { user_agent: 'phone/3', ended_reason: null },
      { user_agent: 'laptop/1', ended_reason: 'PASSWORD_CHANGED' },
    ]);
    await signIn(w.username, 'Brand-New-Pass-99');
    const audit = (await auditOf(rowId(w.id))).filter((e) => e.action !== 'user.signed_in');
    expect(audit.at(-1)).toMatchObject({ action: 'user.password_changed', actor_kind: 'user' });
  });

  it('is for signed-in users', async () => {
    const res = await call(change, { c: PASSWORD, n: 'Brand-New-Pass-99' }, { token: null });
    expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('resetPassword and completePasswordReset', () => {
  const reset = `mutation($id: ID!) { resetPassword(input: { id: $id }) {
    user { username } resetToken resetTokenExpiresAt userErrors { field message code } } }`;
  const complete = `mutation($t: String!, $n: String!) { completePasswordReset(input: { token: $t, newPassword: $n }) {
    userErrors { field message code } } }`;

  it('issues a one-time token shown once, which the user swaps for a new password; every sign-in ends', async () => {
    const w = await gridWorker();
    const before = await signIn(w.username);
    const issued = await call(reset, { id: w.id }, as(A, 'STREET_ADMIN'));
    const { resetToken, resetTokenExpiresAt, userErrors } = issued.data.resetPassword;
    expect(userErrors).toEqual([]);
    expect(resetToken).toMatch(/^lxr_[A-Za-z0-9_-]{43}$/);
    const ttl = new Date(resetTokenExpiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(3500_000);
    expect(ttl).toBeLessThanOrEqual(3600_000);
    // Only a hash is stored.
    const stored = await p.db.query<{ token_hash: string }>(
      `SELECT token_hash FROM password_reset WHERE user_id = $1`,
      [rowId(w.id)],
    );
    expect(JSON.stringify(stored)).not.toContain(resetToken.slice(4));

    // A weak password is refused without spending the token.
    const weak = await call(complete, { t: resetToken, n: 'qwertyuiop' }, { token: null });
    expect(weak.data.completePasswordReset.userErrors[0]).toMatchObject({
      field: ['input', 'newPassword'],
      code: 'WEAK_PASSWORD',
    });
    const done = await call(complete, { t: resetToken, n: 'Reset-Pass-2024x' }, { token: null });
    expect(done.data.completePasswordReset.userErrors).toEqual([]);
    await signIn(w.username, 'Reset-Pass-2024x');
    expect((await call(me, {}, { token: before.accessToken })).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    // Twice: refused.
    const twice = await call(complete, { t: resetToken, n: 'Another-Pass-2024y' }, { token: null });
    expect(twice.data.completePasswordReset.userErrors).toEqual([
      {
        field: ['input', 'token'],
        message: 'This reset token was already used; ask an administrator for a new one.',
        code: 'INVALID',
      },
    ]);
    const audit = (await auditOf(rowId(w.id))).filter((e) => e.action !== 'user.signed_in');
    expect(audit.map((e) => e.action)).toEqual([
      'user.created',
      'user.password_reset_issued',
      'user.password_changed',
    ]);
    // The reset was done by the user, not by an anonymous caller.
    expect(audit.at(-1)).toMatchObject({ actor_kind: 'user', actor_id: rowId(w.id) });
  });

  it('refuses a late token, a replaced one and a made-up one', async () => {
    const w = await gridWorker();
    const first = (await call(reset, { id: w.id }, as(A, 'STREET_ADMIN'))).data.resetPassword
      .resetToken;
    const second = (await call(reset, { id: w.id }, as(A, 'STREET_ADMIN'))).data.resetPassword
      .resetToken;
    const replaced = await call(complete, { t: first, n: 'Reset-Pass-2024x' }, { token: null });
    expect(replaced.data.completePasswordReset.userErrors[0].message).toMatch(/newer reset token/);
    await p.db.query(
      `UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND revoked_at IS NULL`,
      [rowId(w.id)],
    );
    const late = await call(complete, { t: second, n: 'Reset-Pass-2024x' }, { token: null });
    expect(late.data.completePasswordReset.userErrors[0].message).toMatch(/has expired/);
    for (const t of ['lxr_' + 'a'.repeat(43), 'not a token', '']) {
      const res = await call(complete, { t, n: 'Reset-Pass-2024x' }, { token: null });
      expect(res.data.completePasswordReset.userErrors).toEqual([
        { field: ['input', 'token'], message: 'This reset token is not valid.', code: 'INVALID' },
      ]);
    }
    // The old password still works: nothing was changed.
    await signIn(w.username);
  });

  it("refuses administrators outside the account's street and roles below an administrator", async () => {
    const w = await gridWorker();
    const other = await call(reset, { id: w.id }, as(B, 'STREET_ADMIN'));
    expect(other.data.resetPassword).toMatchObject({
      resetToken: null,
      userErrors: [{ code: 'NOT_FOUND' }],
    });
    const staff = await call(reset, { id: w.id }, as(A, 'COMMUNITY_STAFF'));
    expect(staff.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const peer = await call(
      reset,
      { id: gid('User', await userIdOf(p, A, 'STREET_ADMIN')) },
      as(A, 'STREET_ADMIN'),
    );
    expect(peer.data.resetPassword.userErrors[0].code).toBe('FORBIDDEN');
  });
});

describe('sessions', () => {
  const mine = `{ viewer { user { sessions { id device address current active } } } }`;
  const end = `mutation($id: ID!) { endSession(input: { id: $id }) {
    session { active endedReason } userErrors { field message code } } }`;

  it('lists the sign-ins with device and address, and ends one: its tokens stop working', async () => {
    const w = await gridWorker();
    const phone = await signIn(w.username, PASSWORD, 'Phone/17.1');
    const laptop = await signIn(w.username, PASSWORD, 'Laptop/Firefox');
    const list = await call(mine, {}, { token: phone.accessToken });
    const sessions = list.data.viewer.user.sessions;
    expect(sessions).toEqual([
      {
        id: expect.any(String),
        device: 'Laptop/Firefox',
        address: expect.stringMatching(/127\.0\.0\.1/),
        current: false,
        active: true,
      },
      {
        id: expect.any(String),
        device: 'Phone/17.1',
        address: expect.stringMatching(/127\.0\.0\.1/),
        current: true,
        active: true,
      },
    ]);
    const ended = await call(end, { id: sessions[0].id }, { token: phone.accessToken });
    expect(ended.data.endSession).toEqual({
      session: { active: false, endedReason: 'ENDED' },
      userErrors: [],
    });
    expect((await call(me, {}, { token: laptop.accessToken })).errors?.[0]?.message).toBe(
      'This sign-in has ended; sign in again.',
    );
    const renewed = await call(refresh, { t: laptop.refreshToken }, { token: null });
    expect(renewed.data.refreshAccessToken.userErrors[0].code).toBe('INVALID');
    expect((await call(me, {}, { token: phone.accessToken })).data.viewer.user.username).toBe(
      w.username,
    );
    const again = await call(end, { id: sessions[0].id }, { token: phone.accessToken });
    expect(again.data.endSession.userErrors[0].code).toBe('ILLEGAL_TRANSITION');
    expect((await auditOf(rowId(w.id))).at(-1)).toMatchObject({ action: 'user.session_ended' });
  });

  it("shows and ends an account's sign-ins to its administrator, to nobody else", async () => {
    const w = await gridWorker();
    await signIn(w.username, PASSWORD, 'Tablet/1');
    const theirs = `query($id: ID!) { node(id: $id) { ... on User { sessions(includeEnded: true) { id device } } } }`;
    const admin = await call(theirs, { id: w.id }, as(A, 'STREET_ADMIN'));
    expect(admin.data.node.sessions).toEqual([{ id: expect.any(String), device: 'Tablet/1' }]);
    const sessionId = admin.data.node.sessions[0].id;
    const outsider = await call(end, { id: sessionId }, as(B, 'STREET_ADMIN'));
    expect(outsider.data.endSession.userErrors).toEqual([
      { field: ['input', 'id'], message: 'No sign-in you may end has this ID.', code: 'NOT_FOUND' },
    ]);
    const colleague = await call(end, { id: sessionId }, as(A, 'COMMUNITY_STAFF'));
    expect(colleague.data.endSession.userErrors[0].code).toBe('NOT_FOUND');
    const ended = await call(end, { id: sessionId }, as(A, 'STREET_ADMIN'));
    expect(ended.data.endSession.userErrors).toEqual([]);
    const seen = await call(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: sessionId },
      as(B, 'STREET_ADMIN'),
    );
    expect(seen.data.node).toBeNull();
  });
});
