// The two kinds of failure: a request error (thrown, with its code) and user errors (data).
import { createClient, CreateGridDocument, LianxinApiError, ViewerDocument } from '@lianxin/sdk';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;

async function main(): Promise<void> {
  // A token the server does not accept: the request fails with `extensions.code`.
  try {
    await createClient({ url, token: 'not-a-valid-token' }).request(ViewerDocument);
  } catch (error) {
    if (!(error instanceof LianxinApiError)) throw error;
    console.log(`request error: ${error.code} (HTTP ${error.status}): ${error.message}`);
  }

  // A mutation with bad input answers `userErrors`, and writes nothing.
  const client = createClient({ url, token: process.env.TOKEN });
  const { createGrid } = await client.request(CreateGridDocument, {
    input: { streetId: process.env.STREET_ID ?? '', code: '12', name: '' },
  });
  for (const e of createGrid.userErrors) {
    console.log(`user error: ${e.code} at ${e.field?.join('.')}: ${e.message}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
