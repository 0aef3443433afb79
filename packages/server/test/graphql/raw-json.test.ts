import { actualCost } from '../../src/graphql/limits/cost';
import { countObjects, RawJsonValue, serializeResult } from '../../src/graphql/pipeline/raw-json';

/** JSON text written into a response unparsed (direct reads) must read back exactly as parsed. */
describe('raw JSON in responses', () => {
  it('counts the objects of a JSON text, ignoring braces inside strings', () => {
    const text = JSON.stringify({
      a: [{ b: '{not an object}' }, { c: 'quote " and backslash \\ then {' }, null],
      d: { e: {} },
      f: '\\',
      g: '}{',
    });
    expect(countObjects(text)).toBe(5);
    expect(countObjects('[]')).toBe(0);
    expect(countObjects('"{"')).toBe(0);
  });

  it('writes each text where its value is, as it is, and everything else as JSON.stringify does', () => {
    const grids = '{"nodes" : [{"name" : "x \\"y\\" {z}"}]}';
    const data = {
      grids: new RawJsonValue(grids),
      orgs: new RawJsonValue('{"nodes" : []}'),
      __typename: 'Query',
      gone: undefined,
      none: null,
    };
    const extensions = { cost: { actualQueryCost: 3 } };
    const body = serializeResult({ errors: undefined, data, extensions });
    expect(body).toBe(
      `{"data":{"grids":${grids},"orgs":{"nodes" : []},"__typename":"Query","none":null},"extensions":{"cost":{"actualQueryCost":3}}}\n`,
    );
    expect(JSON.parse(body)).toEqual({
      data: { grids: JSON.parse(grids), orgs: { nodes: [] }, __typename: 'Query', none: null },
      extensions,
    });
    expect(actualCost(data)).toBe(3);
  });

  it('serializes a result without raw values exactly as Apollo does, and raw values elsewhere parsed', () => {
    const plain = { errors: [{ message: 'x' }], data: { a: 1 }, extensions: undefined };
    expect(serializeResult(plain)).toBe(`${JSON.stringify(plain)}\n`);
    const nested = { data: { a: { b: new RawJsonValue('{"c" : 1}') } } };
    expect(serializeResult(nested)).toBe('{"data":{"a":{"b":{"c":1}}}}\n');
  });
});
