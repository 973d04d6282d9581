import { spawn as nodeSpawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SESSION_PATH } from '../shared/ws-protocol.js';

/** Variables no child process of the CLI may inherit: the webhook URL is a secret. */
export const SECRET_ENV_VARIABLES = ['B24_WEBHOOK_URL'] as const;

/** The environment for any child the CLI starts: the parent's, without its secrets. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of SECRET_ENV_VARIABLES) delete copy[name];
  return copy;
}

export interface LaunchedBrowser {
  /** Deletes the hand-over file (it holds a one-time token, useless once traded). */
  cleanUp(): void;
}

interface LaunchedChild {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  on(
    event: 'exit',
    listener: (code: number | null, signal: NodeJS.Signals | null) => void,
  ): unknown;
  unref(): void;
}

export interface OpenBrowserDeps {
  readonly spawn?: (
    command: string,
    args: readonly string[],
    options: SpawnOptions,
  ) => LaunchedChild;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** The command that opens a file in the default browser; the platform's by default. */
  readonly launcher?: readonly string[];
  readonly tempRoot?: string;
  /** Said when no browser could be started (stderr by default). */
  readonly say?: (line: string) => void;
}

/** The command that opens a URL in the default browser, per platform. */
export function browserLauncher(platform: NodeJS.Platform = process.platform): readonly string[] {
  return platform === 'darwin'
    ? ['open']
    : platform === 'win32'
      ? ['cmd', '/c', 'start', '""']
      : ['xdg-open'];
}

/** An HTML page that posts the token to the server at once (nothing in the URL, so nothing in history). */
export function handOverPage(origin: string, token: string): string {
  const attribute = (text: string): string =>
    text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>B24 Presence</title>
<form method="post" action="${attribute(`${origin}${SESSION_PATH}`)}">
<input type="hidden" name="token" value="${attribute(token)}">
<noscript><button type="submit">Open B24 Presence</button></noscript>
</form>
<script>document.forms[0].submit()</script>
`;
}

/**
 * Opens the panel in the default browser without putting its token on a command line (any
 * local user can read argv with `ps`): the token goes into a 0600 file in a fresh 0700 folder,
 * and the browser is given that file, which posts it to the server. The launcher gets an
 * environment without the webhook.
 */
export function openInBrowser(
  origin: string,
  token: string,
  deps: OpenBrowserDeps = {},
): LaunchedBrowser {
  const spawn = deps.spawn ?? nodeSpawn;
  const folder = mkdtempSync(join(deps.tempRoot ?? tmpdir(), 'b24-presence-'));
  const file = join(folder, 'open.html');
  writeFileSync(file, handOverPage(origin, token), { mode: 0o600 });
  const target = pathToFileURL(file).href;
  const [command, ...prefix] = deps.launcher ?? browserLauncher(deps.platform);
  const child = spawn(command as string, [...prefix, target], {
    stdio: 'ignore',
    detached: true,
    env: childEnv(deps.env ?? process.env),
  });
  // Never silent: a missing launcher, or one that exits non-zero (xdg-open without a browser).
  const failed = (why: string): void =>
    (deps.say ?? ((line) => process.stderr.write(`${line}\n`)))(
      `could not open a browser (${why}): open the address printed above yourself`,
    );
  child.on('error', (error: NodeJS.ErrnoException) =>
    failed(error.code === 'ENOENT' ? `${command} not found` : error.message),
  );
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) failed(`${command} exited with ${code}`);
    else if (signal !== null) failed(`${command} was stopped by ${signal}`);
  });
  child.unref();
  return { cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}
