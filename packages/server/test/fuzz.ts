import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * A schema-driven generator of random GraphQL requests, valid-ish and hostile, for the fuzz
 * suite (test/security/fuzz.test.ts). Every request is a pure function of (seed, index), so a
 * failing one replays alone: FUZZ_SEED=<seed> FUZZ_ONLY=<index>.
 */

/** mulberry32: a tiny seeded PRNG, good enough to pick test inputs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

/** The seed of request `index` under run seed `seed` (each request has its own stream). */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** One HTTP request to send to /graphql, and who sends it. */
export interface FuzzRequest {
  index: number;
  /** A role name the test maps to credentials, or `anonymous`; headers may override it. */
  role: string;
  method: string;
  /** Query string including `?`, for GET. */
  search: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What it is, for the failure report (kind and a short description). */
  kind: string;
}

export interface FuzzWorld {
  schema: GraphQLSchema;
  /** Roles the test has credentials for (plus `anonymous`). */
  roles: readonly string[];
  /** Known row ids by node type name (e.g. Grid → ['1', '2']). */
  rowIds: Record<string, readonly string[]>;
  /**
   * Root fields only some roles send, e.g. those that end sessions (`logout`): sent by anyone,
   * they would leave the rest of the run answering 401.
   */
  rolesFor: Record<string, readonly string[]>;
}

export const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Variable names that are special to JavaScript objects. */
const SPECIAL_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(256),
  'x'.repeat(5000),
  '长'.repeat(300),
  '💥🏳️‍🌈',
  '\ud800',
  '\u202eevil',
  "'; DROP TABLE street; --",
  '%',
  '_',
  '\\',
  '*',
  '!',
  '{',
  '$1',
  '<script>alert(1)</script>',
  'null',
  '__proto__',
  'a.b.c',
  '\n\t\r',
];

const PLAUSIBLE_STRINGS = [
  '621002001',
  '410104001',
  '410104002',
  '410104001001',
  '410104',
  '测试',
  '南街社区',
  '13800000001',
  'admin',
  'correct horse battery staple',
  '*:read',
  '*:write',
  'grid:read',
  'https://example.com/hook',
  'note',
  'A1',
];

/** The sort values an ordering's cursor may hold, right and wrong. */
const CURSOR_VALUES: unknown[] = [
  'not-a-date',
  '2024-01-01T00:00:00.000Z',
  '2024-02-30T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  'abc',
  '',
  '\u0000',
  1,
  -1,
  1.5,
  1e308,
  '9999999999999999999999',
  'NaN',
  null,
  true,
  [],
  {},
];
const CURSOR_IDS: unknown[] = [
  '1',
  '2',
  '0',
  '9223372036854775807',
  '9223372036854775808',
  '9999999999999999999',
  '99999999999999999999',
  '-1',
  1,
  'x',
];

const DATE_TIMES: unknown[] = [
  '2024-01-01T00:00:00.000Z',
  '2030-06-15T08:30:00Z',
  '2024-02-30T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2024-01-01',
  '2024-01-01T00:00:00+14:00',
  '2024-01-01T00:00:00.123456789Z',
  'not-a-date',
  '',
  '\u0000',
  0,
  1e15,
  8.64e15 + 1,
  -8.64e15,
];

const LOCAL_DATES: unknown[] = [
  '2024-01-01',
  '2024-02-29',
  '2023-02-29',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2024-13-01',
  '2024-1-1',
  '+012024-01-01',
  '',
  'x',
  '\u0000',
  20240101,
];

function deepObject(depth: number): Record<string, unknown> {
  let o: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) o = { a: o };
  return o;
}

function ownKey(key: string, value: unknown): Record<string, unknown> {
  const o = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return o;
}

const JSON_OBJECTS: unknown[] = [
  {},
  { type: 'Point', coordinates: [103.8, 36.06] },
  {
    type: 'Polygon',
    coordinates: [
      [
        [103.8, 36.06],
        [103.9, 36.06],
        [103.9, 36.1],
        [103.8, 36.06],
      ],
    ],
  },
  { type: 'Point', coordinates: ['a', null] },
  { type: 'Polygon', coordinates: [] },
  { type: 'Nope' },
  deepObject(40),
  ownKey('__proto__', { polluted: true }),
  { constructor: { prototype: { polluted: true } } },
  { text: '\u0000' },
  [],
  'str',
  1,
];

/** Type names encoded in global IDs: node types, and a few that are not. */
function nodeTypes(schema: GraphQLSchema): string[] {
  const node = schema.getType('Node');
  if (!node || !isInterfaceType(node)) return [];
  return schema.getPossibleTypes(node).map((t) => t.name);
}

/** Marks a value printed as an enum literal (JSON sends its name as a string). */
class EnumLit {
  constructor(readonly name: string) {}
}
/** Marks a variable reference inside a literal. */
class VarRef {
  constructor(readonly name: string) {}
}

function printLiteral(v: unknown): string {
  if (v instanceof EnumLit) return v.name;
  if (v instanceof VarRef) return `$${v.name}`;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(printLiteral).join(', ')}]`;
  const entries = Object.keys(v as object).map(
    (k) =>
      `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : 'bad_key'}: ${printLiteral((v as Record<string, unknown>)[k])}`,
  );
  return `{${entries.join(', ')}}`;
}

function toJson(v: unknown): unknown {
  if (v instanceof EnumLit) return v.name;
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object') {
    const o = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v)) {
      Object.defineProperty(o, k, {
        value: toJson((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return o;
  }
  return v;
}

const MAX_SELECTION_DEPTH = 5;
const MAX_INPUT_DEPTH = 5;

/** Builds one GraphQL document with its variables. */
class DocumentBuilder {
  private readonly decls: string[] = [];
  private readonly variables = Object.create(null) as Record<string, unknown>;
  private readonly fragments: string[] = [];
  private counter = 0;
  private readonly types: string[];

  constructor(
    private readonly rng: Rng,
    private readonly world: FuzzWorld,
  ) {
    this.types = nodeTypes(world.schema);
  }

  build(): {
    query: string;
    variables: Record<string, unknown>;
    operationName?: string | null;
    /** The root fields selected. */
    roots: string[];
  } {
    const { rng, world } = this;
    const roots = [
      ['query', world.schema.getQueryType()],
      ['mutation', world.schema.getMutationType()],
      ['subscription', world.schema.getSubscriptionType()],
    ] as const;
    const r = rng.float();
    let [opType, root] = r < 0.62 ? roots[0] : r < 0.97 ? roots[1] : roots[2];
    if (!root) [opType, root] = roots[0];
    const fields = Object.values(root!.getFields());
    const n = opType === 'mutation' ? (rng.chance(0.85) ? 1 : 2) : 1 + rng.int(3);
    const used = new Set<string>();
    const selections: string[] = [];
    const picked = Array.from({ length: n }, () => rng.pick(fields));
    for (const f of picked) selections.push(this.field(f, 1, used));
    if (rng.chance(0.1)) selections.push('__typename');

    let name: string | undefined;
    let operationName: string | null | undefined;
    const second = rng.chance(0.05);
    if (second || rng.chance(0.25)) {
      name = rng.pick(['Op', 'Fuzz', 'A', 'constructor', '__proto__', 'toString']);
      operationName = rng.chance(0.8) ? name : undefined;
    }
    const vars = this.decls.length ? `(${this.decls.join(', ')})` : '';
    const head = name || vars ? `${opType} ${name ?? ''}${vars}` : opType;
    let query = `${head} { ${selections.join(' ')} }`;
    if (second) {
      // A second operation: then the name decides which one runs, or fails to.
      query += ` query Other { __typename }`;
      operationName = rng.pick([undefined, 'Other', name, 'Unknown']);
    }
    if (rng.chance(0.04)) operationName = rng.pick(['Nope', '', '__proto__', 'constructor']);
    if (this.fragments.length) query += ` ${this.fragments.join(' ')}`;
    if (rng.chance(0.04)) {
      // Variables nobody declared, named after JavaScript's specials.
      const key = rng.pick(SPECIAL_NAMES);
      Object.defineProperty(this.variables, key, {
        value: rng.pick([{ polluted: true }, 'x', null, 1, []]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return { query, variables: this.variables, operationName, roots: picked.map((f) => f.name) };
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, used: Set<string>): string {
    const { rng } = this;
    const args = this.args(field);
    let alias = '';
    if (rng.chance(0.1) || (used.has(field.name) && (args || field.args.length))) {
      alias = `${rng.pick(['a', 'b', 'x', '__typename_', 'constructor', 'toString'])}${this.counter++}: `;
    }
    used.add(field.name);
    let directives = '';
    // @skip/@include only now and then while the schema lacks them (then they are refused).
    if (rng.chance(this.world.schema.getDirective('skip') ? 0.05 : 0.002)) {
      const d = rng.pick(['skip', 'include']);
      const cond = rng.chance(0.5)
        ? String(rng.chance(0.5))
        : this.variable('Boolean!', rng.chance(0.5));
      directives = ` @${d}(if: ${cond})`;
    }
    const type = getNamedType(field.type);
    if (isLeafType(type)) return `${alias}${field.name}${args}${directives}`;
    const sub = this.selection(type as GraphQLCompositeType, depth + 1);
    return `${alias}${field.name}${args}${directives} { ${sub} }`;
  }

  private selection(type: GraphQLCompositeType, depth: number): string {
    const { rng, world } = this;
    const parts: string[] = [];
    const used = new Set<string>();
    if (isObjectType(type) || isInterfaceType(type)) {
      const all = Object.values(type.getFields());
      const deep = depth >= MAX_SELECTION_DEPTH;
      const leaves = all.filter((f) => isLeafType(getNamedType(f.type)));
      const pool = deep || (depth > 2 && rng.chance(0.5)) ? leaves : all;
      const n = pool.length ? 1 + rng.int(depth > 2 ? 2 : 4) : 0;
      for (let i = 0; i < n; i++) parts.push(this.field(rng.pick(pool), depth, used));
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      const possible = world.schema.getPossibleTypes(type);
      const k = Math.min(possible.length, 1 + rng.int(2));
      for (let i = 0; i < k; i++) {
        const t = rng.pick(possible);
        parts.push(`... on ${t.name} { ${this.selection(t, depth)} }`);
      }
    }
    if (rng.chance(0.06) && depth < MAX_SELECTION_DEPTH) {
      const name = `F${this.counter++}`;
      this.fragments.push(
        `fragment ${name} on ${type.name} { ${this.selection(type, depth + 1)} }`,
      );
      parts.push(`...${name}`);
    }
    if (!parts.length || rng.chance(0.1)) parts.push('__typename');
    return parts.join(' ');
  }

  private args(field: GraphQLField<unknown, unknown>): string {
    const { rng } = this;
    const parts: string[] = [];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      if (!(required ? rng.chance(0.97) : rng.chance(0.45))) continue;
      parts.push(`${arg.name}: ${this.argument(arg.type, arg.name, 0)}`);
    }
    if (rng.chance(0.003)) parts.push('nope: 1');
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  /** An argument or input field: a literal, or a variable holding a JSON value. */
  private argument(type: GraphQLInputType, hint: string, depth: number): string {
    const { rng } = this;
    if (rng.chance(depth === 0 ? 0.35 : 0.08)) {
      const declared = rng.chance(0.95)
        ? String(type)
        : rng.pick(['String', 'Int!', 'ID', '[ID!]']);
      return this.variable(declared, this.value(type, hint, depth, true));
    }
    return printLiteral(this.value(type, hint, depth, false));
  }

  /** Declares a variable of type `declared` with `value` (or none) and returns `$name`. */
  private variable(declared: string, value: unknown): string {
    const { rng } = this;
    let name = `v${this.counter++}`;
    if (rng.chance(0.12)) {
      const special = rng.pick(SPECIAL_NAMES);
      if (!this.decls.some((d) => d.startsWith(`$${special}:`))) name = special;
    }
    this.decls.push(`$${name}: ${declared}`);
    if (!rng.chance(0.04)) {
      Object.defineProperty(this.variables, name, {
        value: toJson(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return `$${name}`;
  }

  /** A value of `type`, mostly right, sometimes wrong; `json` when it goes into variables. */
  private value(type: GraphQLInputType, hint: string, depth: number, json: boolean): unknown {
    const { rng } = this;
    if (isNonNullType(type)) {
      if (rng.chance(0.004)) return null;
      return this.value(type.ofType, hint, depth, json);
    }
    if (rng.chance(0.06)) return null;
    if (isListType(type)) {
      if (rng.chance(0.05)) return this.value(type.ofType, hint, depth + 1, json); // one for a list
      const n = rng.chance(0.03) ? 101 + rng.int(50) : rng.int(5);
      return Array.from({ length: n }, () => this.value(type.ofType, hint, depth + 1, json));
    }
    if (isEnumType(type)) {
      if (rng.chance(0.08)) return json ? rng.pick(['NOPE', 'asc', '', 1]) : new EnumLit('NOPE');
      const v = rng.pick(type.getValues()).name;
      return json ? v : new EnumLit(v);
    }
    if (isInputObjectType(type)) {
      if (depth >= MAX_INPUT_DEPTH) return null;
      if (json && rng.chance(0.02)) return rng.pick(['str', 1, [], true]);
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const f of Object.values(type.getFields())) {
        const required = isNonNullType(f.type) && f.defaultValue === undefined;
        if (!(required ? rng.chance(0.96) : rng.chance(0.4))) continue;
        out[f.name] =
          !json && rng.chance(0.08)
            ? new VarRef(
                this.variable(String(f.type), this.value(f.type, f.name, depth + 1, true)).slice(1),
              )
            : this.value(f.type, f.name, depth + 1, json);
      }
      if (rng.chance(0.02)) out[rng.pick(['nope', '__proto__', 'constructor'])] = 1;
      return out;
    }
    return this.scalar(type.name, hint, json);
  }

  private scalar(name: string, hint: string, json: boolean): unknown {
    const { rng } = this;
    // Values of the wrong JSON type for a variable.
    if (json && rng.chance(0.03)) return rng.pick([true, {}, [], 1.5, 'str', 2 ** 53]);
    switch (name) {
      case 'ID':
        return this.id(hint);
      case 'String':
        return /^(after|before|cursor)$/i.test(hint) ? this.cursor() : this.string();
      case 'Int':
        return rng.chance(0.9)
          ? rng.pick([
              0,
              1,
              2,
              5,
              10,
              20,
              50,
              100,
              101,
              -1,
              -100,
              2147483647,
              -2147483648,
              rng.int(200),
            ])
          : json
            ? rng.pick([2147483648, 1.5, 1e100, -1e100])
            : rng.pick([2147483648, -2147483649]);
      case 'Float':
        return rng.pick([
          0, 1.5, -1.5, 36.06, 103.8, 90, -90, 180, 181, -181, 1e308, -1e308, 5e-324,
        ]);
      case 'Boolean':
        return rng.chance(0.5);
      case 'DateTime':
        return rng.pick(DATE_TIMES);
      case 'LocalDate':
        return rng.pick(LOCAL_DATES);
      case 'JSONObject':
        return rng.pick(JSON_OBJECTS);
      default:
        return this.string();
    }
  }

  private string(): string {
    const { rng } = this;
    if (rng.chance(0.005)) return 'y'.repeat(200_000);
    return rng.chance(0.55) ? rng.pick(PLAUSIBLE_STRINGS) : rng.pick(HOSTILE_STRINGS);
  }

  /** The node type an argument named `hint` probably wants (`gridId` → Grid). */
  private typeFor(hint: string): string {
    const m = /^(.*?)(Id|Ids|ID)$/.exec(hint);
    if (m && m[1]) {
      const cap = m[1][0]!.toUpperCase() + m[1].slice(1);
      const t = this.types.find((x) => x === cap || x.endsWith(cap));
      if (t) return t;
    }
    return this.rng.pick(this.types.length ? this.types : ['Grid']);
  }

  private id(hint: string): unknown {
    const { rng, world } = this;
    const type = this.typeFor(hint);
    const row = () => {
      const known = world.rowIds[type];
      return known?.length && rng.chance(0.7) ? rng.pick(known) : String(1 + rng.int(40));
    };
    const r = rng.float();
    if (r < 0.55) return gid(type, row());
    if (r < 0.65) return gid(rng.pick(this.types), row());
    if (r < 0.82) {
      return gid(
        rng.chance(0.85) ? type : rng.pick(['Nope', 'node', 'GRID']),
        rng.pick([
          '9223372036854775807',
          '9223372036854775808',
          '9999999999999999999',
          '99999999999999999999',
          '0',
          '-1',
          '1.5',
          '01',
          '',
          '1\u0000',
        ]),
      );
    }
    if (r < 0.95) {
      return rng.pick([
        '',
        ' ',
        'abc',
        '\u0000',
        'x'.repeat(300),
        '💥',
        '1',
        '=',
        `${gid(type, '1')}==`,
        b64('Grid:1\u0000'),
        Buffer.from(`${type}:1`).toString('base64'),
      ]);
    }
    return rng.pick([1, 0, -1, 2147483647]);
  }

  private cursor(): string {
    const { rng } = this;
    const r = rng.float();
    if (r < 0.8) return b64(JSON.stringify([rng.pick(CURSOR_VALUES), rng.pick(CURSOR_IDS)]));
    return rng.pick([
      '',
      'abc',
      '\u0000',
      b64('[]'),
      b64('[1]'),
      b64('{}'),
      b64('null'),
      b64('[1,"1",3]'),
      'x'.repeat(500),
    ]);
  }
}

/** Requests that go wrong before GraphQL: the transport's own inputs. */
function junk(rng: Rng, index: number, role: string): FuzzRequest {
  const json = { 'Content-Type': 'application/json' };
  const base = { index, role, method: 'POST', search: '', headers: json as Record<string, string> };
  const q = (text: string) => `?${new URLSearchParams({ query: text }).toString()}`;
  const cases: (() => FuzzRequest)[] = [
    () => ({ ...base, kind: 'junk: bad JSON', body: '{"query": ' }),
    () => ({ ...base, kind: 'junk: JSON null', body: 'null' }),
    () => ({ ...base, kind: 'junk: JSON array (batch)', body: '[{"query":"{ __typename }"}]' }),
    () => ({ ...base, kind: 'junk: query is a number', body: '{"query": 5}' }),
    () => ({ ...base, kind: 'junk: no query', body: '{}' }),
    () => ({
      ...base,
      kind: 'junk: variables a string',
      body: '{"query":"{ __typename }","variables":"x"}',
    }),
    () => ({
      ...base,
      kind: 'junk: variables an array',
      body: '{"query":"{ __typename }","variables":[1]}',
    }),
    () => ({
      ...base,
      kind: 'junk: operationName a number',
      body: '{"query":"{ __typename }","operationName":5}',
    }),
    () => ({
      ...base,
      kind: 'junk: extensions a string',
      body: '{"query":"{ __typename }","extensions":"x"}',
    }),
    () => ({
      ...base,
      kind: 'junk: persisted query',
      body: '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
    }),
    () => ({
      ...base,
      kind: 'junk: __proto__ in body',
      body: '{"query":"{ __typename }","__proto__":{"query":"mutation { x }"}}',
    }),
    () => ({
      ...base,
      kind: 'junk: text/plain',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"query":"{ __typename }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: no content type',
      headers: {},
      body: '{"query":"{ __typename }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: form body',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    }),
    () => ({
      ...base,
      kind: 'junk: latin1 charset',
      headers: { 'Content-Type': 'application/json; charset=latin1' },
      body: '{"query":"{ __typename }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: utf-16 charset',
      headers: { 'Content-Type': 'application/json; charset=utf-16' },
      body: '{"query":"{ __typename }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: invalid UTF-8',
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    }),
    () => ({
      ...base,
      kind: 'junk: gzip claimed',
      headers: { ...json, 'Content-Encoding': 'gzip' },
      body: '{"query":"{ __typename }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: body near the limit',
      body: JSON.stringify({
        query: 'query($s: String) { __typename }',
        variables: { s: 'x'.repeat(1_000_000) },
      }),
    }),
    () => ({
      ...base,
      kind: 'junk: body over the limit',
      body: JSON.stringify({
        query: 'query($s: String) { __typename }',
        variables: { s: 'x'.repeat(1_100_000) },
      }),
    }),
    () => ({
      ...base,
      kind: 'junk: many tokens',
      body: JSON.stringify({ query: `{ ${'__typename '.repeat(20000)}}` }),
    }),
    () => ({
      ...base,
      kind: 'junk: deep braces',
      body: JSON.stringify({ query: `${'{ a '.repeat(3000)}${'}'.repeat(3000)}` }),
    }),
    () => {
      // Nested far deeper than any input: objects or lists, in a variable.
      const depth = rng.pick([100, 1000, 100_000]);
      const [open, close] = rng.chance(0.5) ? ['{"a":', '}'] : ['[', ']'];
      const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
      const [decl, arg] = rng.pick([
        ['GridFilterInput', 'grids(filter: $v) { totalCount }'],
        ['[ID!]!', 'nodes(ids: $v) { id }'],
        [
          'JSONObject',
          'createGrid(input: { streetId: "x", code: "x", name: "x", boundary: $v }) { grid { id } }',
        ],
      ]);
      const op = arg.startsWith('create') ? 'mutation' : 'query';
      return {
        ...base,
        kind: `junk: variable nested ${depth} deep`,
        body: `{"query":"${op}($v: ${decl}) { ${arg.replace(/"/g, '\\"')} }","variables":{"v":${nested}}}`,
      };
    },
    () => ({
      ...base,
      method: 'GET',
      headers: {},
      kind: 'junk: GET mutation',
      search: q('mutation { logout { __typename } }'),
    }),
    () => ({ ...base, method: 'GET', headers: {}, kind: 'junk: GET no query', search: '' }),
    () => ({
      ...base,
      method: 'GET',
      headers: {},
      kind: 'junk: GET bad variables',
      search: `${q('query($a: Int) { __typename }')}&variables=%7Bnope`,
    }),
    () => ({
      ...base,
      method: 'GET',
      headers: {},
      kind: 'junk: GET bad percent',
      search: '?query=%E0%A4%A',
    }),
    () => ({
      ...base,
      method: 'GET',
      headers: {},
      kind: 'junk: GET repeated query',
      search: `${q('{ __typename }')}&query=x`,
    }),
    () => ({
      ...base,
      method: rng.pick(['PUT', 'DELETE', 'PATCH']),
      kind: 'junk: method',
      body: '{}',
    }),
    () => ({
      ...base,
      kind: 'junk: odd Authorization',
      headers: {
        ...json,
        Authorization: rng.pick([
          'Bearer ',
          'Bearer garbage',
          'Basic YWRtaW46YWRtaW4=',
          `Bearer ${'a'.repeat(8000)}`,
          'Bearer a.b.c',
          'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
          'ApiKey \u00ff',
        ]),
      },
      body: '{"query":"{ __typename viewer { __typename } }"}',
    }),
    () => ({
      ...base,
      kind: 'junk: Accept nothing we serve',
      headers: { ...json, Accept: 'image/png' },
      body: '{"query":"{ __typename }"}',
    }),
  ];
  return rng.pick(cases)();
}

/** Request `index` of run `seed`. */
export function fuzzRequest(world: FuzzWorld, seed: number, index: number): FuzzRequest {
  const rng = new Rng(caseSeed(seed, index));
  let role = rng.pick(world.roles);
  if (rng.chance(0.06)) return junk(rng, index, role);
  const { query, variables, operationName, roots } = new DocumentBuilder(rng, world).build();
  for (const field of roots) {
    if (world.rolesFor[field]) role = rng.pick(world.rolesFor[field]);
  }
  const accept = rng.pick(['application/graphql-response+json', 'application/json', '*/*']);
  if (rng.chance(0.06)) {
    const params = new URLSearchParams({ query });
    if (Object.keys(variables).length) params.set('variables', JSON.stringify(variables));
    if (operationName != null) params.set('operationName', operationName);
    return {
      index,
      role,
      method: 'GET',
      search: `?${params.toString()}`,
      headers: { Accept: accept },
      kind: 'GET',
    };
  }
  const body: Record<string, unknown> = { query, variables };
  if (operationName !== undefined) body.operationName = operationName;
  return {
    index,
    role,
    method: 'POST',
    search: '',
    headers: { 'Content-Type': 'application/json', Accept: accept },
    body: JSON.stringify(body),
    kind: 'POST',
  };
}

/** For reports: the object types a schema's roots reach (used to check the fuzz's coverage). */
export function rootFieldNames(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return roots
    .filter((t): t is GraphQLObjectType => Boolean(t))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
}
