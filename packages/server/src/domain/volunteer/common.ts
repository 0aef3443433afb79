import type DataLoader from 'dataloader';
import { z } from 'zod';
import { batchLoader, query, type Context } from '../shared/context';
import { InputError } from '../shared/errors';
import { memo, readableSql, type TableSpec } from '../shared/table';
import { scopeSql } from '../shared/tenancy';
import { today } from '../shared/dates';
import { validate } from '../shared/validate';

// Shared by the volunteer area's services: dates, texts, the archived check and batched reads.

export { today };

export const localDate = z.iso.date('Use a date as YYYY-MM-DD.');
export const pastDate = localDate.refine(
  (d) => d <= today(),
  'The date must not be in the future.',
);

/** A date argument checked on its own; `undefined` when not given. */
export function dateArg(value: string | null | undefined, field: string[]): string | undefined {
  return value == null ? undefined : validate(pastDate, value, field);
}

/** Trimmed optional text; an empty string clears it like null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((s) => s || null)
    .nullable();

/** Name of a team or post. */
export const name = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(100, 'Name is at most 100 characters.');

export { escapeLike } from '../shared/codes';

/** A record being changed or referred to must be in use, not archived. */
export function requireActive(
  row: { archivedAt: Date | null },
  field: string[],
  what: string,
): void {
  if (row.archivedAt) throw InputError.single(field, `The ${what} is archived.`, 'CONFLICT');
}

/**
 * Refuses to archive a record twice, naming it in words (`archiveRow`'s own message runs the
 * type name together, e.g. "volunteerteam").
 */
export function requireNotArchived(row: { archivedAt: Date | null }, what: string): void {
  if (row.archivedAt) {
    throw InputError.single(
      ['input', 'id'],
      `This ${what} is already archived.`,
      'ILLEGAL_TRANSITION',
    );
  }
}

/** Pushes `value` and returns a condition built with its placeholder. */
export function adder(where: string[], params: unknown[]) {
  return (value: unknown, condition: (p: string) => string) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
}

export { readableSql };

/**
 * The request's loader of `spec` rows grouped by `column` (a bigint key such as a parent id),
 * as the viewer may read them: one statement for all keys a query level asks for.
 */
export function rowsByKey<R>(
  ctx: Context,
  loaderKey: string,
  spec: TableSpec<R>,
  column: string,
  opts: { where?: string[]; orderBy: string },
): DataLoader<string, R[]> {
  return memo(ctx, loaderKey, () =>
    batchLoader<string, R[]>(ctx, async (keys) => {
      const params: unknown[] = [keys];
      const conditions = [
        `${column} = ANY($1::bigint[])`,
        ...(opts.where ?? []),
        ...readableSql(ctx, spec, params),
      ];
      const rows = await query<Record<string, unknown>>(
        ctx,
        `SELECT ${spec.columns}, ${column}::text AS "__key" FROM ${spec.from}
         WHERE ${conditions.join(' AND ')} ORDER BY ${opts.orderBy}`,
        params,
      );
      const grouped = new Map<string, R[]>();
      for (const row of rows) {
        const parent = row.__key as string;
        const list = grouped.get(parent) ?? [];
        list.push(spec.map ? spec.map(row) : (row as R));
        grouped.set(parent, list);
      }
      return keys.map((key) => grouped.get(key) ?? []);
    }),
  );
}

/**
 * The request's loader of row counts grouped by `column`, within the street scope only: a number
 * shown wherever its parent is, even to callers who may not see the rows themselves.
 */
export function countsByKey(
  ctx: Context,
  loaderKey: string,
  from: { table: string; alias: string },
  column: string,
  where: string[] = [],
): DataLoader<string, number> {
  return memo(ctx, loaderKey, () =>
    batchLoader<string, number>(ctx, async (keys) => {
      const params: unknown[] = [keys];
      const conditions = [`${column} = ANY($1::bigint[])`, ...where];
      const scope = scopeSql(ctx, `${from.alias}.street_id`, params);
      if (scope) conditions.push(scope);
      const rows = await query<{ parent: string; n: number }>(
        ctx,
        `SELECT ${column}::text AS parent, count(*)::int AS n FROM ${from.table}
           WHERE ${conditions.join(' AND ')} GROUP BY ${column}`,
        params,
      );
      const counts = new Map(rows.map((r) => [r.parent, r.n]));
      return keys.map((key) => counts.get(key) ?? 0);
    }),
  );
}
