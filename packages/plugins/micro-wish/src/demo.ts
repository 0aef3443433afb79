import type { PluginContext } from '@lianxin/sdk';

/** Small wishes of the kind the seeds tell of (南街, 金科园). */
const WISHES = [
  ['帮忙修理轮椅', '老人的轮椅刹车坏了，想请人帮忙修一修。'],
  ['代购降压药', '行动不便，想请人每月帮忙去药店代购降压药。'],
  ['陪伴聊天', '子女在外地，希望周末有人来家里坐坐、聊聊天。'],
  ['更换楼道灯泡', '三单元二楼楼道灯坏了，晚上上下楼看不清。'],
  ['辅导孩子功课', '孩子上初二，数学跟不上，想请人每周辅导一次。'],
  ['学用智能手机', '想学会用手机视频通话和扫码乘车。'],
  ['理发上门', '卧床老人想请人上门理发。'],
  ['打扫卫生', '独居老人想请人帮忙做一次大扫除。'],
  ['一套新校服', '孩子长高了，想要一套新校服。'],
  ['修理漏水水龙头', '厨房水龙头漏水，自己修不好。'],
];

/**
 * Demo wishes in a street: `count` of them, the first `claimed` claimed by party members (every
 * second of those fulfilled), the rest open. Posted by the street's residents in their grids.
 */
export async function loadDemoWishes(
  ctx: PluginContext,
  streetId: string,
  count: number,
  claimed: number,
): Promise<void> {
  const people = await ctx.core.people.list({ streetId, limit: 1000 });
  const residents = people.filter((p) => p.homeGridId);
  const members = people.filter((p) => p.partyMember);
  if (!residents.length || !members.length) return;
  for (let i = 0; i < count; i += 1) {
    const poster = residents[i % residents.length]!;
    let claimant = members[i % members.length]!;
    if (claimant.id === poster.id) claimant = members[(i + 1) % members.length]!;
    const [title, description] = WISHES[i % WISHES.length]!;
    const status = i < claimed ? (i % 2 === 0 ? 'FULFILLED' : 'CLAIMED') : 'OPEN';
    const days = count - i;
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO wish (street_id, grid_id, title, description, poster_person_id, status, claimant_person_id,
         posted_at, claimed_at, fulfilled_at, fulfilment_note)
       VALUES ($1, $2, $3, $4, $5, $6::text, CASE WHEN $6::text = 'OPEN' THEN NULL ELSE $7::bigint END,
         now() - make_interval(days => $8), CASE WHEN $6::text = 'OPEN' THEN NULL ELSE now() - make_interval(days => $8) + interval '1 day' END,
         CASE WHEN $6::text = 'FULFILLED' THEN now() - make_interval(days => $8) + interval '3 days' END,
         CASE WHEN $6::text = 'FULFILLED' THEN '已完成，居民表示感谢。' END)
       RETURNING id::text AS id`,
      [streetId, poster.homeGridId, title, description, poster.id, status, claimant.id, days],
    );
    await ctx.emit('micro_wish.posted', {
      streetId,
      subjectId: row!.id,
      payload: { gridId: poster.homeGridId! },
    });
  }
}
