import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isObjectType } from 'graphql';
import { Client } from 'pg';
import { Field } from 'type-graphql';
import { Column, getMetadataArgsStorage } from 'typeorm';
import { GridEntity } from '../../src/domain/grid/grid.entity';
import { Grid } from '../../src/domain/grid/grid.type';
import { entityColumnsDeclaration, entityColumnsOf } from '../../src/domain/shared/entity-columns';
import type { TableSpec } from '../../src/domain/shared/table';
import type { startTestPlatform as StartTestPlatform, TestPlatform } from '../harness';

/**
 * Issue 15: a new scalar column takes at most four edits: the migration, the entity, the GraphQL
 * field and (for the one-statement planner only) the read model. Every TableSpec's select list is
 * built from its entity, records extend their entities and `from()` copies same-named properties.
 *
 * The last test adds a column the way a developer would, with nothing else: an `ALTER TABLE`
 * (the migration), a `@Column` on the entity and a `@Field` on the type. Both decorators run here
 * before any service module loads, as they would at the top of their files.
 */
Column('text', { nullable: true })(GridEntity.prototype, 'note');
Field(() => String, { nullable: true })(Grid.prototype, 'note');

const domain = path.resolve(__dirname, '../../src/domain');

const isTableSpec = (v: unknown): v is TableSpec<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as TableSpec<unknown>).from === 'string' &&
  typeof (v as TableSpec<unknown>).alias === 'string' &&
  typeof (v as TableSpec<unknown>).columns === 'string' &&
  typeof (v as TableSpec<unknown>).orders === 'object';

/** Every TableSpec the domain exports or a read model reads, by where it was found. */
function tableSpecs(): [string, TableSpec<unknown>][] {
  const found = new Map<TableSpec<unknown>, string>();
  const files = (readdirSync(domain, { recursive: true }) as string[]).filter((f) =>
    f.endsWith('.ts'),
  );
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports = require(path.join(domain, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (isTableSpec(value) && !found.has(value)) found.set(value, `${file} ${name}`);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readCatalog } = require('../../src/modules') as typeof import('../../src/modules');
  for (const model of readCatalog.models.values()) {
    if (!found.has(model.table)) found.set(model.table, `read model ${model.type}`);
  }
  return [...found].map(([spec, where]) => [where, spec]);
}

/** The table `spec` reads under its alias (e.g. `grid` of `grid g`), among the entities' tables. */
function tableOf(spec: TableSpec<unknown>): string | undefined {
  const tables = new Set(getMetadataArgsStorage().tables.map((t) => t.name));
  const named = [...spec.from.matchAll(new RegExp(`\\b(\\w+)\\s+${spec.alias}\\b`, 'g'))];
  return named.map((m) => m[1]!).find((name) => tables.has(name));
}

const specs = tableSpecs();

describe('every TableSpec select list', () => {
  it('finds the specs of every area', () => {
    const tables = new Set(specs.map(([, s]) => tableOf(s)));
    for (const table of [
      'grid',
      'grid_assignment',
      'organization',
      'organization_member',
      'person',
      'brand',
      'activity',
      'activity_participant',
      'volunteer',
      'volunteer_team',
      'service_post',
      'service_post_claim',
      'service_record',
      'volunteer_registration',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it.each(specs)('%s is built from the entity of the table it reads', (_where, spec) => {
    const declared = entityColumnsDeclaration(spec.columns);
    expect(declared).toBeDefined();
    expect(declared!.alias).toBe(spec.alias);
    const table = getMetadataArgsStorage().tables.find((t) => t.target === declared!.entity);
    expect(tableOf(spec)).toBe(table?.name);
  });

  it.each(specs)('%s names every entity column but its declared omissions', (_where, spec) => {
    const declared = entityColumnsDeclaration(spec.columns)!;
    for (const column of entityColumnsOf(declared.entity)) {
      if (declared.omitted.includes(column.propertyName)) continue;
      const property = declared.selected.get(column.propertyName);
      expect([column.propertyName, property]).toEqual([column.propertyName, expect.any(String)]);
      expect(spec.columns).toContain(`${spec.alias}.${column.name}`);
      expect(spec.columns).toContain(`AS "${property!}"`);
    }
  });

  it('omits only what a spec declares (grid boundary, loaded on demand; sign-in and webhook secrets; idempotency keys)', () => {
    const omitted = specs.flatMap(([, s]) =>
      entityColumnsDeclaration(s.columns)!.omitted.map(
        (c) => `${entityColumnsDeclaration(s.columns)!.entity.name}.${c}`,
      ),
    );
    expect([...new Set(omitted)].sort()).toEqual([
      // A report's idempotency key and body hash are the reporter's business, not a reader's.
      'CaseEntity.idempotencyKey',
      'CaseEntity.requestHash',
      'GridEntity.boundary',
      'UserEntity.externalSubject',
      'UserEntity.passwordHash',
      'UserEntity.tokenVersion',
      // A webhook endpoint's signing secrets are shown once and read only by the signer.
      'WebhookEndpointEntity.previousSecret',
      'WebhookEndpointEntity.secret',
    ]);
  });
});

describe('GraphQL objects from records', () => {
  it('copy the plain fields but no personal data: @personalData is answered by resolvers only', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { apiSchema } = require('../../src/app') as typeof import('../../src/app');
    const { PersonEntity } =
      require('../../src/domain/person/person.entity') as typeof import('../../src/domain/person/person.entity');
    const { Person } =
      require('../../src/domain/person/person.type') as typeof import('../../src/domain/person/person.type');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const schema = apiSchema();
    const personal = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((t) =>
        Object.values(t.getFields())
          .filter((f) => f.astNode?.directives?.some((d) => d.name.value === 'personalData'))
          .map((f) => `${t.name}.${f.name}`),
      );
    expect(personal.sort()).toEqual(['Person.idNumber', 'Person.phone']);
    const record = Object.fromEntries(
      entityColumnsOf(PersonEntity).map((c) => [c.propertyName, `value of ${c.propertyName}`]),
    );
    const person = Person.from(record as never);
    expect(person.name).toBe('value of name');
    expect(person.employer).toBe('value of employer');
    expect(Object.keys(person)).not.toContain('phone');
    expect(Object.keys(person)).not.toContain('idNumber');
    expect(person.record.phone).toBe('value of phone');
  });
});

describe('against the database', () => {
  let p: TestPlatform;
  let client: Client;
  beforeAll(async () => {
    // Loaded only now, after the decorators above: the platform reads entity and schema metadata.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startTestPlatform } = require('../harness') as {
      startTestPlatform: typeof StartTestPlatform;
    };
    p = await startTestPlatform();
    client = new Client({ connectionString: p.config.DATABASE_URL });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await p?.stop();
  });

  // OIDs: text 25, int8 20, date 1082, timestamptz 1184.
  it.each(specs)('%s reads the columns the records hold, typed as they are', async (_w, spec) => {
    await client.query('BEGIN');
    try {
      // The new column of the last test: the spec of grid already selects it.
      await client.query('ALTER TABLE grid ADD COLUMN IF NOT EXISTS note text');
      const result = await client.query(`SELECT ${spec.columns} FROM ${spec.from} LIMIT 0`);
      const declared = entityColumnsDeclaration(spec.columns)!;
      const types = new Map(result.fields.map((f) => [f.name, f.dataTypeID]));
      for (const column of entityColumnsOf(declared.entity)) {
        const property = declared.selected.get(column.propertyName);
        if (property === undefined) continue;
        expect(types.has(property)).toBe(true);
        const oid = types.get(property);
        if (['bigint', 'date', 'ltree', 'numeric'].includes(column.type)) {
          expect([property, oid]).toEqual([property, 25]);
        }
        if (column.type === 'timestamptz') expect([property, oid]).toEqual([property, 1184]);
      }
      expect(result.fields.length).toBe(declared.selected.size + declared.extra.length);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('serves a column added with a migration, an entity column and a GraphQL field only', async () => {
    await p.db.query('ALTER TABLE grid ADD COLUMN note text');
    const [street] = await p.db.query<{ id: string; code: string }>(
      `SELECT id::text AS id, code FROM street ORDER BY id LIMIT 1`,
    );
    const [grid] = await p.db.query<{ id: string }>(
      `INSERT INTO grid (street_id, level, code, name, note) VALUES ($1, 'STREET', $2, 'g', '东门常开')
       RETURNING id::text AS id`,
      [street!.id, street!.code],
    );
    const id = Buffer.from(`Grid:${grid!.id}`).toString('base64url');
    const one = await p.gql<{ node: { note: string | null } }>(
      `query ($id: ID!) { node(id: $id) { ... on Grid { note } } }`,
      { id },
    );
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.node.note).toBe('东门常开');
    // A connection the one-statement planner serves: without `note` in the read model, the
    // resolvers answer it.
    const list = await p.gql<{ grids: { nodes: { code: string; note: string | null }[] } }>(
      `query ($code: String!) {
        grids(first: 5, filter: { codePrefix: $code }) { nodes { code note } }
      }`,
      { code: street!.code },
    );
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.grids.nodes).toContainEqual({ code: street!.code, note: '东门常开' });
  });
});
