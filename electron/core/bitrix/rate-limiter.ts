import { sleep, type Clock } from '../clock.js';
import { SECOND_MS } from '../../shared/time-units.js';

/*
 * Client-side mirror of the portal's leaky bucket. The portal drains 2 requests/s (5/s on
 * Enterprise) and blocks above 50; staying under a much smaller capacity keeps this app from
 * eating the budget that the user's browser and other integrations share with it.
 */
export interface RateLimit {
  readonly drainPerSecond: number;
  readonly capacity: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { drainPerSecond: 2, capacity: 10 };

export class LeakyBucket {
  readonly drainPerSecond: number;
  readonly capacity: number;
  private level = 0;
  private updatedAt: number;
  /** Acquires wait in arrival order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly clock: Clock,
    limit: Partial<RateLimit> = {},
  ) {
    this.drainPerSecond = limit.drainPerSecond ?? DEFAULT_RATE_LIMIT.drainPerSecond;
    this.capacity = limit.capacity ?? DEFAULT_RATE_LIMIT.capacity;
    if (!(this.drainPerSecond > 0) || !Number.isFinite(this.drainPerSecond))
      throw new RangeError('drainPerSecond must be a positive number');
    if (!(this.capacity >= 1) || !Number.isFinite(this.capacity))
      throw new RangeError('capacity must be at least 1');
    this.updatedAt = clock.now();
  }

  /** Requests counted in the bucket right now (fractional while draining). */
  get pending(): number {
    this.drain();
    return this.level;
  }

  /** How long a request arriving now would wait, in ms. */
  waitMs(): number {
    this.drain();
    const excess = this.level + 1 - this.capacity;
    // The epsilon absorbs float residue, which would otherwise cost an extra 1 ms timer.
    return excess <= 1e-9 ? 0 : Math.ceil((excess * SECOND_MS) / this.drainPerSecond);
  }

  /** Resolves when one more request fits; rejects with the signal's reason when aborted. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.take(signal));
    // A rejected (aborted) acquire must not block the ones behind it.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const wait = this.waitMs();
      if (wait === 0) {
        this.level += 1;
        return;
      }
      await sleep(this.clock, wait, signal);
    }
  }

  private drain(): void {
    const now = this.clock.now();
    // A clock that goes backwards (system time change) must not fill the bucket.
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.max(0, this.level - (elapsed * this.drainPerSecond) / SECOND_MS);
    this.updatedAt = now;
  }
}

/** Runs tasks one at a time, in order: one request in flight per client, never parallel streams. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Tasks waiting or running. */
  get size(): number {
    return this.queued;
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    this.queued += 1;
    const result = this.tail.then(task).finally(() => {
      this.queued -= 1;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
