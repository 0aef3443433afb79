/**
 * The typed client's promise, held by the compiler: `types/client-types.ts` compiles, and each of
 * its `@ts-expect-error` lines stops a real error of its own — without the directives, tsc
 * reports an error on exactly the line under each one, and nowhere else.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TYPES_DIR = join(__dirname, 'types');
const ROOT = join(__dirname, '../../..');
const tsc = require.resolve('typescript/bin/tsc');

function compile(project: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(process.execPath, [tsc, '--noEmit', '-p', project], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the typed client under tsc', () => {
  it('compiles the right usages, and every expected error is one', () => {
    const result = compile(TYPES_DIR);
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 60_000);

  it('without the directives, each marked line is an error, and no other line', () => {
    const source = readFileSync(join(TYPES_DIR, 'client-types.ts'), 'utf8');
    const lines = source.split('\n');
    const marked = lines.flatMap((line, i) =>
      /^\s*\/\/ @ts-expect-error\b/.test(line) ? [i] : [],
    );
    expect(marked.length).toBeGreaterThanOrEqual(10);
    // Blank the directives in place, so line numbers stay; imports point back at the SDK.
    const unchecked = lines
      .map((line, i) => (marked.includes(i) ? '' : line))
      .join('\n')
      .replace(/from '\.\.\/\.\.\/src'/g, `from ${JSON.stringify(join(__dirname, '../src'))}`);
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-client-types-'));
    try {
      writeFileSync(join(dir, 'client-types.ts'), unchecked);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: join(TYPES_DIR, 'tsconfig.json'),
          compilerOptions: { typeRoots: [join(ROOT, 'node_modules/@types')] },
          files: ['client-types.ts'],
        }),
      );
      const result = compile(dir);
      expect(result.ok).toBe(false);
      const errorLines = [
        ...new Set(
          [...result.output.matchAll(/client-types\.ts\((\d+),\d+\): error/g)].map(
            (m) => Number(m[1]) - 1,
          ),
        ),
      ].sort((a, b) => a - b);
      // The line under each directive (zero-based: directive line + 1).
      expect(errorLines).toEqual(marked.map((i) => i + 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
