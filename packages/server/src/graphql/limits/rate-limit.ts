/**
 * A leaky bucket of cost points per caller, as in Shopify's API: a caller holds at most
 * `capacity` points, spends a query's requested cost up front, is charged its actual cost after
 * (what it did not use comes back; what it used beyond its request is taken), and regains
 * `restorePerSecond` points every second. Where the buckets live is a `BucketStore`: this
 * instance's memory (`MemoryBuckets`), or Redis when the instances share them (`RedisBuckets`).
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** What `take` answers: the points left (before refusing, or after taking), and when refused, when to retry. */
export type Taken =
  | { ok: true; available: number; at: number; local?: boolean }
  | { ok: false; available: number; retryAfterSeconds: number };

/** Where the buckets live. Both implementations follow the same arithmetic. */
export interface BucketStore {
  readonly capacity: number;
  readonly restorePerSecond: number;
  /** Takes `cost` points, or says how many seconds until they are there. */
  take(key: string, cost: number): Promise<Taken>;
  /**
   * Settles what `taken` took: gives back points it requested but did not use (`points` > 0),
   * or takes what it used beyond its request (`points` < 0), even into debt, which is then
   * waited off. Answers the points available after.
   */
  adjust(key: string, points: number, taken: Taken & { ok: true }): Promise<number>;
}

/** The throttle status with `available` points in the bucket. */
export function throttleStatus(store: BucketStore, available: number): ThrottleStatus {
  return {
    maximumAvailable: store.capacity,
    currentlyAvailable: Math.floor(available),
    restoreRate: store.restorePerSecond,
  };
}

/** Seconds until `cost` points are there, when `available` are (at least 1). */
export function retryAfter(cost: number, available: number, restorePerSecond: number): number {
  return Math.max(1, Math.ceil((cost - available) / restorePerSecond));
}

/**
 * Points in a bucket that held `available` at `at` (ms), at `now`: refilled at the restore rate,
 * up to capacity. What `adjust` answers when nothing changed, without asking the store.
 */
export function refilled(
  store: Pick<BucketStore, 'capacity' | 'restorePerSecond'>,
  available: number,
  at: number,
  now: number,
): number {
  return Math.min(
    store.capacity,
    available + (Math.max(0, now - at) / 1000) * store.restorePerSecond,
  );
}

interface Bucket {
  available: number;
  at: number;
}

const MAX_BUCKETS = 100_000;

/** Buckets in this instance's memory: the limit holds per instance. */
export class MemoryBuckets implements BucketStore {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly restorePerSecond: number,
  ) {}

  private bucket(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      b = { available: this.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.available = refilled(this, b.available, b.at, now);
      b.at = now;
    }
    return b;
  }

  takeNow(key: string, cost: number): Taken {
    const now = Date.now();
    const b = this.bucket(key, now);
    if (cost <= b.available) {
      b.available -= cost;
      return { ok: true, available: b.available, at: now };
    }
    return {
      ok: false,
      available: b.available,
      retryAfterSeconds: retryAfter(cost, b.available, this.restorePerSecond),
    };
  }

  adjustNow(key: string, points: number): number {
    const b = this.bucket(key, Date.now());
    b.available = Math.max(-this.capacity, Math.min(this.capacity, b.available + points));
    return b.available;
  }

  take(key: string, cost: number): Promise<Taken> {
    return Promise.resolve(this.takeNow(key, cost));
  }

  adjust(key: string, points: number): Promise<number> {
    return Promise.resolve(this.adjustNow(key, points));
  }

  /** Drops buckets that are full again: they hold nothing worth remembering. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (refilled(this, b.available, b.at, now) >= this.capacity) this.buckets.delete(key);
    }
  }
}
