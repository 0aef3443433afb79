// Every case of a filter, however many pages: `client.paginate` follows `pageInfo.endCursor` for
// you and hands over one node at a time.
import { createClient } from '@lianxin/sdk/client';
import { CasesDocument, type CaseFilterInput } from '@lianxin/sdk/operations';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;

async function main(): Promise<void> {
  const client = createClient({ url, token: process.env.TOKEN });

  // The street's open cases, 20 a request (`pageSize` is sent as `$first`).
  const filter: CaseFilterInput = {
    streetId: process.env.STREET_ID!,
    statuses: ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'VERIFYING'],
  };
  const byStatus = new Map<string, number>();
  for await (const c of client.paginate(CasesDocument, { filter }, { pageSize: 20 })) {
    console.log(`${c.number} ${c.status} ${c.grid?.code ?? '-'}`);
    byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  }
  console.log([...byStatus].map(([status, n]) => `${status}: ${n}`).join(', '));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
