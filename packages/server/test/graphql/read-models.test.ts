import { getNamedType, isObjectType } from 'graphql';
import { apiSchema, createApp } from '../../src/app';
import { checkReadModels } from '../../src/graphql/direct/check';
import {
  ReadCatalog,
  relationField,
  type ReadModel,
  type RelationField,
} from '../../src/graphql/relay/read-model';
import { gridModel } from '../../src/domain/grid/grid.model';
import { personModel } from '../../src/domain/person/person.model';
import { serviceRecordModel } from '../../src/domain/volunteer/service-record.model';
import { createLogger } from '../../src/logger';
import { modules, readCatalog } from '../../src/modules';
import { ADMIN_TOKEN, JWT_SECRET, startTestPlatform, type TestPlatform } from '../harness';

/**
 * The read models are checked against the built schema at start-up: what the one-statement
 * planner may serve must be what the resolvers would.
 */
const schema = apiSchema();
const models = modules.flatMap((m) => m.readModels ?? []);
const relations = modules.flatMap((m) => m.relations ?? []);

/** The catalog with `model` in place of the read model of its type (or added). */
const catalogWith = (model: ReadModel, extra: RelationField[] = []) =>
  new ReadCatalog(
    [...models.filter((m) => m.type !== model.type), model],
    [...relations, ...extra],
  );

describe('every read model, against the built schema', () => {
  it('passes the start-up check', () => {
    expect(() => checkReadModels(schema, readCatalog)).not.toThrow();
  });

  const fields = [...readCatalog.models.values()].flatMap((m) =>
    Object.keys(m.scalars).map((f) => [`${m.type}.${f}`, m, f] as const),
  );
  it.each(fields)(
    '%s is a field of its type, neither personal data nor resolved apart',
    (_n, m, f) => {
      const type = schema.getType(m.type);
      expect(isObjectType(type)).toBe(true);
      const field = isObjectType(type) ? type.getFields()[f] : undefined;
      expect(field).toBeDefined();
      expect(field!.astNode?.directives?.map((d) => d.name.value) ?? []).not.toContain(
        'personalData',
      );
      // DateTime and Float only in the one form of SQL the check knows (read-model.ts).
      expect([
        'String',
        'Int',
        'Boolean',
        'ID',
        'LocalDate',
        'DateTime',
        'Float',
        ...enumNames(),
      ]).toContain(getNamedType(field!.type).name);
    },
  );

  const rels = [...readCatalog.relations].flatMap(([on, byField]) =>
    [...byField.keys()].map((f) => [`${on}.${f}`, on, f] as const),
  );
  it.each(rels)('%s reads the type its field returns', (_n, on, f) => {
    const type = on === 'Query' ? schema.getQueryType() : schema.getType(on);
    const field = isObjectType(type) ? type.getFields()[f] : undefined;
    expect(field).toBeDefined();
    const relation = readCatalog.relation(on, f)!();
    const named = getNamedType(field!.type).name;
    expect(named).toBe(
      relation.kind === 'connection' ? relation.connectionType : relation.model.type,
    );
  });
});

function enumNames(): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => t.constructor.name === 'GraphQLEnumType')
    .map((t) => t.name);
}

describe('the start-up check refuses', () => {
  const refusals: [string, ReadCatalog, RegExp][] = [
    [
      'personal data',
      catalogWith({
        ...personModel,
        scalars: { ...personModel.scalars, phone: (r) => `${r}.phone` },
      }),
      /Person\.phone is @personalData/,
    ],
    [
      'a field with a resolver of its own not declared alike',
      catalogWith({
        type: 'Activity',
        table: gridModel.table,
        scalars: {
          participantCount: (r) =>
            `(SELECT count(*) FROM activity_participant WHERE activity_id = ${r}.id)`,
        },
      }),
      /Activity\.participantCount has a resolver of its own/,
    ],
    [
      'a scalar whose PostgreSQL JSON is not what the API writes',
      catalogWith({
        ...gridModel,
        scalars: { ...gridModel.scalars, createdAt: (r) => `${r}.created_at` },
      }),
      /Grid\.createdAt is a DateTime: write its SQL with isoTimestampSql\(\)/,
    ],
    [
      'a Float not cast to float8 (numeric prints 1.50)',
      catalogWith({
        ...serviceRecordModel,
        scalars: { ...serviceRecordModel.scalars, hours: (r) => `${r}.hours` },
      }),
      /ServiceRecord\.hours is a Float: write its SQL with float8Sql\(\)/,
    ],
    [
      'a field the type does not have',
      catalogWith({ ...gridModel, scalars: { ...gridModel.scalars, colour: (r) => `${r}.code` } }),
      /Grid\.colour: the type has no such field/,
    ],
    [
      "a relation whose rows are not the field's type",
      new ReadCatalog(models, [
        ...relations.filter((r) => !(r.on === 'Grid' && r.field === 'staff')),
        relationField(gridModel, 'staff', () => ({
          kind: 'list',
          model: personModel,
          orderBy: 'p.id',
          where: (parent) => [`p.home_grid_id = ${parent!}.id`],
        })),
      ]),
      /Relation Grid\.staff is of type \[GridStaffAssignment!\]!, but its relation reads \[Person\]/,
    ],
  ];
  it.each(refusals)('%s', (_what, catalog, message) => {
    expect(() => checkReadModels(schema, catalog)).toThrow(message);
  });

  describe('at start-up', () => {
    let p: TestPlatform;
    beforeAll(async () => {
      p = await startTestPlatform();
    });
    afterAll(() => p.stop());

    it('refuses to start a server whose read model holds personal data', async () => {
      const leaky = catalogWith({
        ...personModel,
        scalars: { ...personModel.scalars, phone: (r) => `${r}.phone` },
      });
      await expect(
        createApp({
          config: p.config,
          db: p.appDb,
          logger: createLogger({ LOG_LEVEL: 'silent' }),
          adminToken: ADMIN_TOKEN,
          jwtSecret: JWT_SECRET,
          readCatalog: leaky,
        }),
      ).rejects.toThrow(/Read model field Person\.phone is @personalData/);
    });
  });
});
