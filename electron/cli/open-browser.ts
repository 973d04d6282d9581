import { spawn } from 'node:child_process';

/** The command that opens a URL in the default browser, per platform. */
export function browserLauncher(platform: NodeJS.Platform = process.platform): readonly string[] {
  return platform === 'darwin' ? ['open'] : platform === 'win32' ? ['cmd', '/c', 'start', '""'] : ['xdg-open'];
}

/**
 * `web --open`: launches the browser and reports a failure on `report` (stderr) instead of
 * failing silently: a launcher that is missing, or that exits non-zero (xdg-open without a
 * browser). The panel keeps running either way; the address was printed already.
 */
export function openInBrowser(url: string, report: (line: string) => void, launcher: readonly string[] = browserLauncher()): void {
  const [command, ...prefix] = launcher;
  const failed = (why: string): void => report(`could not open a browser (${why}): open ${url} yourself`);
  const child = spawn(command as string, [...prefix, url], { stdio: 'ignore', detached: true });
  child.on('error', (error: NodeJS.ErrnoException) => failed(error.code === 'ENOENT' ? `${command} not found` : error.message));
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) failed(`${command} exited with ${code}`);
    else if (signal !== null) failed(`${command} was stopped by ${signal}`);
  });
  child.unref();
}
