/**
 * The live case board of a street's command centre (docs/board.md): sign in, pick a street, then
 * the board follows the street's case events. Tokens stay in this tab's session storage only.
 */
import './board.css';
import { BoardApi, LianxinApiError, SignInError, type Street, type Tokens } from './api';
import { CaseBoard } from './board';
import { h } from './dom';
import { OPEN_STATUSES } from './labels';
import { followCaseEvents } from './live';

const TOKENS_KEY = 'lianxin.board.tokens';
const STREET_KEY = 'lianxin.board.street';
/** The day's indicators are asked for again after changes, at most this often, and every minute. */
const STATS_DEBOUNCE_MS = 1000;
const STATS_EVERY_MS = 60_000;

/** Without a cursor or a live subscription after this long, the list loads anyway (and again once live). */
const UNLIVE_LOAD_MS = 3000;

const root = document.getElementById('board-app')!;
const endpoint = new URL('/graphql', location.href);

let tokens: Tokens | undefined = readTokens();
const api = new BoardApi(endpoint.href, () => tokens?.accessToken);
/** Whatever the open board runs (timers, the subscription), stopped on sign-out. */
let teardown: (() => void)[] = [];

function readTokens(): Tokens | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(TOKENS_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

function keepTokens(next: Tokens | undefined): void {
  tokens = next;
  if (next) sessionStorage.setItem(TOKENS_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(TOKENS_KEY);
}

const isExpired = (error: unknown) =>
  error instanceof LianxinApiError && (error.status === 401 || error.code === 'UNAUTHENTICATED');

let refreshing: Promise<boolean> | undefined;

/**
 * Swaps the refresh token for new tokens; false (and signed out) when that fails. One swap at a
 * time: a refresh token works once, so a second caller waits for the first's answer.
 */
function refresh(): Promise<boolean> {
  const current = tokens;
  if (!current) return Promise.resolve(false);
  refreshing ??= (async () => {
    try {
      keepTokens(await api.refresh(current.refreshToken));
      return true;
    } catch {
      signOut('登录已过期，请重新登录。');
      return false;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** Runs an API call, refreshing an expired access token once. */
async function authed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isExpired(error) && (await refresh())) return call();
    throw error;
  }
}

function stopBoard(): void {
  for (const stop of teardown) stop();
  teardown = [];
}

function signOut(message?: string): void {
  stopBoard();
  keepTokens(undefined);
  sessionStorage.removeItem(STREET_KEY);
  showSignIn(message);
}

function showSignIn(message?: string): void {
  const { demoUsername = '', demoPassword = '' } = root.dataset;
  const username = h('input', { name: 'username', autocomplete: 'username', required: '' });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  });
  username.value = demoUsername;
  password.value = demoPassword;
  const error = h('p', { class: 'error', role: 'alert' }, message);
  const submit = h('button', { type: 'submit' }, '登录');
  const form = h(
    'form',
    { class: 'sign-in' },
    h('h1', {}, '案件指挥看板'),
    h('label', {}, '用户名', username),
    h('label', {}, '密码', password),
    submit,
    error,
    demoUsername &&
      h(
        'p',
        { class: 'hint' },
        `演示账号：${demoUsername}（南街街道管理员），密码 ${demoPassword}。指挥中心值班账号 nanjie.shiftlead、nanjie.dispatcher 同样可用。`,
      ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    api
      .login(username.value.trim(), password.value)
      .then((signedIn) => {
        keepTokens(signedIn);
        return start();
      })
      .catch((e: unknown) => {
        error.textContent = e instanceof SignInError ? e.message : `登录失败：${String(e)}`;
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  root.replaceChildren(form);
  (demoUsername ? submit : username).focus();
}

function showStreetPicker(streets: Street[], userName: string): void {
  const list = h('ul', { class: 'streets' });
  for (const street of streets) {
    const button = h('button', { type: 'button' }, street.name);
    button.addEventListener('click', () => openBoard(street, userName));
    list.append(h('li', {}, button));
  }
  root.replaceChildren(h('section', { class: 'street-picker' }, h('h1', {}, '选择街道'), list));
}

/** After signing in: the streets this user may see, then the board of the one chosen. */
async function start(): Promise<void> {
  if (!tokens) return showSignIn();
  let streets: Street[];
  let userName: string;
  try {
    const found = await authed(() => api.viewer());
    streets = found.streets;
    userName = found.viewer.user?.displayName ?? found.viewer.role ?? '';
  } catch (error) {
    return signOut(
      isExpired(error) ? '登录已过期，请重新登录。' : `无法读取账号信息：${String(error)}`,
    );
  }
  if (!streets.length) return signOut('该账号没有可查看的街道。');
  const remembered = streets.find((s) => s.id === sessionStorage.getItem(STREET_KEY));
  if (remembered || streets.length === 1) return openBoard(remembered ?? streets[0]!, userName);
  showStreetPicker(streets, userName);
}

function openBoard(street: Street, userName: string): void {
  stopBoard();
  sessionStorage.setItem(STREET_KEY, street.id);
  const board = new CaseBoard(root, street, userName, () => signOut());

  const load = async () => {
    board.beginLoad();
    try {
      board.finishLoad(await authed(() => api.openCases(street.id, OPEN_STATUSES)));
    } catch (error) {
      console.error('loading the open cases failed', error);
    }
  };
  let statsTimer: ReturnType<typeof setTimeout> | undefined;
  const loadStats = (delay = STATS_DEBOUNCE_MS) => {
    clearTimeout(statsTimer);
    statsTimer = setTimeout(() => {
      authed(() => api.dayIndicators(street.id))
        .then((day) => board.showIndicators(day))
        .catch((error: unknown) => {
          if (error instanceof LianxinApiError && error.code === 'FORBIDDEN')
            board.showIndicators('forbidden');
          else console.error('loading the indicators failed', error);
        });
    }, delay);
  };

  // Events first, then the list (docs/board.md, "No gap"): the stream's cursor, a subscription
  // after it, then the list; every change after the cursor comes as an event, and one the list
  // has already only replaces an older version. Without a cursor (an older server) the list
  // loads once the subscription is live from "now", or after a while if it never is.
  let closed = false;
  let live: { stop(): void } | undefined;
  let unlive: ReturnType<typeof setTimeout> | undefined;
  const follow = (after: string | undefined) => {
    if (closed) return;
    live = followCaseEvents({
      streetId: street.id,
      after,
      client: () => api.client,
      token: () => tokens?.accessToken,
      onEvent: (event) => {
        board.applyEvent(event.case);
        loadStats();
      },
      onState: (state) => board.setLive(state),
      onFresh: () => {
        clearTimeout(unlive);
        void load();
      },
      refresh,
    });
    if (after !== undefined) void load();
    else unlive = setTimeout(() => void load(), UNLIVE_LOAD_MS);
  };
  authed(() => api.streamCursor()).then(follow, (error: unknown) => {
    console.warn('no cursor of the event stream; the list loads once live', error);
    follow(undefined);
  });
  loadStats(0);
  const everyMinute = setInterval(() => loadStats(0), STATS_EVERY_MS);
  // A new access token a minute before the old one expires, so the socket keeps working.
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    if (!tokens) return;
    const wait = Date.parse(tokens.accessTokenExpiresAt) - Date.now() - 60_000;
    refreshTimer = setTimeout(
      () => {
        void refresh().then((ok) => ok && scheduleRefresh());
      },
      Math.max(10_000, wait),
    );
  };
  scheduleRefresh();
  teardown.push(
    () => {
      closed = true;
      live?.stop();
      clearTimeout(unlive);
    },
    () => clearInterval(everyMinute),
    () => clearTimeout(statsTimer),
    () => clearTimeout(refreshTimer),
  );
}

void start();
