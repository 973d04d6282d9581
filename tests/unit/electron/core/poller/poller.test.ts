import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type { Health } from '../../../../../electron/shared/domain.js';
import { B24Error, type B24ErrorKind } from '../../../../../electron/core/bitrix/errors.js';
import { Poller, type RefreshReason } from '../../../../../electron/core/poller/poller.js';
import { classifyFailure } from '../../../../../electron/core/engine/failure.js';

const INTERVAL = 30_000;

function setup(
  options: {
    retryDelay?: (error: B24Error, attempt: number) => number | null;
    random?: () => number;
  } = {},
) {
  const clock = new ManualClock();
  const reasons: RefreshReason[] = [];
  const healths: Health[] = [];
  const script: Array<B24Error | 'hang' | null> = [];
  let release: (() => void) | null = null;
  const poller = new Poller({
    clock,
    intervalMs: () => INTERVAL,
    random: options.random ?? (() => 0),
    // The engine's classification, with a back-off simple enough to count on in these tests.
    classifyFailure: (error, attempt, now) =>
      classifyFailure(error, attempt, now, (b24, n) =>
        options.retryDelay
          ? options.retryDelay(b24, n)
          : b24.kind === 'auth-invalid'
            ? null
            : 5_000,
      ),
    onHealth: (health) => healths.push(health),
    refresh: async ({ reason }) => {
      reasons.push(reason);
      const next = script.shift() ?? null;
      if (next === 'hang') await new Promise<void>((resolve) => (release = resolve));
      else if (next) throw next;
    },
  });
  return { clock, poller, reasons, healths, script, releaseHang: () => release?.() };
}

const failure = (kind: B24ErrorKind): B24Error =>
  new B24Error({ kind, code: kind.toUpperCase(), message: `${kind} happened` });

describe('Poller', () => {
  it('refreshes at once on start, then once per interval', async () => {
    const { clock, poller, reasons, healths } = setup();
    poller.start();
    await clock.advance(0);
    expect(reasons).toEqual(['first']);
    expect(healths.at(-1)?.state).toBe('ok');
    await clock.advance(INTERVAL - 1);
    expect(reasons).toHaveLength(1);
    await clock.advance(1);
    expect(reasons).toHaveLength(2);
    await clock.advance(INTERVAL * 3);
    expect(reasons).toEqual(['first', 'scheduled', 'scheduled', 'scheduled', 'scheduled']);
    await poller.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('jitters polls earlier by at most a tenth of the interval', async () => {
    const { clock, poller, reasons } = setup({ random: () => 0.999 });
    poller.start();
    await clock.advance(0);
    await clock.advance(INTERVAL * 0.9 - 100);
    expect(reasons).toHaveLength(1);
    await clock.advance(200);
    expect(reasons).toHaveLength(2);
    await poller.stop();
  });

  it('keeps a single request in flight', async () => {
    const { clock, poller, reasons, script, releaseHang } = setup();
    script.push('hang');
    poller.start();
    await clock.advance(0);
    const manual = poller.refreshNow();
    await clock.advance(INTERVAL * 5);
    expect(reasons).toEqual(['first']);
    releaseHang();
    await manual;
    expect(reasons).toEqual(['first']);
    await poller.stop();
  });

  it('does not poll while paused and refreshes at once on resume, as a silent baseline', async () => {
    const { clock, poller, reasons } = setup();
    poller.start();
    await clock.advance(0);
    poller.pause();
    await clock.advance(INTERVAL * 10);
    expect(reasons).toEqual(['first']);
    poller.resume();
    await clock.advance(0);
    expect(reasons).toEqual(['first', 'resume']);
    await poller.stop();
  });

  it('reports rate limiting with the time polling resumes, then recovers', async () => {
    const { clock, poller, reasons, healths, script } = setup();
    poller.start();
    await clock.advance(0);
    script.push(failure('rate-limited'));
    await clock.advance(INTERVAL);
    const limited = healths.at(-1)!;
    expect(limited.state).toBe('rate-limited');
    expect(limited.until).toBe(clock.now() + 5_000);
    expect(limited.code).toBe('RATE-LIMITED');
    await clock.advance(5_000);
    // A blip, not an outage: the data is only one interval old, so nothing is old news.
    expect(reasons.at(-1)).toBe('scheduled');
    expect(healths.at(-1)?.state).toBe('ok');
    await poller.stop();
  });

  it('ends an outage with a silent baseline once the data is over two intervals old', async () => {
    const { clock, poller, reasons, script } = setup({ retryDelay: () => 20_000 });
    poller.start();
    await clock.advance(0);
    script.push(failure('network'), failure('network'));
    await clock.advance(INTERVAL); // fails at 30 s
    await clock.advance(20_000); // fails again at 50 s
    expect(reasons).toEqual(['first', 'scheduled', 'scheduled']);
    await clock.advance(20_000); // succeeds at 70 s: the data was 70 s old
    expect(reasons.at(-1)).toBe('recovery');
    await poller.stop();
  });

  it('abandons a refresh in flight when the machine sleeps, and refreshes at once on wake', async () => {
    const clock = new ManualClock();
    const reasons: RefreshReason[] = [];
    let aborted = 0;
    const poller = new Poller({
      clock,
      intervalMs: () => INTERVAL,
      random: () => 0,
      classifyFailure: (error, attempt, now) => classifyFailure(error, attempt, now, () => 5_000),
      onHealth: () => undefined,
      refresh: ({ reason, signal }) => {
        reasons.push(reason);
        if (reasons.length !== 2) return Promise.resolve();
        // The second refresh hangs until aborted, as a request does across a sleep.
        return new Promise<void>((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted++;
            reject(signal.reason);
          }),
        );
      },
    });
    poller.start();
    await clock.advance(0);
    await clock.advance(INTERVAL);
    expect(reasons).toEqual(['first', 'scheduled']);
    poller.pause();
    poller.resume();
    await clock.advance(0);
    expect(aborted).toBe(1);
    expect(reasons).toEqual(['first', 'scheduled', 'resume']);
    await poller.stop();
  });

  it('maps transport failures to offline and server trouble to stale, keeping when it began', async () => {
    const { clock, poller, healths, script } = setup();
    poller.start();
    await clock.advance(0);
    script.push(failure('network'), failure('network'), failure('server-error'));
    await clock.advance(INTERVAL);
    const offlineSince = healths.at(-1)!.since;
    expect(healths.at(-1)?.state).toBe('offline');
    await clock.advance(5_000);
    expect(healths.at(-1)?.state).toBe('offline');
    expect(healths.at(-1)?.since).toBe(offlineSince);
    await clock.advance(5_000);
    expect(healths.at(-1)?.state).toBe('stale');
    expect(healths.at(-1)?.lastSuccessAt).toBeLessThan(offlineSince);
    await poller.stop();
  });

  it('stops polling after a rejected credential, and tries exactly once when asked', async () => {
    const { clock, poller, reasons, healths, script } = setup();
    script.push(failure('auth-invalid'), failure('auth-invalid'));
    poller.start();
    await clock.advance(0);
    expect(healths.at(-1)?.state).toBe('auth-failed');
    await clock.advance(24 * 3600_000);
    expect(reasons).toEqual(['first']);
    expect(clock.pendingTimers).toBe(0);
    await poller.refreshNow();
    expect(reasons).toEqual(['first', 'first']);
    expect(healths.at(-1)?.state).toBe('auth-failed');
    await poller.stop();
  });

  it('treats an expired token that survived the client refresh as a dead credential', async () => {
    const { clock, poller, reasons, healths, script } = setup({ retryDelay: () => 0 });
    script.push(failure('auth-expired'));
    poller.start();
    await clock.advance(60_000);
    expect(reasons).toEqual(['first']);
    expect(healths.at(-1)?.state).toBe('auth-failed');
    await poller.stop();
  });

  it('notices a timer that fired long after it was due (an unreported sleep)', async () => {
    const { clock, poller, reasons } = setup();
    poller.start();
    await clock.advance(0);
    clock.jump(2 * 3600_000);
    await clock.advance(0);
    expect(reasons).toEqual(['first', 'gap']);
    await clock.advance(INTERVAL);
    expect(reasons.at(-1)).toBe('scheduled');
    await poller.stop();
  });

  it('keeps the first-refresh baseline when the very first attempt fails', async () => {
    const { clock, poller, reasons, script } = setup();
    script.push(failure('network'));
    poller.start();
    await clock.advance(5_000);
    expect(reasons).toEqual(['first', 'first']);
    await poller.stop();
  });

  it('emits health when something a reader cares about changed: the state, or the next try of a retry', async () => {
    const { clock, poller, healths, script } = setup();
    poller.start();
    await clock.advance(0);
    const afterFirst = healths.length;
    script.push(failure('network'), failure('network'));
    await clock.advance(INTERVAL);
    await clock.advance(5_000);
    // One for entering offline, one for the repeat failure: same state and code, a new next try
    // (a watch that retries says so instead of going silent).
    expect(healths.length).toBe(afterFirst + 2);
    const [entered, retried] = healths.slice(afterFirst);
    expect(retried).toMatchObject({
      state: entered?.state,
      code: entered?.code,
      since: entered?.since,
    });
    expect(retried?.until).toBeGreaterThan(entered?.until ?? Infinity);
    expect(retried?.until).toBeGreaterThan(clock.now());
    await poller.stop();
  });

  it('schedules whatever the injected classification says, knowing nothing of the error', async () => {
    const clock = new ManualClock();
    const reasons: RefreshReason[] = [];
    const healths: Health[] = [];
    const seen: Array<{ error: unknown; attempt: number; now: number }> = [];
    const odd = { anything: 'a source may throw' };
    const poller = new Poller({
      clock,
      intervalMs: () => INTERVAL,
      random: () => 0,
      classifyFailure: (error, attempt, now) => {
        seen.push({ error, attempt, now });
        return {
          health: 'stale',
          retryInMs: attempt < 2 ? 7_000 : null,
          until: null,
          code: 'ODD',
          message: 'odd',
        };
      },
      onHealth: (health) => healths.push(health),
      refresh: async ({ reason }) => {
        reasons.push(reason);
        throw odd;
      },
    });
    const start = clock.now();
    poller.start();
    await clock.advance(0);
    // The next try is due in 7 s: said as `until`.
    expect(healths.at(-1)).toMatchObject({
      state: 'stale',
      code: 'ODD',
      message: 'odd',
      until: start + 7_000,
    });
    await clock.advance(7_000);
    expect(seen).toEqual([
      { error: odd, attempt: 1, now: start },
      { error: odd, attempt: 2, now: start + 7_000 },
    ]);
    // No retry advised: nothing is scheduled until asked.
    await clock.advance(24 * 3600_000);
    expect(reasons).toEqual(['first', 'first']);
    expect(clock.pendingTimers).toBe(0);
    await poller.stop();
  });
});
