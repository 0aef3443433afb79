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

const startScript = `(function () {
  var url = location.origin + '/graphql';
  var fetcher = GraphiQL.createFetcher({ url: url });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: '# Lianxin (连心) public API.\\n# Add an "Authorization: Bearer <token>" header below to act as a user.\\n\\nquery Streets {\\n  streets(first: 10) {\\n    totalCount\\n    nodes { id code name district { name } }\\n  }\\n}\\n'
  }));
})();`;

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Lianxin GraphiQL</title>
  <link rel="stylesheet" href="${GRAPHIQL_ASSETS}/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSETS}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/graphiql.min.js"></script>
  <script src="${GRAPHIQL_ASSETS}/start.js"></script>
</body>
</html>`;

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

export function sendGraphiQL(res: Response): void {
  res.set('Content-Security-Policy', csp).type('html').send(page);
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
