/**
 * Every code sample of the guides (docs/guides/samples) runs here against a real server: the
 * curl scripts with bash, the TypeScript ones compiled with tsc (which type-checks them against
 * @lianxin/sdk) and run with node, the GraphQL documents validated against the contract. Their
 * output is asserted, so a guide whose sample stops working fails the suite.
 */
import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, parse, validate } from 'graphql';
import { ADMIN_TOKEN, startTestPlatform, type TestPlatform } from '../harness';
import { client, sleep, subscribe } from '../live';
import { markdownFiles, sampleBlocks } from '../../src/docs/sources';
import { docsDir } from '../../src/docs/site';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const samples = path.join(docsDir, 'guides/samples');

let p: TestPlatform;
let baseUrl: string;
let compiled: string;
let streetId: string;

beforeAll(async () => {
  // Compiling takes a few seconds; it runs while the platform starts.
  compiled = mkdtempSync(path.join(root, 'node_modules/.cache-docs-samples-'));
  const tsc = run(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', samples, '--outDir', compiled],
    { cwd: root },
  ).catch((error: { stdout?: string; message: string }) => {
    throw new Error(`The TypeScript samples do not compile:\n${error.stdout ?? error.message}`);
  });
  p = await startTestPlatform({
    seed: 'demo',
    // The webhook receiver sample listens on 127.0.0.1, over http.
    env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', JOBS_POLL_INTERVAL_MS: '200' },
  });
  baseUrl = p.url.replace(/\/graphql$/, '');
  const streets = await p.gql<{ street: { id: string } }>('{ street(code: "621002001") { id } }');
  streetId = streets.body.data!.street.id;
  await tsc;
}, 120_000);
afterAll(async () => {
  await p?.app.jobs.stop();
  rmSync(compiled, { recursive: true, force: true });
  await p?.stop();
});

/** Runs a curl sample with the environment a reader would set; answers its parsed JSON. */
async function curl(name: string, env: Record<string, string> = {}): Promise<any> {
  const { stdout } = await run('bash', [path.join(samples, name)], {
    env: { PATH: process.env.PATH, BASE_URL: baseUrl, ...env },
    timeout: 20_000,
  });
  return JSON.parse(stdout);
}

/** Runs a compiled TypeScript sample; answers what it printed. */
async function node(name: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout, stderr } = await run(
    process.execPath,
    [path.join(compiled, name.replace(/\.ts$/, '.js'))],
    { env: { PATH: process.env.PATH, BASE_URL: baseUrl, ...env }, timeout: 20_000 },
  );
  expect(stderr).toBe('');
  return stdout;
}

async function signIn(): Promise<string> {
  const answer = await curl('login.sh');
  return answer.data.login.accessToken as string;
}

describe('the quickstart', () => {
  it('curl: the first query, signing in, and a query as the signed-in user', async () => {
    const streets = await curl('streets.sh');
    expect(streets.data.streets.totalCount).toBe(6);
    expect(streets.data.streets.nodes).toHaveLength(3);
    expect(streets.extensions.cost.requestedQueryCost).toBeGreaterThan(0);

    const login = await curl('login.sh');
    expect(login.data.login.userErrors).toEqual([]);
    expect(login.data.login.accessToken).toMatch(/^ey/);

    const viewer = await curl('viewer.sh', { TOKEN: login.data.login.accessToken });
    expect(viewer.data.viewer).toMatchObject({
      role: 'STREET_ADMIN',
      kind: 'USER',
      streets: [{ code: '621002001', name: '南街街道' }],
    });
  });

  it('the typed client: prints what the guide says it prints', async () => {
    const out = await node('quickstart.ts');
    expect(out).toBe('6 streets, the first: 城北街道\nsigned in as STREET_ADMIN of 南街街道\n');
    const guide = readFileSync(path.join(docsDir, 'guides/quickstart.md'), 'utf8');
    expect(guide).toContain(`\`\`\`text\n${out}\`\`\``);
  });
});

describe('IDs and pagination', () => {
  it('walks every page of a connection once, and fetches an object again by its ID', async () => {
    const out = await node('pagination.ts');
    const pages = out.split('\n').filter((line) => line.startsWith('page: '));
    expect(pages).toHaveLength(3);
    const codes = pages.flatMap((line) => line.slice('page: '.length).split(' '));
    expect(new Set(codes).size).toBe(6);
    expect(out).toContain('6 streets in all\n');
    expect(out).toMatch(/node\(id: \S+\) is a Street: \S+\n$/);
  });

  it('curl: node(id:) answers the object whatever its type', async () => {
    const answer = await curl('node.sh', { ID: streetId });
    expect(answer.data.node).toEqual({
      id: streetId,
      __typename: 'Street',
      code: '621002001',
      name: '南街街道',
    });
  });
});

describe('errors', () => {
  it('a request error is thrown with its code; user errors are data', async () => {
    const out = await node('errors.ts', { TOKEN: ADMIN_TOKEN, STREET_ID: streetId });
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'request error: UNAUTHENTICATED (HTTP 401): The bearer token is not valid.',
    );
    const userErrors = lines.slice(1);
    expect(userErrors.length).toBeGreaterThan(0);
    for (const line of userErrors) expect(line).toMatch(/^user error: [A-Z_]+ at input\.\w+: .+/);
    expect(userErrors.some((l) => l.includes(' at input.name: '))).toBe(true);
  });
});

describe('authentication', () => {
  it('an administrator creates an API key, which then acts as the integration', async () => {
    const created = await curl('api-key.sh', { TOKEN: await signIn(), STREET_ID: streetId });
    expect(created.data.createApiKey.userErrors).toEqual([]);
    const secret = created.data.createApiKey.secret as string;
    expect(secret).toMatch(/^lxk_/);
    const viewer = await curl('viewer.sh', { TOKEN: secret });
    expect(viewer.data.viewer).toMatchObject({
      role: 'INTEGRATION',
      kind: 'API_KEY',
      streets: [{ code: '621002001' }],
    });
  });
});

describe('cases: idempotency, bulk import, subscriptions', () => {
  let ids: { GRID_ID: string; CATEGORY_ID: string };
  beforeAll(async () => {
    const found = await p.gql<any>(
      `query ($street: ID!) {
        grids(first: 1, filter: { streetId: $street }) { nodes { id } }
        caseCategories(first: 1, filter: { major: false }) { nodes { id } }
      }`,
      { street: streetId },
    );
    expect(found.body.errors).toBeUndefined();
    ids = {
      GRID_ID: found.body.data.grids.nodes[0].id,
      CATEGORY_ID: found.body.data.caseCategories.nodes[0].id,
    };
  });

  it('curl: the same report with the same key answers the first case again', async () => {
    const env = {
      TOKEN: await signIn(),
      STREET_ID: streetId,
      ...ids,
      IDEMPOTENCY_KEY: 'guide-retry-1',
    };
    const first = await curl('report-case.sh', env);
    expect(first.data.reportCase.userErrors).toEqual([]);
    expect(first.data.reportCase.replayed).toBe(false);
    const again = await curl('report-case.sh', env);
    expect(again.data.reportCase.replayed).toBe(true);
    expect(again.data.reportCase.case.id).toBe(first.data.reportCase.case.id);
  });

  it('an import run twice files nothing the second time', async () => {
    const env = { TOKEN: await signIn(), STREET_ID: streetId, ...ids };
    const first = await node('bulk-import.ts', env);
    expect(first).toMatch(/\n2 created, 0 already there\n$/);
    const second = await node('bulk-import.ts', env);
    expect(second).toMatch(/\n0 created, 2 already there\n$/);
    const caseIds = (out: string) => [...out.matchAll(/\((\S+)\)\n/g)].map((m) => m[1]);
    expect(caseIds(second)).toEqual(caseIds(first));
  });

  it('subscriptions: case-events.graphql delivers new events, and resumes after a cursor', async () => {
    const token = await signIn();
    const document = readFileSync(path.join(samples, 'case-events.graphql'), 'utf8');
    const report = async (key: string) => {
      const env = { TOKEN: token, STREET_ID: streetId, ...ids, IDEMPOTENCY_KEY: key };
      return (await curl('report-case.sh', env)).data.reportCase.case.id as string;
    };
    const c = client(p.url, token);
    type Received = { caseEvents: { cursor: string; type: string; case: { id: string } } };
    const reportedOf = (received: Received[], id: string) =>
      received.filter((r) => r.caseEvents.type === 'case.reported' && r.caseEvents.case.id === id);
    /** Waits for the report of case `id` (events of earlier cases may come first). */
    const waitFor = async (sub: ReturnType<typeof subscribe>, id: string) => {
      for (let n = 1; !reportedOf(sub.received, id).length; n++) await sub.until(n);
      return reportedOf(sub.received, id)[0]!;
    };
    try {
      const live = subscribe(c, document, { gridId: ids.GRID_ID });
      await sleep(300); // subscribed before the report
      const first = await report('guide-subscription-1');
      const event = await waitFor(live, first);
      live.stop();

      // Missed while away: resuming after the last cursor handled replays it, and not before.
      const missed = await report('guide-subscription-2');
      const resumed = subscribe(c, document, {
        gridId: ids.GRID_ID,
        after: event.caseEvents.cursor,
      });
      await waitFor(resumed, missed);
      await sleep(300);
      expect(reportedOf(resumed.received, missed)).toHaveLength(1);
      expect(reportedOf(resumed.received, first)).toHaveLength(0);
      resumed.stop();
    } finally {
      await c.dispose();
    }
  });
});

describe('webhooks', () => {
  it('the receiver sample accepts what the server delivers, and refuses a forged delivery', async () => {
    const child = spawn(process.execPath, [path.join(compiled, 'webhook-receiver.js')], {
      env: { PATH: process.env.PATH, PORT: '0', WEBHOOK_SECRET: 'unset-yet' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!pattern.test(output)) {
        if (Date.now() > deadline)
          throw new Error(`waited for ${pattern}; the receiver printed:\n${output}`);
        await sleep(100);
      }
      return pattern.exec(output)!;
    };
    try {
      const listening = await waitFor(/listening on (\S+)\n/);
      const url = listening[1]!;
      // The receiver needs the secret the endpoint is created with: create, then restart it.
      const token = await signIn();
      const created = await p.gql<any>(
        readFileSync(path.join(samples, 'create-webhook.graphql'), 'utf8'),
        { streetId, url },
        { as: { token } },
      );
      expect(created.body.data.createWebhookEndpoint.userErrors).toEqual([]);
      const secret = created.body.data.createWebhookEndpoint.secret as string;
      expect(secret).toMatch(/^whsec_/);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited; // its port is free again
      output = '';
      const receiver = spawn(process.execPath, [path.join(compiled, 'webhook-receiver.js')], {
        env: { PATH: process.env.PATH, PORT: new URL(url).port, WEBHOOK_SECRET: secret },
      });
      receiver.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      try {
        await waitFor(/listening on/);
        p.app.relay.start();
        await p.app.jobs.start();
        const found = await p.gql<any>(
          `query ($street: ID!) {
            grids(first: 1, filter: { streetId: $street }) { nodes { id } }
            caseCategories(first: 1, filter: { major: false }) { nodes { id } }
          }`,
          { street: streetId },
        );
        const reported = await curl('report-case.sh', {
          TOKEN: token,
          STREET_ID: streetId,
          GRID_ID: found.body.data.grids.nodes[0].id,
          CATEGORY_ID: found.body.data.caseCategories.nodes[0].id,
          IDEMPOTENCY_KEY: 'guide-webhook-1',
        });
        expect(reported.data.reportCase.userErrors).toEqual([]);
        await waitFor(/verified case\.reported Case \d+\n/);

        // A delivery signed with another secret is refused.
        const body = JSON.stringify({ id: '1', type: 'case.reported' });
        const t = Math.floor(Date.now() / 1000);
        const forged = createHmac('sha256', 'whsec_not-the-secret').update(`${t}.${body}`);
        const answer = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'lianxin-signature': `t=${t},v1=${forged.digest('hex')}`,
          },
          body,
        });
        expect(answer.status).toBe(400);
        await waitFor(/refused: SIGNATURE_MISMATCH\n/);
      } finally {
        receiver.kill();
      }
    } finally {
      child.kill();
    }
  }, 60_000);
});

describe('the GraphQL samples', () => {
  const schema = buildSchema(readFileSync(path.join(root, 'schema/schema.graphql'), 'utf8'));
  const documents = readdirSync(samples).filter((f) => f.endsWith('.graphql'));

  it.each(documents)('%s is valid against the contract', (name) => {
    const errors = validate(schema, parse(readFileSync(path.join(samples, name), 'utf8')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('the guides', () => {
  it('show every sample, and every sample they show is a file here', () => {
    const shown = new Set<string>();
    for (const file of markdownFiles(docsDir)) {
      for (const block of sampleBlocks(file, readFileSync(file, 'utf8'))) {
        expect(block.body).toBe(readFileSync(block.file, 'utf8'));
        shown.add(block.file);
      }
    }
    const files = readdirSync(samples)
      .filter((f) => /\.(sh|ts|graphql)$/.test(f))
      .map((f) => path.join(samples, f));
    expect(files.filter((f) => !shown.has(f))).toEqual([]);
  });

  it('hold no code but the samples: every other block is output or the command that starts the server', () => {
    const fence = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
    const loose: string[] = [];
    for (const file of markdownFiles(path.join(docsDir, 'guides'))) {
      for (const [, info = '', body = ''] of readFileSync(file, 'utf8').matchAll(fence)) {
        if (/\bfile=/.test(info) || info.trim() === 'text' || body === 'npm ci && npm start\n')
          continue;
        loose.push(`${path.relative(root, file)}: ${body.split('\n')[0]}`);
      }
    }
    expect(loose).toEqual([]);
  });
});
