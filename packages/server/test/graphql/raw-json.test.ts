import { countObjects, RawJson } from '../../src/graphql/http/raw-json';

/** JSON text spliced into a response unparsed (direct reads) must read back exactly as parsed. */
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

  it('puts each text where its placeholder is, and nowhere else', () => {
    const raw = new RawJson();
    const grids = JSON.stringify({ nodes: [{ name: 'x "y" {z}' }] });
    const orgs = JSON.stringify({ nodes: [] });
    const data = { grids: raw.add(grids), orgs: raw.add(orgs), note: 'lianxin-raw-json:guess:0' };
    const body = raw.splice(JSON.stringify({ data }));
    expect(JSON.parse(body)).toEqual({
      data: { grids: JSON.parse(grids), orgs: { nodes: [] }, note: 'lianxin-raw-json:guess:0' },
    });
    expect(raw.objects).toBe(3);
  });

  it('leaves a body without placeholders as it is', () => {
    expect(new RawJson().splice('{"data":{"a":1}}')).toBe('{"data":{"a":1}}');
  });
});
