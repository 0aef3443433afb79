// Bundles the case board's page (docs/board.md) into the server's dist, where `/board` serves it
// from: one script and one stylesheet, from npm packages only. Run by `npm run build`,
// `npm start` and `npm test` after `tsc -b`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, '../dist/board-app');

await build({
  // main.ts imports board.css: esbuild writes it beside the script as board.css.
  entryPoints: { board: path.join(here, 'main.ts') },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  legalComments: 'none',
  logLevel: 'warning',
});
