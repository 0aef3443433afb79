/**
 * A leaky bucket of cost points per caller, as in Shopify's API: a caller holds at most
 * `capacity` points, spends a query's requested cost up front, is charged its actual cost after
 * (what it did not use comes back; what it used beyond its request is taken), and regains `restorePerSecond` points every second. Kept in memory, per instance.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface Bucket {
  available: number;
  at: number;
}

const MAX_BUCKETS = 100_000;

export class CostBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly restorePerSecond: number,
  ) {}

  private bucket(key: string, now = Date.now()): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      b = { available: this.capacity, at: now };
      this.buckets.set(key, b);
    } else {
      b.available = Math.min(
        this.capacity,
        b.available + ((now - b.at) / 1000) * this.restorePerSecond,
      );
      b.at = now;
    }
    return b;
  }

  /** Takes `cost` points, or says how many seconds until they are there. */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const b = this.bucket(key);
    if (cost <= b.available) {
      b.available -= cost;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil((cost - b.available) / this.restorePerSecond)),
    };
  }

  /**
   * Settles a query: gives back points it requested but did not use (`points` > 0), or takes
   * what it used beyond its request (`points` < 0), even into debt, which is then waited off.
   */
  adjust(key: string, points: number): void {
    if (points === 0) return;
    const b = this.bucket(key);
    b.available = Math.max(-this.capacity, Math.min(this.capacity, b.available + points));
  }

  status(key: string): ThrottleStatus {
    return {
      maximumAvailable: this.capacity,
      currentlyAvailable: Math.floor(this.bucket(key).available),
      restoreRate: this.restorePerSecond,
    };
  }

  /** Drops buckets that are full again: they hold nothing worth remembering. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.available + ((now - b.at) / 1000) * this.restorePerSecond >= this.capacity)
        this.buckets.delete(key);
    }
  }
}
