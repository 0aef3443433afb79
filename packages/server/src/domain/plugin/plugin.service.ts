import { afterCommit, inTransaction, query, type Context } from '../shared/context';
import { InputError, PublicError } from '../shared/errors';
import { recordEvent } from '../shared/events';
import type { PluginEntry } from '../shared/plugins';
import { requireWrite, readAccess } from '../shared/policy';
import { pluginConfigured, pluginDisabled, pluginEnabled } from './plugin.events';
import { PLUGIN_AREA } from './plugin.rules';

export interface PluginStreetRecord {
  plugin: string;
  streetId: string;
  enabled: boolean;
  config: Record<string, unknown>;
  version: number;
  updatedAt: Date;
}

const columns = `plugin, street_id::text AS "streetId", enabled, config, version, updated_at AS "updatedAt"`;

/** The plugins this server knows, or a clear refusal when it runs none. */
function entries(ctx: Context): readonly PluginEntry[] {
  return ctx.plugins?.list() ?? [];
}

function runningPlugin(ctx: Context, name: string): PluginEntry {
  const found = entries(ctx).find((p) => p.name === name);
  if (!found || found.state !== 'ACTIVE') {
    const running = entries(ctx)
      .filter((p) => p.state === 'ACTIVE')
      .map((p) => p.name);
    const why = found ? ` (it was refused: ${found.reason ?? found.state})` : '';
    throw InputError.single(
      ['input', 'plugin'],
      `No plugin "${name}" runs on this server${why}. Running: ${running.join(', ') || 'none'}.`,
      'NOT_FOUND',
    );
  }
  return found;
}

function checkedConfig(ctx: Context, plugin: string, config: unknown): Record<string, unknown> {
  const check = ctx.plugins!.checkConfig(plugin, config ?? {});
  if (check.ok) return check.value as Record<string, unknown>;
  throw new InputError(
    check.problems.map((p) => ({
      field: ['input', 'config', ...p.path],
      message: p.message,
      code: 'INVALID' as const,
    })),
  );
}

export const pluginService = {
  /** Every plugin the server knows (administrators only; others get an empty list). */
  list(ctx: Context): readonly PluginEntry[] {
    if (!ctx.viewer.role || readAccess(ctx.viewer, PLUGIN_AREA) !== 'street') return [];
    return entries(ctx);
  },

  /** The enablement rows of `plugin` in the viewer's streets (row-level security). */
  async streets(ctx: Context, plugin: string): Promise<PluginStreetRecord[]> {
    if (!ctx.viewer.role || readAccess(ctx.viewer, PLUGIN_AREA) !== 'street') return [];
    return query<PluginStreetRecord>(
      ctx,
      `SELECT ${columns} FROM plugin_street WHERE plugin = $1 ORDER BY street_id`,
      [plugin],
    );
  },

  /**
   * Enables, configures or disables `plugin` in `streetId` (its administrators only). A
   * configuration is checked by the plugin's schema first: a wrong one writes nothing and comes
   * back as user errors on `input.config.<path>`.
   */
  async set(
    ctx: Context,
    input: { plugin: string; streetId: string; config?: Record<string, unknown> | null },
    action: 'enable' | 'configure' | 'disable',
  ): Promise<PluginStreetRecord> {
    if (!ctx.plugins) {
      throw new PublicError('NOT_FOUND', 'This server runs no plugins (LIANXIN_PLUGINS is empty).');
    }
    requireWrite(ctx, PLUGIN_AREA, { streetId: input.streetId }, `${action} plugins`);
    runningPlugin(ctx, input.plugin);
    const record = await inTransaction(ctx, async (tx) => {
      const [current] = await query<PluginStreetRecord>(
        tx,
        `SELECT ${columns} FROM plugin_street WHERE plugin = $1 AND street_id = $2 FOR UPDATE`,
        [input.plugin, input.streetId],
      );
      let enabled: boolean;
      let config: Record<string, unknown>;
      if (action === 'disable') {
        if (!current?.enabled) {
          throw InputError.single(
            ['input', 'plugin'],
            `"${input.plugin}" is not enabled in this street.`,
            'ILLEGAL_TRANSITION',
          );
        }
        enabled = false;
        config = current.config;
      } else if (action === 'configure') {
        if (!current?.enabled) {
          throw InputError.single(
            ['input', 'plugin'],
            `"${input.plugin}" is not enabled in this street: enable it with its configuration.`,
            'ILLEGAL_TRANSITION',
          );
        }
        enabled = true;
        config = checkedConfig(tx, input.plugin, input.config);
      } else {
        if (current?.enabled) {
          throw InputError.single(
            ['input', 'plugin'],
            `"${input.plugin}" is already enabled in this street; change its configuration with configurePlugin.`,
            'ILLEGAL_TRANSITION',
          );
        }
        enabled = true;
        config = checkedConfig(tx, input.plugin, input.config ?? current?.config ?? {});
      }
      const [row] = await query<PluginStreetRecord>(
        tx,
        `INSERT INTO plugin_street (plugin, street_id, enabled, config) VALUES ($1, $2, $3, $4)
         ON CONFLICT (plugin, street_id) DO UPDATE SET enabled = $3, config = $4,
           version = plugin_street.version + 1, updated_at = now()
         RETURNING ${columns}`,
        [input.plugin, input.streetId, enabled, JSON.stringify(config)],
      );
      // What the plugin brings to the street (its case categories) comes in with it.
      if (action === 'enable') await tx.plugins!.enabling(tx, input.plugin, input.streetId);
      const event =
        action === 'disable'
          ? pluginDisabled
          : action === 'configure'
            ? pluginConfigured
            : pluginEnabled;
      await recordEvent(tx, event as typeof pluginEnabled, {
        streetId: input.streetId,
        subjectId: input.streetId,
        payload:
          action === 'disable'
            ? ({ plugin: input.plugin } as never)
            : { plugin: input.plugin, config },
      });
      // This instance sees the change at once; the others within their refresh interval.
      afterCommit(tx, () => ctx.plugins!.changed());
      return row!;
    });
    return record;
  },
};
