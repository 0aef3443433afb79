import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

/** Files of the GraphiQL page, all served from npm packages: users run this on closed networks. */
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const assets: Record<string, string> = {
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(
    packageDir('react-dom'),
    'umd/react-dom.production.min.js',
  ),
};

export const GRAPHIQL_ASSETS = '/graphiql';

/**
 * The query GraphiQL opens with: who you are, the streets you reach, and a page of cases.
 * A test holds it valid against the schema.
 */
export const DEFAULT_QUERY = `# 连心 Lianxin GraphQL API
# 运行 Run: ▶ (Ctrl-Enter)
# 以演示用户查询：在上方选择用户，点“登录”。
# As a demo user: pick one above, Sign in.
# 或在下方 Headers 中加入 / or add in Headers:
#   {"Authorization": "Bearer <token>"}

query FirstLook {
  viewer {
    authenticated
    role
    user { displayName }
  }
  streets(first: 10) {
    totalCount
    nodes { id code name district { name } }
  }
  cases(first: 5) {
    totalCount
    nodes { id number title status dueAt isOverdue grid { name } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** A demo user the sign-in bar offers (only when the server runs with the demo data). */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
}

export interface GraphiQLOptions {
  /** The demo users to offer, and their (public) password; none: no sign-in bar. */
  demo?: { accounts: DemoAccount[]; password: string };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/**
 * Starts GraphiQL with the default query. With the demo sign-in bar, its button calls `login`
 * with the chosen demo user and the fetcher then sends "Authorization: Bearer <token>" with
 * every request, unless the headers editor sets one itself.
 */
const startScript = `(function () {
  var url = location.origin + '/graphql';
  var base = GraphiQL.createFetcher({ url: url });
  var token = null;
  var fetcher = function (params, opts) {
    opts = opts || {};
    var headers = Object.assign({}, opts.headers || {});
    var given = Object.keys(headers).some(function (k) { return k.toLowerCase() === 'authorization'; });
    if (token && !given) headers.Authorization = 'Bearer ' + token;
    return base(params, Object.assign({}, opts, { headers: headers }));
  };
  var bar = document.getElementById('demo-sign-in');
  if (bar) {
    var select = bar.querySelector('select');
    var status = bar.querySelector('.status');
    var show = function (text) { status.textContent = text; };
    bar.querySelector('form').addEventListener('submit', function (event) {
      event.preventDefault();
      var username = select.value;
      if (!username) { token = null; show('未登录 · not signed in'); return; }
      show('登录中… · signing in…');
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': navigator.language || 'zh-CN' },
        body: JSON.stringify({
          query: 'mutation DemoSignIn($input: LoginInput!) { login(input: $input) { accessToken user { displayName } userErrors { message } } }',
          variables: { input: { username: username, password: bar.dataset.password } }
        })
      }).then(function (res) { return res.json(); }).then(function (body) {
        var login = body.data && body.data.login;
        if (!login || !login.accessToken) {
          var problem = (login && login.userErrors[0]) || (body.errors && body.errors[0]);
          token = null;
          show('登录失败 · sign-in failed: ' + (problem ? problem.message : 'no token'));
          return;
        }
        token = login.accessToken;
        show('已登录 · signed in: ' + login.user.displayName + ' (' + username + ')');
      }, function (error) { token = null; show('登录失败 · sign-in failed: ' + error); });
    });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: document.getElementById('default-query').textContent
  }));
})();`;

/** The sign-in bar: server-rendered, so the page says who can be tried before scripts run. */
function signInBar(demo: GraphiQLOptions['demo']): string {
  if (!demo?.accounts.length) return '';
  const options = demo.accounts
    .map(
      (a) =>
        `<option value="${escapeHtml(a.username)}">${escapeHtml(a.displayName)} · ${escapeHtml(a.username)} (${escapeHtml(a.role)})</option>`,
    )
    .join('');
  return `<div id="demo-sign-in" data-password="${escapeHtml(demo.password)}">
    <form>
      <label>演示用户 Demo user
        <select><option value="">匿名 · anonymous</option>${options}</select>
      </label>
      <button type="submit">登录 Sign in</button>
      <span class="status">未登录 · not signed in</span>
    </form>
  </div>`;
}

function page(opts: GraphiQLOptions): string {
  const bar = signInBar(opts.demo);
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Lianxin GraphiQL</title>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS}/graphiql.min.css">
  <style>
    body { margin: 0; display: flex; flex-direction: column; height: 100vh; }
    #graphiql { flex: 1; min-height: 0; }
    #demo-sign-in { font: 14px system-ui, sans-serif; padding: 6px 12px; background: #f3f4f6; border-bottom: 1px solid #d1d5db; }
    #demo-sign-in form { display: flex; gap: 8px; align-items: center; margin: 0; }
    #demo-sign-in .status { color: #374151; }
  </style>
</head>
<body>
  ${bar}
  <div id="graphiql">Loading GraphiQL…</div>
  <script type="application/graphql" id="default-query">${DEFAULT_QUERY.replace(/<\//g, '<\\/')}</script>
  <script src="${GRAPHIQL_ASSETS}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/graphiql.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/start.js"></script>
</body>
</html>`;
}

const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
].join('; ');

/** True for a browser asking for a page: a GET with no GraphQL parameters that prefers HTML. */
export function wantsGraphiQL(req: Request): boolean {
  return (
    req.method === 'GET' &&
    req.query.query === undefined &&
    req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) ===
      'text/html'
  );
}

/** Sends the GraphiQL page (built once per options object). */
export function graphiqlPage(opts: GraphiQLOptions = {}): (res: Response) => void {
  const html = page(opts);
  return (res) => void res.set('Content-Security-Policy', csp).type('html').send(html);
}

export function graphiqlAssets(): Router {
  const router = express.Router();
  router.get('/start.js', (_req, res) => {
    res.set('Content-Security-Policy', csp).type('application/javascript').send(startScript);
  });
  for (const [name, file] of Object.entries(assets)) {
    router.get(`/${name}`, (_req, res) => res.sendFile(file, { maxAge: '1d' }));
  }
  return router;
}
