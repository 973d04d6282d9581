import { describe, expect, it } from 'vitest';
import { appDataFolder } from '../../../../electron/cli/data-folder.js';

describe('appDataFolder: where Electron keeps userData for B24 Presence', () => {
  it.each([
    ['linux', {}, '/home/anna/.config/B24 Presence'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/B24 Presence'],
    ['darwin', {}, '/home/anna/Library/Application Support/B24 Presence'],
    [
      'win32',
      { APPDATA: 'C:/Users/anna/AppData/Roaming' },
      'C:/Users/anna/AppData/Roaming/B24 Presence',
    ],
    ['linux', { B24_DATA_DIR: '/tmp/b24' }, '/tmp/b24'],
  ] as const)('%s %j → %s', (platform, env, expected) => {
    expect(appDataFolder(env, platform, '/home/anna')).toBe(expected);
  });
});
