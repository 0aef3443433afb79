import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { buildSite, type Site } from './site';

export const DOCS_PATH = '/docs';

const csp = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `/docs`: the guides and the API reference as HTML, rendered from `dir` (the repository's
 * `docs/`, which `npm run docs` keeps current) on the first request and held in memory. Only
 * paths of the rendered site are answered; anything else is a 404, a path that is not valid
 * percent-encoding a 400.
 */
export function docsHttp(dir: string): Router {
  let site: Site | undefined;
  const router = express.Router({ strict: true });
  router.get(/.*/, (req, res) => {
    // `/docs` itself: relative links on the index need the trailing slash.
    if (req.originalUrl === DOCS_PATH || req.originalUrl.startsWith(`${DOCS_PATH}?`)) {
      res.redirect(301, `${DOCS_PATH}/`);
      return;
    }
    let wanted: string;
    try {
      wanted = decodeURIComponent(req.path);
    } catch {
      res.status(400).type('text').send('Bad request: the path is not valid percent-encoding.');
      return;
    }
    if (!site && !existsSync(dir)) {
      res.status(404).type('text').send('The documentation is not installed with this server.');
      return;
    }
    site ??= buildSite(dir);
    const found = site.get(wanted) ?? site.get(wanted.replace(/\/index\.html$/, '/'));
    if (!found) {
      res
        .status(404)
        .type('text')
        .send(`No page ${wanted} in the documentation; the index is ${DOCS_PATH}/.`);
      return;
    }
    res.set({
      'Content-Type': found.contentType,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      // The pages change only with a new deployment: revalidate, and a 304 costs nothing.
      'Cache-Control': 'no-cache',
      ETag: found.etag,
    });
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.send(found.body);
  });
  return router;
}
