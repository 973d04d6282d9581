import { join } from 'node:path';
import type { TrayIconState } from './tray.js';

/**
 * Where the tray PNGs (drawn by build/icons.mjs) are: copied next to app.asar as an extra
 * resource when packaged, read from build/tray in development. Electron picks the @2x file
 * beside each one on high-density displays by itself.
 */
export function trayIconPath(
  state: TrayIconState,
  where: { readonly packaged: boolean; readonly resourcesPath: string; readonly appRoot: string },
): string {
  const dir = where.packaged
    ? join(where.resourcesPath, 'tray')
    : join(where.appRoot, 'build', 'tray');
  return join(dir, `tray-${state}.png`);
}
