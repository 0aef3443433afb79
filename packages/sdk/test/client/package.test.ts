import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../../../server/test/harness';

/**
 * `@lianxin/sdk/client` as a user outside this repository gets it: the packed tarball installed
 * into a scratch project runs from CommonJS and from an ES module, with its types; and the browser
 * bundle of the client stays small and free of Node built-ins.
 */
const run = promisify(execFile);
const SDK = resolve(__dirname, '../..');
const TSC = resolve(SDK, '../../node_modules/typescript/bin/tsc');

/** The environment of a child npm or node, without what `npm test` set for this repository. */
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

beforeAll(() => {
  if (
    !existsSync(join(SDK, 'dist/esm/client/index.js')) ||
    !existsSync(join(SDK, 'dist/client/index.js'))
  ) {
    throw new Error('The SDK is not built: run `npx tsc -b` first.');
  }
});

describe('the packed SDK in a project of its own', () => {
  let p: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    p = await startTestPlatform();
    dir = await mkdtemp(join(tmpdir(), 'lianxin-sdk-'));
  }, 60_000);
  afterAll(async () => {
    await p?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('installs, and runs a request from CommonJS and from an ES module, typed', async () => {
    const packed = await run('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: SDK,
      env: cleanEnv(),
    });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [
      { filename: string; files: { path: string }[] },
    ];
    const shipped = files.map((f) => f.path);
    expect(shipped).toEqual(
      expect.arrayContaining([
        'dist/client/index.js',
        'dist/client/index.d.ts',
        'dist/esm/package.json',
        'dist/esm/client/index.js',
        'dist/esm/client/index.d.ts',
        'dist/esm/operations.js',
        'src/client/index.ts',
      ]),
    );
    expect(shipped.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);

    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'scratch', version: '0.0.0', private: true }),
    );
    await run(
      'npm',
      [
        'install',
        join(dir, filename),
        'ws@^8',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
      ],
      { cwd: dir, env: cleanEnv(), timeout: 60_000 },
    );

    const common = (load: string) => `${load}
const url = process.env.LIANXIN_URL;
async function main() {
  const client = createClient({ url, token: process.env.LIANXIN_TOKEN, webSocketImpl: WebSocket });
  const { viewer } = await client.request(ViewerDocument);
  let streets = 0;
  for await (const street of client.paginate(StreetsDocument, {}, { pageSize: 4 })) if (street.code) streets++;
  let refused;
  try {
    await createClient({ url, token: 'not-a-token' }).request(ViewerDocument);
  } catch (error) {
    refused = error instanceof LianxinApiError && error.code;
  }
  let invalid;
  try {
    for await (const _ of client.subscribe('subscription { noSuchField }')) break;
  } catch (error) {
    invalid = error instanceof LianxinApiError && error.code;
  }
  await client.dispose();
  return { role: viewer.role, streets, refused, invalid };
}`;
    await writeFile(
      join(dir, 'main.cjs'),
      `${common(`const { createClient, LianxinApiError } = require('@lianxin/sdk/client');
const { StreetsDocument, ViewerDocument } = require('@lianxin/sdk/operations');
const WebSocket = require('ws');`)}
main().then((r) => console.log(JSON.stringify({ ...r, from: require.resolve('@lianxin/sdk/client') })), (e) => { console.error(e); process.exit(1); });
`,
    );
    await writeFile(
      join(dir, 'main.mjs'),
      `${common(`import { createClient, LianxinApiError } from '@lianxin/sdk/client';
import { StreetsDocument, ViewerDocument } from '@lianxin/sdk/operations';
import WebSocket from 'ws';`)}
console.log(JSON.stringify({ ...(await main()), from: import.meta.resolve('@lianxin/sdk/client') }));
`,
    );
    const env = { ...cleanEnv(), LIANXIN_URL: p.url, LIANXIN_TOKEN: ADMIN_TOKEN };
    const expected = {
      role: 'PLATFORM_ADMIN',
      streets: 6,
      refused: 'UNAUTHENTICATED',
      invalid: 'GRAPHQL_VALIDATION_FAILED',
    };
    const cjs = JSON.parse((await run('node', ['main.cjs'], { cwd: dir, env })).stdout);
    expect(cjs).toMatchObject(expected);
    expect(cjs.from).toMatch(/node_modules\/@lianxin\/sdk\/dist\/client\/index\.js$/);
    const esm = JSON.parse((await run('node', ['main.mjs'], { cwd: dir, env })).stdout);
    expect(esm).toMatchObject(expected);
    expect(esm.from).toMatch(/node_modules\/@lianxin\/sdk\/dist\/esm\/client\/index\.js$/);

    // The types, from both builds: typed results, and wrong variables do not compile.
    const check = (load: string) => `${load}
const client = createClient({ url: 'http://localhost:4000/graphql' });
export async function typed(): Promise<string> {
  const data = await client.request(StreetsDocument, { first: 2 });
  // @ts-expect-error: no such field
  void data.streets.nope;
  // @ts-expect-error: first is an Int
  await client.request(StreetsDocument, { first: 'two' });
  for await (const street of client.paginate(StreetsDocument, {})) return street.code;
  return '';
}
`;
    await writeFile(
      join(dir, 'check.mts'),
      check(`import { createClient } from '@lianxin/sdk/client';
import { StreetsDocument } from '@lianxin/sdk/operations';`),
    );
    await writeFile(
      join(dir, 'check.cts'),
      check(`import { createClient } from '@lianxin/sdk/client';
import { StreetsDocument } from '@lianxin/sdk/operations';`),
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          noEmit: true,
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2023', 'dom'],
          types: [],
        },
        files: ['check.mts', 'check.cts'],
      }),
    );
    const tsc = await run('node', [TSC, '-p', '.', '--traceResolution'], {
      cwd: dir,
      env: cleanEnv(),
      maxBuffer: 64 * 1024 * 1024,
    }).catch((e: { stdout: string }) => {
      throw new Error(
        e.stdout
          .split('\n')
          .filter((l) => /error TS/.test(l))
          .join('\n'),
      );
    });
    expect(tsc.stdout).toMatch(/dist\/esm\/client\/index\.d\.ts/);
    expect(tsc.stdout).toMatch(/dist\/client\/index\.d\.ts/);
  }, 90_000);
});

describe('the browser bundle of the client', () => {
  it('has no Node built-ins and is under 20 KB minified and gzipped', async () => {
    const result = await build({
      stdin: {
        contents: `import { createClient } from '@lianxin/sdk/client';
const client = createClient({ url: '/graphql' });
export async function main() {
  console.log(await client.request('{ viewer { role } }'));
  for await (const grid of client.paginate(
    'query($after: String) { grids(after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }',
  )) console.log(grid);
  for await (const event of client.subscribe(
    'subscription($after: String) { caseEvents(after: $after) { cursor type } }',
  )) console.log(event);
}`,
        resolveDir: SDK,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const text = result.outputFiles[0]!.text;
    const inputs = Object.keys(result.metafile.inputs);
    // The ES module build, graphql-ws's client, nothing of the plugin part.
    expect(inputs.some((i) => i.endsWith('sdk/dist/esm/client/subscribe.js'))).toBe(true);
    expect(inputs.some((i) => i.includes('graphql-ws/dist/client.js'))).toBe(true);
    expect(
      inputs.filter((i) => /zod|plugin|node_modules\/graphql\/|node_modules\/ws\//.test(i)),
    ).toEqual([]);
    expect(text).not.toMatch(/["'`]node:/);
    expect(text).not.toMatch(/\brequire\(/);
    const gzipped = gzipSync(text).length;
    console.log(
      `@lianxin/sdk/client browser bundle: ${text.length} B minified, ${gzipped} B gzipped`,
    );
    expect(gzipped).toBeLessThan(20 * 1024);
    // What a page of the platform's own would ship is the same file.
    expect(await readFile(join(SDK, 'dist/esm/client/index.js'), 'utf8')).toMatch(/createClient/);
  });
});
