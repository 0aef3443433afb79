import { negotiateLocale, localeOfConnection } from '../../src/i18n/locale';
import { placeholdersOf, translate } from '../../src/i18n/translate';
import { zhMessages, zhRolePhrases, zhTerms } from '../../src/i18n/zh';
import { isEnumType } from 'graphql';
import { apiSchema } from '../../src/app';
import { zhLibraryMessages } from '../../src/i18n/zh-library';
import { extractMessages, type Extracted } from './extract';

/**
 * Every message the server's source can produce has a Chinese entry, with the same placeholders,
 * and every entry is still produced somewhere: the messages are found in the TypeScript sources
 * by the compiler (extract.ts), not listed by hand.
 */
let found: Extracted;
beforeAll(() => {
  found = extractMessages();
}, 120_000);

/** Chinese characters or full-width punctuation. */
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('the Chinese catalogue (src/i18n/zh.ts)', () => {
  it('follows every message argument in the source to its text', () => {
    expect(found.unresolved).toEqual([]);
    // A sanity floor: the extraction sees the server's messages at all.
    expect(found.templates.size).toBeGreaterThan(300);
    expect(found.templates.get('No grid has this ID.')).toBeDefined();
  });

  it('has an entry for every message the server can produce', () => {
    const missing = [...found.templates]
      .filter(([t]) => zhMessages[t] === undefined)
      .map(([t, where]) => `${where[0]}: ${JSON.stringify(t)}`);
    expect(missing).toEqual([]);
  });

  it('has no entry for a message the server no longer produces', () => {
    const unused = Object.keys(zhMessages).filter((t) => !found.templates.has(t));
    expect(unused).toEqual([]);
  });

  it('keeps every placeholder of each message, and says it in Chinese', () => {
    const wrong = Object.entries({ ...zhMessages, ...zhLibraryMessages })
      .filter(
        ([en, zh]) =>
          [...placeholdersOf(en)].sort().join() !== [...placeholdersOf(zh)].sort().join() ||
          !CJK.test(zh),
      )
      .map(([en, zh]) => `${en} => ${zh}`);
    expect(wrong).toEqual([]);
  });

  it('has a term for every word the source fills a placeholder with, and no other', () => {
    const missing = [...found.terms.keys()].filter((t) => zhTerms[t] === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(zhTerms).filter((t) => !found.terms.has(t))).toEqual([]);
  });

  it("names every role of the schema's Role enum in words", () => {
    const role = apiSchema().getType('Role');
    if (!isEnumType(role)) throw new Error('no Role enum');
    const phrases = role.getValues().map((v) => v.name.toLowerCase().replace(/_/g, ' '));
    expect(phrases.filter((p) => zhRolePhrases[p] === undefined)).toEqual([]);
    expect(translate('A grid worker may not change people in this street.', 'zh')).toBe(
      '网格员不能在本街道修改人员。',
    );
  });
});

describe('translate', () => {
  it('leaves English as it is, and any message in English when no catalogue knows it', () => {
    expect(translate('No grid has this ID.', 'en')).toBe('No grid has this ID.');
    expect(translate('Something new.', 'zh')).toBe('Something new.');
  });

  it('fills placeholders, translating a known word or a nested message', () => {
    expect(translate('No grid has this ID.', 'zh')).toBe('没有此 ID 的网格。');
    expect(translate('No volunteer team has this ID.', 'zh')).toBe('没有此 ID 的志愿服务队。');
    expect(translate('The code 620802001 is taken in this street.', 'zh')).toBe(
      '代码 620802001 在本街道已被占用。',
    );
    expect(
      translate(
        'Variable "$first" got invalid value "x"; Int cannot represent non-integer value: "x"',
        'zh',
      ),
    ).toBe('变量 "$first" 的值 "x" 无效：Int 类型不能表示非整数值："x"');
  });

  it('prefers the most specific template, and translates words from the rules tables', () => {
    expect(
      translate('A case that is REPORTED cannot be dispatched. Allowed now: ACCEPT, REJECT.', 'zh'),
    ).toBe('处于 REPORTED 状态的案件不能执行“派遣”。当前可执行：ACCEPT, REJECT。');
    expect(translate('The case is rated already. Allowed now: none.', 'zh')).toBe(
      '该案件已评价。当前可执行：none。',
    );
  });

  it("translates graphql-js's commonest validation and parse messages", () => {
    expect(translate('Cannot query field "nope" on type "Query".', 'zh')).toBe(
      '类型 "Query" 上没有字段 "nope"。',
    );
    expect(translate('Syntax Error: Expected Name, found <EOF>.', 'zh')).toBe(
      '语法错误：此处应为 Name，实际为 <EOF>。',
    );
    expect(translate('Variable "$id" of required type "ID!" was not provided.', 'zh')).toBe(
      '未提供必填变量 "$id"（类型 "ID!"）。',
    );
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['ZH-cn', 'zh'],
    ['zh-Hans;q=0.9, en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh-TW;q=0.6', 'zh'],
    ['fr-FR, zh;q=0.3', 'zh'],
    ['fr-FR, de', 'en'],
    ['zh;q=0, en', 'en'],
    ['*', 'en'],
    ['zh-CN, en', 'zh'],
    ['en, zh-CN', 'en'],
    ['zh-CN;q=garbage', 'zh'],
  ] as const)('%j prefers %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('reads a graphql-ws connection’s params before its request header', () => {
    expect(localeOfConnection({ acceptLanguage: 'zh-CN' }, 'en')).toBe('zh');
    expect(localeOfConnection({ 'Accept-Language': 'en' }, 'zh')).toBe('en');
    expect(localeOfConnection(undefined, 'zh-Hans')).toBe('zh');
    expect(localeOfConnection({}, undefined)).toBe('en');
  });
});
