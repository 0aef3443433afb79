import { z } from 'zod';
import type { Database } from '../../src/db/database';
import { JobRunner } from '../../src/db/jobs/queue';
import { inTransaction, query, type Context } from '../../src/domain/shared/context';
import {
  cancelJob,
  defineTask,
  scheduleJob,
  tasks,
  type JobInfo,
} from '../../src/domain/shared/jobs';
import { systemViewer } from '../../src/domain/shared/viewer';
import { createContext, releaseContext } from '../../src/graphql/context';
import { checkModules, defineModule, registerTasks } from '../../src/graphql/relay/module';
import { createLogger } from '../../src/logger';
import { assemble, modules } from '../../src/modules';
import { startTestPlatform, type TestInstance, type TestPlatform } from '../harness';

/**
 * The job queue (graphile-worker) against real PostgreSQL: jobs are scheduled in the request's
 * transaction as the app role, run once at or after their time by whichever instance's runner
 * takes them, survive a stopped runner, are replaced and cancelled by key, retried on failure.
 */

interface Run {
  n: number;
  at: number;
  job: JobInfo;
  db: Database;
  user: string;
  inTransaction: boolean;
  viewer: string;
}
const runs: Run[] = [];
const ran = (n: number) => runs.filter((r) => r.n === n);
const slow = { started: 0, finished: 0 };

const jobtest = defineModule({
  name: 'jobtest',
  entities: [],
  resolvers: [],
  nodeFetchers: [],
  events: [],
  tasks: {
    'jobtest.record': defineTask({
      payload: z.object({ n: z.number().int(), sleepMs: z.number().optional() }),
      async run(ctx, { n, sleepMs }, job) {
        const [me] = await query<{ user: string }>(ctx, 'SELECT current_user AS user');
        if (sleepMs) await new Promise((r) => setTimeout(r, sleepMs));
        runs.push({
          n,
          at: Date.now(),
          job,
          db: ctx.db,
          user: me!.user,
          inTransaction: ctx.tx !== undefined,
          viewer: ctx.viewer.kind,
        });
      },
    }),
    'jobtest.flaky': defineTask({
      payload: z.object({ n: z.number().int(), failures: z.number().int() }),
      async run(_ctx, { n, failures }, job) {
        if (job.attempt <= failures) throw new Error(`flaky failure ${n}`);
        runs.push({ n, at: Date.now(), job } as Run);
      },
    }),
    'jobtest.slow': defineTask({
      payload: z.object({ ms: z.number() }),
      async run(_ctx, { ms }) {
        slow.started++;
        await new Promise((r) => setTimeout(r, ms));
        slow.finished++;
      },
    }),
  },
});
checkModules([...modules, jobtest]);
registerTasks([jobtest], tasks);

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '100' } });
});
afterAll(() => p.stop());

const logger = createLogger({ LOG_LEVEL: 'silent' });
let next = 1;
const fresh = () => next++;

/** Runs `fn` in a transaction of a system request on the server's pool (the app role). */
async function inRequest<T>(fn: (tx: Context) => Promise<T>): Promise<T> {
  const ctx = createContext({ db: p.appDb, logger }, systemViewer);
  try {
    return await inTransaction(ctx, fn);
  } finally {
    await releaseContext(ctx);
  }
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitingJobs(key: string): Promise<number> {
  const [row] = await p.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1',
    [key],
  );
  return row!.n;
}

it('runs a job scheduled in a committed transaction, as the system, in a transaction, as the app role', async () => {
  const n = fresh();
  await inRequest((tx) => scheduleJob(tx, 'jobtest.record', { n }));
  await waitFor(() => ran(n).length === 1);
  const [run] = ran(n);
  expect(run).toMatchObject({ inTransaction: true, viewer: 'system', user: 'lianxin_app' });
  expect(run!.job).toMatchObject({ task: 'jobtest.record', attempt: 1, maxAttempts: 25 });
});

it('never runs a job whose transaction rolled back', async () => {
  const n = fresh();
  await expect(
    inRequest(async (tx) => {
      await scheduleJob(tx, 'jobtest.record', { n }, { jobKey: `jobtest.record:${n}` });
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await waitingJobs(`jobtest.record:${n}`)).toBe(0);
  // A job scheduled after it runs; the rolled-back one still has not.
  const after = fresh();
  await inRequest((tx) => scheduleJob(tx, 'jobtest.record', { n: after }));
  await waitFor(() => ran(after).length === 1);
  await sleep(300);
  expect(ran(n)).toEqual([]);
});

it('does not run a job before its time, and runs it after', async () => {
  const n = fresh();
  const runAt = new Date(Date.now() + 1500);
  await inRequest((tx) => scheduleJob(tx, 'jobtest.record', { n }, { runAt }));
  await sleep(1000);
  expect(ran(n)).toEqual([]);
  await waitFor(() => ran(n).length === 1);
  expect(ran(n)[0]!.at).toBeGreaterThanOrEqual(runAt.getTime());
  // Polling every 100 ms: it runs soon after it comes due.
  expect(ran(n)[0]!.at - runAt.getTime()).toBeLessThan(1000);
});

it('keeps a job scheduled while no runner is up, and runs it once a runner starts again', async () => {
  await p.app.jobs.stop();
  expect(p.app.jobs.running).toBe(false);
  const n = fresh();
  await inRequest((tx) =>
    scheduleJob(tx, 'jobtest.record', { n }, { jobKey: `jobtest.record:${n}` }),
  );
  await sleep(500);
  expect(ran(n)).toEqual([]);
  expect(await waitingJobs(`jobtest.record:${n}`)).toBe(1);
  await p.app.jobs.start();
  await waitFor(() => ran(n).length === 1);
  // The handler has run; the runner marks the job done just after it (its own statement).
  const until = Date.now() + 10_000;
  while ((await waitingJobs(`jobtest.record:${n}`)) !== 0 && Date.now() < until) await sleep(20);
  expect(await waitingJobs(`jobtest.record:${n}`)).toBe(0);
  expect(ran(n)).toHaveLength(1);
});

describe('two server instances on one database', () => {
  let other: TestInstance;
  beforeAll(async () => {
    other = await p.startInstance({ JOBS_ENABLED: 'true', JOBS_POLL_INTERVAL_MS: '100' });
  });
  afterAll(() => other.stop());

  it('run each of 50 jobs exactly once, between them', async () => {
    const ns = Array.from({ length: 50 }, fresh);
    await inRequest(async (tx) => {
      for (const n of ns) await scheduleJob(tx, 'jobtest.record', { n, sleepMs: 20 });
    });
    await waitFor(() => ns.every((n) => ran(n).length >= 1), 20_000);
    // Anything run twice would have had time to show.
    await sleep(500);
    expect(ns.map((n) => ran(n).length)).toEqual(ns.map(() => 1));
    const byFirst = ns.filter((n) => ran(n)[0]!.db === p.appDb).length;
    const byOther = ns.filter((n) => ran(n)[0]!.db === other.appDb).length;
    expect(byFirst + byOther).toBe(50);
    expect(byFirst).toBeGreaterThan(0);
    expect(byOther).toBeGreaterThan(0);
  });
});

it('replaces a waiting job scheduled again with the same key: one run, at the new time', async () => {
  const [first, second] = [fresh(), fresh()];
  const key = `jobtest.record:replace-${first}`;
  const firstAt = new Date(Date.now() + 2500);
  await inRequest((tx) =>
    scheduleJob(tx, 'jobtest.record', { n: first }, { jobKey: key, runAt: firstAt }),
  );
  const newAt = new Date(Date.now() + 400);
  await inRequest((tx) =>
    scheduleJob(tx, 'jobtest.record', { n: second }, { jobKey: key, runAt: newAt }),
  );
  expect(await waitingJobs(key)).toBe(1);
  await waitFor(() => ran(second).length === 1);
  expect(ran(second)[0]!.at).toBeGreaterThanOrEqual(newAt.getTime());
  expect(ran(second)[0]!.at).toBeLessThan(firstAt.getTime());
  await sleep(firstAt.getTime() - Date.now() + 500);
  expect(ran(first)).toEqual([]);
  expect(ran(second)).toHaveLength(1);
});

it('cancels a waiting job by key; a cancel that rolls back leaves it', async () => {
  const [kept, cancelled] = [fresh(), fresh()];
  const runAt = new Date(Date.now() + 700);
  await inRequest(async (tx) => {
    await scheduleJob(tx, 'jobtest.record', { n: kept }, { jobKey: `k-${kept}`, runAt });
    await scheduleJob(tx, 'jobtest.record', { n: cancelled }, { jobKey: `k-${cancelled}`, runAt });
  });
  await expect(
    inRequest(async (tx) => {
      expect(await cancelJob(tx, `k-${kept}`)).toBe(true);
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  expect(await inRequest((tx) => cancelJob(tx, `k-${cancelled}`))).toBe(true);
  await waitFor(() => ran(kept).length === 1);
  await sleep(300);
  expect(ran(cancelled)).toEqual([]);
  // Nothing left under that key.
  expect(await inRequest((tx) => cancelJob(tx, `k-${cancelled}`))).toBe(false);
});

it('retries a failing job with backoff and logs each failure', async () => {
  const n = fresh();
  await inRequest((tx) => scheduleJob(tx, 'jobtest.flaky', { n, failures: 1 }, { maxAttempts: 3 }));
  // The first retry comes e¹ ≈ 2.7 s after the failure.
  await waitFor(() => ran(n).length === 1, 15_000);
  expect(ran(n)[0]!.job.attempt).toBe(2);
  const failure = p.logs.find((l) => l.task === 'jobtest.flaky' && l.attempt === 1);
  expect(failure).toMatchObject({
    level: 40,
    maxAttempts: 3,
    msg: expect.stringMatching(/tries it again/),
    err: expect.objectContaining({ message: `flaky failure ${n}` }),
  });
});

it('logs a job failing on its last attempt as an error, and leaves it failed', async () => {
  const n = fresh();
  await inRequest((tx) =>
    scheduleJob(tx, 'jobtest.flaky', { n, failures: 5 }, { maxAttempts: 1, jobKey: `f-${n}` }),
  );
  await waitFor(() => p.logs.some((l) => l.task === 'jobtest.flaky' && l.jobKey === `f-${n}`));
  const failure = p.logs.find((l) => l.jobKey === `f-${n}`);
  expect(failure).toMatchObject({ level: 50, attempt: 1, maxAttempts: 1 });
  const [row] = await p.db.query<{ attempts: number; last_error: string }>(
    'SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = $1',
    [`f-${n}`],
  );
  expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('flaky failure') });
});

it('lets a running job finish when the runner stops', async () => {
  slow.started = slow.finished = 0;
  await inRequest((tx) => scheduleJob(tx, 'jobtest.slow', { ms: 700 }, { jobKey: 'slow-1' }));
  await waitFor(() => slow.started === 1);
  await p.app.jobs.stop();
  expect(slow.finished).toBe(1);

  expect(await waitingJobs('slow-1')).toBe(0);
  await p.app.jobs.start();
});

it('gives a running job back to the queue when it outlasts the shutdown grace period', async () => {
  await p.app.jobs.stop();
  // SHUTDOWN_TIMEOUT_MS 1000: running jobs get 500 ms, then their signal aborts; 1 s later they go back.
  const quick = await p.startInstance({
    JOBS_ENABLED: 'true',
    JOBS_POLL_INTERVAL_MS: '100',
    SHUTDOWN_TIMEOUT_MS: '1000',
  });
  slow.started = slow.finished = 0;
  await inRequest((tx) => scheduleJob(tx, 'jobtest.slow', { ms: 4000 }, { jobKey: 'slow-2' }));
  await waitFor(() => slow.started === 1);
  const stopping = Date.now();
  await quick.stop();
  expect(Date.now() - stopping).toBeLessThan(3000);
  expect(slow.finished).toBe(0);
  const [row] = await p.db.query<Record<string, unknown>>(
    'SELECT attempts, locked_by, last_error FROM graphile_worker.jobs WHERE key = $1',
    ['slow-2'],
  );
  // Released: unlocked, its attempt counted, to run again after a backoff.
  expect(row).toMatchObject({ attempts: 1, locked_by: null, last_error: expect.any(String) });
  expect(await inRequest((tx) => cancelJob(tx, 'slow-2'))).toBe(true);
  // The job cut off still returns (after its 4 s) and writes its outcome; only then does the
  // instance let go of the database, and nothing of it outlives this test.
  await quick.app.jobs.closed();
  expect(slow.finished).toBe(1);
  await p.app.jobs.start();
}, 15_000);

describe('a recurring task', () => {
  it('runs every interval from one job, goes on after a failed run, and at once after "again"', async () => {
    const ticks: number[] = [];
    const runner = new JobRunner({
      url: p.db.url,
      concurrency: 1,
      pollIntervalMs: 100,
      shutdownGraceMs: 1000,
      logger,
      handlers: () => ({
        'jobtest.tick': async () => {
          ticks.push(Date.now());
          if (ticks.length === 2) throw new Error('a failed run');
          return ticks.length === 3 ? 'again' : undefined;
        },
      }),
      recurring: { 'jobtest.tick': 1 },
    });
    await runner.start();
    try {
      await waitFor(() => ticks.length >= 5, 10_000);
    } finally {
      await runner.stop();
    }
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    // Due at once when there was none; then a second apart, a failed run included; "again"
    // brings the next one forward.
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(900);
    expect(gaps[2]).toBeLessThan(500);
    expect(gaps[3]).toBeGreaterThanOrEqual(900);
    // One job waits for the next run; the failed run left nothing behind.
    const jobs = await p.db.query<{ key: string; last_error: string | null }>(
      `SELECT key, last_error FROM graphile_worker.jobs WHERE task_identifier = 'jobtest.tick'`,
    );
    expect(jobs).toEqual([{ key: 'jobtest.tick', last_error: null }]);
    await p.db.query(`SELECT graphile_worker.remove_job('jobtest.tick')`);
  }, 20_000);

  it('refuses to start with a recurring task it has no handler for', async () => {
    const runner = new JobRunner({
      url: p.db.url,
      concurrency: 1,
      pollIntervalMs: 100,
      shutdownGraceMs: 1000,
      logger,
      handlers: () => ({}),
      recurring: { 'jobtest.nothing': 1 },
    });
    await expect(runner.start()).rejects.toThrow(
      'The recurring task "jobtest.nothing" has no handler',
    );
  });
});

describe('refusals', () => {
  it('refuses to schedule or cancel outside a transaction', async () => {
    const ctx = createContext({ db: p.appDb, logger }, systemViewer);
    try {
      await expect(scheduleJob(ctx, 'jobtest.record', { n: 0 })).rejects.toThrow(
        /outside a transaction/,
      );
      await expect(cancelJob(ctx, 'k')).rejects.toThrow(/outside a transaction/);
    } finally {
      await releaseContext(ctx);
    }
  });

  it('refuses a task no module declares, and a payload the task does not accept', async () => {
    await expect(inRequest((tx) => scheduleJob(tx, 'jobtest.nope', {}))).rejects.toThrow(
      'No module declares the task "jobtest.nope"',
    );
    await expect(
      inRequest((tx) => scheduleJob(tx, 'jobtest.record', { n: 'one' })),
    ).rejects.toThrow(/Not a payload of task "jobtest.record"/);
  });

  it('gives the app role no access to the queue but through the two functions', async () => {
    await expect(
      inRequest((tx) => query(tx, 'SELECT count(*) FROM graphile_worker._private_jobs')),
    ).rejects.toThrow(/permission denied/);
  });

  it('refuses at start-up a task not named after its module', () => {
    const task = defineTask({ payload: z.object({}), run: async () => undefined });
    const bad = defineModule({ ...jobtest, name: 'jobtest2', tasks: { 'case.deadline': task } });
    expect(() => assemble([...modules, bad])).toThrow(
      'Task "case.deadline" of module jobtest2 must be named "jobtest2.<name>"',
    );
    const unprefixed = defineModule({ ...jobtest, name: 'jobtest3', tasks: { deadline: task } });
    expect(() => assemble([...modules, unprefixed])).toThrow(/Task "deadline" of module jobtest3/);
  });
});
