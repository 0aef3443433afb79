import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { PublicError } from '../shared/errors';

/**
 * Makes the counters of the limits: in memory (per instance) by default, or in Redis, shared by
 * the instances, when REDIS_URL is set.
 */
export type LimiterStore = (opts: IRateLimiterOptions) => RateLimiterAbstract;

export const memoryStore: LimiterStore = (opts) => new RateLimiterMemory(opts);

/**
 * Counters in Redis, under `keyPrefix`, so that failures spread over instances add up and a
 * lockout holds on all of them (Redis's key expiry times windows and lockouts, so the
 * instances' clocks need not agree). When a command fails (Redis down, or slower than the
 * client's command timeout) that one call is decided by counters in this instance's memory
 * (rate-limiter-flexible's insurance limiter): sign-ins keep being throttled, per instance.
 */
export function redisStore(client: Redis, keyPrefix: string): LimiterStore {
  return (opts) =>
    new RateLimiterRedis({
      ...opts,
      keyPrefix: `${keyPrefix}${opts.keyPrefix ?? ''}`,
      storeClient: client,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
}

export interface LoginLimits {
  /** Failed sign-ins of one username within the window that lock it out; each further one too. */
  failuresPerAccount: number;
  /** The same for one client address, whatever the usernames. */
  failuresPerAddress: number;
  /** How long failures are remembered, from the first one. */
  windowSeconds: number;
  /** The first lockout; each further failure doubles it, up to `lockoutMaxSeconds`. */
  lockoutSeconds: number;
  lockoutMaxSeconds: number;
  /** Password checks (argon2) running at once, and waiting for a turn. */
  maxConcurrent: number;
  maxWaiting: number;
  store?: LimiterStore;
}

/** Failures of one kind of key (usernames, or addresses), and the lockouts they earn. */
class FailureLimit {
  private readonly failures: RateLimiterAbstract;
  private readonly lockouts: RateLimiterAbstract;

  constructor(
    store: LimiterStore,
    name: string,
    private readonly allowed: number,
    windowSeconds: number,
    private readonly lockout: { first: number; max: number },
  ) {
    // Failures only count up (`penalty` never refuses); lockouts are blocks of their own length.
    this.failures = store({
      keyPrefix: `login_fail_${name}`,
      points: Number.MAX_SAFE_INTEGER,
      duration: windowSeconds,
    });
    this.lockouts = store({ keyPrefix: `login_lock_${name}`, points: 1, duration: lockout.max });
  }

  /** Seconds `key` stays locked out; 0 when it is not. */
  async lockedFor(key: string): Promise<number> {
    const res = await this.lockouts.get(key);
    if (!res || res.consumedPoints <= this.lockouts.points || res.msBeforeNext <= 0) return 0;
    return Math.ceil(res.msBeforeNext / 1000);
  }

  async failed(key: string): Promise<void> {
    const { consumedPoints: failures } = await this.failures.penalty(key, 1);
    if (failures < this.allowed) return;
    const seconds = Math.min(
      this.lockout.first * 2 ** Math.min(failures - this.allowed, 30),
      this.lockout.max,
    );
    await this.lockouts.block(key, seconds);
  }

  async reset(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.lockouts.delete(key)]);
  }
}

/** A counting semaphore with a bounded queue: `run` refuses at once when the queue is full. */
export class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly maxWaiting: number,
  ) {}

  /** Runs `fn` in a slot; null, without running it, when every slot and place in line is taken. */
  async run<T>(fn: () => Promise<T>): Promise<{ value: T } | null> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxWaiting) return null;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return { value: await fn() };
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const rateLimited = (seconds: number, message: string) =>
  new PublicError('RATE_LIMITED', message, { retryAfterSeconds: seconds });

/**
 * Brute-force protection for password sign-in: failures are counted per username and per client
 * address; after a few, that username (or address) is locked out, and each further failure locks
 * it out for twice as long as the last. While locked out, every attempt is refused before its
 * password is hashed, the right password too. Password checks run a few at a time, so a flood of
 * sign-ins cannot take the CPU from other requests. Unknown usernames count like known ones, so
 * lockouts reveal nothing about which accounts exist. The counters and lockouts live in the
 * `store` (shared through Redis across instances when configured); the password checks' slots
 * are this instance's CPU, so they are counted per instance.
 */
export class LoginThrottle {
  private readonly accounts: FailureLimit;
  private readonly addresses: FailureLimit;
  private readonly slots: Slots;

  constructor(limits: LoginLimits) {
    const store = limits.store ?? memoryStore;
    const lockout = { first: limits.lockoutSeconds, max: limits.lockoutMaxSeconds };
    this.accounts = new FailureLimit(
      store,
      'account',
      limits.failuresPerAccount,
      limits.windowSeconds,
      lockout,
    );
    this.addresses = new FailureLimit(
      store,
      'address',
      limits.failuresPerAddress,
      limits.windowSeconds,
      lockout,
    );
    this.slots = new Slots(limits.maxConcurrent, limits.maxWaiting);
  }

  /** Throws RATE_LIMITED while the username or the address is locked out. */
  async admit(account: string, address: string): Promise<void> {
    const [byAccount, byAddress] = await Promise.all([
      this.accounts.lockedFor(account),
      this.addresses.lockedFor(address),
    ]);
    const seconds = Math.max(byAccount, byAddress);
    if (seconds > 0) {
      throw rateLimited(
        seconds,
        `Too many failed sign-ins ${byAccount >= byAddress ? 'for this account' : 'from this address'}; try again in ${seconds} s.`,
      );
    }
  }

  /**
   * Runs the password check `verify` when a slot is free, after checking the lockouts again
   * (others may have failed meanwhile); throws RATE_LIMITED instead when locked out or busy.
   */
  async check(account: string, address: string, verify: () => Promise<boolean>): Promise<boolean> {
    const result = await this.slots.run(async () => {
      await this.admit(account, address);
      return verify();
    });
    if (!result) throw rateLimited(1, 'Too many sign-ins at once; try again in 1 s.');
    return result.value;
  }

  async failed(account: string, address: string): Promise<void> {
    await Promise.all([this.accounts.failed(account), this.addresses.failed(address)]);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  async succeeded(account: string): Promise<void> {
    await this.accounts.reset(account);
  }
}
