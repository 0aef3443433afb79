/**
 * A report for a street's command centre: its overdue cases by grid, the grids with the most
 * first, each with its oldest overdue case. Reads every page of `cases` with `paginate`.
 *
 *   LIANXIN_TOKEN=… node docs/examples/dist/overdue-by-grid.js 621002001
 *
 * The argument is the street's nine-digit code.
 */
import { LianxinApiError } from '@lianxin/sdk/client';
import { CasesDocument, StreetDocument } from '@lianxin/sdk/operations';
import { connect, fail } from './connect';

async function main(): Promise<void> {
  const code = process.argv[2];
  if (!code || !/^\d{9}$/.test(code)) fail('Usage: overdue-by-grid <street code, 9 digits>');
  const client = connect();
  const { street } = await client.request(StreetDocument, { code });
  if (!street) fail(`No street with code ${code}.`);

  type OverdueCase = { number: string; title: string; status: string; dueAt: string };
  const byGrid = new Map<string, { name: string; cases: OverdueCase[] }>();
  const overdue = { streetId: street.id, overdue: true };
  for await (const c of client.paginate(CasesDocument, { filter: overdue }, { pageSize: 50 })) {
    const key = c.grid?.code ?? '-';
    const entry = byGrid.get(key) ?? { name: c.grid?.name ?? '(no grid)', cases: [] };
    entry.cases.push(c);
    byGrid.set(key, entry);
  }
  const total = [...byGrid.values()].reduce((n, g) => n + g.cases.length, 0);
  console.log(`${street.name}: ${total} overdue cases in ${byGrid.size} grids`);
  const grids = [...byGrid.entries()].sort(
    ([a, x], [b, y]) => y.cases.length - x.cases.length || a.localeCompare(b),
  );
  for (const [gridCode, { name, cases }] of grids) {
    const oldest = cases.reduce((o, c) => (c.dueAt < o.dueAt ? c : o));
    console.log(
      `${gridCode}\t${name}\t${cases.length}\toldest ${oldest.number} due ${oldest.dueAt} (${oldest.status})`,
    );
  }
  await client.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof LianxinApiError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
