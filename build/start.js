// @ts-check
/**
 * `npm start`: the desktop app where Electron's binary can be had (it is downloaded on first
 * run), otherwise the same panel in browser mode on the demo portal, announced in one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failedDownloadFile, findElectron } from './electron-binary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);
// Neither Electron, its downloader nor browser mode's demo reads the webhook from here: no child
// inherits it (the CLI's SECRET_ENV_VARIABLES, electron/cli/open-browser.ts, says the same).
const childEnv = { ...process.env };
delete childEnv.B24_WEBHOOK_URL;

/** The Electron executable, or why there is none (said in one line). */
function electron() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { binary: null, reason: 'the electron package is not installed' };
  }
  return findElectron({
    packageDir,
    cacheFile: failedDownloadFile(process.env),
    now: Date.now(),
    nodeVersion: process.versions.node,
    env: process.env,
    download: () =>
      spawnSync(process.execPath, [join(packageDir, 'install.js')], {
        stdio: 'ignore',
        timeout: 180_000,
        env: childEnv,
      }),
    say: (line) => process.stdout.write(`${line}\n`),
  });
}

const found = electron();
const binary = found.binary;
if (binary) {
  const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit', env: childEnv });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(
    `${'reason' in found ? found.reason : 'No Electron binary'}, so the panel opens in browser mode instead.\n`,
  );
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli/cli.js'), 'web', '--demo', '--open', ...passThrough],
    {
      stdio: 'inherit',
      env: childEnv,
    },
  );
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
