/**
 * The streets are in China (Asia/Shanghai, UTC+8 all year): "today" is the date there, not the
 * server's, or a record made before 08:00 would carry yesterday.
 */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
