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

export interface OpenBrowserDeps {
  readonly spawn?: (command: string, args: readonly string[], options: SpawnOptions) => { on(event: 'error', listener: () => void): unknown; unref(): void };
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly tempRoot?: string;
  /** Said when no browser could be started. */
  readonly say?: (line: string) => void;
}

/** An HTML page that posts the token to the server at once (nothing in the URL, so nothing in history). */
export function handOverPage(origin: string, token: string): string {
  const attribute = (text: string): string => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
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
export function openInBrowser(origin: string, token: string, deps: OpenBrowserDeps = {}): LaunchedBrowser {
  const spawn = deps.spawn ?? nodeSpawn;
  const platform = deps.platform ?? process.platform;
  const folder = mkdtempSync(join(deps.tempRoot ?? tmpdir(), 'b24-presence-'));
  const file = join(folder, 'open.html');
  writeFileSync(file, handOverPage(origin, token), { mode: 0o600 });
  const target = pathToFileURL(file).href;
  const [command, ...prefix] = platform === 'darwin' ? ['open'] : platform === 'win32' ? ['cmd', '/c', 'start', '""'] : ['xdg-open'];
  const child = spawn(command as string, [...prefix, target], { stdio: 'ignore', detached: true, env: childEnv(deps.env ?? process.env) });
  child.on('error', () => (deps.say ?? ((line) => process.stdout.write(`${line}\n`)))('Open that address in your browser.'));
  child.unref();
  return { cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}
