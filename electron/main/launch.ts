import type { App } from 'electron';

/** Command-line flag for "start in the tray", used by the login item and the autostart entry. */
export const HIDDEN_FLAG = '--hidden';

export function hasHiddenFlag(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_FLAG) || argv.includes('--start-minimized');
}

export function shouldStartHidden(options: {
  readonly argv: readonly string[];
  readonly startMinimized: boolean;
  /** macOS only: launched as a login item. */
  readonly openedAtLogin: boolean;
}): boolean {
  return hasHiddenFlag(options.argv) || options.startMinimized || options.openedAtLogin;
}

/**
 * One running instance per user: a duplicate would poll the portal twice and alert twice.
 * A second launch focuses the first one, unless it was itself a hidden (autostart) launch.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  onSecondLaunch: (hidden: boolean) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => onSecondLaunch(hasHiddenFlag(argv)));
  return true;
}
