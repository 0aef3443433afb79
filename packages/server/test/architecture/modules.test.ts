import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { contractFile, printContract } from '../../src/contract';
import { migrations as baseMigrations } from '../../src/db/migrations';
import { migrateDatabase } from '../../src/db/open';
import { apiScopes } from '../../src/domain/identity/api-key.service';
import {
  AREAS,
  PolicyRegistry,
  corePolicy,
  policies,
  readAccess,
  writeAccess,
  type AreaPolicy,
} from '../../src/domain/shared/policy';
import { ROLES, type Role, type Viewer } from '../../src/domain/shared/viewer';
import {
  checkModules,
  defineModule,
  registerPolicyAreas,
  type ModuleSpec,
} from '../../src/graphql/relay/module';
import { assemble, migrations, modules, nodeFetchers, readCatalog } from '../../src/modules';
import { relationField } from '../../src/graphql/relay/read-model';
import { startTestPlatform, type TestPlatform } from '../harness';

const domain = path.resolve(__dirname, '../../src/domain');

const every = (access: AreaPolicy['read'][Role]) =>
  Object.fromEntries(ROLES.map((r) => [r, access])) as Record<Role, typeof access>;
const staffOnly: AreaPolicy = {
  read: { ...every('none'), STREET_ADMIN: 'street' },
  write: every('none'),
};
const fake = (name: string, extra: Partial<ModuleSpec> = {}): ModuleSpec =>
  defineModule({ name, entities: [], resolvers: [], nodeFetchers: [], events: [], ...extra });
const fetcher = (typeName: string) => ({ typeName, fetch: () => Promise.resolve([]) });
const root = (field: string) =>
  relationField('Query', field, () => {
    throw new Error('not read in these tests');
  });

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

describe('the modules', () => {
  it('has one module per area folder under domain/, each its folder index.ts default export', () => {
    const folders = readdirSync(domain, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'shared')
      .map((d) => d.name);
    expect(modules.map((m) => m.name).sort()).toEqual(folders.sort());
    for (const folder of folders) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const own = (require(path.join(domain, folder)) as { default: ModuleSpec }).default;
      expect(own.name).toBe(folder);
      expect(modules).toContain(own);
    }
  });

  it('derives what the server is built from: every fetcher, read model and relation of every module', () => {
    expect(nodeFetchers.map((f) => f.typeName)).toEqual(
      modules.flatMap((m) => m.nodeFetchers.map((f) => f.typeName)),
    );
    expect([...readCatalog.models.keys()]).toEqual(
      modules.flatMap((m) => (m.readModels ?? []).map((r) => r.type)),
    );
    expect([...readCatalog.relations.get('Query')!.keys()].sort()).toEqual([
      'activities',
      'auditLog',
      'brands',
      'caseByNumber',
      'cases',
      'grids',
      'organizations',
      'people',
      'servicePosts',
      'serviceRecords',
      'streets',
      'volunteerTeams',
      'volunteers',
    ]);
    expect(migrations).toEqual([...baseMigrations, ...modules.flatMap((m) => m.migrations ?? [])]);
    expect(migrations.length).toBeGreaterThan(baseMigrations.length);
  });

  it('builds the committed schema (schema/schema.graphql) from the modules', async () => {
    expect(await printContract()).toBe(readFileSync(contractFile, 'utf8'));
  });

  it('registers the core policy areas, each with the rules of the policy tables, and the modules’ own', () => {
    // Webhook endpoints and plugins' enablement and tables are areas of their modules'
    // (no API key scope).
    const own = ['webhook', 'plugin', 'pluginShared', 'pluginPerson', 'pluginStaff'];
    expect([...policies.names()].sort()).toEqual([...AREAS, ...own].sort());
    for (const area of own) expect(policies.scopedNames()).not.toContain(area);
    for (const area of AREAS) expect(policies.get(area)).toMatchObject(corePolicy(area));
  });
});

describe('checkModules', () => {
  const refusals: [string, ModuleSpec, ModuleSpec, RegExp][] = [
    ['a module name', fake('parking'), fake('parking'), /Module name "parking"/],
    [
      'a node type',
      fake('parking', { nodeFetchers: [fetcher('Grid')] }),
      fake('garage', { nodeFetchers: [fetcher('Grid')] }),
      /node fetcher of type Grid/,
    ],
    [
      'a relation',
      fake('parking', { relations: [root('lots')] }),
      fake('garage', { relations: [root('lots')] }),
      /relation Query.lots/,
    ],
    [
      'a policy area',
      fake('parking', { policyAreas: { lot: staffOnly } }),
      fake('garage', { policyAreas: { lot: staffOnly } }),
      /Policy area "lot"/,
    ],
  ];
  it.each(refusals)('refuses two modules with one %s, naming both', (_what, a, b, what) => {
    const message = () => checkModules([a, b]);
    expect(message).toThrow(what);
    expect(message).toThrow(`module ${a.name} and module ${b.name}`);
  });

  it('refuses a duplicate of what an existing module has, naming that module', () => {
    const grid = fake('parking', { nodeFetchers: [fetcher('Grid')] });
    expect(() => checkModules([...modules, grid])).toThrow(
      'The node fetcher of type Grid comes from both module grid and module parking',
    );
    const roots = fake('parking', { relations: [root('organizations')] });
    expect(() => checkModules([...modules, roots])).toThrow(
      /module organization and module parking/,
    );
    const audit = fake('parking', { policyAreas: { audit: staffOnly } });
    expect(() => checkModules([...modules, audit])).toThrow(/module audit and module parking/);
  });

  it('refuses a module name that is not lower case', () => {
    expect(() => checkModules([fake('Parking')])).toThrow(/"Parking" is not lower case/);
  });

  it('refuses an event consumer not named after its module, or two of one name', () => {
    const consumer = (name: string) => ({ name, handle: () => Promise.resolve() });
    expect(() => checkModules([fake('parking', { consumers: [consumer('garage.lots')] })])).toThrow(
      'Event consumer "garage.lots" of module parking must be named "parking.<name>"',
    );
    const twice = fake('parking', {
      consumers: [consumer('parking.lots'), consumer('parking.lots')],
    });
    expect(() => checkModules([twice])).toThrow('Event consumer "parking.lots" comes from both');
  });
});

describe('module migrations', () => {
  class ParkingLots1800000000000 implements MigrationInterface {
    name = 'ParkingLots1800000000000';
    async up(q: QueryRunner) {
      await q.query('CREATE TABLE parking_lot (id bigint PRIMARY KEY)');
    }
    async down(q: QueryRunner) {
      await q.query('DROP TABLE parking_lot');
    }
  }
  const parking = fake('parking', { migrations: [ParkingLots1800000000000] });

  it('runs the base migrations, then each module’s, in module order', () => {
    expect(assemble([...modules, parking]).migrations).toEqual([
      ...baseMigrations,
      ...modules.flatMap((m) => m.migrations ?? []),
      ParkingLots1800000000000,
    ]);
  });

  it('applies a module’s migration after the base ones', async () => {
    const quiet = () => undefined;
    const logger = { info: quiet, warn: quiet, error: quiet, debug: quiet } as never;
    const applied = await migrateDatabase(
      p.config.DATABASE_URL!,
      logger,
      assemble([...modules, parking]).migrations,
    );
    expect(applied).toEqual(['ParkingLots1800000000000']);
    const rows = await p.db.query<{ t: string | null }>(
      `SELECT to_regclass('parking_lot')::text AS t`,
    );
    expect(rows[0]!.t).toBe('parking_lot');
  });
});

describe('the policy registry', () => {
  const viewer = (role: Role, scopes?: string[]): Viewer => ({
    kind: role === 'INTEGRATION' ? 'api-key' : 'user',
    id: '1',
    role,
    streetIds: ['1'],
    scopes,
  });

  it('refuses an area registered twice, naming both modules', () => {
    const registry = new PolicyRegistry();
    registry.register('lot', staffOnly, 'parking');
    expect(() => registry.register('lot', staffOnly, 'garage')).toThrow(
      'Policy area "lot" is introduced by both module parking and module garage',
    );
    expect(() =>
      registerPolicyAreas([fake('garage', { policyAreas: { grid: staffOnly } })], policies),
    ).toThrow('Policy area "grid" is introduced by both module grid and module garage');
  });

  it('refuses a rule that leaves out a role', () => {
    const registry = new PolicyRegistry();
    const { RESIDENT: _, ...noResident } = staffOnly.read;
    expect(() =>
      registry.register(
        'lot',
        { read: noResident as AreaPolicy['read'], write: staffOnly.write },
        'parking',
      ),
    ).toThrow(/"lot" \(module parking\) gives no read access for RESIDENT/);
  });

  it('answers an unknown area with an error naming it', () => {
    expect(() => readAccess(viewer('STREET_ADMIN'), 'lot')).toThrow(
      /Unknown policy area "lot": no module registered it \(known: grid, person, /,
    );
    expect(() => writeAccess(viewer('INTEGRATION', ['*:write']), 'lot')).toThrow(
      /Unknown policy area "lot"/,
    );
    expect(() => new PolicyRegistry().get('grid')).toThrow(/Unknown policy area "grid"/);
  });

  it('gives API keys scopes for the registered areas only, and follows an area a plugin adds', async () => {
    expect(apiScopes()).toContain('serviceRecord:write');
    expect(apiScopes()).not.toContain('audit:read');
    const create = (scopes: string[]) =>
      p.gql<any>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { scopes } userErrors { field message code } } }`,
        { input: { streetId, name: 'parking', scopes } },
      );
    const streets = await p.gql<any>(`{ streets(first: 1) { nodes { id } } }`);
    const streetId = streets.body.data.streets.nodes[0].id as string;

    const before = await create(['bay:read']);
    expect(before.body.data.createApiKey.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'scopes', '0'],
        message: expect.stringMatching(/^Scopes are among: grid:read, grid:write, /),
      }),
    ]);
    expect((await create(['audit:read'])).body.data.createApiKey.userErrors).toHaveLength(1);

    registerPolicyAreas([fake('parking', { policyAreas: { bay: staffOnly } })], policies);
    expect(apiScopes()).toEqual(expect.arrayContaining(['bay:read', 'bay:write']));
    const after = await create(['bay:read']);
    expect(after.body.data.createApiKey).toEqual({
      apiKey: { scopes: ['bay:read'] },
      userErrors: [],
    });
    expect(readAccess(viewer('STREET_ADMIN'), 'bay')).toBe('street');
    expect(readAccess(viewer('RESIDENT'), 'bay')).toBe('none');
    expect(readAccess(viewer('INTEGRATION', ['bay:read']), 'bay')).toBe('street');
  });
});
