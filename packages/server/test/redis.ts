import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';

/**
 * Redis for the tests that share limits across instances: REDIS_URL, or the one this machine
 * (and CI) runs. Those tests run whenever a Redis answers, and are skipped, saying why, only
 * when none does, so that `npm test` passes where no Redis is installed.
 */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(): boolean {
  // Checked once, synchronously, so that a file can choose `describe` or `describe.skip`.
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const { Redis } = require('ioredis');
       const r = new Redis(process.argv[1], { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
       r.on('error', () => {});
       r.connect().then(() => r.ping()).then((p) => process.exit(p === 'PONG' ? 0 : 1), () => process.exit(1));`,
      REDIS_URL,
    ],
    { cwd: __dirname, timeout: 5000 },
  );
  return probe.status === 0;
}

export const redisAvailable = redisAnswers();

/** `describe` when Redis answers; otherwise `describe.skip`, with a message that says why. */
export function describeWithRedis(name: string, fn: () => void): void {
  if (redisAvailable) return describe(name, fn);
  console.warn(
    `Skipping "${name}": no Redis answers at ${REDIS_URL} (start one, or point REDIS_URL at one, to run it).`,
  );
  describe.skip(name, fn);
}

/** A key prefix no other test run uses, so parallel runs sharing one Redis never collide. */
export function uniquePrefix(): string {
  return `lianxin-test:${randomBytes(6).toString('hex')}:`;
}

/** Removes every key under `prefix` (what a test run left behind). */
export async function dropKeys(prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/**
 * A TCP proxy in front of the real Redis, which a test can cut (Redis unreachable: connections
 * dropped and refused) or stall (connections open, nothing answered), and then restore.
 */
export class RedisProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private stalled = false;
  port = 0;

  /** REDIS_URL through this proxy. */
  get url(): string {
    const url = new URL(REDIS_URL);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Starts accepting connections, on the same port as before if it ran already. */
  async start(): Promise<void> {
    const target = new URL(REDIS_URL);
    const server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on('data', (chunk) => to.write(chunk));
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
        if (this.stalled) from.pause();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  /** Redis goes away: open connections are dropped and new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((r) => server.close(r));
  }

  /** Redis stops answering, its connections left open; what was sent waits, in order. */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
