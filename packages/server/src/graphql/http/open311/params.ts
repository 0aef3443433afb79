import { Open311Error } from './format';

/** Longest value echoed back in an error description. */
const ECHO = 60;

/** A caller's value, quoted and cut short, for error descriptions. */
export const echo = (value: string) =>
  JSON.stringify(value.length > ECHO ? `${value.slice(0, ECHO)}…` : value);

const bad = (description: string) => new Open311Error(400, description);

/**
 * A request's parameters by GeoReport name, from the query string, a form body
 * (application/x-www-form-urlencoded, as the spec sends them) or a JSON object. Empty values
 * count as absent (forms send empty fields); `attribute[code]` answers of a service definition are
 * kept apart. Parameters the spec has and Lianxin does not use are read by no one.
 */
export class Params {
  private constructor(
    private readonly values: Map<string, string[]>,
    readonly attributes: Map<string, string[]>,
  ) {}

  static of(entries: Iterable<[string, string]>): Params {
    const values = new Map<string, string[]>();
    const attributes = new Map<string, string[]>();
    for (const [name, value] of entries) {
      if (value === '') continue;
      // attribute[WHISHETN]=… and, for multivaluelist attributes, attribute[WHISHETN][]=…
      const attribute = /^attribute\[([^\]]*)\](?:\[\])?$/.exec(name);
      const into = attribute ? attributes : values;
      const key = attribute ? attribute[1]! : name;
      into.set(key, [...(into.get(key) ?? []), value]);
    }
    return new Params(values, attributes);
  }

  static fromSearch(search: string): Params {
    return Params.of(new URLSearchParams(search));
  }

  /** A JSON body: an object of strings, numbers and booleans; `attribute` an object of them. */
  static fromJson(body: unknown): Params {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw bad('The request body must be a JSON object of GeoReport parameters.');
    }
    const entries: [string, string][] = [];
    const add = (name: string, value: unknown) => {
      if (value === null || value === undefined) return;
      if (Array.isArray(value)) return value.forEach((v) => add(name, v));
      if (typeof value === 'object') {
        throw bad(`${name} must be a string or a number, not an object.`);
      }
      entries.push([name, String(value)]);
    };
    for (const [name, value] of Object.entries(body)) {
      if (name === 'attribute' && typeof value === 'object' && value && !Array.isArray(value)) {
        for (const [code, answer] of Object.entries(value)) add(`attribute[${code}]`, answer);
      } else add(name, value);
    }
    return Params.of(entries);
  }

  /** Adds the values of `other` under names this has not got (a POST's query string). */
  withDefaults(other: Params): Params {
    const values = new Map(this.values);
    for (const [name, list] of other.values) if (!values.has(name)) values.set(name, list);
    return new Params(values, this.attributes);
  }

  /** The value of a single-valued parameter; given twice is an error. */
  one(name: string): string | undefined {
    const list = this.values.get(name);
    if (!list) return undefined;
    if (list.length > 1) throw bad(`${name} is given ${list.length} times; give it once.`);
    return list[0];
  }

  /** A list parameter: comma-separated, or the parameter repeated; blanks dropped. */
  list(name: string, max: number): string[] | undefined {
    const list = this.values.get(name);
    if (!list) return undefined;
    const items = list
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (items.length > max) throw bad(`${name} lists ${items.length} values; at most ${max}.`);
    return items.length ? [...new Set(items)] : undefined;
  }

  /** A decimal degree (WGS84), e.g. `lat=35.7097`; the range is the case rules' to check. */
  degrees(name: 'lat' | 'long'): number | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    if (!/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) {
      throw bad(
        `${name} must be a decimal number of degrees (WGS84), e.g. ${name === 'lat' ? '35.7097' : '107.6431'}; got ${echo(value)}.`,
      );
    }
    return Number(value);
  }

  /** A W3C datetime with its time zone, e.g. `2026-03-01T00:00:00+08:00`. */
  time(name: string): Date | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    const m =
      /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/.exec(
        value.trim(),
      );
    let date: Date | undefined;
    if (m) {
      const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
      const second = Number(m[6] ?? 0);
      const offset = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
      const valid =
        year! >= 1000 &&
        month! >= 1 &&
        month! <= 12 &&
        day! >= 1 &&
        day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate() &&
        hour! <= 23 &&
        minute! <= 59 &&
        second <= 59 &&
        Math.abs(offset) <= 18 * 60;
      const ms = Math.floor(Number(m[7] ?? 0) * 1000);
      if (valid) {
        date = new Date(
          Date.UTC(year!, month! - 1, day!, hour!, minute!, second, ms) - offset * 60_000,
        );
      }
    }
    if (!date || Number.isNaN(date.getTime())) {
      throw bad(
        `${name} must be a W3C datetime with a time zone, e.g. 2026-03-01T00:00:00+08:00 or 2026-03-01T00:00:00Z; got ${echo(value)}.`,
      );
    }
    return date;
  }
}
