import type { Locale } from './locale';
import { zhLibraryMessages } from './zh-library';
import { zhMessages, zhRolePhrases, zhTerms } from './zh';

interface Pattern {
  re: RegExp;
  names: string[];
  target: string;
  /** Characters of fixed text: the most specific pattern that matches wins. */
  weight: number;
}

interface Compiled {
  exact: Map<string, string>;
  patterns: Pattern[];
  terms: Map<string, string>;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Placeholders of a template, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function compile(catalogues: Record<string, string>[], terms: Record<string, string>): Compiled {
  const exact = new Map<string, string>();
  const patterns: Pattern[] = [];
  for (const catalogue of catalogues) {
    for (const [source, target] of Object.entries(catalogue)) {
      const names = placeholdersOf(source);
      if (!names.length) {
        exact.set(source, target);
        continue;
      }
      let re = '^';
      let last = 0;
      for (const m of source.matchAll(PLACEHOLDER)) {
        re += escape(source.slice(last, m.index)) + '([\\s\\S]+?)';
        last = m.index! + m[0].length;
      }
      re += `${escape(source.slice(last))}$`;
      patterns.push({
        re: new RegExp(re),
        names,
        target,
        weight: source.replace(PLACEHOLDER, '').length,
      });
    }
  }
  patterns.sort((a, b) => b.weight - a.weight);
  return { exact, patterns, terms: new Map(Object.entries(terms)) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let zh: Compiled | undefined;

/**
 * A message in `locale`: English as it is; Chinese from the catalogues, the server's own
 * (zh.ts) before the libraries' (zh-library.ts). A template's placeholders take the values the
 * English message had, each itself translated when it is a message or a known word
 * (`No {what} has this ID.` with `grid` → 没有此 ID 的网格。). A message no catalogue knows
 * stays English.
 */
export function translate(message: string, locale: Locale | undefined): string {
  if (locale !== 'zh' || !message) return message;
  zh ??= compile([zhMessages, zhLibraryMessages], { ...zhRolePhrases, ...zhTerms });
  return translateWith(zh, message, 0) ?? message;
}

function translateWith(c: Compiled, message: string, depth: number): string | undefined {
  const found = c.exact.get(message);
  if (found !== undefined) return found;
  for (const p of c.patterns) {
    const m = p.re.exec(message);
    if (!m) continue;
    const values = new Map<string, string>();
    p.names.forEach((name, i) => {
      const value = m[i + 1]!;
      const inner = depth < 3 ? translateWith(c, value, depth + 1) : undefined;
      values.set(name, inner ?? c.terms.get(value) ?? value);
    });
    return p.target.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}
