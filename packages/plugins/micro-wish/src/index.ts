import { definePlugin } from '@lianxin/sdk';
import { z } from 'zod';
import { config, type MicroWishConfig } from './config';
import { loadDemoWishes } from './demo';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';

const wishEvent = z.object({ gridId: z.string() }).strict();
const claimEvent = z.object({ gridId: z.string(), claimantId: z.string() }).strict();

/**
 * 微心愿: residents post small wishes, party members and volunteers claim and fulfil them
 * (南街 and 砂子塘·金科园 in the seeds).
 */
export default definePlugin<MicroWishConfig>({
  manifest: {
    name: 'micro-wish',
    version: '0.1.0',
    platform: '^0.1.0',
    displayName: { zh: '微心愿', en: 'Micro-wishes' },
    description: 'Residents post small wishes; party members and volunteers claim and fulfil them.',
    capabilities: ['grids:read', 'people:read'],
  },
  config,
  migrations,
  events: {
    'micro_wish.posted': {
      subject: 'Wish',
      description: 'A resident posted a wish in a grid.',
      payload: wishEvent,
    },
    'micro_wish.claimed': {
      subject: 'Wish',
      description: 'A member claimed a wish; `claimantId` is the person.',
      payload: claimEvent,
    },
    'micro_wish.fulfilled': {
      subject: 'Wish',
      description: 'A wish was fulfilled by its claimant (`claimantId`, a person).',
      payload: claimEvent,
    },
    'micro_wish.cancelled': {
      subject: 'Wish',
      description: 'A wish was withdrawn before it was fulfilled.',
      payload: wishEvent,
    },
  },
  graphql: {
    typeDefs,
    resolvers,
    readModels: {
      Wish: {
        table: 'wish',
        fields: {
          title: 'title',
          description: 'description',
          status: 'status',
          postedAt: { column: 'posted_at', kind: 'timestamp' },
          claimedAt: { column: 'claimed_at', kind: 'timestamp' },
          fulfilledAt: { column: 'fulfilled_at', kind: 'timestamp' },
          fulfilmentNote: 'fulfilment_note',
        },
        orders: {
          POSTED_AT: { column: 'posted_at', type: 'timestamptz' },
          TITLE: { column: 'title', type: 'text' },
        },
        readableBy: 'street',
      },
      WishPhoto: {
        table: 'wish_photo',
        fields: { url: 'url', stage: 'stage', addedAt: { column: 'added_at', kind: 'timestamp' } },
        orders: { ADDED_AT: { column: 'added_at', type: 'timestamptz' } },
        readableBy: 'street',
      },
    },
    relations: [
      {
        on: 'Grid',
        field: 'wishes',
        kind: 'connection',
        model: 'Wish',
        connectionType: 'WishConnection',
        foreignKey: 'grid_id',
        defaultOrder: 'POSTED_AT',
        defaultDescending: true,
        filters: { status: 'status' },
      },
      {
        on: 'Query',
        field: 'wishes',
        kind: 'connection',
        model: 'Wish',
        connectionType: 'WishConnection',
        defaultOrder: 'POSTED_AT',
        defaultDescending: true,
        filters: { status: 'status' },
      },
      { on: 'Wish', field: 'grid', kind: 'object', model: 'Grid', key: 'grid_id' },
      { on: 'Wish', field: 'postedBy', kind: 'object', model: 'Person', key: 'poster_person_id' },
      { on: 'Wish', field: 'claimant', kind: 'object', model: 'Person', key: 'claimant_person_id' },
      {
        on: 'Wish',
        field: 'photos',
        kind: 'list',
        model: 'WishPhoto',
        foreignKey: 'wish_id',
        orderBy: 'added_at',
      },
    ],
  },
  categories: [
    {
      code: '1090',
      name: '微心愿转办',
      nameEn: 'Micro-wish referral',
      serviceCode: 'micro-wish.referral',
      acceptanceCriteria:
        '居民的微心愿超出志愿者能力（如需专业维修、审批），由网格员转为案件办理。',
      closureCriteria: '相关部门已办理，居民确认心愿实现。',
      timeLimits: { A: 8 * 60, B: 3 * 8 * 60, C: 5 * 8 * 60 },
      departments: ['民政'],
    },
  ],
  // 南街: 45 wishes claimed; 砂子塘 (金科园社区): 100+ wishes.
  demoStreets: {
    '621002001': { maxOpenPerPerson: 3, requirePhotoToFulfil: false },
    '430111001': { maxOpenPerPerson: 5, requirePhotoToFulfil: true },
  },
  async demo(ctx, street) {
    const streetId = ctx.streetIds[0]!;
    if (street.code === '621002001') await loadDemoWishes(ctx, streetId, 60, 45);
    else await loadDemoWishes(ctx, streetId, 108, 70);
  },
});
