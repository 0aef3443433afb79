import type { BrandRecord } from '../../domain/brand/brand.service';
import type { GridRecord } from '../../domain/grid/grid.service';
import type { OrganizationRecord } from '../../domain/organization/organization.service';
import { servicePostClaimService } from '../../domain/volunteer/claim.service';
import { servicePostService, type ServicePostKind } from '../../domain/volunteer/post.service';
import { serviceRecordService } from '../../domain/volunteer/service-record.service';
import { teamMemberService } from '../../domain/volunteer/team-member.service';
import { volunteerTeamService } from '../../domain/volunteer/team.service';
import { childCode, cn, spread, type DemoKit } from '../kit';

/**
 * 砂子塘街道 (雨花区) 金科园社区: a former work-unit community (中冶长天 staff housing), 28 buildings
 * and 3,862 residents; 215 retired members of the state enterprise moved into 6 grid party
 * branches; 115 members on 13 volunteer posts (矛盾调解, 疫情防控 …); "美在金秋" with its four
 * platforms. Some volunteers' service is recorded, most of it confirmed by the community.
 */
const COMMUNITY = '金科园社区';
const BRANCHES = 6;
const BUILDINGS = 28;

const POSTS: [string, ServicePostKind][] = [
  ['矛盾调解岗', 'MEDIATION'],
  ['疫情防控岗', 'EPIDEMIC_PREVENTION'],
  ['门岗查验岗', 'EPIDEMIC_PREVENTION'],
  ['义务巡逻岗', 'PATROL'],
  ['环境卫生监督岗', 'ENVIRONMENT'],
  ['政策宣传岗', 'POLICY_PROMOTION'],
  ['文明劝导岗', 'CIVILITY'],
  ['邻里互助岗', 'OTHER'],
  ['空巢老人关爱岗', 'ELDERLY_CARE'],
  ['书画兴趣课堂岗', 'CULTURE'],
  ['剪纸兴趣课堂岗', 'CULTURE'],
  ['议事协商岗', 'MEDIATION'],
  ['微心愿认领岗', 'OTHER'],
];

const PLATFORMS = ['金秋党旗红', '金秋志愿汇', '金秋幸福家', '金秋风采园'];

export async function loadShazitang(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  const committee = await kit.org('STREET_COMMITTEE', '砂子塘街道党工委', {
    description: '“三三制”工作模式：接转国企退休党员交得稳、接得住、服务好。',
  });
  await kit.departments();
  await kit.staff(root);

  const communityGrid = await kit.grid(childCode(root.code, 1), COMMUNITY, root, {
    buildings: BUILDINGS,
    residents: 3862,
  });
  const community = await kit.org('COMMUNITY', COMMUNITY, {
    parent: committee,
    grids: [communityGrid],
    address: '长沙市雨花区中冶长天宿舍小区',
    description:
      '“三老三多”：房子老旧、基础设施老化、居民老龄化；空巢老人多、老党员多、“五老”能人多。',
  });
  // The community grid's leader is also the community's director (书记、主任“一肩挑”).
  const [director] = await kit.staff(communityGrid);
  await kit.member(community, director!, 'DIRECTOR', '2020-12-01');

  // Six grids, each with its party branch (支部建在网格上); the 28 buildings spread over them.
  const branches: OrganizationRecord[] = [];
  const gridsOfBranch: GridRecord[] = [];
  let building = 0;
  for (const [i, count] of spread(BUILDINGS, BRANCHES).entries()) {
    const grid = await kit.grid(
      childCode(communityGrid.code, i + 1),
      `${COMMUNITY}第${cn(i + 1)}网格`,
      communityGrid,
    );
    for (let b = 0; b < count; b++) {
      building++;
      await kit.grid(childCode(grid.code, b + 1), `${COMMUNITY}${building}栋`, grid, {
        households: 36,
      });
    }
    gridsOfBranch.push(grid);
    const branch = await kit.org('PARTY_BRANCH', `${COMMUNITY}第${cn(i + 1)}网格党支部`, {
      parent: community,
      grids: [grid],
      foundedOn: '2020-12-20',
    });
    const secretary = await kit.person({
      party: { kind: 'RETIRED', joinedOn: `${1970 + i * 2}-07-01` },
      homeGridId: grid.id,
      employer: '中冶长天（退休）',
    });
    await kit.member(branch, secretary, 'SECRETARY', '2020-12-20');
    branches.push(branch);
  }

  // "美在金秋" 老党员之家 and its four platforms.
  const brand = await kit.brand('美在金秋', community, {
    isPrimary: true,
    slogan: '一个党员一面旗，银发更衬党旗红',
  });
  const platforms = new Map<string, BrandRecord>();
  for (const name of PLATFORMS)
    platforms.set(name, await kit.brand(name, community, { parent: brand }));

  // 13 posts; a retired member holds each, is in the 金秋志愿汇 team and in a branch.
  const team = await volunteerTeamService.create(kit.tx, kit.street.id, {
    name: '金秋志愿汇志愿服务队',
    organizationId: community.id,
    foundedOn: '2021-01-15',
    description: '老党员穿上红马甲在社区门岗查验两码、义务巡逻。',
  });
  for (const [i, [name, kind]] of POSTS.entries()) {
    const post = await servicePostService.create(kit.tx, kit.street.id, {
      name,
      kind,
      organizationId: community.id,
      gridId: gridsOfBranch[i % BRANCHES]!.id,
      capacity: 12,
      description: '党员责任岗：公开一个身份、领取一个岗位、走访一个单元、服务一个楼栋。',
    });
    const { person, volunteer } = await kit.volunteer(
      {
        party: { kind: 'RETIRED', joinedOn: `${1972 + i}-07-01` },
        homeGridId: gridsOfBranch[i % BRANCHES]!.id,
        employer: '中冶长天（退休）',
      },
      [name.replace(/岗$/, '')],
      '2021-01-15',
    );
    await kit.member(branches[i % BRANCHES]!, person, 'MEMBER', '2020-12-20');
    await teamMemberService.add(kit.tx, team.id, volunteer.id);
    await servicePostClaimService.claim(kit.tx, {
      postId: post.id,
      volunteerId: volunteer.id,
      claimedOn: '2021-03-01',
    });
    const record = await serviceRecordService.record(kit.tx, {
      volunteerId: volunteer.id,
      organizationId: community.id,
      postId: post.id,
      servedOn: `2024-0${(i % 9) + 1}-1${i % 10}`,
      hours: 1.5 + (i % 4) * 0.5,
      peopleServed: 3 + ((i * 5) % 20),
      description: `${name.replace(/岗$/, '')}志愿服务`,
      place: `${COMMUNITY}${(i % BUILDINGS) + 1}栋`,
    });
    // Most records are confirmed by the community's director; the last four still wait.
    if (i < POSTS.length - 4) await serviceRecordService.confirm(kit.tx, record.id, director!.id);
  }

  await kit.activity({
    kind: 'LECTURE',
    title: '“双学双做·送学上门”理论宣讲',
    startsAt: '2024-06-12T09:30:00+08:00',
    place: '“马克思主义中国化”室外情境式党性教育基地',
    brand: platforms.get('金秋党旗红'),
    organization: community,
    description: '联合湖南大学马克思主义学院博士理论宣讲团。',
  });
}
