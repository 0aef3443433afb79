/**
 * The documentation as a website: every Markdown file under `docs/` (the guides, the topic pages
 * and the generated reference) rendered to HTML with markdown-it, plus the images and samples beside them
 * and one stylesheet. Pages are held in memory by URL path, so serving one never touches the file
 * system with a path a caller chose.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { slug } from './reference';

/** The repository's `docs/` folder. */
export const docsDir = path.resolve(__dirname, '../../../../docs');

export interface SiteFile {
  contentType: string;
  body: Buffer;
  /** A strong validator of the body. */
  etag: string;
}

/** URL path below `/docs` (e.g. `/guides/quickstart.html`) → file. */
export type Site = Map<string, SiteFile>;

const FILES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  // The guides' samples, linked from them, shown as text.
  '.sh': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.graphql': 'text/plain; charset=utf-8',
};

export const STYLESHEET = '/style.css';

const css = `:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --code: #151b23; --link: #4493f8; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
header { border-bottom: 1px solid var(--line); padding: 0.6rem 1.5rem; display: flex; gap: 1.2rem; flex-wrap: wrap; }
header a { font-weight: 600; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.6em; }
h1 { border-bottom: 1px solid var(--line); padding-bottom: 0.3em; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.2em; }
code, pre { font: 0.9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: 6px; }
code { padding: 0.1em 0.3em; }
pre { padding: 0.8rem 1rem; overflow-x: auto; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.7rem; vertical-align: top; }
blockquote { margin: 0; padding: 0 1em; color: var(--muted); border-left: 0.25em solid var(--line); }
img { max-width: 100%; }
li > p { margin: 0.25em 0; }
`;

function file(contentType: string, body: string | Buffer): SiteFile {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { contentType, body: bytes, etag };
}

/** The URL path (below `/docs`) of a Markdown file's page: `README.md` is its folder's index. */
export function pagePath(relative: string): string {
  const posix = relative.split(path.sep).join('/');
  return `/${posix.replace(/(^|\/)README\.md$/, '$1').replace(/\.md$/, '.html')}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * markdown-it with GitHub's heading anchors, and links between Markdown files turned into links
 * between pages. A link that leaves `docs/` (to the source code) keeps its text, not its target:
 * the site is served without the repository.
 */
function renderer(dir: string): MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  md.core.ruler.push('lianxin_docs', (state) => {
    const seen = new Map<string, number>();
    const from = state.env as { file: string };
    for (const [i, token] of state.tokens.entries()) {
      if (token.type === 'heading_open') {
        const inline = state.tokens[i + 1];
        const base = slug(inline?.children?.map((c) => c.content).join('') ?? '');
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        token.attrSet('id', n ? `${base}-${n}` : base);
      }
      if (token.type !== 'inline' || !token.children) continue;
      const dropped: number[] = [];
      for (const [j, child] of token.children.entries()) {
        if (child.type !== 'link_open') continue;
        const href = child.attrGet('href') ?? '';
        if (/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href)) continue;
        const [target = '', anchor] = href.split('#');
        const resolved = path.resolve(path.dirname(from.file), decodeURIComponent(target));
        const relative = path.relative(dir, resolved);
        if (relative.startsWith('..') || path.isAbsolute(relative) || !existsSync(resolved)) {
          dropped.push(j);
          continue;
        }
        const page = resolved.endsWith('.md')
          ? pagePath(relative)
          : `/${relative.split(path.sep).join('/')}`;
        child.attrSet('href', `/docs${page}${anchor !== undefined ? `#${anchor}` : ''}`);
      }
      // A dropped link's text stays; its open and matching close tokens go.
      for (const j of dropped.reverse()) {
        let depth = 0;
        for (let k = j + 1; k < token.children.length; k++) {
          const t = token.children[k]!;
          if (t.type === 'link_open') depth++;
          if (t.type === 'link_close' && depth-- === 0) {
            token.children.splice(k, 1);
            break;
          }
        }
        token.children.splice(j, 1);
      }
    }
  });
  return md;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Lianxin docs</title>
<link rel="stylesheet" href="/docs${STYLESHEET}">
</head>
<body>
<header><a href="/docs/">Lianxin docs</a><a href="/docs/guides/">Guides</a><a href="/docs/reference/">API reference</a><a href="/graphql">GraphiQL</a></header>
<main>
${body}</main>
</body>
</html>
`;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...walk(full));
    else if (entry.isFile()) found.push(full);
  }
  return found.sort();
}

/** The site built from the Markdown and images under `dir`. */
export function buildSite(dir: string): Site {
  const md = renderer(dir);
  const site: Site = new Map([[STYLESHEET, file('text/css; charset=utf-8', css)]]);
  for (const full of walk(dir)) {
    const relative = path.relative(dir, full);
    const ext = path.extname(full).toLowerCase();
    if (ext === '.md') {
      const tokens = md.parse(readFileSync(full, 'utf8'), { file: full });
      const h1 = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
      const title = h1 >= 0 ? tokens[h1 + 1]!.content : path.basename(full, '.md');
      const html = md.renderer.render(tokens, md.options, { file: full });
      site.set(pagePath(relative), file('text/html; charset=utf-8', page(title, html)));
    } else if (FILES[ext]) {
      site.set(`/${relative.split(path.sep).join('/')}`, file(FILES[ext], readFileSync(full)));
    }
  }
  return site;
}
