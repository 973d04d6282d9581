import { describe, expect, it, vi } from 'vitest';
import {
  applyAutostart,
  desktopEntry,
  linuxAutostartPath,
  quoteExecArgument,
  setupAutostart,
  type AutostartDeps,
  type AutostartFs,
} from '../../../../electron/main/autostart.js';
import { fakeService } from '../../../support/fake-service.js';

function setup(startAtLogin: boolean, env: NodeJS.ProcessEnv = {}) {
  const fake = fakeService({
    ui: { theme: 'system', language: 'system', startAtLogin, startMinimized: false },
  });
  const files = new Map<string, string>();
  const fs: AutostartFs = {
    writeText: (path, text) => void files.set(path, text),
    remove: (path) => void files.delete(path),
    mkdirp: () => undefined,
  };
  const app = { isPackaged: true, setLoginItemSettings: vi.fn() };
  const lines: string[] = [];
  setupAutostart(
    {
      app,
      platform: 'linux',
      env,
      execPath: '/opt/b24/b24',
      productName: 'B24 Presence',
      fs,
      home: () => '/home/anna',
      log: (line) => lines.push(line),
    },
    fake.service,
  );
  const toggle = (on: boolean) =>
    fake.saveSettings({ ui: { ...fake.service.settings().ui, startAtLogin: on } });
  return { fake, files, app, lines, toggle };
}

describe('setupAutostart', () => {
  it('registers at start when the setting is on, from the AppImage when there is one', () => {
    const { files, lines } = setup(true, {
      APPIMAGE: '/home/anna/B24.AppImage',
      XDG_CONFIG_HOME: '/home/anna/.cfg',
    });
    expect([...files.keys()]).toEqual(['/home/anna/.cfg/autostart/b24-presence.desktop']);
    expect(files.get('/home/anna/.cfg/autostart/b24-presence.desktop')).toContain(
      'Exec="/home/anna/B24.AppImage" --hidden',
    );
    expect(lines).toEqual(['autostart: on (desktop-entry)']);
  });

  it('does nothing at start when off, and follows the setting when the user switches it', () => {
    const { files, lines, toggle, fake } = setup(false);
    expect(files.size).toBe(0);
    toggle(true);
    expect([...files.keys()]).toEqual(['/home/anna/.config/autostart/b24-presence.desktop']);
    expect(files.get('/home/anna/.config/autostart/b24-presence.desktop')).toContain(
      'Exec="/opt/b24/b24" --hidden',
    );
    // Another setting changing is no reason to write again.
    fake.saveSettings({ pollIntervalSec: 60 });
    toggle(false);
    expect(files.size).toBe(0);
    expect(lines).toEqual(['autostart: on (desktop-entry)', 'autostart: off (desktop-entry)']);
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
    expect(quoteExecArgument('/opt/a "b"/$HOME`x`\\100%')).toBe(
      '"/opt/a \\"b\\"/\\$HOME\\`x\\`\\\\100%%"',
    );
    expect(desktopEntry('/x', 'Name\nExec=evil')).not.toMatch(/^Exec=evil/m);
  });
});
