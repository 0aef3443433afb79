import type { CoreOrganization, PluginContext } from '@lianxin/sdk';
import { recordActivity } from './activity.service';
import type { FourCommonsConfig } from './config';
import {
  close,
  completeTask,
  decide,
  lockDeliberation,
  openDeliberation,
  startDiscussion,
} from './deliberation.service';
import { today, type ActivityKind, type DeliberationKind } from './rules';

/**
 * Demo data of 四共五联 for a street, from its own organizations (西固城: the 大工委, the 党工委,
 * nine communities and their 大党委, the functional departments): deliberations of the four
 * kinds in every state, with tasks, and two activities of each of the five kinds. Written
 * through the services (so the events are recorded too), then dated back over the past months.
 */

type Ctx = PluginContext<FourCommonsConfig>;
type Pick = (o: Units) => CoreOrganization[];

interface Units {
  joint: CoreOrganization[];
  committee: CoreOrganization[];
  communities: CoreOrganization[];
  departments: CoreOrganization[];
}

interface DemoDeliberation {
  kind: DeliberationKind;
  title: string;
  agenda: string;
  units: Pick;
  /** How far it got. */
  reach: 'PROPOSED' | 'DISCUSSING' | 'DECIDED' | 'CLOSED';
  daysAgo: number;
  decision?: string;
  /** Title, index of the responsible unit among the deliberation's, days after the decision, done. */
  tasks?: [string, number, number, boolean][];
  outcome?: string;
}

const c = (o: Units, ...i: number[]) => i.map((n) => o.communities[n]).filter(Boolean);
const d = (o: Units, ...i: number[]) => i.map((n) => o.departments[n]).filter(Boolean);

const DELIBERATIONS: DemoDeliberation[] = [
  {
    kind: 'MAJOR',
    title: '辖区老旧小区改造年度计划',
    agenda: '汇总九个社区上报的改造需求，确定本年度改造楼院名单和资金安排。',
    units: (o) => [...o.joint, ...o.committee, ...c(o, 0, 1, 2), ...d(o, 5)],
    reach: 'CLOSED',
    daysAgo: 150,
    decision: '确定 12 个楼院纳入本年度改造，优先解决屋面漏水、管网老化和无障碍设施。',
    tasks: [
      ['编制改造楼院清单并公示', 2, 10, true],
      ['完成管网改造施工招标', 5, 30, true],
    ],
    outcome: '12 个楼院改造全部完工，居民满意度 96%。',
  },
  {
    kind: 'MAJOR',
    title: '全国文明城市创建迎检工作方案',
    agenda: '分解创城测评指标，明确各成员单位包抓路段和楼院。',
    units: (o) => [...o.joint, ...c(o, 3, 4, 5), ...d(o, 0, 1)],
    reach: 'DECIDED',
    daysAgo: 40,
    decision: '按“单位包路段、社区包楼院”分解任务，每周联合督查一次。',
    tasks: [
      ['主次干道占道经营集中整治', 4, 20, true],
      ['楼院乱堆乱放清理', 1, 45, false],
      ['公益广告更新', 2, 50, false],
    ],
  },
  {
    kind: 'PRACTICAL',
    title: '清水桥社区背街小巷路灯增设',
    agenda: '居民反映背街小巷夜间照明不足，商议增设路灯的位置和费用分担。',
    units: (o) => [...o.joint, ...c(o, 2), ...d(o, 5)],
    reach: 'DECIDED',
    daysAgo: 25,
    decision: '增设路灯 24 盏，驻区单位分担安装费用，社区负责日常巡查报修。',
    tasks: [
      ['确定路灯点位并征求居民意见', 1, 5, true],
      ['完成路灯安装', 2, 35, false],
    ],
  },
  {
    kind: 'PRACTICAL',
    title: '合水中路社区楼院停车位规划',
    agenda: '楼院停车难，商议施划停车位和错时共享驻区单位停车场。',
    units: (o) => [...c(o, 1), ...o.joint, ...d(o, 3)],
    reach: 'DISCUSSING',
    daysAgo: 8,
  },
  {
    kind: 'IMPORTANT',
    title: '党群服务中心共享使用办法',
    agenda: '街道党群服务中心向驻区单位和社区开放，议定预约、管理和费用规则。',
    units: (o) => [...o.committee, ...o.joint, ...c(o, 0, 3)],
    reach: 'CLOSED',
    daysAgo: 120,
    decision: '实行网上预约、成员单位轮值管理，公益活动免费使用。',
    tasks: [['制定预约管理细则', 1, 15, true]],
    outcome: '办法已施行，累计预约使用 86 场次。',
  },
  {
    kind: 'IMPORTANT',
    title: '驻区单位停车场错时开放',
    agenda: '提议驻区单位夜间和节假日向周边居民开放停车场。',
    units: (o) => [...o.joint, ...c(o, 4, 6)],
    reach: 'PROPOSED',
    daysAgo: 3,
  },
  {
    kind: 'URGENT',
    title: '暴雨后玉门街南社区路面塌陷处置',
    agenda: '强降雨后路面塌陷，商议交通疏导、管线抢修和居民安置。',
    units: (o) => [...o.committee, ...o.joint, ...c(o, 0), ...d(o, 5, 3)],
    reach: 'CLOSED',
    daysAgo: 70,
    decision: '设置围挡、交警分流，管线单位连夜抢修，社区做好沿街商户和居民解释。',
    tasks: [
      ['设置围挡和警示标志', 4, 1, true],
      ['完成塌陷路面修复', 3, 7, true],
    ],
    outcome: '48 小时内恢复通行，未发生次生事故。',
  },
  {
    kind: 'URGENT',
    title: '冬季供暖管道爆裂抢修协调',
    agenda: '先锋路社区一处供暖管道爆裂，商议抢修和临时取暖。',
    units: (o) => [...o.committee, ...c(o, 5), ...d(o, 5)],
    reach: 'DECIDED',
    daysAgo: 2,
    decision: '供热单位 24 小时内抢修，社区为独居老人送取暖器。',
    tasks: [['为独居老人送取暖器', 1, 3, false]],
  },
];

const ACTIVITIES: [ActivityKind, string, string, number, string, Pick, number][] = [
  [
    'SPIRITUAL_CIVILIZATION',
    '“我们的节日·端午”道德讲堂',
    '合水中路社区党群服务中心',
    120,
    '评选身边好人 6 名。',
    (o) => [...o.joint, ...c(o, 1)],
    95,
  ],
  [
    'SPIRITUAL_CIVILIZATION',
    '文明楼院评选',
    '各社区',
    300,
    '评出文明楼院 15 个。',
    (o) => [...o.committee, ...c(o, 0, 2, 3)],
    20,
  ],
  [
    'PUBLIC_SECURITY',
    '夜间治安联防巡逻',
    '福利路、临洮街沿线',
    45,
    '巡逻 12 次，劝离占道经营 30 处。',
    (o) => [...c(o, 6, 7), ...d(o, 0)],
    60,
  ],
  [
    'PUBLIC_SECURITY',
    '防范电信诈骗宣传进楼院',
    '中路北社区',
    200,
    '发放宣传册 800 份。',
    (o) => [...o.joint, ...c(o, 3)],
    12,
  ],
  [
    'PUBLIC_WELFARE',
    '“小蜜蜂”志愿服务进社区',
    '合水中路社区',
    60,
    '为 40 户老人上门服务。',
    (o) => [...c(o, 1), ...o.joint],
    75,
  ],
  [
    'PUBLIC_WELFARE',
    '“蒲公英”爱心义卖',
    '中路北社区广场',
    150,
    '义卖所得 1.2 万元捐助困难家庭。',
    (o) => [...c(o, 3), ...o.committee],
    33,
  ],
  [
    'HEALTHY_ENVIRONMENT',
    '背街小巷环境卫生集中整治',
    '西固巷、公园路',
    90,
    '清运垃圾 26 车。',
    (o) => [...c(o, 4, 8), ...d(o, 2)],
    50,
  ],
  [
    'HEALTHY_ENVIRONMENT',
    '健康义诊进社区',
    '清水桥社区',
    180,
    '义诊 230 人次。',
    (o) => [...c(o, 2), ...o.joint],
    7,
  ],
  [
    'CULTURE_AND_SPORTS',
    '驻区单位职工与居民趣味运动会',
    '西固城街道文体广场',
    260,
    '12 支队伍参赛。',
    (o) => [...o.joint, ...c(o, 0, 5, 8)],
    110,
  ],
  [
    'CULTURE_AND_SPORTS',
    '迎新春文艺汇演',
    '街道党群服务中心',
    400,
    '节目 18 个，线上观看 3,000 人次。',
    (o) => [...o.committee, ...o.joint, ...c(o, 1, 2)],
    15,
  ],
];

const addDays = (date: string, days: number) => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};

const unique = (list: CoreOrganization[]) => [...new Map(list.map((o) => [o.id, o])).values()];

export async function loadDemo(ctx: Ctx, streetId: string): Promise<void> {
  const all = await ctx.core.organizations.list({ streetId, limit: 1000 });
  const of = (kind: string) => all.filter((o) => o.kind === kind);
  const units: Units = {
    joint: of('JOINT_COMMITTEE').slice(0, 1),
    committee: of('STREET_COMMITTEE').slice(0, 1),
    communities: of('COMMUNITY'),
    departments: of('DEPARTMENT'),
  };
  if (all.length < 3) return;
  const field = ['demo'];
  for (const spec of DELIBERATIONS) {
    const members = unique(spec.units(units));
    if (!members.length) continue;
    const id = await openDeliberation(ctx, streetId, {
      kind: spec.kind,
      title: spec.title,
      agenda: spec.agenda,
      unitIds: members.map((m) => m.id),
      caseId: null,
      // The committee meets on it the day it decides (a week after the proposal).
      meetingOn: spec.kind === 'URGENT' ? null : addDays(today(), 7 - spec.daysAgo),
    });
    if (!id || spec.reach === 'PROPOSED') {
      if (id) await dateBack(ctx, id, spec.daysAgo);
      continue;
    }
    let row = await lockDeliberation(ctx, id, field);
    if (row.status === 'PROPOSED') await startDiscussion(ctx, row, field);
    if (spec.reach !== 'DISCUSSING') {
      row = await lockDeliberation(ctx, id, field);
      const tasks = (spec.tasks ?? []).map(([title, unit, days]) => ({
        title,
        responsibleUnitId: members[Math.min(unit, members.length - 1)]!.id,
        dueOn: addDays(today(), days),
      }));
      await decide(ctx, row, spec.decision!, tasks, field);
      const made = await ctx.db.query<{ id: string }>(
        `SELECT id::text AS id FROM deliberation_task WHERE deliberation_id = $1 ORDER BY id`,
        [id],
      );
      for (const [n, task] of made.entries()) {
        if (spec.tasks?.[n]?.[3]) await completeTask(ctx, task.id, '已按期完成。', field);
      }
      if (spec.reach === 'CLOSED') {
        await close(ctx, await lockDeliberation(ctx, id, field), spec.outcome ?? null, field);
      }
    }
    await dateBack(ctx, id, spec.daysAgo);
  }
  for (const [kind, title, place, participants, results, pick, daysAgo] of ACTIVITIES) {
    const members = unique(pick(units));
    if (!members.length) continue;
    await recordActivity(
      ctx,
      streetId,
      kind,
      {
        title,
        heldOn: addDays(today(), -daysAgo),
        place,
        participants,
        results,
        unitIds: members.map((m) => m.id),
      },
      field,
    );
  }
  // Recorded on the evening of the day each was held.
  await ctx.db.query(
    `UPDATE joint_activity SET recorded_at = (held_on + time '18:00') AT TIME ZONE 'Asia/Shanghai',
       updated_at = (held_on + time '18:00') AT TIME ZONE 'Asia/Shanghai'
     WHERE street_id = $1`,
    [streetId],
  );
  await ctx.db.query(
    `UPDATE joint_activity_unit u SET added_at = a.recorded_at FROM joint_activity a
     WHERE a.id = u.activity_id AND a.street_id = $1`,
    [streetId],
  );
}

/**
 * Dates a deliberation made just now back to `days` ago: proposed then, discussed 2 days later
 * (urgent ones at once), decided a week later (urgent ones the next day), tasks due as planned
 * from the decision, done two days early, closed after its last task.
 */
async function dateBack(ctx: Ctx, id: string, days: number): Promise<void> {
  const shift = `make_interval(days => $2)`;
  await ctx.db.query(
    `UPDATE deliberation SET
       discussion_started_at = discussion_started_at - ${shift}
         + CASE WHEN kind = 'URGENT' THEN interval '0' ELSE interval '2 days' END,
       decided_at = decided_at - ${shift}
         + CASE WHEN kind = 'URGENT' THEN interval '1 day' ELSE interval '7 days' END,
       proposed_at = proposed_at - ${shift}
     WHERE id = $1`,
    [id, days],
  );
  // Tasks were made due `n` days from today: make them due `n` days from the decision.
  await ctx.db.query(
    `UPDATE deliberation_task t SET
       created_at = d.decided_at,
       due_on = (d.decided_at AT TIME ZONE 'Asia/Shanghai')::date + (t.due_on - $2::date),
       done_at = CASE WHEN t.done_at IS NOT NULL
         THEN d.decided_at + make_interval(days => greatest(t.due_on - $2::date - 2, 0)) END
     FROM deliberation d WHERE d.id = t.deliberation_id AND d.id = $1`,
    [id, today()],
  );
  await ctx.db.query(
    `UPDATE deliberation d SET
       closed_at = CASE WHEN closed_at IS NOT NULL THEN coalesce(
         (SELECT max(done_at) FROM deliberation_task WHERE deliberation_id = d.id), decided_at)
         + interval '1 day' END
     WHERE id = $1`,
    [id],
  );
  await ctx.db.query(
    `UPDATE deliberation SET
       updated_at = greatest(proposed_at, discussion_started_at, decided_at, closed_at)
     WHERE id = $1`,
    [id],
  );
  await ctx.db.query(
    `UPDATE deliberation_unit u SET added_at = d.proposed_at FROM deliberation d
     WHERE d.id = u.deliberation_id AND d.id = $1`,
    [id],
  );
}
