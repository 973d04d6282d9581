import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { DEFAULT_SETTINGS } from '../../../../../electron/shared/settings/schema.js';
import { hostSilentAfter } from '../../../../../renderer/src/lib/live.js';
import { HostMirror } from '../../../../../renderer/src/state/host-mirror.svelte.js';
import type { Result, SessionState } from '../../../../../electron/shared/contract.js';
import type { AlertIntent, Digest, Snapshot } from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';
import { FakeHost, held, okHealth, panelClock, session, settle, team } from './fake-host.js';

/** issue 22 item 8: a host that hangs with its socket open sends nothing; the panel must notice. */
async function started(pollIntervalSec = DEFAULT_SETTINGS.pollIntervalSec) {
  const clock = new ManualClock();
  const start = session(clock.now());
  const host = new FakeHost({ ...start, settings: { ...start.settings, pollIntervalSec } });
  const app = new HostMirror(host, () => undefined, panelClock(clock));
  await app.start();
  return {
    clock,
    host,
    app,
    allowed: hostSilentAfter(clock.now(), null, pollIntervalSec) - clock.now(),
  };
}

describe('a silent host', () => {
  it('is noticed about two poll intervals after the last news, and forgotten at the next', async () => {
    const { clock, host, app, allowed } = await started();
    expect(allowed).toBeLessThan(3 * DEFAULT_SETTINGS.pollIntervalSec * 1000 + 1);
    await clock.advance(allowed);
    expect(app.hostSilent).toBe(false);
    await clock.advance(1000);
    expect(app.hostSilent).toBe(true);
    host.emit('health', okHealth(clock.now()));
    expect(app.hostSilent).toBe(false);
    app.stop();
  });

  it('counts every kind of news: a patch, a snapshot, health', async () => {
    const { clock, host, app, allowed } = await started();
    await clock.advance(allowed - 1000);
    host.emit('patch', {
      seq: 2,
      at: clock.now(),
      added: [],
      changed: [{ id: 1, fields: { presence: 'offline' } }],
      removed: [],
    });
    await clock.advance(allowed - 1000);
    expect(app.hostSilent).toBe(false);
    host.emit('snapshot', { seq: 3, at: clock.now(), colleagues: [] });
    await clock.advance(allowed - 1000);
    expect(app.hostSilent).toBe(false);
    await clock.advance(2000);
    expect(app.hostSilent).toBe(true);
    app.stop();
  });

  it('follows the poll interval in the settings, and a backoff the host announced', async () => {
    const { clock, host, app } = await started(5);
    await clock.advance(hostSilentAfter(0, null, 5) + 1000);
    expect(app.hostSilent).toBe(true);
    const until = clock.now() + 600_000;
    host.emit('health', {
      state: 'rate-limited',
      since: clock.now(),
      until,
      lastSuccessAt: null,
      code: 'rate-limited',
      message: null,
    });
    await clock.advance(600_000);
    expect(app.hostSilent).toBe(false);
    await clock.advance(hostSilentAfter(0, null, 5) + 1000);
    expect(app.hostSilent).toBe(true);
    app.stop();
  });

  it('is not claimed while not connected', async () => {
    const clock = new ManualClock();
    const start = session(clock.now());
    const host = new FakeHost({
      ...start,
      snapshot: null,
      connection: { ...start.connection, kind: 'none' },
    });
    const app = new HostMirror(host, () => undefined, panelClock(clock));
    await app.start();
    await clock.advance(3_600_000);
    expect(app.hostSilent).toBe(false);
    app.stop();
    await settle();
  });
});

describe('the mirror of the host', () => {
  async function mirrored() {
    const clock = new ManualClock();
    const host = new FakeHost(session(clock.now(), team(3), 1));
    const mirror = new HostMirror(host, () => undefined, panelClock(clock));
    await mirror.start();
    return { clock, host, mirror };
  }

  it('shows the session, then each patch, keeping unchanged people as the same objects', async () => {
    const { clock, host, mirror } = await mirrored();
    expect(mirror.phase).toBe('ready');
    expect(mirror.colleagues.map((person) => person.id)).toEqual([1, 2, 3]);
    const [first, , third] = mirror.colleagues;
    host.emit('patch', {
      seq: 2,
      at: clock.now(),
      added: [colleague(4)],
      changed: [{ id: 2, fields: { presence: 'offline' } }],
      removed: [3],
    });
    expect(mirror.snapshot?.seq).toBe(2);
    expect(mirror.colleagues.map((person) => [person.id, person.presence])).toEqual([
      [1, 'online'],
      [2, 'offline'],
      [4, 'online'],
    ]);
    expect(mirror.colleagues[0]).toBe(first);
    expect(mirror.colleagues).not.toContain(third);
    // A patch already contained in the snapshot changes nothing.
    const before = mirror.snapshot;
    host.emit('patch', {
      seq: 2,
      at: clock.now(),
      added: [],
      changed: [{ id: 1, fields: { presence: 'offline' } }],
      removed: [],
    });
    expect(mirror.snapshot).toBe(before);
    mirror.stop();
  });

  it('re-reads the whole snapshot after a gap in the sequence, once while it is on its way', async () => {
    const { clock, host, mirror } = await mirrored();
    const resynced = held<Result<Snapshot | null>>();
    host.handle('snapshot:get', () => resynced.promise);
    host.emit('patch', {
      seq: 5,
      at: clock.now(),
      added: [],
      changed: [{ id: 1, fields: { presence: 'offline' } }],
      removed: [],
    });
    host.emit('patch', {
      seq: 6,
      at: clock.now(),
      added: [],
      changed: [{ id: 2, fields: { presence: 'offline' } }],
      removed: [],
    });
    expect(host.callsOn('snapshot:get')).toHaveLength(1);
    // Not applied on top of what it does not fit.
    expect(mirror.snapshot?.seq).toBe(1);
    resynced.release({ ok: true, value: { seq: 6, at: clock.now(), colleagues: team(2) } });
    await settle();
    expect(mirror.snapshot?.seq).toBe(6);
    expect(mirror.colleagues.map((person) => person.id)).toEqual([1, 2]);
    mirror.stop();
  });

  it('keeps a newer snapshot that came while the session was on its way', async () => {
    const clock = new ManualClock();
    const answer = held<Result<SessionState>>();
    const host = new FakeHost(session(clock.now()));
    host.handle('session:get', () => answer.promise);
    const mirror = new HostMirror(host, () => undefined, panelClock(clock));
    const started = mirror.start();
    host.emit('snapshot', { seq: 7, at: clock.now(), colleagues: team(5) });
    answer.release({ ok: true, value: session(clock.now(), team(3), 4) });
    await started;
    expect(mirror.snapshot?.seq).toBe(7);
    expect(mirror.colleagues).toHaveLength(5);
    mirror.stop();
  });

  it('passes one-off events to subscribers as they come, and stops when told', async () => {
    const { clock, host, mirror } = await mirrored();
    const seen: string[] = [];
    const stop = mirror.subscribe({
      alert: (alert) => seen.push(`alert ${alert.title}`),
      digestShown: (digest) => seen.push(`digest since ${digest.since - clock.now()}`),
      openSettings: () => seen.push('settings'),
    });
    const alert: AlertIntent = {
      id: 'a1',
      kind: 'online',
      userIds: [1],
      title: 'Person 1 is online',
      body: '',
      at: clock.now(),
    };
    host.emit('alert', alert);
    host.emit('open-settings', null);
    const digest: Digest = {
      since: clock.now() - 3_600_000,
      until: clock.now(),
      arrived: [1],
      left: [],
      backFromLeave: [],
    };
    host.emit('digest', digest);
    // A second digest while the card shows is merged into it: the card is not shown again.
    host.emit('digest', { ...digest, arrived: [2] });
    expect(mirror.digest?.arrived).toEqual([1, 2]);
    stop();
    host.emit('open-settings', null);
    expect(seen).toEqual(['alert Person 1 is online', 'settings', 'digest since -3600000']);
    mirror.stop();
  });
});
