import { query, type Context } from '../domain/shared/context';
import { named } from '../db/statement';
import type { LoadedPlugin } from './plugin';

/**
 * A plugin's statement, run in a core transaction as the plugin's own role: the role, the
 * search path (its schema first), the street scope (its streets) and the time limit are set
 * for that statement only and put back after it, so the transaction goes on as the core's.
 */

// The values in place are read (a subquery kept apart by OFFSET 0) before the new ones are set.
const SWITCH = `SELECT p.role, p.path, p.streets, p.timeout,
    set_config('lianxin.street_ids', $1, true), set_config('search_path', $2, true),
    set_config('statement_timeout', $4, true), set_config('role', $3, true)
  FROM (SELECT current_user::text AS role, current_setting('search_path') AS path,
          coalesce(current_setting('lianxin.street_ids', true), '') AS streets,
          current_setting('statement_timeout') AS timeout OFFSET 0) p`;
const RESTORE = `SELECT set_config('role', $1, true), set_config('search_path', $2, true),
    set_config('lianxin.street_ids', $3, true), set_config('statement_timeout', $4, true)`;

/**
 * What a plugin's statement may not be: a change of role, session or settings (its way out of
 * its role and scope), a block of procedural code, or a schema change (migrations do those).
 */
const FORBIDDEN = [
  {
    pattern:
      /^\s*(set|reset|do|begin|commit|rollback|savepoint|release|start|end|abort|prepare|deallocate|discard|listen|notify|copy|load|lock|grant|revoke|alter|drop|create|truncate|comment|security|vacuum|analyze|cluster|reindex|checkpoint)\b/i,
    what: 'SQL other than SELECT, INSERT, UPDATE, DELETE, MERGE, WITH or VALUES (schema changes belong in migrations)',
  },
  { pattern: /\bset_config\b/i, what: 'set_config()' },
  { pattern: /\bpg_(read|stat)_file|\blo_(import|export)|\bdblink/i, what: 'server file access' },
];

/**
 * Comments and blanks before the first word: PostgreSQL skips them, so the rules look past them
 * (a session-level SET behind a comment would outlive the transaction on a pooled connection).
 * Block comments nest in PostgreSQL; this stops at the first `*\/`, never later than it does.
 */
const LEADING = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

export class PluginSqlError extends Error {
  constructor(
    plugin: string,
    message: string,
    readonly sqlState?: string,
  ) {
    super(`Plugin "${plugin}": ${message}`);
    this.name = 'PluginSqlError';
  }
}

export function checkStatement(plugin: LoadedPlugin, text: string): void {
  if (typeof text !== 'string' || !text.trim()) {
    throw new PluginSqlError(plugin.manifest.name, 'an empty statement');
  }
  // `"set_config"(…)` is set_config(…) too: the rules also read the text without quotes.
  const forms = [text, text.replace(LEADING, ''), text.replace(/"/g, '')];
  for (const rule of FORBIDDEN) {
    if (forms.some((form) => rule.pattern.test(form))) {
      throw new PluginSqlError(plugin.manifest.name, `its SQL may not use ${rule.what}`);
    }
  }
}

/**
 * Runs `text` in `ctx`'s transaction as `plugin`, scoped to `streets`, stopped by PostgreSQL
 * after `timeoutMs`. A failure names the plugin and PostgreSQL's reason; the transaction is then
 * lost (rolled back by its owner).
 */
export async function runAsPlugin<R>(
  ctx: Context,
  plugin: LoadedPlugin,
  streets: readonly string[],
  timeoutMs: number,
  text: string,
  params: readonly unknown[],
): Promise<R[]> {
  if (!ctx.tx) throw new Error('A plugin statement outside a transaction');
  checkStatement(plugin, text);
  const [prev] = await query<{ role: string; path: string; streets: string; timeout: string }>(
    ctx,
    SWITCH,
    [
      streets.join(','),
      `"${plugin.schema}", public`,
      plugin.role,
      `${Math.max(1, Math.floor(timeoutMs))}ms`,
    ],
  );
  let rows: R[];
  try {
    // Named, so prepared: PostgreSQL refuses several commands in one prepared statement.
    rows = await query<R>(ctx, named(text), params);
  } catch (error) {
    const driver = (error as { driverError?: { code?: string; message?: string } }).driverError;
    throw new PluginSqlError(
      plugin.manifest.name,
      driver?.message ?? (error as Error).message,
      driver?.code,
    );
  }
  await query(ctx, RESTORE, [prev!.role, prev!.path, prev!.streets, prev!.timeout]);
  return rows;
}
