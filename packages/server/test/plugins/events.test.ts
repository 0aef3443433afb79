import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gid, streetActors, type StreetActors } from '../actors';
import { startTestPlatform, type TestPlatform } from '../harness';
import { client, subscribe } from '../live';

/**
 * A plugin's own events are events like the core's: in the catalog, offered to webhooks by type
 * (`micro_wish.*`), delivered to a street's endpoints, and streamed to the `events`
 * subscription, each once, with their cursor.
 */
let p: TestPlatform;
let a: StreetActors;
let receiver: Server;
const bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  p = await startTestPlatform({
    plugins: ['@lianxin/plugin-micro-wish'],
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOBS_POLL_INTERVAL_MS: '200' },
  });
  a = await streetActors(p, '621002001');
  const enabled = await p.gql<any>(
    `mutation ($s: ID!) { enablePlugin(input: { plugin: "micro-wish", streetId: $s }) { userErrors { message } } }`,
    { s: gid('Street', a.streetId) },
  );
  expect(enabled.body.data.enablePlugin.userErrors).toEqual([]);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  p.app.relay.start();
  await p.app.jobs.start();
}, 60_000);

afterAll(async () => {
  await p?.app.jobs.stop();
  await new Promise((r) => receiver?.close(r));
  await p?.stop();
});

it('reach a webhook subscribed to the plugin area and an events subscriber, once each', async () => {
  const port = (receiver.address() as AddressInfo).port;
  const types = await p.gql<any>(`{ webhookEventTypes { name } }`);
  expect(types.body.data.webhookEventTypes.map((t: any) => t.name)).toContain('micro_wish.posted');
  const made = await p.gql<any>(
    `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } userErrors { field message } } }`,
    {
      input: {
        streetId: gid('Street', a.streetId),
        url: `http://127.0.0.1:${port}/wishes`,
        eventTypes: ['micro_wish.*'],
      },
    },
  );
  expect(made.body.data.createWebhookEndpoint.userErrors).toEqual([]);

  const c = client(p.url, a.tokens.STREET_ADMIN);
  const live = subscribe(
    c,
    `subscription { events(types: ["micro_wish.*"]) { type subjectType subjectId cursor payload } }`,
  );
  await new Promise((r) => setTimeout(r, 500));

  const posted = await p.gql<any>(
    `mutation ($input: PostWishInput!) { postWish(input: $input) { wish { id } userErrors { message } } }`,
    {
      input: {
        gridId: gid('Grid', a.ids.unit),
        title: '帮忙换灯泡',
        posterId: gid('Person', a.ids.resident),
      },
    },
    { as: { token: a.tokens.STREET_ADMIN } },
  );
  expect(posted.body.data.postWish.userErrors).toEqual([]);

  const [event] = await live.until(1);
  expect(event.events).toMatchObject({
    type: 'micro_wish.posted',
    subjectType: 'Wish',
    payload: { gridId: a.ids.unit },
  });
  const deadline = Date.now() + 20_000;
  while (!bodies.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(bodies).toHaveLength(1);
  expect(bodies[0]).toMatchObject({
    type: 'micro_wish.posted',
    cursor: event.events.cursor,
    payload: { gridId: a.ids.unit },
  });
  live.stop();
  await c.dispose();
});
