#!/usr/bin/env node
// PostGraphile v5 (amber preset, grafserv on node:http) over the benchmark database, for
// bench/nested-queries.mjs. Production settings: no GraphiQL, no explain, no watch mode; the
// schema is built before the port opens, so GET /readyz answers 200 as soon as it listens.
//
//   npm ci --prefix bench/postgraphile
//   DATABASE_URL=postgres://…/lianxin_bench PORT=5678 node bench/postgraphile/server.mjs
//
// Environment: DATABASE_URL, PORT, HOST (127.0.0.1), POOL_SIZE (10, as Lianxin's DB_POOL_SIZE),
// PGL_ROLE (lianxin_app; empty: stay the connecting user, which as a superuser bypasses row-level
// security), PGL_STREETS (the `lianxin.street_ids` the policies read; `*` = every street, as
// Lianxin's platform administrator), PGL_GENERIC_PLANS (1: plan_cache_mode=force_generic_plan, the
// session setting Lianxin's connections carry; 0: PostgreSQL's default), PGL_OUTPUT_AS_STRING
// (1: grafserv's outputDataAsString; 0: off, grafserv's default).
import http from 'node:http';
import { fileURLToPath } from 'node:url';

// PostGraphile 5.x declares Node >= 22 and calls Promise.withResolvers() (Node 22+) on its query
// path. On Node 20 that throws inside @dataplan/pg's executor, the error is swallowed, every
// collection comes back undefined and ConnectionStep fails with "Cannot read properties of
// undefined (reading 'items')". It is the only Node 21+ API found in grafast, grafserv,
// @dataplan/*, graphile-* and pg-sql2 (searched for it, Set methods, Object/Map.groupBy,
// Array.fromAsync and iterator helpers), so the standard definition lets PostGraphile run on the
// Node that runs Lianxin; nested-queries.mjs checks its answers. On Node 22 this does nothing. It
// must be in place before the packages load, hence the dynamic imports.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
// Grafast's production mode (no development-only checks), and no notice about it on every start.
process.env.GRAPHILE_ENV ??= 'production';

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { addPgTableCondition, addPgTableOrderBy, makePgSmartTagsFromFilePlugin, orderByAscDesc } =
  await import('postgraphile/utils');
const { TYPES, domainOfCodec } = await import('postgraphile/@dataplan/pg');
const { sql } = await import('postgraphile/pg-sql2');

const env = process.env;
const role = env.PGL_ROLE ?? 'lianxin_app';
const streets = env.PGL_STREETS ?? '*';

/**
 * `ROLE_RANK_ASC`/`_DESC` on a table's `orderBy`: Lianxin lists grid staff, organization members
 * and activity participants by role rank (the order of `roles`), then id; PostGraphile's ROLE_ASC
 * would sort by name. The same array_position() expression Lianxin's SQL uses.
 */
function roleRankOrder(tableName, roles) {
  const ranks = sql.literal(`{${roles.join(',')}}`);
  return addPgTableOrderBy({ schemaName: 'public', tableName }, () =>
    orderByAscDesc('ROLE_RANK', (queryBuilder) => ({
      fragment: sql`array_position(${ranks}::text[], ${queryBuilder.alias}.role)`,
      codec: TYPES.int,
    })),
  );
}

/**
 * `PERSON_NAME_ASC`/`_DESC` on volunteer_team_member's `orderBy`: Lianxin lists a team's members
 * by the volunteer's person's name, then volunteer id; the join table has neither column.
 */
const memberNameOrder = addPgTableOrderBy(
  { schemaName: 'public', tableName: 'volunteer_team_member' },
  () =>
    orderByAscDesc('PERSON_NAME', (queryBuilder) => ({
      fragment: sql`(SELECT p.name FROM volunteer v JOIN person p ON p.id = v.person_id WHERE v.id = ${queryBuilder.alias}.volunteer_id)`,
      codec: TYPES.text,
    })),
);

/**
 * The cases page's filter (issue 17), as conditions on case_file: `statusIn` (any of these
 * statuses) and `notOverdue` (Lianxin's `overdue: false`: not an open case whose clock runs past
 * its due time; the same expression as Lianxin's SQL). Amber's conditions are equalities only.
 */
const caseStatusIn = addPgTableCondition(
  { schemaName: 'public', tableName: 'case_file' },
  'statusIn',
  (build) => ({
    type: new build.graphql.GraphQLList(
      new build.graphql.GraphQLNonNull(build.graphql.GraphQLString),
    ),
  }),
  (value, { sql, sqlTableAlias }) =>
    value == null
      ? null
      : sql`${sqlTableAlias}.status = ANY(string_to_array(${sql.value(value.join(','))}, ','))`,
);
const caseNotOverdue = addPgTableCondition(
  { schemaName: 'public', tableName: 'case_file' },
  'notOverdue',
  (build) => ({ type: build.graphql.GraphQLBoolean }),
  (value, { sql, sqlTableAlias }) =>
    value == null
      ? null
      : sql`${value ? sql`NOT` : sql``} (${sqlTableAlias}.status IN ('REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','VERIFYING') AND ${sqlTableAlias}.due_at < now())`,
);

/**
 * domain_event.tx_id is an xid8, for which @dataplan/pg has no codec: every schema build printed a
 * page-long warning into the benchmark's output. A codec for it (a domain over bigint, whose text
 * form it shares) keeps the start quiet; the column is not part of any benchmark query.
 */
const Xid8CodecPlugin = {
  name: 'BenchXid8CodecPlugin',
  version: '0.0.0',
  gather: {
    hooks: {
      pgCodecs_findPgCodec(_info, event) {
        if (event.pgCodec || event.pgType.typname !== 'xid8') return;
        if (event.pgType.getNamespace()?.nspname !== 'pg_catalog') return;
        event.pgCodec = domainOfCodec(TYPES.bigint, 'xid8', sql.identifier('pg_catalog', 'xid8'), {
          extensions: { oid: event.pgType._id },
        });
      },
    },
  },
};

// Session settings every pooled connection starts with, as Lianxin's (packages/server/src/db):
// the application role, so the same row-level security policies run for both servers, and the
// street scope of a platform administrator. PostGraphile's usual per-request `pgSettings` would
// wrap every statement in BEGIN/set_config/COMMIT; Lianxin keeps the scope on the connection.
const options = ['-c TimeZone=UTC'];
if (role) options.push(`-c role=${role}`, `-c lianxin.street_ids=${streets}`);
if (env.PGL_GENERIC_PLANS !== '0') options.push('-c plan_cache_mode=force_generic_plan');

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [
    makePgSmartTagsFromFilePlugin(
      fileURLToPath(new URL('./postgraphile.tags.json5', import.meta.url)),
    ),
    roleRankOrder('grid_assignment', [
      'INSTRUCTOR',
      'LEADER',
      'MEMBER',
      'ASSISTANT',
      'BUILDING_LEAD',
    ]),
    roleRankOrder('organization_member', [
      'SECRETARY',
      'DEPUTY_SECRETARY',
      'COMMITTEE_MEMBER',
      'DIRECTOR',
      'DEPUTY_DIRECTOR',
      'STAFF',
      'MEMBER',
      'LIAISON',
    ]),
    roleRankOrder('activity_participant', ['ORGANIZER', 'SPEAKER', 'VOLUNTEER', 'PARTICIPANT']),
    memberNameOrder,
    caseStatusIn,
    caseNotOverdue,
    Xid8CodecPlugin,
  ],
  // PgIndexBehaviorsPlugin hides a backward relation unless one index covers all of its foreign
  // key's columns, and drops condition/orderBy on unindexed columns. Lianxin's foreign keys are
  // composite, (street_id, x) → (street_id, id), to keep every row in its street, while the
  // indexes lead with x alone (grid_parent_idx, brand_owner_idx, …) or are partial (active grid
  // assignments, which the plugin ignores): PostgreSQL serves these relations from them, but the
  // plugin would hide every relation the benchmark follows and the archived_at/ended_on
  // conditions. Disabling it is the documented switch (PostGraphile "best practices").
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: {
        max: Number(env.POOL_SIZE ?? 10),
        options: options.join(' '),
        // How bench/nested-queries.mjs finds this server's backends (Lianxin's: `lianxin`).
        application_name: 'postgraphile-bench',
        // Each backend keeps its heap, as Lianxin's do (packages/server/src/db/database.ts,
        // KEEP_HEAP): all targets alike (BENCH_KEEP_HEAP=0 turns it off here).
        ...(env.BENCH_KEEP_HEAP !== '0'
          ? { onConnect: (client) => client.query(`SELECT length(repeat('x', 8388608))`) }
          : {}),
      },
      pubsub: false, // no subscriptions here: no LISTEN connection
    }),
  ],
  grafserv: {
    graphiql: false,
    watch: false,
    websockets: false,
    graphqlOverGET: false,
    // Grafast's 'string' optimization: parts of the result come out of execution already
    // serialized and grafserv sends them as they are. Off by default in grafserv; on here, as a
    // tuned production server would have it (PGL_OUTPUT_AS_STRING=0 to compare).
    outputDataAsString: env.PGL_OUTPUT_AS_STRING !== '0',
  },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
await pgl.getSchemaResult(); // build the schema (introspection) before answering anything
const serv = pgl.createServ(grafserv);
// createHandler (not addTo): a plain request handler that hands other paths to `next`, where
// /readyz is answered; addTo would answer those with its own 404. No websockets are needed.
const handle = serv.createHandler();
const server = http.createServer((req, res) =>
  handle(req, res, (error) => {
    if (error) console.error(error);
    const status = error ? 500 : req.url === '/readyz' ? 200 : 404;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(http.STATUS_CODES[status]);
  }),
);
server.listen(Number(env.PORT ?? 5678), env.HOST ?? '127.0.0.1');

const stop = () => server.close(() => pgl.release().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
