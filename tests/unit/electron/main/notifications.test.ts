import { describe, expect, it, vi } from 'vitest';
import type { AlertIntent } from '../../../../electron/shared/domain.js';
import {
  Notifier,
  escapeBodyMarkup,
  focusTarget,
  notificationOptions,
  setupNotifications,
  type NotifierDeps,
} from '../../../../electron/main/notifications.js';
import { fakeService } from '../../../support/fake-service.js';

const intent = (userIds: number[]): AlertIntent => ({
  id: 'a1',
  kind: 'online',
  title: 'Anna Petrova is online',
  body: 'Sales manager',
  userIds,
  at: 0,
});

function fakeNotificationClass(supported = true) {
  const created: FakeNotification[] = [];
  class FakeNotification {
    static isSupported = () => supported;
    listeners = new Map<string, () => void>();
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      created.push(this);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    show() {
      this.shown = true;
    }
    close() {}
  }
  return { Notification: FakeNotification as unknown as NotifierDeps['Notification'], created };
}

describe('notification mapping', () => {
  it('maps an alert intent to title, body and the sound setting', () => {
    expect(notificationOptions(intent([4]), { sound: false, platform: 'win32' })).toMatchObject({
      title: 'Anna Petrova is online',
      body: 'Sales manager',
      silent: true,
    });
    expect(notificationOptions(intent([4]), { sound: true, platform: 'win32' }).silent).toBe(false);
  });

  it('escapes markup in the body on Linux, where notification daemons interpret it', () => {
    const hostile = {
      ...intent([4]),
      body: 'Tom & <img src=https://evil.example/x.png> and <b>Bo</b>',
    };
    expect(notificationOptions(hostile, { sound: false, platform: 'linux' }).body).toBe(
      'Tom &amp; &lt;img src=https://evil.example/x.png&gt; and &lt;b&gt;Bo&lt;/b&gt;',
    );
    // Elsewhere the body is plain text already: escaping would show the entities.
    expect(notificationOptions(hostile, { sound: false, platform: 'darwin' }).body).toBe(
      hostile.body,
    );
    expect(escapeBodyMarkup('a < b')).toBe('a &lt; b');
  });

  it('focuses a person only when the alert is about one person', () => {
    expect(focusTarget(intent([4]))).toBe(4);
    expect(focusTarget(intent([4, 5]))).toBeNull();
  });
});

describe('Notifier', () => {
  it('shows the alert and routes its click to that colleague', () => {
    const { Notification, created } = fakeNotificationClass();
    const onClick = vi.fn();
    const notifier = new Notifier({ Notification, sound: () => true, platform: 'linux', onClick });
    expect(notifier.showAlert(intent([9]))).toBe(true);
    const shown = created[0];
    expect(shown?.shown).toBe(true);
    expect(shown?.options.silent).toBe(false);
    expect(notifier.liveCount).toBe(1);
    shown?.listeners.get('click')?.();
    expect(onClick).toHaveBeenCalledWith(9);
    expect(notifier.liveCount).toBe(0);
  });

  it('keeps a bounded number of notifications alive until closed', () => {
    const { Notification, created } = fakeNotificationClass();
    const notifier = new Notifier({
      Notification,
      sound: () => false,
      platform: 'linux',
      onClick: vi.fn(),
    });
    for (let i = 0; i < 30; i++) notifier.showAlert(intent([i + 1]));
    expect(notifier.liveCount).toBe(20);
    created.at(-1)?.listeners.get('close')?.();
    expect(notifier.liveCount).toBe(19);
  });

  it('shows nothing where notifications are unsupported', () => {
    const { Notification, created } = fakeNotificationClass(false);
    const notifier = new Notifier({
      Notification,
      sound: () => false,
      platform: 'linux',
      onClick: vi.fn(),
    });
    expect(notifier.showAlert(intent([1]))).toBe(false);
    expect(created).toHaveLength(0);
  });
});

describe('setupNotifications', () => {
  it("shows the service's alerts with the sound the settings ask for, a click focusing the colleague", () => {
    const { Notification, created } = fakeNotificationClass();
    const fake = fakeService();
    const panel = { focusColleague: vi.fn() };
    setupNotifications({ Notification, platform: 'win32' }, fake.service, panel, {
      productName: 'B24 Presence',
      problems: [],
    });
    fake.emit('alert', intent([4]));
    expect(created[0]?.options).toMatchObject({ title: 'Anna Petrova is online', silent: true });
    fake.saveSettings({ alerts: { ...fake.service.settings().alerts, sound: true } });
    fake.emit('alert', intent([4, 5]));
    expect(created[1]?.options).toMatchObject({ silent: false });
    created[0]?.listeners.get('click')?.();
    created[1]?.listeners.get('click')?.();
    expect(panel.focusColleague.mock.calls).toEqual([[4], [null]]);
  });

  it('tells the storage problems found at start-up, once each', () => {
    const { Notification, created } = fakeNotificationClass();
    const lines: string[] = [];
    setupNotifications(
      { Notification, platform: 'linux', log: (line) => lines.push(line) },
      fakeService().service,
      { focusColleague: vi.fn() },
      {
        productName: 'B24 Presence',
        problems: ['The settings file is not valid JSON. It was moved to <x>.'],
      },
    );
    expect(created.map((notification) => notification.options)).toEqual([
      expect.objectContaining({
        title: 'B24 Presence: settings problem',
        body: 'The settings file is not valid JSON. It was moved to &lt;x&gt;.',
      }),
    ]);
    expect(lines).toEqual(['storage: The settings file is not valid JSON. It was moved to <x>.']);
  });
});
