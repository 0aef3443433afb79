/**
 * The standard case categories a street starts with: what counts as a case (立案条件), what closes
 * it (结案条件), how long each urgency class may take (处置时限) and who usually does the work.
 *
 * Sources and what is ours:
 * - Majors 01–05 carry the names of the event classes (事件大类) of the national standard
 *   GB/T 30428.2 (数字化城市管理信息系统 第2部分: 管理部件和事件): 市容环境, 宣传广告, 施工管理,
 *   突发事件, 街面秩序. The standard's own numeric codes are not reproduced: ours are two digits a
 *   level, in this file's order. Minor names follow the standard's usual event names (暴露垃圾,
 *   积存垃圾渣土, 道路不洁, 绿地脏乱, 非法小广告, 违规户外广告, 施工扰民, 工地扬尘, 道路遗撒,
 *   路面塌陷, 道路积水, 占道经营, 无照经营 …).
 * - Majors 06–10 (交通秩序, 违法建设, 环境保护, 社会矛盾, 民生服务) are this platform's extension
 *   classes (cities commonly extend the standard's list), for what a street's grid handles beyond
 *   城管: the seeds' 乱停乱放, "两违"建筑, 环保信访, 邻里纠纷, 民生诉求. The standard files
 *   vehicle parking under 街面秩序 and 私搭乱建 under 市容环境; we give 交通 and 违法建设 their own
 *   majors because streets dispatch them to different departments (交警; 住建/自然资源).
 * - 立案/结案条件 and the limits are modelled on published city standards of the same kind
 *   (e.g. 济源市数字城市管理城市事件采集、立案、处置与结案标准: 暴露垃圾 1 工作日, 道路不洁
 *   5 工作时, 违法搭建 15 工作日; other cities: 暴露垃圾 4 工作时, 违建停工 4 工作时 / 拆除
 *   20 工作日; 井盖缺失 6 h in Tianjin, 24 h in Nanning). They are typical values, not the text of
 *   GB/T 30428.2, which was not available to check clause by clause: a street edits them.
 *
 * Limits are WORK minutes (a work day = 480); A urgent, B normal, C minor. Note that a district's
 * default calendar has 420 work minutes a day (08:30–12:00, 14:00–17:30), on which 480 minutes are
 * a day and an hour: the migration that installs the catalog turns whole days (multiples of 480)
 * into days of the default calendar. Codes and service codes
 * are stable identifiers: rename a category's `name`, never its codes.
 */

/** A case category as shipped: two-level codes, 大类 (major) then 小类 (minor). */
export interface CategorySeed {
  /** '01' for a major class; a minor's code is its major's plus two digits: '0101'. */
  code: string;
  /** Chinese name, e.g. 市容环境 / 店外经营. */
  name: string;
  /** English name. */
  nameEn: string;
  /** Open311 GeoReport v2 service_code: lower-case ascii, dots and dashes, unique, e.g. 'city-appearance.outside-shop-trading'. */
  serviceCode: string;
  /** Minors only (majors leave these out): */
  /** 立案条件: when a report counts as a case (Chinese, one or two sentences). */
  acceptanceCriteria?: string;
  /** 结案条件: what closes it. */
  closureCriteria?: string;
  /** 处置时限 in WORK minutes per urgency class: A urgent, B normal, C minor. A work day is 480 minutes. */
  timeLimits?: { A: number; B: number; C: number };
  /** Departments usually responsible (Chinese short names, e.g. 城管执法, 市场监管, 环卫, 交警, 住建, 生态环境, 应急管理, 司法所, 民政). */
  departments?: string[];
}

const HOUR = 60;
const DAY = 480;

export const STANDARD_CATEGORIES: readonly CategorySeed[] = [
  // 01 市容环境 (GB/T 30428.2)
  { code: '01', name: '市容环境', nameEn: 'City appearance', serviceCode: 'city-appearance' },
  {
    code: '0101',
    name: '暴露垃圾',
    nameEn: 'Exposed garbage',
    serviceCode: 'city-appearance.exposed-garbage',
    acceptanceCriteria: '道路、广场、楼院等公共场所有成堆、成片的生活垃圾，或垃圾未倒入收集容器。',
    closureCriteria: '垃圾全部清运，现场无残留、无污渍。',
    timeLimits: { A: 2 * HOUR, B: 4 * HOUR, C: DAY },
    departments: ['环卫'],
  },
  {
    code: '0102',
    name: '积存垃圾渣土',
    nameEn: 'Accumulated construction waste',
    serviceCode: 'city-appearance.accumulated-debris',
    acceptanceCriteria: '公共区域堆放的建筑垃圾、渣土超过临时堆放时限，或未经许可、未加覆盖堆放。',
    closureCriteria: '垃圾渣土清运完毕；确需暂存的已办理许可并覆盖到位。',
    timeLimits: { A: 4 * HOUR, B: 2 * DAY, C: 4 * DAY },
    departments: ['环卫', '城管执法'],
  },
  {
    code: '0103',
    name: '道路不洁',
    nameEn: 'Dirty street',
    serviceCode: 'city-appearance.dirty-street',
    acceptanceCriteria: '保洁作业时段以外，车行道、人行道有明显的散落垃圾、污渍或积存泥沙。',
    closureCriteria: '路面清扫保洁完毕，达到道路保洁标准。',
    timeLimits: { A: HOUR, B: 2 * HOUR, C: 5 * HOUR },
    departments: ['环卫'],
  },
  {
    code: '0104',
    name: '绿地脏乱',
    nameEn: 'Untidy green space',
    serviceCode: 'city-appearance.untidy-green-space',
    acceptanceCriteria: '公共绿地、树池内有垃圾杂物、枯枝堆积，或绿地被踩踏、占用、毁损。',
    closureCriteria: '杂物清除，占用物移走，毁损处已补植或修复。',
    timeLimits: { A: 4 * HOUR, B: DAY, C: 3 * DAY },
    departments: ['园林绿化', '环卫'],
  },
  {
    code: '0105',
    name: '店外经营',
    nameEn: 'Trading outside the shop',
    serviceCode: 'city-appearance.outside-shop-trading',
    acceptanceCriteria:
      '临街商户超出门窗、外墙摆放商品、作业或设置桌椅，占用人行道、盲道或影响通行。',
    closureCriteria: '物品收回店内，人行道、盲道恢复通行；屡犯的已依法处理。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['城管执法', '市场监管'],
  },

  // 02 宣传广告 (GB/T 30428.2)
  { code: '02', name: '宣传广告', nameEn: 'Advertising', serviceCode: 'advertising' },
  {
    code: '0201',
    name: '非法小广告',
    nameEn: 'Illegal flyers and graffiti',
    serviceCode: 'advertising.illegal-flyers',
    acceptanceCriteria:
      '在建筑物、公共设施、树木上张贴、涂写、喷涂的小广告，单处面积明显或成片出现。',
    closureCriteria: '小广告清除干净，无明显痕迹；留有号码的已移交查处。',
    timeLimits: { A: 2 * HOUR, B: DAY, C: 2 * DAY },
    departments: ['城管执法', '环卫'],
  },
  {
    code: '0202',
    name: '违规户外广告',
    nameEn: 'Unauthorised outdoor advertising',
    serviceCode: 'advertising.unauthorised-outdoor-ad',
    acceptanceCriteria:
      '未经审批或超出审批内容设置户外广告、店招牌匾，或广告设施破损、有坠落隐患。',
    closureCriteria: '违规广告拆除或整改合格；有坠落隐患的已先行排险并加固或拆除。',
    timeLimits: { A: 2 * HOUR, B: 5 * DAY, C: 10 * DAY },
    departments: ['城管执法'],
  },
  {
    code: '0203',
    name: '街头散发广告',
    nameEn: 'Leafleting in the street',
    serviceCode: 'advertising.street-leafleting',
    acceptanceCriteria: '在道路、广场、路口等公共场所散发或摆放商业宣传品。',
    closureCriteria: '散发行为已制止，散落的宣传品已清理。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['城管执法'],
  },

  // 03 施工管理 (GB/T 30428.2)
  { code: '03', name: '施工管理', nameEn: 'Construction sites', serviceCode: 'construction' },
  {
    code: '0301',
    name: '施工扰民',
    nameEn: 'Construction disturbance',
    serviceCode: 'construction.disturbance',
    acceptanceCriteria:
      '夜间（22时至次日6时）未经许可施工，或施工噪声、振动、强光明显影响周边居民。',
    closureCriteria: '违规施工已停止，或已取得夜间施工许可并落实降噪措施、公示周边居民。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['生态环境', '城管执法', '住建'],
  },
  {
    code: '0302',
    name: '工地扬尘',
    nameEn: 'Construction dust',
    serviceCode: 'construction.site-dust',
    acceptanceCriteria: '施工工地裸土、物料未覆盖，未洒水降尘或出场车辆未冲洗，造成明显扬尘。',
    closureCriteria: '覆盖、洒水、冲洗等措施落实到位，现场无明显扬尘。',
    timeLimits: { A: 2 * HOUR, B: DAY, C: 2 * DAY },
    departments: ['住建', '生态环境', '城管执法'],
  },
  {
    code: '0303',
    name: '道路遗撒',
    nameEn: 'Spillage from vehicles',
    serviceCode: 'construction.road-spillage',
    acceptanceCriteria: '运输车辆沿途遗撒渣土、砂石、泥浆或污水，路面可见连续污染。',
    closureCriteria: '路面清理冲洗干净；肇事车辆、单位已查处。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['城管执法', '环卫', '交警'],
  },
  {
    code: '0304',
    name: '施工占道',
    nameEn: 'Construction blocking the road',
    serviceCode: 'construction.road-occupation',
    acceptanceCriteria: '未经批准或超范围、超期限占用道路施工，或占道施工未设围挡、警示标志。',
    closureCriteria: '围挡、警示设置到位，超占部分已退还；到期的已撤场并恢复路面。',
    timeLimits: { A: 2 * HOUR, B: DAY, C: 3 * DAY },
    departments: ['住建', '交警', '城管执法'],
  },

  // 04 突发事件 (GB/T 30428.2): the seeds' 路面下沉、雨后溢污 — short limits; the first step is
  // always to make the place safe (warning signs, cordon), the rest may follow.
  { code: '04', name: '突发事件', nameEn: 'Emergencies', serviceCode: 'emergency' },
  {
    code: '0401',
    name: '路面塌陷',
    nameEn: 'Road subsidence',
    serviceCode: 'emergency.road-subsidence',
    acceptanceCriteria: '车行道、人行道出现塌陷、空洞、明显下沉或开裂，可能危及车辆、行人安全。',
    closureCriteria: '现场已设警示围挡，塌陷处已回填修复，路面平整并恢复通行。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['住建', '交警', '应急管理'],
  },
  {
    code: '0402',
    name: '雨后溢污',
    nameEn: 'Sewer overflow',
    serviceCode: 'emergency.sewer-overflow',
    acceptanceCriteria: '降雨后或管道堵塞，检查井、雨水口、化粪池冒溢污水，污水漫流到道路或楼院。',
    closureCriteria: '管道疏通，冒溢停止，现场清洗消杀完毕。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['排水', '住建', '环卫'],
  },
  {
    code: '0403',
    name: '道路积水',
    nameEn: 'Flooded road',
    serviceCode: 'emergency.road-flooding',
    acceptanceCriteria: '降雨后道路、下穿通道、人行道积水未退，影响车辆或行人通行。',
    closureCriteria: '积水排除，雨水口疏通，通行恢复。',
    timeLimits: { A: HOUR, B: 2 * HOUR, C: DAY },
    departments: ['排水', '交警'],
  },
  {
    code: '0404',
    name: '井盖缺失',
    nameEn: 'Missing or broken manhole cover',
    serviceCode: 'emergency.missing-manhole-cover',
    acceptanceCriteria: '道路、人行道、楼院内的井盖丢失、破损、移位或明显高于、低于路面。',
    closureCriteria: '已补齐或更换井盖，与路面平顺；产权单位已明确。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['住建', '排水'],
  },
  {
    code: '0405',
    name: '管道破裂',
    nameEn: 'Burst water or gas pipe',
    serviceCode: 'emergency.burst-pipe',
    acceptanceCriteria: '供水、燃气、供热等管道破裂、泄漏，或闻到明显燃气味。',
    closureCriteria: '泄漏已止住，管道修复，现场恢复；燃气泄漏的经检测无残留。',
    timeLimits: { A: 30, B: 2 * HOUR, C: DAY },
    departments: ['住建', '应急管理', '消防'],
  },

  // 05 街面秩序 (GB/T 30428.2)
  { code: '05', name: '街面秩序', nameEn: 'Street order', serviceCode: 'street-order' },
  {
    code: '0501',
    name: '占道经营',
    nameEn: 'Street vending',
    serviceCode: 'street-order.street-vending',
    acceptanceCriteria:
      '流动摊贩或个人在道路、广场、桥下、出入口等公共场所摆摊设点，不在允许的时段和地点。',
    closureCriteria: '摊点撤离或引导入规定的便民市场，现场清理干净。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['城管执法', '市场监管'],
  },
  {
    code: '0502',
    name: '无照经营',
    nameEn: 'Unlicensed business',
    serviceCode: 'street-order.unlicensed-business',
    acceptanceCriteria: '固定场所未取得营业执照或许可证从事经营活动。',
    closureCriteria: '已取缔，或经营者已依法办理执照、许可。',
    timeLimits: { A: DAY, B: 5 * DAY, C: 10 * DAY },
    departments: ['市场监管'],
  },
  {
    code: '0503',
    name: '流浪乞讨',
    nameEn: 'Homeless person or begging',
    serviceCode: 'street-order.vagrancy',
    acceptanceCriteria: '流浪乞讨人员在公共场所滞留、露宿或乞讨，恶劣天气或身体异常的从急。',
    closureCriteria: '人员已劝导离开，或已送救助站、医院救助。',
    timeLimits: { A: HOUR, B: DAY, C: 2 * DAY },
    departments: ['民政', '城管执法'],
  },

  // 06 交通秩序 (extension; the standard's 机动车乱停放 under 街面秩序)
  { code: '06', name: '交通秩序', nameEn: 'Traffic order', serviceCode: 'traffic' },
  {
    code: '0601',
    name: '乱停乱放',
    nameEn: 'Illegal parking',
    serviceCode: 'traffic.illegal-parking',
    acceptanceCriteria:
      '机动车在禁停路段、人行道、消防通道或小区出入口停放，影响通行；占用消防通道的从急。',
    closureCriteria: '车辆已驶离或依法拖移、处罚，通道恢复畅通。',
    timeLimits: { A: 30, B: 2 * HOUR, C: DAY },
    departments: ['交警'],
  },
  {
    code: '0602',
    name: '非机动车乱停放',
    nameEn: 'Disorderly bicycle parking',
    serviceCode: 'traffic.bicycle-parking',
    acceptanceCriteria: '自行车、电动车、共享单车占用盲道、人行道或出入口无序停放，成片堆积。',
    closureCriteria: '车辆已摆放整齐或清移，盲道、通道畅通；共享单车企业已通知清运。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: DAY },
    departments: ['城管执法', '交警'],
  },
  {
    code: '0603',
    name: '交通设施损坏',
    nameEn: 'Damaged traffic facility',
    serviceCode: 'traffic.damaged-facility',
    acceptanceCriteria: '交通信号灯、标志标牌、护栏、减速带损坏、缺失或被遮挡，影响交通安全。',
    closureCriteria: '设施修复、补设或遮挡物清除，功能恢复。',
    timeLimits: { A: HOUR, B: DAY, C: 3 * DAY },
    departments: ['交警'],
  },

  // 07 违法建设 (extension): the seeds' "两违" (违法建设、违法用地) 整治
  {
    code: '07',
    name: '违法建设',
    nameEn: 'Illegal construction',
    serviceCode: 'illegal-construction',
  },
  {
    code: '0701',
    name: '两违建筑',
    nameEn: 'Illegal building or land use',
    serviceCode: 'illegal-construction.illegal-building',
    acceptanceCriteria:
      '未取得建设工程规划许可或违反许可内容建设，或未经批准占用土地建设（违法建设、违法用地）。',
    closureCriteria: '在建的已责令停工；违法建筑已依法拆除并恢复原状，或依法处理完毕。',
    timeLimits: { A: 4 * HOUR, B: 5 * DAY, C: 20 * DAY },
    departments: ['城管执法', '住建', '自然资源'],
  },
  {
    code: '0702',
    name: '私搭乱建',
    nameEn: 'Unauthorised structure',
    serviceCode: 'illegal-construction.unauthorised-structure',
    acceptanceCriteria: '在道路、楼院、屋顶等公共区域擅自搭建棚亭、围墙、阳光房等设施。',
    closureCriteria: '搭建物已拆除，公共区域恢复原状。',
    timeLimits: { A: DAY, B: 5 * DAY, C: 10 * DAY },
    departments: ['城管执法', '住建'],
  },

  // 08 环境保护 (extension): the seeds' 环保信访
  { code: '08', name: '环境保护', nameEn: 'Environmental protection', serviceCode: 'environment' },
  {
    code: '0801',
    name: '环保信访',
    nameEn: 'Environmental complaint',
    serviceCode: 'environment.complaint',
    acceptanceCriteria:
      '群众来信来访、热线反映的废气、废水、固体废物等污染问题，有明确的地点或污染源。',
    closureCriteria: '已现场核查并依法处理，处理结果已答复信访人。',
    timeLimits: { A: DAY, B: 5 * DAY, C: 10 * DAY },
    departments: ['生态环境'],
  },
  {
    code: '0802',
    name: '油烟扰民',
    nameEn: 'Cooking fumes',
    serviceCode: 'environment.cooking-fumes',
    acceptanceCriteria: '餐饮单位、露天烧烤未安装或未正常使用油烟净化设施，油烟直排影响居民。',
    closureCriteria: '净化设施安装并正常运行，或露天烧烤已取缔；居民已回访。',
    timeLimits: { A: 4 * HOUR, B: 2 * DAY, C: 5 * DAY },
    departments: ['生态环境', '城管执法', '市场监管'],
  },
  {
    code: '0803',
    name: '噪声扰民',
    nameEn: 'Noise nuisance',
    serviceCode: 'environment.noise',
    acceptanceCriteria: '商业经营、娱乐场所、广场舞、高音喇叭等社会生活噪声影响居民休息。',
    closureCriteria: '噪声源已停止或整改（限时、降低音量、隔音），居民已回访。',
    timeLimits: { A: HOUR, B: 4 * HOUR, C: 2 * DAY },
    departments: ['生态环境', '城管执法', '派出所'],
  },
  {
    code: '0804',
    name: '露天焚烧',
    nameEn: 'Open burning',
    serviceCode: 'environment.open-burning',
    acceptanceCriteria: '在公共场所、楼院焚烧垃圾、树叶、秸秆或其他废弃物。',
    closureCriteria: '明火已扑灭，焚烧残留物已清理，行为人已处理。',
    timeLimits: { A: 30, B: 2 * HOUR, C: 4 * HOUR },
    departments: ['城管执法', '生态环境', '环卫'],
  },

  // 09 社会矛盾 (extension): the seeds' 矛盾纠纷调解 — "小事不出网格"
  { code: '09', name: '社会矛盾', nameEn: 'Social disputes', serviceCode: 'dispute' },
  {
    code: '0901',
    name: '邻里纠纷',
    nameEn: 'Dispute between neighbours',
    serviceCode: 'dispute.neighbours',
    acceptanceCriteria:
      '居民之间因漏水、噪声、通道、宠物、私占公共空间等发生纠纷，一方请求调解或有激化苗头；有激化危险的从急。',
    closureCriteria: '调解达成协议或双方息诉；调解不成的已告知诉讼等途径并记录。',
    timeLimits: { A: 2 * HOUR, B: 5 * DAY, C: 10 * DAY },
    departments: ['司法所', '派出所'],
  },
  {
    code: '0902',
    name: '物业纠纷',
    nameEn: 'Property-management dispute',
    serviceCode: 'dispute.property-management',
    acceptanceCriteria:
      '业主与物业服务企业、业委会之间因服务质量、收费、公共收益、维修资金等发生纠纷。',
    closureCriteria: '已协调处理或调解达成一致，结果已答复当事人。',
    timeLimits: { A: DAY, B: 5 * DAY, C: 15 * DAY },
    departments: ['住建', '司法所'],
  },
  {
    code: '0903',
    name: '劳资纠纷',
    nameEn: 'Unpaid wages',
    serviceCode: 'dispute.unpaid-wages',
    acceptanceCriteria: '拖欠劳动报酬等劳动争议；涉及人数较多或有聚集苗头的从急。',
    closureCriteria: '工资已支付或达成支付协议，或已引导申请劳动仲裁。',
    timeLimits: { A: 4 * HOUR, B: 5 * DAY, C: 10 * DAY },
    departments: ['人社', '司法所'],
  },

  // 10 民生服务 (extension): the seeds' 群众诉求, 困难帮扶
  { code: '10', name: '民生服务', nameEn: 'Public services', serviceCode: 'public-service' },
  {
    code: '1001',
    name: '民生诉求',
    nameEn: "Resident's request",
    serviceCode: 'public-service.request',
    acceptanceCriteria:
      '居民提出的供水、供电、供暖、就医、就学、证照办理等生活诉求，有明确的诉求人和事项。',
    closureCriteria: '诉求已办结或已作出答复说明，诉求人已回访。',
    timeLimits: { A: DAY, B: 5 * DAY, C: 10 * DAY },
    departments: ['民政', '住建'],
  },
  {
    code: '1002',
    name: '困难帮扶',
    nameEn: 'Hardship assistance',
    serviceCode: 'public-service.hardship-assistance',
    acceptanceCriteria: '低保、特困、残疾人、独居或空巢老人等群众生活困难，本人或他人求助。',
    closureCriteria: '已上门核实并落实救助、帮扶或转介，结果已告知求助人。',
    timeLimits: { A: 2 * HOUR, B: 2 * DAY, C: 5 * DAY },
    departments: ['民政'],
  },
  {
    code: '1003',
    name: '小区设施报修',
    nameEn: 'Broken compound facility',
    serviceCode: 'public-service.compound-facility',
    acceptanceCriteria:
      '小区、楼院的楼道灯、单元门、健身器材、雨污管道等公共设施损坏，无物业或物业未及时处理。',
    closureCriteria: '设施已修复可用，或已明确责任单位和维修计划并告知居民。',
    timeLimits: { A: DAY, B: 3 * DAY, C: 10 * DAY },
    departments: ['住建'],
  },
];

/**
 * Work minutes within which a report must be accepted or rejected (立案时限), per urgency.
 * Configuration defaults, not a quoted figure: no national or published city value for this
 * step was found to check them against, so they stay as first proposed (urgent within half an
 * hour, normal within two hours, minor the same work day).
 */
export const INTAKE_LIMITS = { A: 30, B: 120, C: 480 } as const;

/**
 * Work minutes within which a dispatched department must acknowledge (报到).
 * Configuration defaults, unverified as above.
 */
export const ACKNOWLEDGE_LIMITS = { A: 30, B: 60, C: 240 } as const;

/** Minutes of a work day on the default calendar (08:30–12:00, 14:00–17:30). */
export const DEFAULT_DAY_MINUTES = 420;

/**
 * Limits of this file on the default calendar: it counts whole work days as 480 minutes, which
 * become days of 420; hours stay hours. Used wherever the catalog's numbers are stored.
 */
export function onDefaultCalendar(l: { A: number; B: number; C: number }): {
  A: number;
  B: number;
  C: number;
} {
  const m = (n: number) => (n % 480 === 0 ? (n / 480) * DEFAULT_DAY_MINUTES : n);
  return { A: m(l.A), B: m(l.B), C: m(l.C) };
}
