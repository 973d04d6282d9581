// @ts-check
/**
 * Finding Electron's binary for `npm start`, and remembering when it cannot be had. The
 * `electron` package downloads its binary from the internet on first use; where that fails (no
 * network, or a Node older than its tooling's 22.12), trying again on every start would cost
 * minutes each time. A failed attempt is remembered in a small file for a day, per Node version
 * (a Node upgrade may be what makes the download work), in the user's cache folder: not under
 * node_modules, which every `npm ci` wipes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where the failed download is remembered: B24_PRESENCE_CACHE_DIR (tests), else the platform's
 * user cache folder ($XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%), in b24-presence.
 * @param {NodeJS.ProcessEnv} env @param {NodeJS.Platform} platform @param {string} home
 */
export function failedDownloadFile(env, platform = process.platform, home = homedir()) {
  const base =
    env.B24_PRESENCE_CACHE_DIR ??
    (platform === 'darwin'
      ? join(home, 'Library', 'Caches', 'b24-presence')
      : platform === 'win32'
        ? join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'b24-presence', 'Cache')
        : join(env.XDG_CACHE_HOME || join(home, '.cache'), 'b24-presence'));
  return join(base, 'electron-download.json');
}

export const RETRY_AFTER_MS = 24 * 3_600_000;
/** What @electron/get (the download) asks for. */
export const DOWNLOAD_NEEDS_NODE = /** @type {const} */ ([22, 12]);

/** @param {string} version `process.versions.node` */
export function nodeCanDownload(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (
    major > DOWNLOAD_NEEDS_NODE[0] ||
    (major === DOWNLOAD_NEEDS_NODE[0] && minor >= DOWNLOAD_NEEDS_NODE[1])
  );
}

/**
 * @param {{ packageDir: string, cacheFile: string, now: number, nodeVersion: string, env: NodeJS.ProcessEnv,
 *   download: () => void, say: (line: string) => void }} options
 * @returns {{ binary: string } | { binary: null, reason: string }}
 */
export function findElectron({ packageDir, cacheFile, now, nodeVersion, env, download, say }) {
  const find = () => {
    const pathFile = join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
    const override = env.ELECTRON_OVERRIDE_DIST_PATH;
    const candidate = override
      ? join(override, relative ?? 'electron')
      : relative
        ? join(packageDir, 'dist', relative)
        : null;
    return candidate && existsSync(candidate) ? candidate : null;
  };
  const found = find();
  if (found) return { binary: found };
  // Electron's download tool asks for a newer Node than the rest of the project: worth saying.
  const hint = nodeCanDownload(nodeVersion)
    ? ''
    : ` (its download tool wants Node ${DOWNLOAD_NEEDS_NODE.join('.')}; this is ${nodeVersion})`;
  const failedAt = lastFailure(cacheFile, nodeVersion);
  if (failedAt !== null && now - failedAt < RETRY_AFTER_MS) {
    return {
      binary: null,
      reason: `Electron's binary could not be downloaded ${ago(now - failedAt)}${hint}; the next try is a day after that`,
    };
  }
  say('Fetching the Electron binary (first run only)…');
  download();
  const fetched = find();
  if (fetched) return { binary: fetched };
  remember(cacheFile, now, nodeVersion);
  return {
    binary: null,
    reason: `Electron's binary could not be downloaded on this machine${hint}`,
  };
}

/** When the download last failed under this Node version, or null (another version tries afresh). @param {string} file @param {string} nodeVersion */
function lastFailure(file, nodeVersion) {
  try {
    const failure = JSON.parse(readFileSync(file, 'utf8'));
    return typeof failure.failedAt === 'number' && failure.nodeVersion === nodeVersion
      ? failure.failedAt
      : null;
  } catch {
    return null;
  }
}

/** @param {string} file @param {number} now @param {string} nodeVersion */
function remember(file, now, nodeVersion) {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ failedAt: now, nodeVersion }));
  } catch {
    // Not remembering only costs another try next time.
  }
}

/** @param {number} ms */
function ago(ms) {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}
