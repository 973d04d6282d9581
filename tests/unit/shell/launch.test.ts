import { describe, expect, it, vi } from 'vitest';
import {
  applyAutostart,
  desktopEntry,
  linuxAutostartPath,
  quoteExecArgument,
  type AutostartDeps,
} from '../../../electron/main/autostart.js';
import { claimSingleInstance, hasHiddenFlag, shouldStartHidden } from '../../../electron/main/launch.js';

type AppLike = Parameters<typeof claimSingleInstance>[0];

describe('launch options', () => {
  it('starts hidden with --hidden, the setting, or a macOS login launch', () => {
    expect(hasHiddenFlag(['/opt/app', '--hidden'])).toBe(true);
    expect(shouldStartHidden({ argv: ['/opt/app'], startMinimized: false, openedAtLogin: false })).toBe(false);
    expect(shouldStartHidden({ argv: ['/opt/app'], startMinimized: true, openedAtLogin: false })).toBe(true);
    expect(shouldStartHidden({ argv: ['/opt/app'], startMinimized: false, openedAtLogin: true })).toBe(true);
  });
});

describe('single instance', () => {
  function fakeApp(gotLock: boolean) {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const app = {
      requestSingleInstanceLock: () => gotLock,
      on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
      quit: vi.fn(),
    };
    return { app, listeners };
  }

  it('quits a second instance', () => {
    const { app } = fakeApp(false);
    expect(claimSingleInstance(app as unknown as AppLike, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
  });

  it('focuses the first instance on a second launch, unless that launch was hidden', () => {
    const { app, listeners } = fakeApp(true);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app as unknown as AppLike, onSecond)).toBe(true);
    listeners.get('second-instance')?.({}, ['/opt/app']);
    listeners.get('second-instance')?.({}, ['/opt/app', '--hidden']);
    expect(onSecond.mock.calls).toEqual([[false], [true]]);
    expect(app.quit).not.toHaveBeenCalled();
  });
});

describe('autostart', () => {
  function deps(platform: NodeJS.Platform, isPackaged = true) {
    const files = new Map<string, string>();
    const setLoginItemSettings = vi.fn();
    const value: AutostartDeps = {
      app: { setLoginItemSettings, isPackaged },
      platform,
      executable: '/home/me/Apps/B24 Presence.AppImage',
      configHome: '/home/me/.config',
      productName: 'B24 Presence',
      fs: {
        writeText: (path, text) => files.set(path, text),
        remove: (path) => files.delete(path),
        mkdirp: () => {},
      },
    };
    return { value, files, setLoginItemSettings };
  }

  it('writes and removes an XDG autostart entry on Linux', () => {
    const { value, files, setLoginItemSettings } = deps('linux');
    expect(applyAutostart(value, true)).toBe('desktop-entry');
    const entry = files.get(linuxAutostartPath('/home/me/.config'));
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/me/Apps/B24 Presence.AppImage" --hidden');
    applyAutostart(value, false);
    expect(files.size).toBe(0);
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('uses login items with --hidden on Windows and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const { value, setLoginItemSettings } = deps(platform);
      expect(applyAutostart(value, true)).toBe('login-item');
      expect(setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    }
  });

  it('does not register a development build', () => {
    const { value, files, setLoginItemSettings } = deps('linux', false);
    expect(applyAutostart(value, true)).toBe('skipped-dev');
    expect(files.size).toBe(0);
    expect(setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('quotes Exec paths per the Desktop Entry spec', () => {
    expect(quoteExecArgument('/opt/a "b"/$HOME`x`\\100%')).toBe('"/opt/a \\"b\\"/\\$HOME\\`x\\`\\\\100%%"');
    expect(desktopEntry('/x', 'Name\nExec=evil')).not.toMatch(/^Exec=evil/m);
  });
});
