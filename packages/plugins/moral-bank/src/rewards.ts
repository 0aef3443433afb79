import { PluginInputError } from '@lianxin/sdk';
import { lockReward } from './ledger';
import { idOf, text, wholeNumber, type Ctx } from './rules';

/** A street's reward catalogue (积分兑换): what passbook points buy, and how many are left. */

type Input = Record<string, unknown>;

const MAX = 100_000;

async function nameFree(ctx: Ctx, streetId: string, name: string, except: string | null) {
  const [taken] = await ctx.db.query(
    `SELECT 1 FROM reward WHERE street_id = $1 AND name = $2 AND ($3::bigint IS NULL OR id <> $3::bigint)`,
    [streetId, name, except],
  );
  if (taken) {
    throw PluginInputError.single(
      ['input', 'name'],
      `The street already has a reward named “${name}”.`,
      'TAKEN',
    );
  }
}

/** Adds a reward; answers its id. */
export async function createReward(ctx: Ctx, i: Input): Promise<string> {
  const streetId = ctx.street(
    i.streetId ? idOf(ctx, i.streetId, 'Street', ['input', 'streetId']) : undefined,
  );
  const name = text(i.name, ['input', 'name'], 50)!;
  const description = text(i.description, ['input', 'description'], 500, false);
  const cost = wholeNumber(i.cost, ['input', 'cost'], 1, MAX);
  const stock = wholeNumber(i.stock, ['input', 'stock'], 0, MAX);
  await nameFree(ctx, streetId, name, null);
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO reward (street_id, name, description, cost, stock) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id`,
    [streetId, name, description, cost, stock],
  );
  await ctx.emit('moral_bank.reward_created', {
    streetId,
    subjectId: row!.id,
    payload: { cost, stock },
  });
  return row!.id;
}

/** Changes a reward (locked against redemptions meanwhile); answers its id. */
export async function updateReward(ctx: Ctx, i: Input): Promise<string> {
  const id = idOf(ctx, i.id, 'MoralReward', ['input', 'id']);
  const reward = await lockReward(ctx, id, ['input', 'id']);
  const streetId = ctx.street(reward.streetId);
  const name = i.name == null ? reward.name : text(i.name, ['input', 'name'], 50)!;
  if (name !== reward.name) await nameFree(ctx, streetId, name, id);
  const cost = i.cost == null ? reward.cost : wholeNumber(i.cost, ['input', 'cost'], 1, MAX);
  const stock = i.stock == null ? reward.stock : wholeNumber(i.stock, ['input', 'stock'], 0, MAX);
  const active = i.active == null ? reward.active : Boolean(i.active);
  const description =
    i.description === undefined
      ? undefined
      : text(i.description, ['input', 'description'], 500, false);
  await ctx.db.query(
    `UPDATE reward SET name = $2, cost = $3, stock = $4, active = $5,
       description = CASE WHEN $6::boolean THEN $7 ELSE description END, updated_at = now()
     WHERE id = $1`,
    [id, name, cost, stock, active, description !== undefined, description ?? null],
  );
  await ctx.emit('moral_bank.reward_updated', {
    streetId,
    subjectId: id,
    payload: { cost, stock, active },
  });
  return id;
}
