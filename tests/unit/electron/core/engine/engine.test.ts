import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type {
  AlertIntent,
  Digest,
  Patch,
  PresenceTransition,
  Snapshot,
  TeamTruncation,
} from '../../../../../electron/shared/domain.js';
import { CURRENT_PORTAL_REPORTS } from '../../../../../electron/shared/domain.js';
import type { RawUser } from '../../../../../electron/core/bitrix/types.js';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import { PresenceEngine } from '../../../../../electron/core/engine/engine.js';
import type { PresenceSource } from '../../../../../electron/core/engine/presence-source.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../../../electron/shared/settings/schema.js';

const INTERVAL_MS = DEFAULT_SETTINGS.pollIntervalSec * 1000;

/**
 * A portal in memory. Activity times are set when a person's state is set (online: active just
 * then, and refreshed every 240 s as a connected messenger's are; offline: last seen a day
 * before), so only a state change alters a person's presence.
 */
function scriptedSource(clock: ManualClock) {
  const lastActivity = (isOnline: boolean) => clock.now() - (isOnline ? 0 : 86_400_000);
  const online = new Map<number, { isOnline: boolean; at: number }>([
    [2, { isOnline: true, at: lastActivity(true) }],
    [3, { isOnline: false, at: lastActivity(false) }],
    [4, { isOnline: false, at: lastActivity(false) }],
  ]);
  let failWith: B24Error | null = null;
  let fetches = 0;
  /** What the portal would answer to im.user.get for each person's desktop_last_date. */
  const desktopDates = new Map<number, string | false>();
  const desktopAsked: (readonly number[])[] = [];
  let legacyStatus: string | null = null;
  let truncation: TeamTruncation | null = null;
  const atom = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  const source: PresenceSource = {
    async fetch({ desktopIds = [] }) {
      fetches++;
      if (failWith) throw failWith;
      desktopAsked.push(desktopIds);
      // Room for two checks per refresh, as a nearly full batch would have.
      const desktop = new Map(
        desktopIds.slice(0, 2).map((id) => [id, desktopDates.get(id) ?? false] as const),
      );
      const users: RawUser[] = [...online].map(([id, person]) => ({
        id,
        name: `Person ${id}`,
        first_name: 'Person',
        last_name: String(id),
        status: id === 2 && legacyStatus !== null ? legacyStatus : 'online',
        // A connected messenger's activity is refreshed by the portal every 240 s.
        last_activity_date: atom(
          person.isOnline
            ? person.at + Math.floor((clock.now() - person.at) / 240_000) * 240_000
            : person.at,
        ),
        idle: false,
        mobile_last_date: false,
        desktop_last_date: false,
        absent: false,
        departments: [1],
      }));
      return { users, missingWatchIds: [], desktop, degraded: 0, requests: 1, truncation };
    },
  };
  return {
    source,
    desktopDates,
    desktopAsked,
    atom,
    sendStatus: (status: string) => (legacyStatus = status),
    /** The source read only part of a larger team (null: all of it). */
    truncate: (next: TeamTruncation | null) => (truncation = next),
    set: (id: number, isOnline: boolean) =>
      online.set(id, { isOnline, at: lastActivity(isOnline) }),
    /** The messenger disconnects now (laptop closed): the last activity stays where it is. */
    disconnect: (id: number) => online.set(id, { isOnline: false, at: clock.now() }),
    fail: (error: B24Error | null) => (failWith = error),
    get fetches() {
      return fetches;
    },
  };
}

function setup(settingsOverride: Partial<Settings> = {}) {
  const clock = new ManualClock();
  const portal = scriptedSource(clock);
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...settingsOverride,
    alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 0, ...settingsOverride.alerts },
  };
  let ledger: Record<string, string> = {};
  const engine = new PresenceEngine({
    source: portal.source,
    clock,
    getSettings: () => settings,
    alertLedger: { load: () => ledger, save: (next) => (ledger = next) },
    locale: () => 'en',
    random: () => 0,
  });
  const seen = {
    snapshots: [] as Snapshot[],
    patches: [] as Patch[],
    transitions: [] as PresenceTransition[],
    alerts: [] as AlertIntent[],
    digests: [] as Digest[],
  };
  engine.on('snapshot', (snapshot) => seen.snapshots.push(snapshot));
  engine.on('patch', (patch) => seen.patches.push(patch));
  engine.on('transition', (transition) => seen.transitions.push(transition));
  engine.on('alert', (alert) => seen.alerts.push(alert));
  engine.on('digest', (digest) => seen.digests.push(digest));
  return { clock, portal, engine, seen, settings };
}

describe('PresenceEngine', () => {
  it('delivers one full snapshot, then only patches, and alerts when someone comes online', async () => {
    const { clock, portal, engine, seen } = setup();
    engine.start();
    await clock.advance(0);
    expect(seen.snapshots).toHaveLength(1);
    expect(seen.snapshots[0]!.colleagues.map((c) => [c.id, c.presence])).toEqual([
      [2, 'online'],
      [3, 'offline'],
      [4, 'offline'],
    ]);
    expect(seen.alerts).toEqual([]);

    portal.set(3, true);
    await clock.advance(INTERVAL_MS);
    expect(seen.snapshots).toHaveLength(1);
    expect(seen.patches).toHaveLength(1);
    expect(seen.patches[0]!.seq).toBe(seen.snapshots[0]!.seq + 1);
    expect(seen.patches[0]!.changed.map((change) => change.id)).toEqual([3]);
    expect(seen.transitions).toMatchObject([{ userId: 3, from: 'offline', to: 'online' }]);
    expect(seen.alerts).toHaveLength(1);
    expect(seen.alerts[0]!.userIds).toEqual([3]);
    expect(seen.alerts[0]!.title).toContain('Person 3');
    await engine.stop();
  });

  it('sends no patch when nothing changed, and no transition when only activity times moved', async () => {
    const { clock, portal, engine, seen } = setup();
    engine.start();
    await clock.advance(0);
    await clock.advance(INTERVAL_MS * 3);
    expect(seen.patches).toEqual([]);
    portal.set(2, true); // active again: a newer last_activity_date, same presence
    await clock.advance(INTERVAL_MS);
    expect(seen.patches).toHaveLength(1);
    // A lastActivity-only change travels in the patch's compact `activity` list.
    expect(seen.patches[0]!.changed).toEqual([]);
    expect(seen.patches[0]!.activity).toEqual([[2, expect.any(Number)]]);
    expect(seen.transitions).toEqual([]);
    expect(seen.alerts).toEqual([]);
    await engine.stop();
  });

  it('takes a silent baseline on resume: changes during sleep are reported, not alerted, but told in one digest', async () => {
    const { clock, portal, engine, seen } = setup();
    const started = clock.now();
    engine.start();
    await clock.advance(0);
    engine.pause();
    portal.set(3, true);
    portal.set(4, true);
    await clock.advance(INTERVAL_MS * 20);
    expect(portal.fetches).toBe(1);
    engine.resume();
    await clock.advance(0);
    expect(portal.fetches).toBe(2);
    expect(seen.transitions.map((t) => t.userId)).toEqual([3, 4]);
    // No alert per person: one "while you were away" instead.
    expect(seen.alerts).toMatchObject([
      {
        kind: 'digest',
        title: 'While you were away',
        body: 'Person 3 and Person 4 are online',
        userIds: [3, 4],
      },
    ]);
    expect(seen.digests).toEqual([
      {
        since: started,
        until: started + INTERVAL_MS * 20,
        arrived: [3, 4],
        left: [],
        backFromLeave: [],
      },
    ]);
    // The next real change after the baseline alerts again.
    portal.set(2, false);
    portal.set(2, true);
    portal.set(4, false);
    await clock.advance(INTERVAL_MS);
    portal.set(4, true);
    await clock.advance(INTERVAL_MS);
    expect(seen.alerts.slice(1).map((alert) => alert.userIds)).toEqual([[4]]);
    await engine.stop();
  });

  it('recovers from an outage without alerting the whole team', async () => {
    const { clock, portal, engine, seen } = setup();
    engine.start();
    await clock.advance(0);
    portal.fail(
      new B24Error({ kind: 'network', code: 'ECONNREFUSED', message: 'portal unreachable' }),
    );
    await clock.advance(INTERVAL_MS);
    expect(engine.health.state).toBe('offline');
    await clock.advance(3 * 60_000);
    portal.set(3, true);
    portal.set(4, true);
    portal.fail(null);
    await clock.advance(5 * 60_000);
    expect(engine.health.state).toBe('ok');
    expect(seen.transitions.map((t) => t.userId)).toEqual([3, 4]);
    expect(seen.alerts.map((alert) => [alert.kind, alert.userIds])).toEqual([['digest', [3, 4]]]);
    await engine.stop();
  });

  it('holds alerts while the user is away from the computer, then tells one digest on their return', async () => {
    const { clock, portal, engine, seen } = setup();
    engine.start();
    await clock.advance(0);
    const leftAt = clock.now();
    engine.userAway();
    portal.set(3, true);
    portal.set(2, false);
    await clock.advance(INTERVAL_MS * 4);
    expect(seen.transitions.map((t) => t.userId).sort()).toEqual([2, 3]);
    expect(seen.alerts).toEqual([]);
    engine.userBack();
    expect(seen.digests).toEqual([
      { since: leftAt, until: clock.now(), arrived: [3], left: [2], backFromLeave: [] },
    ]);
    expect(seen.alerts.map((alert) => alert.body)).toEqual([
      'Person 3 is online; Person 2 went offline',
    ]);
    // A return with nothing new says nothing.
    engine.userAway();
    engine.userBack();
    expect(seen.digests).toHaveLength(1);
    await engine.stop();
  });

  it('notify-once fires once for someone muted, then asks the host to clear it', async () => {
    const { clock, portal, engine, seen, settings } = setup({
      rules: { '3': 'muted' },
      alerts: { ...DEFAULT_SETTINGS.alerts, scope: 'starred', burstWindowSec: 0 },
    });
    const done: (readonly number[])[] = [];
    engine.on('notify-once-done', (ids) => done.push(ids));
    engine.start();
    await clock.advance(0);
    settings.notifyOnce = [{ id: 3, since: 5 }];
    await clock.advance(INTERVAL_MS);
    expect(seen.alerts).toEqual([]);
    portal.set(3, true);
    await clock.advance(INTERVAL_MS);
    // The host has not cleared the request yet: still only once.
    await clock.advance(INTERVAL_MS);
    expect(seen.alerts.map((alert) => [alert.kind, alert.userIds, alert.title])).toEqual([
      ['notify-once', [3], 'Person 3 is online'],
    ]);
    expect(done).toEqual([[3], [3]]);
    await engine.stop();
  });

  it('still alerts an arrival that a one-off failed poll delayed by a few seconds', async () => {
    const { clock, portal, engine, seen } = setup();
    engine.start();
    await clock.advance(0);
    portal.set(3, true);
    portal.fail(
      new B24Error({ kind: 'rate-limited', code: 'QUERY_LIMIT_EXCEEDED', message: 'slow down' }),
    );
    await clock.advance(INTERVAL_MS);
    expect(engine.health.state).toBe('rate-limited');
    portal.fail(null);
    await clock.advance(10_000);
    expect(engine.health.state).toBe('ok');
    expect(seen.alerts.map((alert) => alert.userIds)).toEqual([[3]]);
    await engine.stop();
  });

  it('holds alerts back while the user paused them, still recording the change', async () => {
    const { clock, portal, engine, seen } = setup({
      alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 0, pausedUntil: Date.UTC(2030, 0, 1) },
    });
    engine.start();
    await clock.advance(0);
    portal.set(3, true);
    await clock.advance(INTERVAL_MS);
    expect(seen.transitions).toHaveLength(1);
    expect(seen.alerts).toEqual([]);
    await engine.stop();
  });

  it('does not alert the people a longer online limit turns online', async () => {
    const { clock, portal, engine, seen, settings } = setup({ onlineLimitSec: 300 });
    portal.disconnect(3);
    engine.start();
    await clock.advance(0);
    await clock.advance(10 * 60_000); // person 3's activity is now 10 minutes old: offline at 300 s
    expect(engine.snapshot?.colleagues.find((c) => c.id === 3)?.presence).toBe('offline');
    settings.onlineLimitSec = 1440;
    await engine.refreshNow();
    // Back within the limit: no activity for 10 minutes, which is not an arrival either.
    expect(engine.snapshot?.colleagues.find((c) => c.id === 3)?.presence).toBe('idle');
    expect(seen.alerts).toEqual([]);
    // Real arrivals after that are alerted again.
    portal.set(4, true);
    await clock.advance(INTERVAL_MS);
    expect(seen.alerts.map((alert) => alert.userIds)).toEqual([[4]]);
    await engine.stop();
  });

  it('learns what the portal really reports and says so once, before the data that showed it', async () => {
    const { clock, portal, engine } = setup();
    const events: string[] = [];
    engine.on('reports', (reports) => events.push(`reports ${JSON.stringify(reports)}`));
    engine.on('snapshot', () => events.push('snapshot'));
    engine.on('patch', () => events.push('patch'));
    engine.start();
    await clock.advance(0);
    expect(engine.reports).toEqual(CURRENT_PORTAL_REPORTS);
    await clock.advance(INTERVAL_MS);
    portal.sendStatus('dnd'); // only an old portal sends a chosen status
    await clock.advance(INTERVAL_MS);
    portal.sendStatus('online');
    await clock.advance(INTERVAL_MS);
    expect(engine.reports).toEqual({ ...CURRENT_PORTAL_REPORTS, status: true });
    expect(events).toEqual([
      'snapshot',
      `reports ${JSON.stringify({ ...CURRENT_PORTAL_REPORTS, status: true })}`,
      'patch',
      'patch',
    ]);
    await engine.stop();
  });

  it("says once when the team is cut at the source's limit, before the data, and again when it no longer is", async () => {
    const { clock, portal, engine } = setup();
    const events: string[] = [];
    engine.on('truncation', (truncation) =>
      events.push(`truncation ${JSON.stringify(truncation)}`),
    );
    engine.on('snapshot', () => events.push('snapshot'));
    const cut = { shown: 3, total: 5, limit: 3 };
    portal.truncate(cut);
    engine.start();
    await clock.advance(0);
    expect(engine.truncation).toEqual(cut);
    portal.truncate({ ...cut });
    await clock.advance(INTERVAL_MS);
    portal.truncate(null);
    await clock.advance(INTERVAL_MS);
    expect(engine.truncation).toBeNull();
    expect(events).toEqual([`truncation ${JSON.stringify(cut)}`, 'snapshot', 'truncation null']);
    await engine.stop();
  });

  it('checks desktop apps round-robin among people who are not offline, starred and watched first', async () => {
    const { clock, portal, engine } = setup({ rules: { '4': 'starred' } });
    portal.set(3, true);
    portal.desktopDates.set(3, portal.atom(clock.now()));
    engine.start();
    await clock.advance(0);
    // Before the first picture only the starred person is known to be worth asking.
    expect(portal.desktopAsked[0]).toEqual([4]);
    await clock.advance(INTERVAL_MS);
    // Person 4 is offline now, so not asked; 2 and 3 were never checked.
    expect(portal.desktopAsked[1]).toEqual([2, 3]);
    expect(engine.snapshot?.colleagues.map((c) => [c.id, c.desktop])).toEqual([
      [2, false],
      [3, true],
      [4, false],
    ]);
    portal.set(4, true);
    await clock.advance(INTERVAL_MS);
    await clock.advance(INTERVAL_MS);
    // Starred first, then whoever was checked longest ago.
    expect(portal.desktopAsked[3]).toEqual([4, 2, 3]);
    // The check is remembered between refreshes, until the person goes offline.
    portal.desktopDates.set(3, false);
    portal.set(3, false);
    await clock.advance(INTERVAL_MS);
    expect(engine.snapshot?.colleagues.find((c) => c.id === 3)?.desktop).toBe(false);
    expect(engine.desktop.checkedAt(3)).toBeNull();
    await engine.stop();
  });

  it('leaves no timers and no listeners behind after stop', async () => {
    const { clock, portal, engine } = setup({
      alerts: { ...DEFAULT_SETTINGS.alerts, burstWindowSec: 30 },
    });
    engine.start();
    await clock.advance(0);
    portal.set(3, true);
    await clock.advance(INTERVAL_MS);
    await engine.stop();
    expect(clock.pendingTimers).toBe(0);
    expect(engine.resourceCounts.alertTimers).toBe(0);
  });
});
