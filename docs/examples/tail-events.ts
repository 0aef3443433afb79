/**
 * A tail of one street's case events that survives restarts, its own and the server's: it prints
 * a line per event and keeps the cursor of the last one it printed in a file. The client
 * reconnects with backoff when the connection drops and resumes after the last event it
 * delivered; started again, this program resumes after the cursor in the file. So each event is
 * printed once, in order, whatever restarts.
 *
 *   LIANXIN_TOKEN=… node docs/examples/dist/tail-events.js 621002001 ./tail.cursor
 *
 * Arguments: the street's nine-digit code, and the file that keeps the cursor. Stops on SIGINT
 * or SIGTERM, or after `--count N` events.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { LianxinApiError } from '@lianxin/sdk/client';
import { CaseEventsDocument, StreetDocument } from '@lianxin/sdk/operations';
import { connect, fail } from './connect';

async function main(): Promise<void> {
  const [code, cursorFile] = process.argv.slice(2);
  const countAt = process.argv.indexOf('--count');
  const limit = countAt > 0 ? Number(process.argv[countAt + 1]) : Infinity;
  if (!code || !/^\d{9}$/.test(code) || !cursorFile || !(limit > 0))
    fail('Usage: tail-events <street code, 9 digits> <cursor file> [--count N]');

  const client = connect();
  const { street } = await client.request(StreetDocument, { code });
  if (!street) fail(`No street with code ${code}.`);

  // Without a saved cursor: from now on.
  const saved = existsSync(cursorFile) ? readFileSync(cursorFile, 'utf8').trim() : '';
  const events = client.subscribe(
    CaseEventsDocument,
    { filter: { streetIds: [street.id] } },
    saved ? { after: saved } : {},
  );
  // Disposing ends the subscription: the loop below finishes and the program exits.
  const stop = () => void client.dispose();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  let seen = 0;
  for await (const { caseEvents: e } of events) {
    console.log(`${e.eventId}\t${e.occurredAt}\t${e.type}\t${e.case.number}\t${e.case.status}`);
    // Written aside, then renamed: a crash never leaves half a cursor.
    writeFileSync(`${cursorFile}.tmp`, e.cursor);
    renameSync(`${cursorFile}.tmp`, cursorFile);
    if (++seen >= limit) break;
  }
  await client.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof LianxinApiError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
