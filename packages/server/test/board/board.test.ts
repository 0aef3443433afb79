import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import express from 'express';
import {
  chromium,
  type Browser,
  type Page,
  type Request as PageRequest,
  type WebSocket as PageWebSocket,
} from 'playwright-core';
import request from 'supertest';
import { boardHttp } from '../../src/board/board.route';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { startTestPlatform, type TestPlatform } from '../harness';

// The command centre's live case board (docs/board.md) in a real headless Chromium: it signs in
// as a demo user, shows the street's open cases, and follows changes made through the API within
// a second of the mutation's answer.

/** Debian's chromium (`apt-get install -y chromium`); LIANXIN_CHROMIUM names another. */
const CHROMIUM = process.env.LIANXIN_CHROMIUM ?? '/usr/bin/chromium';
/** Set to 1 to skip the browser test on a machine without Chromium, on purpose. */
const SKIP = process.env.LIANXIN_SKIP_BROWSER_TESTS === '1';
/** Set to a path (docs/board.png) to rewrite the board's screenshot in the docs. */
const SCREENSHOT = process.env.LIANXIN_BOARD_SCREENSHOT;
const REPO = path.resolve(__dirname, '../../../..');
/** The live path's budget: from the mutation's answer to the card on the page. */
const LIVE_MS = 1000;

const OPEN = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING', 'SUSPENDED'];

describe('the board page', () => {
  it('is served with a strict CSP and no data, and prefills the demo account only with the demo', async () => {
    for (const demo of [true, false]) {
      const res = await request(express().use('/board', boardHttp({ demo }))).get('/board');
      if (res.status === 503) throw new Error(res.text);
      expect(res.status).toBe(200);
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(res.text).not.toMatch(/<script>|\sstyle=|\son\w+=/);
      expect(res.text.includes(DEMO_PASSWORD)).toBe(demo);
    }
  });
});

(SKIP ? describe.skip : describe)('the live case board in Chromium', () => {
  let p: TestPlatform;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const requests: string[] = [];
  const cspViolations: string[] = [];
  const websockets: string[] = [];
  const serverSockets = new Set<Socket>();
  let streetId: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install it (apt-get install -y chromium), set ` +
          'LIANXIN_CHROMIUM to its path, or set LIANXIN_SKIP_BROWSER_TESTS=1 to skip this test.',
      );
    }
    // The page as its sources are now (npm test bundles it too; jest alone may run after an edit).
    execFileSync(process.execPath, [path.join(REPO, 'packages/server/board-app/build.mjs')]);
    p = await startTestPlatform({ seed: 'demo' });
    origin = new URL(p.url).origin;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // A fresh profile each launch (Playwright's temporary user data dir).
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => {
      requests.push(ws.url());
      websockets.push(ws.url());
    });
    // The server's ends of the board's WebSockets, to drop them.
    p.app.http.on('upgrade', (_req, socket: Socket) => serverSockets.add(socket));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  /** Runs `query` as `username` (a demo user) and returns its data, failing on errors. */
  const tokens = new Map<string, string>();
  async function as<T = any>(username: string, query: string, variables = {}): Promise<T> {
    if (!tokens.has(username)) {
      const login = await p.gql<any>(
        `mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { accessToken userErrors { message } } }`,
        { u: username, p: DEMO_PASSWORD },
        { as: 'anonymous' },
      );
      tokens.set(username, login.body.data.login.accessToken);
    }
    const res = await p.gql<T>(query, variables, { as: { token: tokens.get(username)! } });
    expect(res.body.errors).toBeUndefined();
    return res.body.data!;
  }

  /** Waits for `selector` and answers how long it took since `since` (ms). */
  async function appearsAfter(
    selector: string,
    since: number,
    state: 'attached' | 'detached' = 'attached',
  ) {
    await page.locator(selector).waitFor({ state, timeout: 10_000 });
    return Date.now() - since;
  }

  /** Reports a case in 南街 as its 受理员 (nanjie.intake), in a community grid. */
  async function report(title: string) {
    const { grids, caseCategories } = await as(
      'nanjie.intake',
      `query($s: ID!) {
        grids(filter: { streetId: $s, level: COMMUNITY }, first: 1) { nodes { id name } }
        caseCategories(filter: { search: "占道", major: false }, first: 1) { nodes { id } }
      }`,
      { s: streetId },
    );
    const grid = grids.nodes[0];
    const { reportCase } = await as(
      'nanjie.intake',
      `mutation($input: ReportCaseInput!) { reportCase(input: $input) { case { id version } userErrors { message } } }`,
      {
        input: {
          streetId,
          gridId: grid.id,
          categoryId: caseCategories.nodes[0].id,
          title,
          urgency: 'B',
        },
      },
    );
    expect(reportCase.userErrors).toEqual([]);
    return { grid, case: reportCase.case as { id: string; version: number } };
  }

  const tile = (label: string) => page.locator(`[data-indicator="${label}"] .value`);

  it('refuses a wrong password, then signs in as the demo street admin and shows the open cases', async () => {
    await page.goto(`${origin}/board`);
    // Prefilled with the demo account; a wrong password shows the server's message.
    await expect(page.inputValue('input[name=username]')).resolves.toBe('nanjie.admin');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    const refused = page.locator('.sign-in .error:not(:empty)');
    await refused.waitFor({ timeout: 5000 });
    await expect(refused.textContent()).resolves.toMatch(/password|密码/i);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.locator('.live[data-state="live"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('.top h1').textContent()).resolves.toBe('南街街道 · 案件指挥看板');

    const { viewer } = await as('nanjie.admin', `{ viewer { streets { id } } }`);
    streetId = viewer.streets[0].id;
    const open = await as(
      'nanjie.admin',
      `query($f: CaseFilterInput) { cases(filter: $f, first: 100) { totalCount nodes { id isOverdue status grid { name } } } }`,
      { f: { streetId, statuses: OPEN } },
    );
    const cases: any[] = open.cases.nodes;
    expect(open.cases.totalCount).toBe(cases.length);
    expect(cases.length).toBeGreaterThan(20);
    // Every open case in the column of its status, labelled with its grid; the overdue marked.
    await page
      .locator('.card')
      .nth(cases.length - 1)
      .waitFor();
    await expect(page.locator('.card').count()).resolves.toBe(cases.length);
    for (const status of OPEN) {
      await expect(page.locator(`.column[data-status="${status}"] .card`).count()).resolves.toBe(
        cases.filter((c) => c.status === status).length,
      );
    }
    const overdue = cases.filter((c) => c.isOverdue);
    await expect(page.locator('.card.overdue').count()).resolves.toBe(overdue.length);
    await expect(page.locator('.card.overdue .overdue-mark').count()).resolves.toBe(overdue.length);
    await expect(tile('超期案件').textContent()).resolves.toBe(String(overdue.length));
    const first = cases[0];
    await expect(page.locator(`[data-case-id="${first.id}"] .grid`).textContent()).resolves.toBe(
      first.grid.name,
    );
    // The grid list narrows the board to one grid, and back.
    const inGrid = cases.filter((c) => c.grid.name === first.grid.name);
    await page.selectOption('select[name=grid]', {
      label: `${first.grid.name}（${inGrid.length}）`,
    });
    await expect(page.locator('.card').count()).resolves.toBe(inGrid.length);
    await expect(page.locator('.card .grid').allTextContents()).resolves.toEqual(
      inGrid.map(() => first.grid.name),
    );
    await page.selectOption('select[name=grid]', { value: '' });
    await expect(page.locator('.card').count()).resolves.toBe(cases.length);
    // The day's indicators have come (caseStats): nothing of the demo was reported today.
    await page.locator('[data-indicator="今日上报"] .value:not(:text("…"))').waitFor();
    await expect(tile('今日上报').textContent()).resolves.toBe('0');
  });

  it('shows a reported case within a second, moves it when dispatched, and drops it when cancelled', async () => {
    const { grid, case: reported } = await report('南苑路口流动摊点占道经营');
    const reportedAt = Date.now();
    let c = reported;
    const card = `[data-case-id="${c.id}"]`;
    const appeared = await appearsAfter(`.column[data-status="REPORTED"] ${card}`, reportedAt);
    await expect(page.locator(`${card} .grid`).textContent()).resolves.toBe(grid.name);

    const accepted = await as(
      'nanjie.intake',
      `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { id version } userErrors { message } } }`,
      { input: { id: c.id, version: c.version } },
    );
    expect(accepted.acceptCase.userErrors).toEqual([]);
    c = accepted.acceptCase.case;
    await appearsAfter(`.column[data-status="ACCEPTED"] ${card}`, Date.now());

    const { organizations } = await as(
      'nanjie.dispatcher',
      `query($s: ID!) { organizations(filter: { streetId: $s, kinds: [DEPARTMENT] }, first: 1) { nodes { id } } }`,
      { s: streetId },
    );
    const dispatched = await as(
      'nanjie.dispatcher',
      `mutation($input: DispatchCaseInput!) { dispatchCase(input: $input) { case { id version status } userErrors { message } } }`,
      { input: { id: c.id, version: c.version, departmentIds: [organizations.nodes[0].id] } },
    );
    const dispatchedAt = Date.now();
    expect(dispatched.dispatchCase.userErrors).toEqual([]);
    expect(dispatched.dispatchCase.case.status).toBe('DISPATCHED');
    c = dispatched.dispatchCase.case;
    const moved = await appearsAfter(`.column[data-status="DISPATCHED"] ${card}`, dispatchedAt);
    await expect(page.locator(card).count()).resolves.toBe(1);
    if (SCREENSHOT) {
      // The board as docs/board.md shows it: the new case just moved, today's indicators counted.
      await page
        .locator('[data-indicator="今日上报"] .value:text-is("1")')
        .waitFor({ timeout: 5000 });
      await page.screenshot({ path: path.resolve(REPO, SCREENSHOT) });
    }

    const cancelled = await as(
      'nanjie.shiftlead',
      `mutation($input: CaseReasonInput!) { cancelCase(input: $input) { case { status } userErrors { message } } }`,
      { input: { id: c.id, version: c.version, reason: '重复上报' } },
    );
    const cancelledAt = Date.now();
    expect(cancelled.cancelCase.userErrors).toEqual([]);
    const left = await appearsAfter(card, cancelledAt, 'detached');

    console.log(
      `board: reported → on the page ${appeared} ms, dispatched → moved ${moved} ms, cancelled → gone ${left} ms`,
    );
    expect(appeared).toBeLessThan(LIVE_MS);
    expect(moved).toBeLessThan(LIVE_MS);
    expect(left).toBeLessThan(LIVE_MS);
    // The day's indicators follow (asked again a second after a change).
    await page
      .locator('[data-indicator="今日上报"] .value:text-is("1")')
      .waitFor({ timeout: 5000 });
  });

  it('resumes after a dropped connection from the last event, missing nothing', async () => {
    const live = page.locator('.live[data-state="live"]');
    await live.waitFor();
    // Drop the board's socket and refuse new ones for a while: the case below is reported while
    // the board is away, so only a subscription resumed after its last cursor can bring it.
    const http = p.app.http;
    const upgrades = http.listeners('upgrade') as ((...args: any[]) => void)[];
    http.removeAllListeners('upgrade');
    http.on('upgrade', (_req, socket: Socket) => socket.destroy());
    const before = websockets.length;
    for (const socket of serverSockets) socket.destroy();
    try {
      await page.locator('.live[data-state="retrying"]').waitFor({ timeout: 5000 });
      const { case: missed } = await report('南街东大街夜间施工噪音扰民');
      await new Promise((r) => setTimeout(r, 800));
      await expect(page.locator(`[data-case-id="${missed.id}"]`).count()).resolves.toBe(0);
      http.removeAllListeners('upgrade');
      for (const listener of upgrades) http.on('upgrade', listener);
      await page
        .locator(`.column[data-status="REPORTED"] [data-case-id="${missed.id}"]`)
        .waitFor({ timeout: 20_000 });
      await live.waitFor();
      expect(websockets.length).toBeGreaterThan(before);
    } finally {
      http.removeAllListeners('upgrade');
      for (const listener of upgrades) http.on('upgrade', listener);
    }
  });

  it('when its socket is refused, takes a fresh token and resumes after its last cursor', async () => {
    const KEY = 'lianxin.board.tokens';
    const live = page.locator('.live[data-state="live"]');
    await live.waitFor();
    // An event first: the board then holds a cursor to resume after.
    const { case: seen } = await report('南街北巷路灯不亮');
    await page.locator(`[data-case-id="${seen.id}"]`).waitFor({ timeout: 5000 });
    const readTokens = () =>
      page.evaluate((key) => JSON.parse((globalThis as any).sessionStorage.getItem(key)), KEY);
    const before = await readTokens();
    // What the page sends from now on: its subscriptions' variables, and any list load.
    const subscribed: { after?: string | null }[] = [];
    const listLoads: string[] = [];
    const onSocket = (ws: PageWebSocket) =>
      ws.on('framesent', (frame) => {
        const message = JSON.parse(String(frame.payload));
        if (message.type === 'subscribe') subscribed.push(message.payload.variables);
      });
    const onRequest = (r: PageRequest) => {
      if (r.postData()?.includes('BoardOpenCases')) listLoads.push(r.url());
    };
    page.on('websocket', onSocket);
    page.on('request', onRequest);
    const http = p.app.http;
    const upgrades = http.listeners('upgrade') as ((...args: any[]) => void)[];
    try {
      // New sockets are cut for a while, and the open one is closed with graphql-ws's 4403
      // (Forbidden), as the server closes a socket whose credential it no longer accepts.
      http.removeAllListeners('upgrade');
      http.on('upgrade', (_req, socket: Socket) => socket.destroy());
      const forbidden = Buffer.from([0x88, 0x02, 4403 >> 8, 4403 & 0xff]);
      for (const socket of serverSockets) if (!socket.destroyed) socket.end(forbidden);
      await page.locator('.live[data-state="retrying"]').waitFor({ timeout: 5000 });
      const { case: missed } = await report('南街北巷井盖松动');
      await new Promise((r) => setTimeout(r, 800));
      await expect(page.locator(`[data-case-id="${missed.id}"]`).count()).resolves.toBe(0);
      http.removeAllListeners('upgrade');
      for (const listener of upgrades) http.on('upgrade', listener);
      await page
        .locator(`.column[data-status="REPORTED"] [data-case-id="${missed.id}"]`)
        .waitFor({ timeout: 20_000 });
      await live.waitFor();
      // It swapped its refresh token, subscribed again after a cursor (never from "now"), and
      // so did not need to load the list again.
      const after = await readTokens();
      expect(after.refreshToken).not.toBe(before.refreshToken);
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(subscribed.length).toBeGreaterThan(0);
      for (const variables of subscribed) expect(variables.after).toEqual(expect.any(String));
      expect(listLoads).toEqual([]);
    } finally {
      page.off('websocket', onSocket);
      page.off('request', onRequest);
      http.removeAllListeners('upgrade');
      for (const listener of upgrades) http.on('upgrade', listener);
    }
  });

  it('swaps its refresh token for a new access token when the old one is refused', async () => {
    const KEY = 'lianxin.board.tokens';
    // Run in the page (the tests' TypeScript has no DOM types).
    const stale = await page.evaluate((key) => {
      const storage = (globalThis as any).sessionStorage;
      const tokens = JSON.parse(storage.getItem(key));
      storage.setItem(key, JSON.stringify({ ...tokens, accessToken: 'no-longer-valid' }));
      return tokens;
    }, KEY);
    await page.reload();
    await page.locator('.live[data-state="live"]').waitFor({ timeout: 10_000 });
    await page.locator('.card').first().waitFor();
    const fresh = await page.evaluate(
      (key) => JSON.parse((globalThis as any).sessionStorage.getItem(key)),
      KEY,
    );
    expect(fresh.accessToken).not.toBe('no-longer-valid');
    expect(fresh.refreshToken).not.toBe(stale.refreshToken);
  });

  it('takes the stream’s cursor, then subscribes after it and loads the list (no gap)', async () => {
    const order: string[] = [];
    const subscribed: { after?: string | null }[] = [];
    const onSocket = (ws: PageWebSocket) =>
      ws.on('framesent', (frame) => {
        const message = JSON.parse(String(frame.payload));
        if (message.type !== 'subscribe') return;
        order.push('subscribe');
        subscribed.push(message.payload.variables);
      });
    const onRequest = (r: PageRequest) => {
      if (r.postData()?.includes('BoardStreamCursor')) order.push('cursor');
      if (r.postData()?.includes('BoardOpenCases')) order.push('list');
    };
    page.on('websocket', onSocket);
    page.on('request', onRequest);
    try {
      await page.reload();
      await page.locator('.live[data-state="live"]').waitFor({ timeout: 10_000 });
      await page.locator('.card').first().waitFor();
      expect(order[0]).toBe('cursor');
      expect(order.slice(1).sort()).toEqual(['list', 'subscribe']);
      expect(subscribed[0]!.after).toEqual(expect.any(String));
    } finally {
      page.off('websocket', onSocket);
      page.off('request', onRequest);
    }
  });

  it('loaded nothing from elsewhere and broke no CSP rule', () => {
    expect(requests.length).toBeGreaterThan(0);
    const wsOrigin = origin.replace(/^http/, 'ws');
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith(wsOrigin))).toEqual([]);
    expect(requests).toContain(`${wsOrigin}/graphql`);
    expect(cspViolations).toEqual([]);
  });
});
