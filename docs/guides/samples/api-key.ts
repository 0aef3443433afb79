// An integration calls the API with its API key (lxk_…): give it to the client as `apiKey`.
import { createClient, LianxinApiError } from '@lianxin/sdk/client';
import { GridTreeDocument, ViewerDocument } from '@lianxin/sdk/operations';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;

async function main(): Promise<void> {
  const client = createClient({ url, apiKey: process.env.API_KEY });

  const { viewer } = await client.request(ViewerDocument);
  console.log(
    `acting as ${viewer.role} (${viewer.kind}) in ${viewer.streets.map((s) => s.name).join(', ')}`,
  );

  // Within its scopes (grid:read), in its street.
  const street = viewer.streets[0]!;
  const { grids } = await client.request(GridTreeDocument, { streetId: street.id, first: 1 });
  console.log(`${street.name} has ${grids.totalCount} grids`);

  // A revoked or mistyped key is refused as a whole request.
  try {
    await createClient({ url, apiKey: 'lxk_not-a-key' }).request(ViewerDocument);
  } catch (error) {
    if (!(error instanceof LianxinApiError)) throw error;
    console.log(`a wrong key: ${error.code}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
