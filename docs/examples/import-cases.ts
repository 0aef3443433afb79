/**
 * An integrator's import: cases from a CSV file (a 12345 hotline export, say), reported
 * idempotently. Each row is reported with the idempotency key `csv:<externalReference>`, so
 * running the import again — after a crash halfway, or twice by mistake — creates nothing new:
 * the server answers the first result (`replayed: true`).
 *
 *   LIANXIN_API_KEY=… node docs/examples/dist/import-cases.js docs/examples/cases.csv
 *
 * Columns (the first line names them): externalReference, gridCode, categoryCode,
 * urgency (A, B or C), title, description, address. Prints a line per row and a summary; exits
 * with 1 when a row was refused.
 */
import { readFileSync } from 'node:fs';
import { LianxinApiError, type LianxinClient } from '@lianxin/sdk/client';
import { CaseCategoriesDocument, ReportCaseDocument } from '@lianxin/sdk/operations';
import { connect, fail } from './connect';
import { parseCsv } from './csv';

const COLUMNS = [
  'externalReference',
  'gridCode',
  'categoryCode',
  'urgency',
  'title',
  'description',
  'address',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

// A lookup of its own, as a plain string typed by hand (the generated GridSubtree reads far more).
const GRID = /* GraphQL */ `
  query ImportGrid($code: String!) {
    grid(code: $code) {
      id
      street {
        id
      }
    }
  }
`;

interface GridResult {
  grid: { id: string; street: { id: string } } | null;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) fail('Usage: import-cases <file.csv>');
  const [header, ...lines] = parseCsv(readFileSync(file, 'utf8'));
  const missing = COLUMNS.filter((c) => !header?.includes(c));
  if (missing.length) fail(`${file}: the header lacks ${missing.join(', ')}.`);
  const rows = lines.map(
    (cells) =>
      Object.fromEntries(COLUMNS.map((c) => [c, cells[header!.indexOf(c)]?.trim() ?? ''])) as Row,
  );

  const client = connect();
  const categories = new Map<string, Map<string, string>>(); // street → category code → id
  const counts = { created: 0, replayed: 0, refused: 0 };
  for (const [index, row] of rows.entries()) {
    const line = `row ${index + 2} ${row.externalReference}`;
    const refuse = (why: string) => {
      counts.refused++;
      console.log(`${line}: refused: ${why}`);
    };
    if (!row.externalReference) {
      refuse('externalReference is empty (it makes the import safe to repeat)');
      continue;
    }
    if (!['A', 'B', 'C'].includes(row.urgency)) {
      refuse(`urgency "${row.urgency}" is not A, B or C`);
      continue;
    }
    const { grid } = await client.request<GridResult, { code: string }>(GRID, {
      code: row.gridCode,
    });
    if (!grid) {
      refuse(`no grid with code ${row.gridCode} that this key may see`);
      continue;
    }
    const categoryId = (await categoriesOf(client, grid.street.id, categories)).get(
      row.categoryCode,
    );
    if (!categoryId) {
      refuse(`no case category with code ${row.categoryCode} in the grid's street`);
      continue;
    }
    const { reportCase } = await client.request(ReportCaseDocument, {
      input: {
        idempotencyKey: `csv:${row.externalReference}`,
        externalReference: row.externalReference,
        streetId: grid.street.id,
        gridId: grid.id,
        categoryId,
        urgency: row.urgency as 'A' | 'B' | 'C',
        title: row.title,
        ...(row.description ? { description: row.description } : {}),
        ...(row.address ? { address: row.address } : {}),
      },
    });
    // userErrors are data: the server refused this row and said why; the others go on.
    if (reportCase.userErrors.length) {
      refuse(
        reportCase.userErrors.map((e) => `${(e.field ?? []).join('.')}: ${e.message}`).join('; '),
      );
    } else if (reportCase.replayed) {
      counts.replayed++;
      console.log(`${line}: already imported as ${reportCase.case!.number}`);
    } else {
      counts.created++;
      console.log(`${line}: created ${reportCase.case!.number}`);
    }
  }
  console.log(
    `created ${counts.created}, already imported ${counts.replayed}, refused ${counts.refused}`,
  );
  await client.dispose();
  if (counts.refused) process.exitCode = 1;
}

/**
 * The case categories usable in a street, by code, read once per street: every category the
 * caller sees (the national catalogue among them), then the street's own over them.
 */
async function categoriesOf(
  client: LianxinClient,
  streetId: string,
  cache: Map<string, Map<string, string>>,
): Promise<Map<string, string>> {
  let byCode = cache.get(streetId);
  if (!byCode) {
    byCode = new Map();
    for (const filter of [{}, { streetId }])
      for await (const c of client.paginate(CaseCategoriesDocument, filter, { pageSize: 100 }))
        byCode.set(c.code, c.id);
    cache.set(streetId, byCode);
  }
  return byCode;
}

main().catch((error: unknown) => {
  // Errors of the request itself (credentials, limits): the code says which.
  console.error(error instanceof LianxinApiError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
