import { PluginInputError } from '@lianxin/sdk';
import type { DeedCategory, EntryKind } from './migrations';
import type { Ctx } from './rules';

/**
 * The ledger: a passbook (道德存折) per person whose entries are never changed. Every write to a
 * passbook takes its row's lock first, then checks and writes the entry and the cached balance
 * in one statement: two writers of one passbook queue, so a balance is never overdrawn and an
 * entry is never reversed twice.
 */

export interface Passbook {
  /** The person's row id (a passbook shares it). */
  id: string;
  streetId: string;
  balance: number;
}

export interface NewEntry {
  kind: EntryKind;
  points: number;
  note?: string | null;
  category?: DeedCategory | null;
  occurredOn?: string | null;
  /** The event the entry is for, at most one entry each (`service_record:12`). */
  source?: string | null;
  serviceRecordId?: string | null;
  rewardId?: string | null;
  reversesId?: string | null;
  recordedBy?: string | null;
}

/** The person's passbook, locked; opened first (with its event) when `open` and none exists. */
export async function lockPassbook(
  ctx: Ctx,
  personId: string,
  streetId: string,
  open: boolean,
): Promise<Passbook | null> {
  if (open) {
    const opened = await ctx.db.query(
      `INSERT INTO passbook (id, street_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [personId, streetId],
    );
    if (opened.length) {
      await ctx.emit('moral_bank.passbook_opened', {
        streetId,
        subjectId: personId,
        payload: { personId },
      });
    }
  }
  const [row] = await ctx.db.query<Passbook>(
    `SELECT id::text AS id, street_id::text AS "streetId", balance FROM passbook WHERE id = $1 FOR UPDATE`,
    [personId],
  );
  return row ?? null;
}

/**
 * Writes an entry to a passbook locked by `lockPassbook` and moves its cached balance, in one
 * statement; answers the entry's id. The caller has checked the balance stays at 0 or more
 * (PostgreSQL's checks hold it too).
 */
export async function post(ctx: Ctx, passbook: Passbook, entry: NewEntry): Promise<string> {
  const balance = passbook.balance + entry.points;
  if (balance < 0) throw new Error(`An entry would take passbook ${passbook.id} below 0`);
  const [row] = await ctx.db.query<{ id: string }>(
    `WITH e AS (
       INSERT INTO entry (street_id, passbook_id, person_id, kind, points, balance_after, note, category,
         occurred_on, source, service_record_id, reward_id, reverses_id, recorded_by_user_id)
       VALUES ($1, $2, $2, $3, $4, $5, $6, $7,
         coalesce($8::date, (now() AT TIME ZONE 'Asia/Shanghai')::date), $9, $10, $11, $12, $13)
       RETURNING id, balance_after)
     UPDATE passbook p SET balance = e.balance_after, updated_at = now() FROM e
     WHERE p.id = $2 RETURNING e.id::text AS id`,
    [
      passbook.streetId,
      passbook.id,
      entry.kind,
      entry.points,
      balance,
      entry.note ?? null,
      entry.category ?? null,
      entry.occurredOn ?? null,
      entry.source ?? null,
      entry.serviceRecordId ?? null,
      entry.rewardId ?? null,
      entry.reversesId ?? null,
      entry.recordedBy ?? null,
    ],
  );
  passbook.balance = balance;
  return row!.id;
}

/**
 * Credits `points` (for service, a good deed, a wish) to the person's passbook, opening it if
 * need be. With a `source`, at most once: a second call for it (an event delivered again)
 * writes nothing and answers null. Negative points (a service correction that lowered the
 * hours) take back at most what the passbook holds. Emits `moral_bank.points_earned`.
 */
export async function credit(
  ctx: Ctx,
  personId: string,
  streetId: string,
  entry: NewEntry,
): Promise<string | null> {
  if (entry.points === 0) return null;
  const passbook = (await lockPassbook(ctx, personId, streetId, true))!;
  if (entry.source) {
    const [done] = await ctx.db.query(`SELECT 1 FROM entry WHERE source = $1`, [entry.source]);
    if (done) return null;
  }
  let points = entry.points;
  if (passbook.balance + points < 0) {
    ctx.log.warn(
      { passbook: passbook.id, points, balance: passbook.balance },
      'a correction takes back more points than the passbook holds; it takes what is there',
    );
    points = -passbook.balance;
    if (points === 0) return null;
  }
  const id = await post(ctx, passbook, { ...entry, points });
  await ctx.emit('moral_bank.points_earned', {
    streetId,
    subjectId: id,
    payload: { personId, kind: entry.kind, points, balance: passbook.balance },
  });
  return id;
}

interface RewardRow {
  id: string;
  streetId: string;
  name: string;
  cost: number;
  stock: number;
  active: boolean;
}

/** The reward, locked; a user error on `field` when there is none the caller may use. */
export async function lockReward(ctx: Ctx, rewardId: string, field: string[]): Promise<RewardRow> {
  const [row] = await ctx.db.query<RewardRow>(
    `SELECT id::text AS id, street_id::text AS "streetId", name, cost, stock, active
     FROM reward WHERE id = $1 FOR UPDATE`,
    [rewardId],
  );
  if (!row) throw PluginInputError.single(field, 'No reward has this ID.', 'NOT_FOUND');
  return row;
}

/**
 * Spends the reward's cost from the person's passbook and takes one from its stock. The
 * passbook is locked before the reward (always in this order, so redemptions never deadlock).
 */
export async function redeem(
  ctx: Ctx,
  personId: string,
  rewardId: string,
  streetId: string,
  recordedBy: string | null,
): Promise<{ entryId: string; passbookId: string }> {
  const passbook = await lockPassbook(ctx, personId, streetId, false);
  const reward = await lockReward(ctx, rewardId, ['input', 'rewardId']);
  if (!reward.active) {
    throw PluginInputError.single(
      ['input', 'rewardId'],
      `“${reward.name}” is no longer offered.`,
      'CONFLICT',
    );
  }
  if (reward.stock < 1) {
    throw PluginInputError.single(
      ['input', 'rewardId'],
      `“${reward.name}” is out of stock.`,
      'CONFLICT',
    );
  }
  const balance = passbook?.balance ?? 0;
  if (!passbook || balance < reward.cost) {
    throw PluginInputError.single(
      ['input', 'rewardId'],
      `“${reward.name}” costs ${reward.cost} points; the passbook holds ${balance}.`,
      'CONFLICT',
    );
  }
  const entryId = await post(ctx, passbook, {
    kind: 'REDEMPTION',
    points: -reward.cost,
    note: reward.name,
    rewardId: reward.id,
    recordedBy,
  });
  await ctx.db.query(
    `UPDATE reward SET stock = stock - 1, redeemed = redeemed + 1, updated_at = now() WHERE id = $1`,
    [reward.id],
  );
  await ctx.emit('moral_bank.reward_redeemed', {
    streetId,
    subjectId: entryId,
    payload: { personId, rewardId: reward.id, points: -reward.cost, balance: passbook.balance },
  });
  return { entryId, passbookId: passbook.id };
}

interface EntryRow {
  id: string;
  streetId: string;
  passbookId: string;
  kind: EntryKind;
  points: number;
  rewardId: string | null;
}

/**
 * Reverses an entry with a new one of the opposite points (冲正), at most once; a redemption
 * reversed puts its reward back in stock. A reversal is not reversed again (record anew).
 */
export async function reverse(
  ctx: Ctx,
  entryId: string,
  reason: string,
  recordedBy: string | null,
): Promise<{ entryId: string; passbookId: string }> {
  const field = ['input', 'entryId'];
  const [entry] = await ctx.db.query<EntryRow>(
    `SELECT id::text AS id, street_id::text AS "streetId", passbook_id::text AS "passbookId", kind,
       points, reward_id::text AS "rewardId" FROM entry WHERE id = $1`,
    [entryId],
  );
  if (!entry) throw PluginInputError.single(field, 'No ledger entry has this ID.', 'NOT_FOUND');
  const streetId = ctx.street(entry.streetId);
  if (entry.kind === 'REVERSAL') {
    throw PluginInputError.single(
      field,
      'A reversal is not reversed; record the points again instead.',
      'ILLEGAL_TRANSITION',
    );
  }
  const passbook = (await lockPassbook(ctx, entry.passbookId, streetId, false))!;
  const [done] = await ctx.db.query<{ id: string }>(
    `SELECT id::text AS id FROM entry WHERE reverses_id = $1`,
    [entry.id],
  );
  if (done) {
    throw PluginInputError.single(field, 'This entry was already reversed.', 'ILLEGAL_TRANSITION');
  }
  if (passbook.balance - entry.points < 0) {
    throw PluginInputError.single(
      field,
      `Reversing this entry takes ${entry.points} points; the passbook holds ${passbook.balance}.`,
      'CONFLICT',
    );
  }
  if (entry.rewardId) {
    await lockReward(ctx, entry.rewardId, field);
    await ctx.db.query(
      `UPDATE reward SET stock = stock + 1, redeemed = redeemed - 1, updated_at = now() WHERE id = $1`,
      [entry.rewardId],
    );
  }
  const id = await post(ctx, passbook, {
    kind: 'REVERSAL',
    points: -entry.points,
    note: reason,
    reversesId: entry.id,
    recordedBy,
  });
  await ctx.emit('moral_bank.entry_reversed', {
    streetId,
    subjectId: id,
    payload: {
      personId: passbook.id,
      reversesId: entry.id,
      points: -entry.points,
      balance: passbook.balance,
    },
  });
  return { entryId: id, passbookId: passbook.id };
}
