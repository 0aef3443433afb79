// Import cases from another system, safely re-runnable: each row's own reference is its
// idempotency key, so a second run (after a crash, or by mistake) files nothing new.
import { createClient, ReportCaseDocument } from '@lianxin/sdk';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;
const client = createClient({ url, token: process.env.TOKEN });

// Rows as they might come from a CSV export of a hotline system.
const rows = [
  { ref: 'hotline-20241107-0001', title: 'Car on the fire lane', description: 'At building 3' },
  { ref: 'hotline-20241107-0002', title: 'Stall on the pavement', description: 'By the east gate' },
];

async function main(): Promise<void> {
  let created = 0;
  let replayed = 0;
  for (const row of rows) {
    const { reportCase } = await client.request(ReportCaseDocument, {
      input: {
        streetId: process.env.STREET_ID!,
        gridId: process.env.GRID_ID!,
        categoryId: process.env.CATEGORY_ID!,
        title: row.title,
        description: row.description,
        urgency: 'C',
        externalReference: row.ref,
        idempotencyKey: row.ref,
      },
    });
    if (!reportCase.case) {
      console.log(`${row.ref}: ${reportCase.userErrors.map((e) => e.message).join('; ')}`);
      continue;
    }
    if (reportCase.replayed) replayed++;
    else created++;
    console.log(`${row.ref} → case ${reportCase.case.number} (${reportCase.case.id})`);
  }
  console.log(`${created} created, ${replayed} already there`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
