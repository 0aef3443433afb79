import type { GridRecord } from '../../domain/grid/grid.service';
import type { OrganizationRecord } from '../../domain/organization/organization.service';
import { childCode, cn, spread, type DemoKit } from '../kit';

/**
 * 西固城街道 (西固区): the four-level grid — 1 street grid, 9 community, 34 unit and 90 building
 * (楼院) grids; 大工委 and 社区大党委 with "四共五联"; the brands 党建红色联盟 清水家园 小蜜蜂 红色驿站
 * 蒲公英; the residents' council (居民议事会, seven-step method) in 合水中路 and 清水桥. 玉门街南,
 * 合水中路, 清水桥 and 中路北 are from the article; the other five communities are plausible.
 */
const COMMUNITIES = [
  '玉门街南社区',
  '合水中路社区',
  '清水桥社区',
  '中路北社区',
  '西固巷社区',
  '先锋路社区',
  '福利路社区',
  '临洮街社区',
  '公园路社区',
];
const UNIT_GRIDS = 34;
const BUILDING_GRIDS = 90;

/** Brand, owning community (null: the 大工委), slogan. */
const BRANDS: [string, string | null, string][] = [
  ['党建红色联盟', null, '区域融合 共建共享'],
  ['清水家园', '清水桥社区', '清水润家园'],
  ['小蜜蜂', '合水中路社区', '勤劳服务 甜蜜社区'],
  ['红色驿站', '玉门街南社区', '红色驿站 温暖你我'],
  ['蒲公英', '中路北社区', '播撒爱心 处处生根'],
];

const SEVEN_STEPS = '收集意见、确认议题、制定方案、发布公告、组织协商、结果运用、反馈公示';

export async function loadXigucheng(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  const joint = await kit.org('JOINT_COMMITTEE', '西固城街道大工委', {
    description:
      '“四共五联”：大事共议、实事共办、要事共决、急事共商；精神文明联创、社会治安联防、' +
      '公益事业联办、健康环境联建、文体活动联谊。',
  });
  const committee = await kit.org('STREET_COMMITTEE', '西固城街道党工委');
  await kit.departments();
  await kit.staff(root);

  // 9 community grids; 34 unit grids spread over them; 90 building grids spread over the units.
  const unitCounts = spread(UNIT_GRIDS, COMMUNITIES.length);
  const buildingCounts = spread(BUILDING_GRIDS, UNIT_GRIDS);
  const communities = new Map<string, OrganizationRecord>();
  const communityGrids = new Map<string, GridRecord>();
  let unitIndex = 0;
  let firstBuilding: GridRecord | undefined;
  for (const [c, name] of COMMUNITIES.entries()) {
    const grid = await kit.grid(childCode(root.code, c + 1), name, root);
    communityGrids.set(name, grid);
    for (let u = 1; u <= unitCounts[c]!; u++) {
      const unit = await kit.grid(childCode(grid.code, u), `${name}第${cn(u)}单元网格`, grid);
      const buildings = buildingCounts[unitIndex++]!;
      for (let b = 1; b <= buildings; b++) {
        const building = await kit.grid(
          childCode(unit.code, b),
          `${name}${cn(u)}单元${b}号楼院`,
          unit,
          { households: 24 + ((b * 7 + u) % 5) * 6 },
        );
        firstBuilding ??= building;
      }
    }
    const community = await kit.org('COMMUNITY', name, { parent: committee, grids: [grid] });
    communities.set(name, community);
    await kit.staff(grid);
  }
  await kit.staff(firstBuilding!, ['BUILDING_LEAD']);

  for (const [name, owner, slogan] of BRANDS) {
    await kit.brand(name, owner ? communities.get(owner)! : joint, {
      slogan,
      isPrimary: owner !== null,
    });
  }

  // 社区大党委 of the two council communities, which hold the residents' councils.
  for (const name of ['合水中路社区', '清水桥社区']) {
    const community = communities.get(name)!;
    await kit.org('COMMUNITY_COMMITTEE', `${name}大党委`, { parent: community });
    const grid = communityGrids.get(name)!;
    const residents = [];
    for (let i = 0; i < 4; i++) residents.push(await kit.person({ homeGridId: grid.id }));
    await kit.activity(
      {
        kind: 'DELIBERATION',
        title: `${name}居民议事会：楼院管理制度`,
        startsAt: '2024-05-20T15:00:00+08:00',
        place: `${name}党群服务中心`,
        organization: community,
        grid,
        description: `七步议事法：${SEVEN_STEPS}。成员单位、物业公司、业委会委员、居民代表、楼院长参加。`,
        outcome: '完善楼院管理制度，排查消除楼院安全隐患。',
      },
      residents,
    );
  }
  await kit.activity({
    kind: 'MEETING',
    title: '“大工委”联席会议：文明城市创建',
    startsAt: '2024-04-10T09:00:00+08:00',
    organization: joint,
    description: '定期召开联席会议协商解决辖区“大事要事”。',
  });
}
