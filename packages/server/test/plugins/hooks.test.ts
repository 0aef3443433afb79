/**
 * Plugin hooks read the event stream beside the core: a hook that throws or hangs is cut off and
 * retried with a growing delay, its failures show in `pluginStatus` and the log, nothing it wrote
 * in the failed run is kept, and the core's mutations go on meanwhile. Once the cause is gone the
 * event is handled, and the events before it are not handled again.
 */
import { definePlugin } from '@lianxin/sdk';
import { createTestPlatform, type TestPlatform } from '@lianxin/sdk/testing';
import { Client } from 'pg';
import { hookConsumer } from '../../src/host/plugin-hooks';
import {
  coreAnswers,
  createPerson,
  hookStatus,
  manifest,
  NANJIE,
  rowId,
  streetTable,
} from './helpers';

/** What the test turns on and off, and what the hooks saw. */
const probe = {
  /** Person row ids whose `person.created` the `record` hook throws on. */
  failOn: new Set<string>(),
  /** Whether the `stall` hook hangs. */
  hang: false,
  /** Runs of each hook per subject (successful or not). */
  runs: new Map<string, number>(),
  /** Set when a hanging run is under way, and when its signal was aborted. */
  hanging: undefined as (() => void) | undefined,
  aborted: 0,
};
const count = (key: string) => probe.runs.set(key, (probe.runs.get(key) ?? 0) + 1);

const STALL_MS = 1500;

const plugin = definePlugin({
  manifest: manifest('hook-probe'),
  migrations: [
    {
      name: '001-seen',
      up: streetTable('seen', 'hook text NOT NULL, subject_id bigint NOT NULL'),
    },
  ],
  hooks: [
    {
      name: 'record',
      on: ['person.created'],
      async run(event, ctx) {
        count(`record:${event.subjectId}`);
        await ctx.db.query(`INSERT INTO seen (street_id, hook, subject_id) VALUES ($1, $2, $3)`, [
          event.streetId,
          'record',
          event.subjectId,
        ]);
        if (probe.failOn.has(event.subjectId))
          throw new Error(`hook-probe cannot record person ${event.subjectId}`);
      },
    },
    {
      name: 'stall',
      on: ['grid.created'],
      timeoutMs: STALL_MS,
      async run(event, ctx) {
        count(`stall:${event.subjectId}`);
        await ctx.db.query(`INSERT INTO seen (street_id, hook, subject_id) VALUES ($1, $2, $3)`, [
          event.streetId,
          'stall',
          event.subjectId,
        ]);
        if (probe.hang) {
          ctx.signal.addEventListener('abort', () => (probe.aborted += 1));
          probe.hanging?.();
          await new Promise(() => {});
        }
      },
    },
  ],
});

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [plugin] });
  await platform.enable('hook-probe', NANJIE);
  await platform.grid(NANJIE);
  await platform.waitForHooks();
});
afterAll(() => platform?.stop());

const seen = async (hook: string) =>
  (
    await platform.sql<{ subject: string }>(
      `SELECT subject_id::text AS subject FROM plugin_hook_probe.seen WHERE hook = $1 ORDER BY id`,
      [hook],
    )
  ).map((r) => r.subject);

describe('a hook that throws', () => {
  it('fails alone: the core goes on, the failure is reported, and the event is handled once the cause is gone', async () => {
    const before = await seen('record');
    const p1 = await createPerson(platform, NANJIE, '钟一');
    const p2 = await createPerson(platform, NANJIE, '钟二');
    probe.failOn.add(p2);
    const p3 = await createPerson(platform, NANJIE, '钟三');

    await expect(platform.waitForHooks()).rejects.toThrow(`hook-probe cannot record person ${p2}`);
    // The event before the failing one is done; the failing run's row was rolled back.
    expect(await seen('record')).toEqual([...before, p1]);
    const failing = (await hookStatus(platform.admin, 'hook-probe'))!.record!;
    expect(failing.failures).toBe(1);
    expect(failing.lastError).toContain(`hook-probe cannot record person ${p2}`);
    // p2's and p3's events at least.
    expect(failing.behind).toBeGreaterThanOrEqual(2);
    expect(platform.logs).toContainEqual(
      expect.objectContaining({
        msg: 'a plugin hook failed; it will be tried again',
        plugin: 'hook-probe',
        hook: 'record',
        type: 'person.created',
      }),
    );

    // The core does not wait for the hook.
    const p4 = await createPerson(platform, NANJIE, '钟四');
    expect(await coreAnswers(platform)).toBe(6);

    // Tried again: it fails again, and the count goes on.
    await expect(platform.waitForHooks()).rejects.toThrow(`person ${p2}`);
    expect((await hookStatus(platform.admin, 'hook-probe'))!.record!.failures).toBe(2);

    probe.failOn.delete(p2);
    await platform.waitForHooks();
    expect(await seen('record')).toEqual([...before, p1, p2, p3, p4]);
    expect(probe.runs.get(`record:${p1}`)).toBe(1);
    expect(probe.runs.get(`record:${p2}`)).toBe(3);
    expect(probe.runs.get(`record:${p3}`)).toBe(1);
    const healthy = (await hookStatus(platform.admin, 'hook-probe'))!.record!;
    expect(healthy).toMatchObject({ failures: 0, behind: 0 });
  });

  it('is retried after 1, 2, 4 … seconds, at most a minute', () => {
    const consumer = hookConsumer(
      { plugin: { manifest: { name: 'hook-probe' } } } as never,
      { name: 'record', on: ['person.created'], run: async () => {} },
      {} as never,
    );
    expect(consumer.name).toBe('plugin.hook-probe.record');
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) => consumer.retryDelayMs!(n));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
  });
});

describe('a hook failing in a street', () => {
  it('passes the event by once its plugin is disabled there, and is reported healthy', async () => {
    const stuck = await createPerson(platform, NANJIE, '钟七');
    probe.failOn.add(stuck);
    await expect(platform.waitForHooks()).rejects.toThrow(`person ${stuck}`);
    expect((await hookStatus(platform.admin, 'hook-probe'))!.record!.failures).toBe(1);

    await platform.disable('hook-probe', NANJIE);
    try {
      await platform.waitForHooks();
      expect(await seen('record')).not.toContain(stuck);
      expect((await hookStatus(platform.admin, 'hook-probe'))!.record).toMatchObject({
        failures: 0,
        behind: 0,
      });
    } finally {
      probe.failOn.delete(stuck);
      await platform.enable('hook-probe', NANJIE);
    }
  });
});

describe('a hook that hangs', () => {
  it('is cut off at its limit, keeps nothing, does not hold up the core, and is retried', async () => {
    const before = await seen('stall');
    probe.hang = true;
    const started = new Promise<void>((resolve) => (probe.hanging = resolve));
    const grid = rowId(await platform.grid(NANJIE, true));

    const t0 = Date.now();
    let settledAt = 0;
    const drained = platform.waitForHooks().then(
      () => {
        settledAt = Date.now();
        return null;
      },
      (error: Error) => {
        settledAt = Date.now();
        return error;
      },
    );
    await started;
    // While the hook hangs, the core answers and changes things.
    await createPerson(platform, NANJIE, '钟五');
    expect(await coreAnswers(platform)).toBe(6);
    const coreDoneAt = Date.now();

    const error = await drained;
    expect(coreDoneAt).toBeLessThan(settledAt);
    expect(error?.message).toContain(
      `The plugin "hook-probe" did not finish hook stall within its limit of ${STALL_MS} ms`,
    );
    expect(settledAt - t0).toBeGreaterThanOrEqual(STALL_MS - 50);
    expect(settledAt - t0).toBeLessThan(STALL_MS + 5000);
    expect(probe.aborted).toBe(1);
    // Its insert before it hung was rolled back with its run.
    expect(await seen('stall')).toEqual(before);
    const status = (await hookStatus(platform.admin, 'hook-probe'))!.stall!;
    expect(status.failures).toBe(1);
    expect(status.lastError).toContain('within its limit');

    probe.hang = false;
    await platform.waitForHooks();
    expect(await seen('stall')).toEqual([...before, grid]);
    expect(probe.runs.get(`stall:${grid}`)).toBe(2);
    expect((await hookStatus(platform.admin, 'hook-probe'))!.stall!.failures).toBe(0);
  });
});

describe('waitForHooks', () => {
  it('waits for events held back behind an older transaction still in flight', async () => {
    // A transaction that took its xid before the person was made: the stream may not pass it
    // until it ends, as it might still write events before the person's.
    const older = new Client({ connectionString: platform.databaseUrl });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      const person = await createPerson(platform, NANJIE, '钟六');
      let done = false;
      const waited = platform.waitForHooks().then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false);
      await older.query('COMMIT');
      await waited;
      expect(await seen('record')).toContain(person);
    } finally {
      await older.end();
    }
  });
});
