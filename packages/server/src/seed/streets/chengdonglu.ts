import type { OrganizationRecord } from '../../domain/organization/organization.service';
import { servicePostClaimService } from '../../domain/volunteer/claim.service';
import {
  servicePostService,
  type ServicePostKind,
  type ServicePostRecord,
} from '../../domain/volunteer/post.service';
import { registrationService } from '../../domain/volunteer/registration.service';
import { teamMemberService } from '../../domain/volunteer/team-member.service';
import { volunteerTeamService } from '../../domain/volunteer/team.service';
import { childCode, type DemoKit } from '../kit';

/**
 * 城东路街道 (管城回族区): the "1+3" model — under the street's 大工委 an administrative, a
 * residents' and a comprehensive party committee; 11 party-member volunteer teams (200+
 * volunteers); "在职党员进社区" with 20 service posts (政策宣传, 环境整治, 文化娱乐, 法律咨询);
 * 郑州市馨家苑社区服务中心 as contracted social workers. Community names are plausible.
 */
const COMMUNITIES = ['城东社区', '东大街社区', '商城路社区', '东关社区', '平等街社区'];

/** Four posts per community: 5 × 4 = 20. */
const POSTS: [string, ServicePostKind][] = [
  ['政策宣传岗', 'POLICY_PROMOTION'],
  ['环境整治岗', 'ENVIRONMENT'],
  ['文化娱乐岗', 'CULTURE'],
  ['法律咨询岗', 'MEDIATION'],
];

const TEAMS = [
  '红管家党员志愿服务队',
  '老党员说事会志愿服务队',
  '志平调解志愿服务队',
  '平安巡逻志愿服务队',
  '环境整治志愿服务队',
  '文明劝导志愿服务队',
  '法律咨询志愿服务队',
  '敬老助老志愿服务队',
  '文化娱乐志愿服务队',
  '政策宣传志愿服务队',
  '爱心帮扶志愿服务队',
];
const VOLUNTEERS_PER_TEAM = 3;

const EMPLOYERS = [
  '管城回族区税务局',
  '郑州市第七人民医院',
  '郑州市第十一中学',
  '中国银行郑州分行',
];

export async function loadChengdonglu(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  // "1+3": the organization rules let a street-level committee sit under a 大工委, which is the
  // structure the article describes, so the three committees are STREET_COMMITTEEs below the
  // JOINT_COMMITTEE (a COMMUNITY_COMMITTEE would be a community's 大党委, which they are not).
  const joint = await kit.org('JOINT_COMMITTEE', '城东路街道大工委', {
    code: 'DGW',
    description: '“1+3”党建模式：每月召开一次党建点评会，遇有重大事项随时召开，年底听取述职报告。',
  });
  const committees: OrganizationRecord[] = [];
  for (const [code, name] of [
    ['XZ', '城东路街道行政党委'],
    ['JM', '城东路街道居民党委'],
    ['ZH', '城东路街道综合党委'],
  ] as const)
    committees.push(await kit.org('STREET_COMMITTEE', name, { parent: joint, code }));
  const [administrative, residents, comprehensive] = committees;
  // The administrative committee takes in the departments based in the street.
  await kit.departments(administrative);
  await kit.staff(root);
  await kit.org('SOCIAL_ORGANIZATION', '郑州市馨家苑社区服务中心', {
    parent: comprehensive,
    description: '第三方购买服务：服务中心、社工服务站、职业社工提供专业化社会公共服务。',
  });

  const communities: OrganizationRecord[] = [];
  const posts: ServicePostRecord[] = [];
  for (const [i, name] of COMMUNITIES.entries()) {
    const grid = await kit.grid(childCode(root.code, i + 1), name, root);
    const community = await kit.org('COMMUNITY', name, { parent: residents, grids: [grid] });
    communities.push(community);
    // "1+4": units, the community's own party organizations, grids and "两新" under its 大党委.
    await kit.org('COMMUNITY_COMMITTEE', `${name}大党委`, { parent: community });
    if (i < 2) await kit.staff(grid);
    for (const [post, kind] of POSTS) {
      posts.push(
        await servicePostService.create(kit.tx, kit.street.id, {
          name: `${name}${post}`,
          kind,
          organizationId: community.id,
          gridId: grid.id,
          capacity: 30,
          description: '在职党员进社区报到后认领，“量身定做”帮带措施。',
        }),
      );
    }
  }

  // 11 teams of party-member volunteers, activists and caring residents; the first volunteer of
  // each team is an in-service member who registered with a community and holds one of its posts.
  for (const [t, name] of TEAMS.entries()) {
    const community = communities[t % communities.length]!;
    const team = await volunteerTeamService.create(kit.tx, kit.street.id, {
      name,
      organizationId: community.id,
      foundedOn: '2024-02-20',
    });
    for (let v = 0; v < VOLUNTEERS_PER_TEAM; v++) {
      const inService = v === 0;
      const { volunteer } = await kit.volunteer(
        {
          ...(inService
            ? {
                party: { kind: 'IN_SERVICE', joinedOn: `${2000 + t}-07-01` },
                employer: EMPLOYERS[t % EMPLOYERS.length],
              }
            : v === 1
              ? { party: { kind: 'RETIRED', joinedOn: '1985-07-01' } }
              : {}),
        },
        [name.replace(/志愿服务队$/, '').replace(/党员$/, '')],
      );
      await teamMemberService.add(kit.tx, team.id, volunteer.id);
      if (inService) {
        await registrationService.register(kit.tx, {
          volunteerId: volunteer.id,
          communityId: community.id,
          registeredOn: '2024-03-01',
        });
        const post = posts[(t % communities.length) * POSTS.length + (t % POSTS.length)]!;
        await servicePostClaimService.claim(kit.tx, {
          postId: post.id,
          volunteerId: volunteer.id,
          claimedOn: '2024-03-05',
        });
      }
    }
  }
}
