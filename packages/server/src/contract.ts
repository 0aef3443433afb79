import path from 'node:path';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema } from 'graphql';
import { apiSchema } from './app';

/** Where the committed public contract lives, from the repository root. */
export const contractFile = path.resolve(__dirname, '../../../schema/schema.graphql');

/** The record of the contract's changes, written beside it by `lianxin schema`. */
export const changelogFile = path.resolve(__dirname, '../../../schema/CHANGELOG.md');

/**
 * The public contract as committed: sorted, so diffs show real changes only, and with the
 * directives applied to fields (graphql-js's printer leaves them out).
 */
export function printContract(): string {
  return `${printSchemaWithDirectives(lexicographicSortSchema(apiSchema()))}\n`;
}
