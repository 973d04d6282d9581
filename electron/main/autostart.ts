import type { App } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppService } from '../core/ports.js';
import { HIDDEN_FLAG } from './launch.js';

/*
 * "Start at login": login items on Windows and macOS; on Linux an XDG autostart .desktop
 * entry (Electron has no login items there). Always started with --hidden, into the tray.
 */
export const AUTOSTART_FILE_NAME = 'b24-presence.desktop';

/** Quotes an Exec argument per the Desktop Entry spec (and escapes % for field codes). */
export function quoteExecArgument(value: string): string {
  const escaped = value.replace(/[\\"`$]/g, (char) => `\\${char}`).replace(/%/g, '%%');
  return `"${escaped}"`;
}

export function desktopEntry(executable: string, productName: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${productName.replace(/[\r\n]/g, ' ')}`,
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_FLAG}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

export interface AutostartFs {
  writeText(path: string, text: string): void;
  remove(path: string): void;
  mkdirp(path: string): void;
}

export interface AutostartDeps {
  readonly app: Pick<App, 'setLoginItemSettings' | 'isPackaged'>;
  readonly platform: NodeJS.Platform;
  /** The binary to launch: the AppImage path when running from one, else process.execPath. */
  readonly executable: string;
  /** $XDG_CONFIG_HOME or ~/.config */
  readonly configHome: string;
  readonly productName: string;
  readonly fs: AutostartFs;
  readonly log?: (line: string) => void;
}

export function linuxAutostartPath(configHome: string): string {
  return `${configHome.replace(/\/+$/, '')}/autostart/${AUTOSTART_FILE_NAME}`;
}

/** Returns what it did, for the log and the tests. */
export function applyAutostart(
  deps: AutostartDeps,
  enabled: boolean,
): 'login-item' | 'desktop-entry' | 'skipped-dev' {
  if (!deps.app.isPackaged) {
    // In development the executable is the bare electron binary: registering it would start nothing useful.
    deps.log?.('autostart: not registered in development builds');
    return 'skipped-dev';
  }
  if (deps.platform === 'linux') {
    const path = linuxAutostartPath(deps.configHome);
    if (enabled) {
      deps.fs.mkdirp(path.slice(0, path.lastIndexOf('/')));
      deps.fs.writeText(path, desktopEntry(deps.executable, deps.productName));
    } else {
      deps.fs.remove(path);
    }
    return 'desktop-entry';
  }
  deps.app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
  return 'login-item';
}

/** The real file system, for the Linux autostart entry. */
export const nodeAutostartFs: AutostartFs = {
  writeText: (path, text) => writeFileSync(path, text, 'utf8'),
  remove: (path) => rmSync(path, { force: true }),
  mkdirp: (path) => mkdirSync(path, { recursive: true }),
};

/**
 * Keeps "start at login" registered as the settings say: applied at start when on, and again
 * whenever the user switches it.
 */
export function setupAutostart(
  deps: {
    readonly app: AutostartDeps['app'];
    readonly platform: NodeJS.Platform;
    readonly env: NodeJS.ProcessEnv;
    readonly execPath: string;
    readonly productName: string;
    readonly fs?: AutostartFs;
    readonly home?: () => string;
    readonly log?: (line: string) => void;
  },
  service: Pick<AppService, 'on' | 'settings'>,
): void {
  const log = deps.log ?? (() => {});
  const apply = (enabled: boolean): void => {
    const result = applyAutostart(
      {
        app: deps.app,
        platform: deps.platform,
        executable: deps.env.APPIMAGE ?? deps.execPath,
        configHome: deps.env.XDG_CONFIG_HOME || join((deps.home ?? homedir)(), '.config'),
        productName: deps.productName,
        fs: deps.fs ?? nodeAutostartFs,
        log,
      },
      enabled,
    );
    log(`autostart: ${enabled ? 'on' : 'off'} (${result})`);
  };
  let enabled = service.settings().ui.startAtLogin;
  if (enabled) apply(true);
  service.on('settings', (next) => {
    if (next.ui.startAtLogin === enabled) return;
    enabled = next.ui.startAtLogin;
    apply(enabled);
  });
}
