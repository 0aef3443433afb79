import { GraphQLError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import WebSocket from 'ws';
import type { Outcome, PipelineOperation, Via } from '../../src/graphql/pipeline/hooks';
import { RawJsonValue } from '../../src/graphql/pipeline/raw-json';
import { gid } from '../actors';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';

/**
 * One list of request hooks runs for every operation, whatever way it came in: Apollo over HTTP,
 * the direct lane, and WebSocket. A hook sees direct reads' JSON text as typed values.
 */
let p: TestPlatform;
let seen: { via: Via; name?: string; outcome?: Outcome }[];

beforeAll(async () => {
  p = await startTestPlatform();
  p.app.pipeline.add({
    name: 'test',
    willExecute(op: PipelineOperation) {
      const name = op.operation.name?.value;
      seen.push({ via: op.via, name });
      if (name === 'Refused')
        throw new GraphQLError('Refused by a hook.', { extensions: { code: 'FORBIDDEN' } });
    },
    didExecute(op: PipelineOperation, outcome: Outcome) {
      seen.push({ via: op.via, name: op.operation.name?.value, outcome });
      return { hooked: op.operation.name?.value ?? true };
    },
  });
});
afterAll(() => p.stop());
beforeEach(() => (seen = []));

const page = `query Page($n: Int) { grids(first: $n) { totalCount nodes { code name } } }`;

function post(body: unknown) {
  return request(p.app.http)
    .post('/graphql')
    .set('Content-Type', 'application/json')
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send(JSON.stringify(body));
}

function ws(): Client {
  return createClient({
    url: p.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
    retryAttempts: 0,
    lazy: true,
  });
}

function run(c: Client, query: string, variables?: Record<string, unknown>) {
  return new Promise<{ data?: any; errors?: any; extensions?: any }>((resolve, reject) => {
    let result: { data?: any; errors?: any } = {};
    c.subscribe(
      { query, variables },
      {
        next: (r) => (result = r as typeof result),
        error: (e) => (Array.isArray(e) ? resolve({ errors: e }) : reject(e)),
        complete: () => resolve(result),
      },
    );
  });
}

describe('the request pipeline', () => {
  it('runs the same hooks for Apollo, the direct lane and WebSocket', async () => {
    const body = { query: page, variables: { n: 3 } };
    const ordinary = await post(body);
    const lane = await post(body);
    const c = ws();
    let socket: Awaited<ReturnType<typeof run>>;
    try {
      socket = await run(c, page, { n: 3 });
    } finally {
      await c.dispose();
    }
    expect(seen.map((s) => [s.via, s.name, s.outcome?.executed])).toEqual([
      ['http', 'Page', undefined],
      ['http', 'Page', true],
      ['lane', 'Page', undefined],
      ['lane', 'Page', true],
      ['ws', 'Page', undefined],
      ['ws', 'Page', true],
    ]);
    // Every way answers the same data, with what the hooks added.
    expect(lane.text).toBe(ordinary.text);
    expect(socket.data).toEqual(ordinary.body.data);
    for (const res of [ordinary.body, lane.body, socket])
      expect(res.extensions).toMatchObject({ hooked: 'Page', cost: expect.any(Object) });
    // A direct read's data is a typed value, never a placeholder string; WebSocket gets objects.
    const [http, viaLane, viaWs] = [1, 3, 5].map((i) => seen[i]!.outcome!.data!);
    for (const data of [http, viaLane]) {
      expect(data.grids).toBeInstanceOf(RawJsonValue);
      expect(JSON.parse((data.grids as RawJsonValue).text)).toEqual(ordinary.body.data.grids);
    }
    expect(viaWs.grids).toEqual(ordinary.body.data.grids);
  });

  it('lets a hook refuse an operation on every transport', async () => {
    const refused = `query Refused { grids(first: 1) { totalCount } }`;
    const first = await post({ query: refused });
    const again = await post({ query: refused });
    const c = ws();
    let socket: Awaited<ReturnType<typeof run>>;
    try {
      socket = await run(c, refused);
    } finally {
      await c.dispose();
    }
    for (const res of [first.body, again.body, socket])
      expect(res.errors[0]).toMatchObject({
        message: 'Refused by a hook.',
        extensions: { code: 'FORBIDDEN' },
      });
    // Refused before executing: no hook was told it ran.
    expect(seen.every((s) => !s.outcome?.executed)).toBe(true);
    expect(seen.map((s) => s.via)).toEqual(['http', 'http', 'ws']);
  });

  it('tells the hooks a lane request it handed on did not run, and Apollo runs it again', async () => {
    const text = `query Handed($s: ID!) { grids(first: 2, filter: { streetId: $s }) { totalCount } }`;
    await post({ query: text, variables: { s: gid('Street', '621002001') } });
    seen = [];
    // The lane knows the text; a wrong ID makes its read decline, and Apollo explains.
    const res = await post({ query: text, variables: { s: gid('Grid', '1') } });
    expect(res.body.errors[0].message).toBe('"filter.streetId" is not the ID of a Street.');
    expect(seen.map((s) => [s.via, s.outcome?.executed])).toEqual([
      ['lane', undefined],
      ['lane', false],
      ['http', undefined],
      ['http', true],
    ]);
  });
});

describe('the one body reader', () => {
  /** Sent as it is (supertest would re-encode a Buffer). */
  const send = (body: string | Buffer, headers: Record<string, string>) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: (p.app.http.address() as AddressInfo).port,
          path: '/graphql',
          method: 'POST',
          headers,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const json = { 'Content-Type': 'application/json' };

  it('takes compressed and UTF-8 bodies, and refuses other encodings and charsets', async () => {
    const query = JSON.stringify({ query: '{ __typename }' });
    const gzipped = await send(gzipSync(query), { ...json, 'Content-Encoding': 'gzip' });
    expect(gzipped.body).toMatchObject({ data: { __typename: 'Query' } });
    const utf8 = await send(query, { 'Content-Type': 'application/json; charset=UTF-8' });
    expect(utf8.body).toMatchObject({ data: { __typename: 'Query' } });
    const latin1 = await send(query, { 'Content-Type': 'application/json; charset=latin1' });
    expect([latin1.status, latin1.body.errors[0].extensions.code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const zstd = await send(query, { ...json, 'Content-Encoding': 'zstd' });
    expect([zstd.status, zstd.body.errors[0].extensions.code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const notGzip = await send(query, { ...json, 'Content-Encoding': 'gzip' });
    expect([notGzip.status, notGzip.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
  });

  it('counts the limit after decompression', async () => {
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` });
    const res = await send(gzipSync(big), { ...json, 'Content-Encoding': 'gzip' });
    expect([res.status, res.body.errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
