import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gid } from '../actors';
import { startTestPlatform, type TestInstance, type TestPlatform } from '../harness';

/**
 * docs/examples, run as an integrator runs them (the built programs, as child processes) against
 * a platform with the demo data, their output checked against the database.
 */
const root = path.resolve(__dirname, '../../../..');
const examples = path.join(root, 'docs/examples');
const NANJIE = '621002001';

let p: TestPlatform;
let token: string;

beforeAll(async () => {
  p = await startTestPlatform({ seed: 'demo' });
  const res = await p.gql<any>(
    `mutation { login(input: { username: "nanjie.admin", password: "lianxin-demo-2024" }) { accessToken } }`,
    {},
    { as: 'anonymous' },
  );
  token = res.body.data.login.accessToken;
}, 120_000);
afterAll(() => p?.stop());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts an example; `done` resolves with what it printed once it exits. */
function start(program: string, args: string[], url = p.url) {
  const child = spawn(process.execPath, [path.join(examples, 'dist', `${program}.js`), ...args], {
    cwd: root,
    // Only what the example reads: nothing of the caller's environment leaks in.
    env: { PATH: process.env.PATH, LIANXIN_URL: url, LIANXIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    child,
    done,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

const run = (program: string, args: string[]) => start(program, args).done;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('import-cases.ts', () => {
  it('imports the CSV once: a second run creates nothing new, and a bad row is refused both times', async () => {
    const csv = path.join(examples, 'cases.csv');
    const first = await run('import-cases', [csv]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1); // a row was refused
    const created = [...first.stdout.matchAll(/^row (\d) (\S+): created (\S+)$/gm)];
    expect(created.map((m) => m[2])).toEqual([
      '12345-20261201-001',
      '12345-20261201-002',
      '12345-20261201-003',
    ]);
    expect(first.stdout).toContain(
      'row 5 12345-20261201-004: refused: no grid with code 999999999999 that this key may see',
    );
    expect(first.stdout.trim().split('\n').at(-1)).toBe('created 3, already imported 0, refused 1');

    const again = await run('import-cases', [csv]);
    expect(again.code).toBe(1);
    for (const [, rowNo, ref, number] of created)
      expect(again.stdout).toContain(`row ${rowNo} ${ref}: already imported as ${number}`);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('created 0, already imported 3, refused 1');

    // In the database: the three cases, once each, as the server numbered them.
    const rows = await p.db.query<{ number: string; ref: string }>(
      `SELECT number, external_ref AS ref FROM case_file WHERE external_ref LIKE '12345-20261201-%' ORDER BY external_ref`,
    );
    expect(rows.map((r) => [r.ref, r.number])).toEqual(created.map((m) => [m[2], m[3]]));
  });

  it('says what is wrong with its input', async () => {
    const empty = await run('import-cases', []);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Usage: import-cases <file.csv>');
    const dir = mkdtempSync(path.join(tmpdir(), 'lianxin-csv-'));
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'externalReference,title\nx,y\n');
    const headerless = await run('import-cases', [bad]);
    expect(headerless.code).toBe(2);
    expect(headerless.stderr).toContain(
      'the header lacks gridCode, categoryCode, urgency, description, address',
    );
  });
});

describe('overdue-by-grid.ts', () => {
  it("reports the street's overdue cases by grid, as the database has them", async () => {
    const expected = await p.db.query<{ code: string; n: number }>(
      `SELECT g.code, count(*)::int AS n FROM case_file c JOIN grid g ON g.id = c.grid_id
       JOIN street s ON s.id = c.street_id
       WHERE s.code = $1 AND c.status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','VERIFYING')
         AND c.due_at < now()
       GROUP BY g.code ORDER BY n DESC, g.code`,
      [NANJIE],
    );
    const total = expected.reduce((n, g) => n + g.n, 0);
    expect(total).toBeGreaterThan(0); // the demo data has overdue cases

    const report = await run('overdue-by-grid', [NANJIE]);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const [head, ...lines] = report.stdout.trim().split('\n');
    expect(head).toBe(`南街街道: ${total} overdue cases in ${expected.length} grids`);
    expect(lines.map((l) => l.split('\t').slice(0, 3).join(' '))).toEqual(
      expected.map((g) => expect.stringMatching(new RegExp(`^${g.code} \\S+ ${g.n}$`))),
    );
  });

  it('refuses a malformed street code', async () => {
    const bad = await run('overdue-by-grid', ['62100']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: overdue-by-grid <street code, 9 digits>');
  });
});

describe('tail-events.ts', () => {
  let server: TestInstance | undefined;
  let tail: ReturnType<typeof start> | undefined;
  afterEach(async () => {
    tail?.child.kill('SIGKILL');
    await server?.stop();
  });

  /** Reports a case in 南街 through the platform (not the tail's server); its event id. */
  async function report(title: string): Promise<void> {
    const ids = await p.db.query<{ street: string; grid: string; category: string }>(
      `SELECT s.id::text AS street, (SELECT id::text FROM grid WHERE street_id = s.id AND level = 'COMMUNITY' ORDER BY code LIMIT 1) AS grid,
         (SELECT id::text FROM case_category WHERE street_id IS NULL AND code = '0101') AS category
       FROM street s WHERE s.code = $1`,
      [NANJIE],
    );
    const { street, grid, category } = ids[0]!;
    const res = await p.gql<any>(
      `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { number } userErrors { message } } }`,
      {
        input: {
          streetId: gid('Street', street),
          gridId: gid('Grid', grid),
          categoryId: gid('CaseCategory', category),
          title,
          urgency: 'B',
        },
      },
      { as: { token } },
    );
    expect(res.body.data.reportCase.userErrors).toEqual([]);
  }

  const printedIds = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);

  async function until(what: () => boolean, label: string, ms = 20_000) {
    const deadline = Date.now() + ms;
    while (!what()) {
      if (Date.now() > deadline)
        throw new Error(`waited for ${label}; the tail printed:\n${tail?.stdout}\n${tail?.stderr}`);
      await sleep(50);
    }
  }

  it('prints each of the street’s case events once, in order, across a server restart and its own', async () => {
    const cursorFile = path.join(
      mkdtempSync(path.join(tmpdir(), 'lianxin-tail-')),
      'nanjie.cursor',
    );
    server = await p.startInstance();
    const port = Number(new URL(server.url).port);
    tail = start('tail-events', [NANJIE, cursorFile], server.url);
    // It follows from now on: report until its subscription is up and prints one.
    for (let i = 1; printedIds(tail.stdout).length === 0; i++) {
      if (i > 40) throw new Error(`the tail printed nothing:\n${tail.stderr}`);
      await report(`尾随 ${i}`);
      await sleep(500);
    }
    const first = printedIds(tail.stdout)[0]!;
    await report('尾随二');

    // The server goes away and comes back on the same address; reports go on meanwhile.
    await server.stop();
    await report('重启时一');
    await report('重启时二');
    server = await p.startInstance({}, port);
    await report('重启后');

    const committed = async () =>
      (
        await p.db.query<{ id: string }>(
          `SELECT e.id::text AS id FROM domain_event e JOIN street s ON s.id = e.street_id
           WHERE e.id >= $1 AND s.code = $2 AND e.type LIKE 'case.%' AND e.subject_type = 'Case' ORDER BY e.id`,
          [first, NANJIE],
        )
      ).map((r) => r.id);
    let expected = await committed();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    await until(() => printedIds(tail!.stdout).length >= expected.length, 'every event');
    await sleep(300);
    expect(printedIds(tail.stdout)).toEqual(expected);

    // The tail itself stops; events come while it is down; started again, it resumes from its file.
    tail.child.kill('SIGTERM');
    expect((await tail.done).code).toBe(0);
    const printedBefore = tail.stdout;
    await report('停着时一');
    await report('停着时二');
    tail = start('tail-events', [NANJIE, cursorFile], server.url);
    expected = await committed();
    const printed = () => printedIds(printedBefore + tail!.stdout);
    await until(() => printed().length >= expected.length, 'the events missed while down');
    await sleep(300);
    expect(printed()).toEqual(expected);
    expect(readFileSync(cursorFile, 'utf8')).not.toBe('');
  }, 120_000);
});
