import type { BrandRecord } from '../../domain/brand/brand.service';
import type { GridRecord } from '../../domain/grid/grid.service';
import type { PersonRecord } from '../../domain/person/person.service';
import { volunteerTeamService } from '../../domain/volunteer/team.service';
import { teamMemberService } from '../../domain/volunteer/team-member.service';
import { volunteerService } from '../../domain/volunteer/volunteer.service';
import { createDemoUsers } from '../demo-users';
import { childCode, cn, type DemoKit } from '../kit';

/**
 * 南街街道 (西峰区): 2/3 of the street's staff sank into 72 first-level community grids, the
 * "初心红" brand of 南苑路社区's retired cadres' party branch (founded 2011-06, 45 members) with
 * its five sub-brands, and 锦绣九龙 and 五音协奏·和美庆州. The article names 南苑路社区; the other
 * communities are named after the two brands and the old town (plausible, not from the article).
 */
const COMMUNITIES = ['南苑路社区', '九龙社区', '庆州社区', '西大街社区'];
/** 72 community grids, 18 per community. */
const GRIDS_PER_COMMUNITY = 18;

const SUB_BRANDS: [string, string][] = [
  ['初心巷', '铭记党恩砺斗志：300米红色文化长廊，党建党史、文明城市创建、核心价值观宣传。'],
  [
    '初心站',
    '搭建阵地润民生：党员之家、棋牌休闲、书法图书、日间照料等功能室，阵地建设“九有”标准。',
  ],
  ['初心堂', '身体力行传能量：离退休干部党员开设讲堂，“课外讲堂”上门送学。'],
  ['初心桥', '架起党群连心桥：微心愿、道德银行、移动办公桌、党员志愿服务站。'],
  ['初心团', '凝聚组织吸引力：“夕阳红”象棋协会、“墨轩”书画社、“舞动人生”舞蹈队。'],
];

export async function loadNanjie(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  const committee = await kit.org('STREET_COMMITTEE', '南街街道党工委', {
    description: '街道“1234”发展思路；“街乡吹哨、部门报到”，依托“数字西峰”服务管理平台交办处置。',
  });
  const departments = await kit.departments();
  await kit.staff(root);

  const communityGrids = new Map<string, GridRecord[]>();
  const communities = [];
  for (const [c, name] of COMMUNITIES.entries()) {
    const grids: GridRecord[] = [];
    for (let i = 1; i <= GRIDS_PER_COMMUNITY; i++) {
      const n = c * GRIDS_PER_COMMUNITY + i;
      grids.push(await kit.grid(childCode(root.code, n), `${name}第${cn(i)}网格`, root));
    }
    communityGrids.set(name, grids);
    communities.push(
      await kit.org('COMMUNITY', name, {
        parent: committee,
        grids,
        description: `${name}：一级网格${GRIDS_PER_COMMUNITY}个。`,
      }),
    );
  }
  const [nanyuan, jiulong, qingzhou] = communities;
  const nanyuanGrids = communityGrids.get('南苑路社区')!;
  let gridWorker: PersonRecord | undefined;
  for (const name of COMMUNITIES) {
    const [, member] = await kit.staff(communityGrids.get(name)![0]!);
    gridWorker ??= member;
  }

  // 南苑路社区离退休干部党支部: founded 2011-06, 45 members today; eight of them as demo people.
  const branch = await kit.org('PARTY_BRANCH', '南苑路社区离退休干部党支部', {
    parent: nanyuan,
    foundedOn: '2011-06-01',
    description: '全市唯一一个城市社区离退休干部党支部建设标准化的支部，现有党员45名。',
    grids: nanyuanGrids.slice(0, 6),
  });
  const roles = ['SECRETARY', 'DEPUTY_SECRETARY', 'COMMITTEE_MEMBER', 'COMMITTEE_MEMBER'] as const;
  const members: PersonRecord[] = [];
  for (let i = 0; i < 8; i++) {
    const person = await kit.person({
      party: { kind: 'RETIRED', joinedOn: `${1965 + i * 3}-07-01` },
      birthYear: 1940 + i * 2,
      homeGridId: nanyuanGrids[i % 6]!.id,
      employer: '西峰区离退休干部',
    });
    await kit.member(branch, person, roles[i] ?? 'MEMBER', '2011-06-01');
    members.push(person);
  }

  // 初心红 and its sub-brands, owned by the community the branch serves (一社一品).
  const chuxinhong = await kit.brand('初心红', nanyuan!, {
    isPrimary: true,
    slogan: '坚守初心 红色传承',
    description: '南苑路社区离退休干部党支部打造的党建服务品牌，“党建+服务+管理”。',
  });
  const subs = new Map<string, BrandRecord>();
  for (const [name, description] of SUB_BRANDS)
    subs.set(name, await kit.brand(name, nanyuan!, { parent: chuxinhong, description }));
  await kit.brand('锦绣九龙', jiulong!, { isPrimary: true, slogan: '锦绣九龙 幸福家园' });
  await kit.brand('五音协奏·和美庆州', qingzhou!, {
    isPrimary: true,
    slogan: '五音协奏 和美庆州',
  });

  await kit.activity(
    {
      kind: 'MEETING',
      title: '“谏言十九大”座谈会',
      startsAt: '2024-03-15T09:00:00+08:00',
      place: '南苑路社区党员之家',
      brand: chuxinhong,
      organization: branch,
      outcome: '离退休干部党员21条意见建议被街道、社区和有关部门采纳。',
    },
    members,
  );
  await kit.activity(
    {
      kind: 'LECTURE',
      title: '初心堂讲堂：宣讲党的二十大精神',
      startsAt: '2024-04-18T15:00:00+08:00',
      place: '初心堂',
      brand: subs.get('初心堂'),
    },
    members.slice(0, 5),
  );
  await kit.activity(
    {
      kind: 'LECTURE',
      title: '“课外讲堂”上门送学',
      startsAt: '2024-05-09T09:30:00+08:00',
      brand: subs.get('初心堂'),
      description: '为年老体弱、行动不便的老党员上门送学。',
    },
    members.slice(0, 2),
  );
  await kit.activity(
    {
      kind: 'CULTURAL',
      title: '“颂党恩、话夕阳”文艺汇演',
      startsAt: '2024-06-28T19:30:00+08:00',
      place: '初心巷红色文化长廊',
      brand: subs.get('初心团'),
    },
    members,
  );

  // 初心桥: three members volunteer at the party members' service station.
  const team = await volunteerTeamService.create(kit.tx, kit.street.id, {
    name: '初心桥党员志愿服务队',
    organizationId: branch.id,
    foundedOn: '2019-07-01',
    description: '环境卫生监督员、“五老”网吧监督员、矛盾纠纷调解员。',
  });
  const volunteers: PersonRecord[] = [];
  for (const [i, person] of members.slice(4, 7).entries()) {
    const skills = [['环境卫生监督'], ['矛盾纠纷调解'], ['网吧监督', '宣讲']][i]!;
    const v = await volunteerService.register(kit.tx, {
      personId: person.id,
      skills,
      joinedOn: '2019-07-01',
    });
    await teamMemberService.add(kit.tx, team.id, v.id);
    volunteers.push(person);
  }

  const resident = await kit.person({ homeGridId: nanyuanGrids[2]!.id });
  await createDemoUsers(kit, {
    community: nanyuan!,
    grid: nanyuanGrids[0]!,
    gridWorker: gridWorker!,
    department: departments[0]!,
    volunteer: volunteers[0]!,
    resident,
  });

  // Residents of the four communities: with the people above, the 36 holders of the street's
  // moral passbooks (道德存折; the moral-bank plugin's demo gives them their points).
  for (let i = 0; i < 17; i++) {
    const grids = communityGrids.get(COMMUNITIES[i % COMMUNITIES.length]!)!;
    await kit.person({ homeGridId: grids[(i * 5) % GRIDS_PER_COMMUNITY]!.id });
  }
}
