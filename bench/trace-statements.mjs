// Preload (`node --import ./bench/trace-statements.mjs …`): appends every statement a `pg` client
// of the process sends (its text and the prepared statement's name, if any) to TRACE_FILE, one
// JSON line each, with the backend's pid and the time it took. For profiling what one request
// sends, or capturing the SQL a query runs for EXPLAIN (bench/cases-page.mjs); not for speed.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const resolveFrom = createRequire(join(process.cwd(), 'packages/server/package.json'));
const { Client } = resolveFrom('pg');
const file = process.env.TRACE_FILE;
const original = Client.prototype.query;
Client.prototype.query = function traced(config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  const name = typeof config === 'object' ? config?.name : undefined;
  const params = Array.isArray(values) ? values : config?.values;
  const start = process.hrtime.bigint();
  const result = original.call(this, config, values, callback);
  const done = () =>
    appendFileSync(
      file,
      JSON.stringify({
        pid: this.processID,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        name,
        text: String(text ?? ''),
        params,
      }) + '\n',
    );
  if (result && typeof result.then === 'function') result.then(done, done);
  else done();
  return result;
};
