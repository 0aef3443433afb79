import { inTransaction, query } from '../domain/shared/context';
import { recordEvent } from '../domain/shared/events';
import { pluginEnabled } from '../domain/plugin/plugin.events';
import { systemViewer } from '../domain/shared/viewer';
import { createContext, releaseContext, type ContextDeps } from '../graphql/context';
import type { PluginRuntime } from './plugin-context';
import { addPluginCategories } from './plugin-categories';
import { runPluginWork } from './plugin-resolvers';

/** How long a plugin's demo data may take to load in one street. */
const DEMO_TIMEOUT_MS = 60_000;

/**
 * Enables each plugin in the demo streets it names (`demoStreets`), with the configuration it
 * gives there, and loads its demo data there (`demo`), as the system. Once: a street where the
 * plugin was ever enabled or disabled is left as it is. Answers `plugin:streetCode` of each.
 */
export async function seedPluginDemo(
  runtimes: readonly PluginRuntime[],
  deps: ContextDeps,
  refresh: () => Promise<void>,
): Promise<string[]> {
  const done: string[] = [];
  for (const runtime of runtimes) {
    const { spec, manifest } = runtime.plugin;
    for (const [code, config] of Object.entries(spec.demoStreets ?? {})) {
      const ctx = createContext(deps, systemViewer);
      let streetId: string | undefined;
      try {
        const [street] = await query<{ id: string }>(
          ctx,
          `SELECT id::text AS id FROM street WHERE code = $1`,
          [code],
        );
        if (!street) continue;
        streetId = street.id;
        const check = spec.config
          ? spec.config.safeParse(config ?? {})
          : { success: true as const };
        if (!check.success)
          throw new Error(
            `Plugin "${manifest.name}": its demo configuration for ${code} is invalid`,
          );
        const fresh = await inTransaction(ctx, async (tx) => {
          const [row] = await query<{ inserted: boolean }>(
            tx,
            `INSERT INTO plugin_street (plugin, street_id, enabled, config) VALUES ($1, $2, true, $3)
             ON CONFLICT (plugin, street_id) DO NOTHING RETURNING true AS inserted`,
            [manifest.name, street.id, JSON.stringify(config ?? {})],
          );
          if (!row) return false;
          await addPluginCategories(tx, runtime.plugin, street.id);
          await recordEvent(tx, pluginEnabled, {
            streetId: street.id,
            subjectId: street.id,
            payload: { plugin: manifest.name, config: (config ?? {}) as Record<string, unknown> },
          });
          return true;
        });
        if (!fresh) continue;
      } finally {
        await releaseContext(ctx);
      }
      await refresh();
      if (spec.demo) {
        const id = streetId!;
        const scoped = createContext(deps, { ...systemViewer, streetIds: [id] });
        try {
          await inTransaction(scoped, (tx) =>
            runPluginWork(
              runtime,
              tx,
              [id],
              DEMO_TIMEOUT_MS,
              (pctx) => spec.demo!(pctx, { code }),
              'its demo data',
            ),
          );
        } catch (error) {
          deps.logger.error(
            { err: error, plugin: manifest.name, street: code },
            'a plugin failed to load its demo data',
          );
          continue;
        } finally {
          await releaseContext(scoped);
        }
      }
      done.push(`${manifest.name}:${code}`);
    }
  }
  return done;
}
