import type { Logger } from '../../logger';
import { inTransaction, type Context } from '../shared/context';
import { auditService } from './audit.service';

export interface AuditRetentionOptions {
  /** Entries older than this many days are removed (AUDIT_RETENTION_DAYS, at least 30). */
  days: number;
  /** How often to look (AUDIT_RETENTION_CHECK_SECONDS); 0: never on its own (`runOnce` only). */
  intervalMs: number;
  logger: Logger;
  /** Runs work as the system, on a context of its own. */
  asSystem<T>(work: (ctx: Context) => Promise<T>): Promise<T>;
}

/**
 * The audit log's retention: on a schedule, entries older than the retention period are removed
 * by the database's purge function, which records the purge in the log itself. Two instances
 * may run it: the function takes a lock, and the second finds nothing left to remove.
 */
export class AuditRetention {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly opts: AuditRetentionOptions) {}

  /** Looks a minute after start (or sooner, for short intervals), then every interval. */
  start(): void {
    if (this.opts.intervalMs <= 0) return;
    const first = Math.min(this.opts.intervalMs, 60_000);
    const tick = () => {
      this.running = this.runOnce().catch((err: unknown) =>
        this.opts.logger.error({ err }, 'audit log retention failed; it is tried again later'),
      );
      this.timer = setTimeout(tick, this.opts.intervalMs).unref();
    };
    this.timer = setTimeout(tick, first).unref();
  }

  /** Removes what is past retention now; returns how many entries went. */
  async runOnce(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.opts.days * 86_400_000);
    const removed = await this.opts.asSystem((ctx) =>
      inTransaction(ctx, (tx) => auditService.purgeBefore(tx, cutoff)),
    );
    if (removed > 0) {
      this.opts.logger.info({ removed, olderThan: cutoff }, 'removed audit entries past retention');
    }
    return removed;
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.running;
  }
}
