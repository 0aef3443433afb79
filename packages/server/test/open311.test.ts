/**
 * Open311 GeoReport v2 (docs/open311.md): a client that speaks only GeoReport lists services,
 * reports a case, retries it with the same key, and reads its status after the case went through
 * the loop over GraphQL; XML as well as JSON; every bad input is the spec's error list with the
 * right status; another street's key reads and writes nothing of this street; requests spend from
 * the caller's GraphQL cost bucket.
 */
import request from 'supertest';
import { gid, streetActors, type StreetActors } from './actors';
import {
  caseActors,
  caseClient,
  CASE_FIELDS,
  workAllDay,
  type CaseActors,
  type CaseView,
} from './cases';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from './harness';

let p: TestPlatform;
let A: StreetActors; // 南街, 西峰区
let B: StreetActors; // a street of 西固区
let C: CaseActors;
/** A's Open311 app: reports, reads cases and the departments' names. */
let appKey: string;
/** A key of A that may only report. */
let writeOnlyKey: string;
/** B's Open311 app. */
let otherKey: string;

beforeAll(async () => {
  p = await startTestPlatform({
    // Spending is measured exactly below: the buckets barely refill during the file.
    env: { RATE_LIMIT_CAPACITY: '100000', RATE_LIMIT_RESTORE_PER_SECOND: '0.001' },
  });
  A = await streetActors(p, '621002001');
  B = await streetActors(p, '620104001');
  C = await caseActors(p, A);
  const [d] = await p.db.query<{ id: string }>(
    `SELECT district_id::text AS id FROM street WHERE id = $1`,
    [A.streetId],
  );
  await workAllDay(p, d!.id);
  appKey = await apiKey(A, ['case:read', 'case:write', 'organization:read']);
  writeOnlyKey = await apiKey(A, ['case:write']);
  otherKey = await apiKey(B, ['case:read', 'case:write', 'organization:read']);
}, 60_000);
afterAll(() => p.stop());

async function apiKey(s: StreetActors, scopes: string[]): Promise<string> {
  const res = await p.gql<any>(
    `mutation($s: ID!, $scopes: [String!]!) { createApiKey(input: { streetId: $s, name: "open311", scopes: $scopes }) {
       secret userErrors { message } } }`,
    { s: gid('Street', s.streetId), scopes },
  );
  expect(res.body.data.createApiKey.userErrors).toEqual([]);
  return res.body.data.createApiKey.secret;
}

const BASE = '/open311/v2';

/** A GET as a GeoReport client sends it: parameters in the query string, the key among them. */
function get(path: string, query: Record<string, string> = {}, http = p.http) {
  return http.get(`${BASE}/${path}`).query(query);
}

/** A POST as the spec sends it: a form body, the key as `api_key`. */
function post(
  path: string,
  form: Record<string, string> | string,
  headers: Record<string, string> = {},
) {
  const body = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  return p.http
    .post(`${BASE}/${path}`)
    .set({ 'Content-Type': 'application/x-www-form-urlencoded', ...headers })
    .send(body);
}

/** A report of illegal parking in A, with `extra` fields. */
const parking = (extra: Record<string, string> = {}) => ({
  api_key: appKey,
  service_code: 'traffic.illegal-parking',
  lat: '35.7097',
  long: '107.6431',
  address_string: '南街 12 号 东门',
  description: '小区东门消防通道被占\n车牌 甘M12345 停了两天',
  email: 'resident@example.com',
  first_name: '张',
  last_name: '三',
  phone: '13800001234',
  ...extra,
});

let keys = 0;
const newKey = () => `o311-${Date.now()}-${++keys}`;

/** A GeoReport error answer: a list of `{code, description}` with the status as code. */
function expectErrors(res: request.Response, status: number, ...descriptions: RegExp[]) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual(
    descriptions.map((d) => ({ code: status, description: expect.stringMatching(d) })),
  );
}

/** The text of each `<name>` element of an XML answer. */
const xmlValues = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>|<${name}/>`, 'g'))].map(
    (m) => m[1] ?? '',
  );

/** The case behind a request, over GraphQL as A's street administrator. */
async function caseOf(number: string): Promise<CaseView & Record<string, any>> {
  const res = await p.gql<any>(
    `query($n: String!) { caseByNumber(number: $n) { ${CASE_FIELDS} title description address mediaUrl
       location { lat lng } grid { code } category { serviceCode } } }`,
    { n: number },
    { as: { token: A.tokens.STREET_ADMIN } },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.caseByNumber;
}

describe('services', () => {
  it("lists the platform's minor categories to anyone, with every field of the spec", async () => {
    const res = await get('services.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const parkingService = res.body.find((s: any) => s.service_code === 'traffic.illegal-parking');
    expect(parkingService).toEqual({
      service_code: 'traffic.illegal-parking',
      service_name: '乱停乱放',
      description: expect.any(String),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('交通秩序'),
      group: '交通秩序',
    });
    expect(parkingService.description.length).toBeGreaterThan(5);
    // Majors are groups, not services.
    expect(res.body.map((s: any) => s.service_code)).not.toContain('traffic');
    expect(res.body.length).toBe(35);
  });

  it("adds a street's own categories for its callers only", async () => {
    const created = await p.gql<any>(
      `mutation($input: CreateCaseCategoryInput!) { createCaseCategory(input: $input) { userErrors { message } } }`,
      {
        input: {
          streetId: gid('Street', A.streetId),
          code: '0199',
          name: '楼道堆物',
          nameEn: 'Hallway clutter',
          serviceCode: 'nanjie.hallway-clutter',
          acceptanceCriteria: '楼道内堆放杂物影响通行。',
          closureCriteria: '杂物清理完毕。',
          timeLimits: { a: 60, b: 480, c: 960 },
          departments: ['物业'],
        },
      },
      { as: { token: A.tokens.STREET_ADMIN } },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createCaseCategory.userErrors).toEqual([]);
    const codes = async (query: Record<string, string>) =>
      (await get('services.json', query)).body.map((s: any) => s.service_code);
    expect(await codes({ api_key: appKey })).toContain('nanjie.hallway-clutter');
    expect(await codes({ jurisdiction_id: '621002001', api_key: appKey })).toContain(
      'nanjie.hallway-clutter',
    );
    expect(await codes({})).not.toContain('nanjie.hallway-clutter');
    expect(await codes({ jurisdiction_id: '621002001' })).not.toContain('nanjie.hallway-clutter');
    expect(await codes({ api_key: otherKey })).not.toContain('nanjie.hallway-clutter');
  });

  it('answers XML under <services><service>', async () => {
    const res = await get('services.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const xml = res.text;
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/,
    );
    expect(xmlValues(xml, 'service_code')).toContain('traffic.illegal-parking');
    expect(xmlValues(xml, 'metadata')[0]).toBe('false');
    expect(xmlValues(xml, 'type')[0]).toBe('realtime');
    expect(xml.endsWith('</service></services>')).toBe(true);
  });

  it('gives a definition with no attributes, in the shape of the spec', async () => {
    const json = await get('services/traffic.illegal-parking.json');
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ service_code: 'traffic.illegal-parking', attributes: [] });
    const xml = await get('services/traffic.illegal-parking.xml');
    expect(xml.text).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>traffic.illegal-parking</service_code><attributes/></service_definition>',
    );
    expectErrors(
      await get('services/no-such-service.json'),
      404,
      /service_code "no-such-service" was not found/,
    );
    const missing = await get('services/no-such-service.xml');
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><errors><error><code>404<\/code><description>service_code "no-such-service" was not found/,
    );
    // A major class is no service.
    expectErrors(await get('services/traffic.json'), 404, /service_code "traffic" was not found/);
  });
});

describe('a GeoReport client reports, retries, and follows the case to closure', () => {
  it('reports a case; the retry answers the same request; the status follows the loop in GraphQL', async () => {
    const key = newKey();
    const first = await post(
      'requests.json',
      parking({ media_url: 'https://img.example.com/1.jpg' }),
      {
        'Idempotency-Key': key,
      },
    );
    expect(first.status).toBe(201);
    expect(first.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^621002001\d{12}$/),
        service_notice: expect.stringMatching(
          /^Filed as case \d+ in .+; it will be accepted or rejected by \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.$/,
        ),
        account_id: null,
      },
    ]);
    const id: string = first.body[0].service_request_id;

    const retry = await post(
      'requests.json',
      parking({ media_url: 'https://img.example.com/1.jpg' }),
      {
        'Idempotency-Key': key,
      },
    );
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);

    // The same key with another report is refused, naming the key; nothing new is filed.
    const other = await post('requests.json', parking({ description: '另一件事' }), {
      'Idempotency-Key': key,
    });
    expectErrors(
      other,
      409,
      /^Idempotency-Key: This idempotency key was used for a different report/,
    );
    const [{ n }] = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_file WHERE idempotency_key = $1`,
      [key],
    );
    expect(n).toBe(1);

    // The case is a case like any other: filed by the key, under the service's category.
    let c = await caseOf(id);
    expect(c).toMatchObject({
      status: 'REPORTED',
      source: 'INTEGRATION',
      urgency: 'B',
      title: '小区东门消防通道被占',
      description: '小区东门消防通道被占\n车牌 甘M12345 停了两天',
      address: '南街 12 号 东门',
      mediaUrl: 'https://img.example.com/1.jpg',
      location: { lat: 35.7097, lng: 107.6431 },
      category: { serviceCode: 'traffic.illegal-parking' },
      // No grid's boundary holds the point: the street's own grid, from which intake moves it.
      grid: { code: '621002001' },
    });
    // Contact details are not kept anywhere on the case.
    const [row] = await p.db.query<Record<string, unknown>>(
      `SELECT to_jsonb(c)::text AS json FROM case_file c WHERE number = $1`,
      [id],
    );
    expect(row!.json).not.toMatch(/resident@example\.com|13800001234|"张"|"三"/);

    let status = (await get(`requests/${id}.json`, { api_key: appKey })).body[0];
    expect(status).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_name: '乱停乱放',
      service_code: 'traffic.illegal-parking',
      description: '小区东门消防通道被占\n车牌 甘M12345 停了两天',
      agency_responsible: null,
      service_notice: null,
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      updated_datetime: expect.stringMatching(/Z$/),
      expected_datetime: new Date(c.acceptDueAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      address: '南街 12 号 东门',
      address_id: null, // the key may not read grids
      zipcode: null,
      lat: 35.7097,
      long: 107.6431,
      media_url: 'https://img.example.com/1.jpg',
    });

    // Through the loop over GraphQL: accept, dispatch, the department's part, verification.
    const act = async (token: string, action: string, extra: Record<string, unknown> = {}) => {
      const r = await caseClient(p, token).act(action, c, extra);
      expect(r.userErrors).toEqual([]);
      c = { ...c, ...r.case! };
    };
    await act(C.intake, 'ACCEPT');
    await act(C.dispatcher, 'DISPATCH', { departmentIds: [gid('Organization', A.ids.department)] });
    status = (await get(`requests/${id}.json`, { api_key: appKey })).body[0];
    expect(status.status).toBe('open');
    expect(status.agency_responsible).toBe('621002001 城管');
    expect(status.expected_datetime).toBe(
      new Date(c.dueAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    );
    await act(A.tokens.DEPARTMENT_STAFF, 'ACKNOWLEDGE');
    await act(A.tokens.DEPARTMENT_STAFF, 'START');
    await act(A.tokens.DEPARTMENT_STAFF, 'RESOLVE', { resolution: '已拖离' });
    await act(C.inspector, 'VERIFY', { passed: true, note: '现场核查 通道已畅通' });
    expect(c.status).toBe('CLOSED');

    status = (await get(`requests/${id}.json`, { api_key: appKey })).body[0];
    expect(status).toMatchObject({
      service_request_id: id,
      status: 'closed',
      status_notes: '现场核查 通道已畅通',
      agency_responsible: '621002001 城管',
      expected_datetime: null,
    });
    expect(Date.parse(status.updated_datetime)).toBeGreaterThanOrEqual(
      Date.parse(status.requested_datetime),
    );

    // The same in XML, with the spec's element names.
    const xml = await get(`requests/${id}.xml`, { api_key: appKey });
    expect(xml.status).toBe(200);
    expect(xml.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>/,
    );
    expect(xmlValues(xml.text, 'status')).toEqual(['closed']);
    expect(xmlValues(xml.text, 'status_notes')).toEqual(['现场核查 通道已畅通']);
    expect(xmlValues(xml.text, 'zipcode')).toEqual(['']);
    expect(xmlValues(xml.text, 'lat')).toEqual(['35.7097']);

    // And in a search, by id and by status.
    const found = await get('requests.json', { api_key: appKey, service_request_id: `${id},000` });
    expect(found.body.map((r: any) => r.service_request_id)).toEqual([id]);
    const closed = await get('requests.json', { api_key: appKey, status: 'closed' });
    expect(closed.body.map((r: any) => r.service_request_id)).toContain(id);
    const open = await get('requests.json', { api_key: appKey, status: 'open' });
    expect(open.body.map((r: any) => r.service_request_id)).not.toContain(id);
  });

  it('accepts the key in the Authorization header, a JSON body, and answers XML', async () => {
    const res = await p.http
      .post(`${BASE}/requests.xml`)
      .set('Authorization', `Bearer ${appKey}`)
      .send({
        service_code: 'street-order.street-vending',
        lat: 35.71,
        long: 107.64,
        // A control character XML cannot hold is dropped from XML answers.
        description: '<b>占道</b> & 摆摊\u0001',
      });
    expect(res.status).toBe(201);
    expect(res.text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><service_requests><request><service_request_id>\d+<\/service_request_id><service_notice>Filed as case \d+ in [^<]+<\/service_notice><account_id\/><\/request><\/service_requests>$/,
    );
    const [id] = xmlValues(res.text, 'service_request_id');
    const read = await get(`requests/${id}.xml`, { api_key: appKey });
    expect(read.text).toContain('<description>&lt;b&gt;占道&lt;/b&gt; &amp; 摆摊</description>');
  });

  it('without a key is no retry: the same report twice is two cases', async () => {
    const one = await post('requests.json', parking({ description: '无键重复 1' }));
    const two = await post('requests.json', parking({ description: '无键重复 1' }));
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.body[0].service_request_id).not.toBe(one.body[0].service_request_id);
  });

  it('takes the idempotency key as a parameter too, and a key that may only report can retry', async () => {
    const key = newKey();
    const form = parking({ api_key: writeOnlyKey, idempotency_key: key });
    const first = await post('requests.json', form);
    const again = await post('requests.json', form);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // It may not read requests, its own neither.
    expectErrors(
      await get(`requests/${first.body[0].service_request_id}.json`, { api_key: writeOnlyKey }),
      403,
      /case:read/,
    );
  });
});

describe('where a request is filed', () => {
  it('address_id names a grid by its code; a point inside a grid boundary files it in the deepest such grid', async () => {
    const byCode = await post(
      'requests.json',
      parking({ address_id: '621002001001001', lat: '', long: '' }),
    );
    expect(byCode.status).toBe(201);
    expect((await caseOf(byCode.body[0].service_request_id)).grid.code).toBe('621002001001001');

    // The community grid covers a square; its unit grid has no boundary.
    await p.db.query(`UPDATE grid SET boundary = $2 WHERE id = $1`, [
      A.ids.community,
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [107.6, 35.7],
            [107.7, 35.7],
            [107.7, 35.8],
            [107.6, 35.8],
            [107.6, 35.7],
          ],
        ],
      }),
    ]);
    await p.db.query(`UPDATE grid SET boundary = $2 WHERE id = $1`, [
      A.ids.otherCommunity,
      JSON.stringify({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [108, 36],
              [108.1, 36],
              [108.1, 36.1],
              [108, 36],
              [108, 36],
            ],
          ],
        ],
      }),
    ]);
    const inside = await post('requests.json', parking({ lat: '35.75', long: '107.65' }));
    expect((await caseOf(inside.body[0].service_request_id)).grid.code).toBe('621002001001');
    const outside = await post('requests.json', parking({ lat: '30', long: '100' }));
    expect((await caseOf(outside.body[0].service_request_id)).grid.code).toBe('621002001');
    // The grid worker of the community sees the report made inside it.
    const seen = await caseClient(p, A.tokens.GRID_WORKER).get(
      (await caseOf(inside.body[0].service_request_id)).id,
    );
    expect(seen).not.toBeNull();

    expectErrors(
      await post('requests.json', parking({ address_id: '621002001999' })),
      400,
      /^address_id: No grid of this street has the code 621002001999\.$/,
    );
  });
});

describe('searching requests', () => {
  it('finds by service code and date window, newest first, and refuses windows the spec does not allow', async () => {
    const made = await post(
      'requests.json',
      parking({ service_code: 'street-order.street-vending' }),
    );
    const id = made.body[0].service_request_id;
    const byCode = await get('requests.json', {
      api_key: appKey,
      service_code: 'street-order.street-vending',
    });
    expect(byCode.status).toBe(200);
    expect(byCode.body.length).toBeGreaterThan(0);
    expect(byCode.body.every((r: any) => r.service_code === 'street-order.street-vending')).toBe(
      true,
    );
    expect(byCode.body[0].service_request_id).toBe(id);
    const times = byCode.body.map((r: any) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const day = 24 * 3600 * 1000;
    const iso = (t: number) => new Date(t).toISOString();
    const now = Date.now();
    const recent = await get('requests.json', {
      api_key: appKey,
      start_date: iso(now - day),
      end_date: iso(now + 60_000),
    });
    expect(recent.body.map((r: any) => r.service_request_id)).toContain(id);
    const past = await get('requests.json', {
      api_key: appKey,
      start_date: '2020-01-01T00:00:00+08:00',
      end_date: '2020-02-01T00:00:00+08:00',
    });
    expect(past.body).toEqual([]);

    expectErrors(
      await get('requests.json', {
        api_key: appKey,
        start_date: iso(now - 100 * day),
        end_date: iso(now),
      }),
      400,
      /at most 90 days apart/,
    );
    expectErrors(
      await get('requests.json', {
        api_key: appKey,
        start_date: iso(now),
        end_date: iso(now - day),
      }),
      400,
      /start_date is after end_date/,
    );
    for (const bad of ['yesterday', '2026-02-30T00:00:00Z', '2026-03-01T00:00:00', '2026-03-01']) {
      expectErrors(
        await get('requests.json', { api_key: appKey, start_date: bad }),
        400,
        /^start_date must be a W3C datetime with a time zone/,
      );
    }
    expectErrors(
      await get('requests.json', { api_key: appKey, status: 'pending' }),
      400,
      /^status is open or closed/,
    );
    expectErrors(
      await get('requests.json', { api_key: appKey, service_code: 'traffic.illegal-parking,nope' }),
      400,
      /^service_code: no service has the code "nope"/,
    );
  });
});

describe('bad input gets the spec’s errors, never a 5xx or a page', () => {
  const cases: [string, Record<string, string>, number, RegExp][] = [
    [
      'unknown service',
      { service_code: 'no.such' },
      400,
      /^service_code: No service has the code "no.such"/,
    ],
    ['a major class', { service_code: 'traffic' }, 400, /^service_code: .*major class/],
    ['no service', { service_code: '' }, 400, /^service_code is required/],
    ['no place', { lat: '', long: '', address_string: '' }, 400, /^Say where the problem is/],
    ['a latitude that is no number', { lat: 'north' }, 400, /^lat must be a decimal number/],
    ['a latitude off the globe', { lat: '95' }, 400, /^lat: Latitude is between -90 and 90\.$/],
    ['lat without long', { long: '' }, 400, /^long is required with lat\.$/],
    [
      'a description over 4,000 characters',
      { description: '长'.repeat(4001) },
      400,
      /^description is at most 4,000 characters; it has 4001\.$/,
    ],
    [
      'an address over 200 characters',
      { address_string: 'x'.repeat(201) },
      400,
      /^address_string: The address is at most 200 characters\.$/,
    ],
    [
      'a media URL that is no URL',
      { media_url: 'javascript:alert(1)' },
      400,
      /^media_url: The media URL is an http\(s\) URL\.$/,
    ],
    [
      'an unknown jurisdiction',
      { jurisdiction_id: '999999999' },
      404,
      /^jurisdiction_id "999999999" was not found/,
    ],
    [
      'a bad key',
      { api_key: 'lxk_AAAAAAAAAAAA_notavalidsecretatall00' },
      403,
      /^api_key: The API key is not valid\.$/,
    ],
    [
      'no key',
      { api_key: '' },
      403,
      /^api_key: reporting needs an API key with the case:write scope/,
    ],
    ['a service_code given twice', { service_code: 'a&service_code=b' }, 400, /given 2 times/],
  ];
  it.each(cases)('%s', async (_name, extra, status, description) => {
    const before = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`);
    const form = new URLSearchParams(parking(extra))
      .toString()
      .replace('a%26service_code%3Db', 'a&service_code=b');
    expectErrors(await post('requests.json', form), status, description);
    const after = await p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_file`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('lists every problem of a report at once', async () => {
    const res = await post(
      'requests.json',
      `${new URLSearchParams(parking({ lat: '35', long: '' }))}&attribute[WHISHETN]=123`,
    );
    expectErrors(
      res,
      400,
      /^attribute\[WHISHETN\]: service "traffic.illegal-parking" has no attributes/,
      /^long is required with lat\.$/,
    );
  });

  it('answers an unknown request, path, method, media type, body and size in the same format', async () => {
    expectErrors(
      await get('requests/621002001209901010001.json', { api_key: appKey }),
      404,
      /^service_request_id "621002001209901010001" was not found\.$/,
    );
    const xml = await get('requests/nope.xml', { api_key: appKey });
    expect(xml.status).toBe(404);
    expect(xml.text).toContain('<errors><error><code>404</code>');
    expectErrors(await get('nothing.json'), 404, /^Not found\. GeoReport v2 endpoints here/);
    expectErrors(await get(''), 404, /^Not found/);
    const put = await p.http.put(`${BASE}/requests.json`).send({});
    expectErrors(put, 405, /^PUT is not supported here; use GET, HEAD, POST\.$/);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expectErrors(await p.http.post(`${BASE}/services.json`).send({}), 405, /use GET, HEAD\.$/);
    const multipart = await p.http.post(`${BASE}/requests.json`).field('service_code', 'x');
    expectErrors(multipart, 415, /send application\/x-www-form-urlencoded/);
    const broken = await p.http
      .post(`${BASE}/requests.json`)
      .set('Content-Type', 'application/json')
      .send('{"service_code":');
    expectErrors(broken, 400, /^The request body is not valid JSON/);
    const array = await p.http.post(`${BASE}/requests.json`).send([1, 2]);
    expectErrors(array, 400, /must be a JSON object/);
    const nested = await p.http.post(`${BASE}/requests.json`).send({ description: { a: 1 } });
    expectErrors(nested, 400, /^description must be a string or a number/);
    const huge = await post('requests.xml', parking({ description: 'x'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(huge.text).toMatch(
      /<errors><error><code>413<\/code><description>The request body is larger than the limit of 1mb\.<\/description>/,
    );
    const latin1 = await p.http
      .post(`${BASE}/requests.json`)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=latin1')
      .send('service_code=x');
    expectErrors(latin1, 415, /^Charset "latin1" is not supported; send UTF-8 form data\.$/);
    const twoKeys = await post('requests.json', parking(), { Authorization: `Bearer ${otherKey}` });
    expectErrors(twoKeys, 400, /^api_key and the Authorization header differ/);
  });
});

describe('streets stay apart', () => {
  let id: string;
  beforeAll(async () => {
    id = (await post('requests.json', parking({ description: '南街的事' }))).body[0]
      .service_request_id;
  });

  it("another street's key neither reads nor finds this street's requests", async () => {
    expectErrors(await get(`requests/${id}.json`, { api_key: otherKey }), 404, /was not found/);
    const search = await get('requests.json', { api_key: otherKey, service_request_id: id });
    expect(search.body).toEqual([]);
    const all = await get('requests.json', { api_key: otherKey });
    expect(all.body.map((r: any) => r.service_request_id)).not.toContain(id);
    expectErrors(
      await get('requests.json', { api_key: otherKey, jurisdiction_id: '621002001' }),
      403,
      /^jurisdiction_id: this credential may not read the requests of 621002001/,
    );
  });

  it("another street's key cannot report into this street; its own reports go to its own", async () => {
    expectErrors(
      await post('requests.json', parking({ api_key: otherKey, jurisdiction_id: '621002001' })),
      403,
      /^jurisdiction_id: this credential may not report in 621002001/,
    );
    const own = await post('requests.json', parking({ api_key: otherKey }));
    expect(own.status).toBe(201);
    expect(own.body[0].service_request_id).toMatch(/^620104001/);
    expectErrors(
      await get(`requests/${own.body[0].service_request_id}.json`, { api_key: appKey }),
      404,
      /was not found/,
    );
  });

  it('the same idempotency key of two streets is two reports', async () => {
    const key = newKey();
    const a = await post('requests.json', parking(), { 'Idempotency-Key': key });
    const b = await post('requests.json', parking({ api_key: otherKey }), {
      'Idempotency-Key': key,
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body[0].service_request_id).not.toBe(a.body[0].service_request_id);
  });

  it('requests are not public: an anonymous client reads none', async () => {
    expectErrors(await get('requests.json'), 403, /^api_key: service requests are not public here/);
    expectErrors(await get(`requests/${id}.json`), 403, /not public/);
  });

  it('a resident signed in reads only the requests they reported', async () => {
    const mine = await caseClient(p, A.tokens.RESIDENT).report({
      streetId: gid('Street', A.streetId),
      categoryId: gid('CaseCategory', C.category.parking),
      gridId: gid('Grid', A.ids.unit),
      title: '楼下车辆堵门',
      urgency: 'C',
    });
    expect(mine.body.data.reportCase.userErrors).toEqual([]);
    const res = await get('requests.json', {}).set('Authorization', `Bearer ${A.tokens.RESIDENT}`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: any) => r.service_request_id)).toEqual([
      mine.body.data.reportCase.case.number,
    ]);
    expect(res.body[0].description).toBe('楼下车辆堵门');
  });
});

describe('limits', () => {
  it('charges the caller’s GraphQL bucket: a request and each row in it cost a point', async () => {
    const available = async () =>
      (await p.gql<any>(`{ viewer { role } }`, {}, { as: { token: appKey } })).body.extensions.cost
        .throttleStatus.currentlyAvailable as number;
    const before = await available();
    const res = await get('requests.json', { api_key: appKey, status: 'closed' });
    const after = await available();
    // The answer and each request in it; the viewer query itself costs its object.
    const spent = before - after;
    expect(spent).toBeGreaterThanOrEqual(1 + res.body.length);
    expect(spent).toBeLessThanOrEqual(1 + res.body.length + 2);
  });

  it('refuses with 429 and Retry-After once the bucket is empty, in GeoReport form', async () => {
    const small = await p.startInstance({
      RATE_LIMIT_CAPACITY: '100',
      RATE_LIMIT_RESTORE_PER_SECOND: '0.01',
    });
    try {
      const http = request(small.app.http);
      // A search may hold 1000 requests: it asks for 1001 points up front.
      const res = await get('requests.json', { api_key: appKey }, http);
      expectErrors(res, 429, /^Rate limited: this request costs 1001 points and you have \d+ left/);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Cheap answers still go through, and GraphQL then finds the same bucket lower.
      expect((await get('services/traffic.illegal-parking.json', {}, http)).status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});

describe('the GraphQL API speaks of the same field', () => {
  it('reportCase takes a media URL and refuses one that is no http(s) URL', async () => {
    const client = caseClient(p, ADMIN_TOKEN);
    const base = {
      streetId: gid('Street', A.streetId),
      categoryId: gid('CaseCategory', C.category.parking),
      gridId: gid('Grid', A.ids.unit),
      title: '带照片链接',
      urgency: 'C',
    };
    const ok = await client.report({ ...base, mediaUrl: 'https://img.example.com/2.jpg' });
    expect(ok.body.data.reportCase.userErrors).toEqual([]);
    expect((await caseOf(ok.body.data.reportCase.case.number)).mediaUrl).toBe(
      'https://img.example.com/2.jpg',
    );
    const bad = await client.report({ ...base, mediaUrl: 'ftp://x' });
    expect(bad.body.data.reportCase.userErrors).toEqual([
      {
        field: ['input', 'mediaUrl'],
        message: 'The media URL is an http(s) URL.',
        code: 'INVALID',
      },
    ]);
  });
});
