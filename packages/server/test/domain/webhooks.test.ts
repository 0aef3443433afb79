/**
 * Webhooks end to end, on a real PostgreSQL and a real HTTP receiver on 127.0.0.1: a street's
 * events reach its endpoints (never another street's), signed as docs/realtime.md tells
 * integrators to check; a receiver that is down for a while gets every event once it is back;
 * deliveries can be sent again; an endpoint that keeps failing is disabled with a notice; and no
 * request goes to a private address unless the operator allows it. The job queue is driven by
 * moving waiting attempts' run_at to now, as the case-deadline tests move due times, instead of
 * waiting for the backoff.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  checkReceiverHost,
  nonPublicReason,
  parseReceiverUrl,
  pinnedLookup,
} from '../../src/domain/webhook/webhook-address';
import { webhookConsumer } from '../../src/domain/webhook/webhook-delivery';
import { sendDelivery } from '../../src/domain/webhook/webhook-sender';
import { retryDelaySeconds } from '../../src/domain/webhook/webhook.rules';
import { eventCursor } from '../../src/events/cursor';
import { gid, streetActors, type StreetActors } from '../actors';
import { ADMIN_TOKEN, startTestPlatform, type TestInstance, type TestPlatform } from '../harness';

// ---------------------------------------------------------------------------------------------
// What an integrator writes (docs/realtime.md, "Checking the signature")
// ---------------------------------------------------------------------------------------------

/** Whether `rawBody` came from Lianxin: a `v1` of `header` is HMAC-SHA256(secret, `${t}.${rawBody}`). */
function verifyLianxinSignature(
  rawBody: string,
  header: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.split('='));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

// ---------------------------------------------------------------------------------------------
// A receiver on 127.0.0.1
// ---------------------------------------------------------------------------------------------

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

class Receiver {
  private server?: Server;
  port = 0;
  /** What it answers: a status, or 'hang' (never answers). */
  answer: number | 'hang' = 204;
  readonly received: Received[] = [];

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = this.answer;
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: answer === 'hang' ? 0 : answer,
        });
        if (answer === 'hang') return;
        res.statusCode = answer;
        res.end(answer >= 400 ? 'not now' : '');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops listening: attempts meanwhile are refused (ECONNREFUSED). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Bodies received at `path` with a 2xx answer, parsed, with their headers. */
  accepted(path = '/hook') {
    return this.received
      .filter((r) => r.path === path && r.status >= 200 && r.status < 300)
      .map((r) => ({ ...r, json: JSON.parse(r.body) as DeliveryBody }));
  }
}

interface DeliveryBody {
  id: string;
  type: string;
  cursor: string;
  occurredAt: string;
  street: { id: string; code: string };
  subject: { type: string; id: string };
  payload: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Set-up
// ---------------------------------------------------------------------------------------------

let p: TestPlatform;
let A: StreetActors;
let B: StreetActors;
const receiver = new Receiver();
const STREET_A = '621002001';
const STREET_B = '620104001';

beforeAll(async () => {
  p = await startTestPlatform({
    env: {
      // The receivers of these tests live on 127.0.0.1.
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_TIMEOUT_MS: '2000',
      JOBS_POLL_INTERVAL_MS: '200',
    },
  });
  A = await streetActors(p, STREET_A);
  B = await streetActors(p, STREET_B);
  await receiver.start();
  p.app.relay.start();
  await p.app.jobs.start();
}, 60_000);

afterAll(async () => {
  await p?.app.jobs.stop();
  await receiver.stop();
  await p?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(
  what: string,
  check: () => Promise<T | false | null | undefined>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const as = (actors: StreetActors, role: keyof StreetActors['tokens']) => ({
  as: { token: actors.tokens[role] },
});

const ENDPOINT_FIELDS = `id url description eventTypes status disabledAt disabledCause disabledReason
  secretHint previousSecretExpiresAt consecutiveFailures failingSince lastSuccessAt createdAt`;
const DELIVERY_FIELDS = `id deliveryId eventId eventType eventCursor status attemptCount lastStatusCode
  lastError nextAttemptAt deliveredAt redeliveryOf { id } attempts { number statusCode error succeeded durationMs }`;

async function createEndpoint(
  input: Record<string, unknown>,
  opts: { as?: 'admin' | { token: string } } = {},
  client: (q: string, v: Record<string, unknown>) => Promise<{ body: any }> = (q, v) =>
    p.gql(q, v, opts),
) {
  const res = await client(
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
       endpoint { ${ENDPOINT_FIELDS} } secret userErrors { field message code } } }`,
    { input },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.createWebhookEndpoint as {
    endpoint: any;
    secret: string | null;
    userErrors: { field: string[]; message: string; code: string }[];
  };
}

async function endpointOk(input: Record<string, unknown>) {
  const made = await createEndpoint(input);
  expect(made.userErrors).toEqual([]);
  return made as { endpoint: any; secret: string };
}

async function endpoint(id: string, filter: Record<string, unknown> = {}): Promise<any> {
  const res = await p.gql<any>(
    `query($id: ID!, $filter: WebhookDeliveryFilterInput) { node(id: $id) { ... on WebhookEndpoint {
       ${ENDPOINT_FIELDS} deliveries(first: 100, filter: $filter) { totalCount nodes { ${DELIVERY_FIELDS} } } } } }`,
    { id, filter },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.node;
}

/** The endpoint's log once none of its deliveries waits for an attempt (its jobs committed). */
async function settled(id: string): Promise<any> {
  return until('the deliveries settled', async () => {
    const e = await endpoint(id);
    return e.deliveries.nodes.every((d: any) => d.status !== 'PENDING') && e;
  });
}

let codes = 0;
/** A change in a street: a new community grid, recorded as a `grid.created` event. */
async function gridIn(actors: StreetActors): Promise<{ id: string; code: string }> {
  codes++;
  const code = `${actors.code}${String(100 + codes).padStart(3, '0')}`;
  const res = await p.gql<any>(
    `mutation($input: CreateGridInput!) { createGrid(input: $input) { grid { id code } userErrors { message } } }`,
    {
      input: {
        streetId: gid('Street', actors.streetId),
        parentId: gid('Grid', actors.ids.root),
        code,
        name: `网格 ${code}`,
      },
    },
  );
  expect(res.body.data.createGrid.userErrors).toEqual([]);
  return res.body.data.createGrid.grid;
}

/** Moves every waiting delivery attempt's time to now, as if its backoff had passed. */
async function runDueNow(): Promise<void> {
  await p.db.query(
    `SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at := now())
     FROM graphile_worker.jobs WHERE task_identifier = 'webhook.deliver' AND locked_at IS NULL`,
  );
}

async function eventOf(type: string, subjectRowId: string) {
  const [row] = await p.db.query<{ id: string; txId: string }>(
    `SELECT id::text AS id, tx_id::text AS "txId" FROM domain_event WHERE type = $1 AND subject_id = $2`,
    [type, subjectRowId],
  );
  return row!;
}

const rowIdOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('registering an endpoint', () => {
  it('shows the secret once, and keeps only a hint of it', async () => {
    const made = await endpointOk({
      streetId: gid('Street', A.streetId),
      url: receiver.url('/registered'),
      eventTypes: ['case.*', 'grid.created', 'grid.created'],
      description: '  12345 热线  ',
    });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(made.endpoint).toMatchObject({
      url: receiver.url('/registered'),
      description: '12345 热线',
      eventTypes: ['case.*', 'grid.created'],
      status: 'ENABLED',
      disabledAt: null,
      secretHint: `whsec_…${made.secret.slice(-4)}`,
      consecutiveFailures: 0,
    });
    const again = await endpoint(made.endpoint.id);
    expect(JSON.stringify(again)).not.toContain(made.secret);
    expect(again.secretHint).toBe(made.endpoint.secretHint);
    const [row] = await p.db.query<{ type: string; payload: unknown }>(
      `SELECT type, payload FROM domain_event WHERE type = 'webhook_endpoint.created' AND subject_id = $1`,
      [rowIdOf(made.endpoint.id)],
    );
    // The event (and so the audit log) names the receiver's host, never its path or query.
    expect(row!.payload).toEqual({
      host: `127.0.0.1:${receiver.port}`,
      eventTypes: ['case.*', 'grid.created'],
    });
  });

  it('answers every bad input with a user error naming its field, and writes nothing', async () => {
    const before = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_endpoint`,
    );
    const cases: [Record<string, unknown>, { field: string[]; code: string; message: RegExp }[]][] =
      [
        [
          { url: 'not a url' },
          [{ field: ['input', 'url'], code: 'INVALID', message: /Not a URL/ }],
        ],
        [
          { url: 'ftp://example.com/x' },
          [{ field: ['input', 'url'], code: 'INVALID', message: /https:\/\// }],
        ],
        [
          { url: 'https://user:secret@example.com/x' },
          [{ field: ['input', 'url'], code: 'INVALID', message: /no user name or password/ }],
        ],
        [
          { url: '' },
          [{ field: ['input', 'url'], code: 'INVALID', message: /Give the receiver URL/ }],
        ],
        [
          { eventTypes: [] },
          [{ field: ['input', 'eventTypes'], code: 'REQUIRED', message: /at least one/ }],
        ],
        [
          { eventTypes: ['grid.created', 'grid.exploded'] },
          [
            {
              field: ['input', 'eventTypes', '1'],
              code: 'INVALID',
              message: /Unknown event type "grid.exploded"/,
            },
          ],
        ],
        [
          { eventTypes: ['parking.*'] },
          [
            {
              field: ['input', 'eventTypes', '0'],
              code: 'INVALID',
              message: /Unknown event type "parking.\*"/,
            },
          ],
        ],
        [
          { eventTypes: ['webhook_endpoint.created', 'webhook_delivery.*'] },
          [
            {
              field: ['input', 'eventTypes', '0'],
              code: 'INVALID',
              message: /webhook area's own events/,
            },
            {
              field: ['input', 'eventTypes', '1'],
              code: 'INVALID',
              message: /webhook area's own events/,
            },
          ],
        ],
        [
          { description: 'x'.repeat(501) },
          [{ field: ['input', 'description'], code: 'TOO_LONG', message: /500/ }],
        ],
        [
          { streetId: gid('Grid', A.ids.root) },
          [{ field: ['input', 'streetId'], code: 'INVALID', message: /Not the ID of a Street/ }],
        ],
        // Several problems at once, each with its field.
        [
          { url: 'nope', eventTypes: ['nope'] },
          [
            { field: ['input', 'eventTypes', '0'], code: 'INVALID', message: /Unknown event type/ },
            { field: ['input', 'url'], code: 'INVALID', message: /Not a URL/ },
          ],
        ],
      ];
    for (const [change, expected] of cases) {
      const made = await createEndpoint({
        streetId: gid('Street', A.streetId),
        url: receiver.url(),
        eventTypes: ['grid.*'],
        ...change,
      });
      expect({ change, endpoint: made.endpoint, secret: made.secret }).toEqual({
        change,
        endpoint: null,
        secret: null,
      });
      const sorted = [...made.userErrors].sort((a, b) =>
        a.field.join('.').localeCompare(b.field.join('.')),
      );
      expect(sorted).toEqual(
        expected.map((e) => ({
          field: e.field,
          code: e.code,
          message: expect.stringMatching(e.message),
        })),
      );
    }
    const after = await p.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_endpoint`,
    );
    expect(after).toEqual(before);
  });

  it('lists the event types an endpoint may take, without the webhook area’s own', async () => {
    const res = await p.gql<any>(
      `{ webhookEventTypes { name subject description } }`,
      {},
      as(A, 'STREET_ADMIN'),
    );
    const names = res.body.data.webhookEventTypes.map((t: { name: string }) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['grid.created', 'case.reported', 'person.updated']),
    );
    expect(names.filter((n: string) => n.startsWith('webhook'))).toEqual([]);
  });

  it("is for the street's administrators: others get FORBIDDEN and see no endpoint", async () => {
    const own = await createEndpoint(
      { streetId: gid('Street', A.streetId), url: receiver.url('/own'), eventTypes: ['grid.*'] },
      as(A, 'STREET_ADMIN'),
    );
    expect(own.userErrors).toEqual([]);
    for (const role of ['COMMUNITY_STAFF', 'GRID_WORKER', 'RESIDENT', 'INTEGRATION'] as const) {
      const res = await p.gql<any>(
        `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { code } } }`,
        {
          input: {
            streetId: gid('Street', A.streetId),
            url: receiver.url(),
            eventTypes: ['grid.*'],
          },
        },
        as(A, role),
      );
      expect({ role, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
        role,
        code: 'FORBIDDEN',
      });
      const list = await p.gql<any>(`{ webhookEndpoints { totalCount } }`, {}, as(A, role));
      expect({ role, list: list.body.data?.webhookEndpoints }).toEqual({
        role,
        list: { totalCount: 0 },
      });
      const node = await p.gql<any>(
        `query($id: ID!) { node(id: $id) { id } }`,
        { id: own.endpoint.id },
        as(A, role),
      );
      expect(node.body.data.node).toBeNull();
    }
    // Another street's administrator: cannot see it, and changing it answers like an unknown ID.
    const list = await p.gql<any>(`{ webhookEndpoints { totalCount } }`, {}, as(B, 'STREET_ADMIN'));
    expect(list.body.data.webhookEndpoints.totalCount).toBe(0);
    const res = await p.gql<any>(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } userErrors { field code } } }`,
      { input: { id: own.endpoint.id, description: 'mine now' } },
      as(B, 'STREET_ADMIN'),
    );
    expect(res.body.data.updateWebhookEndpoint).toEqual({
      endpoint: null,
      userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }],
    });
    const mine = await p.gql<any>(
      `{ webhookEndpoints { nodes { id } } }`,
      {},
      as(A, 'STREET_ADMIN'),
    );
    expect(mine.body.data.webhookEndpoints.nodes).toContainEqual({ id: own.endpoint.id });
  });
});

describe('deliveries', () => {
  let ep: { endpoint: any; secret: string };
  beforeAll(async () => {
    ep = await endpointOk({
      streetId: gid('Street', A.streetId),
      url: receiver.url('/a'),
      eventTypes: ['grid.*'],
    });
  });

  it("POSTs each of its street's events of its types, signed as docs/realtime.md checks, never another street's", async () => {
    // An endpoint of street B on the same receiver, to see where B's events go.
    const epB = await endpointOk({
      streetId: gid('Street', B.streetId),
      url: receiver.url('/b'),
      eventTypes: ['grid.created'],
    });
    const gridA = await gridIn(A);
    const gridB = await gridIn(B);
    const [a] = await until(
      'the delivery to A',
      async () => receiver.accepted('/a').length >= 1 && receiver.accepted('/a'),
    );
    const [b] = await until(
      'the delivery to B',
      async () => receiver.accepted('/b').length >= 1 && receiver.accepted('/b'),
    );

    const event = await eventOf('grid.created', rowIdOf(gridA.id));
    expect(a!.json).toEqual({
      id: event.id,
      type: 'grid.created',
      cursor: eventCursor(event),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      street: { id: A.streetId, code: STREET_A },
      subject: { type: 'Grid', id: rowIdOf(gridA.id) },
      payload: expect.objectContaining({ code: gridA.code, level: 'COMMUNITY' }),
    });
    expect(a!.headers).toMatchObject({
      'content-type': 'application/json',
      'lianxin-event-id': event.id,
      'lianxin-event-type': 'grid.created',
      'lianxin-delivery-attempt': '1',
    });
    expect(
      verifyLianxinSignature(a!.body, a!.headers['lianxin-signature'] as string, ep.secret),
    ).toBe(true);
    // A tampered body, another endpoint's secret, or an old timestamp do not verify.
    expect(
      verifyLianxinSignature(
        a!.body.replace(STREET_A, STREET_B),
        a!.headers['lianxin-signature'] as string,
        ep.secret,
      ),
    ).toBe(false);
    expect(
      verifyLianxinSignature(a!.body, a!.headers['lianxin-signature'] as string, epB.secret),
    ).toBe(false);
    expect(
      verifyLianxinSignature(a!.body, a!.headers['lianxin-signature'] as string, ep.secret, -1),
    ).toBe(false);

    expect(b!.json).toMatchObject({
      street: { id: B.streetId, code: STREET_B },
      subject: { id: rowIdOf(gridB.id) },
    });
    expect(
      verifyLianxinSignature(b!.body, b!.headers['lianxin-signature'] as string, epB.secret),
    ).toBe(true);
    // Street A's endpoint never got street B's event, nor B's A's.
    await sleep(500);
    expect(receiver.accepted('/a').map((r) => r.json.street.code)).toEqual([STREET_A]);
    expect(receiver.accepted('/b').map((r) => r.json.street.code)).toEqual([STREET_B]);

    const seen = await settled(ep.endpoint.id);
    expect(seen.lastSuccessAt).not.toBeNull();
    expect(seen.deliveries).toEqual({
      totalCount: 1,
      nodes: [
        expect.objectContaining({
          deliveryId: a!.headers['lianxin-delivery-id'],
          eventId: event.id,
          eventType: 'grid.created',
          eventCursor: eventCursor(event),
          status: 'DELIVERED',
          attemptCount: 1,
          lastStatusCode: 204,
          lastError: null,
          nextAttemptAt: null,
          deliveredAt: expect.any(String),
          redeliveryOf: null,
          attempts: [
            {
              number: 1,
              statusCode: 204,
              error: null,
              succeeded: true,
              durationMs: expect.any(Number),
            },
          ],
        }),
      ],
    });
  });

  it('never doubles a delivery when the relay hands a batch over again (a crash before its position moved)', async () => {
    const count = () =>
      p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_delivery`);
    const before = await count();
    await p.app.relay.stop();
    try {
      await p.db.query(`UPDATE event_consumer SET tx_id = '0', event_id = 0 WHERE name = $1`, [
        webhookConsumer.name,
      ]);
      while ((await p.app.relay.step(webhookConsumer)) > 0);
      expect(await count()).toEqual(before);
    } finally {
      p.app.relay.start();
    }
  });

  it('receives every event once it is back after being down for a while, with valid signatures', async () => {
    const down = await endpointOk({
      streetId: gid('Street', A.streetId),
      url: receiver.url('/down'),
      eventTypes: ['grid.created'],
    });
    receiver.answer = 500;
    const grids = [await gridIn(A), await gridIn(A), await gridIn(A)];
    const log = () => endpoint(down.endpoint.id);
    // First attempts: 500. Each delivery waits for its next attempt, with the error logged.
    await until('three failed first attempts', async () => {
      const e = await log();
      return (
        e.deliveries.nodes.length === 3 &&
        e.deliveries.nodes.every((d: any) => d.attemptCount === 1)
      );
    });
    let seen = await log();
    for (const d of seen.deliveries.nodes) {
      expect(d).toMatchObject({
        status: 'PENDING',
        lastStatusCode: 500,
        lastError: expect.stringMatching(/HTTP 500/),
      });
      // The backoff: the next attempt about 30 s later (the default base), not now.
      expect(Date.parse(d.nextAttemptAt) - Date.now()).toBeGreaterThan(20_000);
    }
    expect(seen).toMatchObject({
      consecutiveFailures: 3,
      failingSince: expect.any(String),
      status: 'ENABLED',
    });

    // Then the receiver is gone altogether: connections are refused.
    await receiver.stop();
    await runDueNow();
    await until('three refused second attempts', async () =>
      (await log()).deliveries.nodes.every((d: any) => d.attemptCount === 2),
    );
    seen = await log();
    for (const d of seen.deliveries.nodes) {
      expect(d).toMatchObject({
        status: 'PENDING',
        lastStatusCode: null,
        lastError: expect.stringMatching(/refused/),
      });
    }
    expect(
      p.logs.some(
        (l) =>
          l.msg ===
          'webhook delivery attempt failed (Connection refused: nothing listens at the receiver.); it is tried again later',
      ),
    ).toBe(true);

    // Back: every event arrives, each signed, each once.
    receiver.answer = 200;
    await receiver.start();
    await runDueNow();
    await until('every event delivered', async () => receiver.accepted('/down').length >= 3);
    await sleep(500);
    const got = receiver.accepted('/down');
    const events = await Promise.all(grids.map((g) => eventOf('grid.created', rowIdOf(g.id))));
    expect(got.map((r) => r.json.id).sort()).toEqual(events.map((e) => e.id).sort());
    for (const r of got) {
      expect(
        verifyLianxinSignature(r.body, r.headers['lianxin-signature'] as string, down.secret),
      ).toBe(true);
      expect(r.headers['lianxin-delivery-attempt']).toBe('3');
      expect(r.headers['lianxin-event-id']).toBe(r.json.id);
    }
    seen = await settled(down.endpoint.id);
    expect(seen).toMatchObject({ consecutiveFailures: 0, failingSince: null, status: 'ENABLED' });
    for (const d of seen.deliveries.nodes) {
      expect(d.status).toBe('DELIVERED');
      expect(d.attempts.map((a: any) => [a.number, a.statusCode, a.succeeded])).toEqual([
        [1, 500, false],
        [2, null, false],
        [3, 200, true],
      ]);
    }
  }, 60_000);

  it('sends a delivery again on request: a new delivery of the same event', async () => {
    const before = await endpoint(ep.endpoint.id);
    const first = before.deliveries.nodes.find((d: any) => d.status === 'DELIVERED');
    const redeliver = (id: string, opts = {}) =>
      p.gql<any>(
        `mutation($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) {
           delivery { ${DELIVERY_FIELDS} } userErrors { field message code } } }`,
        { input: { id } },
        opts,
      );
    // Not for another street's administrator, nor for anyone but administrators.
    for (const opts of [as(B, 'STREET_ADMIN'), as(B, 'DISTRICT_ADMIN')]) {
      const res = await redeliver(first.id, opts);
      expect(res.body.data.redeliverWebhookDelivery.userErrors).toEqual([
        { field: ['input', 'id'], message: 'No webhook delivery has this ID.', code: 'NOT_FOUND' },
      ]);
    }
    const forbidden = await redeliver(first.id, as(A, 'COMMUNITY_STAFF'));
    expect(forbidden.body.data.redeliverWebhookDelivery.userErrors[0].code).toBe('NOT_FOUND');

    const res = await redeliver(first.id, as(A, 'STREET_ADMIN'));
    const again = res.body.data.redeliverWebhookDelivery;
    expect(again.userErrors).toEqual([]);
    expect(again.delivery).toMatchObject({
      eventId: first.eventId,
      eventCursor: first.eventCursor,
      status: 'PENDING',
      attemptCount: 0,
      redeliveryOf: { id: first.id },
    });
    expect(again.delivery.deliveryId).not.toBe(first.deliveryId);
    const got = await until('the redelivery', async () =>
      receiver
        .accepted('/a')
        .find((r) => r.headers['lianxin-delivery-id'] === again.delivery.deliveryId),
    );
    expect(got.json.id).toBe(first.eventId);
    expect(got.headers['lianxin-event-id']).toBe(first.eventId);
    expect(
      verifyLianxinSignature(got.body, got.headers['lianxin-signature'] as string, ep.secret),
    ).toBe(true);
    // Both deliveries stay in the log; the receiver can tell them apart and drop the repeat.
    await settled(ep.endpoint.id);
    const after = await endpoint(ep.endpoint.id, { eventId: first.eventId });
    expect(after.deliveries.nodes.map((d: any) => [d.deliveryId, d.status])).toEqual([
      [again.delivery.deliveryId, 'DELIVERED'],
      [first.deliveryId, 'DELIVERED'],
    ]);
  });

  it('signs with both secrets for a while after a rotation', async () => {
    const res = await p.gql<any>(
      `mutation($input: RotateWebhookEndpointSecretInput!) { rotateWebhookEndpointSecret(input: $input) {
         endpoint { secretHint previousSecretExpiresAt } secret userErrors { field code } } }`,
      { input: { id: ep.endpoint.id, keepPreviousHours: 2 } },
    );
    const rotated = res.body.data.rotateWebhookEndpointSecret;
    expect(rotated.userErrors).toEqual([]);
    expect(rotated.secret).not.toBe(ep.secret);
    expect(rotated.endpoint.secretHint).toBe(`whsec_…${rotated.secret.slice(-4)}`);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(
      3600_000,
    );
    const bad = await p.gql<any>(
      `mutation($input: RotateWebhookEndpointSecretInput!) { rotateWebhookEndpointSecret(input: $input) { secret userErrors { field code } } }`,
      { input: { id: ep.endpoint.id, keepPreviousHours: 500 } },
    );
    expect(bad.body.data.rotateWebhookEndpointSecret).toEqual({
      secret: null,
      userErrors: [{ field: ['input', 'keepPreviousHours'], code: 'INVALID' }],
    });

    const grid = await gridIn(A);
    const event = await eventOf('grid.created', rowIdOf(grid.id));
    const got = await until('a delivery after the rotation', async () =>
      receiver.accepted('/a').find((r) => r.json.id === event.id),
    );
    const header = got.headers['lianxin-signature'] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyLianxinSignature(got.body, header, rotated.secret)).toBe(true);
    expect(verifyLianxinSignature(got.body, header, ep.secret)).toBe(true);
    ep.secret = rotated.secret;
  });

  it('lets an administrator change, disable, enable and delete an endpoint; a disabled one gets nothing', async () => {
    const update = await p.gql<any>(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) {
         endpoint { url eventTypes description } userErrors { field message code } } }`,
      { input: { id: ep.endpoint.id, url: 'gopher://x', eventTypes: ['nope'] } },
    );
    expect(update.body.data.updateWebhookEndpoint.userErrors.map((e: any) => e.field)).toEqual([
      ['input', 'eventTypes', '0'],
      ['input', 'url'],
    ]);
    const changed = await p.gql<any>(
      `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) {
         endpoint { url eventTypes description } userErrors { field message code } } }`,
      {
        input: {
          id: ep.endpoint.id,
          eventTypes: ['grid.*', 'person.created'],
          description: '网格同步',
        },
      },
    );
    expect(changed.body.data.updateWebhookEndpoint).toEqual({
      endpoint: {
        url: receiver.url('/a'),
        eventTypes: ['grid.*', 'person.created'],
        description: '网格同步',
      },
      userErrors: [],
    });

    const disable = await p.gql<any>(
      `mutation($input: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $input) {
         endpoint { status disabledCause disabledReason disabledAt } userErrors { field code } } }`,
      { input: { id: ep.endpoint.id, reason: '系统迁移' } },
      as(A, 'STREET_ADMIN'),
    );
    expect(disable.body.data.disableWebhookEndpoint).toEqual({
      endpoint: {
        status: 'DISABLED',
        disabledCause: 'ADMINISTRATOR',
        disabledReason: 'Disabled by an administrator: 系统迁移',
        disabledAt: expect.any(String),
      },
      userErrors: [],
    });
    // Whatever was still on its way to it has arrived.
    await until(
      'no delivery waiting',
      async () =>
        (await endpoint(ep.endpoint.id, { status: 'PENDING' })).deliveries.totalCount === 0,
    );
    const n = receiver.accepted('/a').length;
    const grid = await gridIn(A);
    const event = await eventOf('grid.created', rowIdOf(grid.id));
    // The relay has handed the event over once a later change of B reaches B's endpoint.
    const later = await gridIn(B);
    const laterEvent = await eventOf('grid.created', rowIdOf(later.id));
    await until('a later event delivered', async () =>
      receiver.accepted('/b').some((r) => r.json.id === laterEvent.id),
    );
    await sleep(300);
    expect(receiver.accepted('/a')).toHaveLength(n);
    const none = await p.db.query(
      `SELECT 1 FROM webhook_delivery WHERE event_id = $1 AND endpoint_id = $2`,
      [event.id, rowIdOf(ep.endpoint.id)],
    );
    expect(none).toEqual([]);
    // No delivery of the webhook area's own events, ever.
    expect(
      await p.db.query(`SELECT event_type FROM webhook_delivery WHERE event_type LIKE 'webhook%'`),
    ).toEqual([]);

    const enable = await p.gql<any>(
      `mutation($input: WebhookEndpointIdInput!) { enableWebhookEndpoint(input: $input) { endpoint { status disabledReason } userErrors { code } } }`,
      { input: { id: ep.endpoint.id } },
    );
    expect(enable.body.data.enableWebhookEndpoint).toEqual({
      endpoint: { status: 'ENABLED', disabledReason: null },
      userErrors: [],
    });
    const twice = await p.gql<any>(
      `mutation($input: WebhookEndpointIdInput!) { enableWebhookEndpoint(input: $input) { userErrors { field code } } }`,
      { input: { id: ep.endpoint.id } },
    );
    expect(twice.body.data.enableWebhookEndpoint.userErrors).toEqual([
      { field: ['input', 'id'], code: 'ILLEGAL_TRANSITION' },
    ]);

    const del = await p.gql<any>(
      `mutation($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { code } } }`,
      { input: { id: ep.endpoint.id } },
    );
    expect(del.body.data.deleteWebhookEndpoint).toEqual({
      deletedEndpointId: ep.endpoint.id,
      userErrors: [],
    });
    expect(
      await p.db.query(`SELECT 1 FROM webhook_delivery WHERE endpoint_id = $1`, [
        rowIdOf(ep.endpoint.id),
      ]),
    ).toEqual([]);
    const gone = await p.gql<any>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: ep.endpoint.id,
    });
    expect(gone.body.data.node).toBeNull();
    const types = await p.db.query<{ type: string }>(
      `SELECT type FROM domain_event WHERE subject_type = 'WebhookEndpoint' AND subject_id = $1 ORDER BY tx_id, id`,
      [rowIdOf(ep.endpoint.id)],
    );
    expect(types.map((t) => t.type)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.secret_rotated',
      'webhook_endpoint.updated',
      'webhook_endpoint.disabled',
      'webhook_endpoint.enabled',
      'webhook_endpoint.deleted',
    ]);
  });
});

describe('an endpoint that keeps failing', () => {
  let strict: TestInstance;
  beforeAll(async () => {
    // Its jobs are run by an instance that disables after 3 failures in a row, at once.
    await p.app.jobs.stop();
    strict = await p.startInstance({
      JOBS_ENABLED: 'true',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      WEBHOOK_DISABLE_AFTER_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await strict.stop();
    await p.app.jobs.start();
  });

  it('is disabled with a notice saying why and since when; its waiting deliveries are cancelled', async () => {
    const dead = new Receiver();
    await dead.start();
    const url = dead.url('/dead');
    await dead.stop(); // nothing listens there
    const made = await endpointOk({
      streetId: gid('Street', A.streetId),
      url,
      eventTypes: ['grid.created'],
    });
    await gridIn(A);
    await gridIn(A);
    const log = () => endpoint(made.endpoint.id);
    await until('two failed attempts', async () => (await log()).consecutiveFailures >= 2);
    let seen = await log();
    expect(seen.status).toBe('ENABLED');
    await runDueNow();
    seen = await until('the endpoint disabled', async () => {
      const e = await log();
      return e.status === 'DISABLED' && e;
    });
    expect(seen).toMatchObject({
      disabledCause: 'FAILURES',
      disabledAt: expect.any(String),
      disabledReason: expect.stringMatching(
        /^Disabled after 3 failed attempts in a row since \d{4}-\d\d-\d\dT[\d:.]+Z; the last: Connection refused/,
      ),
    });
    // Whatever was still waiting is cancelled, with the reason.
    await sleep(300);
    seen = await log();
    const states = seen.deliveries.nodes.map((d: any) => d.status).sort();
    expect(states.filter((s: string) => s === 'PENDING')).toEqual([]);
    expect(states).toContain('CANCELLED');
    for (const d of seen.deliveries.nodes.filter((x: any) => x.status === 'CANCELLED')) {
      expect(d.lastError).toMatch(/the endpoint was disabled/);
      expect(d.nextAttemptAt).toBeNull();
    }
    const [event] = await p.db.query<{ payload: { cause: string; failures: number } }>(
      `SELECT payload FROM domain_event WHERE type = 'webhook_endpoint.disabled' AND subject_id = $1`,
      [rowIdOf(made.endpoint.id)],
    );
    expect(event!.payload).toMatchObject({ cause: 'FAILURES', failures: 3 });
    expect(p.logs.some((l) => l.msg === 'webhook endpoint disabled after repeated failures')).toBe(
      true,
    );
    // Redelivering to a disabled endpoint is refused until it is enabled.
    const res = await p.gql<any>(
      `mutation($input: RedeliverWebhookDeliveryInput!) { redeliverWebhookDelivery(input: $input) { userErrors { code message } } }`,
      { input: { id: seen.deliveries.nodes[0].id } },
    );
    expect(res.body.data.redeliverWebhookDelivery.userErrors).toEqual([
      { code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/enable it/) },
    ]);
  }, 60_000);
});

describe('no requests to private networks unless the operator allows them', () => {
  let strict: TestInstance;
  let client: ReturnType<typeof request>;
  beforeAll(async () => {
    await p.app.jobs.stop();
    strict = await p.startInstance({
      JOBS_ENABLED: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
      WEBHOOK_ALLOW_HTTP: 'true',
    });
    client = request(strict.app.http);
  });
  afterAll(async () => {
    await strict.stop();
    await p.app.jobs.start();
  });

  const viaStrict = (q: string, v: Record<string, unknown>) =>
    client
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ query: q, variables: v });

  it.each([
    ['http://127.0.0.1/hook', /address 127\.0\.0\.1 is a loopback address/],
    ['https://127.1.2.3:8443/hook', /127\.1\.2\.3 is a loopback address/],
    ['https://2130706433/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://0x7f.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://[::1]/hook', /::1 is a loopback address/],
    ['https://[::ffff:127.0.0.1]/hook', /IPv4-mapped form of 127\.0\.0\.1, a loopback address/],
    ['https://[fe80::1]/hook', /link-local/],
    ['https://[fd00::1]/hook', /unique local/],
    ['https://169.254.169.254/latest/meta-data/', /link-local/],
    ['https://10.0.0.8/hook', /a private address/],
    ['https://192.168.1.1/hook', /a private address/],
    ['https://100.64.1.1/hook', /carrier-grade NAT/],
    ['https://0.0.0.0/hook', /unspecified/],
    ['https://localhost/hook', /host localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])('refuses to register %s, saying why', async (url, reason) => {
    const made = await createEndpoint(
      { streetId: gid('Street', A.streetId), url, eventTypes: ['grid.created'] },
      {},
      viaStrict,
    );
    expect(made.endpoint).toBeNull();
    expect(made.userErrors).toEqual([
      { field: ['input', 'url'], code: 'INVALID', message: expect.stringMatching(reason) },
    ]);
  });

  it('fails a delivery to a private address with a logged reason, and sends nothing', async () => {
    // Registered while the operator allowed it (the main instance); delivered by one that does not.
    const local = new Receiver();
    await local.start();
    try {
      const made = await endpointOk({
        streetId: gid('Street', A.streetId),
        url: local.url('/private'),
        eventTypes: ['grid.created'],
      });
      await gridIn(A);
      const seen = await until('a failed attempt', async () => {
        const e = await endpoint(made.endpoint.id);
        return e.deliveries.nodes[0]?.attemptCount === 1 && e;
      });
      expect(seen.deliveries.nodes[0]).toMatchObject({
        status: 'PENDING',
        lastStatusCode: null,
        lastError:
          "The receiver's address 127.0.0.1 is a loopback address; receivers must be on the public internet.",
      });
      expect(local.received).toEqual([]);
      expect(
        p.logs.some(
          (l) =>
            l.level === 40 &&
            l.deliveryId === seen.deliveries.nodes[0].deliveryId &&
            /127\.0\.0\.1 is a loopback address/.test(String(l.reason)),
        ),
      ).toBe(true);
    } finally {
      await local.stop();
    }
  });
});

describe('the address rules', () => {
  const strictRules = { allowPrivateNetworks: false, allowHttp: true };

  it('judges addresses as public or not, IPv4 and IPv6, mapped and NAT64 forms by the IPv4 inside', () => {
    expect(nonPublicReason('8.8.8.8')).toBeNull();
    expect(nonPublicReason('2606:4700:4700::1111')).toBeNull();
    expect(nonPublicReason('::ffff:8.8.8.8')).toBeNull();
    expect(nonPublicReason('64:ff9b::10.0.0.1')).toMatch(
      /NAT64 form of 10\.0\.0\.1, a private address/,
    );
    expect(nonPublicReason('::ffff:7f00:1')).toMatch(/loopback/);
    expect(nonPublicReason('172.31.0.1')).toMatch(/private/);
    expect(nonPublicReason('172.32.0.1')).toBeNull();
    expect(nonPublicReason('224.0.0.251')).toMatch(/multicast/);
    expect(nonPublicReason('ff02::1')).toMatch(/multicast/);
    expect(nonPublicReason('2001:db8::1')).toMatch(/documentation/);
    expect(nonPublicReason('::')).toMatch(/unspecified/);
  });

  it('judges a name by the addresses it resolves to, and pins the connection to the one judged', async () => {
    await expect(
      checkReceiverHost(parseReceiverUrl('http://localhost:1/', strictRules), strictRules),
    ).rejects.toThrow(/resolves to .*loopback/);
    const lookup = pinnedLookup({ address: '203.0.114.7', family: 4 });
    const one = await new Promise((resolve) =>
      lookup('rebound.example', {}, (_e, a, f) => resolve([a, f])),
    );
    expect(one).toEqual(['203.0.114.7', 4]);
    const all = await new Promise((resolve) =>
      lookup('rebound.example', { all: true }, (_e, a) => resolve(a)),
    );
    expect(all).toEqual([{ address: '203.0.114.7', family: 4 }]);
  });

  it('sends nothing to a name that resolves to a private address', async () => {
    const local = new Receiver();
    await local.start();
    try {
      const outcome = await sendDelivery(`http://localhost:${local.port}/x`, {}, '{}', {
        ...strictRules,
        timeoutMs: 1000,
      });
      expect(outcome).toMatchObject({
        ok: false,
        statusCode: null,
        error: expect.stringMatching(/resolves to .*loopback/),
      });
      expect(local.received).toEqual([]);
    } finally {
      await local.stop();
    }
  });

  it('gives up an attempt after its time limit, and follows no redirect', async () => {
    const slow = new Receiver();
    slow.answer = 'hang';
    await slow.start();
    try {
      const rules = { allowPrivateNetworks: true, allowHttp: true, timeoutMs: 300 };
      const hung = await sendDelivery(slow.url(), {}, '{}', rules);
      expect(hung).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'Timed out after 300 ms without a response.',
      });
      expect(hung.durationMs).toBeLessThan(2000);
      slow.answer = 302;
      const moved = await sendDelivery(slow.url(), {}, '{}', rules);
      expect(moved).toMatchObject({
        ok: false,
        statusCode: 302,
        error: expect.stringMatching(/redirects are not followed/),
      });
    } finally {
      await slow.stop();
    }
  });

  it('backs off exponentially, over hours, at most 8 hours apart', () => {
    const fixed = () => 0.5;
    const waits = Array.from({ length: 11 }, (_, i) => retryDelaySeconds(i + 1, 30, fixed));
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 28800]);
    expect(waits.reduce((a, b) => a + b, 0) / 3600).toBeGreaterThan(16);
    expect(retryDelaySeconds(3, 30, () => 0)).toBe(108);
    expect(retryDelaySeconds(3, 30, () => 1)).toBe(132);
  });
});
