import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../reliability/support/harness.js';

/**
 * The app against the demo portal as an independent oracle: the demo keeps each person's
 * server-side state and says, with its own code, what the Bitrix24 messenger shows; the app only
 * sees the REST answers. Both kinds of portal, a simulated working morning, 30 s polls.
 */
const POLL_MS = 30_000;

describe('the app shows what the messenger shows, from what each kind of portal sends', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.stop();
    h = null;
  });

  it.each([
    ['a current portal', false],
    ['an old on-premise portal', true],
  ] as const)(
    'on %s, over two hours of a working morning',
    async (_kind, legacy) => {
      h = await startHarness({
        portal: { teamSize: 40, evolve: true, seed: 3, legacy, officeHoursNow: true },
      });
      const { clock, engine, portal, settings } = h;
      const seen = new Set<string>();
      const mismatches: string[] = [];
      // Compared at each refresh's own instant (polls are jittered, and the demo's truth is now).
      engine.on('refreshed', (report) => {
        for (const colleague of engine.snapshot!.colleagues) {
          seen.add(colleague.presence);
          const expected = portal.control.expected(colleague.id, report.at, {
            onlineLimitS: settings.onlineLimitSec,
          });
          if (expected?.presence !== colleague.presence)
            mismatches.push(`${colleague.id} ${colleague.presence} ≠ ${expected?.presence}`);
          if (expected?.lastDayOff !== colleague.absentUntil)
            mismatches.push(
              `${colleague.id} leave ${colleague.absentUntil} ≠ ${expected?.lastDayOff}`,
            );
        }
      });
      await clock.advance(0);
      for (let poll = 0; poll < 240; poll++) await clock.advance(POLL_MS);
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(engine.health.state).toBe('ok');
      // A lively office either way, within what the portal can show.
      expect(seen).toContain('online');
      expect(seen).toContain('idle');
      expect(seen.has('mobile')).toBe(legacy);
      expect(engine.reports).toEqual(
        legacy
          ? { idle: true, mobile: true, status: true, calendar: true, timeZones: true }
          : { idle: false, mobile: false, status: false, calendar: true, timeZones: true },
      );
      expect(engine.snapshot!.colleagues.some((c) => c.desktop)).toBe(true);
      // Still one request per refresh, desktop checks included.
      expect(h.refreshes.slice(1).every((refresh) => refresh.requests === 1)).toBe(true);
    },
    60_000,
  );

  it('sees no change when the portal writes the same instants in another offset', async () => {
    h = await startHarness({ portal: { teamSize: 20, evolve: false, seed: 4 } });
    const { clock, portal } = h;
    const id = portal.control.teamIds()[0]!;
    portal.control.updatePerson(id, { presence: 'offline', absentUntil: '2030-01-10' });
    await clock.advance(0);
    await clock.advance(POLL_MS);
    const patchesBefore = h.patches.length;
    const lastDay = h.engine.snapshot!.colleagues.find((c) => c.id === id)?.absentUntil;
    expect(lastDay).toBe('2030-01-10');
    for (const minutes of [0, 600, -300, 180]) {
      portal.control.setDateOffset(minutes);
      await clock.advance(POLL_MS);
    }
    // Connected people's activity refreshes on its own cadence; nothing else may move.
    const moved = h.patches
      .slice(patchesBefore)
      .flatMap((patch) => patch.changed.flatMap((change) => Object.keys(change.fields)));
    expect(moved.filter((field) => field !== 'lastActivity')).toEqual([]);
    expect(h.transitions).toEqual([]);
    expect(h.engine.snapshot!.colleagues.find((c) => c.id === id)?.absentUntil).toBe('2030-01-10');
  });
});
