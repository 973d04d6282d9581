import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings/schema.js';
import { hostSilentAfter } from '../../../../renderer/src/lib/live.js';
import { HostMirror } from '../../../../renderer/src/state/host-mirror.svelte.js';
import { FakeHost, okHealth, panelClock, session, settle } from './fake-host.js';

/** issue 22 item 8: a host that hangs with its socket open sends nothing; the panel must notice. */
async function started(pollIntervalSec = DEFAULT_SETTINGS.pollIntervalSec) {
  const clock = new ManualClock();
  const start = session(clock.now());
  const host = new FakeHost({ ...start, settings: { ...start.settings, pollIntervalSec } });
  const app = new HostMirror(host, () => undefined, panelClock(clock));
  await app.start();
  return { clock, host, app, allowed: hostSilentAfter(clock.now(), null, pollIntervalSec) - clock.now() };
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
    host.emit('patch', { seq: 2, at: clock.now(), added: [], changed: [{ id: 1, fields: { presence: 'offline' } }], removed: [] });
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
    host.emit('health', { state: 'rate-limited', since: clock.now(), until, lastSuccessAt: null, code: 'rate-limited', message: null });
    await clock.advance(600_000);
    expect(app.hostSilent).toBe(false);
    await clock.advance(hostSilentAfter(0, null, 5) + 1000);
    expect(app.hostSilent).toBe(true);
    app.stop();
  });

  it('is not claimed while not connected', async () => {
    const clock = new ManualClock();
    const start = session(clock.now());
    const host = new FakeHost({ ...start, snapshot: null, connection: { ...start.connection, kind: 'none' } });
    const app = new HostMirror(host, () => undefined, panelClock(clock));
    await app.start();
    await clock.advance(3_600_000);
    expect(app.hostSilent).toBe(false);
    app.stop();
    await settle();
  });
});
