import { z } from 'zod';
import { defineEvent } from '../../events/catalog';

const plugin = z.string();

export const pluginEnabled = defineEvent('plugin.enabled', {
  subject: 'Street',
  description: 'A plugin was enabled in a street, with its configuration there.',
  payload: z.object({ plugin, config: z.record(z.string(), z.unknown()) }).strict(),
});

export const pluginConfigured = defineEvent('plugin.configured', {
  subject: 'Street',
  description: "A plugin's configuration in a street changed.",
  payload: z.object({ plugin, config: z.record(z.string(), z.unknown()) }).strict(),
});

export const pluginDisabled = defineEvent('plugin.disabled', {
  subject: 'Street',
  description:
    'A plugin was disabled in a street: its fields answer PLUGIN_DISABLED there and its hooks skip it.',
  payload: z.object({ plugin }).strict(),
});

export const pluginEvents = [pluginEnabled, pluginConfigured, pluginDisabled];
