import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { LeakyBucket, SerialQueue } from '../../../../../electron/core/bitrix/rate-limiter.js';

/** Acquires `count` slots back to back and records the clock time each was granted. */
async function grantTimes(
  clock: ManualClock,
  bucket: LeakyBucket,
  count: number,
  advanceMs: number,
): Promise<number[]> {
  const start = clock.now();
  const times: number[] = [];
  const all = Array.from({ length: count }, () =>
    bucket.acquire().then(() => times.push(clock.now() - start)),
  );
  await clock.advance(advanceMs);
  await Promise.all(all);
  return times;
}

describe('LeakyBucket', () => {
  it('lets a burst of `capacity` through at once, then paces at the drain rate (2/s)', async () => {
    const clock = new ManualClock();
    const bucket = new LeakyBucket(clock);
    const times = await grantTimes(clock, bucket, 14, 10_000);
    expect(times).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500, 1000, 1500, 2000]);
  });

  it('paces Enterprise portals at 5/s', async () => {
    const clock = new ManualClock();
    const bucket = new LeakyBucket(clock, { drainPerSecond: 5, capacity: 2 });
    expect(await grantTimes(clock, bucket, 5, 5_000)).toEqual([0, 0, 200, 400, 600]);
  });

  it('drains while idle', async () => {
    const clock = new ManualClock();
    const bucket = new LeakyBucket(clock, { drainPerSecond: 2, capacity: 3 });
    await grantTimes(clock, bucket, 3, 0);
    expect(bucket.waitMs()).toBe(500);
    await clock.advance(1_000);
    expect(bucket.pending).toBeCloseTo(1);
    expect(bucket.waitMs()).toBe(0);
  });

  it('does not fill up when the clock goes backwards', async () => {
    const clock = new ManualClock();
    const bucket = new LeakyBucket(clock, { drainPerSecond: 2, capacity: 2 });
    await bucket.acquire();
    clock.jump(-60_000);
    expect(bucket.pending).toBe(1);
  });

  it('an aborted wait rejects with the reason and does not hold up the next caller', async () => {
    const clock = new ManualClock();
    const bucket = new LeakyBucket(clock, { drainPerSecond: 1, capacity: 1 });
    await bucket.acquire();
    const controller = new AbortController();
    const aborted = bucket.acquire(controller.signal);
    const next = bucket.acquire();
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    let granted = false;
    void next.then(() => (granted = true));
    await clock.advance(999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('rejects nonsense limits', () => {
    const clock = new ManualClock();
    expect(() => new LeakyBucket(clock, { drainPerSecond: 0 })).toThrow(RangeError);
    expect(() => new LeakyBucket(clock, { capacity: 0 })).toThrow(RangeError);
  });
});

describe('SerialQueue', () => {
  it('runs one task at a time, in order, and survives failures', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    let running = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        running += 1;
        expect(running).toBe(1);
        events.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end ${name}`);
        running -= 1;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run(task('a')),
      queue.run(task('b', true)),
      queue.run(task('c')),
    ]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(queue.size).toBe(0);
  });
});
