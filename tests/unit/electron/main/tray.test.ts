import { nextMorning } from '../../../../electron/shared/settings/pause.js';
import { TRAY_TEXT } from '../../../../electron/main/tray-text.js';
import { withTwelveHourDefault } from '../../../support/default-locale.js';
import { describe, expect, it, vi } from 'vitest';
import {
  HOUR_MS,
  TrayController,
  formatAge,
  trayFormat,
  trayIconState,
  trayMenuTemplate,
  trayTooltip,
  type TrayActions,
  type TrayDeps,
  type TrayFormat,
  setupTray,
  TRAY_TICK_MS,
} from '../../../../electron/main/tray.js';
import { NOW, health, summary } from './support/fixtures.js';
import { fakeService } from '../../../support/fake-service.js';

type Template = ReturnType<typeof trayMenuTemplate>;
type Item = Template[number];

const format: TrayFormat = {
  time: (ms) => `T${new Date(ms).toISOString().slice(11, 16)}`,
  text: TRAY_TEXT.en,
};

function actions() {
  return {
    showPanel: vi.fn<() => void>(),
    togglePanel: vi.fn<() => void>(),
    refresh: vi.fn<() => void>(),
    pauseAlerts: vi.fn<(until: number | null) => void>(),
    openSettings: vi.fn<() => void>(),
    quit: vi.fn<() => void>(),
    notifyOnce: vi.fn<(id: number, on: boolean) => void>(),
  } satisfies TrayActions;
}

const byLabel = (items: readonly Item[], label: string | RegExp): Item => {
  const found = items.find((item) =>
    typeof label === 'string' ? item.label === label : label.test(item.label ?? ''),
  );
  if (!found)
    throw new Error(
      `no menu item ${String(label)} in ${items.map((item) => item.label).join(', ')}`,
    );
  return found;
};
const click = (item: Item): void => (item.click as unknown as () => void)();
const submenu = (item: Item): Item[] => item.submenu as Item[];

describe('tray icon state', () => {
  it('reflects people online, nobody, paused alerts, problems and no connection', () => {
    expect(trayIconState(summary(), NOW)).toBe('online');
    expect(trayIconState(summary({ online: 0, mobile: 0 }), NOW)).toBe('nobody');
    expect(trayIconState(summary({ alertsPausedUntil: NOW + 1000 }), NOW)).toBe('paused');
    expect(trayIconState(summary({ alertsPausedUntil: NOW - 1000 }), NOW)).toBe('online');
    expect(trayIconState(summary({ health: health('auth-failed') }), NOW)).toBe('problem');
    expect(
      trayIconState(
        summary({ health: health('rate-limited'), alertsPausedUntil: NOW + 1000 }),
        NOW,
      ),
    ).toBe('problem');
    expect(trayIconState(summary({ connection: 'none' }), NOW)).toBe('disconnected');
  });
});

describe('tray tooltip', () => {
  it('summarises counts and freshness', () => {
    expect(trayTooltip(summary(), NOW, format)).toBe(
      'B24 Presence — 12 of 40 online · updated 20 s ago',
    );
  });

  it('says how many are free where the portal gives calendars, and nothing of it elsewhere (issue 19)', () => {
    expect(trayTooltip(summary({ free: 7 }), NOW, format)).toBe(
      'B24 Presence — 12 of 40 online · 7 free · updated 20 s ago',
    );
    expect(trayTooltip(summary({ free: 7 }), NOW, { ...format, text: TRAY_TEXT.ru })).toContain(
      'в сети 12 из 40 · свободны 7',
    );
    expect(trayTooltip(summary({ free: null }), NOW, format)).not.toMatch(/free/);
    // The menu's status line says it too.
    expect(
      trayMenuTemplate(summary({ free: 0 }), () => NOW, actions(), format).map(
        (item) => item.label,
      ),
    ).toContain('12 of 40 online · 0 free');
  });

  it('leads with the problem', () => {
    const text = trayTooltip(
      summary({ health: health('rate-limited', { until: Date.UTC(2026, 10, 23, 9, 5) }) }),
      NOW,
      format,
    );
    expect(text).toBe(
      'B24 Presence — Portal busy: retrying at T09:05 · 12 of 40 online · updated 20 s ago',
    );
    expect(trayTooltip(summary({ health: health('auth-failed') }), NOW, format)).toContain(
      'Sign-in failed',
    );
  });

  it('says when alerts are paused and when nothing is connected', () => {
    expect(
      trayTooltip(summary({ alertsPausedUntil: Date.UTC(2026, 10, 23, 10, 0) }), NOW, format),
    ).toContain('alerts paused until T10:00');
    expect(trayTooltip(summary({ connection: 'none' }), NOW, format)).toBe(
      'B24 Presence — Not connected',
    );
  });

  it('formats ages', () => {
    expect(formatAge(1000)).toBe('just now');
    expect(formatAge(20_000)).toBe('20 s ago');
    expect(formatAge(5 * 60_000)).toBe('5 min ago');
    expect(formatAge(3 * HOUR_MS)).toBe('3 h ago');
    expect(formatAge(72 * HOUR_MS)).toBe('3 days ago');
  });
});

describe('tray menu', () => {
  it('puts Show panel first and holds every action', () => {
    const all = actions();
    const menu = trayMenuTemplate(summary(), () => NOW, all, format);
    expect(menu[0]?.label).toBe('Show panel');
    click(byLabel(menu, 'Show panel'));
    click(byLabel(menu, 'Refresh now'));
    click(byLabel(menu, 'Settings…'));
    click(byLabel(menu, /^Quit/));
    expect(all.showPanel).toHaveBeenCalledOnce();
    expect(all.refresh).toHaveBeenCalledOnce();
    expect(all.openSettings).toHaveBeenCalledOnce();
    expect(all.quit).toHaveBeenCalledOnce();
  });

  it('pauses for an hour from the moment of the click, or until tomorrow', () => {
    const all = actions();
    let now = NOW;
    const menu = trayMenuTemplate(summary(), () => now, all, format);
    const pause = submenu(byLabel(menu, 'Pause alerts'));
    now = NOW + 10 * 60_000; // the menu was built ten minutes before the click
    click(byLabel(pause, 'For 1 hour'));
    expect(all.pauseAlerts).toHaveBeenLastCalledWith(now + HOUR_MS);
    click(byLabel(pause, 'Until the morning, 8:00'));
    // The same moment the panel's "until 8:00" picks (today's when still ahead).
    expect(all.pauseAlerts).toHaveBeenLastCalledWith(nextMorning(now));
    expect(pause.some((item) => item.label === 'Resume alerts')).toBe(false);
  });

  it('offers Resume while paused', () => {
    const all = actions();
    const menu = trayMenuTemplate(
      summary({ alertsPausedUntil: NOW + HOUR_MS }),
      () => NOW,
      all,
      format,
    );
    const pause = byLabel(menu, /^Alerts paused until/);
    click(byLabel(submenu(pause), 'Resume alerts'));
    expect(all.pauseAlerts).toHaveBeenCalledWith(null);
  });

  it('doubles & in a name, so the menu shows it instead of underlining the next letter', () => {
    const recent = [{ id: 7, name: 'Tom & Jerry &&Co', waiting: false, inMeeting: false }];
    const people = submenu(
      byLabel(
        trayMenuTemplate(summary({ recent }), () => NOW, actions(), format),
        'Tell me when they are back',
      ),
    );
    expect(people.map((item) => item.label)).toEqual(['Tom && Jerry &&&&Co']);
  });

  it('offers the bell for people online but in a meeting, saying so (issue 19)', () => {
    const all = actions();
    const recent = [
      { id: 7, name: 'Anna Petrova', waiting: false, inMeeting: false },
      { id: 9, name: 'Boris Ivanov', waiting: false, inMeeting: true },
      { id: 11, name: 'Chloe Martin', waiting: true, inMeeting: true },
    ];
    const people = submenu(
      byLabel(
        trayMenuTemplate(summary({ recent }), () => NOW, all, format),
        'Tell me when they are back',
      ),
    );
    expect(people.map((item) => [item.label, item.checked])).toEqual([
      ['Anna Petrova', false],
      ['Boris Ivanov · in a meeting', false],
      ['Chloe Martin · in a meeting', true],
    ]);
    click(byLabel(people, 'Boris Ivanov · in a meeting'));
    click(byLabel(people, 'Chloe Martin · in a meeting'));
    expect(all.notifyOnce.mock.calls).toEqual([
      [9, true],
      [11, false],
    ]);
    const ru = submenu(
      byLabel(
        trayMenuTemplate(summary({ recent }), () => NOW, all, { ...format, text: TRAY_TEXT.ru }),
        'Сообщить, когда вернутся',
      ),
    );
    expect(ru.map((item) => item.label)).toContain('Boris Ivanov · на встрече');
  });

  it('offers "tell me when they are back" for the people who went away or offline lately', () => {
    const all = actions();
    expect(
      trayMenuTemplate(summary(), () => NOW, all, format).some(
        (item) => item.label === 'Tell me when they are back',
      ),
    ).toBe(false);
    const recent = [
      { id: 7, name: 'Anna Petrova', waiting: false, inMeeting: false },
      { id: 9, name: 'Boris Ivanov', waiting: true, inMeeting: false },
    ];
    const people = submenu(
      byLabel(
        trayMenuTemplate(summary({ recent }), () => NOW, all, format),
        'Tell me when they are back',
      ),
    );
    expect(people.map((item) => [item.label, item.checked])).toEqual([
      ['Anna Petrova', false],
      ['Boris Ivanov', true],
    ]);
    click(byLabel(people, 'Anna Petrova'));
    click(byLabel(people, 'Boris Ivanov'));
    expect(all.notifyOnce.mock.calls).toEqual([
      [7, true],
      [9, false],
    ]);
  });

  it('disables Refresh when nothing is connected', () => {
    expect(
      byLabel(
        trayMenuTemplate(summary({ connection: 'none' }), () => NOW, actions(), format),
        'Refresh now',
      ).enabled,
    ).toBe(false);
  });
});

describe('TrayController', () => {
  function fakeDeps() {
    const trays: FakeTray[] = [];
    class FakeTray {
      image: unknown;
      tooltip = '';
      menu: unknown = null;
      menus = 0;
      destroyed = false;
      listeners = new Map<string, () => void>();
      constructor(image: unknown) {
        this.image = image;
        trays.push(this);
      }
      setImage(image: unknown) {
        this.image = image;
      }
      setToolTip(text: string) {
        this.tooltip = text;
      }
      setContextMenu(menu: unknown) {
        this.menu = menu;
        this.menus++;
      }
      on(event: string, listener: () => void) {
        this.listeners.set(event, listener);
        return this;
      }
      destroy() {
        this.destroyed = true;
      }
      isDestroyed() {
        return this.destroyed;
      }
    }
    const deps = {
      Tray: FakeTray,
      Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
      icon: (state: string) => ({ icon: state }),
    } as unknown as TrayDeps;
    return { deps, trays };
  }

  it('renders icon, tooltip and menu, and follows updates', () => {
    const { deps, trays } = fakeDeps();
    let now = NOW;
    const controller = new TrayController(deps, summary(), actions(), () => now, format);
    const tray = trays[0];
    expect(tray?.image).toEqual({ icon: 'online' });
    expect(tray?.tooltip).toContain('12 of 40 online');
    controller.update(summary({ health: health('offline') }));
    expect(tray?.image).toEqual({ icon: 'problem' });
    expect(controller.shown).toEqual({ state: 'problem', tooltip: tray?.tooltip });
    now += 60_000;
    controller.tick();
    expect(tray?.tooltip).toContain('1 min ago');
  });

  it('does not rebuild the menu when nothing visible changed', () => {
    const { deps, trays } = fakeDeps();
    const controller = new TrayController(deps, summary(), actions(), () => NOW, format);
    const before = trays[0]?.menus;
    controller.tick();
    controller.update(summary());
    expect(trays[0]?.menus).toBe(before);
    // Someone new on the recent list is visible: the menu follows.
    controller.update(
      summary({ recent: [{ id: 7, name: 'Anna Petrova', waiting: false, inMeeting: false }] }),
    );
    expect(trays[0]?.menus).toBe((before ?? 0) + 1);
  });

  it('keeps an open menu open while the age in the tooltip ticks (AppIndicator closes a rebuilt menu)', () => {
    const { deps, trays } = fakeDeps();
    let now = NOW;
    const controller = new TrayController(deps, summary(), actions(), () => now, format);
    const before = trays[0]?.menus;
    const tooltips = new Set<string | undefined>();
    for (let step = 0; step < 12; step++) {
      now += 10_000;
      controller.tick();
      tooltips.add(trays[0]?.tooltip);
    }
    expect(tooltips.size).toBeGreaterThan(1); // the tooltip did tick…
    expect(trays[0]?.menus).toBe(before); // …and the menu was left alone
  });

  it('toggles the panel on click and can be destroyed', () => {
    const { deps, trays } = fakeDeps();
    const all = actions();
    const controller = new TrayController(deps, summary(), all, () => NOW, format);
    trays[0]?.listeners.get('click')?.();
    expect(all.togglePanel).toHaveBeenCalledOnce();
    controller.destroy();
    expect(trays[0]?.destroyed).toBe(true);
    controller.update(summary({ online: 0 }));
    expect(trays[0]?.image).toEqual({ icon: 'online' });
  });
});

describe('tray in Russian', () => {
  it('speaks the panel language in the tooltip and the menu', () => {
    const ru = { ...trayFormat('ru'), time: format.time };
    const summary12 = { ...summary(), alertsPausedUntil: null };
    expect(trayTooltip(summary12, NOW, ru)).toMatch(/^B24 Presence — в сети \d+ из \d+/);
    const labels = trayMenuTemplate(summary12, () => NOW, actions(), ru).map((item) => item.label);
    expect(labels).toContain('Показать панель');
    expect(labels).toContain('Выйти из B24 Presence');
    expect(formatAge(5 * 60_000, TRAY_TEXT.ru)).toBe('5\u00a0мин назад');
    expect(labels).toContain('Приостановить уведомления');
  });

  it('writes clock times in the tray language, 24-hour, not in the machine default locale', () => {
    const afternoon = new Date(2026, 10, 23, 14, 5).getTime();
    withTwelveHourDefault(() => {
      expect(trayFormat('en').time(afternoon)).toBe('14:05');
      expect(trayFormat('ru').time(afternoon)).toBe('14:05');
      const paused = { ...summary(), alertsPausedUntil: afternoon };
      expect(trayTooltip(paused, afternoon - 60_000, trayFormat('ru'))).toContain(
        'уведомления на паузе до 14:05',
      );
      expect(trayTooltip(paused, afternoon - 60_000, trayFormat('en'))).toContain(
        'alerts paused until 14:05',
      );
    });
  });

  it('has every English phrase in Russian too', () => {
    const keys = (text: object): string[] =>
      Object.entries(text).flatMap(([key, value]) =>
        typeof value === 'object' ? keys(value as object).map((k) => `${key}.${k}`) : [key],
      );
    expect(keys(TRAY_TEXT.ru)).toEqual(keys(TRAY_TEXT.en));
  });
});

describe('setupTray', () => {
  function setup(language: 'system' | 'en' | 'ru' = 'en') {
    const fake = fakeService({
      ui: { theme: 'system', language, startAtLogin: false, startMinimized: false },
    });
    const shown: { tooltip: string; menu: { template: Template } | null } = {
      tooltip: '',
      menu: null,
    };
    const deps = {
      Tray: class {
        on() {}
        setImage() {}
        setToolTip(text: string) {
          shown.tooltip = text;
        }
        setContextMenu(menu: { template: Template }) {
          shown.menu = menu;
        }
        destroy() {}
        isDestroyed() {
          return false;
        }
      },
      Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
      icon: () => ({}),
    } as unknown as TrayDeps;
    const panel = { show: vi.fn(), toggle: vi.fn(), openSettings: vi.fn() };
    const ticks: Array<() => void> = [];
    const quit = vi.fn();
    const tray = setupTray(deps, fake.service, panel, {
      locale: () => (fake.service.settings().ui.language === 'ru' ? 'ru' : 'en'),
      quit,
      now: () => NOW,
      every: (ms, tick) => {
        expect(ms).toBe(TRAY_TICK_MS);
        ticks.push(tick);
      },
    });
    const item = (label: string) => byLabelIn(shown.menu?.template ?? [], label);
    return { fake, shown, panel, ticks, quit, tray, item };
  }

  const byLabelIn = (template: Template, label: string): Item => {
    const found = template.find((item) => item.label === label);
    if (!found) throw new Error(`no item ${label}`);
    return found;
  };

  it("shows the service's summary and follows it", () => {
    const { fake, shown, ticks } = setup();
    expect(shown.tooltip).toMatch(/12 of 40 online/);
    fake.emit('summary', summary({ online: 1, mobile: 0 }));
    expect(shown.tooltip).toMatch(/1 of 40 online/);
    expect(ticks).toHaveLength(1);
  });

  it('reads a fresh summary at each tick: a meeting that ends changes who is free with nothing to emit (issue 19)', () => {
    const { fake, shown, ticks } = setup();
    const inMeeting = { id: 9, name: 'Boris Ivanov', waiting: false, inMeeting: true };
    fake.emit('summary', summary({ free: 4, recent: [inMeeting] }));
    expect(shown.tooltip).toMatch(/· 4 free/);
    const people = () =>
      (shown.menu?.template.find((item) => item.label === 'Tell me when they are back')?.submenu ??
        []) as Item[];
    expect(people().map((item) => item.label)).toEqual(['Boris Ivanov · in a meeting']);
    // The service's summary moved on (the meeting ended) without an event: the next tick shows it.
    fake.state.summary = summary({ free: 5, recent: [] });
    ticks.forEach((tick) => tick());
    expect(shown.tooltip).toMatch(/· 5 free/);
    expect(people()).toEqual([]);
  });

  it('acts on the panel and the service from its menu', () => {
    const { fake, panel, quit, item } = setup();
    (item('Show panel').click as () => void)();
    (item('Refresh now').click as () => void)();
    (item('Settings…').click as () => void)();
    (item('Quit B24 Presence').click as () => void)();
    expect(panel.show).toHaveBeenCalledOnce();
    expect(panel.openSettings).toHaveBeenCalledOnce();
    expect(quit).toHaveBeenCalledOnce();
    expect(fake.handled).toEqual([{ channel: 'poll:refresh', request: null }]);
  });

  it('switches language when the user picks another, and only then', () => {
    const { fake, shown } = setup('en');
    expect(shown.tooltip).toMatch(/online/);
    fake.saveSettings({ alerts: { ...fake.service.settings().alerts, sound: true } });
    expect(shown.tooltip).toMatch(/online/);
    fake.saveSettings({ ui: { ...fake.service.settings().ui, language: 'ru' } });
    expect(shown.tooltip).toMatch(/в сети/);
  });
});
