// The quickstart with the typed client: sign in, then read as the signed-in user.
import { createClient } from '@lianxin/sdk/client';
import { LoginDocument, StreetsDocument, ViewerDocument } from '@lianxin/sdk/operations';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;

async function main(): Promise<void> {
  const anonymous = createClient({ url });

  // Public data needs no token.
  const { streets } = await anonymous.request(StreetsDocument, { first: 3 });
  console.log(`${streets.totalCount} streets, the first: ${streets.nodes[0]?.name}`);

  // Sign in; a wrong password is a user error (data), not an exception.
  const { login } = await anonymous.request(LoginDocument, {
    username: 'nanjie.admin',
    password: 'lianxin-demo-2024',
  });
  if (!login.accessToken) throw new Error(login.userErrors.map((e) => e.message).join('; '));

  // The same client, acting as the user.
  const client = anonymous.withToken(login.accessToken);
  const { viewer } = await client.request(ViewerDocument);
  console.log(`signed in as ${viewer.role} of ${viewer.streets.map((s) => s.name).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
