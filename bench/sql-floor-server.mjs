// The "hand-written SQL floor" for the benchmark queries (bench/queries.mjs): a bare Node HTTP
// server that answers POST /<query> (page20, gridTree, …) with one prepared statement in which
// PostgreSQL builds the whole JSON response. No GraphQL, no validation, no auth, no row-level
// security (it connects as the owner): the fastest this data can be served from Node on this
// machine by the obvious means.
//
//   DATABASE_URL=postgres://…/lianxin_bench PORT=5679 STREET_CODE=990001005 \
//     node bench/sql-floor-server.mjs
import http from 'node:http';
import pg from 'pg';
import { floorStatements } from './queries.mjs';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL ?? 10),
  // How bench/nested-queries.mjs finds this server's backends; UTC as Lianxin's sessions.
  application_name: 'sql-floor',
  options: '-c TimeZone=UTC',
  // Each backend keeps its heap, as Lianxin's do (packages/server/src/db/database.ts, KEEP_HEAP):
  // all targets alike (BENCH_KEEP_HEAP=0 turns it off here).
  ...(process.env.BENCH_KEEP_HEAP !== '0'
    ? { onConnect: (client) => client.query(`SELECT length(repeat('x', 8388608))`) }
    : {}),
});
const statements = new Map(
  Object.entries(floorStatements).map(([name, text]) => [
    `/${name}`,
    { name: `floor_${name}`, text },
  ]),
);
const street = [process.env.STREET_CODE ?? '990001005'];

const server = http.createServer((req, res) => {
  if (req.url === '/readyz') return res.end('ok');
  const statement = statements.get(req.url);
  req.resume();
  req.on('end', async () => {
    if (!statement) {
      res.writeHead(404).end();
      return;
    }
    const { rows } = await pool.query({ ...statement, values: street });
    const body = JSON.stringify(rows[0].body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
