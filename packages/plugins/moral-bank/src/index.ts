import { definePlugin } from '@lianxin/sdk';
import { z } from 'zod';
import { config, type MoralBankConfig } from './config';
import { loadDemoLedger } from './demo';
import { awardService, awardWish } from './hooks';
import { ENTRY_KINDS, migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

const id = z.string();
const points = z.number().int();
const balance = z.number().int().nonnegative();

/**
 * 道德银行 / 道德存折: a points passbook per person. Confirmed volunteer service, good deeds
 * recorded by staff and fulfilled micro-wishes earn points; the street's rewards spend them.
 * The ledger is append-only; balances derive from it (南街 keeps 36 passbooks in the seeds).
 */
export default definePlugin<MoralBankConfig>({
  manifest: {
    name: 'moral-bank',
    version: '0.1.0',
    platform: '^0.1.0',
    displayName: { zh: '道德银行', en: 'Moral bank' },
    description:
      'A points passbook per person: volunteer service, good deeds and fulfilled micro-wishes earn points, redeemed for the street’s rewards.',
    capabilities: ['people:read', 'volunteers:read'],
  },
  config,
  migrations,
  appendOnly: ['entry'],
  events: {
    'moral_bank.passbook_opened': {
      subject: 'MoralPassbook',
      description: 'A person’s moral passbook was opened (`personId`).',
      payload: z.object({ personId: id }).strict(),
    },
    'moral_bank.points_earned': {
      subject: 'MoralEntry',
      description:
        'Points were credited for service, a good deed or a wish; `balance` is the passbook’s after. A confirmed service correction credits the difference, negative when the hours went down.',
      payload: z.object({ personId: id, kind: z.enum(ENTRY_KINDS), points, balance }).strict(),
    },
    'moral_bank.reward_redeemed': {
      subject: 'MoralEntry',
      description: 'A person redeemed a reward (`rewardId`) for its cost (`points`, negative).',
      payload: z.object({ personId: id, rewardId: id, points, balance }).strict(),
    },
    'moral_bank.entry_reversed': {
      subject: 'MoralEntry',
      description: 'An entry (`reversesId`) was reversed by the subject, a new entry.',
      payload: z.object({ personId: id, reversesId: id, points, balance }).strict(),
    },
    'moral_bank.reward_created': {
      subject: 'MoralReward',
      description: 'A reward was added to a street’s moral bank.',
      payload: z.object({ cost: points, stock: points }).strict(),
    },
    'moral_bank.reward_updated': {
      subject: 'MoralReward',
      description: 'A reward was changed (its cost, stock or whether it is offered, as now).',
      payload: z.object({ cost: points, stock: points, active: z.boolean() }).strict(),
    },
  },
  graphql: {
    typeDefs,
    resolvers,
    readModels: {
      MoralPassbook: {
        table: 'passbook',
        fields: {
          balance: { column: 'balance', kind: 'integer' },
          openedAt: { column: 'opened_at', kind: 'timestamp' },
          updatedAt: { column: 'updated_at', kind: 'timestamp' },
        },
        orders: {
          BALANCE: { column: 'balance', type: 'integer' },
          OPENED_AT: { column: 'opened_at', type: 'timestamptz' },
        },
        readableBy: 'person',
      },
      MoralEntry: {
        table: 'entry',
        fields: {
          kind: 'kind',
          points: { column: 'points', kind: 'integer' },
          balanceAfter: { column: 'balance_after', kind: 'integer' },
          category: 'category',
          note: 'note',
          occurredOn: { column: 'occurred_on', kind: 'date' },
          recordedAt: { column: 'recorded_at', kind: 'timestamp' },
        },
        orders: { RECORDED_AT: { column: 'recorded_at', type: 'timestamptz' } },
        readableBy: 'person',
      },
      MoralReward: {
        table: 'reward',
        fields: {
          name: 'name',
          description: 'description',
          cost: { column: 'cost', kind: 'integer' },
          stock: { column: 'stock', kind: 'integer' },
          redeemedCount: { column: 'redeemed', kind: 'integer' },
          active: { column: 'active', kind: 'boolean' },
          createdAt: { column: 'created_at', kind: 'timestamp' },
        },
        orders: {
          COST: { column: 'cost', type: 'integer' },
          NAME: { column: 'name', type: 'text' },
          CREATED_AT: { column: 'created_at', type: 'timestamptz' },
        },
        readableBy: 'street',
      },
    },
    relations: [
      { on: 'Person', field: 'moralPassbook', kind: 'object', model: 'MoralPassbook', key: 'id' },
      { on: 'MoralPassbook', field: 'person', kind: 'object', model: 'Person', key: 'person_id' },
      {
        on: 'MoralPassbook',
        field: 'entries',
        kind: 'connection',
        model: 'MoralEntry',
        connectionType: 'MoralEntryConnection',
        foreignKey: 'passbook_id',
        defaultOrder: 'RECORDED_AT',
        defaultDescending: true,
        filters: { kind: 'kind' },
      },
      {
        on: 'MoralEntry',
        field: 'passbook',
        kind: 'object',
        model: 'MoralPassbook',
        key: 'passbook_id',
      },
      { on: 'MoralEntry', field: 'reward', kind: 'object', model: 'MoralReward', key: 'reward_id' },
      {
        on: 'MoralEntry',
        field: 'reverses',
        kind: 'object',
        model: 'MoralEntry',
        key: 'reverses_id',
      },
      {
        on: 'MoralEntry',
        field: 'reversals',
        kind: 'list',
        model: 'MoralEntry',
        foreignKey: 'reverses_id',
        orderBy: 'recorded_at',
      },
      {
        on: 'MoralEntry',
        field: 'serviceRecord',
        kind: 'object',
        model: 'ServiceRecord',
        key: 'service_record_id',
      },
      {
        on: 'MoralReward',
        field: 'redemptions',
        kind: 'connection',
        model: 'MoralEntry',
        connectionType: 'MoralEntryConnection',
        foreignKey: 'reward_id',
        defaultOrder: 'RECORDED_AT',
        defaultDescending: true,
      },
      {
        on: 'Query',
        field: 'moralPassbooks',
        kind: 'connection',
        model: 'MoralPassbook',
        connectionType: 'MoralPassbookConnection',
        defaultOrder: 'BALANCE',
        defaultDescending: true,
      },
      {
        on: 'Query',
        field: 'moralEntries',
        kind: 'connection',
        model: 'MoralEntry',
        connectionType: 'MoralEntryConnection',
        defaultOrder: 'RECORDED_AT',
        defaultDescending: true,
        filters: { kind: 'kind' },
      },
      {
        on: 'Query',
        field: 'moralRewards',
        kind: 'connection',
        model: 'MoralReward',
        connectionType: 'MoralRewardConnection',
        defaultOrder: 'COST',
        filters: { active: 'active' },
      },
    ],
  },
  hooks: [awardService, awardWish],
  // 南街: 36 moral passbooks (道德存折) in the seeds.
  demoStreets: {
    '621002001': {
      pointsPerServiceHour: 10,
      pointsPerGoodDeed: 5,
      maxPointsPerGoodDeed: 50,
      pointsPerFulfilledWish: 10,
    },
  },
  async demo(ctx, street) {
    if (street.code === '621002001') await loadDemoLedger(ctx, ctx.streetIds[0]!, 36);
  },
});
