import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Response, type Router } from 'express';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-users';

/** Where the live case board (docs/board.md) is served. */
export const BOARD_PATH = '/board';

/**
 * The page's files, bundled from `packages/server/board-app` by the build (`board-app/build.mjs`)
 * into the package's `dist`: from `src/board` (tests) and `dist/board` alike, two folders up.
 */
export const BOARD_DIST = path.resolve(__dirname, '../../dist/board-app');
const files: Record<string, { file: string; type: string }> = {
  'board.js': { file: 'board.js', type: 'application/javascript' },
  'board.css': { file: 'board.css', type: 'text/css' },
};

/**
 * The page only loads its own files and talks to its own origin (HTTP and WebSocket); it holds
 * no data of its own: everything comes from the API after signing in.
 */
const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeAttribute = (text: string) =>
  text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);

/** The demo street's command-centre account the sign-in form suggests when the demo is loaded. */
const DEMO_USER = DEMO_USERS.find((u) => u.username === 'nanjie.admin')!;

function page(demo: boolean): string {
  const prefill = demo
    ? ` data-demo-username="${escapeAttribute(DEMO_USER.username)}" data-demo-password="${escapeAttribute(DEMO_PASSWORD)}"`
    : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>案件指挥看板 · 连心</title>
  <link rel="stylesheet" href="${BOARD_PATH}/board.css">
</head>
<body>
  <main id="board-app"${prefill}><p class="loading">正在加载看板…</p></main>
  <noscript>案件指挥看板需要启用 JavaScript。</noscript>
  <script src="${BOARD_PATH}/board.js"></script>
</body>
</html>`;
}

function secure(res: Response): Response {
  return res.set({
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The files change with every build; the page holds no data, so revalidating costs little.
    'Cache-Control': 'no-cache',
  });
}

/**
 * The live case board of a street's command centre: a static page and its bundle. The page signs
 * in through the `login` mutation like any client; `demo` (LIANXIN_SEED_DEMO) only prefills the
 * form with the public demo account.
 */
export function boardHttp(opts: { demo: boolean }): Router {
  const router = express.Router();
  const html = page(opts.demo);
  const built = () => existsSync(path.join(BOARD_DIST, 'board.js'));
  router.get('/', (_req, res) => {
    if (!built()) {
      res
        .status(503)
        .type('text/plain')
        .send(
          'The case board is not built: run `npm run build` (it bundles packages/server/board-app).',
        );
      return;
    }
    secure(res).type('html').send(html);
  });
  for (const [name, { file, type }] of Object.entries(files)) {
    router.get(`/${name}`, (_req, res, next) => {
      secure(res).type(type);
      res.sendFile(path.join(BOARD_DIST, file), (error) => {
        if (error && !res.headersSent) next();
      });
    });
  }
  return router;
}
