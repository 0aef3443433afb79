/**
 * A plugin's SQL runs as its own PostgreSQL role, scoped to the caller's streets: PostgreSQL
 * itself keeps it to its own street's rows (row-level security), out of the core's tables and
 * other plugins' schemas, and the host refuses statements that would leave its role or scope
 * (SET ROLE, set_config, several statements, DDL). The test plugin runs what the test sends and
 * answers the rows or the refusal.
 */
import { definePlugin, type PluginContext } from '@lianxin/sdk';
import { createTestPlatform, type TestCaller, type TestPlatform } from '@lianxin/sdk/testing';
import { CHENGBEI, manifest, NANJIE, streetRowId, streetTable } from './helpers';

/** Runs the statement as the plugin: its rows, or the error it got. */
async function run(args: Record<string, unknown>, ctx: PluginContext) {
  try {
    const rows = await ctx.db.query(args.sql as string, (args.params as string[]) ?? []);
    return { rows: rows.map((r) => JSON.stringify(r)), error: null };
  } catch (error) {
    return { rows: null, error: (error as Error).message };
  }
}

const isoA = definePlugin({
  manifest: manifest('iso-a'),
  migrations: [{ name: '001-notes', up: streetTable('note', 'body text NOT NULL') }],
  graphql: {
    typeDefs: `
      """What a statement run as the plugin gave."""
      type IsoOutcome {
        """Its rows, as JSON."""
        rows: [String!]
        """Its refusal, if it was refused."""
        error: String
      }
      extend type Query {
        """Runs a statement as the plugin, outside a transaction."""
        isoQuery(
          """The statement."""
          sql: String!
          """Its parameters."""
          params: [String!]
        ): IsoOutcome
      }
      extend type Mutation {
        """Runs a statement as the plugin, in the mutation's transaction."""
        isoExec(
          """The statement."""
          sql: String!
          """Its parameters."""
          params: [String!]
        ): IsoOutcome
      }`,
    resolvers: {
      Query: { isoQuery: (_, args, ctx) => run(args, ctx) },
      Mutation: { isoExec: (_, args, ctx) => run(args, ctx) },
    },
  },
});

const isoB = definePlugin({
  manifest: manifest('iso-b'),
  migrations: [{ name: '001-secrets', up: streetTable('secret', 'body text NOT NULL') }],
});

let platform: TestPlatform;
let admin: TestCaller;
let A: string;
let B: string;

beforeAll(async () => {
  platform = await createTestPlatform({ plugins: [isoA, isoB] });
  // On in both streets: what keeps a street's rows from the other is PostgreSQL, not enablement.
  await platform.enable('iso-a', NANJIE);
  await platform.enable('iso-a', CHENGBEI);
  await platform.enable('iso-b', NANJIE);
  A = streetRowId(platform, NANJIE);
  B = streetRowId(platform, CHENGBEI);
  await platform.sql(
    `INSERT INTO plugin_iso_a.note (street_id, body) VALUES ($1, 'a1'), ($1, 'a2'), ($2, 'b1')`,
    [A, B],
  );
  await platform.sql(`INSERT INTO plugin_iso_b.secret (street_id, body) VALUES ($1, 'b-secret')`, [
    A,
  ]);
  admin = await platform.as('STREET_ADMIN', NANJIE);
});
afterAll(() => platform?.stop());

const QUERY = `query ($sql: String!, $params: [String!]) { isoQuery(sql: $sql, params: $params) { rows error } }`;
const EXEC = `mutation ($sql: String!, $params: [String!]) { isoExec(sql: $sql, params: $params) { rows error } }`;

async function query(sql: string, params?: string[]) {
  return (await admin.data<any>(QUERY, { sql, params })).isoQuery as {
    rows: string[] | null;
    error: string | null;
  };
}
async function exec(sql: string, params?: string[]) {
  return (await admin.data<any>(EXEC, { sql, params })).isoExec as {
    rows: string[] | null;
    error: string | null;
  };
}

describe("a plugin's SQL", () => {
  it("sees only its caller's street's rows of its own table", async () => {
    const all = await platform.sql(`SELECT body FROM plugin_iso_a.note ORDER BY body`);
    expect(all.map((r) => r.body)).toEqual(['a1', 'a2', 'b1']);
    const seen = await query(`SELECT body, street_id::text AS street FROM note ORDER BY body`);
    expect(seen.error).toBeNull();
    expect(seen.rows!.map((r) => JSON.parse(r))).toEqual([
      { body: 'a1', street: A },
      { body: 'a2', street: A },
    ]);
    // Comments before a statement are fine (the checks look past them).
    const commented = await query(
      `/* the notes */ -- all of them\nSELECT count(*)::int AS n FROM note`,
    );
    expect(commented).toEqual({ rows: [JSON.stringify({ n: 2 })], error: null });
    // Even by name, the other street's rows are not there.
    expect((await query(`SELECT body FROM note WHERE street_id = $1`, [B])).rows).toEqual([]);
  });

  it("cannot change or delete another street's rows", async () => {
    const updated = await exec(`UPDATE note SET body = 'taken' WHERE street_id = $1 RETURNING id`, [
      B,
    ]);
    expect(updated).toEqual({ rows: [], error: null });
    const deleted = await exec(`DELETE FROM note WHERE street_id = $1 RETURNING id`, [B]);
    expect(deleted).toEqual({ rows: [], error: null });
    const left = await platform.sql(`SELECT body FROM plugin_iso_a.note WHERE street_id = $1`, [B]);
    expect(left).toEqual([{ body: 'b1' }]);
  });

  it('inserts in its own street, and is refused by PostgreSQL for another street', async () => {
    const own = await exec(
      `INSERT INTO note (street_id, body) VALUES ($1, 'mine') RETURNING body`,
      [A],
    );
    expect(own).toEqual({ rows: [JSON.stringify({ body: 'mine' })], error: null });
    const other = await exec(
      `INSERT INTO note (street_id, body) VALUES ($1, 'smuggled') RETURNING body`,
      [B],
    );
    expect(other.rows).toBeNull();
    expect(other.error).toMatch(/^Plugin "iso-a": new row violates row-level security policy/);
    const smuggled = await platform.sql(`SELECT 1 FROM plugin_iso_a.note WHERE body = 'smuggled'`);
    expect(smuggled).toEqual([]);
  });

  it("cannot read the core's tables", async () => {
    for (const table of ['public.grid', 'grid', 'public.app_user', 'public.plugin_street']) {
      const res = await query(`SELECT * FROM ${table}`);
      expect(res.rows).toBeNull();
      expect(res.error).toMatch(/permission denied for table (grid|app_user|plugin_street)/);
    }
  });

  it("cannot read another plugin's table", async () => {
    const res = await query(`SELECT * FROM plugin_iso_b.secret`);
    expect(res).toEqual({
      rows: null,
      error: 'Plugin "iso-a": permission denied for schema plugin_iso_b',
    });
  });

  it.each([
    ['SET ROLE', `SET ROLE lianxin_app`, /may not use SQL other than SELECT/],
    ['SET LOCAL', `SET LOCAL lianxin.street_ids = '*'`, /may not use SQL other than SELECT/],
    ['RESET', `RESET ROLE`, /may not use SQL other than SELECT/],
    ['set_config', `SELECT set_config('lianxin.street_ids', '*', true)`, /may not use set_config/],
    [
      'set_config, qualified',
      `SELECT pg_catalog.set_config('role', 'lianxin_app', true)`,
      /may not use set_config/,
    ],
    [
      'several statements',
      `SELECT 1; SELECT body FROM note`,
      /cannot insert multiple commands into a prepared statement/,
    ],
    ['DDL: CREATE', `CREATE TABLE extra (id int)`, /may not use SQL other than SELECT/],
    ['DDL: DROP', `DROP TABLE note`, /may not use SQL other than SELECT/],
    ['DDL: ALTER', `ALTER TABLE note DISABLE ROW LEVEL SECURITY`, /may not use SQL other than/],
    ['a DO block', `DO $$ BEGIN PERFORM 1; END $$`, /may not use SQL other than SELECT/],
    [
      'SET behind a comment',
      `/* widen */ SET lianxin.street_ids = '*'`,
      /may not use SQL other than SELECT/,
    ],
    [
      'SET behind a line comment',
      `-- widen\nSET statement_timeout = 0`,
      /may not use SQL other than SELECT/,
    ],
    [
      'set_config, quoted',
      `SELECT "set_config"('lianxin.street_ids', '*', true)`,
      /may not use set_config/,
    ],
  ])('is refused with a clear message: %s', async (_, sql, message) => {
    const res = await exec(sql);
    expect(res.rows).toBeNull();
    expect(res.error).toMatch(/^Plugin "iso-a": /);
    expect(res.error).toMatch(message);
  });

  it('stays in its role and street afterwards', async () => {
    const who = await query(
      `SELECT current_user AS role, current_setting('lianxin.street_ids') AS streets`,
    );
    expect(who.rows!.map((r) => JSON.parse(r))).toEqual([
      { role: 'lianxin_plugin_iso_a', streets: A },
    ]);
    const seen = await query(`SELECT DISTINCT street_id::text AS street FROM note`);
    expect(seen.rows!.map((r) => JSON.parse(r))).toEqual([{ street: A }]);
  });
});
