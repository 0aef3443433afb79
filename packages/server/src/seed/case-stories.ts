/**
 * What the demo cases are about: per standard category (category.catalog.ts), a few titles as a
 * grid worker or a resident would write them, a description, how a department fixes it and, where
 * the grid can, how it is fixed on the spot; the departments it goes to (codes of kit.ts's
 * DEPARTMENTS) and a department it is sometimes sent to by mistake. Made up after the seeds'
 * 南街 (店外经营, 占道经营, 乱停乱放, 两违建筑, 环保信访, 矛盾纠纷, 民生诉求, 路面塌陷, 雨后溢污).
 */
export interface CaseStory {
  /** A minor category code of the standard catalog. */
  code: string;
  titles: string[];
  description: string;
  resolution: string;
  /** How the grid fixes it itself (小事不出网格); none when a department must. */
  onTheSpot?: string;
  /** Department codes it is dispatched to; the whistle (吹哨) summons them all. */
  departments: string[];
  /** A department it is sent to by mistake, and why that one returns it. */
  wrong?: [string, string];
}

export const CASE_STORIES: CaseStory[] = [
  {
    code: '0105',
    titles: [
      '餐馆门前摆放桌椅占用人行道',
      '水果店货架摆出店外',
      '五金店店外作业',
      '汽修店占道修车',
    ],
    description: '临街商户在店门外摆放商品、桌椅或作业，占用人行道和盲道，行人只能绕行到机动车道。',
    resolution: '执法队员现场责令商户将物品收回店内，签订门前三包责任书；屡犯商户已立案处罚。',
    onTheSpot: '网格员上门劝导，商户当场将物品收回店内，人行道恢复通行。',
    departments: ['CG', 'SCJG'],
    wrong: ['HW', '店外经营不属环卫职责，请派城管执法中队。'],
  },
  {
    code: '0501',
    titles: ['早市流动摊贩占道经营', '学校门口流动摊点', '桥下夜市摊点占道', '三轮车沿街叫卖水果'],
    description: '流动摊贩在道路、路口摆摊设点，早晚高峰堵塞通行，摊点周边遗留垃圾。',
    resolution: '城管、市场监管联合执法，摊贩已劝离并引导到南门便民市场经营，现场清理干净。',
    onTheSpot: '网格员劝导摊贩撤离，告知便民市场位置，现场已无摊点。',
    departments: ['CG', 'SCJG'],
    wrong: ['JJ', '占道经营由城管执法中队负责，交警不予处理。'],
  },
  {
    code: '0601',
    titles: ['小区出入口车辆乱停', '消防通道被私家车占用', '人行道停放机动车', '医院门口车辆违停'],
    description: '机动车长时间停放在禁停路段和人行道上，小区出入口、消防通道被堵，居民反映多次。',
    resolution: '交警中队现场张贴违停告知单并拖移车辆，施划禁停标线，通道恢复畅通。',
    departments: ['JJ'],
    wrong: ['CG', '机动车违停属交警职责，退回重新派遣。'],
  },
  {
    code: '0701',
    titles: ['楼顶加盖彩钢房', '院内违规扩建平房', '临街门面私自扩建', '空地上新建砖混房屋'],
    description: '巡查发现未取得规划许可的在建房屋，正在砌墙封顶，周边居民担心安全和采光。',
    resolution: '城管、住建联合下达停工通知，当事人自行拆除违建部分，现场恢复原状。',
    departments: ['CG', 'ZJ'],
  },
  {
    code: '0801',
    titles: ['小作坊排放刺鼻废气', '洗车店污水直排雨水口', '工厂夜间排烟', '废品收购站焚烧电线'],
    description: '居民信访反映附近经营场所排放废气废水，气味刺鼻，夏季无法开窗。',
    resolution: '环保所会同执法人员现场核查，责令整改并安装治理设施，处理结果已答复信访人。',
    departments: ['HB'],
    wrong: ['HW', '污染源排放不属环卫所职责，请派环保所。'],
  },
  {
    code: '0802',
    titles: ['烧烤店油烟直排', '饭店后厨油烟扰民', '夜市露天烧烤'],
    description: '餐饮店油烟未经净化直排，正对居民楼窗户，傍晚至深夜油烟弥漫。',
    resolution: '店家安装油烟净化器并定期清洗，露天烧烤移入室内，居民回访满意。',
    departments: ['HB', 'CG', 'SCJG'],
  },
  {
    code: '0901',
    titles: ['楼上漏水引发邻里纠纷', '楼道堆物邻里争执', '饲养宠物扰邻', '装修噪声引发争吵'],
    description: '两户居民因漏水、噪声、楼道公共空间使用等问题多次争吵，一方请求社区调解。',
    resolution: '司法所会同社区人民调解委员会调解，双方达成书面调解协议。',
    onTheSpot: '网格员、楼栋长上门调解，双方各退一步达成口头协议，网格员跟踪回访。',
    departments: ['SFS'],
  },
  {
    code: '0902',
    titles: ['物业服务费收费争议', '小区公共收益去向不明', '电梯维修资金使用争议'],
    description: '业主与物业公司因收费和服务质量产生纠纷，部分业主拒交物业费，矛盾有激化苗头。',
    resolution:
      '住建办、司法所组织业主代表、业委会和物业公司三方协商，公示公共收益，达成整改协议。',
    departments: ['ZJ', 'SFS'],
  },
  {
    code: '1001',
    titles: [
      '老旧小区冬季供暖不热',
      '单元楼停水三天未恢复',
      '居民咨询高龄补贴办理',
      '路灯不亮夜间出行不便',
    ],
    description: '居民反映生活诉求，多次联系相关单位未果，请求街道协调解决。',
    resolution: '住建办协调供水、供热单位检修管网，诉求已办结，诉求人回访满意。',
    onTheSpot: '网格员上门解答政策并代办申请材料，诉求已办结。',
    departments: ['ZJ'],
  },
  {
    code: '0401',
    titles: ['路面塌陷出现深坑', '人行道下沉开裂', '雨后路面空洞'],
    description: '路面出现塌陷，坑深约半米，车辆、行人经过存在安全隐患，急需设置警示围挡。',
    resolution: '住建办第一时间设置围挡，交警疏导交通，塌陷处回填夯实并修复路面，恢复通行。',
    departments: ['ZJ', 'JJ'],
  },
  {
    code: '0402',
    titles: ['雨后检查井冒溢污水', '化粪池满溢污水漫流', '雨水口堵塞污水倒灌'],
    description: '降雨后检查井冒溢，污水漫流到道路和楼院，臭味明显，居民出行困难。',
    resolution: '住建办组织疏通管道，冒溢停止；环卫所冲洗路面并消杀，现场恢复整洁。',
    departments: ['ZJ', 'HW'],
  },
  {
    code: '0404',
    titles: ['人行道井盖缺失', '井盖破损下陷', '小区内雨水井盖移位'],
    description: '井盖丢失或破损，井口敞开，夜间照明不足，极易造成行人跌落。',
    resolution: '住建办设置警示后更换同规格井盖，与路面平顺，产权单位已明确。',
    departments: ['ZJ'],
    wrong: ['HW', '井盖属市政设施，请派住建办。'],
  },
  {
    code: '0101',
    titles: ['垃圾桶满溢未清运', '路边堆放生活垃圾', '绿化带内积存垃圾'],
    description: '生活垃圾未入桶，垃圾桶满溢，周边散落垃圾，有异味。',
    resolution: '环卫所调派清运车辆清运完毕，增加收运频次。',
    onTheSpot: '网格员组织保洁员当场清理，垃圾全部入桶。',
    departments: ['HW'],
  },
  {
    code: '0201',
    titles: ['电线杆张贴小广告', '楼道墙面喷涂办证广告', '公交站牌小广告成片'],
    description: '建筑物、公共设施上张贴、喷涂大量小广告，影响市容。',
    resolution: '城管执法中队清除小广告，对留有号码的移交查处。',
    onTheSpot: '网格员和志愿者当场清理干净。',
    departments: ['CG'],
  },
  {
    code: '0302',
    titles: ['工地裸土未覆盖扬尘', '渣土车未冲洗带泥上路'],
    description: '建筑工地裸土、物料未覆盖，出场车辆未冲洗，周边扬尘明显。',
    resolution: '住建办责令工地落实覆盖、洒水、冲洗措施，复查合格。',
    departments: ['ZJ', 'HB'],
  },
  {
    code: '1002',
    titles: ['独居老人生活困难求助', '残疾人家庭需要帮扶'],
    description: '独居老人行动不便，生活困难，邻居代为求助。',
    resolution: '已上门核实，落实临时救助并纳入结对帮扶。',
    onTheSpot: '网格员上门核实，联系社区落实临时救助，党员志愿者结对帮扶。',
    departments: ['ZJ'],
  },
];

/** The seeds' 南街 leans on joint enforcement: its cases, by category code, more often. */
export const NANJIE_WEIGHTS: Record<string, number> = {
  '0105': 5,
  '0501': 5,
  '0601': 4,
  '0701': 3,
  '0801': 3,
  '0901': 3,
  '1001': 3,
  '0401': 2,
  '0402': 2,
};

/** Roads and places of each street (made up, plausible), by `DemoStreet.key`. */
export const PLACES: Record<string, string[]> = {
  nanjie: ['南大街', '西大街', '南苑路', '九龙路', '庆州路', '安定东路', '长庆南路', '东大街'],
  chengbei: ['仙来大道', '北湖西路', '抱石大道', '钟家山路', '广场北路', '胜利北路'],
  chengdonglu: ['城东路', '顺河路', '商城路', '东大街', '紫荆山南路', '管城街'],
  shibalihe: ['郑新路', '南三环', '紫辰路', '十八里河大道', '连云路', '朝凤路'],
  xigucheng: ['合水中路', '清水桥路', '福利路', '西固中路', '玉门街', '康乐路'],
  shazitang: ['砂子塘路', '书院南路', '赤岭路', '金科园路', '新开铺路', '天剑路'],
};
