import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestPlatform, type TestPlatform } from '../harness';
import { cli, runCli } from './cli';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const MICRO_WISH = '@lianxin/plugin-micro-wish';

describe('lianxin plugin new', () => {
  const scratch = path.join(root, '.scaffold-tmp', `t${process.pid}`);
  beforeAll(() => mkdirSync(scratch, { recursive: true }));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates a plugin package whose own test passes against a real platform', async () => {
    const dir = path.join(scratch, 'street-notices');
    await run(process.execPath, [cli, 'plugin', 'new', 'street-notices', '--dir', dir], {
      cwd: root,
    });
    expect(
      JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies,
    ).toHaveProperty('@lianxin/sdk');
    // It type-checks against the SDK as published (its built declarations) …
    await run(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--noEmit'],
      { cwd: root },
    );
    // … and its test passes, run by jest as its author would run it.
    const jest = await run(
      process.execPath,
      [
        path.join(root, 'node_modules/jest/bin/jest.js'),
        '--rootDir',
        dir,
        '--config',
        path.join(dir, 'jest.config.js'),
        '--ci',
      ],
      { cwd: dir, env: { ...process.env, LOG_LEVEL: 'silent' } },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the scaffolded test failed:\n${error.stderr ?? ''}${error.stdout ?? ''}`);
    });
    expect(jest.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
  }, 180_000);

  it('refuses a bad name and an existing folder, saying why', async () => {
    const bad = runCli(['plugin', 'new', 'Bad_Name', '--dir', path.join(scratch, 'x')], {});
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/"Bad_Name" is not a plugin name/);
    mkdirSync(path.join(scratch, 'taken'));
    const taken = runCli(['plugin', 'new', 'taken', '--dir', path.join(scratch, 'taken')], {});
    expect(await taken.exited).toBe(1);
    expect(taken.stderr()).toMatch(/exists already/);
  });
});

describe('lianxin plugin check', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ plugins: [MICRO_WISH] });
  });
  afterAll(() => p?.stop());

  const check = async () => {
    const r = runCli(['plugin', 'check'], {
      DATABASE_URL: p.config.DATABASE_URL!,
      LIANXIN_PLUGINS: MICRO_WISH,
      LOG_LEVEL: 'silent',
    });
    return { code: await r.exited, out: r.output() };
  };

  it('reports no drift on a migrated database, then each kind of drift, and exits 1', async () => {
    expect(await check()).toEqual({ code: 0, out: expect.stringMatching(/no drift: micro-wish/) });
    await p.db.query(`ALTER TABLE plugin_micro_wish.wish NO FORCE ROW LEVEL SECURITY`);
    await p.db.query(`UPDATE plugin_migration SET checksum = 'edited' WHERE plugin = 'micro-wish'`);
    await p.db.query(
      `INSERT INTO plugin_migration (plugin, name, checksum) VALUES ('micro-wish', '000-gone', 'x')`,
    );
    const drift = await check();
    expect(drift.code).toBe(1);
    expect(drift.out).toMatch(
      /micro-wish: CHANGED: migration 001-wishes was changed after it was applied/,
    );
    expect(drift.out).toMatch(
      /micro-wish: UNKNOWN: migration 000-gone is applied but not in the plugin/,
    );
    expect(drift.out).toMatch(
      /micro-wish: UNSECURED: table wish: row-level security is not forced/,
    );
  });
});
