// Follow a grid's case events, and resume after a restart: the cursor of the last event handled
// is kept in a file, and given back as `after` when the program starts again. Stop it with Ctrl-C.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createClient } from '@lianxin/sdk/client';
import { CaseEventsDocument } from '@lianxin/sdk/operations';
import WebSocket from 'ws'; // Node 20 has no WebSocket of its own; browsers need nothing

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:4000'}/graphql`;
const cursorFile = process.env.CURSOR_FILE ?? 'case-events.cursor';

async function main(): Promise<void> {
  const client = createClient({ url, token: process.env.TOKEN, webSocketImpl: WebSocket });

  // Without a saved cursor: from now on. With one: what came since, in order, then live.
  const saved = existsSync(cursorFile) ? readFileSync(cursorFile, 'utf8').trim() : undefined;
  console.log(saved ? `resuming after ${saved}` : 'following from now on');
  const events = client.subscribe(
    CaseEventsDocument,
    { filter: { gridId: process.env.GRID_ID } },
    { after: saved },
  );

  // Ending the client ends the loop below, between two events, never in the middle of one.
  const stop = () => void client.dispose();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  for await (const { caseEvents: event } of events) {
    console.log(`${event.eventId} ${event.type} ${event.case.number} ${event.case.status}`);
    // Written aside, then renamed: a crash never leaves half a cursor.
    writeFileSync(`${cursorFile}.tmp`, event.cursor);
    renameSync(`${cursorFile}.tmp`, cursorFile);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
