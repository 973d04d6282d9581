/*
 * Bitrix24's per-portal leaky bucket: every request adds one, the level drains at a fixed rate,
 * and a request that would overflow the capacity is refused (503 QUERY_LIMIT_EXCEEDED) without
 * being counted. Time comes from the portal's clock, so tests can burst without sleeping.
 */
export interface LeakyBucketOptions {
  readonly drainPerSecond: number;
  readonly capacity: number;
}

export const DEFAULT_RATE_LIMIT: LeakyBucketOptions = { drainPerSecond: 2, capacity: 50 };

export class LeakyBucket {
  private level = 0;
  private lastAt: number | null = null;

  constructor(private readonly options: LeakyBucketOptions) {
    if (!(options.drainPerSecond > 0) || !(options.capacity >= 1)) {
      throw new Error('rateLimit needs drainPerSecond > 0 and capacity >= 1');
    }
  }

  /** Counts a request at `now`; false when the bucket is full and the request must be refused. */
  tryTake(now: number): boolean {
    this.drain(now);
    if (this.level + 1 > this.options.capacity) return false;
    this.level += 1;
    return true;
  }

  /** Current fill level (for tests and diagnostics). */
  levelAt(now: number): number {
    this.drain(now);
    return this.level;
  }

  private drain(now: number): void {
    if (this.lastAt !== null && now > this.lastAt) {
      this.level = Math.max(
        0,
        this.level - ((now - this.lastAt) / 1000) * this.options.drainPerSecond,
      );
    }
    if (this.lastAt === null || now > this.lastAt) this.lastAt = now;
  }
}

/**
 * The per-method processing-time budget: seconds of work per method in one-minute buckets over
 * the last ten minutes, reported as `operating` in every `time` block.
 */
export class OperatingBudget {
  private readonly buckets = new Map<string, Map<number, number>>();

  record(method: string, now: number, seconds: number): void {
    const minute = Math.floor(now / 60_000);
    const perMethod = this.buckets.get(method) ?? new Map<number, number>();
    perMethod.set(minute, (perMethod.get(minute) ?? 0) + seconds);
    for (const key of perMethod.keys()) if (key <= minute - 10) perMethod.delete(key);
    this.buckets.set(method, perMethod);
  }

  /** Seconds used in the window, and when the oldest counted minute leaves it (Unix seconds). */
  usage(method: string, now: number): { operating: number; resetAt: number } {
    const minute = Math.floor(now / 60_000);
    let operating = 0;
    let oldest = minute;
    for (const [key, seconds] of this.buckets.get(method) ?? []) {
      if (key > minute - 10) {
        operating += seconds;
        oldest = Math.min(oldest, key);
      }
    }
    return { operating: Math.round(operating * 1e6) / 1e6, resetAt: (oldest + 10) * 60 };
  }
}
