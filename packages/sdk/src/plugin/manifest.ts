import { z } from 'zod';

/**
 * What a plugin may ask the platform for. The context a plugin's code receives offers only what
 * its manifest names (a missing one is refused when the code reaches for it, naming it).
 */
export const CAPABILITIES = [
  /** Read the street's cases through the core's read rules. */
  'cases:read',
  /** Read the street's grids. */
  'grids:read',
  /** Read the street's organizations. */
  'organizations:read',
  /** Read people (personal data: masked as the viewer's role requires). */
  'people:read',
  /** Read the street's volunteers and their service records (hours, confirmation). */
  'volunteers:read',
  /** Run guards inside case transitions, which may refuse them. */
  'cases:guard',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Semantic version, e.g. 1.2.0 or 1.0.0-beta.1. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Checked when the platform loads the plugin: a wrong manifest is refused with what is wrong. */
export const manifestSchema = z
  .object({
    /** Lower case words joined by dashes: `micro-wish`. Names the plugin's schema, role and fields' owner. */
    name: z
      .string()
      .regex(
        /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
        'lower case letters and digits, words joined by dashes, e.g. micro-wish',
      )
      .max(40),
    /** The plugin's own version (semver). */
    version: z.string().regex(SEMVER, 'a semantic version such as 1.0.0'),
    /** The platform versions it works with: a semver range such as `^0.1.0`. */
    platform: z.string().min(1, 'a semver range of platform versions such as ^0.1.0'),
    displayName: z
      .object({ zh: z.string().min(1).max(40), en: z.string().min(1).max(80) })
      .strict(),
    description: z.string().min(1).max(500),
    capabilities: z.array(z.enum(CAPABILITIES)).default([]),
  })
  .strict();

export type PluginManifest = z.input<typeof manifestSchema>;
export type CheckedManifest = z.output<typeof manifestSchema>;
