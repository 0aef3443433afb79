/**
 * Round trips bounded by depth, generated from the schema: every root field, and every relation
 * below it to depth three, is read as the platform administrator with `first: 2` and then
 * `first: 8` on every connection, and must not send more SQL statements at the wide width (what
 * a query costs may follow its shape, never how many rows it returns). Run with look-ahead reads
 * on (the default) and off, so the loader path is held to the same bound as the one-statement
 * reads.
 *
 * A relation that is empty at `first: 2` (a brand without a parent among the first two) would
 * bring a lookup, and a whole subtree of fields, into play at `first: 8` only: such relations are
 * left out, so both widths resolve the same fields, over more rows at `first: 8`. The counts go
 * to N_PLUS_ONE_TABLE if it names a file.
 */
import { writeFileSync } from 'node:fs';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import request from 'supertest';
import { apiSchema, createApp, type App } from '../../src/app';
import { BUNDLED_PLUGINS } from '../../src/config';
import { PluginHost } from '../../src/host/host';
import { nodeFetchers, readModels, relations } from '../../src/modules';
import { createLogger } from '../../src/logger';
import { ADMIN_TOKEN, JWT_SECRET, startTestPlatform, type TestPlatform } from '../harness';

/** Relations followed below a root field's objects. */
const DEPTH = 3;
const NARROW = 2;
const WIDE = 8;

/**
 * Arguments for root fields that require them: rows of the demo data. Those naming generated
 * rows (a case's number, IDs) are filled in once the data is there (`beforeAll`).
 */
const ROOT_ARGS: Record<string, string> = {
  street: '(code: "621002001")',
  grid: '(code: "621002001")',
  district: '(code: "621002")',
  caseByNumber: '(number: "")',
  caseDuplicateCandidates: '(categoryId: "", gridId: "")',
  caseStats: '(period: { from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z" })',
};
/** Root fields not walked: `node` and `nodes` take global IDs (the types' own fields are walked). */
const SKIPPED_ROOTS = ['node', 'nodes'];

/** The platform as shipped: the core and the bundled plugins, whose fields are walked too. */
const schema = (() => {
  const host = PluginHost.loadSync(BUNDLED_PLUGINS, createLogger({ LOG_LEVEL: 'silent' }));
  const built = host.build(null, {
    schema: apiSchema(),
    models: readModels,
    relations,
    fetchers: nodeFetchers,
  });
  if (host.refused.length) throw new Error(host.refused.map((r) => r.reason).join('\n'));
  return built.schema;
})();

const isConnection = (t: GraphQLNamedType): t is GraphQLObjectType =>
  isObjectType(t) && Boolean(t.getFields().nodes && t.getFields().pageInfo);

const itemType = (t: GraphQLNamedType): GraphQLNamedType =>
  isConnection(t) ? getNamedType(t.getFields().nodes!.type) : t;

const hasRequiredArgs = (f: GraphQLField<unknown, unknown>) =>
  f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** Fields of `type` the walk selects: every field without required arguments. */
const walkable = (type: GraphQLObjectType) =>
  Object.values(type.getFields()).filter((f) => !hasRequiredArgs(f));

const isRelation = (f: GraphQLField<unknown, unknown>) => !isLeafType(getNamedType(f.type));

/** Objects in a response by their path of field names (list items share their list's path). */
function objectsByPath(value: unknown, path = '', out = new Map<string, number>()) {
  if (Array.isArray(value)) {
    for (const v of value) objectsByPath(v, path, out);
  } else if (value && typeof value === 'object') {
    if (path) out.set(path, (out.get(path) ?? 0) + 1);
    for (const [k, v] of Object.entries(value)) objectsByPath(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

/**
 * The selection of an object of `type` at response path `path`, `depth` relations below the
 * root's objects: every field without required arguments, relations to DEPTH (connections by a
 * page of `$n`). With `walk.reached`, relations that had no rows there are left out.
 */
function selection(
  type: GraphQLNamedType,
  depth: number,
  path: string,
  walk: Walk,
  only?: string,
): string {
  if (!isObjectType(type)) return '__typename';
  const parts: string[] = [];
  for (const f of walkable(type)) {
    if (!isRelation(f)) {
      parts.push(f.name);
      continue;
    }
    if (depth >= DEPTH || (only !== undefined && f.name !== only)) continue;
    const named = getNamedType(f.type);
    const args = f.args.some((a) => a.name === 'first') ? '(first: $n)' : '';
    const connection = isConnection(named);
    const at = connection ? `${path}.${f.name}.nodes` : `${path}.${f.name}`;
    if (walk.reached && !walk.reached.get(at)) continue;
    walk.relations.push({ field: `${type.name}.${f.name}`, parents: path });
    const inner = selection(itemType(named), depth + 1, at, walk);
    parts.push(
      connection
        ? `${f.name}${args} { totalCount pageInfo { hasNextPage } nodes { ${inner} } }`
        : `${f.name}${args} { ${inner} }`,
    );
  }
  return parts.join(' ');
}

/** A walk's input (objects by path at the narrow width) and output (the relations it asks for). */
interface Walk {
  reached?: Map<string, number>;
  /** Each relation asked for, as `Type.field`, and the response path of its parent objects. */
  relations: { field: string; parents: string }[];
}

interface Probe {
  name: string;
  root: GraphQLField<unknown, unknown>;
  /** The one relation of the root's objects this probe follows; undefined: none (leaves only). */
  relation?: string;
}

/** One operation per root field and relation of its objects, so each stays readable and cheap enough. */
function probes(): Probe[] {
  const out: Probe[] = [];
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    if (SKIPPED_ROOTS.includes(root.name)) continue;
    if (hasRequiredArgs(root) && !ROOT_ARGS[root.name])
      throw new Error(`No arguments for root field ${root.name}: add them to ROOT_ARGS`);
    const item = itemType(getNamedType(root.type));
    const relations = isObjectType(item) ? walkable(item).filter(isRelation) : [];
    if (!relations.length) out.push({ name: root.name, root });
    for (const r of relations)
      out.push({ name: `${root.name} → ${r.name}`, root, relation: r.name });
  }
  // Without a connection anywhere, a probe has no width to vary (e.g. `districts`).
  return out.filter((probe) => operationOf(probe).document.includes('$n'));
}

/** The operation of `probe`, pruned by `reached` (objects by path at the narrow width) if given. */
function operationOf(probe: Probe, reached?: Map<string, number>) {
  const { root } = probe;
  const type = getNamedType(root.type);
  const walk: Walk = { reached, relations: [] };
  const args = root.args.some((a) => a.name === 'first')
    ? '(first: $n)'
    : (ROOT_ARGS[root.name] ?? '');
  const only = probe.relation ?? '';
  const body = isConnection(type)
    ? `totalCount pageInfo { hasNextPage } nodes { ${selection(itemType(type), 0, `${root.name}.nodes`, walk, only)} }`
    : selection(type, 0, root.name, walk, only);
  const operation = `${root.name}${args} { ${body} }`;
  // A page size only where a connection is asked for.
  const document = `query Walk${operation.includes('$n') ? '($n: Int!)' : ''} { ${operation} }`;
  return { document, relations: walk.relations };
}

const PROBES = probes();

let p: TestPlatform;
let plain: App;

beforeAll(async () => {
  p = await startTestPlatform({
    seed: 'demo',
    plugins: BUNDLED_PLUGINS,
    // Wide on purpose: every relation to depth three, eight rows a level.
    env: {
      GRAPHQL_MAX_COST: '10000000',
      GRAPHQL_MAX_TOKENS: '100000',
      RATE_LIMIT_CAPACITY: '100000000',
    },
  });
  // Every plugin on in every street (the demo enables each in its own streets only): the probes
  // are about statements, and a field of a plugin that is off answers PLUGIN_DISABLED there.
  await p.db.query(
    `INSERT INTO plugin_street (plugin, street_id, enabled)
     SELECT plugin, s.id, true FROM unnest($1::text[]) plugin, street s
     ON CONFLICT (plugin, street_id) DO UPDATE SET enabled = true`,
    [['micro-wish', 'moral-bank', 'four-commons-five-joints']],
  );
  await p.app.plugins.support(p.appDb).changed();
  // The plugins' demo data has no photos of wishes, no deliberation of a case, and no points
  // from service: give every wish two photos, every case an urgent deliberation, and every
  // passbook an entry for a service record of its street.
  await p.db.query(
    `INSERT INTO plugin_micro_wish.wish_photo (street_id, wish_id, url, stage)
     SELECT street_id, id, 'https://files.example/w' || id || '-' || i || '.jpg', 'POSTED'
     FROM plugin_micro_wish.wish, generate_series(1, 2) i`,
  );
  await p.db.query(
    `INSERT INTO plugin_four_commons_five_joints.deliberation (street_id, kind, title, status, origin, case_id)
     SELECT c.street_id, 'URGENT', '急事共商 ' || c.number, 'DISCUSSING', 'CASE_ESCALATION', c.id
     FROM case_file c ON CONFLICT DO NOTHING`,
  );
  // Each passbook gets a service entry and its reversal, dated ahead (newest first, the
  // service entries before their reversals), so the first entries of a page have both.
  await p.db.query(
    `WITH e AS (
       INSERT INTO plugin_moral_bank.entry (street_id, passbook_id, person_id, kind, points,
         balance_after, service_record_id, source, recorded_at)
       SELECT pb.street_id, pb.id, pb.id, 'SERVICE', 5, pb.balance + 5, sr.id, 'probe:' || pb.id,
         now() + interval '1 day' + pb.id * interval '1 second'
       FROM plugin_moral_bank.passbook pb
       -- The street's own record if it has one (the demo's passbooks are in 南街, whose demo
       -- has few or none): the relation reads it by id.
       JOIN LATERAL (SELECT id FROM service_record ORDER BY (street_id = pb.street_id) DESC, id LIMIT 1) sr ON true
       RETURNING id, street_id, passbook_id, balance_after, recorded_at)
     INSERT INTO plugin_moral_bank.entry (street_id, passbook_id, person_id, kind, points,
       balance_after, reverses_id, recorded_at)
     SELECT street_id, passbook_id, passbook_id, 'REVERSAL', -5, balance_after - 5, id,
       recorded_at - interval '1 day'
     FROM e`,
  );
  // The demo data has no grid centres, few activities of a grid and no corrected service
  // records: give them some, so those relations are read over more rows at the wide width.
  await p.db.query(`UPDATE grid SET center_lng = 107.64, center_lat = 35.71`);
  await p.db.query(
    `INSERT INTO activity (street_id, kind, title, grid_id, starts_at)
     SELECT g.street_id, 'MEETING', g.name || '议事会 ' || i, g.id, timestamptz '2023-01-01' + g.id * interval '1 hour'
     FROM grid g, generate_series(1, 3) i WHERE g.level IN ('STREET', 'COMMUNITY')`,
  );
  await p.db.query(
    `INSERT INTO service_record (street_id, volunteer_id, recorded_by_organization_id, served_on, hours,
       people_served, post_id, activity_id, description, place, supersedes_id)
     SELECT r.street_id, r.volunteer_id, r.recorded_by_organization_id, r.served_on, r.hours + 1,
       r.people_served, r.post_id, r.activity_id, r.description || '（更正）', r.place, r.id
     FROM service_record r WHERE r.supersedes_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM service_record c WHERE c.supersedes_id = r.id)
       AND r.id % 2 = 0`,
  );
  // Accounts, sign-ins, API keys and audit entries by users and keys, several of each per page:
  // the demo has one district administrator and no sign-ins. Entries dated ahead stay first
  // in the newest-first audit log, whatever the probes read meanwhile.
  await p.db.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, district_id)
     SELECT 'x.district.' || d.code || '.' || i, d.name || '管理员' || i, 'unused', 'DISTRICT_ADMIN', d.id
     FROM district d, generate_series(1, 3) i`,
  );
  await p.db.query(
    `INSERT INTO user_session (family_id, user_id, user_agent, client_address)
     SELECT gen_random_uuid(), u.id, 'Mozilla/5.0 (probe ' || i || ')', '127.0.0.' || i
     FROM app_user u, generate_series(1, 3) i`,
  );
  await p.db.query(
    `INSERT INTO api_key (street_id, name, prefix, secret_hash, scopes)
     SELECT s.id, 'probe key ' || i, substr(md5(s.code || i), 1, 12), 'unused', '{grid:read}'
     FROM street s, generate_series(1, 2) i`,
  );
  await p.db.query(
    `INSERT INTO audit_log (street_id, action, subject_type, subject_id, actor_kind, actor_id,
       actor_role, client_address, occurred_at)
     SELECT u.street_id, 'user.updated', 'User', u.id::text, 'user', u.id::text, u.role, '127.0.0.1',
       now() + interval '1 day' - 2 * (row_number() OVER (ORDER BY u.id)) * interval '1 second'
     FROM app_user u
     UNION ALL
     SELECT k.street_id, 'grid.updated', 'Grid', g.id::text, 'api-key', k.id::text, 'INTEGRATION',
       '127.0.0.2',
       now() + interval '1 day' - (2 * (row_number() OVER (ORDER BY k.id)) + 1) * interval '1 second'
     FROM api_key k JOIN LATERAL (SELECT id FROM grid WHERE street_id = k.street_id LIMIT 1) g ON true`,
  );
  // Webhooks: two endpoints a street, each with deliveries of the street's case events (and a
  // redelivery of each, newest first in the log), each delivery with two attempts.
  await p.db.query(
    `INSERT INTO webhook_endpoint (street_id, url, event_types, secret)
     SELECT s.id, 'https://hooks.example/' || s.code || '/' || i, '{case.*}', 'whsec_probe' || i
     FROM street s, generate_series(1, 2) i`,
  );
  await p.db.query(
    `INSERT INTO webhook_delivery (street_id, endpoint_id, event_id, event_tx_id, event_type, status, attempt_count)
     SELECT w.street_id, w.id, e.id, e.tx_id::text::bigint, e.type, 'DELIVERED', 2
     FROM webhook_endpoint w
     JOIN LATERAL (SELECT id, tx_id, type FROM domain_event
                   WHERE street_id = w.street_id AND type LIKE 'case.%' ORDER BY id LIMIT 10) e ON true`,
  );
  await p.db.query(
    `INSERT INTO webhook_delivery (street_id, endpoint_id, event_id, event_tx_id, event_type, status,
       attempt_count, redelivery_of_id)
     SELECT street_id, endpoint_id, event_id, event_tx_id, event_type, 'DELIVERED', 2, id
     FROM webhook_delivery ORDER BY id`,
  );
  await p.db.query(
    `INSERT INTO webhook_delivery_attempt (delivery_id, number, street_id, started_at, duration_ms,
       status_code, error)
     SELECT d.id, n, d.street_id, now(), 10 * n, CASE n WHEN 1 THEN 500 ELSE 200 END,
       CASE n WHEN 1 THEN 'HTTP 500: the receiver answered with an error status.' END
     FROM webhook_delivery d, generate_series(1, 2) n`,
  );
  // Cases: the demo leaves attachments, places, owners, pending postponements, merged
  // duplicates and streets' own categories rare; give every case and entry some, and put the
  // open cases of a category and grid near each other in time, so they are each other's
  // duplicate candidates.
  const file = `{"url": "https://files.example/p.jpg", "type": "image/jpeg", "size": 1024, "checksum": "sha256:${'0'.repeat(64)}"}`;
  await p.db.query(
    `UPDATE case_file c SET attachments = $1::jsonb, latitude = 35.71, longitude = 107.64,
       owner_user_id = (SELECT u.id FROM app_user u WHERE u.street_id = c.street_id ORDER BY u.id LIMIT 1),
       pending_postponement = jsonb_build_object('departmentId', (SELECT o.id::text FROM organization o
         WHERE o.street_id = c.street_id AND o.kind = 'DEPARTMENT' ORDER BY o.id LIMIT 1),
         'minutes', 60, 'reason', '测试', 'requestedAt', '2026-01-01T00:00:00.000Z'),
       merged_into_id = (SELECT m.id FROM case_file m WHERE m.street_id = c.street_id AND m.id <> c.id ORDER BY m.id LIMIT 1),
       reported_at = now() - (c.id % 3) * interval '1 day'`,
    [`[${file}]`],
  );
  await p.db.query(
    `UPDATE case_timeline t SET attachments = $1::jsonb,
       department_id = (SELECT o.id FROM organization o WHERE o.street_id = t.street_id AND o.kind = 'DEPARTMENT' ORDER BY o.id LIMIT 1)`,
    [`[${file}]`],
  );
  await p.db.query(
    `INSERT INTO case_category (street_id, parent_id, code, name, service_code)
     SELECT s.id, (SELECT id FROM case_category WHERE street_id IS NULL AND code = '01'), '0100',
       s.name || '楼道堆物', 'street.' || s.code
     FROM street s`,
  );
  // Root fields that name demo rows: the case with the longest timeline, and its category and grid.
  const [c] = await p.db.query<{ number: string; categoryId: string; gridId: string }>(
    `SELECT c.number, c.category_id::text AS "categoryId", c.grid_id::text AS "gridId"
     FROM case_file c ORDER BY (SELECT count(*) FROM case_timeline t WHERE t.case_id = c.id) DESC, c.id LIMIT 1`,
  );
  const id = (type: string, row: string) => Buffer.from(`${type}:${row}`).toString('base64url');
  ROOT_ARGS.caseByNumber = `(number: "${c!.number}")`;
  ROOT_ARGS.caseDuplicateCandidates = `(categoryId: "${id('CaseCategory', c!.categoryId)}", gridId: "${id('Grid', c!.gridId)}")`;
  const now = Date.now();
  ROOT_ARGS.caseStats = `(period: { from: "${new Date(now - 300 * 86_400_000).toISOString()}", to: "${new Date(now + 86_400_000).toISOString()}" })`;
  // The same server without look-ahead reads, on the same database.
  const silent = createLogger({ LOG_LEVEL: 'silent' });
  plain = await createApp({
    config: { ...p.config, GRAPHQL_LOOKAHEAD: false },
    db: p.appDb,
    logger: silent,
    adminToken: ADMIN_TOKEN,
    jwtSecret: JWT_SECRET,
    plugins: await PluginHost.load(BUNDLED_PLUGINS, silent),
  });
  // Whatever a first request sets up (the admin's session) is not a probe's.
  for (const app of [p.app, plain]) await measure(app, '{ __typename }', NARROW, 'warm-up');
}, 120_000);
afterAll(async () => {
  await plain?.stop();
  await p?.stop();
});

async function measure(app: App, document: string, n: number, what: string) {
  const { result, statements } = await p.countStatements(() =>
    request(app.http)
      .post('/graphql')
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ query: document, variables: { n } }),
  );
  if (result.status !== 200 || result.body.errors) {
    throw new Error(`${what}: HTTP ${result.status} ${JSON.stringify(result.body.errors)}`);
  }
  // Setting the street scope is skipped when the pooled connection has it: not the query's.
  const sent = statements.filter((s) => !s.startsWith('set_config'));
  return { objects: objectsByPath(result.body.data), statements: sent };
}

/**
 * A batch of a loader: one statement for many keys (ids of parents, people, grids …), or the
 * audit log's batch of full reads of personal data (one insert per wave of people read).
 */
const KEYED = /= ANY\(\$1::bigint\[\]\)|unnest\(\$1::bigint\[\]|jsonb_to_recordset\(\$1::jsonb\)/;

/**
 * Statements sent more often at the wide width than at the narrow one, with how often. A request
 * remembers what its loaders read, and a batch whose keys were all read before, earlier in the
 * request, costs nothing; that happens more at the narrow width (fewer rows, met again further
 * down), so a loader's batch that ran there may run once more at the wide width. Nothing else may.
 */
function excess(narrow: string[], wide: string[]): string[] {
  const tally = (list: string[]) => {
    const m = new Map<string, number>();
    for (const s of list) {
      const key = s.replace(/\s+/g, ' ');
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    return m;
  };
  const before = tally(narrow);
  return [...tally(wide)]
    .filter(([k, v]) => {
      const n = before.get(k) ?? 0;
      return v > n + (n > 0 && KEYED.test(k) ? 1 : 0);
    })
    .map(([k, v]) => `${before.get(k) ?? 0} → ${v}: ${k.slice(0, 300)}`);
}

/** Mode, probe, statements at the narrow and at the wide width: for N_PLUS_ONE_TABLE. */
const table: string[] = [];
afterAll(() => {
  if (process.env.N_PLUS_ONE_TABLE) writeFileSync(process.env.N_PLUS_ONE_TABLE, table.join('\n'));
});

/** Each probe's operation pruned to the relations with rows at the narrow width, once per file. */
const prunedOperations = new Map<string, ReturnType<typeof operationOf>>();

async function pruned(app: App, probe: Probe) {
  let found = prunedOperations.get(probe.name);
  if (!found) {
    const full = await measure(app, operationOf(probe).document, NARROW, probe.name);
    found = operationOf(probe, full.objects);
    prunedOperations.set(probe.name, found);
  }
  return found;
}

describe.each([
  ['look-ahead reads', () => p.app],
  ['loaders only', () => plain],
])('%s: statements do not grow with width', (mode, app) => {
  /** Relations (`Type.field`) by how many more parent objects they had at the wide width. */
  const widened = new Map<string, number>();

  it.each(PROBES.map((probe) => [probe.name, probe] as const))('%s', async (name, probe) => {
    const { document, relations } = await pruned(app(), probe);
    const narrow = await measure(app(), document, NARROW, name);
    const wide = await measure(app(), document, WIDE, name);
    for (const r of relations) {
      const more = (wide.objects.get(r.parents) ?? 0) - (narrow.objects.get(r.parents) ?? 0);
      widened.set(r.field, Math.max(widened.get(r.field) ?? 0, more));
    }
    table.push([mode, name, narrow.statements.length, wide.statements.length].join('\t'));
    expect(excess(narrow.statements, wide.statements)).toEqual([]);
  });

  it('read every relation over more rows at the wide width (or the probes could not fail)', () => {
    // Relations only below an unpaged root (`viewer`, `apiKeys`) have no width to vary.
    const walked = new Set(
      PROBES.flatMap((probe) =>
        operationOf(probe)
          .relations.filter((r) => r.parents.includes('.nodes'))
          .map((r) => r.field),
      ),
    );
    const narrowOnly = [...walked].filter((field) => (widened.get(field) ?? 0) < 2);
    expect(narrowOnly).toEqual([]);
  });
});
