/**
 * Plugins the host refuses when it loads them — for the platform version they ask for, their
 * manifest, a module that throws, a migration that fails, SDL that collides with the core or
 * with another plugin, non-null fields on core types — are each left out with a reason that
 * names them, and the server serves the core and the plugins it took.
 */
import path from 'node:path';
import { definePlugin } from '@lianxin/sdk';
import { createTestPlatform, type TestPlatform } from '@lianxin/sdk/testing';
import { PLATFORM_VERSION } from '../../src/host/plugin';
import { coreAnswers, manifest, NANJIE, streetTable } from './helpers';

const THROWS = path.join(__dirname, 'fixtures', 'throws-on-require.ts');
const MISSING = 'lianxin-plugin-that-is-not-installed';

/** Taken: a field on Grid, which `load-twin` asks for too. */
const ok = definePlugin({
  manifest: manifest('load-ok'),
  graphql: {
    typeDefs: `extend type Grid {
      """A note on the grid."""
      note: String
    }`,
    resolvers: { Grid: { note: () => 'noted' } },
  },
});

const future = definePlugin({ manifest: manifest('load-future', { platform: '^9.0.0' }) });

const badVersion = definePlugin({ manifest: manifest('load-bad-version', { version: 'one' }) });

const badMigration = definePlugin({
  manifest: manifest('load-bad-migration'),
  migrations: [
    { name: '001-fine', up: streetTable('fine', 'body text') },
    { name: '002-broken', up: `ALTER TABLE fine ADD COLUMN owner bigint REFERENCES nowhere (id)` },
  ],
});

const noStreet = definePlugin({
  manifest: manifest('load-no-street'),
  migrations: [{ name: '001-loose', up: `CREATE TABLE loose (id bigserial PRIMARY KEY)` }],
});

const coreType = definePlugin({
  manifest: manifest('load-core-type'),
  graphql: {
    typeDefs: `"""My own grid."""
      type Grid {
        """Its id."""
        id: ID
      }`,
  },
});

const twin = definePlugin({
  manifest: manifest('load-twin'),
  graphql: {
    typeDefs: `extend type Grid {
      """A note on the grid, again."""
      note: String
    }`,
    resolvers: { Grid: { note: () => 'twin' } },
  },
});

const nonNull = definePlugin({
  manifest: manifest('load-non-null'),
  graphql: {
    typeDefs: `extend type Grid {
      """Always there, it says."""
      badge: String!
    }`,
    resolvers: { Grid: { badge: () => 'gold' } },
  },
});

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({
    plugins: [
      ok,
      future,
      badVersion,
      THROWS,
      MISSING,
      badMigration,
      noStreet,
      coreType,
      twin,
      nonNull,
    ],
    allowRefused: true,
  });
});
afterAll(() => platform?.stop());

const refusal = (name: string) => {
  const found = platform.refused.find((r) => r.name === name);
  if (!found) throw new Error(`${name} was not refused: ${JSON.stringify(platform.refused)}`);
  return found;
};

describe('plugins refused at load', () => {
  it('leave the server serving the core and the plugins it took', async () => {
    expect(await coreAnswers(platform)).toBe(6);
    expect(platform.refused).toHaveLength(9);
    expect(platform.refused.map((r) => r.name)).not.toContain('load-ok');
    await platform.enable('load-ok', NANJIE);
    const admin = await platform.as('STREET_ADMIN', NANJIE);
    const data = await admin.data<any>(
      `query ($id: ID!) { node(id: $id) { ... on Grid { name note } } }`,
      {
        id: await platform.grid(NANJIE),
      },
    );
    expect(data.node).toEqual({ name: expect.any(String), note: 'noted' });
  });

  it('are listed in pluginStatus with their state and reason', async () => {
    const data = await platform.admin.data<any>(`{ pluginStatus { name state reason } }`);
    expect(data.pluginStatus).toContainEqual({ name: 'load-ok', state: 'ACTIVE', reason: null });
    expect(data.pluginStatus).toContainEqual({
      name: 'load-future',
      state: 'INCOMPATIBLE',
      reason: refusal('load-future').reason,
    });
    expect(data.pluginStatus).toContainEqual(
      expect.objectContaining({ name: 'load-twin', state: 'FAILED' }),
    );
  });

  it('an incompatible one: named, with its range and the platform version', () => {
    expect(refusal('load-future')).toMatchObject({
      state: 'INCOMPATIBLE',
      reason: `Plugin "load-future" 1.0.0 supports platform versions ^9.0.0; this platform is ${PLATFORM_VERSION}. Use a version of the plugin made for ${PLATFORM_VERSION}.`,
    });
  });

  it('an invalid manifest: the bad field named', () => {
    const { state, reason } = refusal('load-bad-version');
    expect(state).toBe('FAILED');
    expect(reason).toMatch(/^Plugin "load-bad-version" \(inline\) has an invalid manifest:/);
    expect(reason).toMatch(/a semantic version such as 1\.0\.0\s+→ at version/);
  });

  it('a module that throws when required, or cannot be found', () => {
    const thrown = platform.refused.find((r) => r.reason.includes(THROWS));
    expect(thrown).toEqual({
      source: THROWS,
      name: null,
      state: 'FAILED',
      reason: `Plugin ${THROWS} could not be loaded: throws-on-require: LIANXIN_PROBE_KEY is not set`,
    });
    const missing = platform.refused.find((r) => r.reason.includes(MISSING));
    expect(missing?.reason).toMatch(
      new RegExp(
        `^Plugin ${MISSING} could not be loaded: Cannot (find|resolve) module '${MISSING}'`,
      ),
    );
  });

  it('a migration that fails: rolled back whole, nothing left of its schema', async () => {
    expect(refusal('load-bad-migration')).toMatchObject({
      state: 'FAILED',
      reason: expect.stringMatching(
        /^Plugin "load-bad-migration": migration 002-broken failed: relation "nowhere" does not exist/,
      ),
    });
    const left = await platform.sql(
      `SELECT (SELECT count(*)::int FROM pg_namespace WHERE nspname = 'plugin_load_bad_migration') AS schemas,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'plugin_load_bad_migration') AS relations,
              (SELECT count(*)::int FROM plugin_migration WHERE plugin = 'load-bad-migration') AS applied`,
    );
    expect(left).toEqual([{ schemas: 0, relations: 0, applied: 0 }]);
  });

  it('a table without its street: refused, rolled back', async () => {
    expect(refusal('load-no-street').reason).toMatch(
      /^Plugin "load-no-street": table loose needs a column street_id bigint NOT NULL/,
    );
    const left = await platform.sql(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'plugin_load_no_street'`,
    );
    expect(left).toEqual([{ n: 0 }]);
  });

  it("SDL colliding with the core's types", () => {
    expect(refusal('load-core-type')).toEqual({
      source: 'inline',
      name: 'load-core-type',
      state: 'FAILED',
      reason:
        'Plugin "load-core-type": its schema cannot be added:\n- type Grid is already defined by the core',
    });
  });

  it("SDL colliding with another plugin's field: both plugins named", () => {
    expect(refusal('load-twin').reason).toBe(
      'Plugin "load-twin": its schema cannot be added:\n- field Grid.note is already defined by plugin "load-ok"',
    );
  });

  it('a non-null field on a core type', () => {
    expect(refusal('load-non-null').reason).toBe(
      `Plugin "load-non-null": its schema cannot be added:\n- field Grid.badge must be nullable: a plugin's failure must not take the Grid with it`,
    );
  });

  it("leaves none of the refused plugins' fields in the schema", async () => {
    const res = await platform.admin.request(`{ grids(first: 1) { nodes { badge } } }`);
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "badge" on type "Grid"/);
  });
});
