import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { EventType } from '../../events/catalog';
import { repository, type Context } from './context';
import { InputError } from './errors';
import { recordEvent } from './events';
import type { Area } from './policy';
import { readRuleAllows, type TableSpec } from './table';
import { requireStreetWrite } from './tenancy';

/**
 * Loads a tenant row for change, locked for the rest of the transaction, and checks that the
 * viewer may change it. A missing row, one of another street, and one the viewer may not read
 * (`readable`: the row's read description) are the same NOT_FOUND user error on `field`, so IDs
 * reveal nothing; a row the viewer reads but may not change is FORBIDDEN.
 */
export async function loadForUpdate<E extends ObjectLiteral & { id: string; streetId: string }>(
  ctx: Context,
  entity: EntityTarget<E>,
  id: string,
  field: string[],
  what: string,
  action: string,
  /** The policy area whose write rule applies, or a check of the loaded row for finer rules. */
  authorize: Area | ((row: E) => void | Promise<void>),
  readable: TableSpec<unknown>,
): Promise<E> {
  const row = await repository(ctx, entity).findOne({
    where: { id } as never,
    lock: { mode: 'pessimistic_write' },
  });
  const scope = ctx.viewer.streetIds;
  if (
    !row ||
    (scope !== 'all' && !scope.includes(row.streetId)) ||
    !(await readRuleAllows(ctx, readable, row.id))
  ) {
    throw InputError.single(field, `No ${what} has this ID.`, 'NOT_FOUND');
  }
  if (typeof authorize === 'function') await authorize(row);
  else requireStreetWrite(ctx, row.streetId, action, authorize);
  return row;
}

/**
 * Loads a row that a new or changed record refers to; it must exist in `streetId` and be one
 * the viewer may read (`readable`: the row's read description), else it is NOT_FOUND.
 */
export async function loadReference<E extends ObjectLiteral & { id: string; streetId: string }>(
  ctx: Context,
  entity: EntityTarget<E>,
  id: string,
  streetId: string,
  field: string[],
  what: string,
  readable: TableSpec<unknown>,
): Promise<E> {
  const row = await repository(ctx, entity).findOne({ where: { id } as never });
  if (!row || row.streetId !== streetId || !(await readRuleAllows(ctx, readable, row.id))) {
    throw InputError.single(field, `No ${what} with this ID exists in this street.`, 'NOT_FOUND');
  }
  return row;
}

/** The fields of `patch` that differ from `row`; `undefined` means "leave as it is". */
export function changedFields<E extends object>(row: E, patch: Partial<E>): Partial<E> {
  const changes: Partial<E> = {};
  for (const [key, value] of Object.entries(patch) as [keyof E, E[keyof E]][]) {
    if (value === undefined) continue;
    if (JSON.stringify(row[key]) !== JSON.stringify(value)) changes[key] = value;
  }
  return changes;
}

/**
 * Applies `patch` to `row`, saves it and records `event` with the changes. Does nothing, and
 * records nothing, when nothing changes.
 */
export async function saveChanges<E extends ObjectLiteral & { id: string; streetId: string }>(
  ctx: Context,
  entity: EntityTarget<E>,
  row: E,
  patch: Partial<E>,
  /** Its payload is the changed values themselves. */
  event: EventType<{ changes: NoInfer<Partial<E>> }>,
): Promise<E>;
export async function saveChanges<
  E extends ObjectLiteral & { id: string; streetId: string },
  P extends object,
>(
  ctx: Context,
  entity: EntityTarget<E>,
  row: E,
  patch: Partial<E>,
  event: EventType<P>,
  /** What the event says of the changes. */
  describe: (changes: Partial<E>) => NoInfer<P>,
): Promise<E>;
export async function saveChanges<E extends ObjectLiteral & { id: string; streetId: string }>(
  ctx: Context,
  entity: EntityTarget<E>,
  row: E,
  patch: Partial<E>,
  event: EventType,
  describe: (changes: Partial<E>) => object = (changes) => ({ changes }),
): Promise<E> {
  const changes = changedFields(row, patch);
  if (Object.keys(changes).length === 0) return row;
  Object.assign(row, changes);
  const saved = await repository(ctx, entity).save(row);
  await recordEvent(ctx, event, {
    streetId: saved.streetId,
    subjectId: saved.id,
    payload: describe(changes),
  });
  return saved;
}

/** Archives a row: it stays readable where referenced, and leaves lists by default. */
export async function archiveRow<
  E extends ObjectLiteral & { id: string; streetId: string; archivedAt: Date | null },
>(
  ctx: Context,
  entity: EntityTarget<E>,
  row: E,
  event: EventType<Record<string, never>>,
): Promise<E> {
  if (row.archivedAt) {
    throw InputError.single(
      ['input', 'id'],
      `This ${event.subject.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} is already archived.`,
      'ILLEGAL_TRANSITION',
    );
  }
  (row as { archivedAt: Date | null }).archivedAt = new Date();
  const saved = await repository(ctx, entity).save(row);
  await recordEvent(ctx, event, { streetId: saved.streetId, subjectId: saved.id, payload: {} });
  return saved;
}
