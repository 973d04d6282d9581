import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { createAppService } from '../../electron/core/app-service.js';
import { PortError, type AppService, type SecretPort } from '../../electron/core/ports.js';
import type { EventChannel, EventOf, Result } from '../../electron/shared/contract.js';
import { memoryPorts } from '../../electron/cli/memory-ports.js';
import type { JournalFiles } from '../../electron/core/history/journal.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoPortal } from '../../electron/demo/types.js';
import { ContractConformance } from '../support/contract-conformance.js';
import { CALENDAR_PERIOD_MS } from '../../electron/core/engine/calendar-checks.js';
import type { AlertIntent } from '../../electron/shared/domain.js';
import type { PresenceSummary } from '../../electron/core/ports.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';

const DEFAULT_POLL_MS = DEFAULT_SETTINGS.pollIntervalSec * 1000;

const services: AppService[] = [];
const portals: DemoPortal[] = [];
/** Every service setup() makes is held to the IPC contract: each answer and event it emits. */
const contract = new ContractConformance();

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.stop()));
  await Promise.all(portals.splice(0).map((portal) => portal.close()));
  contract.assertClean();
});

function value<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function setup(
  options: {
    secrets?: SecretPort;
    opened?: boolean;
    browser?: boolean;
    historyFolder?: (key: string) => JournalFiles;
  } = {},
) {
  const clock = new ManualClock();
  const ports = memoryPorts();
  const logs: string[] = [];
  const opened: string[] = [];
  const service = contract.wrap(
    createAppService({
      host: 'desktop',
      appVersion: '1.2.3',
      platform: 'linux',
      clock,
      ...ports,
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.historyFolder ? { historyFolder: options.historyFolder } : {}),
      opener: options.browser
        ? null
        : { open: async (url) => (opened.push(url), options.opened ?? true) },
      startDemo: async () => {
        const portal = await startDemoPortal({ clock, teamSize: 8, evolve: false });
        portals.push(portal);
        return portal;
      },
      locale: () => 'en',
      log: (line) => logs.push(line),
      about: {
        runtime: { node: '20.0.0' },
        settingsFolder: '/home/u/.config/B24 Presence',
        logFolder: '/home/u/.config/B24 Presence/logs',
        historyFolder: null,
      },
    }),
  );
  services.push(service);
  const events: Array<{ channel: EventChannel; payload: unknown }> = [];
  const listen = <C extends EventChannel>(channel: C) =>
    service.on(channel, (payload: EventOf<C>) => events.push({ channel, payload }));
  (['snapshot', 'patch', 'health', 'settings', 'connection'] as const).forEach(listen);
  await service.start();
  return { clock, service, ports, events, logs, opened };
}

describe('app service', () => {
  it('starts unconnected and says so', async () => {
    const { service } = await setup();
    const session = value(await service.handle('session:get', null));
    expect(session).toMatchObject({
      appVersion: '1.2.3',
      host: 'desktop',
      connection: { kind: 'none' },
      snapshot: null,
    });
    expect(session.health.state).toBe('connecting');
    expect(service.summary()).toMatchObject({ total: 0, connection: 'none' });
  });

  it('connects to the demo, pushes one snapshot, remembers the choice and summarises for the tray', async () => {
    const { service, clock, events, ports } = await setup();
    const info = value(await service.handle('connection:connect', { kind: 'demo' }));
    expect(info).toMatchObject({
      kind: 'demo',
      portalOrigin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    await clock.advance(0);
    await expect.poll(() => events.filter((event) => event.channel === 'snapshot')).toHaveLength(1);
    expect(ports.settings.load().connection).toEqual({ kind: 'demo' });
    const summary = service.summary();
    expect(summary.total).toBe(8);
    expect(summary.online + summary.idle + summary.mobile + summary.offline).toBe(8);
    expect(summary.health.state).toBe('ok');
    const snapshot = value(await service.handle('snapshot:get', null));
    expect(snapshot?.colleagues).toHaveLength(8);
  });

  it("answers the shell's read accessors with what it was just told", async () => {
    const { service } = await setup();
    expect(service.portalOrigin()).toBeNull();
    expect(service.connectionInfo()).toMatchObject({ kind: 'none', portalOrigin: null });
    const info = value(await service.handle('connection:connect', { kind: 'demo' }));
    expect(service.portalOrigin()).toBe(info.portalOrigin);
    expect(service.connectionInfo()).toEqual(info);
    value(await service.handle('settings:update', { ui: { language: 'ru' } }));
    expect(service.settings()).toMatchObject({
      connection: { kind: 'demo' },
      ui: { language: 'ru' },
    });
    value(await service.handle('connection:disconnect', null));
    expect(service.portalOrigin()).toBeNull();
  });

  it('refuses invalid settings with the field, and keeps the old ones', async () => {
    const { service, ports } = await setup();
    const result = await service.handle('settings:update', { pollIntervalSec: 1 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-payload', message: 'At least 2 seconds', field: 'pollIntervalSec' },
    });
    expect(ports.settings.load().pollIntervalSec).toBe(30);
    const saved = value(
      await service.handle('settings:update', { pollIntervalSec: 60, ui: { theme: 'dark' } }),
    );
    expect(saved.pollIntervalSec).toBe(60);
    expect(saved.ui).toMatchObject({ theme: 'dark', language: 'system' });
  });

  it('counts its settings changes: each answer carries the revision of its own settings event, and the session the latest', async () => {
    const { service, events } = await setup();
    const start = value(await service.handle('session:get', null)).settings.revision ?? -1;
    const first = value(await service.handle('settings:update', { ui: { theme: 'dark' } }));
    const second = value(await service.handle('colleague:set-rule', { id: 5, rule: 'starred' }));
    const sent = events
      .filter((event) => event.channel === 'settings')
      .map((event) => event.payload as { revision?: number });
    expect(sent.map((settings) => settings.revision)).toEqual([first.revision, second.revision]);
    expect(first.revision).toBeGreaterThan(start);
    expect(second.revision).toBeGreaterThan(first.revision ?? Infinity);
    expect(value(await service.handle('session:get', null)).settings).toEqual(second);
    // The revision is the service's word to the panel, not part of the stored settings.
    expect(service.settings()).not.toHaveProperty('revision');
  });

  it('keeps star and mute rules, the watch list and the alert pause', async () => {
    const { service } = await setup();
    value(await service.handle('colleague:set-rule', { id: 5, rule: 'starred' }));
    value(await service.handle('colleague:set-rule', { id: 6, rule: 'muted' }));
    const cleared = value(await service.handle('colleague:set-rule', { id: 5, rule: 'default' }));
    expect(cleared.rules).toEqual({ '6': 'muted' });
    expect(value(await service.handle('watch:set', { ids: [9, 9, 12] })).watchIds).toEqual([9, 12]);
    expect(
      value(await service.handle('alerts:pause', { until: 2_000_000_000_000 })).alerts.pausedUntil,
    ).toBe(2_000_000_000_000);
  });

  it('opens a chat on the connected portal through the opener, and only when connected', async () => {
    const { service, opened } = await setup();
    expect(await service.handle('chat:open', { userId: 5 })).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    const info = value(await service.handle('connection:connect', { kind: 'demo' }));
    expect(value(await service.handle('chat:open', { userId: 5 }))).toEqual({
      url: `${info.portalOrigin}/online/?IM_DIALOG=5`,
      opened: true,
    });
    expect(opened).toEqual([`${info.portalOrigin}/online/?IM_DIALOG=5`]);
  });

  it('names departments once and then from its cache', async () => {
    const { service } = await setup();
    value(await service.handle('connection:connect', { kind: 'demo' }));
    const portal = portals[0]!;
    await expect.poll(async () => value(await service.handle('snapshot:get', null))).not.toBeNull();
    const snapshot = value(await service.handle('snapshot:get', null));
    const ids = [
      ...new Set(snapshot!.colleagues.flatMap((colleague) => colleague.departments)),
    ].slice(0, 2);
    expect(ids).toHaveLength(2);
    const first = value(await service.handle('departments:get', { ids: [...ids, 999] }));
    expect(first.map((department) => department.id)).toEqual(ids);
    expect(first.every((department) => department.name.length > 0)).toBe(true);
    const requests = portal.control.requestLog.length;
    expect(
      value(await service.handle('departments:get', { ids: [...ids].reverse() })).map((d) => d.id),
    ).toEqual([...ids].reverse());
    expect(portal.control.requestLog.length).toBe(requests);
  });

  it('finds people to watch by name or by id, and answers nothing for an id no one has', async () => {
    const { service } = await setup();
    expect(await service.handle('people:search', { query: 'Заре' })).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    value(await service.handle('connection:connect', { kind: 'demo' }));
    const id = portals[0]!.control.addOutsider({
      firstName: 'Ольга',
      lastName: 'Заречная',
      position: 'Аудитор',
    });
    expect(value(await service.handle('people:search', { query: 'заре' })).people).toEqual([
      { id, name: 'Ольга Заречная', position: 'Аудитор' },
    ]);
    expect(value(await service.handle('people:search', { query: `#${id}` })).people).toEqual([
      { id, name: 'Ольга Заречная', position: 'Аудитор' },
    ]);
    expect(value(await service.handle('people:search', { query: '99999' })).people).toEqual([]);
    expect(await service.handle('people:search', { query: 'Ол' })).toMatchObject({
      ok: false,
      error: { code: 'search-short', field: 'query' },
    });
  });

  it('connects without history when the history folder cannot be read at all, and says so', async () => {
    const unreadable: JournalFiles = {
      list: () => {
        throw Object.assign(new Error('EACCES: permission denied, scandir'), { code: 'EACCES' });
      },
      read: () => null,
      append: () => undefined,
      write: () => undefined,
      remove: () => undefined,
      rename: () => undefined,
    };
    const { service, logs } = await setup({ historyFolder: () => unreadable });
    value(await service.handle('connection:connect', { kind: 'demo' }));
    expect(value(await service.handle('session:get', null)).connection.kind).toBe('demo');
    expect(logs).toContainEqual(
      expect.stringMatching(/presence history could not be read \(EACCES/),
    );
  });

  it('tells About the version, the runtime and where its files live', async () => {
    const { service } = await setup();
    expect(value(await service.handle('app:about', null))).toEqual({
      appVersion: '1.2.3',
      host: 'desktop',
      platform: 'linux',
      runtime: { node: '20.0.0' },
      settingsFolder: '/home/u/.config/B24 Presence',
      logFolder: '/home/u/.config/B24 Presence/logs',
      historyFolder: null,
    });
  });

  it('tests a webhook without connecting: whose it is and whether im works', async () => {
    const { service, ports } = await setup();
    const portal = await startDemoPortal({ teamSize: 5, evolve: false });
    portals.push(portal);
    const result = value(
      await service.handle('connection:test', { webhookUrl: portal.webhookUrl }),
    );
    expect(result).toMatchObject({
      portalHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      userId: 1,
      imScope: true,
      colleagues: 5,
      calendarScope: true,
      timeZoneScope: true,
    });
    expect(result.identityName.length).toBeGreaterThan(0);
    expect(ports.secrets.get()).toBeNull();
    expect(ports.settings.load().connection.kind).toBe('none');
  });

  it('says whether the optional calendar and user_brief scopes work, without failing the test (issue 19)', async () => {
    const { service } = await setup();
    for (const [scopes, calendarScope, timeZoneScope] of [
      [['im'], false, false],
      [['im', 'calendar'], true, false],
      [['im', 'user_brief'], false, true],
    ] as const) {
      const portal = await startDemoPortal({ teamSize: 5, evolve: false, scopes });
      portals.push(portal);
      const before = portal.control.requestLog.length;
      const result = value(
        await service.handle('connection:test', { webhookUrl: portal.webhookUrl }),
      );
      expect(result, scopes.join(',')).toMatchObject({
        imScope: true,
        colleagues: 5,
        calendarScope,
        timeZoneScope,
      });
      // Whose webhook it is, then one batch for the rest.
      expect(portal.control.requestLog.length - before).toBe(2);
    }
    // Without im, the optional scopes are still told apart.
    const bare = await startDemoPortal({ teamSize: 5, evolve: false, scopes: ['calendar'] });
    portals.push(bare);
    expect(
      value(await service.handle('connection:test', { webhookUrl: bare.webhookUrl })),
    ).toMatchObject({
      imScope: false,
      colleagues: null,
      calendarScope: true,
      timeZoneScope: false,
    });
  });

  it('connects a webhook only after proving it, and stores it only through the secret port', async () => {
    const { service, ports } = await setup();
    const portal = await startDemoPortal({ teamSize: 5, evolve: false });
    portals.push(portal);
    const bad = await service.handle('connection:connect', {
      kind: 'webhook',
      webhookUrl: 'http://example.com/rest/1/x/',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid-webhook', field: 'webhookUrl' },
    });
    portal.control.revokeWebhook();
    const revoked = await service.handle('connection:connect', {
      kind: 'webhook',
      webhookUrl: portal.webhookUrl,
    });
    expect(revoked).toMatchObject({ ok: false, error: { code: 'auth-invalid' } });
    expect(ports.secrets.get()).toBeNull();
    portal.control.restoreWebhook();
    const info = value(
      await service.handle('connection:connect', {
        kind: 'webhook',
        webhookUrl: ` ${portal.webhookUrl} `,
      }),
    );
    expect(info).toMatchObject({
      kind: 'webhook',
      portalHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
    expect(ports.secrets.get()).toBe(portal.webhookUrl);
    expect(JSON.stringify(ports.settings.load())).not.toContain(
      new URL(portal.webhookUrl).pathname.split('/')[3],
    );
    value(await service.handle('connection:disconnect', null));
    expect(ports.secrets.get()).toBeNull();
    expect(ports.settings.load().connection).toEqual({ kind: 'none' });
  });

  it('tells the user why a credential could not be stored, and stays unconnected', async () => {
    const refusing: SecretPort = {
      get: () => null,
      set: () => {
        throw new PortError(
          'secret-storage-unavailable',
          'No secure storage on this system; nothing was saved.',
        );
      },
      weak: false,
    };
    const { service, ports } = await setup({ secrets: refusing });
    const portal = await startDemoPortal({ teamSize: 5, evolve: false });
    portals.push(portal);
    const result = await service.handle('connection:connect', {
      kind: 'webhook',
      webhookUrl: portal.webhookUrl,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'secret-storage-unavailable',
        message: 'No secure storage on this system; nothing was saved.',
        field: null,
      },
    });
    expect(ports.settings.load().connection.kind).toBe('none');
  });

  it('keeps a webhook for this session only: never handed to the secret port, asked for again at the next start', async () => {
    let saved: string | null = 'https://old.example.com/rest/1/earlier/';
    const written: Array<string | null> = [];
    const weak: SecretPort = {
      get: () => saved,
      set: (next) => (written.push(next), (saved = next)),
      weak: true,
    };
    const { service, ports } = await setup({ secrets: weak });
    expect(value(await service.handle('session:get', null)).connection).toMatchObject({
      weakSecretStorage: true,
      sessionOnly: false,
    });
    const portal = await startDemoPortal({ teamSize: 5, evolve: false });
    portals.push(portal);
    const info = value(
      await service.handle('connection:connect', {
        kind: 'webhook',
        webhookUrl: portal.webhookUrl,
        sessionOnly: true,
      }),
    );
    expect(info).toMatchObject({ kind: 'webhook', weakSecretStorage: true, sessionOnly: true });
    // The earlier copy is forgotten, the new one never reaches the port.
    expect(written).toEqual([null]);
    expect(ports.settings.load().connection).toEqual({ kind: 'none' });
    expect(value(await service.handle('session:get', null)).connection).toMatchObject({
      kind: 'webhook',
      sessionOnly: true,
    });

    const next = createAppService({
      host: 'desktop',
      appVersion: '1',
      platform: 'linux',
      ...ports,
      secrets: weak,
      opener: null,
      startDemo: () => Promise.reject(new Error('unused')),
      locale: () => 'en',
    });
    services.push(next);
    await next.start();
    expect(value(await next.handle('session:get', null))).toMatchObject({
      connection: { kind: 'none', sessionOnly: false },
      health: { state: 'connecting' },
    });
  });

  it('resumes a saved webhook at start, and reports a missing one instead of crashing', async () => {
    const portal = await startDemoPortal({ teamSize: 5, evolve: false });
    portals.push(portal);
    const ports = memoryPorts(
      {
        connection: {
          kind: 'webhook',
          portalHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
          userId: 1,
        },
      },
      portal.webhookUrl,
    );
    const make = () =>
      createAppService({
        host: 'browser',
        appVersion: '1',
        platform: 'linux',
        ...ports,
        opener: null,
        startDemo: () => Promise.reject(new Error('unused')),
        locale: () => 'en',
      });
    const service = make();
    services.push(service);
    await service.start();
    expect(value(await service.handle('session:get', null)).connection).toMatchObject({
      kind: 'webhook',
      portalHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
    });
    ports.secrets.set(null);
    const orphan = make();
    services.push(orphan);
    await orphan.start();
    expect(value(await orphan.handle('session:get', null)).health).toMatchObject({
      state: 'auth-failed',
      code: 'CREDENTIAL_MISSING',
    });
  });
});

describe('app service lifecycle', () => {
  it('runs overlapping connects one after the other, leaving exactly one engine polling', async () => {
    const { service, clock, events } = await setup();
    const [first, second] = await Promise.all([
      service.handle('connection:connect', { kind: 'demo' }),
      service.handle('connection:connect', { kind: 'demo' }),
    ]);
    expect(first.ok && second.ok).toBe(true);
    expect(portals).toHaveLength(2);
    await expect
      .poll(() => events.filter((event) => event.channel === 'snapshot').length)
      .toBeGreaterThan(0);
    // The first portal was closed when the second replaced it: only the second gets requests.
    const [replaced, current] = portals as [DemoPortal, DemoPortal];
    const before = {
      replaced: replaced.control.requestLog.length,
      current: current.control.requestLog.length,
    };
    await clock.advance(120_000);
    await expect.poll(() => current.control.requestLog.length).toBeGreaterThan(before.current);
    expect(replaced.control.requestLog.length).toBe(before.replaced);
  });

  it('says why a chat cannot open when the desktop refuses the link', async () => {
    const { service } = await setup({ opened: false });
    value(await service.handle('connection:connect', { kind: 'demo' }));
    expect(await service.handle('chat:open', { userId: 5 })).toMatchObject({
      ok: false,
      error: { code: 'chat-unavailable' },
    });
  });

  it('in browser mode, says a chat is unavailable rather than hand the panel a link to a "Not found" page', async () => {
    const { service } = await setup({ browser: true });
    value(await service.handle('connection:connect', { kind: 'demo' }));
    // The demo portal runs on http://127.0.0.1: it has no Bitrix24 chat to open.
    expect(await service.handle('chat:open', { userId: 5 })).toMatchObject({
      ok: false,
      error: { code: 'chat-unavailable' },
    });
  });

  it("keeps the tray's recent list: who went away or offline lately, and whom one asked about", async () => {
    const { service } = await setup();
    value(await service.handle('connection:connect', { kind: 'demo' }));
    await expect.poll(async () => value(await service.handle('snapshot:get', null))).not.toBeNull();
    const portal = portals[0]!;
    const [first, second] = portal.control.teamIds();
    portal.control.updatePerson(first!, { presence: 'online' });
    portal.control.updatePerson(second!, { presence: 'online' });
    value(await service.handle('poll:refresh', null));
    portal.control.updatePerson(first!, { presence: 'offline' });
    value(await service.handle('poll:refresh', null));
    portal.control.updatePerson(second!, { presence: 'offline' });
    value(await service.handle('poll:refresh', null));
    expect(
      service
        .summary()
        .recent.slice(0, 2)
        .map((person) => person.id),
    ).toEqual([second, first]);
    value(await service.handle('notify-once:set', { id: first!, on: true }));
    expect(service.summary().recent.find((person) => person.id === first)?.waiting).toBe(true);
    // Back online: no longer "recent" for this list.
    portal.control.updatePerson(second!, { presence: 'online' });
    value(await service.handle('poll:refresh', null));
    // (The demo's people have calendars: one online in a meeting is listed apart, with inMeeting.)
    expect(
      service
        .summary()
        .recent.filter((person) => !person.inMeeting)
        .map((person) => person.id),
    ).not.toContain(second);
  });

  it('the bell waits out a meeting: not "already" while online in one, rings after it, and the tray hears who is free (issue 19)', async () => {
    const { service, clock } = await setup();
    value(await service.handle('connection:connect', { kind: 'demo' }));
    await expect.poll(async () => value(await service.handle('snapshot:get', null))).not.toBeNull();
    const portal = portals[0]!;
    const [inMeeting, tentative, free] = portal.control.teamIds();
    const minute = 60_000;
    const t0 = Math.floor(clock.now() / minute) * minute;
    const meetingEnd = t0 + CALENDAR_PERIOD_MS + 10 * minute;
    for (const id of portal.control.teamIds()) portal.control.setCalendar(id, []);
    portal.control.setCalendar(inMeeting!, [
      { type: 'event', accessibility: 'busy', from: t0 - 10 * minute, until: meetingEnd },
    ]);
    portal.control.setCalendar(tentative!, [
      { type: 'event', accessibility: 'quest', from: t0 - 10 * minute, until: meetingEnd },
    ]);
    const online = () =>
      [inMeeting!, tentative!, free!].forEach((id) =>
        portal.control.updatePerson(id, { presence: 'online' }),
      );
    // The next calendar fetch brings the entries; the three are active just before the last refresh.
    await clock.advance(CALENDAR_PERIOD_MS + DEFAULT_POLL_MS);
    online();
    await clock.advance(DEFAULT_POLL_MS);
    await expect
      .poll(() =>
        service
          .summary()
          .recent.filter((person) => person.inMeeting)
          .map((person) => person.id),
      )
      .toEqual([inMeeting]);
    const freeBefore = service.summary().free;
    expect(freeBefore).not.toBeNull();

    // Online in a meeting: the bell waits; online with a tentative invitation: already free.
    expect(
      value(await service.handle('notify-once:set', { id: inMeeting!, on: true })).already,
    ).toBe(false);
    expect(
      value(await service.handle('notify-once:set', { id: tentative!, on: true })).already,
    ).toBe(true);
    expect(service.summary().recent.find((p) => p.id === inMeeting)).toMatchObject({
      waiting: true,
      inMeeting: true,
    });

    const alerts: AlertIntent[] = [];
    const summaries: PresenceSummary[] = [];
    service.on('alert', (alert) => alerts.push(alert));
    service.onSummary((next) => summaries.push(next));
    // Active all along (the demo does not evolve, but activity ages), still in the meeting: quiet.
    while (clock.now() + DEFAULT_POLL_MS < meetingEnd) {
      online();
      await clock.advance(DEFAULT_POLL_MS);
    }
    expect(alerts.filter((a) => a.kind === 'notify-once')).toEqual([]);
    online();
    await clock.advance(2 * DEFAULT_POLL_MS);
    const name = String(portal.control.userObject(inMeeting!)!.name);
    expect(alerts.filter((a) => a.kind === 'notify-once').map((a) => a.title)).toEqual([
      expect.stringMatching(new RegExp(`^${name} is free: (his|her|the) meeting ended$`)),
    ]);
    expect(service.settings().notifyOnce).toEqual([]);
    // The tray is told: one more free, nobody left in a meeting.
    expect(summaries.at(-1)).toMatchObject({ free: freeBefore! + 1 });
    expect(summaries.at(-1)!.recent.filter((p) => p.inMeeting)).toEqual([]);
  });

  it('refuses to connect once stopped', async () => {
    const { service } = await setup();
    await service.stop();
    expect(await service.handle('connection:connect', { kind: 'demo' })).toMatchObject({
      ok: false,
      error: { code: 'stopped' },
    });
    expect(portals).toHaveLength(0);
  });
});
