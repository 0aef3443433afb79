import { manifestSchema, type CheckedManifest, type PluginSpec } from '@lianxin/sdk';
import { satisfies, validRange } from 'semver';
import { z } from 'zod';

/** The platform's version, which plugins' `platform` ranges are held against. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time by name
export const PLATFORM_VERSION: string = (require('../../package.json') as { version: string })
  .version;

/** A plugin the host checked and took: its spec, and the names it owns in PostgreSQL. */
export interface LoadedPlugin {
  // Plugins' configurations differ: the host handles them as unknown values.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin's own types
  readonly spec: PluginSpec<any>;
  readonly manifest: CheckedManifest;
  /** Where it came from: a module name or path, or `inline` for an object passed in. */
  readonly source: string;
  /** `micro_wish`: its events' area, and the stem of its schema and role. */
  readonly area: string;
  /** Its PostgreSQL schema: `plugin_micro_wish`. */
  readonly schema: string;
  /** The role its SQL runs as: `lianxin_plugin_micro_wish`. */
  readonly role: string;
  /** The role that owns its tables (runs its migrations): `lianxin_plugin_micro_wish_owner`. */
  readonly ownerRole: string;
}

/** A plugin the host refused: why, in words for the operator. */
export interface RefusedPlugin {
  readonly source: string;
  readonly name: string | null;
  readonly state: 'INCOMPATIBLE' | 'FAILED';
  readonly reason: string;
}

export class PluginRefused extends Error {
  constructor(
    readonly state: 'INCOMPATIBLE' | 'FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'PluginRefused';
  }
}

const NAME_IN_MESSAGE = (spec: unknown) => {
  const name = (spec as { manifest?: { name?: unknown } })?.manifest?.name;
  return typeof name === 'string' ? `Plugin "${name}"` : 'A plugin';
};

/**
 * Checks a plugin definition: its manifest (zod), its platform range against this platform,
 * and the shape of what it brings. Throws `PluginRefused` with every problem named.
 */
export function checkPlugin(
  candidate: unknown,
  source: string,
  platform = PLATFORM_VERSION,
): LoadedPlugin {
  const spec = (candidate as { default?: unknown })?.default ?? candidate;
  const who = `${NAME_IN_MESSAGE(spec)} (${source})`;
  if (!spec || typeof spec !== 'object' || !('manifest' in spec)) {
    throw new PluginRefused(
      'FAILED',
      `${who} does not export a definePlugin({ manifest, … }) object`,
    );
  }
  const parsed = manifestSchema.safeParse((spec as PluginSpec).manifest);
  if (!parsed.success) {
    throw new PluginRefused(
      'FAILED',
      `${who} has an invalid manifest:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const manifest = parsed.data;
  if (!validRange(manifest.platform)) {
    throw new PluginRefused(
      'FAILED',
      `${who}: manifest.platform "${manifest.platform}" is not a semver range such as ^0.1.0`,
    );
  }
  if (!satisfies(platform, manifest.platform, { includePrerelease: true })) {
    throw new PluginRefused(
      'INCOMPATIBLE',
      `Plugin "${manifest.name}" ${manifest.version} supports platform versions ${manifest.platform}; this platform is ${platform}. Use a version of the plugin made for ${platform}.`,
    );
  }
  const problems = shapeProblems(spec as PluginSpec);
  if (problems.length) {
    throw new PluginRefused(
      'FAILED',
      `Plugin "${manifest.name}" is malformed:\n- ${problems.join('\n- ')}`,
    );
  }
  const area = manifest.name.replace(/-/g, '_');
  return {
    spec: spec as PluginSpec,
    manifest,
    source,
    area,
    schema: `plugin_${area}`,
    role: `lianxin_plugin_${area}`,
    ownerRole: `lianxin_plugin_${area}_owner`,
  };
}

/** What a definition gets wrong besides its manifest (names, duplicates, limits). */
function shapeProblems(spec: PluginSpec): string[] {
  const problems: string[] = [];
  const area = spec.manifest.name.replace(/-/g, '_');
  const seen = new Set<string>();
  for (const m of spec.migrations ?? []) {
    if (!/^[0-9A-Za-z][0-9A-Za-z_.-]{0,99}$/.test(m.name))
      problems.push(`migration name "${m.name}" is not a plain name such as 001-wishes`);
    if (seen.has(m.name)) problems.push(`migration "${m.name}" is listed twice`);
    seen.add(m.name);
    if (typeof m.up !== 'string' || !m.up.trim()) problems.push(`migration "${m.name}" has no SQL`);
  }
  for (const name of Object.keys(spec.events ?? {})) {
    if (!name.startsWith(`${area}.`)) {
      problems.push(
        `event "${name}" must be named ${area}.<what_happened> (the plugin's own area)`,
      );
    }
  }
  const hooks = new Set<string>();
  for (const hook of spec.hooks ?? []) {
    if (!/^[a-z][a-z0-9-]*$/.test(hook.name))
      problems.push(`hook name "${hook.name}" is not lower case with dashes`);
    if (hooks.has(hook.name)) problems.push(`hook "${hook.name}" is defined twice`);
    hooks.add(hook.name);
    if (!hook.on.length) problems.push(`hook "${hook.name}" listens to no event type`);
    if (hook.timeoutMs !== undefined && !(hook.timeoutMs > 0 && hook.timeoutMs <= 60_000)) {
      problems.push(`hook "${hook.name}": timeoutMs must be between 1 and 60000`);
    }
  }
  const guards = new Set<string>();
  for (const guard of spec.guards ?? []) {
    if (guards.has(guard.name)) problems.push(`guard "${guard.name}" is defined twice`);
    guards.add(guard.name);
    if (!spec.manifest.capabilities?.includes('cases:guard')) {
      problems.push(`guard "${guard.name}" needs the capability cases:guard in the manifest`);
    }
    if (guard.timeoutMs !== undefined && !(guard.timeoutMs > 0 && guard.timeoutMs <= 5000)) {
      problems.push(`guard "${guard.name}": timeoutMs must be between 1 and 5000`);
    }
  }
  for (const [type, model] of Object.entries(spec.graphql?.readModels ?? {})) {
    if (!/^[a-z_][a-z0-9_]*$/.test(model.table))
      problems.push(`read model ${type}: table "${model.table}" is not a plain lower case name`);
    for (const [field, column] of Object.entries(model.fields)) {
      const name = typeof column === 'string' ? column : column.column;
      if (!/^[a-z_][a-z0-9_]*$/.test(name))
        problems.push(
          `read model ${type}.${field}: column "${name}" is not a plain lower case name`,
        );
    }
    for (const [order, o] of Object.entries(model.orders)) {
      if (!/^[a-z_][a-z0-9_]*$/.test(o.column))
        problems.push(
          `read model ${type} order ${order}: column "${o.column}" is not a plain lower case name`,
        );
    }
  }
  const codes = new Set<string>();
  for (const c of spec.categories ?? []) {
    if (!/^[0-9A-Z]{2}([0-9A-Z]{2}){1,2}$/.test(c.code)) {
      problems.push(`case category code "${c.code}" is not 4 or 6 digits or capital letters`);
    }
    if (codes.has(c.code)) problems.push(`case category ${c.code} is listed twice`);
    codes.add(c.code);
    if (!c.serviceCode.startsWith(`${spec.manifest.name}.`)) {
      problems.push(
        `case category ${c.code}: its service code must start with "${spec.manifest.name}." (service codes are unique across plugins)`,
      );
    }
  }
  if (spec.config && typeof (spec.config as { safeParse?: unknown }).safeParse !== 'function') {
    problems.push('config is not a zod schema');
  }
  return problems;
}

/**
 * Loads the plugins named (module names or paths, resolved from the working directory) or given
 * as objects. One that cannot be loaded or is refused is reported, never thrown: the platform
 * serves without it.
 */
export function loadPlugins(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each plugin's own types
  sources: readonly (string | PluginSpec<any>)[],
  platform = PLATFORM_VERSION,
): { loaded: LoadedPlugin[]; refused: RefusedPlugin[] } {
  const loaded: LoadedPlugin[] = [];
  const refused: RefusedPlugin[] = [];
  for (const source of sources) {
    const label = typeof source === 'string' ? source : 'inline';
    let candidate: unknown = source;
    try {
      if (typeof source === 'string') {
        const path = require.resolve(source, { paths: [process.cwd(), __dirname] });
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time by name
        candidate = require(path);
      }
      const plugin = checkPlugin(candidate, label, platform);
      const twin = loaded.find((p) => p.manifest.name === plugin.manifest.name);
      if (twin) {
        throw new PluginRefused(
          'FAILED',
          `Plugin "${plugin.manifest.name}" is configured twice (${twin.source} and ${label})`,
        );
      }
      loaded.push(plugin);
    } catch (error) {
      const state = error instanceof PluginRefused ? error.state : 'FAILED';
      const reason =
        error instanceof PluginRefused
          ? error.message
          : `Plugin ${label} could not be loaded: ${(error as Error).message}`;
      const name = (candidate as { manifest?: { name?: unknown } })?.manifest?.name;
      refused.push({ source: label, name: typeof name === 'string' ? name : null, state, reason });
    }
  }
  return { loaded, refused };
}
