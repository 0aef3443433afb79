import type { GridRecord } from '../../domain/grid/grid.service';
import { childCode, type DemoKit } from '../kit';

/**
 * 十八里河街道 (管城回族区): the "双迎攻坚" leading group with 8 command posts (指挥部), grid-based
 * full coverage, monthly red and black flags for one command post and one village each (a
 * 30,000-yuan award for the red-flag village). Village and community names are plausible.
 */
const COMMUNITIES = ['十八里河村', '小刘村', '高庄村', '柴郭村', '石楼村', '祥云社区'];

/**
 * The command posts are organizations of kind DEPARTMENT, not grids: they are task forces that
 * work is assigned to, that "cover" grids (with 以网格为单位 full coverage) rather than being
 * territory themselves, and that the red/black flags rank the way they rank units. DEPARTMENT is
 * the kind for "where work is dispatched to"; each one covers the community grids it is
 * responsible for. Its code (ZHB-1 …) tells it apart from the five functional departments.
 */
const COMMAND_POSTS = [
  '环境卫生整治指挥部',
  '扬尘污染防治指挥部',
  '违法建设治理指挥部',
  '市容秩序整治指挥部',
  '交通秩序整治指挥部',
  '绿化提升指挥部',
  '老旧小区改造指挥部',
  '宣传督查指挥部',
];

export async function loadShibalihe(kit: DemoKit): Promise<void> {
  const root = await kit.streetGrid();
  const committee = await kit.org('STREET_COMMITTEE', '十八里河街道党工委', {
    description: '“双迎攻坚”领导小组下设8个指挥部；周调度、月测评、季考核，月流动红、黑旗竞赛。',
  });
  await kit.departments();
  await kit.staff(root);

  const grids: GridRecord[] = [];
  for (const [i, name] of COMMUNITIES.entries()) {
    const grid = await kit.grid(childCode(root.code, i + 1), name, root);
    grids.push(grid);
    await kit.org('COMMUNITY', name, { parent: committee, grids: [grid] });
    if (i < 2) await kit.staff(grid);
  }

  for (const [i, name] of COMMAND_POSTS.entries()) {
    // Each post covers two neighbouring villages or communities, wrapping round.
    const covered = [grids[i % grids.length]!, grids[(i + 1) % grids.length]!];
    await kit.org('DEPARTMENT', name, {
      code: `ZHB-${i + 1}`,
      grids: covered,
      description: '“双迎攻坚”专项治理指挥部：统一部署、统一计划、统一落实。',
    });
  }
}
