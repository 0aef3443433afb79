/**
 * Brute-force limits of `login` (docs/security.md, "Signing in"): failures counted per username
 * and per client address, growing lockouts refused before any password is hashed, the same
 * answer for an unknown username as for a wrong password, and password checks a few at a time.
 */
import { request } from 'node:http';
import { Slots } from '../../src/domain/identity/login-throttle';
import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';

let p: TestPlatform;
let nanjie: StreetActors;

const PASSWORD = 'correct horse battery staple';
const PER_ACCOUNT = 3;
const PER_ADDRESS = 6;

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      LOGIN_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
      LOGIN_LOCKOUT_SECONDS: '2',
      LOGIN_LOCKOUT_MAX_SECONDS: '600',
    },
  });
  nanjie = await streetActors(p, '621002001');
  const timing = Array.from({ length: 6 }, (_, i) => `frank${i}`);
  for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', ...timing]) {
    const res = await p.gql<any>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { userErrors { message } } }`,
      {
        input: {
          username,
          displayName: username,
          password: PASSWORD,
          role: 'STREET_ADMIN',
          streetId: gid('Street', nanjie.streetId),
        },
      },
    );
    expect(res.body.data.createUser.userErrors).toEqual([]);
  }
});
afterAll(() => p?.stop());

interface LoginAnswer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: { login: any } | null; errors?: any[] };
  ms: number;
}

/** Calls `login` from the client address `from` (any 127.x.y.z reaches the test server). */
function login(from: string, username: string, password: string): Promise<LoginAnswer> {
  const body = JSON.stringify({
    query: `mutation($u: String!, $pw: String!) { login(input: { username: $u, password: $pw }) { accessToken user { username } userErrors { field message code } } }`,
    variables: { u: username, pw: password },
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      p.url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'],
            body: JSON.parse(text),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const wrong = (a: LoginAnswer) => {
  expect(a.status).toBe(200);
  expect(a.body.errors).toBeUndefined();
  expect(a.body.data!.login.userErrors).toEqual([
    { field: [], message: 'Wrong username or password.', code: 'INVALID' },
  ]);
};
const signedIn = (a: LoginAnswer, username: string) => {
  expect(a.body.errors).toBeUndefined();
  expect(a.body.data!.login.user).toEqual({ username });
  expect(a.body.data!.login.accessToken).toEqual(expect.any(String));
};
/** Refused as RATE_LIMITED with a Retry-After; answers the seconds. */
const limited = (a: LoginAnswer): number => {
  expect(a.status).toBe(429);
  expect(a.body.errors).toHaveLength(1);
  const [error] = a.body.errors!;
  expect(error.extensions.code).toBe('RATE_LIMITED');
  expect(error.message).toMatch(/^Too many failed sign-ins .*; try again in \d+ s\.$/);
  expect(error.extensions.retryAfterSeconds).toBeGreaterThan(0);
  expect(a.retryAfter).toBe(String(error.extensions.retryAfterSeconds));
  return error.extensions.retryAfterSeconds;
};

describe('login', () => {
  it(`locks an account out after ${PER_ACCOUNT} wrong passwords, the right one too, for longer each time`, async () => {
    for (let i = 0; i < PER_ACCOUNT; i++) wrong(await login('127.0.0.2', 'alice', 'guess'));
    const first = limited(await login('127.0.0.2', 'alice', 'guess'));
    expect(first).toBe(2);
    // The right password, and from another address: the account is what is locked.
    expect(limited(await login('127.0.0.3', 'alice', PASSWORD))).toBeGreaterThan(0);
    // Once it ends, one more failure locks it out for twice as long.
    await new Promise((r) => setTimeout(r, first * 1000 + 100));
    wrong(await login('127.0.0.2', 'alice', 'guess'));
    expect(limited(await login('127.0.0.2', 'alice', PASSWORD))).toBe(4);
  }, 15_000);

  it('leaves another account, from another address, alone meanwhile', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++) wrong(await login('127.0.0.4', 'bob', 'guess'));
    limited(await login('127.0.0.4', 'bob', 'guess'));
    signedIn(await login('127.0.0.5', 'carol', PASSWORD), 'carol');
    wrong(await login('127.0.0.5', 'carol', 'guess'));
  });

  it(`locks an address out after ${PER_ADDRESS} failures, whatever the usernames`, async () => {
    for (let i = 0; i < PER_ADDRESS; i++) wrong(await login('127.0.0.6', `nobody${i}`, 'guess'));
    const answer = await login('127.0.0.6', 'dave', PASSWORD);
    limited(answer);
    expect(answer.body.errors![0].message).toMatch(/from this address/);
    signedIn(await login('127.0.0.7', 'dave', PASSWORD), 'dave');
  });

  it("clears an account's failures when it signs in", async () => {
    for (let i = 0; i < PER_ACCOUNT - 1; i++) wrong(await login('127.0.0.8', 'erin', 'guess'));
    signedIn(await login('127.0.0.8', 'erin', PASSWORD), 'erin');
    for (let i = 0; i < PER_ACCOUNT; i++) wrong(await login('127.0.0.9', 'erin', 'guess'));
    limited(await login('127.0.0.9', 'erin', 'guess'));
  });

  it('answers an unknown username exactly as a wrong password, after as much work', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    // Fresh usernames and addresses: no lockout gets in the way.
    for (let i = 0; i < 6; i++) {
      const a = await login(`127.0.1.${i}`, `frank${i}`, `guess${i}`);
      const b = await login(`127.0.2.${i}`, `ghost${i}`, `guess${i}`);
      // Extensions aside: they carry the address's rate-limit bucket.
      const answer = (x: LoginAnswer) => ({
        status: x.status,
        data: x.body.data,
        errors: x.body.errors,
      });
      expect(answer(b)).toEqual(answer(a));
      wrong(a);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    // Both hash a password: without the dummy hash an unknown name answers many times faster.
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

describe('password checks run a few at a time', () => {
  it('queues up to the limit and turns away the rest at once', async () => {
    const slots = new Slots(1, 1);
    let release!: () => void;
    const started: string[] = [];
    const first = slots.run(async () => {
      started.push('first');
      await new Promise<void>((r) => (release = r));
      return 1;
    });
    const second = slots.run(async () => {
      started.push('second');
      return 2;
    });
    expect(await slots.run(async () => 3)).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['first']);
    release();
    expect(await first).toEqual({ value: 1 });
    expect(await second).toEqual({ value: 2 });
    expect(started).toEqual(['first', 'second']);
    expect(await slots.run(async () => 4)).toEqual({ value: 4 });
  });
});
