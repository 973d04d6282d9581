import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { HEALTH_STATES, type HealthState } from '../../../../../electron/shared/domain.js';
import {
  HOST_SILENCE_SLACK_MS,
  hostSilentAfter,
  isLastKnown,
} from '../../../../../renderer/src/lib/live.js';

describe('isLastKnown', () => {
  it('live only while the data is fresh, connecting, or briefly rate-limited', () => {
    const lastKnown = (state: HealthState) => isLastKnown(state, true);
    expect(HEALTH_STATES.filter(lastKnown)).toEqual(['stale', 'auth-failed', 'offline']);
    expect(HEALTH_STATES.filter((state) => !lastKnown(state))).toEqual([
      'connecting',
      'ok',
      'rate-limited',
    ]);
  });

  it('nothing is live once the panel has lost its host', () => {
    for (const state of HEALTH_STATES) expect(isLastKnown(state, false)).toBe(true);
  });
});

describe('hostSilentAfter', () => {
  const lastNews = new ManualClock().now();

  it('allows two poll intervals and a request timeout after the last news', () => {
    expect(hostSilentAfter(lastNews, null, 30)).toBe(lastNews + 60_000 + HOST_SILENCE_SLACK_MS);
    expect(hostSilentAfter(lastNews, null, 300)).toBe(lastNews + 600_000 + HOST_SILENCE_SLACK_MS);
  });

  it('counts from the next try when the host said it waits until then', () => {
    const nextTry = lastNews + 10 * 60_000;
    expect(hostSilentAfter(lastNews, nextTry, 30)).toBe(nextTry + 60_000 + HOST_SILENCE_SLACK_MS);
  });

  it('a next try already past counts from the last news', () => {
    expect(hostSilentAfter(lastNews, lastNews - 5_000, 30)).toBe(
      hostSilentAfter(lastNews, null, 30),
    );
  });
});
