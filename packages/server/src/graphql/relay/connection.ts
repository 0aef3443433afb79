import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page, PageRequest } from '../../domain/shared/keyset';

@ObjectType({ description: 'Where a page of a connection stands (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede the first edge.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; null when the page is empty.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; null when the page is empty.',
  })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs implements PageRequest {
  @Field(() => Int, {
    nullable: true,
    description:
      'Returns the first n items (at most 100; 20 when neither first nor last is given).',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Returns the last n items (at most 100).' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the items before this cursor.' })
  before?: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

/** The Edge and Connection object types for one node type. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a connection of ${what}.` })
  class Edge {
    @Field(() => node, { description: 'The item at the end of the edge.' })
    node!: T;

    @Field({ description: 'Opaque cursor of this edge, for `after` and `before`.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}.` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: 'The edges of this page.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Pagination state of this page.' })
    pageInfo!: PageInfo;

    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: 'How many items match the filter across all pages.' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }

  return { Edge, Connection };
}

/** Builds a connection value from a service page, mapping each item to its API type. */
export function toConnection<I, T>(
  page: Page<I>,
  map: (item: I) => T,
  countTotal: () => Promise<number>,
): ConnectionShape<T> {
  const edges = page.items.map(({ node, cursor }) => ({ node: map(node), cursor }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countTotal,
  };
}
