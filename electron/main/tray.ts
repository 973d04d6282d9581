import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { AppService, PresenceSummary } from '../core/ports.js';
import { alertsPausedAt, nextMorning } from '../shared/settings/pause.js';
import type { PanelActions } from './panel-actions.js';
import { TRAY_TEXT, trayClock, type TrayLocale, type TrayText } from './tray-text.js';

/*
 * The tray: an icon whose look follows the state, a tooltip with the summary, and a menu that
 * holds every action (Linux AppIndicator drops clicks, so the menu must be enough on its own).
 * The texts and the menu are pure functions of the summary; the controller only applies them.
 */
export type TrayIconState = 'online' | 'nobody' | 'paused' | 'problem' | 'disconnected';

export interface TrayActions {
  showPanel(): void;
  togglePanel(): void;
  refresh(): void;
  pauseAlerts(until: number | null): void;
  openSettings(): void;
  quit(): void;
  /** Ask (or stop asking) to be told once when this person is available. */
  notifyOnce(id: number, on: boolean): void;
}

export interface TrayFormat {
  /** Local clock time for "paused until …"; injected so tests do not depend on the machine's locale. */
  readonly time: (epochMs: number) => string;
  /** The words, in the user's language. */
  readonly text: TrayText;
}

/** The tray's format in a language (the panel's language setting, resolved by the host). */
export function trayFormat(locale: TrayLocale): TrayFormat {
  return { time: trayClock(locale), text: TRAY_TEXT[locale] };
}

export const defaultTrayFormat: TrayFormat = trayFormat('en');

const PROBLEM_STATES = new Set(['auth-failed', 'offline', 'rate-limited', 'stale']);

export function trayIconState(summary: PresenceSummary, now: number): TrayIconState {
  if (summary.connection === 'none') return 'disconnected';
  if (PROBLEM_STATES.has(summary.health.state)) return 'problem';
  if (alertsPausedAt(summary.alertsPausedUntil, now)) return 'paused';
  return summary.online + summary.mobile > 0 ? 'online' : 'nobody';
}

export function formatAge(ms: number, text: TrayText = TRAY_TEXT.en): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 5) return text.age.justNow;
  if (seconds < 60) return text.age.seconds(seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return text.age.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return text.age.hours(hours);
  return text.age.days(Math.floor(hours / 24));
}

export function problemText(
  summary: PresenceSummary,
  format: TrayFormat = defaultTrayFormat,
): string | null {
  const { health } = summary;
  switch (health.state) {
    case 'auth-failed':
      return format.text.authFailed;
    case 'offline':
      return format.text.offline;
    case 'rate-limited':
      return health.until !== null
        ? format.text.busyUntil(format.time(health.until))
        : format.text.busy;
    case 'stale':
      return format.text.stale;
    default:
      return null;
  }
}

/**
 * The tray's one-line summary. `withAge: false` leaves out "updated 20 s ago": the menu shows
 * the line too, and text that changes every few seconds would rebuild (and close) an open menu.
 */
export function trayTooltip(
  summary: PresenceSummary,
  now: number,
  format: TrayFormat = defaultTrayFormat,
  { withAge = true }: { readonly withAge?: boolean } = {},
): string {
  const parts: string[] = [];
  if (summary.connection === 'none') {
    parts.push(format.text.notConnected);
  } else {
    const problem = problemText(summary, format);
    if (problem) parts.push(problem);
    if (summary.health.state === 'connecting' && summary.updatedAt === null)
      parts.push(format.text.connecting);
    else {
      parts.push(format.text.online(summary.online + summary.mobile, summary.total));
      if (summary.free !== null) parts.push(format.text.free(summary.free));
    }
    if (withAge && summary.updatedAt !== null)
      parts.push(format.text.updated(formatAge(now - summary.updatedAt, format.text)));
  }
  if (alertsPausedAt(summary.alertsPausedUntil, now) && summary.alertsPausedUntil !== null) {
    parts.push(format.text.pausedUntil(format.time(summary.alertsPausedUntil)));
  }
  return `B24 Presence — ${parts.join(' · ')}`;
}

export const HOUR_MS = 60 * 60 * 1000;

/** `clock` is read when an item is clicked: a menu built minutes ago still pauses for a full hour. */
export function trayMenuTemplate(
  summary: PresenceSummary,
  clock: () => number,
  actions: TrayActions,
  format: TrayFormat = defaultTrayFormat,
): MenuItemConstructorOptions[] {
  const now = clock();
  const paused = alertsPausedAt(summary.alertsPausedUntil, now);
  const pauseItems: MenuItemConstructorOptions[] = [
    { label: format.text.menu.forHour, click: () => actions.pauseAlerts(clock() + HOUR_MS) },
    {
      label: format.text.menu.untilMorning,
      click: () => actions.pauseAlerts(nextMorning(clock())),
    },
  ];
  if (paused)
    pauseItems.push(
      { type: 'separator' },
      { label: format.text.menu.resume, click: () => actions.pauseAlerts(null) },
    );
  return [
    { label: format.text.menu.show, click: () => actions.showPanel() },
    {
      label: menuLabel(
        trayTooltip(summary, now, format, { withAge: false }).replace(/^B24 Presence — /, ''),
      ),
      enabled: false,
    },
    { type: 'separator' },
    {
      label: format.text.menu.refresh,
      enabled: summary.connection !== 'none',
      click: () => actions.refresh(),
    },
    {
      label:
        paused && summary.alertsPausedUntil !== null
          ? format.text.alertsPausedUntil(format.time(summary.alertsPausedUntil))
          : format.text.menu.pause,
      submenu: pauseItems,
    },
    ...recentItems(summary, actions, format),
    { label: format.text.menu.settings, click: () => actions.openSettings() },
    { type: 'separator' },
    { label: format.text.menu.quit, click: () => actions.quit() },
  ];
}

/**
 * Text as a menu item shows it: Electron reads `&` as a mnemonic marker (Windows, Linux) and
 * `&&` as a literal ampersand on every platform, so a name like "Tom & Jerry" needs doubling.
 */
export function menuLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

/**
 * The recent list: everyone who went away or offline lately, then who is online but in a meeting
 * (the bell waits for its end), a tick where one already asked.
 */
function recentItems(
  summary: PresenceSummary,
  actions: TrayActions,
  format: TrayFormat,
): MenuItemConstructorOptions[] {
  if (summary.recent.length === 0) return [];
  const people: MenuItemConstructorOptions[] = summary.recent.map((person) => ({
    label: menuLabel(
      person.inMeeting ? `${person.name} · ${format.text.menu.inMeeting}` : person.name,
    ),
    type: 'checkbox',
    checked: person.waiting,
    click: () => actions.notifyOnce(person.id, !person.waiting),
  }));
  return [{ label: format.text.menu.tellMe, submenu: people }];
}

export interface TrayDeps {
  readonly Tray: new (
    image: NativeImage,
  ) => Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy' | 'isDestroyed'>;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate'>;
  readonly icon: (state: TrayIconState) => NativeImage;
}

/** Owns the Tray instance; `update` re-renders icon, tooltip and menu from a summary. */
export class TrayController {
  private readonly tray: InstanceType<TrayDeps['Tray']>;
  private lastState: TrayIconState | null = null;
  /** Rebuilding an open AppIndicator menu closes it, so the menu is rebuilt only when its text changes. */
  private lastMenuKey: string | null = null;
  private lastTooltip: string | null = null;
  private summary: PresenceSummary;

  constructor(
    private readonly deps: TrayDeps,
    initial: PresenceSummary,
    private readonly actions: TrayActions,
    private readonly now: () => number,
    private format: TrayFormat = defaultTrayFormat,
  ) {
    this.summary = initial;
    this.tray = new deps.Tray(deps.icon(trayIconState(initial, now())));
    // Where the platform reports clicks, a left click toggles the panel; the menu covers the rest.
    this.tray.on('click', () => actions.togglePanel());
    this.render();
  }

  /** What the tray shows now (for diagnostics and the end-to-end tests). */
  get shown(): { readonly state: TrayIconState | null; readonly tooltip: string | null } {
    return { state: this.lastState, tooltip: this.lastTooltip };
  }

  update(summary: PresenceSummary): void {
    this.summary = summary;
    this.render();
  }

  /** The user changed the language. */
  setFormat(format: TrayFormat): void {
    this.format = format;
    this.render();
  }

  /** Re-renders with the current time, so "updated 20 s ago" keeps moving. */
  tick(): void {
    this.render();
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    const now = this.now();
    const state = trayIconState(this.summary, now);
    if (state !== this.lastState) {
      this.tray.setImage(this.deps.icon(state));
      this.lastState = state;
    }
    const tooltip = trayTooltip(this.summary, now, this.format);
    if (tooltip !== this.lastTooltip) {
      this.lastTooltip = tooltip;
      this.tray.setToolTip(tooltip);
    }
    const recent = this.summary.recent
      .map((person) => `${person.id}${person.waiting ? '+' : ''}${person.inMeeting ? 'm' : ''}`)
      .join(',');
    const menuKey = `${state}|${this.summary.connection}|${this.format.text.menu.show}|${trayTooltip(this.summary, now, this.format, { withAge: false })}|${recent}`;
    if (menuKey === this.lastMenuKey) return;
    this.lastMenuKey = menuKey;
    this.tray.setContextMenu(
      this.deps.Menu.buildFromTemplate(
        trayMenuTemplate(this.summary, this.now, this.actions, this.format),
      ),
    );
  }
}

/** How often the tray re-renders on its own, so "updated 20 s ago" keeps moving. */
export const TRAY_TICK_MS = 10_000;

/**
 * The tray for the app: fed by the service's summary, speaking the shell's language (and
 * switching when the user picks another), its menu acting on the panel and the service.
 */
export function setupTray(
  deps: TrayDeps,
  service: Pick<AppService, 'summary' | 'onSummary' | 'on' | 'handle' | 'settings'>,
  panel: Pick<PanelActions, 'show' | 'toggle' | 'openSettings'>,
  options: {
    readonly locale: () => TrayLocale;
    readonly quit: () => void;
    readonly now?: () => number;
    readonly every?: (ms: number, tick: () => void) => void;
  },
): TrayController {
  const now = options.now ?? (() => Date.now());
  const tray = new TrayController(
    deps,
    service.summary(),
    {
      showPanel: () => panel.show(),
      togglePanel: () => panel.toggle(),
      refresh: () => void service.handle('poll:refresh', null),
      pauseAlerts: (until) => void service.handle('alerts:pause', { until }),
      openSettings: () => panel.openSettings(),
      quit: options.quit,
      notifyOnce: (id, on) => void service.handle('notify-once:set', { id, on }),
    },
    now,
    trayFormat(options.locale()),
  );
  service.onSummary((summary) => tray.update(summary));
  let language = service.settings().ui.language;
  service.on('settings', (next) => {
    if (next.ui.language === language) return;
    language = next.ui.language;
    tray.setFormat(trayFormat(options.locale()));
  });
  const every = options.every ?? ((ms, tick) => void setInterval(tick, ms).unref());
  // A fresh summary at each tick: who is free changes as meetings end, with nothing to patch.
  every(TRAY_TICK_MS, () => tray.update(service.summary()));
  return tray;
}
