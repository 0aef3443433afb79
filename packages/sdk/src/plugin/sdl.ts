/**
 * SDL for a Relay connection of a plugin type, shaped as the core's: `<Type>Connection`,
 * `<Type>Edge`, `<Type>Order` and `<Type>OrderField` (one value per ordering, described).
 */
export function connectionTypes(
  type: string,
  what: string,
  orderFields: Record<string, string>,
): string {
  const values = Object.entries(orderFields)
    .map(([value, description]) => `  """${description}"""\n  ${value}`)
    .join('\n');
  return `
"""A page of ${what}."""
type ${type}Connection {
  """The edges of this page."""
  edges: [${type}Edge!]!
  """The items of this page, without cursors."""
  nodes: [${type}!]!
  """Pagination state of this page."""
  pageInfo: PageInfo!
  """How many items match the filter across all pages."""
  totalCount: Int!
}

"""An edge in a connection of ${what}."""
type ${type}Edge {
  """Opaque cursor of this edge, for \`after\` and \`before\`."""
  cursor: String!
  """The item at the end of the edge."""
  node: ${type}!
}

"""What ${what} can be ordered by."""
enum ${type}OrderField {
${values}
}

"""How to order ${what}."""
input ${type}Order {
  """The field to order by."""
  field: ${type}OrderField!
  """The direction; ASC when left out."""
  direction: OrderDirection
}
`;
}

/** The paging arguments of a connection field, described as the core's. */
export function connectionArgs(type: string, extra = ''): string {
  return `(
    """Returns the first n items (at most 100; 20 when neither first nor last is given)."""
    first: Int
    """Returns the items after this cursor."""
    after: String
    """Returns the last n items (at most 100)."""
    last: Int
    """Returns the items before this cursor."""
    before: String
    """Ordering."""
    orderBy: ${type}Order${extra ? `\n    ${extra}` : ''}
  )`;
}
