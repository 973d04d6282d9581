import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from '../../../../../renderer/src/lib/schedule.js';

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('runs once, in a task after the next frame, and not again when the fallback time comes', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
    const callback = vi.fn();
    afterNextPaint(callback, 250);
    vi.advanceTimersByTime(100);
    expect(callback).not.toHaveBeenCalled();
    frames.shift()?.();
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(callback).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback time where no frame is drawn (a hidden window)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const callback = vi.fn();
    afterNextPaint(callback, 250);
    vi.advanceTimersByTime(249);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
