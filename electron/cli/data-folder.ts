import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The app's data folder as Electron's `app.getPath('userData')` names it (appData + product
 * name), so browser mode keeps its presence history where the desktop app keeps it.
 * B24_DATA_DIR overrides it (tests, portable setups).
 */
export function appDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.B24_DATA_DIR) return env.B24_DATA_DIR;
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(appData, 'B24 Presence');
}
