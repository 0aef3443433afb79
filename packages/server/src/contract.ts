import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { apiSchema } from './app';

/** Where the committed public contract lives, from the repository root. */
export const contractFile = path.resolve(__dirname, '../../../schema/schema.graphql');

/** The public contract as committed: sorted, so diffs show real changes only. */
export function printContract(): string {
  return `${printSchema(lexicographicSortSchema(apiSchema()))}\n`;
}
