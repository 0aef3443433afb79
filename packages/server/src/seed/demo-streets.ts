/**
 * Districts and streets of the demo data, from the five articles the mission came from
 * (see shared DOMAIN.md, "Facts from the seeds"). Codes follow the administrative division code.
 */
export interface DemoStreet {
  /** Short handle used by tests and docs, e.g. `asRole('GRID_WORKER', 'nanjie')`. */
  key: string;
  code: string;
  name: string;
  districtCode: string;
}

export const demoDistricts = [
  { code: '621002', name: '西峰区' },
  { code: '360502', name: '渝水区' },
  { code: '410104', name: '管城回族区' },
  { code: '620104', name: '西固区' },
  { code: '430111', name: '雨花区' },
];

export const demoStreets: DemoStreet[] = [
  { key: 'nanjie', code: '621002001', name: '南街街道', districtCode: '621002' },
  { key: 'chengbei', code: '360502001', name: '城北街道', districtCode: '360502' },
  { key: 'chengdonglu', code: '410104001', name: '城东路街道', districtCode: '410104' },
  { key: 'shibalihe', code: '410104002', name: '十八里河街道', districtCode: '410104' },
  { key: 'xigucheng', code: '620104001', name: '西固城街道', districtCode: '620104' },
  { key: 'shazitang', code: '430111001', name: '砂子塘街道', districtCode: '430111' },
];
