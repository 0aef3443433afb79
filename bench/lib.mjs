// Shared pieces of the benchmarks: start a server as a child process, drive it with N concurrent
// keep-alive clients for a fixed time, and read the child's CPU time from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) of a process and its threads, in milliseconds. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Starts `node args…` with `env`, and waits until GET `readyPath` answers 200. */
export async function startProcess(args, env, port, readyPath = '/readyz') {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const status = await new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: readyPath }, (res) => {
            res.resume();
            resolve(res.statusCode);
          })
          .on('error', reject);
      });
      if (status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not become ready`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** One POST; resolves to [status, body]. */
function post(agent, port, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve([res.statusCode, Buffer.concat(chunks)]));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Drives `port` with `concurrency` clients, each sending `body` as soon as the last answer came,
 * for `seconds`. `body` is a string, or a function `(client, n)` giving each request's body (a
 * mutation with its own input). `check(status, body)` returns an error string or null. Returns
 * req/s, latency percentiles (ms), errors and the server's CPU per request (if `pid` is given).
 */
export async function load({
  port,
  path = '/graphql',
  headers = {},
  body,
  concurrency,
  seconds,
  pid,
  check,
}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const fixed = typeof body === 'string';
  const headersFor = (text) => ({
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  const allHeaders = fixed ? headersFor(body) : null;
  const latencies = [];
  let errors = 0;
  let firstError = null;
  let bytes = 0;
  const cpuStart = pid ? cpuMs(pid) : 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const text = fixed ? body : body(client, n);
        const t = performance.now();
        const [status, res] = await post(agent, port, path, allHeaders ?? headersFor(text), text);
        latencies.push(performance.now() - t);
        bytes += res.length;
        const problem = check ? check(status, res) : status === 200 ? null : `HTTP ${status}`;
        if (problem) {
          errors++;
          firstError ??= problem;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = pid ? cpuMs(pid) - cpuStart : 0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    latencies,
    elapsed,
    cpu,
    bytes,
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    firstError,
    avgBytes: Math.round(bytes / Math.max(1, latencies.length)),
    cpuMsPerRequest: pid ? cpu / latencies.length : null,
  };
}

/** Busy CPU time of the whole machine (all cores, all processes), in milliseconds. */
export function machineBusyMs() {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: all but idle and iowait
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / 100;
}

/**
 * One result from several `load` slices of the same target (alternated with others'). Sums the
 * slices' optional `pgCpu` (its database backends' CPU ms) and `othersCpu` (everything else on the
 * machine) too.
 */
export function mergeLoads(parts) {
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b);
  const elapsed = parts.reduce((sum, p) => sum + p.elapsed, 0);
  const cpu = parts.reduce((sum, p) => sum + p.cpu, 0);
  const bytes = parts.reduce((sum, p) => sum + p.bytes, 0);
  const errors = parts.reduce((sum, p) => sum + p.errors, 0);
  const sumOf = (key) =>
    parts.every((p) => p[key] != null) ? parts.reduce((sum, p) => sum + p[key], 0) : null;
  const pgCpu = sumOf('pgCpu');
  const othersCpu = sumOf('othersCpu');
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    firstError: parts.find((p) => p.firstError)?.firstError ?? null,
    avgBytes: Math.round(bytes / Math.max(1, latencies.length)),
    cpuMsPerRequest: parts[0].cpuMsPerRequest === null ? null : cpu / latencies.length,
    pgCpuMsPerRequest: pgCpu === null ? null : pgCpu / latencies.length,
    // Cores' worth of CPU that other processes used meanwhile: the machine's noise.
    othersCores: othersCpu === null ? null : othersCpu / (elapsed * 1000),
  };
}

/** A GraphQL answer is good when it is a 200 without errors. Cheap: the client shares the CPUs. */
export function graphqlCheck(status, body) {
  if (status !== 200) return `HTTP ${status}: ${body.toString().slice(0, 200)}`;
  const at = body.indexOf('"errors":');
  if (at !== -1) return body.toString('utf8', at, at + 300);
  return null;
}
