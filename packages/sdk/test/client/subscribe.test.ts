import { connect, createServer, type Socket } from 'node:net';
import WebSocket from 'ws';
import { gid, streetActors, type StreetActors } from '../../../server/test/actors';
import {
  caseActors,
  caseClient,
  reportInput,
  workAllDay,
  type CaseActors,
} from '../../../server/test/cases';
import {
  startTestPlatform,
  type TestInstance,
  type TestPlatform,
} from '../../../server/test/harness';
import { createClient, LianxinApiError, type LianxinClient } from '../../src/client';
import { CaseEventsDocument } from '../../src/generated/graphql';

/**
 * `client.subscribe` survives its connection dropping: when the server closes the socket, and
 * when the server restarts, the subscriber reconnects and resumes after the last event it
 * delivered, so it sees every committed event exactly once, in order.
 */
let p: TestPlatform;
let A: StreetActors;
let C: CaseActors;

beforeAll(async () => {
  p = await startTestPlatform();
  A = await streetActors(p, '621002001');
  C = await caseActors(p, A);
  const [d] = await p.db.query<{ id: string }>(
    `SELECT district_id::text AS id FROM street WHERE id = $1`,
    [A.streetId],
  );
  await workAllDay(p, d!.id);
}, 60_000);
afterAll(() => p.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An instance of its own for the subscriber, whose raw sockets the test can cut. */
async function instance(port = 0) {
  const started = await p.startInstance({}, port);
  const sockets: Socket[] = [];
  started.app.http.on('upgrade', (_req, socket: Socket) => sockets.push(socket));
  return { started, sockets, port: Number(new URL(started.url).port) };
}

/** Consumes a subscription in the background, keeping each event's id. */
function consume(client: LianxinClient, filter: Record<string, unknown>) {
  const seen: string[] = [];
  let failure: unknown;
  const done = (async () => {
    for await (const data of client.subscribe(CaseEventsDocument, { filter })) {
      seen.push(data.caseEvents.eventId);
    }
  })().catch((error: unknown) => (failure = error));
  return {
    seen,
    done,
    get failure() {
      return failure;
    },
    async until(n: number, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (seen.length < n) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`waited for ${n} events, got ${seen.length}`);
        await sleep(50);
      }
    },
  };
}

/** The case events of street A committed after event `after`, in stream order. */
const committed = async (after: string) =>
  (
    await p.db.query<{ id: string }>(
      `SELECT id::text AS id FROM domain_event
        WHERE street_id = $1 AND type LIKE 'case.%' AND id > $2 ORDER BY domain_event.id`,
      [A.streetId, after],
    )
  ).map((r) => r.id);

/**
 * Reports 15 cases and accepts each (30 events, one after another), calling `drop` after the
 * tenth mutation without waiting for it; returns when the burst and the drop are done.
 */
async function burst(drop: () => Promise<void>) {
  const intake = caseClient(p, C.intake);
  const reporter = caseClient(p, A.tokens.GRID_WORKER);
  let dropping: Promise<void> | undefined;
  for (let i = 0; i < 15; i++) {
    const res = await reporter.report(reportInput(A, C, { title: `断线中的案件 ${i}` }));
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    const made = res.body.data.reportCase.case;
    if (i === 5) dropping = drop();
    const accepted = await intake.act('ACCEPT', made);
    expect(accepted.userErrors).toEqual([]);
    await sleep(20);
  }
  await dropping;
}

/** Starts a subscriber on `url`, and waits until a first case's report has reached it. */
async function subscriber(url: string, more: { keepAliveMs?: number } = {}) {
  const client = createClient({
    url,
    token: A.tokens.STREET_ADMIN,
    webSocketImpl: WebSocket,
    ...more,
  });
  const sub = consume(client, { streetIds: [gid('Street', A.streetId)] });
  // Until it is live: a marker case, reported again until its event arrives.
  for (let tries = 0; !sub.seen.length; tries++) {
    if (tries > 40) throw new Error('the subscription never went live');
    await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C, { title: '标记' }));
    await sleep(250);
  }
  // The last case event committed so far; the burst's events come after it.
  const [last] = await p.db.query<{ id: string }>(
    `SELECT max(id)::text AS id FROM domain_event WHERE street_id = $1 AND type LIKE 'case.%'`,
    [A.streetId],
  );
  const start = last!.id;
  for (let tries = 0; sub.seen[sub.seen.length - 1] !== start; tries++) {
    if (tries > 200) throw new Error(`the marker ${start} never came: ${sub.seen.join()}`);
    await sleep(50);
  }
  const before = sub.seen.length;
  return { client, sub, start, before };
}

describe('client.subscribe across dropped connections', () => {
  it('the server closes the socket mid-burst: every event arrives once, in order', async () => {
    const { started, sockets } = await instance();
    const { client, sub, start, before } = await subscriber(started.url);
    try {
      await burst(async () => {
        expect(sockets.length).toBe(1);
        sockets[0]!.destroy();
      });
      const expected = await committed(start);
      expect(expected).toHaveLength(30);
      await sub.until(before + expected.length);
      await sleep(500);
      expect(sub.seen.slice(before)).toEqual(expected);
      // It did reconnect: a second socket.
      expect(sockets.length).toBe(2);
      expect(sub.failure).toBeUndefined();
    } finally {
      await client.dispose();
      await sub.done;
      await started.stop();
    }
  });

  it('the connection goes silent mid-burst (no close, no pong): it is noticed, and every event arrives once, in order', async () => {
    const { started } = await instance();
    // Between the client and the server, a network that can stop carrying a connection's bytes
    // without closing it either way (a router that forgot it, a laptop asleep).
    const upstream = Number(new URL(started.url).port);
    const links: { silent: boolean }[] = [];
    const proxy = createServer((down) => {
      const link = { silent: false };
      links.push(link);
      const up = connect(upstream, '127.0.0.1');
      down.on('data', (d) => link.silent || up.write(d));
      up.on('data', (d) => link.silent || down.write(d));
      const end = () => (down.destroy(), up.destroy());
      for (const s of [down, up]) s.on('close', end).on('error', end);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const { port } = proxy.address() as { port: number };
    const { client, sub, start, before } = await subscriber(`http://127.0.0.1:${port}/graphql`, {
      keepAliveMs: 300,
    });
    try {
      await burst(async () => {
        expect(links).toHaveLength(1);
        links[0]!.silent = true;
      });
      const expected = await committed(start);
      expect(expected).toHaveLength(30);
      await sub.until(before + expected.length);
      await sleep(500);
      expect(sub.seen.slice(before)).toEqual(expected);
      // It gave the silent connection up and opened another.
      expect(links).toHaveLength(2);
      expect(sub.failure).toBeUndefined();
    } finally {
      await client.dispose();
      await sub.done;
      await new Promise((r) => proxy.close(r));
      await started.stop();
    }
  });

  it('the server restarts mid-burst: every event arrives once, in order', async () => {
    const first = await instance();
    let second: TestInstance | undefined;
    const { client, sub, start, before } = await subscriber(first.started.url);
    try {
      await burst(async () => {
        await first.started.stop();
        // Down a moment: events commit meanwhile through the other instance.
        await sleep(300);
        second = (await instance(first.port)).started;
      });
      const expected = await committed(start);
      expect(expected).toHaveLength(30);
      await sub.until(before + expected.length);
      await sleep(500);
      expect(sub.seen.slice(before)).toEqual(expected);
      expect(second!.url).toBe(first.started.url);
      expect(sub.failure).toBeUndefined();
    } finally {
      await client.dispose();
      await sub.done;
      await second?.stop();
    }
  });

  it('leaving the for-await ends the subscription on the server', async () => {
    const { started, sockets } = await instance();
    const client = createClient({
      url: started.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
    });
    try {
      const iterator = client.subscribe(CaseEventsDocument, {});
      const first = iterator.next();
      await sleep(300);
      await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C, { title: '一件' }));
      expect((await first).value?.caseEvents.type).toBe('case.reported');
      await iterator.return();
      // The lazy socket closes with its last subscription.
      const deadline = Date.now() + 5000;
      while (!sockets[0]!.destroyed && Date.now() < deadline) await sleep(50);
      expect(sockets[0]!.destroyed).toBe(true);
    } finally {
      await client.dispose();
      await started.stop();
    }
  });

  it('onStatus tells connecting, live, retrying after a drop, live again, and nothing after the end', async () => {
    const { started, sockets } = await instance();
    const client = createClient({
      url: started.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
    });
    const statuses: string[] = [];
    const until = async (status: string, count: number) => {
      for (let i = 0; statuses.filter((s) => s === status).length < count; i++) {
        if (i > 200) throw new Error(`no ${status} ×${count}: ${statuses.join()}`);
        await sleep(25);
      }
    };
    try {
      const iterator = client.subscribe(
        CaseEventsDocument,
        { filter: { streetIds: [gid('Street', A.streetId)] } },
        { onStatus: (status) => statuses.push(status), retry: { baseDelayMs: 50 } },
      );
      const first = iterator.next();
      await until('live', 1);
      expect(statuses).toEqual(['connecting', 'live']);
      sockets[0]!.destroy();
      await until('live', 2);
      expect(statuses).toEqual(['connecting', 'live', 'retrying', 'live']);
      expect(sockets).toHaveLength(2);
      // Live means usable: an event reported now arrives on the new socket.
      await caseClient(p, A.tokens.GRID_WORKER).report(reportInput(A, C, { title: '状态' }));
      expect((await first).value?.caseEvents.type).toBe('case.reported');
      await iterator.return();
      sockets[1]!.destroy();
      await sleep(300);
      expect(statuses).toEqual(['connecting', 'live', 'retrying', 'live']);

      // A second subscription on the socket a first one holds open is live at once.
      const shared = createClient({
        url: started.url,
        token: A.tokens.STREET_ADMIN,
        webSocketImpl: WebSocket,
      });
      const holding = shared.subscribe(CaseEventsDocument, {}).next();
      await sleep(300);
      const onOpen: string[] = [];
      const second = shared
        .subscribe(CaseEventsDocument, {}, { onStatus: (s) => onOpen.push(s) })
        .next();
      for (let i = 0; onOpen.length < 2 && i < 100; i++) await sleep(20);
      expect(onOpen).toEqual(['connecting', 'live']);
      // dispose() ends both (their next() resolves done), telling nothing more.
      await shared.dispose();
      await expect(holding).resolves.toEqual({ done: true, value: undefined });
      await expect(second).resolves.toEqual({ done: true, value: undefined });
      expect(onOpen).toEqual(['connecting', 'live']);

      // A refused credential never goes live: the iterator throws instead.
      const refused: string[] = [];
      const stranger = createClient({
        url: started.url,
        token: 'not-a-token',
        webSocketImpl: WebSocket,
      });
      const error = await stranger
        .subscribe(CaseEventsDocument, {}, { onStatus: (s) => refused.push(s) })
        .next()
        .catch((e: unknown) => e);
      expect((error as LianxinApiError).code).toBe('UNAUTHENTICATED');
      expect(refused).toEqual(['connecting']);
      await stranger.dispose();
    } finally {
      await client.dispose();
      await started.stop();
    }
  });

  it('after the cursor of eventStreamCursor, a change committed before subscribing still comes', async () => {
    const client = createClient({
      url: p.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
    });
    try {
      const { eventStreamCursor } = await client.request<{ eventStreamCursor: string }>(
        '{ eventStreamCursor }',
      );
      // Reported after the cursor was taken and before anyone subscribed.
      const res = await caseClient(p, A.tokens.GRID_WORKER).report(
        reportInput(A, C, { title: '游标之后' }),
      );
      const reported = res.body.data.reportCase.case.id as string;
      const iterator = client.subscribe(
        CaseEventsDocument,
        { filter: { streetIds: [gid('Street', A.streetId)] } },
        { after: eventStreamCursor },
      );
      const first = await iterator.next();
      expect(first.value?.caseEvents).toMatchObject({
        type: 'case.reported',
        case: { id: reported },
      });
      await iterator.return();
    } finally {
      await client.dispose();
    }
  });

  it('return() while it waits for an event ends it at once, and the socket closes', async () => {
    const { started, sockets } = await instance();
    const client = createClient({
      url: started.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
    });
    try {
      const iterator = client.subscribe(CaseEventsDocument, {});
      const waiting = iterator.next();
      await sleep(300);
      // Nothing has come: the generator is waiting, not suspended at a yield.
      const t = Date.now();
      await expect(iterator.return()).resolves.toEqual({ done: true, value: undefined });
      await expect(waiting).resolves.toEqual({ done: true, value: undefined });
      expect(Date.now() - t).toBeLessThan(1000);
      const deadline = Date.now() + 5000;
      while (!sockets[0]!.destroyed && Date.now() < deadline) await sleep(50);
      expect(sockets[0]!.destroyed).toBe(true);
    } finally {
      await client.dispose();
      await started.stop();
    }
  });

  it('with lazy: false connects at once, and dispose() closes the socket', async () => {
    const { started, sockets } = await instance();
    const client = createClient({
      url: started.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
      lazy: false,
    });
    try {
      for (let i = 0; !sockets.length && i < 100; i++) await sleep(50);
      expect(sockets).toHaveLength(1);
      await client.dispose();
      for (let i = 0; !sockets[0]!.destroyed && i < 100; i++) await sleep(50);
      expect(sockets[0]!.destroyed).toBe(true);
    } finally {
      await client.dispose();
      await started.stop();
    }
  });

  it('waits longer after each failed reconnection, and gives up after `retry.attempts`', async () => {
    // A server that cuts every connection at once.
    const times: number[] = [];
    const cutter = createServer((socket) => {
      times.push(Date.now());
      socket.destroy();
    });
    await new Promise<void>((r) => cutter.listen(0, '127.0.0.1', r));
    const { port } = cutter.address() as { port: number };
    const client = createClient({
      url: `http://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
    });
    try {
      const error = await client
        .subscribe(CaseEventsDocument, {}, { retry: { attempts: 3, baseDelayMs: 100 } })
        .next()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LianxinApiError);
      expect((error as Error).message).toMatch(/could not reconnect after 3 attempts/);
      // The first try and three more, each after a wait of half to all of 100, 200, 400 ms.
      expect(times).toHaveLength(4);
      const waits = times.slice(1).map((t, i) => t - times[i]!);
      expect(waits[0]).toBeGreaterThanOrEqual(45);
      expect(waits[1]).toBeGreaterThanOrEqual(95);
      expect(waits[2]).toBeGreaterThanOrEqual(195);
      expect(waits[2]).toBeLessThan(1500);
    } finally {
      await client.dispose();
      await new Promise((r) => cutter.close(r));
    }
  });

  it('throws, without retrying, what reconnecting cannot heal', async () => {
    const client = createClient({
      url: p.url,
      token: A.tokens.STREET_ADMIN,
      webSocketImpl: WebSocket,
    });
    const failure = async (it: AsyncIterable<unknown>) => {
      try {
        for await (const _ of it) throw new Error('no event was expected');
      } catch (error) {
        return error as LianxinApiError;
      }
      throw new Error('it ended without an error');
    };
    try {
      const invalid = await failure(client.subscribe('subscription { noSuchField { cursor } }'));
      expect(invalid).toBeInstanceOf(LianxinApiError);
      expect(invalid.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const badCursor = await failure(
        client.subscribe(CaseEventsDocument, {}, { after: 'not-a-cursor' }),
      );
      expect(badCursor).toBeInstanceOf(LianxinApiError);
      expect(badCursor.code).toBe('BAD_USER_INPUT');
      expect(badCursor.message).toMatch(/"after" is not a cursor/);
      const refused = createClient({ url: p.url, token: 'not-a-token', webSocketImpl: WebSocket });
      const unauthenticated = await failure(refused.subscribe(CaseEventsDocument, {}));
      expect(unauthenticated).toBeInstanceOf(LianxinApiError);
      expect(unauthenticated.code).toBe('UNAUTHENTICATED');
      await refused.dispose();
      // Not selecting the cursor of a resumable subscription is the caller's mistake, found first.
      await expect(
        client
          .subscribe('subscription($after: String) { caseEvents(after: $after) { type } }')
          .next(),
      ).rejects.toThrow(/select the field’s `cursor`/);
    } finally {
      await client.dispose();
    }
  });
});
