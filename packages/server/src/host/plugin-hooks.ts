import type { PluginEvent, PluginHook } from '@lianxin/sdk';
import type { Database } from '../db/database';
import { sql } from '../db/statement';
import { inTransaction, type Context } from '../domain/shared/context';
import { InputError, PublicError } from '../domain/shared/errors';
import type { CaseTransitionFacts, HookState } from '../domain/shared/plugins';
import { systemViewer, type Viewer } from '../domain/shared/viewer';
import { eventCursor } from '../events/cursor';
import { PartialFailure, type EventConsumer, type StoredEvent } from '../events/relay';
import type { Logger } from '../logger';
import type { PluginRuntime } from './plugin-context';
import { runPluginWork } from './plugin-resolvers';

/** A hook's default time limit, and a guard's. */
export const HOOK_TIMEOUT_MS = 10_000;
export const GUARD_TIMEOUT_MS = 500;

/** The event consumer name of a plugin's hook: its durable position in the stream. */
export const hookConsumerName = (plugin: string, hook: string) => `plugin.${plugin}.${hook}`;

/** Whether `type` is one of `patterns` (names, or `area.*`). */
export function matches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

const succeeded = sql(
  'plugin_hook_succeeded',
  `INSERT INTO plugin_hook_state (consumer, failures, last_success_at) VALUES ($1, 0, now())
   ON CONFLICT (consumer) DO UPDATE SET failures = 0, last_success_at = now()`,
);
// The event that failed was passed by without a run (its street's plugin was disabled meanwhile).
const cleared = sql(
  'plugin_hook_cleared',
  `UPDATE plugin_hook_state SET failures = 0 WHERE consumer = $1 AND failures > 0`,
);
const failed = sql(
  'plugin_hook_failed',
  `INSERT INTO plugin_hook_state (consumer, failures, last_error, last_error_at) VALUES ($1, 1, $2, now())
   ON CONFLICT (consumer) DO UPDATE SET failures = plugin_hook_state.failures + 1,
     last_error = $2, last_error_at = now()`,
);

export interface HookDeps {
  db: Database;
  logger: Logger;
  /** A core context for `viewer`, and its release. */
  contextFor(viewer: Viewer): Context;
  release(ctx: Context): Promise<void>;
}

function toPluginEvent(e: StoredEvent): PluginEvent {
  return {
    cursor: eventCursor({ txId: e.txId, id: e.id }),
    type: e.type,
    streetId: e.streetId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    payload: e.payload,
    occurredAt: e.occurredAt,
  };
}

/**
 * A plugin hook as a reader of the one event stream, at its own durable position: each event
 * of its types, in a street where the plugin is on, is handed to the hook in a transaction of
 * its own as the system in that street (its writes and events commit together); the position
 * moves past it after. A throw or a time-out leaves the position at that event, which is tried
 * again after 1, 2, 4 … 60 s; the failures show in `pluginStatus` and the log. At least once:
 * a hook whose effects committed but whose position did not (a crash between) sees it again.
 */
export function hookConsumer(
  runtime: PluginRuntime,
  hook: PluginHook,
  deps: HookDeps,
): EventConsumer {
  const name = runtime.plugin.manifest.name;
  const consumer = hookConsumerName(name, hook.name);
  const timeoutMs = hook.timeoutMs ?? HOOK_TIMEOUT_MS;
  // Whether failures may be on record (true at start: another run of the server may have left
  // some); cleared by the first batch that goes through, run or not.
  let failing = true;
  return {
    name: consumer,
    // A hook sees what happens once it is installed, not the stream's history.
    startAt: 'head',
    retryDelayMs: (failures) => Math.min(60_000, 1000 * 2 ** Math.min(failures - 1, 6)),
    async handle(events, tx) {
      let handled = 0;
      let ran = 0;
      for (const event of events) {
        if (
          matches(hook.on, event.type) &&
          event.streetId !== null &&
          runtime.enablement.enabledIn(name, event.streetId)
        ) {
          const streetId = event.streetId;
          const core = deps.contextFor({ ...systemViewer, streetIds: [streetId] });
          try {
            await inTransaction(core, (txCtx) =>
              runPluginWork(
                runtime,
                txCtx,
                [streetId],
                timeoutMs,
                (ctx) => hook.run(toPluginEvent(event), ctx),
                `hook ${hook.name}`,
              ),
            );
            ran += 1;
          } catch (error) {
            const message = (error as Error)?.message ?? String(error);
            deps.logger.error(
              { err: error, plugin: name, hook: hook.name, event: event.id, type: event.type },
              'a plugin hook failed; it will be tried again',
            );
            await recordFailure(deps.db, consumer, message).catch(() => undefined);
            failing = true;
            throw new PartialFailure(handled, error);
          } finally {
            await deps.release(core);
          }
        }
        handled += 1;
      }
      if (ran) await tx.query({ name: succeeded.name, text: succeeded.text, values: [consumer] });
      else if (failing)
        await tx.query({ name: cleared.name, text: cleared.text, values: [consumer] });
      failing = false;
    },
  };
}

async function recordFailure(db: Database, consumer: string, message: string): Promise<void> {
  const client = await db.scoped('*');
  try {
    await client.query({
      name: failed.name,
      text: failed.text,
      values: [consumer, message.slice(0, 2000)],
    });
  } finally {
    client.release();
  }
}

/** Each hook's state, with how far behind the stream's head it is. */
export async function hookStates(db: Database, runtime: PluginRuntime): Promise<HookState[]> {
  const hooks = runtime.plugin.spec.hooks ?? [];
  if (!hooks.length) return [];
  const names = hooks.map((h) => hookConsumerName(runtime.plugin.manifest.name, h.name));
  const client = await db.scoped('*');
  try {
    const { rows } = await client.query<{
      name: string;
      failures: number | null;
      lastError: string | null;
      lastErrorAt: Date | null;
      lastSuccessAt: Date | null;
      behind: number;
    }>(
      `SELECT n.name, s.failures, s.last_error AS "lastError", s.last_error_at AS "lastErrorAt",
         s.last_success_at AS "lastSuccessAt",
         (SELECT count(*)::int FROM (SELECT 1 FROM domain_event e
            WHERE (e.tx_id, e.id) > (coalesce(c.tx_id, '0'::xid8), coalesce(c.event_id, 0))
              AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot()) LIMIT 100000) x) AS behind
       FROM unnest($1::text[]) AS n(name)
       LEFT JOIN event_consumer c ON c.name = n.name
       LEFT JOIN plugin_hook_state s ON s.consumer = n.name`,
      [names],
    );
    return hooks.map((hook, i) => {
      const row = rows.find((r) => r.name === names[i])!;
      return {
        name: hook.name,
        eventTypes: hook.on,
        failures: row.failures ?? 0,
        lastError: row.lastError,
        lastErrorAt: row.lastErrorAt,
        lastSuccessAt: row.lastSuccessAt,
        behind: row.behind,
      };
    });
  } finally {
    client.release();
  }
}

/**
 * Runs the guards of every plugin on in the case's street, in the transition's transaction.
 * A refusal rolls the transition back as ILLEGAL_TRANSITION with the plugin's reason; a guard
 * that fails or runs past its limit stops it too, as UNAVAILABLE naming the plugin (a guard's
 * silence is not consent).
 */
export async function guardCaseTransition(
  runtimes: readonly PluginRuntime[],
  ctx: Context,
  transition: CaseTransitionFacts,
): Promise<void> {
  for (const runtime of runtimes) {
    const { manifest, spec } = runtime.plugin;
    if (!spec.guards?.length || !runtime.enablement.enabledIn(manifest.name, transition.streetId))
      continue;
    for (const guard of spec.guards) {
      if (guard.actions && !guard.actions.includes(transition.action)) continue;
      let verdict: void | { refuse: string };
      try {
        verdict = await runPluginWork(
          runtime,
          ctx,
          [transition.streetId],
          guard.timeoutMs ?? GUARD_TIMEOUT_MS,
          (pctx) => guard.run({ ...transition }, pctx),
          `guard ${guard.name}`,
        );
      } catch (error) {
        if (error instanceof PublicError) throw error;
        ctx.logger.error(
          { err: error, plugin: manifest.name, guard: guard.name },
          'a plugin guard failed',
        );
        throw new PublicError(
          'UNAVAILABLE',
          `The plugin "${manifest.name}" could not check this ${transition.action} (its guard ${guard.name} failed); the case was not changed. Try again later.`,
          { plugin: manifest.name },
        );
      }
      if (verdict && typeof verdict.refuse === 'string') {
        throw InputError.single(
          ['input', 'id'],
          `${manifest.displayName.zh} / ${manifest.displayName.en}: ${verdict.refuse.slice(0, 500)}`,
          'ILLEGAL_TRANSITION',
        );
      }
    }
  }
}
