import { orderItems } from '../../src/graphql/direct/sql';

/** Lists are aggregated in the order of their ORDER BY items, each read as a key of its own. */
describe('the items of an ORDER BY list', () => {
  it('splits at the commas outside parentheses, brackets, literals and quoted names', () => {
    expect(orderItems(`array_position(ARRAY['A','B'], a.role), a.id`)).toEqual([
      { expression: `array_position(ARRAY['A','B'], a.role)`, direction: '' },
      { expression: 'a.id', direction: '' },
    ]);
    expect(orderItems(`coalesce(x.b, ','), x."a,b" DESC, x.c`)).toEqual([
      { expression: `coalesce(x.b, ',')`, direction: '' },
      { expression: 'x."a,b"', direction: ' DESC' },
      { expression: 'x.c', direction: '' },
    ]);
    expect(orderItems(`x.a ASC, 'it''s, here' || x.b`)).toEqual([
      { expression: 'x.a', direction: ' ASC' },
      { expression: `'it''s, here' || x.b`, direction: '' },
    ]);
  });

  it('keeps each direction and nulls ordering', () => {
    expect(orderItems('t.name desc nulls first,\n  t.id DESC NULLS LAST')).toEqual([
      { expression: 't.name', direction: ' desc nulls first' },
      { expression: 't.id', direction: ' DESC NULLS LAST' },
    ]);
  });
});
