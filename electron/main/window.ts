import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { Clock, TimerHandle } from '../core/clock.js';

/*
 * The panel window: hardened options, remembered bounds, close-hides-to-tray, and a window
 * that is destroyed after staying hidden a long time (a tray app should not keep a renderer
 * in memory for days) and rebuilt on the next show; the panel then re-reads the session.
 */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export const PANEL_SIZE = { width: 400, height: 640, minWidth: 320, minHeight: 420 } as const;

export function panelWindowOptions(options: {
  readonly preload: string;
  readonly bounds: Bounds | null;
  readonly devTools: boolean;
  readonly backgroundColor?: string;
}): BrowserWindowConstructorOptions {
  return {
    ...(options.bounds ?? {}),
    width: options.bounds?.width ?? PANEL_SIZE.width,
    height: options.bounds?.height ?? PANEL_SIZE.height,
    minWidth: PANEL_SIZE.minWidth,
    minHeight: PANEL_SIZE.minHeight,
    show: false,
    title: 'B24 Presence',
    autoHideMenuBar: true,
    backgroundColor: options.backgroundColor ?? '#f5f7fa',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  };
}

/** Keeps remembered bounds only while enough of the window lands on a connected display. */
export function fitBounds(saved: Bounds | null, workAreas: readonly Rectangle[]): Bounds | null {
  if (!saved) return null;
  const width = Math.max(PANEL_SIZE.minWidth, Math.round(saved.width));
  const height = Math.max(PANEL_SIZE.minHeight, Math.round(saved.height));
  const candidate = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
  const visible = workAreas.some((area) => {
    const overlapX =
      Math.min(candidate.x + width, area.x + area.width) - Math.max(candidate.x, area.x);
    const overlapY =
      Math.min(candidate.y + height, area.y + area.height) - Math.max(candidate.y, area.y);
    return overlapX >= 120 && overlapY >= 80;
  });
  return visible ? candidate : null;
}

export type PanelBrowserWindow = Pick<
  BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'destroy'
  | 'isDestroyed'
  | 'isVisible'
  | 'isMinimized'
  | 'restore'
  | 'on'
  | 'once'
  | 'loadURL'
  | 'getNormalBounds'
> & {
  readonly webContents: Pick<
    BrowserWindow['webContents'],
    'send' | 'id' | 'isDestroyed' | 'reload' | 'once'
  >;
};

export interface PanelWindowDeps {
  readonly create: (options: BrowserWindowConstructorOptions) => PanelBrowserWindow;
  readonly url: string;
  readonly preload: string;
  readonly devTools: boolean;
  readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  readonly loadBounds: () => Bounds | null;
  readonly saveBounds: (bounds: Bounds) => void;
  readonly workAreas: () => readonly Rectangle[];
  /** While quitting, close really closes. */
  readonly isQuitting: () => boolean;
  /** Security guards and anything else per new window. */
  readonly onCreated?: (window: PanelBrowserWindow) => void;
  readonly destroyAfterHiddenMs?: number;
  readonly log?: (line: string) => void;
}

const DEFAULT_DESTROY_AFTER_HIDDEN_MS = 15 * 60 * 1000;
const SAVE_BOUNDS_DELAY_MS = 500;

export class PanelWindow {
  private window: PanelBrowserWindow | null = null;
  private destroyTimer: TimerHandle | null = null;
  private saveTimer: TimerHandle | null = null;
  private loaded = false;
  private pending: Array<(window: PanelBrowserWindow) => void> = [];

  constructor(private readonly deps: PanelWindowDeps) {}

  /** The live window, if any: pushes go nowhere while it is destroyed. */
  get current(): PanelBrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  isVisible(): boolean {
    return this.current?.isVisible() ?? false;
  }

  show(): PanelBrowserWindow {
    this.cancelDestroy();
    const window = this.current ?? this.build();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return window;
  }

  hide(): void {
    const window = this.current;
    if (!window) return;
    this.saveBoundsNow(window);
    window.hide();
    this.scheduleDestroy();
  }

  toggle(): void {
    if (this.isVisible()) this.hide();
    else this.show();
  }

  send(wireChannel: string, payload: unknown): void {
    const contents = this.current?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(wireChannel, payload);
  }

  /**
   * Runs `action` once the panel's page has loaded (at once if it has): a message pushed into
   * a window that is still loading would reach no listener.
   */
  afterLoad(action: (window: PanelBrowserWindow) => void): void {
    const window = this.current;
    if (!window) return;
    if (this.loaded) action(window);
    else this.pending.push(action);
  }

  /** Reloads the page (e.g. to apply a new CSP); a hidden window is simply released instead. */
  reload(): void {
    const window = this.current;
    if (!window) return;
    if (!window.isVisible()) {
      this.release(window);
      return;
    }
    this.loaded = false;
    window.webContents.once('did-finish-load', () => this.markLoaded(window));
    window.webContents.reload();
  }

  /** Really closes (on quit): bounds saved, timers cleared. */
  dispose(): void {
    this.cancelDestroy();
    if (this.saveTimer) this.deps.clock.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const window = this.current;
    if (window) {
      this.saveBoundsNow(window);
      window.destroy();
    }
    this.window = null;
  }

  private build(): PanelBrowserWindow {
    const bounds = fitBounds(this.deps.loadBounds(), this.deps.workAreas());
    const window = this.deps.create(
      panelWindowOptions({ preload: this.deps.preload, bounds, devTools: this.deps.devTools }),
    );
    this.window = window;
    this.loaded = false;
    this.pending = [];
    window.webContents.once('did-finish-load', () => this.markLoaded(window));
    this.deps.onCreated?.(window);
    window.on('close', (event) => {
      if (this.deps.isQuitting()) return;
      // Closing hides to the tray; Quit is in the tray menu.
      event.preventDefault();
      this.hide();
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    const queueSave = (): void => this.queueSaveBounds(window);
    window.on('resize', queueSave);
    window.on('move', queueSave);
    void window
      .loadURL(this.deps.url)
      .catch(() => this.deps.log?.('window: the panel failed to load'));
    this.deps.log?.('window: panel created');
    return window;
  }

  private scheduleDestroy(): void {
    this.cancelDestroy();
    this.destroyTimer = this.deps.clock.setTimeout(() => {
      this.destroyTimer = null;
      const window = this.current;
      if (window && !window.isVisible()) {
        this.deps.log?.('window: hidden for long, released to save memory');
        this.release(window);
      }
    }, this.deps.destroyAfterHiddenMs ?? DEFAULT_DESTROY_AFTER_HIDDEN_MS);
  }

  private release(window: PanelBrowserWindow): void {
    this.cancelDestroy();
    this.saveBoundsNow(window);
    window.destroy();
    if (this.window === window) this.window = null;
    this.pending = [];
  }

  private markLoaded(window: PanelBrowserWindow): void {
    if (this.window !== window || window.isDestroyed()) return;
    this.loaded = true;
    const actions = this.pending;
    this.pending = [];
    for (const action of actions) action(window);
  }

  private cancelDestroy(): void {
    if (this.destroyTimer) this.deps.clock.clearTimeout(this.destroyTimer);
    this.destroyTimer = null;
  }

  private queueSaveBounds(window: PanelBrowserWindow): void {
    if (this.saveTimer) this.deps.clock.clearTimeout(this.saveTimer);
    this.saveTimer = this.deps.clock.setTimeout(() => {
      this.saveTimer = null;
      if (!window.isDestroyed()) this.saveBoundsNow(window);
    }, SAVE_BOUNDS_DELAY_MS);
  }

  private saveBoundsNow(window: PanelBrowserWindow): void {
    const { x, y, width, height } = window.getNormalBounds();
    this.deps.saveBounds({ x, y, width, height });
  }
}
