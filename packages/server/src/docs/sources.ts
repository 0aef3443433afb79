/**
 * The Markdown files of `docs/` and the samples the guides show: a fenced block whose info string
 * names `file=path` (relative to the guide) holds that file's text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { docsDir } from './site';

/** Markdown files under `dir`, recursively, as absolute paths (sorted). */
export function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) found.push(...markdownFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
  }
  return found.sort();
}

/** A fenced block whose info string names its source: ```ts file=samples/x.ts */
const SAMPLE_BLOCK = /^(```+)([^\n`]*?)\bfile=(\S+)([^\n`]*)\n([\s\S]*?)^\1[ \t]*$/gm;

export interface SampleBlock {
  /** The file the block names, absolute. */
  file: string;
  /** The block's text as it is in the guide. */
  body: string;
}

/** The sample blocks of a guide. */
export function sampleBlocks(markdownFile: string, markdown: string): SampleBlock[] {
  return [...markdown.matchAll(SAMPLE_BLOCK)].map((m) => ({
    file: path.resolve(path.dirname(markdownFile), m[3]!),
    body: m[5]!,
  }));
}

/** The guide with every sample block holding its file's current text. */
export function inlineSamples(markdownFile: string, markdown: string): string {
  return markdown.replace(
    SAMPLE_BLOCK,
    (_all, fence: string, before: string, file: string, after: string) => {
      const source = path.resolve(path.dirname(markdownFile), file);
      if (!existsSync(source)) {
        throw new Error(
          `${path.relative(docsDir, markdownFile)}: the sample ${file} does not exist`,
        );
      }
      const body = readFileSync(source, 'utf8');
      return `${fence}${before}file=${file}${after}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
    },
  );
}
