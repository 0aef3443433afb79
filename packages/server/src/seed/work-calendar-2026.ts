/**
 * China's public holidays of 2026 and the make-up working days (调休), as the State Council's
 * General Office set them: 国务院办公厅关于2026年部分节假日安排的通知 (dated 2025-11-04, published
 * by Xinhua and gov.cn). The official page itself was not at hand; the dates below are the
 * notice's text as several reprints quote it identically (e.g. saidakeji.com/show-9783.html,
 * hk.crntt.com doc 107155992, e47e47.com thread-308898), and each weekday was checked against the
 * notice's own "(周X)" annotations:
 *
 *   元旦 1月1日(周四)–3日(周六), 3天; 1月4日(周日)上班.
 *   春节 2月15日(周日)–23日(周一), 9天; 2月14日(周六)、2月28日(周六)上班.
 *   清明节 4月4日(周六)–6日(周一), 3天.
 *   劳动节 5月1日(周五)–5日(周二), 5天; 5月9日(周六)上班.
 *   端午节 6月19日(周五)–21日(周日), 3天.
 *   中秋节 9月25日(周五)–27日(周日), 3天.
 *   国庆节 10月1日(周四)–7日(周三), 7天; 9月20日(周日)、10月10日(周六)上班.
 *
 * Every day of each break is listed (weekend days within it too), so a calendar shows the break
 * whole; listing a weekend day as a holiday changes no working time.
 */
export interface HolidayDay {
  /** Local date, `YYYY-MM-DD`. */
  day: string;
  /** HOLIDAY: a day off (放假); WORKDAY: a weekend day worked instead (调休上班). */
  kind: 'HOLIDAY' | 'WORKDAY';
  /** The festival, or the festival + 调休 for a make-up working day. */
  name: string;
}

export const HOLIDAYS_2026: HolidayDay[] = [
  { day: '2026-01-01', kind: 'HOLIDAY', name: '元旦' }, // 周四
  { day: '2026-01-02', kind: 'HOLIDAY', name: '元旦' }, // 周五
  { day: '2026-01-03', kind: 'HOLIDAY', name: '元旦' }, // 周六
  { day: '2026-01-04', kind: 'WORKDAY', name: '元旦调休' }, // 周日
  { day: '2026-02-14', kind: 'WORKDAY', name: '春节调休' }, // 周六
  { day: '2026-02-15', kind: 'HOLIDAY', name: '春节' }, // 周日
  { day: '2026-02-16', kind: 'HOLIDAY', name: '春节' }, // 周一
  { day: '2026-02-17', kind: 'HOLIDAY', name: '春节' }, // 周二
  { day: '2026-02-18', kind: 'HOLIDAY', name: '春节' }, // 周三
  { day: '2026-02-19', kind: 'HOLIDAY', name: '春节' }, // 周四
  { day: '2026-02-20', kind: 'HOLIDAY', name: '春节' }, // 周五
  { day: '2026-02-21', kind: 'HOLIDAY', name: '春节' }, // 周六
  { day: '2026-02-22', kind: 'HOLIDAY', name: '春节' }, // 周日
  { day: '2026-02-23', kind: 'HOLIDAY', name: '春节' }, // 周一
  { day: '2026-02-28', kind: 'WORKDAY', name: '春节调休' }, // 周六
  { day: '2026-04-04', kind: 'HOLIDAY', name: '清明节' }, // 周六
  { day: '2026-04-05', kind: 'HOLIDAY', name: '清明节' }, // 周日
  { day: '2026-04-06', kind: 'HOLIDAY', name: '清明节' }, // 周一
  { day: '2026-05-01', kind: 'HOLIDAY', name: '劳动节' }, // 周五
  { day: '2026-05-02', kind: 'HOLIDAY', name: '劳动节' }, // 周六
  { day: '2026-05-03', kind: 'HOLIDAY', name: '劳动节' }, // 周日
  { day: '2026-05-04', kind: 'HOLIDAY', name: '劳动节' }, // 周一
  { day: '2026-05-05', kind: 'HOLIDAY', name: '劳动节' }, // 周二
  { day: '2026-05-09', kind: 'WORKDAY', name: '劳动节调休' }, // 周六
  { day: '2026-06-19', kind: 'HOLIDAY', name: '端午节' }, // 周五
  { day: '2026-06-20', kind: 'HOLIDAY', name: '端午节' }, // 周六
  { day: '2026-06-21', kind: 'HOLIDAY', name: '端午节' }, // 周日
  { day: '2026-09-20', kind: 'WORKDAY', name: '国庆节调休' }, // 周日
  { day: '2026-09-25', kind: 'HOLIDAY', name: '中秋节' }, // 周五
  { day: '2026-09-26', kind: 'HOLIDAY', name: '中秋节' }, // 周六
  { day: '2026-09-27', kind: 'HOLIDAY', name: '中秋节' }, // 周日
  { day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' }, // 周四
  { day: '2026-10-02', kind: 'HOLIDAY', name: '国庆节' }, // 周五
  { day: '2026-10-03', kind: 'HOLIDAY', name: '国庆节' }, // 周六
  { day: '2026-10-04', kind: 'HOLIDAY', name: '国庆节' }, // 周日
  { day: '2026-10-05', kind: 'HOLIDAY', name: '国庆节' }, // 周一
  { day: '2026-10-06', kind: 'HOLIDAY', name: '国庆节' }, // 周二
  { day: '2026-10-07', kind: 'HOLIDAY', name: '国庆节' }, // 周三
  { day: '2026-10-10', kind: 'WORKDAY', name: '国庆节调休' }, // 周六
];
