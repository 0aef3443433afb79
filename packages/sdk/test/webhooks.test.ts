/**
 * `verifyWebhook` against what a real server sends: a platform with its event relay and job
 * runner delivers to a receiver on 127.0.0.1, and the helper must accept those deliveries as they
 * arrived and refuse them once anything is changed — the body, the secret, the time.
 */
import { createHmac } from 'node:crypto';
import { caseEvents } from '../../server/src/domain/case/case.events';
import { gid, streetActors, type StreetActors } from '../../server/test/actors';
import { caseActors, type CaseActors } from '../../server/test/cases';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../../server/test/harness';
import {
  LOCAL_WEBHOOKS_ENV,
  startWebhookReceiver,
  type Delivery,
  type WebhookReceiver,
} from '../../server/test/webhook-receiver';
import {
  CASE_EVENT_TYPES,
  createClient,
  CreateGridDocument,
  CreateWebhookEndpointDocument,
  isCaseEvent,
  isWebhookEventOfType,
  ReportCaseDocument,
  RotateWebhookEndpointSecretDocument,
  verifyWebhook,
  WebhookVerificationError,
  type LianxinClient,
  type WebhookVerificationReason,
} from '../src';
import * as webhooksEntry from '../src/webhooks';

let p: TestPlatform;
let A: StreetActors;
let C: CaseActors;
let client: LianxinClient;
let receiver: WebhookReceiver;

beforeAll(async () => {
  p = await startTestPlatform({ env: LOCAL_WEBHOOKS_ENV });
  A = await streetActors(p, '621002001');
  C = await caseActors(p, A);
  client = createClient({ url: p.url, token: ADMIN_TOKEN });
  receiver = await startWebhookReceiver();
  p.app.relay.start();
  await p.app.jobs.start();
}, 60_000);

afterAll(async () => {
  await p?.app.jobs.stop();
  await receiver?.close();
  await p?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first delivery (from now on) of an event of `type` whose payload matches `match`. */
async function deliveryOf(type: string, since: number, ms = 20_000): Promise<Delivery> {
  const end = Date.now() + ms;
  for (;;) {
    const hit = receiver.received
      .slice(since)
      .find((d) => d.headers['lianxin-event-type'] === type);
    if (hit) return hit;
    if (Date.now() > end) throw new Error(`no ${type} delivery within ${ms} ms`);
    await sleep(100);
  }
}

let grids = 0;
async function newGrid(): Promise<string> {
  grids++;
  const code = `${A.code}${String(200 + grids).padStart(3, '0')}`;
  const made = await client.request(CreateGridDocument, {
    input: {
      streetId: gid('Street', A.streetId),
      parentId: gid('Grid', A.ids.root),
      code,
      name: `网格 ${code}`,
    },
  });
  expect(made.createGrid.userErrors).toEqual([]);
  return code;
}

function reasonOf(fn: () => unknown): WebhookVerificationReason | string {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return 'accepted';
}

/** `header`'s timestamp, and the body signed with `secret` at time `t`. */
const sign = (secret: string, t: number, body: Buffer | string) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body.toString()}`).digest('hex')}`;

let secret: string;
let endpointId: string;

describe('verifyWebhook and a real delivery', () => {
  it('accepts what the server sends, and returns the event typed by its type', async () => {
    const made = await client.request(CreateWebhookEndpointDocument, {
      input: {
        streetId: gid('Street', A.streetId),
        url: receiver.url,
        eventTypes: ['grid.created', 'case.reported'],
      },
    });
    expect(made.createWebhookEndpoint.userErrors).toEqual([]);
    secret = made.createWebhookEndpoint.secret!;
    endpointId = made.createWebhookEndpoint.endpoint!.id;

    const since = receiver.received.length;
    const code = await newGrid();
    const delivery = await deliveryOf('grid.created', since);
    expect(delivery.headers['lianxin-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // As Node hands the headers over, and as fetch (`Headers`) does; the body as bytes or text.
    const event = verifyWebhook(secret, delivery.headers, delivery.body);
    expect(event).toMatchObject({
      id: delivery.headers['lianxin-event-id'],
      type: 'grid.created',
      street: { id: A.streetId, code: A.code },
      subject: { type: 'Grid' },
    });
    expect(event.payload).toMatchObject({ code });
    const fetchHeaders = new Headers(delivery.headers as Record<string, string>);
    expect(verifyWebhook(secret, fetchHeaders, delivery.body.toString('utf8'))).toEqual(event);
    // The subpath entry (`@lianxin/sdk/webhooks`) is the same function.
    expect(webhooksEntry.verifyWebhook(secret, delivery.headers, delivery.body)).toEqual(event);
  });

  it('types a case event by its type, with the payload the server sends', async () => {
    const since = receiver.received.length;
    const reported = await client.request(ReportCaseDocument, {
      input: {
        streetId: gid('Street', A.streetId),
        categoryId: gid('CaseCategory', C.category.parking),
        gridId: gid('Grid', A.ids.unit),
        title: '车辆乱停乱放 占用消防通道',
        urgency: 'B',
        externalReference: 'WH-1',
      },
    });
    expect(reported.reportCase.userErrors).toEqual([]);
    const delivery = await deliveryOf('case.reported', since);
    const event = verifyWebhook(secret, delivery.headers, delivery.body);
    expect(isCaseEvent(event)).toBe(true);
    if (!isWebhookEventOfType(event, 'case.reported')) throw new Error('not case.reported');
    // Typed: these reads compile only because the type says what a case.reported carries.
    const { number, to, urgency, externalRef, gridId } = event.payload;
    expect({ number, to, urgency, externalRef, gridId }).toEqual({
      number: reported.reportCase.case!.number,
      to: 'REPORTED',
      urgency: 'B',
      externalRef: 'WH-1',
      gridId: A.ids.unit,
    });
    // The type lists every field the server sends, and no other.
    expect(Object.keys(event.payload).sort()).toEqual(
      [
        'number',
        'from',
        'to',
        'version',
        'categoryId',
        'categoryVersion',
        'source',
        'urgency',
        'gridId',
        'dueAt',
        'externalRef',
      ].sort(),
    );
  });

  it('names every case event type of the server’s catalogue', () => {
    const server = caseEvents.map((e) => e.name).filter((name) => name.startsWith('case.'));
    expect([...CASE_EVENT_TYPES].sort()).toEqual(server.sort());
  });

  it('refuses a changed body, a wrong secret, an old or future timestamp, a bad header', async () => {
    const since = receiver.received.length;
    await newGrid();
    const d = await deliveryOf('grid.created', since);
    const header = d.headers['lianxin-signature'] as string;
    const t = Number(/t=(\d+)/.exec(header)![1]);
    const withHeader = (value: string | undefined) => ({
      ...d.headers,
      'lianxin-signature': value,
    });
    const changed = Buffer.from(d.body.toString().replace('"grid.created"', '"grid.archived"'));

    expect(reasonOf(() => verifyWebhook(secret, d.headers, d.body))).toBe('accepted');
    expect(reasonOf(() => verifyWebhook(secret, d.headers, changed))).toBe('SIGNATURE_MISMATCH');
    expect(
      reasonOf(() => verifyWebhook(secret, d.headers, Buffer.concat([d.body, Buffer.from(' ')]))),
    ).toBe('SIGNATURE_MISMATCH');
    expect(reasonOf(() => verifyWebhook(`${secret}x`, d.headers, d.body))).toBe(
      'SIGNATURE_MISMATCH',
    );
    expect(reasonOf(() => verifyWebhook('whsec_another', d.headers, d.body))).toBe(
      'SIGNATURE_MISMATCH',
    );
    // The real delivery checked 6 minutes later (a replay), or by a receiver whose clock is behind.
    const later = new Date((t + 360) * 1000);
    expect(reasonOf(() => verifyWebhook(secret, d.headers, d.body, { now: later }))).toBe(
      'TIMESTAMP_TOO_OLD',
    );
    expect(
      reasonOf(() =>
        verifyWebhook(secret, d.headers, d.body, { now: later, toleranceSeconds: 600 }),
      ),
    ).toBe('accepted');
    expect(
      reasonOf(() => verifyWebhook(secret, d.headers, d.body, { now: new Date((t - 360) * 1000) })),
    ).toBe('TIMESTAMP_IN_FUTURE');
    // An old time put in place of the real one breaks the signature; signed anew with the secret
    // (what only Lianxin can do) it is merely too old.
    expect(
      reasonOf(() =>
        verifyWebhook(secret, withHeader(header.replace(`t=${t}`, `t=${t - 3600}`)), d.body),
      ),
    ).toBe('SIGNATURE_MISMATCH');
    expect(
      reasonOf(() => verifyWebhook(secret, withHeader(sign(secret, t - 3600, d.body)), d.body)),
    ).toBe('TIMESTAMP_TOO_OLD');

    expect(reasonOf(() => verifyWebhook(secret, withHeader(undefined), d.body))).toBe(
      'MISSING_HEADER',
    );
    for (const bad of [
      'v1=abc',
      `t=${t}`,
      `t=soon,v1=${'0'.repeat(64)}`,
      `t=${t},v1=xyz`,
      'junk',
    ]) {
      expect(reasonOf(() => verifyWebhook(secret, withHeader(bad), d.body))).toBe(
        'MALFORMED_HEADER',
      );
    }
    const notJson = 'OK';
    const now = Math.floor(Date.now() / 1000);
    expect(
      reasonOf(() => verifyWebhook(secret, withHeader(sign(secret, now, notJson)), notJson)),
    ).toBe('BODY_NOT_JSON');
    const error = (() => {
      try {
        verifyWebhook(secret, d.headers, changed);
      } catch (e) {
        return e as WebhookVerificationError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error!.message).toMatch(/body was changed, or it was signed with another secret/);
    expect(() => verifyWebhook('', d.headers, d.body)).toThrow(TypeError);
  });

  it('accepts either secret while the server signs with both after a rotation', async () => {
    const rotated = await client.request(RotateWebhookEndpointSecretDocument, {
      input: { id: endpointId, keepPreviousHours: 1 },
    });
    expect(rotated.rotateWebhookEndpointSecret.userErrors).toEqual([]);
    const next = rotated.rotateWebhookEndpointSecret.secret!;
    expect(next).not.toBe(secret);

    const since = receiver.received.length;
    await newGrid();
    const d = await deliveryOf('grid.created', since);
    expect(d.headers['lianxin-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(reasonOf(() => verifyWebhook(next, d.headers, d.body))).toBe('accepted');
    expect(reasonOf(() => verifyWebhook(secret, d.headers, d.body))).toBe('accepted');
    expect(reasonOf(() => verifyWebhook([next, secret], d.headers, d.body))).toBe('accepted');
    expect(reasonOf(() => verifyWebhook('whsec_neither', d.headers, d.body))).toBe(
      'SIGNATURE_MISMATCH',
    );
  });
});
