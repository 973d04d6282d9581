// @ts-check
/**
 * `npm start`: the desktop app where Electron's binary can be had (it is downloaded on first
 * run), otherwise the same panel in browser mode on the demo portal, announced in one line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/** @returns {string | null} the Electron executable, downloading it once if needed. */
function electronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const find = () => {
    const pathFile = join(packageDir, 'path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const candidate = override ? join(override, relative ?? 'electron') : relative ? join(packageDir, 'dist', relative) : null;
    return candidate && existsSync(candidate) ? candidate : null;
  };
  const found = find();
  if (found) return found;
  process.stdout.write('Fetching the Electron binary (first run only)…\n');
  spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return find();
}

const binary = electronBinary();
if (binary) {
  const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write("Electron's binary could not be downloaded on this machine, so the panel opens in browser mode instead.\n");
  const child = spawn(process.execPath, [join(root, 'dist/cli/cli.js'), 'web', '--demo', '--open', ...passThrough], {
    stdio: 'inherit',
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
