import { z } from 'zod';
import type { JobHandler, JobInfo } from '../../db/jobs/queue';
import { jobStatements } from '../../db/jobs/statements';
import { inTransaction, query, type Context } from './context';

export type { JobInfo };

/**
 * Work for later (a calendar's due times to recompute, a webhook's next try) or again and again
 * (the sweep that marks overdue cases), declared by a module under a name prefixed by the
 * module's (`case.sweepOverdue`) in its `tasks`. Delivery is at least once: a run cut off after
 * its transaction committed (a runner killed) runs again, so make `run` idempotent (check the
 * state it acts on, e.g. "still open, past due and not marked yet").
 */
export interface TaskDefinition<P = unknown> {
  /** The payload's shape: checked when a job is scheduled, and again before it runs. */
  readonly payload: z.ZodType<P>;
  /**
   * Does the work as the system (every street), in a transaction of its own that commits when
   * it returns. A throw rolls it back and the queue runs the job again after a backoff. A
   * recurring task (app.ts) answers `'again'` when it left work over, to run again at once
   * instead of after its interval: one bounded transaction per run, however large a backlog.
   */
  run(ctx: Context, payload: P, job: JobInfo): Promise<void | 'again'>;
}

/** Declares a task; typed, and otherwise its argument. */
export function defineTask<P>(task: TaskDefinition<P>): TaskDefinition<P> {
  return task;
}

/** Every task the modules declare, by name; filled at start-up (src/modules.ts). */
export class TaskRegistry {
  private readonly tasks = new Map<string, { task: TaskDefinition; module: string }>();

  /** Adds `name`, declared by `module`; refuses a name taken or not prefixed `<module>.`. */
  register(name: string, task: TaskDefinition, module: string): void {
    const other = this.tasks.get(name);
    if (other) {
      throw new Error(
        `Task "${name}" is declared by both module ${other.module} and module ${module}`,
      );
    }
    checkTaskName(name, module);
    this.tasks.set(name, { task, module });
  }

  get(name: string): TaskDefinition | undefined {
    return this.tasks.get(name)?.task;
  }

  names(): string[] {
    return [...this.tasks.keys()];
  }
}

/** A task's name is `<module>.<name>`: lower camel case after the module's name and a dot. */
export function checkTaskName(name: string, module: string): void {
  if (!name.startsWith(`${module}.`) || !/^[a-z][a-z0-9-]*\.[a-z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(
      `Task "${name}" of module ${module} must be named "${module}.<name>" ` +
        `(its module's name, a dot, a lower camel case name), e.g. "${module}.deadline"`,
    );
  }
}

export const tasks = new TaskRegistry();

export interface ScheduleOptions {
  /** When to run it; now if unset. Jobs run at or shortly after this time, never before. */
  runAt?: Date;
  /**
   * Names the job so it can be moved or cancelled: scheduling the same key again replaces the
   * waiting job (its task, payload, time and attempts), so it runs once, at the new time. Keys
   * are global: start them with the task's name (`case.recomputeDeadlines:<district id>`).
   */
  jobKey?: string;
  /** Attempts before it is left failed; 25 (about four days of backoff) if unset. */
  maxAttempts?: number;
}

/**
 * Schedules `task` with `payload` in the request's transaction: the job exists if and only if
 * the transaction commits. Refused outside a transaction, for an unknown task and for a payload
 * the task does not accept. Resolves to the job's id.
 */
export async function scheduleJob(
  ctx: Context,
  task: string,
  payload: unknown,
  opts: ScheduleOptions = {},
): Promise<string> {
  if (!ctx.tx) {
    throw new Error(`scheduleJob(${task}) outside a transaction: schedule it with its write`);
  }
  const definition = tasks.get(task);
  if (!definition) throw new Error(`No module declares the task "${task}"`);
  const checked = definition.payload.safeParse(payload);
  if (!checked.success) {
    throw new Error(`Not a payload of task "${task}": ${z.prettifyError(checked.error)}`);
  }
  if (opts.jobKey !== undefined && (opts.jobKey === '' || opts.jobKey.length > 512)) {
    throw new Error(`A job key is 1 to 512 characters (task "${task}")`);
  }
  const max = opts.maxAttempts;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 32767)) {
    throw new Error(`maxAttempts is a whole number from 1 to 32767 (task "${task}")`);
  }
  if (opts.runAt && Number.isNaN(opts.runAt.getTime())) {
    throw new Error(`runAt is not a valid date (task "${task}")`);
  }
  const [row] = await query<{ id: string }>(ctx, jobStatements.schedule, [
    task,
    JSON.stringify(payload),
    opts.runAt ?? null,
    opts.jobKey ?? null,
    max ?? null,
  ]);
  return row!.id;
}

/**
 * Cancels the job named `jobKey`, in the request's transaction (undone if it rolls back).
 * Resolves to whether a job was waiting; a job already running finishes, but is not retried.
 */
export async function cancelJob(ctx: Context, jobKey: string): Promise<boolean> {
  if (!ctx.tx) throw new Error(`cancelJob(${jobKey}) outside a transaction`);
  const [row] = await query<{ removed: boolean }>(ctx, jobStatements.cancel, [jobKey]);
  return row!.removed;
}

/** Runs work as the system on a context of its own (the app provides it). */
export type SystemRunner = <T>(
  work: (ctx: Context) => Promise<T>,
  origin?: { requestId?: string; signal?: AbortSignal },
) => Promise<T>;

/**
 * The queue's handlers for the registered tasks: each checks its payload and runs the task as
 * the system in a transaction; the job's signal (runner stopping) cancels its statements.
 */
export function jobHandlers(
  registry: TaskRegistry,
  asSystem: SystemRunner,
): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {};
  for (const name of registry.names()) {
    const task = registry.get(name)!;
    handlers[name] = async (payload, job, signal) => {
      const checked = task.payload.safeParse(payload);
      if (!checked.success) {
        throw new Error(`Not a payload of task "${name}": ${z.prettifyError(checked.error)}`);
      }
      return asSystem((ctx) => inTransaction(ctx, (tx) => task.run(tx, checked.data, job)), {
        requestId: `job-${job.id}-${job.attempt}`,
        signal,
      });
    };
  }
  return handlers;
}
