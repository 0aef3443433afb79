// Walk a connection page by page, then fetch one object again by its global ID.
import { createClient, StreetsDocument, type StreetsQuery } from '@lianxin/sdk';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;

async function main(): Promise<void> {
  const client = createClient({ url });

  const ids: string[] = [];
  let after: string | null | undefined = null;
  do {
    const { streets }: StreetsQuery = await client.request(StreetsDocument, { first: 2, after });
    ids.push(...streets.nodes.map((s) => s.id));
    console.log(`page: ${streets.nodes.map((s) => s.code).join(' ')}`);
    after = streets.pageInfo.hasNextPage ? streets.pageInfo.endCursor : undefined;
  } while (after);
  console.log(`${ids.length} streets in all`);

  // Any ID goes to `node(id:)`; ask for the fields of the type you expect with a fragment.
  const { node } = await client.request<
    { node: { __typename: string; name?: string } | null },
    { id: string }
  >('query Node($id: ID!) { node(id: $id) { __typename ... on Street { name } } }', {
    id: ids[0]!,
  });
  console.log(`node(id: ${ids[0]}) is a ${node?.__typename}: ${node?.name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
