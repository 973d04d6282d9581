import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../electron/core/clock.js';
import type {
  RequestError,
  Result,
  RevisedSettings,
} from '../../../../../electron/shared/contract.js';
import { PanelActions } from '../../../../../renderer/src/state/actions.svelte.js';
import { HostMirror } from '../../../../../renderer/src/state/host-mirror.svelte.js';
import { optimistic, type Settle } from '../../../../../renderer/src/state/optimistic.js';
import { FakeHost, held, panelClock, session, settle, team } from './fake-host.js';

const refused: RequestError = { code: 'host-unreachable', message: 'refused', field: null };

describe('optimistic(apply, request, failure)', () => {
  it('shows the change at once and settles it with the answer; no failure reported', async () => {
    const log: string[] = [];
    const answer = held<Result<number>>();
    const done = optimistic(
      (): Settle<number> => {
        log.push('shown');
        return (result) => log.push(`settled ${JSON.stringify(result)}`);
      },
      () => answer.promise,
      () => log.push('failed'),
    );
    expect(log).toEqual(['shown']);
    answer.release({ ok: true, value: 7 });
    expect(await done).toEqual({ ok: true, value: 7 });
    expect(log).toEqual(['shown', 'settled {"ok":true,"value":7}']);
  });

  it('on a refusal settles (takes it back) first, then reports the error once', async () => {
    const log: string[] = [];
    const result = await optimistic(
      (): Settle<number> => (answer) => log.push(answer?.ok === false ? 'taken back' : 'kept'),
      () => Promise.resolve<Result<number>>({ ok: false, error: refused }),
      (error) => log.push(`failed ${error.code}`),
    );
    expect(result).toEqual({ ok: false, error: refused });
    expect(log).toEqual(['taken back', 'failed host-unreachable']);
  });

  it('takes the change back when the request throws, and lets the error through', async () => {
    const log: string[] = [];
    const thrown = optimistic(
      (): Settle<number> => (answer) => log.push(answer === null ? 'taken back' : 'kept'),
      () => Promise.reject(new Error('socket gone')),
      () => log.push('failed'),
    );
    await expect(thrown).rejects.toThrow('socket gone');
    expect(log).toEqual(['taken back']);
  });
});

/** A connected panel whose host answers `settings:update` when the test releases each answer. */
async function panel() {
  const clock = new ManualClock();
  const host = new FakeHost(session(clock.now(), team(3)));
  const mirror = new HostMirror(host, () => undefined, panelClock(clock));
  const opened: string[] = [];
  const actions = new PanelActions(host, mirror, (url) => opened.push(url));
  await mirror.start();
  return { clock, host, mirror, actions, opened };
}

describe('the panel actions', () => {
  it('a star shows at once, and is kept when the host accepts it', async () => {
    const { host, mirror, actions } = await panel();
    const answer = held<Result<RevisedSettings>>();
    host.handle('colleague:set-rule', () => answer.promise);
    const done = actions.setRule(2, 'starred');
    expect(mirror.ruleOf(2)).toBe('starred');
    answer.release({
      ok: true,
      value: { ...mirror.settings, rules: { 2: 'starred' }, revision: 1 },
    });
    expect(await done).toBeNull();
    expect(mirror.ruleOf(2)).toBe('starred');
    expect(actions.notice).toBeNull();
    mirror.stop();
  });

  it('a refused star goes back, and the notice names it; its retry clears the notice and asks again', async () => {
    const { host, mirror, actions } = await panel();
    host.handle('colleague:set-rule', () => ({ ok: false, error: refused }));
    expect(await actions.setRule(2, 'starred')).toEqual(refused);
    expect(mirror.ruleOf(2)).toBe('default');
    expect(actions.notice).toMatchObject({ kind: 'starred', name: 'Person 2', error: refused });
    host.handle('colleague:set-rule', () => ({
      ok: true,
      value: { ...mirror.settings, rules: { 2: 'starred' }, revision: 1 },
    }));
    await actions.notice?.retry?.();
    expect(actions.notice).toBeNull();
    expect(mirror.ruleOf(2)).toBe('starred');
    expect(host.callsOn('colleague:set-rule')).toEqual([
      { id: 2, rule: 'starred' },
      { id: 2, rule: 'starred' },
    ]);
    mirror.stop();
  });

  it('a second change made while the first is on its way builds on it, and survives the first being refused', async () => {
    const { host, mirror, actions } = await panel();
    const answers = [held<Result<RevisedSettings>>(), held<Result<RevisedSettings>>()];
    let call = 0;
    host.handle('settings:update', () => answers[call++]!.promise);
    const first = actions.updateSettings({ ui: { theme: 'dark' } });
    const second = actions.updateSettings({ alerts: { sound: false } });
    expect(mirror.settings.ui.theme).toBe('dark');
    expect(mirror.settings.alerts.sound).toBe(false);
    // The first is refused: only it goes back; the second stays shown while on its way.
    answers[0]!.release({
      ok: false,
      error: { code: 'invalid-settings', message: 'no', field: 'ui.theme' },
    });
    expect(await first).toMatchObject({ field: 'ui.theme' });
    expect(mirror.settings.ui.theme).not.toBe('dark');
    expect(mirror.settings.alerts.sound).toBe(false);
    // A form shows its own error: no notice.
    expect(actions.notice).toBeNull();
    answers[1]!.release({
      ok: true,
      value: {
        ...mirror.settings,
        alerts: { ...mirror.settings.alerts, sound: false },
        revision: 1,
      },
    });
    expect(await second).toBeNull();
    expect(mirror.settings.alerts.sound).toBe(false);
    mirror.stop();
  });

  it('asking about someone available already takes the bell back and tells the subscribers', async () => {
    const { host, mirror, actions } = await panel();
    const told: number[] = [];
    const stop = actions.subscribe({ availableNow: (id) => told.push(id) });
    // The host leaves its settings as they were (no request kept), as it does for someone available.
    const unchanged = { ...mirror.settings, revision: 0 };
    host.handle('notify-once:set', () => ({
      ok: true,
      value: { settings: unchanged, already: true },
    }));
    expect(await actions.setNotifyOnce(1, true)).toBeNull();
    expect(mirror.isNotifyOnce(1)).toBe(false);
    stop();
    await actions.setNotifyOnce(1, true);
    expect(told).toEqual([1]);
    mirror.stop();
  });

  it('a chat the host cannot open is opened by address, only an http(s) one', async () => {
    const { host, mirror, actions, opened } = await panel();
    host.handle('chat:open', ({ userId }) => ({
      ok: true,
      value: {
        opened: false,
        url: userId === 1 ? 'https://team.example.com/im/1' : 'javascript:alert(1)',
      },
    }));
    await actions.openChat(1);
    await actions.openChat(2);
    expect(opened).toEqual(['https://team.example.com/im/1']);
    mirror.stop();
    await settle();
  });
});
