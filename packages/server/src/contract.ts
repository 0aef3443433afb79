import path from 'node:path';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema } from 'graphql';
import { apiSchema } from './app';
import { BUNDLED_PLUGINS } from './config';
import { PluginHost } from './host/host';
import { createLogger } from './logger';
import { nodeFetchers, readModels, relations } from './modules';

/** Where the committed public contract lives, from the repository root. */
export const contractFile = path.resolve(__dirname, '../../../schema/schema.graphql');

/** The record of the contract's changes, written beside it by `lianxin schema`. */
export const changelogFile = path.resolve(__dirname, '../../../schema/CHANGELOG.md');

/**
 * The public contract as committed: the platform as shipped (the core and the bundled plugins),
 * sorted, so diffs show real changes only, and with the directives applied to fields
 * (graphql-js's printer leaves them out). A bundled plugin that cannot be loaded fails it.
 */
export async function printContract(): Promise<string> {
  const logger = createLogger({ LOG_LEVEL: 'silent' } as never);
  const host = await PluginHost.load(BUNDLED_PLUGINS, logger);
  const { schema } = host.build(null, {
    schema: apiSchema(),
    models: readModels,
    relations,
    fetchers: nodeFetchers,
  });
  const refused = host.refused;
  if (refused.length) {
    throw new Error(`The bundled plugins must load:\n${refused.map((r) => r.reason).join('\n')}`);
  }
  return `${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
