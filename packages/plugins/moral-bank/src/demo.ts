import type { DeedCategory } from './migrations';
import { credit, redeem, reverse } from './ledger';
import { chinaDay, type Ctx } from './rules';
import { createReward } from './rewards';

/** Rewards of the kind street moral banks offer: daily necessities and services. */
const REWARDS: [name: string, cost: number, stock: number, description: string][] = [
  ['毛巾两条', 15, 100, '纯棉毛巾，凭存折在社区服务站领取。'],
  ['理发券', 20, 40, '社区志愿理发点使用，一次一张。'],
  ['抽纸一提', 25, 60, '十包装。'],
  ['洗衣液一桶', 30, 50, '2 公斤装。'],
  ['公交卡充值 20 元', 50, 20, '在社区服务站登记后充值。'],
  ['大米 5 斤', 60, 30, '当季新米。'],
  ['食用油一桶', 80, 20, '5 升装花生油。'],
];

/** Good deeds of the kind 南街 records (its seeds: patrols, 店外经营, road subsidence after rain). */
const DEEDS: [category: DeedCategory, note: string, points: number][] = [
  ['HELPING_OTHERS', '帮助独居老人买菜送药', 10],
  ['ENVIRONMENT', '参加小区环境卫生大扫除', 5],
  ['HONESTY', '拾到钱包交还失主', 15],
  ['NEIGHBOURLINESS', '调解邻里漏水纠纷', 10],
  ['FILIAL_PIETY', '十余年照顾卧床老人，被评为孝老爱亲好家庭', 30],
  ['CIVILITY', '带头移风易俗，喜事新办', 10],
  ['DEDICATION', '义务担任楼栋长，收集居民诉求', 10],
  ['ENVIRONMENT', '劝导店外经营商户规范摆放', 5],
  ['BRAVERY', '雨后路面塌陷时及时设置警示、疏导行人', 30],
  ['HELPING_OTHERS', '为社区老人义务理发', 10],
  ['CIVILITY', '参加“初心巷”红色文化长廊宣讲', 5],
  ['HELPING_OTHERS', '帮助残疾居民办理证件', 10],
];

const DAY = 86_400_000;

/**
 * Demo ledger of a street: its rewards, and `count` passbooks (as many as the street has people,
 * if fewer) with good deeds over the last months, some redemptions and one reversal of a deed
 * recorded twice. Points for fulfilled wishes and confirmed service come from the hooks, from
 * the street's events.
 */
export async function loadDemoLedger(ctx: Ctx, streetId: string, count: number): Promise<void> {
  const rewards: { id: string; cost: number }[] = [];
  for (const [name, cost, stock, description] of REWARDS) {
    rewards.push({ id: await createReward(ctx, { name, cost, stock, description }), cost });
  }
  const people = (await ctx.core.people.list({ streetId, limit: 1000 })).slice(0, count);
  if (people.length < count) {
    ctx.log.warn({ people: people.length, count }, 'fewer people than demo passbooks');
  }
  let duplicate: string | null = null;
  for (const [i, person] of people.entries()) {
    // One to four deeds over the last months, written in the order they happened.
    const deeds = Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      deed: DEEDS[(i * 5 + k * 7) % DEEDS.length]!,
      daysAgo: 10 + ((i * 37 + k * 53) % 170),
    })).sort((a, b) => b.daysAgo - a.daysAgo);
    let balance = 0;
    for (const [k, { deed, daysAgo }] of deeds.entries()) {
      const [category, note, points] = deed;
      const id = await credit(ctx, person.id, streetId, {
        kind: 'GOOD_DEED',
        category,
        note,
        points,
        occurredOn: chinaDay(Date.now() - daysAgo * DAY),
      });
      balance += points;
      if (i === 5 && k === 1) duplicate = id;
    }
    // Every other holder has spent some points on one of the rewards within reach.
    const within = rewards.filter((r) => r.cost <= balance);
    if (i % 2 === 0 && within.length) {
      await redeem(ctx, person.id, within[i % within.length]!.id, streetId, null);
    }
  }
  if (duplicate) await reverse(ctx, duplicate, '重复登记，予以冲正', null);
}
