import type { Database } from '../db/database';
import { sql } from '../db/statement';
import type { Logger } from '../logger';

const readEnabled = sql(
  'plugin_enabled_streets',
  `SELECT plugin, street_id::text AS "streetId", config FROM plugin_street WHERE enabled`,
);
const countStreets = sql('plugin_count_streets', `SELECT count(*)::int AS n FROM street`);

/**
 * Which plugin is enabled in which street, with its configuration there: read whole (it is
 * small) into memory, so that the planner and every resolver can ask without a statement. Read
 * again at once after a change on this instance, and every `refreshMs` for changes made through
 * other instances.
 */
export class Enablement {
  private byPlugin = new Map<string, Map<string, unknown>>();
  /** How many streets there are (a plugin on in all of them is on for platform-wide callers). */
  private streetCount = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly db: Database | null,
    private readonly logger: Logger,
    private readonly refreshMs: number,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((err) => this.logger.warn({ err }, 'could not read plugin enablement'));
    }, this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads the table again (one read at a time; a caller during one waits for a fresh one). */
  async refresh(): Promise<void> {
    const previous = this.reading;
    const next = (async () => {
      await previous?.catch(() => undefined);
      if (!this.db) return;
      const client = await this.db.scoped('*');
      try {
        const { rows } = await client.query<{ plugin: string; streetId: string; config: unknown }>({
          name: readEnabled.name,
          text: readEnabled.text,
        });
        const map = new Map<string, Map<string, unknown>>();
        for (const row of rows) {
          let streets = map.get(row.plugin);
          if (!streets) map.set(row.plugin, (streets = new Map()));
          streets.set(row.streetId, row.config);
        }
        const { rows: counted } = await client.query<{ n: number }>({
          name: countStreets.name,
          text: countStreets.text,
        });
        this.byPlugin = map;
        this.streetCount = counted[0]!.n;
      } finally {
        client.release();
      }
    })();
    this.reading = next;
    return next;
  }

  enabledIn(plugin: string, streetId: string): boolean {
    return this.byPlugin.get(plugin)?.has(streetId) ?? false;
  }

  /** The streets where `plugin` is enabled. */
  streets(plugin: string): readonly string[] {
    return [...(this.byPlugin.get(plugin)?.keys() ?? [])];
  }

  /** The stored configuration of `plugin` in `streetId` (undefined where it is not enabled). */
  config(plugin: string, streetId: string): unknown {
    return this.byPlugin.get(plugin)?.get(streetId);
  }

  /**
   * Of the caller's streets (`all` for platform-wide callers), those where `plugin` is enabled;
   * and whether that is every one of them.
   */
  scopeOf(
    plugin: string,
    callerStreets: 'all' | readonly string[],
  ): { streets: readonly string[]; whole: boolean } {
    const enabled = this.byPlugin.get(plugin);
    if (!enabled)
      return { streets: [], whole: callerStreets !== 'all' && callerStreets.length === 0 };
    if (callerStreets === 'all') {
      // Whole when on in every street there was at the last read (a street added since has no
      // rows of the plugin's yet).
      return { streets: [...enabled.keys()], whole: enabled.size >= this.streetCount };
    }
    const streets = callerStreets.filter((s) => enabled.has(s));
    return { streets, whole: streets.length === callerStreets.length };
  }
}
