import {
  Logger as WorkerLogger,
  parseCronItems,
  run,
  runMigrations,
  type Job,
  type JobHelpers,
  type LogLevel,
  type Runner,
  type TaskList,
  type WorkerEvents,
  type WorkerPool,
} from 'graphile-worker';
import { EventEmitter } from 'node:events';
import { Pool } from 'pg';
import type { Logger } from '../../logger';

type LogMeta = Record<string, unknown>;

/**
 * The job queue: graphile-worker's tables in the `graphile_worker` schema of the platform's
 * database. Jobs are added by SQL in the caller's own transaction (statements.ts), so a job
 * exists if and only if the write that scheduled it commits; runners in any number of server
 * instances take them with `FOR UPDATE SKIP LOCKED`, each job by one runner at a time, woken by
 * LISTEN/NOTIFY and by polling for jobs that come due. Delivery is at least once: a runner that
 * dies mid-job leaves it locked for 4 hours, after which another runner takes it again.
 */

/** What a handler is told of the job it runs. */
export interface JobInfo {
  readonly id: string;
  readonly task: string;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly key: string | null;
  /** When it was due. */
  readonly runAt: Date;
}

/**
 * Runs one job. A throw fails this attempt: the queue runs it again after `exp(attempt)`
 * seconds (2.7 s, 7.4 s, 20 s, … at most ~6 h) until its attempts are spent. `signal` aborts
 * when the runner stops and the job has not finished within the grace period. A recurring
 * task answers `'again'` when it left work over (a batch was full): its next run is due at once.
 */
export type JobHandler = (
  payload: unknown,
  job: JobInfo,
  signal: AbortSignal,
) => Promise<void | 'again'>;

export interface JobRunnerOptions {
  /** The server's login (not the app role): the queue's tables are the owner's. */
  url: string;
  /** Jobs run at once by this runner (JOBS_CONCURRENCY). */
  concurrency: number;
  /** How often to look for jobs that came due (JOBS_POLL_INTERVAL_MS); new jobs wake it at once. */
  pollIntervalMs: number;
  /** How long `stop` waits for running jobs before aborting their signal and releasing them. */
  shutdownGraceMs: number;
  logger: Logger;
  /** The handlers, by task name; asked for at each start. */
  handlers: () => Record<string, JobHandler>;
  /**
   * Recurring tasks (each a handler's name) and the seconds between their runs. The queue keeps
   * one job of each, keyed by the task's name: every runner makes sure of it when it starts
   * (due at once if there was none, or if it came due while no runner was up), and each run
   * schedules the next before it does its work, so a run that fails or is cut off never ends
   * the series. A failed run is logged and not retried: the next run is the retry.
   */
  recurring?: Record<string, number>;
}

/** graphile-worker's log lines through the server's logger; its chatter at `debug`. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => {
    const fields = { component: 'jobs', ...(scope.workerId ? { workerId: scope.workerId } : {}) };
    return (level: LogLevel, message: string, meta?: LogMeta) => {
      if (meta?.failure === true) return logFailure(logger, fields, meta);
      if (level === 'error') logger.error({ ...fields, err: meta?.error }, message);
      else if (level === 'warning') logger.warn({ ...fields, err: meta?.error }, message);
      // "Completed task …", "Worker connected …": one line per job is not worth `info`.
      else logger.debug(fields, message);
    };
  });
}

/** A failed attempt, as one structured record: warn while it will be tried again, else error. */
function logFailure(logger: Logger, fields: object, meta: LogMeta): void {
  const job = meta.job as Job;
  const last = job.attempts >= job.max_attempts;
  logger[last ? 'error' : 'warn'](
    {
      ...fields,
      err: meta.error,
      task: job.task_identifier,
      jobId: job.id,
      jobKey: job.key ?? undefined,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      ms: Math.round(meta.duration as number),
    },
    last
      ? 'job failed on its last attempt; it stays in the queue, failed, until removed'
      : 'job failed; the queue tries it again after a backoff',
  );
}

/**
 * Installs or upgrades the queue's schema (`graphile_worker`), as the connecting user. It keeps
 * its own migration record; run with the platform's migrations (`lianxin migrate`, start-up).
 */
export async function migrateJobQueue(url: string, logger: Logger): Promise<void> {
  await runMigrations({ connectionString: url, logger: workerLogger(logger), maxPoolSize: 1 });
}

/**
 * One server instance's runner: takes due jobs and runs their handlers, `concurrency` at a time.
 * Started and stopped by the app; may be started again after a stop.
 */
export class JobRunner {
  private runner?: Runner;
  private pool?: Pool;
  private workerPool?: WorkerPool;
  /** Resolves when graphile-worker has released its worker pool (every job's outcome written). */
  private released?: Promise<void>;
  /** Handlers still running, cut off or not: their outcome is written when they return. */
  private readonly handlers = new Set<Promise<unknown>>();
  private starting?: Promise<void>;
  /** Settles once the last stop has ended the pool. */
  private ending: Promise<void> = Promise.resolve();

  constructor(private readonly opts: JobRunnerOptions) {}

  get running(): boolean {
    return this.runner !== undefined;
  }

  /** Connects (a pool of concurrency + 2 connections) and starts taking jobs. */
  start(): Promise<void> {
    if (this.runner) return Promise.resolve();
    return (this.starting ??= this.launch().finally(() => (this.starting = undefined)));
  }

  private async launch(): Promise<void> {
    const { opts } = this;
    const taskList: TaskList = {};
    const handlers = opts.handlers();
    const recurring = Object.entries(opts.recurring ?? {});
    for (const [name, seconds] of recurring) {
      if (!handlers[name]) throw new Error(`The recurring task "${name}" has no handler`);
      if (!(seconds > 0)) throw new Error(`The recurring task "${name}" needs seconds > 0`);
    }
    for (const [name, handler] of Object.entries(handlers)) {
      const every = opts.recurring?.[name];
      const runOnce = (payload: unknown, helpers: JobHelpers) =>
        handler(
          payload,
          {
            id: helpers.job.id,
            task: helpers.job.task_identifier,
            attempt: helpers.job.attempts,
            maxAttempts: helpers.job.max_attempts,
            key: helpers.job.key,
            runAt: helpers.job.run_at,
          },
          helpers.abortSignal,
        );
      taskList[name] =
        every === undefined
          ? (payload, helpers) => this.track(runOnce(payload, helpers).then(() => undefined))
          : (payload, helpers) =>
              this.track(this.runRecurring(name, every, payload, helpers, runOnce));
    }
    // Our own pool, ended by `stop` once it is quiet: graphile-worker's stop resolves with the
    // last jobs' completions still waiting for a connection, and ending the pool then (as it
    // does with a pool of its own) loses them, leaving jobs that ran locked for 4 hours.
    const pool = new Pool({
      connectionString: opts.url,
      max: opts.concurrency + 2,
      application_name: 'lianxin-jobs',
    });
    const lost = (err: Error) => opts.logger.warn({ err }, 'a job queue connection failed');
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    // The worker pool, to give running jobs back to the queue when they outlast the grace period
    // (the runner's own `kill` does nothing once a graceful stop has begun).
    const events = new EventEmitter() as WorkerEvents;
    events.on('pool:create', ({ workerPool }) => (this.workerPool = workerPool));
    const released = new Promise<void>((resolve) => events.once('pool:release', () => resolve()));
    let runner: Runner;
    try {
      // Each recurring task's job: added due now if there is none waiting; one waiting keeps its
      // time if that is past (it came due while no runner was up) or within the interval, else
      // comes forward to it (the interval was shortened). One job per key, however many start.
      for (const [name, seconds] of recurring) {
        await pool
          .query(
            `SELECT graphile_worker.add_job($1, '{}'::json, job_key := $1, run_at := least(
               now() + $2 * interval '1 second',
               coalesce((SELECT min(run_at) FROM graphile_worker.jobs WHERE key = $1 AND locked_at IS NULL), now())))`,
            [name, seconds],
          )
          // Another runner starting at the same moment holds the key: the job is there.
          .catch((err: unknown) =>
            opts.logger.warn({ err, task: name }, 'could not make sure of a recurring job'),
          );
      }
      runner = await run({
        pgPool: pool,
        events,
        concurrency: opts.concurrency,
        pollInterval: opts.pollIntervalMs,
        gracefulShutdownAbortTimeout: opts.shutdownGraceMs,
        // The server stops the runner in its own shutdown order (cli.ts).
        noHandleSignals: true,
        logger: workerLogger(opts.logger),
        taskList,
        // No crontab: otherwise graphile-worker reads a `crontab` file from the working directory.
        parsedCronItems: parseCronItems([]),
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    this.runner = runner;
    this.pool = pool;
    this.released = released;
    runner.promise.catch((err: unknown) => {
      // The runner gave up (its database connection failed for good): say so loudly.
      if (this.runner === runner) {
        this.runner = undefined;
        this.pool = undefined;
        void pool.end().catch(() => undefined);
        opts.logger.error({ err }, 'the job runner stopped on an error; jobs wait for a restart');
      }
    });
  }

  /**
   * Settles once a stop has finished with the database: after a forceful stop, a job cut off
   * still returns and writes its outcome before the pool ends.
   */
  closed(): Promise<void> {
    return this.ending;
  }

  /**
   * One run of a recurring task: its next run is scheduled first (the job running now is locked,
   * so it is replaced by a new one and will not run again), then the work is done; a failure is
   * logged, and the next run is the retry. `'again'` brings the next run forward to now.
   */
  private async runRecurring(
    name: string,
    everySeconds: number,
    payload: unknown,
    helpers: JobHelpers,
    runOnce: (payload: unknown, helpers: JobHelpers) => Promise<void | 'again'>,
  ): Promise<void> {
    const next = (runAt: Date) => helpers.addJob(name, {}, { jobKey: name, runAt });
    await next(new Date(Date.now() + everySeconds * 1000));
    let outcome: void | 'again';
    try {
      outcome = await runOnce(payload, helpers);
    } catch (err) {
      // Cut off by a stopping runner, or failed: either way the next run is the retry.
      this.opts.logger[helpers.abortSignal.aborted ? 'warn' : 'error'](
        { err, component: 'jobs', task: name, jobId: helpers.job.id },
        'a recurring job failed; it runs again at its next time',
      );
      return;
    }
    if (outcome === 'again') await next(new Date());
  }

  /** Keeps `work` among the running handlers until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.handlers.add(work);
    const done = () => this.handlers.delete(work);
    work.then(done, done);
    return work;
  }

  /**
   * Stops taking jobs and waits for those running: past the grace period their signal aborts
   * (a handler's statements are cancelled and its transaction rolls back); a job still running
   * a second later is failed back to the queue, to run again after a backoff.
   */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const { runner, pool, workerPool, released } = this;
    if (!runner || !pool) return;
    this.runner = undefined;
    this.pool = undefined;
    this.workerPool = undefined;
    this.released = undefined;
    /**
     * The pool ends only once graphile-worker is done with it: its worker pool released, then no
     * connection in use or asked for. A job's last outcome (done, or failed back) may still be on
     * its way when `stop` resolves; a pool ended under it throws where nothing catches it.
     */
    const handlers = this.handlers;
    const end = async () => {
      const cap = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
      await Promise.race([released, cap(5000)]);
      // A handler cut off by a forceful stop still returns, and its outcome is written then.
      await Promise.race([Promise.allSettled([...handlers]), cap(30_000)]);
      await quiet(pool, 2000);
      await new Promise((r) => setTimeout(r, 250));
      await quiet(pool, 2000);
      await pool.end();
    };
    const stopped = runner.stop();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.opts.shutdownGraceMs + 1000);
    });
    const outcome = await Promise.race([stopped.then(() => 'stopped' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.opts.logger.warn('running jobs did not finish in time; they go back to the queue');
      await (async () => workerPool?.forcefulShutdown('the server is stopping'))().catch((err) => {
        this.opts.logger.error({ err }, 'running jobs could not be given back to the queue');
      });
      // The jobs cut off still write their outcome when they return: the pool waits for them.
      this.ending = stopped.then(end).catch(() => undefined);
      return;
    }
    this.ending = end();
    await this.ending;
  }
}

/** Resolves once no connection of `pool` is in use or asked for (twice in a row), or after `ms`. */
async function quiet(pool: Pool, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let calm = 0;
  while (calm < 2 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    calm = pool.waitingCount === 0 && pool.idleCount === pool.totalCount ? calm + 1 : 0;
  }
}
