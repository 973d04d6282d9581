import { describe, expect, it } from 'vitest';
import { ManualClock, sleep } from '../../../../electron/core/clock.js';

const START = Date.UTC(2026, 10, 23, 9, 0);

describe('ManualClock', () => {
  it('stands still until told to move', async () => {
    const clock = new ManualClock(START);
    expect(clock.now()).toBe(START);
    await clock.advance(1_500);
    expect(clock.now()).toBe(START + 1_500);
  });

  it('fires due timers in order of due time, then of creation, each at its own time', async () => {
    const clock = new ManualClock(START);
    const fired: [string, number][] = [];
    clock.setTimeout(() => fired.push(['late', clock.now() - START]), 300);
    clock.setTimeout(() => fired.push(['first', clock.now() - START]), 100);
    clock.setTimeout(() => fired.push(['second', clock.now() - START]), 100);
    clock.setTimeout(() => fired.push(['beyond', clock.now() - START]), 1_000);
    await clock.advance(500);
    expect(fired).toEqual([
      ['first', 100],
      ['second', 100],
      ['late', 300],
    ]);
    expect(clock.now()).toBe(START + 500);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers that a firing timer sets, when they fall within the advance', async () => {
    const clock = new ManualClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now() - START);
      clock.setTimeout(() => fired.push(clock.now() - START), 200);
    }, 100);
    await clock.advance(250);
    expect(fired).toEqual([100]);
    await clock.advance(50);
    expect(fired).toEqual([100, 300]);
  });

  it('a negative delay fires at the next advance, not in the past', async () => {
    const clock = new ManualClock(START);
    let firedAt: number | null = null;
    clock.setTimeout(() => (firedAt = clock.now()), -50);
    await clock.advance(0);
    expect(firedAt).toBe(START);
  });

  it('clearTimeout cancels one timer and leaves the others', async () => {
    const clock = new ManualClock(START);
    const fired: string[] = [];
    const a = clock.setTimeout(() => fired.push('a'), 100);
    clock.setTimeout(() => fired.push('b'), 100);
    clock.clearTimeout(a);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(100);
    expect(fired).toEqual(['b']);
  });

  it('lets promise callbacks run between timers', async () => {
    const clock = new ManualClock(START);
    const seen: string[] = [];
    clock.setTimeout(() => void Promise.resolve().then(() => seen.push('after first')), 10);
    clock.setTimeout(() => seen.push('second'), 20);
    await clock.advance(20);
    expect(seen).toEqual(['after first', 'second']);
  });

  it('jump moves the wall clock without firing anything, as an unreported sleep', async () => {
    const clock = new ManualClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 1_000);
    clock.jump(60_000);
    expect(clock.now()).toBe(START + 60_000);
    expect(fired).toEqual([]);
    // The overdue timer fires at the next advance, at the time it is found.
    await clock.advance(0);
    expect(fired).toEqual([START + 60_000]);
  });
});

describe('sleep', () => {
  it('resolves when the clock reaches the end of the wait', async () => {
    const clock = new ManualClock(START);
    let done = false;
    void sleep(clock, 1_000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
  });

  it('rejects at once with the reason of a signal already aborted, setting no timer', async () => {
    const clock = new ManualClock(START);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(sleep(clock, 1_000, controller.signal)).rejects.toThrow('stopped');
    expect(clock.pendingTimers).toBe(0);
  });

  it('an abort during the wait rejects and clears the timer', async () => {
    const clock = new ManualClock(START);
    const controller = new AbortController();
    const waiting = sleep(clock, 1_000, controller.signal);
    expect(clock.pendingTimers).toBe(1);
    controller.abort(new Error('quit'));
    await expect(waiting).rejects.toThrow('quit');
    expect(clock.pendingTimers).toBe(0);
  });
});
