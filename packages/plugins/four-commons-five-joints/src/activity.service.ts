import { PluginInputError, type PluginContext } from '@lianxin/sdk';
import type { FourCommonsConfig } from './config';
import { mayWrite, today, type ActivityKind } from './rules';

/** Joint activities (五联): recorded once held, with the units that took part. */

type Ctx = PluginContext<FourCommonsConfig>;

export interface ActivityFields {
  title: string;
  heldOn: string;
  place: string | null;
  participants: number;
  results: string | null;
  unitIds: readonly string[];
}

function heldAlready(heldOn: string, field: string[]): void {
  if (heldOn > today()) {
    throw PluginInputError.single(
      field,
      `An activity is recorded once it is held: ${heldOn} is after today (${today()}).`,
      'INVALID',
    );
  }
}

async function setUnits(
  ctx: Ctx,
  streetId: string,
  activityId: string,
  unitIds: readonly string[],
) {
  await ctx.db.query(
    `DELETE FROM joint_activity_unit WHERE activity_id = $1 AND organization_id <> ALL($2::bigint[])`,
    [activityId, unitIds],
  );
  await ctx.db.query(
    `INSERT INTO joint_activity_unit (street_id, activity_id, organization_id)
     SELECT $1, $2, u FROM unnest($3::bigint[]) AS u ON CONFLICT DO NOTHING`,
    [streetId, activityId, unitIds],
  );
}

/** Records a joint activity in `streetId`; answers its id. */
export async function recordActivity(
  ctx: Ctx,
  streetId: string,
  kind: ActivityKind,
  a: ActivityFields,
  field: string[],
): Promise<string> {
  mayWrite(ctx);
  heldAlready(a.heldOn, [...field, 'heldOn']);
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO joint_activity (street_id, kind, title, held_on, place, participants, results)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
    [streetId, kind, a.title, a.heldOn, a.place, a.participants, a.results],
  );
  await setUnits(ctx, streetId, row!.id, a.unitIds);
  await ctx.emit('four_commons_five_joints.activity_recorded', {
    streetId,
    subjectId: row!.id,
    payload: { kind, heldOn: a.heldOn, participants: a.participants, unitIds: [...a.unitIds] },
  });
  return row!.id;
}

export interface ActivityRow {
  id: string;
  streetId: string;
  kind: ActivityKind;
}

/** The activity, locked for the change; a user error on `field` when the caller sees none. */
export async function lockActivity(ctx: Ctx, id: string, field: string[]): Promise<ActivityRow> {
  const [row] = await ctx.db.query<ActivityRow>(
    `SELECT id::text AS id, street_id::text AS "streetId", kind FROM joint_activity WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw PluginInputError.single(field, 'No joint activity has this ID.', 'NOT_FOUND');
  ctx.street(row.streetId);
  return row;
}

/** Corrects or completes a recorded activity (its results come in later, often). */
export async function updateActivity(
  ctx: Ctx,
  row: ActivityRow,
  changes: Partial<ActivityFields>,
  field: string[],
): Promise<void> {
  mayWrite(ctx);
  const fields = Object.keys(changes).filter(
    (k) => changes[k as keyof ActivityFields] !== undefined,
  );
  if (!fields.length)
    throw PluginInputError.single(field, 'Name at least one thing to change.', 'REQUIRED');
  if (changes.heldOn) heldAlready(changes.heldOn, [...field, 'heldOn']);
  const has = (k: keyof ActivityFields) => changes[k] !== undefined;
  await ctx.db.query(
    `UPDATE joint_activity SET
       title = CASE WHEN $2::boolean THEN $3::text ELSE title END,
       held_on = CASE WHEN $4::boolean THEN $5::date ELSE held_on END,
       place = CASE WHEN $6::boolean THEN $7::text ELSE place END,
       participants = CASE WHEN $8::boolean THEN $9::int ELSE participants END,
       results = CASE WHEN $10::boolean THEN $11::text ELSE results END,
       updated_at = now()
     WHERE id = $1`,
    [
      row.id,
      has('title'),
      changes.title ?? null,
      has('heldOn'),
      changes.heldOn ?? null,
      has('place'),
      changes.place ?? null,
      has('participants'),
      changes.participants ?? null,
      has('results'),
      changes.results ?? null,
    ],
  );
  if (changes.unitIds) await setUnits(ctx, row.streetId, row.id, changes.unitIds);
  await ctx.emit('four_commons_five_joints.activity_updated', {
    streetId: row.streetId,
    subjectId: row.id,
    payload: { kind: row.kind, fields },
  });
}
