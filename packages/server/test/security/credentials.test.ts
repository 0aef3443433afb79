import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { apiScopes } from '../../src/domain/identity/api-key.service';
import { gid, streetActors, type StreetActors } from '../actors';
import { JWT_SECRET, startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let nanjie: StreetActors;
let jwks: Server;
let oidcKey: KeyLike;
const ISSUER = 'https://id.example.test';

beforeAll(async () => {
  // A local OpenID provider: only its JWKS endpoint is needed.
  const pair = await generateKeyPair('RS256', { extractable: true });
  oidcKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) =>
    res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const port = (jwks.address() as AddressInfo).port;
  p = await startTestPlatform({
    env: {
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      OIDC_AUDIENCE: 'lianxin',
    },
  });
  nanjie = await streetActors(p, '621002001');
});
afterAll(async () => {
  await p.stop();
  jwks.close();
});

const whoami = `{ viewer { authenticated kind role allStreets streets { code } user { username } } }`;
const login = `mutation($u: String!, $pw: String!) { login(input: { username: $u, password: $pw }) {
  accessToken accessTokenExpiresAt refreshToken user { username role } userErrors { field message code } } }`;
const refresh = `mutation($t: String!) { refreshAccessToken(input: { refreshToken: $t }) { accessToken refreshToken userErrors { field message code } } }`;

async function createUser(username: string, password: string, role = 'STREET_ADMIN') {
  const res = await p.gql<any>(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id username role } userErrors { field message code } } }`,
    {
      input: {
        username,
        displayName: username,
        password,
        role,
        streetId: gid('Street', nanjie.streetId),
      },
    },
  );
  expect(res.body.data.createUser.userErrors).toEqual([]);
  return res.body.data.createUser.user;
}

const expectUnauthenticated = (res: any, message: RegExp) => {
  expect(res.status).toBe(401);
  expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(res.body.errors[0].message).toMatch(message);
};

describe('password sign-in and refresh tokens', () => {
  it('signs in, calls the API with the access token, and refreshes once per refresh token', async () => {
    await createUser('li.admin', 'correct horse battery');
    const res = await p.gql<any>(
      login,
      { u: 'Li.Admin', pw: 'correct horse battery' },
      { as: 'anonymous' },
    );
    const session = res.body.data.login;
    expect(session.userErrors).toEqual([]);
    expect(session.user).toEqual({ username: 'li.admin', role: 'STREET_ADMIN' });
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());

    const me = await p.gql<any>(whoami, {}, { as: { token: session.accessToken } });
    expect(me.body.data.viewer).toEqual({
      authenticated: true,
      kind: 'USER',
      role: 'STREET_ADMIN',
      allStreets: false,
      streets: [{ code: '621002001' }],
      user: { username: 'li.admin' },
    });

    const r1 = (await p.gql<any>(refresh, { t: session.refreshToken }, { as: 'anonymous' })).body
      .data.refreshAccessToken;
    expect(r1.userErrors).toEqual([]);
    expect(r1.refreshToken).not.toBe(session.refreshToken);
    // Presenting a used refresh token again revokes the whole sign-in, including the new token.
    const reuse = (await p.gql<any>(refresh, { t: session.refreshToken }, { as: 'anonymous' })).body
      .data.refreshAccessToken;
    expect(reuse.userErrors[0]).toMatchObject({
      field: ['input', 'refreshToken'],
      code: 'INVALID',
      message: expect.stringMatching(/already used/),
    });
    const after = (await p.gql<any>(refresh, { t: r1.refreshToken }, { as: 'anonymous' })).body.data
      .refreshAccessToken;
    expect(after.userErrors[0].message).toMatch(/revoked/);
  });

  it('answers a wrong password and an unknown user alike, and writes nothing', async () => {
    const wrong = await p.gql<any>(
      login,
      { u: 'li.admin', pw: 'nope nope nope' },
      { as: 'anonymous' },
    );
    const unknown = await p.gql<any>(
      login,
      { u: 'nobody', pw: 'nope nope nope' },
      { as: 'anonymous' },
    );
    for (const res of [wrong, unknown]) {
      expect(res.body.data.login).toMatchObject({
        accessToken: null,
        refreshToken: null,
        userErrors: [{ field: [], code: 'INVALID', message: 'Wrong username or password.' }],
      });
    }
  });

  it('logout ends the sign-in', async () => {
    const s = (
      await p.gql<any>(login, { u: 'li.admin', pw: 'correct horse battery' }, { as: 'anonymous' })
    ).body.data.login;
    const out = await p.gql<any>(
      `mutation($t: String!) { logout(input: { refreshToken: $t }) { userErrors { code } } }`,
      { t: s.refreshToken },
      { as: 'anonymous' },
    );
    expect(out.body.data.logout.userErrors).toEqual([]);
    const r = (await p.gql<any>(refresh, { t: s.refreshToken }, { as: 'anonymous' })).body.data
      .refreshAccessToken;
    expect(r.userErrors[0].message).toMatch(/revoked/);
  });

  it('signOutEverywhere and disableUser make existing access tokens fail at once', async () => {
    const user = await createUser('wang.admin', 'another long password');
    const s = (
      await p.gql<any>(login, { u: 'wang.admin', pw: 'another long password' }, { as: 'anonymous' })
    ).body.data.login;
    expect((await p.gql<any>(whoami, {}, { as: { token: s.accessToken } })).status).toBe(200);
    await p.gql<any>(
      `mutation { signOutEverywhere { userErrors { code } } }`,
      {},
      { as: { token: s.accessToken } },
    );
    expectUnauthenticated(
      await p.gql<any>(whoami, {}, { as: { token: s.accessToken } }),
      /revoked/,
    );

    const s2 = (
      await p.gql<any>(login, { u: 'wang.admin', pw: 'another long password' }, { as: 'anonymous' })
    ).body.data.login;
    const disabled = await p.gql<any>(
      `mutation($id: ID!) { disableUser(input: { id: $id }) { user { disabled } userErrors { code } } }`,
      { id: user.id },
    );
    expect(disabled.body.data.disableUser).toEqual({ user: { disabled: true }, userErrors: [] });
    expectUnauthenticated(
      await p.gql<any>(whoami, {}, { as: { token: s2.accessToken } }),
      /disabled|revoked/,
    );
    const again = await p.gql<any>(
      login,
      { u: 'wang.admin', pw: 'another long password' },
      { as: 'anonymous' },
    );
    expect(again.body.data.login.userErrors[0].message).toMatch(/disabled/);
  });
});

describe('bad credentials', () => {
  it('refuses an expired access token', async () => {
    const token = await new SignJWT({ ver: 0, role: 'STREET_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('lianxin')
      .setAudience('lianxin-api')
      .setSubject('1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(JWT_SECRET));
    expectUnauthenticated(await p.gql(whoami, {}, { as: { token } }), /expired/);
  });

  it('refuses a token signed with another secret, a tampered token, and an unsigned one', async () => {
    const forged = await new SignJWT({ ver: 0, role: 'PLATFORM_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('lianxin')
      .setAudience('lianxin-api')
      .setSubject('1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('some-other-secret-of-at-least-32-chars!!'));
    expectUnauthenticated(await p.gql(whoami, {}, { as: { token: forged } }), /not valid/);

    const genuine = nanjie.tokens.RESIDENT;
    const [h, payload, sig] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = [
      h,
      Buffer.from(JSON.stringify({ ...claims, role: 'PLATFORM_ADMIN', sub: '1' })).toString(
        'base64url',
      ),
      sig,
    ].join('.');
    expectUnauthenticated(await p.gql(whoami, {}, { as: { token: tampered } }), /not valid/);

    const none = [Buffer.from('{"alg":"none"}').toString('base64url'), payload, ''].join('.');
    expectUnauthenticated(await p.gql(whoami, {}, { as: { token: none } }), /not valid/);
    expectUnauthenticated(await p.gql(whoami, {}, { as: { token: 'garbage' } }), /not valid/);
  });

  it('refuses a malformed Authorization header', async () => {
    const res = await p.http
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', 'Basic abc')
      .send({ query: whoami });
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toMatch(/Bearer/);
  });
});

describe('API keys', () => {
  it('describes every scope a key may have where the contract documents CreateApiKeyInput.scopes', async () => {
    const res = await p.gql<any>(
      `{ __type(name: "CreateApiKeyInput") { inputFields { name description } } }`,
    );
    const scopes = res.body.data.__type.inputFields.find((f: any) => f.name === 'scopes');
    const areas = apiScopes()
      .filter((s) => /^[a-zA-Z]+:read$/.test(s))
      .map((s) => s.split(':')[0]!);
    expect(areas).toContain('case');
    const described = /for ([^;]+);/.exec(scopes.description)![1]!.split(', ');
    expect(described.sort()).toEqual(areas.sort());
  });

  const create = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id prefix scopes revoked street { code } } userErrors { field message code } } }`;

  it('creates a key whose secret is shown once, works within its scopes and street, and stops when revoked', async () => {
    const res = await p.gql<any>(create, {
      input: {
        streetId: gid('Street', nanjie.streetId),
        name: '12345 热线',
        scopes: ['grid:read'],
      },
    });
    const { secret, apiKey } = res.body.data.createApiKey;
    expect(secret).toMatch(new RegExp(`^lxk_${apiKey.prefix}_`));
    expect(apiKey).toMatchObject({
      scopes: ['grid:read'],
      revoked: false,
      street: { code: '621002001' },
    });
    const list = await p.gql<any>(`{ apiKeys { prefix } }`);
    expect(JSON.stringify(list.body.data)).not.toContain(
      secret.slice(`lxk_${apiKey.prefix}_`.length),
    );

    const read = await p.gql<any>(
      `{ grids { totalCount } people { totalCount } viewer { kind role scopes } }`,
      {},
      { as: { token: secret } },
    );
    expect(read.body.data.grids.totalCount).toBe(4);
    expect(read.body.data.people.totalCount).toBe(0); // no person:read scope
    expect(read.body.data.viewer).toEqual({
      kind: 'API_KEY',
      role: 'INTEGRATION',
      scopes: ['grid:read'],
    });
    const write = await p.gql<any>(
      `mutation($s: ID!) { createGrid(input: { streetId: $s, code: "621002001009", name: "x", parentId: "${gid('Grid', nanjie.ids.root)}" }) { userErrors { code } } }`,
      { s: gid('Street', nanjie.streetId) },
      { as: { token: secret } },
    );
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');

    const revoked = await p.gql<any>(
      `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revoked } userErrors { code } } }`,
      { id: apiKey.id },
    );
    expect(revoked.body.data.revokeApiKey).toEqual({ apiKey: { revoked: true }, userErrors: [] });
    expectUnauthenticated(
      await p.gql(`{ grids { totalCount } }`, {}, { as: { token: secret } }),
      /revoked/,
    );
  });

  it('refuses an expired key, an unknown key and a key with a wrong secret', async () => {
    const res = await p.gql<any>(create, {
      input: { streetId: gid('Street', nanjie.streetId), name: 'short', scopes: ['*:read'] },
    });
    const { secret, apiKey } = res.body.data.createApiKey;
    await p.db.query(
      `UPDATE api_key SET expires_at = now() - interval '1 minute' WHERE prefix = $1`,
      [apiKey.prefix],
    );
    expectUnauthenticated(
      await p.gql(`{ grids { totalCount } }`, {}, { as: { token: secret } }),
      /expired/,
    );
    expectUnauthenticated(
      await p.gql(`{ grids { totalCount } }`, {}, { as: { token: `${secret.slice(0, -3)}abc` } }),
      /not valid/,
    );
    expectUnauthenticated(
      await p.gql(
        `{ grids { totalCount } }`,
        {},
        { as: { token: 'lxk_AAAAAAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbb' } },
      ),
      /not valid/,
    );
  });

  it('answers bad key input with user errors, and refuses non-admins', async () => {
    const bad = await p.gql<any>(create, {
      input: { streetId: gid('Street', nanjie.streetId), name: '', scopes: ['grid:delete'] },
    });
    expect(bad.body.data.createApiKey.userErrors.map((e: any) => e.field.join('.')).sort()).toEqual(
      ['input.name', 'input.scopes.0'],
    );
    const resident = await p.gql<any>(
      create,
      { input: { streetId: gid('Street', nanjie.streetId), name: 'x', scopes: ['grid:read'] } },
      { as: { token: nanjie.tokens.RESIDENT } },
    );
    expect(resident.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('OpenID provider tokens', () => {
  const oidcToken = (sub: string, overrides: { iss?: string; aud?: string; exp?: string } = {}) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(overrides.iss ?? ISSUER)
      .setAudience(overrides.aud ?? 'lianxin')
      .setSubject(sub)
      .setExpirationTime(overrides.exp ?? '10m')
      .sign(oidcKey);

  it('accepts a token of the provider linked to an account, and refuses others', async () => {
    await p.gql<any>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }`,
      {
        input: {
          username: 'zhao.oidc',
          displayName: '赵',
          role: 'STREET_ADMIN',
          externalSubject: `${ISSUER}|u-42`,
          streetId: gid('Street', nanjie.streetId),
        },
      },
    );
    const ok = await p.gql<any>(whoami, {}, { as: { token: await oidcToken('u-42') } });
    expect(ok.body.data.viewer).toMatchObject({
      kind: 'USER',
      role: 'STREET_ADMIN',
      user: { username: 'zhao.oidc' },
    });
    expectUnauthenticated(
      await p.gql(whoami, {}, { as: { token: await oidcToken('u-43') } }),
      /No Lianxin account/,
    );
    expectUnauthenticated(
      await p.gql(whoami, {}, { as: { token: await oidcToken('u-42', { aud: 'someone-else' }) } }),
      /not valid/,
    );
    expectUnauthenticated(
      await p.gql(whoami, {}, { as: { token: await oidcToken('u-42', { exp: '-1m' }) } }),
      /expired/,
    );
  });
});
