import { PluginInputError, type PluginResolver } from '@lianxin/sdk';
import type { MoralBankConfig } from './config';
import { credit, lockPassbook, redeem, reverse } from './ledger';
import { DEED_CATEGORIES, type DeedCategory } from './migrations';
import { createReward, updateReward } from './rewards';
import {
  idOf,
  MANAGERS,
  pastDay,
  personActing,
  personOf,
  recorder,
  requireRole,
  STAFF,
  text,
  wholeNumber,
  type Ctx,
} from './rules';

type Resolver = PluginResolver<MoralBankConfig>;
type Input = Record<string, unknown>;

const entryPayload = async (ctx: Ctx, done: { entryId: string; passbookId: string }) => ({
  entry: await ctx.load('MoralEntry', done.entryId),
  passbook: await ctx.load('MoralPassbook', done.passbookId),
  userErrors: [],
});

const openMoralPassbook: Resolver = async (_parent, { input }, ctx) => {
  requireRole(ctx, STAFF, 'open moral passbooks');
  const person = await personOf(ctx, (input as Input).personId, ['input', 'personId']);
  await lockPassbook(ctx, person.id, ctx.street(person.streetId), true);
  return { passbook: await ctx.load('MoralPassbook', person.id), userErrors: [] };
};

const recordGoodDeed: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  requireRole(ctx, STAFF, 'record good deeds');
  const person = await personOf(ctx, i.personId, ['input', 'personId']);
  const streetId = ctx.street(person.streetId);
  const config = ctx.config(streetId);
  const category = i.category as DeedCategory;
  if (!DEED_CATEGORIES.includes(category))
    throw PluginInputError.single(['input', 'category'], 'Not a kind of good deed.', 'INVALID');
  const note = text(i.note, ['input', 'note'], 500)!;
  const points =
    i.points === undefined || i.points === null
      ? config.pointsPerGoodDeed
      : wholeNumber(i.points, ['input', 'points'], 1, config.maxPointsPerGoodDeed);
  const occurredOn = pastDay(i.occurredOn, ['input', 'occurredOn']);
  const entryId = (await credit(ctx, person.id, streetId, {
    kind: 'GOOD_DEED',
    points,
    category,
    note,
    occurredOn,
    recordedBy: recorder(ctx),
  }))!;
  return entryPayload(ctx, { entryId, passbookId: person.id });
};

const redeemMoralReward: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  const rewardId = idOf(ctx, i.rewardId, 'MoralReward', ['input', 'rewardId']);
  const [reward] = await ctx.db.query<{ streetId: string }>(
    `SELECT street_id::text AS "streetId" FROM reward WHERE id = $1`,
    [rewardId],
  );
  if (!reward)
    throw PluginInputError.single(['input', 'rewardId'], 'No reward has this ID.', 'NOT_FOUND');
  const streetId = ctx.street(reward.streetId);
  const person = await personActing(ctx, i.personId, ['input', 'personId'], streetId);
  return entryPayload(ctx, await redeem(ctx, person.id, rewardId, streetId, recorder(ctx)));
};

const reverseMoralEntry: Resolver = async (_parent, { input }, ctx) => {
  const i = input as Input;
  requireRole(ctx, MANAGERS, 'reverse ledger entries');
  const entryId = idOf(ctx, i.entryId, 'MoralEntry', ['input', 'entryId']);
  const reason = text(i.reason, ['input', 'reason'], 500)!;
  return entryPayload(ctx, await reverse(ctx, entryId, reason, recorder(ctx)));
};

const createMoralReward: Resolver = async (_parent, { input }, ctx) => {
  requireRole(ctx, MANAGERS, 'keep the rewards');
  const id = await createReward(ctx, input as Input);
  return { reward: await ctx.load('MoralReward', id), userErrors: [] };
};

const updateMoralReward: Resolver = async (_parent, { input }, ctx) => {
  requireRole(ctx, MANAGERS, 'keep the rewards');
  const id = await updateReward(ctx, input as Input);
  return { reward: await ctx.load('MoralReward', id), userErrors: [] };
};

/** The caller's own passbook: residents' and volunteers' way to it (the read rule allows it). */
const myMoralPassbook: Resolver = async (_parent, _args, ctx) =>
  ctx.viewer.personId ? ctx.load('MoralPassbook', ctx.viewer.personId) : null;

export const resolvers = {
  Query: { myMoralPassbook },
  Mutation: {
    openMoralPassbook,
    recordGoodDeed,
    redeemMoralReward,
    reverseMoralEntry,
    createMoralReward,
    updateMoralReward,
  },
};
