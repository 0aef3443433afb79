/**
 * (`C` is the request context of domain/shared/context.ts, which carries a `PluginSupport<Context>`:
 * a parameter here, so that this file and that one do not import each other.)
 *
 * What the plugin host lends the core, as a shape (the kernel knows no host): the plugins this
 * server knows, their configurations' checks, and the guards that run inside case transitions.
 * Set on the context (`ctx.plugins`) when the server runs plugins.
 */
export interface PluginSupport<C = unknown> {
  /** Every plugin the server was configured with: those it runs, and those it refused. */
  list(): readonly PluginEntry[];
  /**
   * Checks a street's configuration of a plugin the server runs: the value to store (defaults
   * applied), or the problems (paths from the configuration's root).
   */
  checkConfig(plugin: string, config: unknown): ConfigCheck;
  /**
   * What enabling `plugin` in `streetId` brings, in the enabling transaction: its case
   * categories in that street (once). A problem with them is the plugin's, thrown as an error.
   */
  enabling(ctx: C, plugin: string, streetId: string): Promise<void>;
  /** Enablement changed (after the commit): this instance reads it again now. */
  changed(): Promise<void>;
  /** Each hook's state (position, failures), for `pluginStatus`. */
  hooks(plugin: string): Promise<readonly HookState[]>;
  /**
   * Runs the guards of the plugins enabled in the case's street, inside the transition's
   * transaction: throws an `InputError` (ILLEGAL_TRANSITION, the plugin's reason) to refuse, a
   * `PublicError` (UNAVAILABLE) when a guard fails or runs past its limit.
   */
  guardCaseTransition(ctx: C, transition: CaseTransitionFacts): Promise<void>;
}

export interface PluginEntry {
  name: string;
  version: string | null;
  displayName: { zh: string; en: string } | null;
  description: string | null;
  capabilities: readonly string[];
  state: 'ACTIVE' | 'INCOMPATIBLE' | 'FAILED';
  /** Why it is not active. */
  reason: string | null;
  /** Streets where it is enabled (all of them; callers filter by what the viewer may see). */
  enabledStreets: readonly string[];
}

export type ConfigCheck =
  { ok: true; value: unknown } | { ok: false; problems: { path: string[]; message: string }[] };

export interface HookState {
  name: string;
  eventTypes: readonly string[];
  /** Consecutive failures of the event at its position (0 when healthy). */
  failures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  /** Events in the stream past its position (what it still has to do). */
  behind: number;
}

export interface CaseTransitionFacts {
  action: string;
  from: string;
  to: string;
  caseId: string;
  streetId: string;
  urgency: string;
  level: string | null;
}
