/**
 * Docs that cannot rot: the generated reference and the inlined samples are what `npm run docs`
 * writes now; the errors guide's table names every code the code can answer; every link between
 * the docs leads somewhere; and docs/ refers to nothing outside the repository.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, isEnumType, parse, validate } from 'graphql';
import MarkdownIt from 'markdown-it';
import { markdownFiles } from '../../src/docs/sources';
import { slug } from '../../src/docs/reference';
import { docsDir } from '../../src/docs/site';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('npm run docs', () => {
  it('has been run: the committed reference and guides are what it writes now', async () => {
    // In a process of its own: Prettier, which formats the reference, loads itself as ESM.
    const check = await run(process.execPath, ['packages/server/dist/docs/build.js', '--check'], {
      cwd: root,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(error.stderr || error.message);
    });
    expect(check.stdout).toContain('up to date');
  }, 60_000);

  it('documents every field of the contract, and marks its personal data', () => {
    const schema = buildSchema(read('schema/schema.graphql'));
    const objects = read('docs/reference/objects.md');
    expect(objects).toMatch(
      /- \*\*`phone`\*\*: \[`String`\]\(scalars\.md#string\) — .* \*\*Personal data\*\* \(`PHONE`\)/,
    );
    const reference = ['query', 'mutation', 'subscription', 'objects', 'inputs', 'enums']
      .map((page) => read(`docs/reference/${page}.md`))
      .join('\n');
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type || isEnumType(type))) continue;
      if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) {
        if (!reference.includes(`### ${type.name}\n`)) missing.push(type.name);
      }
      const names = isEnumType(type)
        ? type.getValues().map((v) => `- \`${v.name}\``)
        : Object.values(type.getFields()).map((f) =>
            ['Query', 'Mutation', 'Subscription'].includes(type.name)
              ? `### ${f.name}\n`
              : `\`${f.name}\``,
          );
      for (const name of names) if (!reference.includes(name)) missing.push(`${type.name} ${name}`);
    }
    expect(missing).toEqual([]);
  });
});

/** The string literals of a TypeScript union type in `source`. */
function unionMembers(source: string, typeName: string): string[] {
  const body = new RegExp(`export type ${typeName} =([^;]*);`).exec(source)?.[1];
  if (!body) throw new Error(`No union ${typeName} found`);
  return [...body.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('the table of error codes (docs/guides/errors-and-limits.md)', () => {
  const guide = read('docs/guides/errors-and-limits.md');
  const rows = [...guide.matchAll(/^\| `([A-Z_]+)` +\| *(✓)? *\| *(✓)? *\|/gm)];
  const inErrors = new Set(rows.filter((r) => r[2]).map((r) => r[1]!));
  const inUserErrors = new Set(rows.filter((r) => r[3]).map((r) => r[1]!));

  it('names every user error code: the UserErrorCode of the code and of the schema', () => {
    const kernel = read('packages/server/src/domain/shared/errors.ts');
    const schema = buildSchema(read('schema/schema.graphql'));
    const enumType = schema.getType('UserErrorCode');
    if (!isEnumType(enumType)) throw new Error('UserErrorCode is not an enum');
    const expected = new Set([
      ...unionMembers(kernel, 'UserErrorCode'),
      ...enumType.getValues().map((v) => v.name),
    ]);
    expect([...inUserErrors].sort()).toEqual([...expected].sort());
  });

  it('names every extensions.code the server, the SDK and the bundled plugins can answer', () => {
    const kernel = read('packages/server/src/domain/shared/errors.ts');
    const masking = read('packages/server/src/graphql/errors.ts');
    const publicCodes = /const PUBLIC_CODES = new Set\(\[([^\]]*)\]/.exec(masking)?.[1];
    expect(publicCodes).toBeDefined();
    const expected = new Set([
      'INTERNAL_SERVER_ERROR',
      ...unionMembers(kernel, 'PublicErrorCode'),
      ...[...publicCodes!.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!),
    ]);
    // Codes set where errors are made: request errors, GraphQL errors' extensions, public errors.
    const places = [
      /requestError\(\s*\d+,\s*'([A-Z_]+)'/g,
      /extensions:\s*\{[^}]*?\bcode:\s*'([A-Z_]+)'/g,
      /new PublicError\(\s*'([A-Z_]+)'/g,
    ];
    const dirs = [
      'packages/server/src',
      'packages/sdk/src',
      ...readdirSync(path.join(root, 'packages/plugins'), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `packages/plugins/${e.name}/src`),
    ];
    const found = new Map<string, string>();
    for (const dir of dirs) {
      // Open311 answers in its own format (docs/open311.md).
      for (const file of sourceFiles(path.join(root, dir)).filter((f) => !f.includes('open311'))) {
        const text = readFileSync(file, 'utf8');
        for (const pattern of places) {
          for (const m of text.matchAll(pattern)) found.set(m[1]!, path.relative(root, file));
        }
      }
    }
    for (const code of found.keys()) expected.add(code);
    const missing = [...expected].filter((c) => !inErrors.has(c));
    if (missing.length) {
      throw new Error(
        `docs/guides/errors-and-limits.md has no row for ${missing
          .map((c) => `${c}${found.has(c) ? ` (${found.get(c)})` : ''}`)
          .join(', ')}`,
      );
    }
    expect([...inErrors].filter((c) => !expected.has(c))).toEqual([]);
  });
});

describe('GraphQL in the docs', () => {
  it('every graphql block of docs/ is valid against the contract', () => {
    const schema = buildSchema(read('schema/schema.graphql'));
    const md = new MarkdownIt();
    const invalid: string[] = [];
    for (const file of markdownFiles(docsDir)) {
      for (const t of md.parse(readFileSync(file, 'utf8'), {})) {
        if (t.type !== 'fence' || t.info.trim().split(/\s+/)[0] !== 'graphql') continue;
        const where = `${path.relative(root, file)}:${t.map![0] + 1}`;
        try {
          for (const e of validate(schema, parse(t.content)))
            invalid.push(`${where}: ${e.message}`);
        } catch (e) {
          invalid.push(`${where}: ${(e as Error).message}`);
        }
      }
    }
    expect(invalid).toEqual([]);
  });
});

describe('links', () => {
  const md = new MarkdownIt({ html: true });
  const anchors = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let found = anchors.get(file);
    if (!found) {
      found = new Set();
      const seen = new Map<string, number>();
      const tokens = md.parse(readFileSync(file, 'utf8'), {});
      for (const [i, t] of tokens.entries()) {
        if (t.type !== 'heading_open') continue;
        const base = slug(tokens[i + 1]!.children!.map((c) => c.content).join(''));
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        found.add(n ? `${base}-${n}` : base);
      }
      anchors.set(file, found);
    }
    return found;
  };

  it('every link between documents leads to a file of the repository and an anchor in it', () => {
    const broken: string[] = [];
    for (const file of [...markdownFiles(docsDir), path.join(root, 'README.md')]) {
      const check = (href: string) => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return;
        const [target = '', anchor] = href.split('#');
        const resolved = target ? path.resolve(path.dirname(file), target) : file;
        const where = `${path.relative(root, file)} → ${href}`;
        if (path.relative(root, resolved).startsWith('..')) broken.push(`${where} (outside)`);
        else if (!existsSync(resolved)) broken.push(`${where} (no such file)`);
        else if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
          broken.push(`${where} (no such heading)`);
        }
      };
      const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
        for (const t of tokens) {
          if (t.type === 'link_open') check(t.attrGet('href') ?? '');
          if (t.children) walk(t.children);
        }
      };
      walk(md.parse(readFileSync(file, 'utf8'), {}));
    }
    expect(broken).toEqual([]);
  });

  it('docs/ stands alone: it refers to no guide outside the repository', () => {
    const outside = /\/work\/|DOMAIN\.md|DESIGN\.md|STYLE\.md|house\.json/;
    const offending = markdownFiles(docsDir)
      .filter((file) => outside.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(offending).toEqual([]);
  });
});
