import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestPlatform, ADMIN_TOKEN, type TestPlatform } from '../harness';
import { wsOf } from '../live';

/**
 * Errors and user errors come in Chinese when the caller prefers it (Accept-Language over HTTP
 * and Open311; connectionParams or the upgrade's header over graphql-ws), in English otherwise;
 * codes, paths and fields never change.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.stop());

const post = (body: object, language?: string, token?: string) => {
  let r = p.http.post('/graphql').set('Content-Type', 'application/json');
  if (language) r = r.set('Accept-Language', language);
  if (token) r = r.set('Authorization', `Bearer ${token}`);
  return r.send(body);
};

const BAD_NODE = { query: '{ node(id: "nonsense") { id } }' };
const LOGIN = {
  query:
    'mutation { login(input: { username: "nobody.here", password: "wrong-password" }) { accessToken userErrors { field message code } } }',
};

describe('over HTTP', () => {
  it('answers a GraphQL error in Chinese for zh-CN, with the same code and path', async () => {
    const zh = await post(BAD_NODE, 'zh-CN');
    const en = await post(BAD_NODE);
    expect(zh.body.errors[0]).toMatchObject({
      message: '"nonsense" 不是有效的 ID。',
      path: ['node'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(en.body.errors[0]).toMatchObject({
      message: '"nonsense" is not a valid ID.',
      path: ['node'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers user errors in Chinese for zh-Hans;q=0.9, en;q=0.8, and in English for en-US', async () => {
    const zh = await post(LOGIN, 'zh-Hans;q=0.9, en;q=0.8');
    expect(zh.body.data.login).toEqual({
      accessToken: null,
      userErrors: [{ field: [], message: '用户名或密码错误。', code: 'INVALID' }],
    });
    const en = await post(LOGIN, 'en-US,en;q=0.9,zh-CN;q=0.8');
    expect(en.body.data.login.userErrors).toEqual([
      { field: [], message: 'Wrong username or password.', code: 'INVALID' },
    ]);
  });

  it("answers a mutation's validation problems in Chinese, with the same fields and codes", async () => {
    const create = {
      query: `mutation($input: CreateStreetInput!) { createStreet(input: $input) { street { id } userErrors { field message code } } }`,
      variables: { input: { code: '12', name: '', districtCode: '620802' } },
    };
    const zh = await post(create, 'zh', ADMIN_TOKEN);
    const en = await post(create, undefined, ADMIN_TOKEN);
    const userErrors = zh.body.data?.createStreet?.userErrors;
    expect(userErrors?.length).toBeGreaterThan(0);
    expect(userErrors.map((e: { code: string }) => e.code)).toEqual(
      en.body.data.createStreet.userErrors.map((e: { code: string }) => e.code),
    );
    for (const e of userErrors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers zod's own wording (a check with no message of ours) from zod's Chinese locale", async () => {
    const streets = await post(
      { query: '{ streets(first: 1) { nodes { id } } }' },
      undefined,
      ADMIN_TOKEN,
    );
    const streetId = streets.body.data.streets.nodes[0].id;
    const create = {
      query: `mutation($input: CreateServicePostInput!) { createServicePost(input: $input) { userErrors { field message code } } }`,
      variables: { input: { streetId, name: '楼道清扫', kind: 'CIVILITY', capacity: 20000 } },
    };
    const zh = await post(create, 'zh-CN', ADMIN_TOKEN);
    const en = await post(create, undefined, ADMIN_TOKEN);
    expect(en.body.data.createServicePost.userErrors).toEqual([
      { field: ['input', 'capacity'], message: expect.stringMatching(/^Too big/), code: 'INVALID' },
    ]);
    expect(zh.body.data.createServicePost.userErrors).toEqual([
      {
        field: ['input', 'capacity'],
        message: expect.stringMatching(/^数值过大/),
        code: 'INVALID',
      },
    ]);
  });

  it('translates the commonest validation errors and the credential refusal', async () => {
    const unknown = await post({ query: '{ nope }' }, 'zh-CN');
    expect(unknown.body.errors[0]).toMatchObject({
      message: '类型 "Query" 上没有字段 "nope"。',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    // Anonymous callers get no field suggestions, in any language.
    const near = await post({ query: '{ streetz }' }, 'zh-CN');
    expect(near.body.errors[0].message).toBe('类型 "Query" 上没有字段 "streetz"。');
    const signedIn = await post({ query: '{ streetz }' }, 'zh-CN', ADMIN_TOKEN);
    expect(signedIn.body.errors[0].message).toMatch(
      /^类型 "Query" 上没有字段 "streetz"。您是否要查询 .*"streets"/,
    );
    const syntax = await post({ query: '{ streets ' }, 'zh-CN');
    expect(syntax.body.errors[0].message).toMatch(/^语法错误：/);
    const missing = await post({ query: 'query($id: ID!) { node(id: $id) { id } }' }, 'zh-CN');
    expect(missing.body.errors[0].message).toBe('未提供必填变量 "$id"（类型 "ID!"）。');
    const refused = await post({ query: '{ viewer { kind } }' }, 'zh-CN', 'not-a-token');
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("answers the transport's own refusals in Chinese", async () => {
    const res = await p.http
      .post('/graphql')
      .set('Content-Type', 'text/plain')
      .set('Accept-Language', 'zh-CN')
      .send('{ streets { totalCount } }');
    expect(res.status).toBe(415);
    expect(res.body.errors[0]).toEqual({
      message: '不支持 Content-Type "text/plain"，请以 application/json 发送请求。',
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
    });
  });

  it('answers Open311 errors in Chinese', async () => {
    const res = await p.http.get('/open311/v2/nothing.json').set('Accept-Language', 'zh-CN');
    expect(res.status).toBe(404);
    expect(res.body[0].description).toMatch(/^未找到。此处的 GeoReport v2 接口有/);
  });
});

describe('over graphql-ws', () => {
  const clients: Client[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });

  /** A client whose socket's upgrade request carries `headers`. */
  const connect = (params: Record<string, unknown>, headers: Record<string, string> = {}) => {
    class WithHeaders extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const c = createClient({
      url: wsOf(p.url),
      webSocketImpl: WithHeaders,
      connectionParams: params,
      retryAttempts: 0,
    });
    clients.push(c);
    return c;
  };

  /** The errors of one operation: in its result, or as the operation's error. */
  const errorsOf = (c: Client, query: string) =>
    new Promise<{ message: string; extensions?: { code?: string } }[]>((resolve, reject) => {
      let errors: unknown[] = [];
      c.subscribe(
        { query },
        {
          next: (r: FormattedExecutionResult) => void (errors = [...errors, ...(r.errors ?? [])]),
          error: (e) => (Array.isArray(e) ? resolve(e) : reject(e)),
          complete: () => resolve(errors as never),
        },
      );
    });

  it('answers in Chinese when connectionParams ask for it', async () => {
    const c = connect({ acceptLanguage: 'zh-CN' });
    const [error] = await errorsOf(c, BAD_NODE.query);
    expect(error).toMatchObject({
      message: '"nonsense" 不是有效的 ID。',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const [invalid] = await errorsOf(c, '{ nope }');
    expect(invalid!.message).toBe('类型 "Query" 上没有字段 "nope"。');
  });

  it("answers in Chinese when the upgrade request's Accept-Language asks for it", async () => {
    const c = connect({}, { 'Accept-Language': 'zh-Hans;q=0.9, en;q=0.8' });
    const [error] = await errorsOf(c, BAD_NODE.query);
    expect(error!.message).toBe('"nonsense" 不是有效的 ID。');
  });

  it('answers user errors in Chinese, and everything in English otherwise', async () => {
    const zh = connect({ 'Accept-Language': 'zh' });
    const en = connect({});
    const result = (c: Client) =>
      new Promise<FormattedExecutionResult>((resolve, reject) => {
        c.subscribe(LOGIN, { next: resolve, error: reject, complete: () => undefined });
      });
    const zhLogin = (await result(zh)).data as { login: { userErrors: { message: string }[] } };
    expect(zhLogin.login.userErrors[0]!.message).toBe('用户名或密码错误。');
    const enLogin = (await result(en)).data as { login: { userErrors: { message: string }[] } };
    expect(enLogin.login.userErrors[0]!.message).toBe('Wrong username or password.');
    const [error] = await errorsOf(en, BAD_NODE.query);
    expect(error!.message).toBe('"nonsense" is not a valid ID.');
  });
});
