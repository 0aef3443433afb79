/** The languages the API answers in: English, and Chinese (简体中文) for street staff. */
export type Locale = 'en' | 'zh';

const DEFAULT: Locale = 'en';

/**
 * The language an `Accept-Language` header prefers among those the API speaks (RFC 9110
 * §12.5.4): each range with its quality (`q`, 1 when left out, 0 = not acceptable); the highest
 * quality wins, the earlier range on a tie. `zh`, `zh-CN`, `zh-Hans`, `zh-TW` … are Chinese;
 * `en…` English; `*` anything (English). No header, or nothing spoken here: English.
 */
export function negotiateLocale(header: string | readonly string[] | undefined): Locale {
  if (header === undefined) return DEFAULT;
  const text = typeof header === 'string' ? header : header.join(',');
  if (!text) return DEFAULT;
  let best: Locale = DEFAULT;
  let bestQ = 0;
  for (const part of text.slice(0, 1000).split(',')) {
    const [rangeText, ...params] = part.split(';');
    const range = rangeText!.trim().toLowerCase();
    if (!range) continue;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (m) q = Math.min(1, Number(m[1]));
    }
    const locale: Locale | null =
      range === 'zh' || range.startsWith('zh-')
        ? 'zh'
        : range === 'en' || range.startsWith('en-') || range === '*'
          ? 'en'
          : null;
    if (locale && q > bestQ) {
      best = locale;
      bestQ = q;
    }
  }
  return best;
}

/**
 * The language asked for in a graphql-ws `connectionParams` (`acceptLanguage`, `Accept-Language`
 * or `locale`), else in the upgrade request's header.
 */
export function localeOfConnection(
  params: Record<string, unknown> | undefined | null,
  header: string | undefined,
): Locale {
  for (const key of ['acceptLanguage', 'Accept-Language', 'accept-language', 'locale']) {
    const value = params?.[key];
    if (typeof value === 'string' && value) return negotiateLocale(value);
  }
  return negotiateLocale(header);
}
