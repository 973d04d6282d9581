import { describe, expect, it } from 'vitest';
import { AWAY_AFTER_IDLE_SEC, watchUserIdle } from '../../../../electron/main/user-presence.js';

describe('watchUserIdle', () => {
  it('tells the service once when the user goes idle for 10 minutes, and once when they are back', () => {
    let idle = 0;
    const calls: string[] = [];
    let tick: (() => void) | null = null;
    const stop = watchUserIdle(
      { getSystemIdleTime: () => idle },
      { userAway: () => calls.push('away'), userBack: () => calls.push('back') },
      {
        setInterval: (callback) => ((tick = callback), 'handle'),
        clearInterval: (handle) => calls.push(`cleared ${String(handle)}`),
      },
    );
    const at = (seconds: number) => {
      idle = seconds;
      tick?.();
    };
    at(30);
    at(AWAY_AFTER_IDLE_SEC - 1);
    expect(calls).toEqual([]);
    at(AWAY_AFTER_IDLE_SEC);
    at(AWAY_AFTER_IDLE_SEC + 300);
    at(2);
    at(1);
    expect(calls).toEqual(['away', 'back']);
    stop();
    expect(calls.at(-1)).toBe('cleared handle');
  });
});
