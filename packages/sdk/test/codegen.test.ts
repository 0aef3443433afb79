/**
 * The committed typed client is what `npm run codegen` makes of schema/schema.graphql and
 * schema/operations today (offline: both are files of the repository). An operation or schema
 * change without a new `npm run codegen` fails here, as `npm run codegen:check` fails in CI.
 * The codegen CLI runs with the project's config, writing to a scratch folder instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const GENERATED = 'packages/sdk/src/generated/graphql.ts';

it('packages/sdk/src/generated matches a fresh codegen run', () => {
  const cliPackage = require.resolve('@graphql-codegen/cli/package.json');
  const bin = join(dirname(cliPackage), 'esm/bin.js');
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-codegen-'));
  try {
    const fresh = join(dir, 'graphql.ts');
    writeFileSync(
      join(dir, 'codegen.ts'),
      [
        `import config from ${JSON.stringify(join(ROOT, 'codegen'))};`,
        `const output = config.generates[${JSON.stringify(GENERATED)}];`,
        `if (!output) throw new Error('codegen.ts no longer generates ${GENERATED}');`,
        `export default { ...config, generates: { ${JSON.stringify(fresh)}: output } };`,
      ].join('\n'),
    );
    execFileSync(process.execPath, [bin, '--config', join(dir, 'codegen.ts'), '--silent'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const committed = readFileSync(join(ROOT, GENERATED), 'utf8');
    // Compared as text: a stale file fails with the lines that differ. Run `npm run codegen`.
    expect(committed).toBe(readFileSync(fresh, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
