import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds the Electron binary the way the `electron` package does, without importing it
 * (importing it where the binary is missing throws, and tries to download it).
 */
export type ElectronBinary =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly reason: string };

export function findElectronBinary(
  repoRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathTxt = join(packageDir, 'path.txt');
  const platformPath = existsSync(pathTxt)
    ? readFileSync(pathTxt, 'utf8').trim()
    : defaultPlatformPath();
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, platformPath)
    : join(packageDir, 'dist', platformPath);
  if (existsSync(candidate)) return { found: true, path: candidate };
  if (override)
    return {
      found: false,
      reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist`,
    };
  if (!existsSync(pathTxt)) {
    return {
      found: false,
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  return { found: false, reason: `no Electron binary at ${candidate}` };
}

function defaultPlatformPath(): string {
  switch (process.platform) {
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}
