import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { apiSchema } from '../../src/app';
import { changelogFile, contractFile, printContract } from '../../src/contract';
import { checkContract } from '../../src/schema-changelog';
import { BUNDLED_PLUGINS } from '../../src/config';
import { startTestPlatform, type TestPlatform } from '../harness';

describe('the public contract', () => {
  it('schema/schema.graphql is what the code generates (run `npm run schema` after changing the API)', async () => {
    expect(readFileSync(contractFile, 'utf8')).toBe(await printContract());
  });

  it('schema/CHANGELOG.md records the committed contract (`npm run schema` writes both)', async () => {
    const files = {
      schema: readFileSync(contractFile, 'utf8'),
      changelog: readFileSync(changelogFile, 'utf8'),
    };
    expect(await checkContract(files, await printContract())).toEqual([]);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(apiSchema().getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && isSpecifiedScalarType(type)))
        continue;
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
        }
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});

describe('the live schema', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    // The platform as shipped: the contract is the core's and the bundled plugins'.
    p = await startTestPlatform({ plugins: BUNDLED_PLUGINS });
  });
  afterAll(() => p.stop());

  it('carries the directives the GraphQL spec defines, beside its own', async () => {
    const res = await p.gql<any>(`{ __schema { directives { name } } }`);
    expect(res.body.data.__schema.directives.map((d: { name: string }) => d.name).sort()).toEqual([
      'deprecated',
      'include',
      'oneOf',
      'personalData',
      'skip',
      'specifiedBy',
    ]);
  });

  it('is, by introspection, the schema committed in schema/schema.graphql', async () => {
    const res = await p.gql<any>(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
        oneOf: true,
      }),
    );
    const live = lexicographicSortSchema(buildClientSchema(res.body.data));
    const committed = lexicographicSortSchema(buildSchema(readFileSync(contractFile, 'utf8')));
    // Applied directives (@personalData on fields) are not part of introspection.
    expect(printSchema(live)).toBe(printSchema(committed));
  });

  // Run twice: the second time a direct read may answer (suite also runs with TEST_EXECUTOR).
  it('runs @skip and @include', async () => {
    const query = `query($x: Boolean!) {
      streets @include(if: $x) { totalCount }
      viewer @skip(if: $x) { role }
      districts { name @include(if: $x) id @skip(if: true) }
    }`;
    for (let i = 0; i < 2; i++) {
      const on = await p.gql<any>(query, { x: true });
      expect(on.body.errors).toBeUndefined();
      expect(on.body.data.streets.totalCount).toBe(6);
      expect(on.body.data.viewer).toBeUndefined();
      expect(Object.keys(on.body.data.districts[0])).toEqual(['name']);
      const off = await p.gql<any>(query, { x: false });
      expect(off.body.data).toEqual({
        viewer: { role: 'PLATFORM_ADMIN' },
        districts: expect.arrayContaining([{}]),
      });
    }
  });
});
