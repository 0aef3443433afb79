import type { Result } from 'ioredis';
import type { RedisLink } from '../../db/redis';
import { MemoryBuckets, refilled, retryAfter, type BucketStore, type Taken } from './rate-limit';

/**
 * The leaky bucket's arithmetic (`MemoryBuckets`), done atomically in Redis on Redis's own clock
 * (`TIME`), so that the instances' clocks need not agree. A bucket is a hash of its points (`a`)
 * and when it held them (`t`, ms); it expires when it would be full again, since a full bucket
 * and none are the same. A refusal writes nothing.
 *
 * KEYS[1] the bucket; ARGV: capacity, restore per second, points, and `take` (take the points
 * or refuse) or `adjust` (add them, negative ones too, down to -capacity). Answers
 * `{1 taken | 0 refused, points available after (as text: Lua numbers would be truncated)}`.
 */
const BUCKET_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local points = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local saved = redis.call('HMGET', KEYS[1], 'a', 't')
local available = capacity
if saved[1] then
  available = math.min(capacity, tonumber(saved[1]) + math.max(0, now - tonumber(saved[2])) / 1000 * rate)
end
if ARGV[4] == 'take' then
  if points > available then return {0, tostring(available)} end
  available = available - points
else
  available = math.max(-capacity, math.min(capacity, available + points))
end
local ms = math.ceil((capacity - available) / rate * 1000)
if ms <= 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'a', string.format('%.17g', available), 't', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], ms + 1000)
end
return {1, tostring(available)}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    lianxinBucket(
      key: string,
      capacity: number,
      restorePerSecond: number,
      points: number,
      mode: 'take' | 'adjust',
    ): Result<[0 | 1, string], Context>;
  }
}

/**
 * Buckets shared by every instance through Redis: a caller who spends its points on one instance
 * finds them spent on the others. One round trip to take, one to settle, none to settle a query
 * that cost what it asked for.
 *
 * When Redis cannot be used (`RedisLink`), this instance's own buckets decide instead, so the
 * limit still holds, per instance, through an outage; a query settles where it was taken. A
 * settlement Redis does not answer is dropped (the caller keeps what it was charged up front).
 */
export class RedisBuckets implements BucketStore {
  private readonly local: MemoryBuckets;

  constructor(
    private readonly link: RedisLink,
    readonly capacity: number,
    readonly restorePerSecond: number,
  ) {
    this.local = new MemoryBuckets(capacity, restorePerSecond);
    link.client.defineCommand('lianxinBucket', { numberOfKeys: 1, lua: BUCKET_SCRIPT });
  }

  async take(key: string, cost: number): Promise<Taken> {
    if (!this.link.usable) return this.takeLocally(key, cost);
    let answer: [0 | 1, string];
    try {
      answer = await this.run(key, cost, 'take');
    } catch (error) {
      this.link.failed(error);
      return this.takeLocally(key, cost);
    }
    const available = Number(answer[1]);
    if (answer[0] === 1) return { ok: true, available, at: Date.now() };
    return {
      ok: false,
      available,
      retryAfterSeconds: retryAfter(cost, available, this.restorePerSecond),
    };
  }

  async adjust(key: string, points: number, taken: Taken & { ok: true }): Promise<number> {
    if (taken.local) return this.local.adjustNow(key, points);
    const estimate = () => refilled(this, taken.available + points, taken.at, Date.now());
    if (points === 0 || !this.link.usable) return estimate();
    try {
      return Number((await this.run(key, points, 'adjust'))[1]);
    } catch (error) {
      this.link.failed(error);
      return estimate();
    }
  }

  private async run(key: string, points: number, mode: 'take' | 'adjust') {
    const answer = await this.link.client.lianxinBucket(
      `${this.link.keyPrefix}rate:${key}`,
      this.capacity,
      this.restorePerSecond,
      points,
      mode,
    );
    this.link.answered();
    return answer;
  }

  private takeLocally(key: string, cost: number): Taken {
    this.link.decidedLocally();
    const taken = this.local.takeNow(key, cost);
    return taken.ok ? { ...taken, local: true } : taken;
  }
}
