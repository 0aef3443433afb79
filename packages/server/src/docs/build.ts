/**
 * What `npm run docs` writes: the API reference (`docs/reference/*.md`, from
 * `schema/schema.graphql`) and the code samples inlined into the guides (a fenced block whose
 * info string names `file=path` holds that file's text, so the guides show the samples the
 * tests run). `docsOutput()` computes every file in memory; the tests compare it with what is
 * committed, so stale docs fail CI with the command that fixes them.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import * as prettier from 'prettier';
import { referencePages } from './reference';
import { docsDir } from './site';
import { inlineSamples, markdownFiles } from './sources';

const contract = path.resolve(__dirname, '../../../../schema/schema.graphql');

/** Formats Markdown as `npm run format` would, so that the output passes `prettier --check`. */
async function formatted(file: string, markdown: string): Promise<string> {
  const options = await prettier.resolveConfig(file);
  return prettier.format(markdown, { ...options, filepath: file });
}

/** Every file `npm run docs` writes, by absolute path. */
export async function docsOutput(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const schema = buildSchema(readFileSync(contract, 'utf8'));
  for (const [name, markdown] of referencePages(schema)) {
    const file = path.join(docsDir, 'reference', name);
    out.set(file, await formatted(file, markdown));
  }
  for (const file of markdownFiles(docsDir)) {
    if (out.has(file)) continue;
    const markdown = readFileSync(file, 'utf8');
    const inlined = inlineSamples(file, markdown);
    if (inlined !== markdown) out.set(file, inlined);
  }
  return out;
}

/** The files whose committed text differs from what `npm run docs` writes. */
export async function staleDocs(): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, text] of await docsOutput()) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(file);
  }
  return stale;
}

/** `npm run docs` writes the files; `npm run docs:check` (CI) fails naming those out of date. */
async function main(args: string[]): Promise<number> {
  if (args.includes('--check')) {
    const stale = (await staleDocs()).map((f) => path.relative(process.cwd(), f));
    if (!stale.length) {
      console.log('The reference and the guides are up to date.');
      return 0;
    }
    console.error(
      `These files are not what \`npm run docs\` writes (the schema or a sample changed):\n${stale
        .map((f) => `  ${f}`)
        .join('\n')}\nRun \`npm run docs\` and commit the result.`,
    );
    return 1;
  }
  const output = await docsOutput();
  let written = 0;
  for (const [file, text] of output) {
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    written++;
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  console.log(`${written} of ${output.size} documentation files changed.`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
