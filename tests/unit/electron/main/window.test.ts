import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../../electron/core/clock.js';
import {
  PANEL_SIZE,
  PanelWindow,
  fitBounds,
  panelWindowOptions,
  type Bounds,
  type PanelBrowserWindow,
  type PanelWindowDeps,
} from '../../../../electron/main/window.js';

describe('panel window options', () => {
  it('are hardened', () => {
    const options = panelWindowOptions({
      preload: '/app/dist/preload/preload.cjs',
      bounds: null,
      devTools: false,
    });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: false,
      preload: '/app/dist/preload/preload.cjs',
    });
    expect(options.show).toBe(false);
  });

  it('use remembered bounds when given', () => {
    const options = panelWindowOptions({
      preload: 'p',
      bounds: { x: 10, y: 20, width: 500, height: 700 },
      devTools: true,
    });
    expect(options).toMatchObject({ x: 10, y: 20, width: 500, height: 700 });
  });
});

describe('fitBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('keeps bounds that are on a display', () => {
    expect(fitBounds({ x: 100, y: 100, width: 400, height: 600 }, screen)).toEqual({
      x: 100,
      y: 100,
      width: 400,
      height: 600,
    });
  });
  it('drops bounds on a display that is gone', () => {
    expect(fitBounds({ x: 2500, y: 100, width: 400, height: 600 }, screen)).toBeNull();
    expect(fitBounds({ x: 1900, y: 100, width: 400, height: 600 }, screen)).toBeNull();
  });
  it('enforces the minimum size', () => {
    expect(fitBounds({ x: 0, y: 0, width: 10, height: 10 }, screen)).toMatchObject({
      width: PANEL_SIZE.minWidth,
      height: PANEL_SIZE.minHeight,
    });
  });
});

class FakeWindow extends EventEmitter {
  visible = false;
  destroyed = false;
  minimized = false;
  bounds: Bounds = { x: 50, y: 60, width: 420, height: 650 };
  loadedUrl: string | null = null;
  sent: Array<[string, unknown]> = [];
  readonly contents = new EventEmitter();
  readonly webContents = Object.assign(this.contents, {
    id: 7,
    send: (channel: string, payload: unknown) => this.sent.push([channel, payload]),
    isDestroyed: () => this.destroyed,
    reload: vi.fn(),
  });
  constructor(readonly options: unknown) {
    super();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  destroy() {
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  async loadURL(url: string) {
    this.loadedUrl = url;
  }
  getNormalBounds() {
    return this.bounds;
  }
  finishLoad() {
    this.contents.emit('did-finish-load');
  }
  /** Fires 'close' as the user's close button would; returns whether it was prevented. */
  userClose(): boolean {
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    this.emit('close', event);
    return event.prevented;
  }
}

function setup(overrides: Partial<PanelWindowDeps> = {}) {
  const clock = new ManualClock();
  const windows: FakeWindow[] = [];
  const saved: Bounds[] = [];
  let quitting = false;
  const panel = new PanelWindow({
    create: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window as unknown as PanelBrowserWindow;
    },
    url: 'app://panel/index.html',
    preload: '/preload.cjs',
    devTools: false,
    clock,
    loadBounds: () => saved.at(-1) ?? null,
    saveBounds: (bounds) => saved.push(bounds),
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    isQuitting: () => quitting,
    destroyAfterHiddenMs: 60_000,
    ...overrides,
  });
  return { panel, clock, windows, saved, quit: () => (quitting = true) };
}

describe('PanelWindow', () => {
  it('creates the window lazily on the app:// page and shows it', () => {
    const { panel, windows } = setup();
    expect(panel.current).toBeNull();
    panel.show();
    expect(windows).toHaveLength(1);
    expect(windows[0]?.loadedUrl).toBe('app://panel/index.html');
    expect(panel.isVisible()).toBe(true);
  });

  it('hides to the tray on close, and really closes while quitting', () => {
    const { panel, windows, quit } = setup();
    panel.show();
    expect(windows[0]?.userClose()).toBe(true);
    expect(panel.isVisible()).toBe(false);
    expect(panel.current).not.toBeNull();
    quit();
    expect(windows[0]?.userClose()).toBe(false);
  });

  it('releases a window hidden for long and rebuilds it on show, at the same place', async () => {
    const { panel, windows, clock, saved } = setup();
    panel.show();
    panel.hide();
    await clock.advance(59_000);
    expect(panel.current).not.toBeNull();
    await clock.advance(2_000);
    expect(panel.current).toBeNull();
    expect(windows[0]?.destroyed).toBe(true);
    expect(saved.at(-1)).toEqual({ x: 50, y: 60, width: 420, height: 650 });
    panel.show();
    expect(windows).toHaveLength(2);
    expect(windows[1]?.options).toMatchObject({ x: 50, y: 60, width: 420, height: 650 });
  });

  it('keeps the window when shown again before the timeout', async () => {
    const { panel, windows, clock } = setup();
    panel.show();
    panel.hide();
    await clock.advance(30_000);
    panel.show();
    await clock.advance(120_000);
    expect(windows).toHaveLength(1);
    expect(windows[0]?.destroyed).toBe(false);
  });

  it('saves bounds after moves settle', async () => {
    const { panel, windows, clock, saved } = setup();
    panel.show();
    const window = windows[0];
    if (!window) throw new Error('no window');
    window.bounds = { x: 1, y: 2, width: 500, height: 600 };
    window.emit('move');
    window.emit('resize');
    expect(saved).toHaveLength(0);
    await clock.advance(600);
    expect(saved).toEqual([{ x: 1, y: 2, width: 500, height: 600 }]);
  });

  it('toggles', () => {
    const { panel } = setup();
    panel.toggle();
    expect(panel.isVisible()).toBe(true);
    panel.toggle();
    expect(panel.isVisible()).toBe(false);
  });

  it('pushes only to a live window, and holds after-load actions until the page loaded', async () => {
    const { panel, windows, clock } = setup();
    panel.send('b24:evt:patch', { seq: 1 });
    panel.show();
    const window = windows[0];
    const action = vi.fn();
    panel.afterLoad(action);
    expect(action).not.toHaveBeenCalled();
    window?.finishLoad();
    expect(action).toHaveBeenCalledOnce();
    panel.afterLoad(action);
    expect(action).toHaveBeenCalledTimes(2);
    panel.send('b24:evt:patch', { seq: 2 });
    expect(window?.sent).toEqual([['b24:evt:patch', { seq: 2 }]]);
    panel.hide();
    await clock.advance(61_000);
    panel.send('b24:evt:patch', { seq: 3 });
    expect(window?.sent).toHaveLength(1);
  });

  it('reloads a visible panel and releases a hidden one', () => {
    const { panel, windows } = setup();
    panel.show();
    panel.reload();
    expect(windows[0]?.webContents.reload).toHaveBeenCalledOnce();
    panel.hide();
    panel.reload();
    expect(panel.current).toBeNull();
  });
});
