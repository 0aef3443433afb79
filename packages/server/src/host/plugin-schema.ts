import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { LoadedPlugin } from './plugin';

/**
 * A plugin's place in PostgreSQL: a schema of its own, owned by a role of its own that runs its
 * migrations, and a second role its SQL runs as at request time, which can reach that schema and
 * nothing else of the platform's. Every table carries its street, and row-level security is put
 * on it here, by the host, after every migration: a plugin cannot forget it.
 */

/** The role the server's requests run as (db migrations 002). */
const APP_ROLE = 'lianxin_app';

/** Core tables a plugin's tables may point at (foreign keys need REFERENCES, nothing more). */
const REFERABLE = [
  'street',
  'grid',
  'person',
  'organization',
  'case_file',
  'volunteer',
  'app_user',
];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The visibility rule of every tenant table (the core's, db migrations 002). */
const VISIBLE = `((SELECT lianxin_all_streets()) OR street_id = ANY ((SELECT lianxin_street_ids())::bigint[]))`;

export const checksumOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

async function ensureRole(client: PoolClient, role: string): Promise<void> {
  // Roles belong to the cluster: another database (or a racing instance) may have made it.
  await client.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
        CREATE ROLE ${quote(role)} NOLOGIN NOBYPASSRLS NOINHERIT;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await client.query(`GRANT ${quote(role)} TO CURRENT_USER`);
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies the plugin's pending migrations, as its owner role, in one transaction with the
 * bookkeeping and the securing of its tables: all of it, or none. Run as the database's owner
 * login (the one that runs the core's migrations).
 */
export async function migratePlugin(
  client: PoolClient,
  plugin: LoadedPlugin,
): Promise<MigrationReport> {
  const { schema, role, ownerRole } = plugin;
  await client.query('BEGIN');
  try {
    // One migrator at a time across instances.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('lianxin.plugin_migrations'))`);
    await ensureRole(client, role);
    await ensureRole(client, ownerRole);
    await client.query(
      `CREATE SCHEMA IF NOT EXISTS ${quote(schema)} AUTHORIZATION ${quote(ownerRole)}`,
    );
    await client.query(`REVOKE ALL ON SCHEMA ${quote(schema)} FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA ${quote(schema)} TO ${quote(role)}, ${APP_ROLE}`);
    await client.query(
      `GRANT REFERENCES ON ${REFERABLE.map((t) => `public.${t}`).join(', ')} TO ${quote(ownerRole)}`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM plugin_migration WHERE plugin = $1`,
      [plugin.manifest.name],
    );
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    const applied: string[] = [];
    for (const migration of plugin.spec.migrations ?? []) {
      if (done.has(migration.name)) continue;
      await client.query(`SET LOCAL ROLE ${quote(ownerRole)}`);
      await client.query(`SET LOCAL search_path = ${quote(schema)}, public`);
      try {
        await client.query(migration.up);
      } catch (error) {
        throw new Error(
          `Plugin "${plugin.manifest.name}": migration ${migration.name} failed: ${(error as Error).message}`,
        );
      }
      await client.query('RESET ROLE');
      await client.query('RESET search_path');
      await client.query(
        `INSERT INTO plugin_migration (plugin, name, checksum) VALUES ($1, $2, $3)`,
        [plugin.manifest.name, migration.name, checksumOf(migration.up)],
      );
      applied.push(migration.name);
    }
    await secureTables(client, plugin);
    await client.query('COMMIT');
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

interface TableFacts {
  name: string;
  rls: boolean;
  forced: boolean;
  policy: boolean;
  streetColumn: string | null;
}

async function tablesOf(client: PoolClient, schema: string): Promise<TableFacts[]> {
  const { rows } = await client.query<TableFacts>(
    `SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policy,
       (SELECT format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
          FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'street_id' AND NOT a.attisdropped) AS "streetColumn"
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [schema],
  );
  return rows;
}

/**
 * Puts row-level security and the grants on every table of the plugin's schema. A table
 * without its street is refused (the migration rolls back): every plugin row belongs to one.
 */
async function secureTables(client: PoolClient, plugin: LoadedPlugin): Promise<void> {
  const { schema, role } = plugin;
  const appendOnly = new Set(plugin.spec.appendOnly ?? []);
  for (const table of await tablesOf(client, schema)) {
    const name = `${quote(schema)}.${quote(table.name)}`;
    if (table.streetColumn !== 'bigint not null') {
      throw new Error(
        `Plugin "${plugin.manifest.name}": table ${table.name} needs a column street_id bigint NOT NULL REFERENCES public.street (id); every plugin row belongs to a street`,
      );
    }
    await client.query(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`);
    await client.query(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`);
    if (!table.policy) {
      await client.query(
        `CREATE POLICY tenant_isolation ON ${name} USING ${VISIBLE} WITH CHECK ${VISIBLE}`,
      );
    }
    await client.query(`REVOKE ALL ON ${name} FROM ${quote(role)}, ${APP_ROLE}`);
    const rights = appendOnly.has(table.name) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
    await client.query(`GRANT ${rights} ON ${name} TO ${quote(role)}`);
    await client.query(`GRANT SELECT ON ${name} TO ${APP_ROLE}`);
  }
  await client.query(
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quote(schema)} TO ${quote(role)}`,
  );
  // Residents read the rows of `person` read models by this column (the pluginPerson area).
  for (const [type, model] of Object.entries(plugin.spec.graphql?.readModels ?? {})) {
    if (model.readableBy !== 'person') continue;
    const { rows } = await client.query(
      `SELECT 1 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = $2 AND a.attname = 'person_id'
         AND a.atttypid = 'bigint'::regtype AND NOT a.attisdropped`,
      [schema, model.table],
    );
    if (!rows.length) {
      throw new Error(
        `Plugin "${plugin.manifest.name}": read model ${type} is readable by its person, so table ${model.table} needs a column person_id bigint`,
      );
    }
  }
}

/** One difference between a plugin's code and its database, for `lianxin plugin check`. */
export interface Drift {
  plugin: string;
  kind: 'PENDING' | 'CHANGED' | 'UNKNOWN' | 'UNSECURED';
  what: string;
}

/** How the plugin's migrations and tables in the database differ from its code. */
export async function driftOf(client: PoolClient, plugin: LoadedPlugin): Promise<Drift[]> {
  const name = plugin.manifest.name;
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM plugin_migration WHERE plugin = $1 ORDER BY applied_at, name`,
    [name],
  );
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  const drift: Drift[] = [];
  const inCode = new Set<string>();
  for (const m of plugin.spec.migrations ?? []) {
    inCode.add(m.name);
    const checksum = applied.get(m.name);
    if (checksum === undefined)
      drift.push({ plugin: name, kind: 'PENDING', what: `migration ${m.name} is not applied` });
    else if (checksum !== checksumOf(m.up)) {
      drift.push({
        plugin: name,
        kind: 'CHANGED',
        what: `migration ${m.name} was changed after it was applied`,
      });
    }
  }
  for (const m of applied.keys()) {
    if (!inCode.has(m))
      drift.push({
        plugin: name,
        kind: 'UNKNOWN',
        what: `migration ${m} is applied but not in the plugin`,
      });
  }
  for (const t of await tablesOf(client, plugin.schema)) {
    const missing = [
      !t.rls && 'row-level security is off',
      !t.forced && 'row-level security is not forced',
      !t.policy && 'the street policy is missing',
      t.streetColumn !== 'bigint not null' && 'street_id bigint NOT NULL is missing',
    ].filter(Boolean);
    if (missing.length)
      drift.push({
        plugin: name,
        kind: 'UNSECURED',
        what: `table ${t.name}: ${missing.join(', ')}`,
      });
  }
  return drift;
}
