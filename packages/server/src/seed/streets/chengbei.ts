import type { GridRecord } from '../../domain/grid/grid.service';
import type { OrganizationRecord } from '../../domain/organization/organization.service';
import { childCode, type DemoKit } from '../kit';

/**
 * 城北街道 (渝水区): 31 communities (社区 and 管理处), 398 compounds of which 165 had no property
 * management; the five-tier grid staff (网格指导员—网格长—网格员—网格辅助员—楼栋长); owners'
 * committees in every compound without property management, state-owned property companies
 * (市投控, 区投控) in most of them. 新苑, 仙来湖, 钟家山 and 岭泉 are from the article; the other
 * names are plausible.
 */
const COMMUNITIES = [
  '新苑社区',
  '仙来湖社区',
  '钟家山社区',
  '岭泉管理处',
  '北湖社区',
  '团结社区',
  '胜利社区',
  '白竹社区',
  '长青社区',
  '抱石社区',
  '天工社区',
  '袁河社区',
  '渝州社区',
  '沿江社区',
  '孔目江社区',
  '光明社区',
  '东门社区',
  '北门社区',
  '劳动社区',
  '站前社区',
  '城北社区',
  '毓秀社区',
  '铁路社区',
  '百花社区',
  '湖泽社区',
  '廖家社区',
  '水西社区',
  '新村社区',
  '珠珊管理处',
  '下村管理处',
  '洞村管理处',
];

/** Compounds shown in detail: community, compound, property company (null: 业主自治). */
const COMPOUNDS: [string, string, string | null][] = [
  ['钟家山社区', '广场锦苑小区', '新余市投控物业服务有限公司'],
  ['新苑社区', '新苑小区', '渝水区投控物业服务有限公司'],
  ['仙来湖社区', '仙来湖花园', null],
];

export async function loadChengbei(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  const committee = await kit.org('STREET_COMMITTEE', '城北街道党委', {
    description: '基层党建“三化”建设；“党建+小区治理”，“四支队伍”和“四个全覆盖”。',
  });
  await kit.departments();
  await kit.staff(root);

  const grids = new Map<string, GridRecord>();
  const orgs = new Map<string, OrganizationRecord>();
  for (const [i, name] of COMMUNITIES.entries()) {
    const grid = await kit.grid(childCode(root.code, i + 1), name, root);
    grids.set(name, grid);
    orgs.set(
      name,
      await kit.org('COMMUNITY', name, {
        parent: committee,
        grids: [grid],
        description: `${name}党群服务中心`,
      }),
    );
  }
  for (const name of COMMUNITIES.slice(0, 2)) await kit.staff(grids.get(name)!);

  for (const [c, [communityName, compound, company]] of COMPOUNDS.entries()) {
    const community = orgs.get(communityName)!;
    const communityGrid = grids.get(communityName)!;
    const unit = await kit.grid(childCode(communityGrid.code, 1), compound, communityGrid);
    const building = await kit.grid(childCode(unit.code, 1), `${compound}1栋`, unit, {
      households: 48,
    });
    const owners = await kit.org('OWNERS_COMMITTEE', `${compound}业主委员会`, {
      parent: community,
      grids: [unit],
      description: '无物业小区成立业委会，小区党支部书记担任业委会主任。',
    });
    // A grid party branch in the compound; its secretary, a returning member, chairs the 业委会.
    const branch = await kit.org('PARTY_BRANCH', `${compound}党支部`, {
      parent: community,
      grids: [unit],
    });
    const secretary = await kit.person({
      party: { kind: 'OTHER', joinedOn: '1998-07-01' },
      homeGridId: building.id,
    });
    await kit.member(branch, secretary, 'SECRETARY', '2024-03-01');
    await kit.member(owners, secretary, 'DIRECTOR', '2024-03-01');
    if (company) {
      await kit.org('PROPERTY_MANAGER', `${company}${compound}项目部`, {
        parent: community,
        grids: [unit],
        description: `${company}进驻无物业小区：完善大门、围墙，配备保安、保洁员。`,
      });
    }
    if (c === 0) {
      // The five tiers on 钟家山社区 and its 广场锦苑小区.
      await kit.staff(communityGrid, ['INSTRUCTOR', 'LEADER', 'MEMBER', 'ASSISTANT']);
      await kit.staff(building, ['BUILDING_LEAD']);
    }
  }
}
