import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, runCli } from './cli';

/**
 * `.env` in the working directory configures the CLI as `.env.example` suggests, and a variable
 * of the real environment wins over the file. `lianxin migrate` against a port where nothing
 * listens fails at once and names the address it tried, which shows which DATABASE_URL it read.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folderWith(dotEnv: string | null): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-dotenv-'));
  dirs.push(dir);
  if (dotEnv !== null) writeFileSync(path.join(dir, '.env'), dotEnv);
  return dir;
}

const refused = (port: number) =>
  `the database refused the connection (ECONNREFUSED 127.0.0.1:${port})`;

it('reads DATABASE_URL from .env in the working directory (comments and quotes as in .env.example)', async () => {
  const port = await freePort();
  const cwd = folderWith(
    `# Lianxin configuration\nLOG_LEVEL=silent\nDATABASE_URL="postgres://nobody@127.0.0.1:${port}/none"\n`,
  );
  const run = runCli(['migrate'], {}, { cwd });
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toContain(refused(port));
});

it('lets the real environment win over .env', async () => {
  const [inFile, inEnv] = [await freePort(), await freePort()];
  const cwd = folderWith(
    `LOG_LEVEL=loud\nDATABASE_URL=postgres://nobody@127.0.0.1:${inFile}/none\n`,
  );
  const run = runCli(
    ['migrate'],
    { LOG_LEVEL: 'silent', DATABASE_URL: `postgres://nobody@127.0.0.1:${inEnv}/none` },
    { cwd },
  );
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toContain(refused(inEnv));
  expect(run.stderr()).not.toContain('Invalid configuration');
});

it('checks what .env sets like any other setting', async () => {
  const cwd = folderWith('LOG_LEVEL=loud\n');
  const run = runCli(['migrate'], {}, { cwd });
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toMatch(/Invalid configuration:\n\s+LOG_LEVEL: /);
});

it('runs without a .env', async () => {
  const port = await freePort();
  const cwd = folderWith(null);
  const run = runCli(
    ['migrate'],
    { LOG_LEVEL: 'silent', DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none` },
    { cwd },
  );
  expect(await run.exited).toBe(1);
  expect(run.stderr()).toContain(refused(port));
});
