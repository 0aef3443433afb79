// Walk a connection page by page, then fetch one object again by its global ID.
import { createClient, NodeDocument, StreetsDocument, type StreetsQuery } from '@lianxin/sdk';

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

  // Any ID goes to `node(id:)`; NodeDocument asks for the fields of each type with fragments.
  const { node } = await client.request(NodeDocument, { id: ids[0]! });
  if (node?.__typename === 'Street') console.log(`node(id: ${ids[0]}) is a Street: ${node.name}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
