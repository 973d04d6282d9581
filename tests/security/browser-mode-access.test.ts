import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { childEnv, openInBrowser } from '../../electron/cli/open-browser.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { SESSION_PATH, WS_PATH } from '../../electron/shared/ws-protocol.js';
import { fakeService } from '../support/fake-service.js';
import { tradeEntryUrl } from '../support/web-session.js';

/**
 * Issue 20, section 2: who can get at browser mode's bridge. The token must never be on a
 * command line (`ps`), must work once, must leave no trace in the URL; the bridge needs the
 * session cookie it is traded for; no other Host name is answered (DNS rebinding); the
 * webhook never reaches a child process.
 */
const HOOK = 'https://leak.example/rest/1/s3cr3tc0de0000/';

function rawRequest(
  port: number,
  host: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', headers: { Host: host, ...headers } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function upgrade(url: string, options: WebSocket.ClientOptions): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, options);
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) =>
      resolve(`HTTP ${response.statusCode}`),
    );
    socket.once('error', () => resolve('error'));
  });
}

describe('browser mode: the way in', () => {
  let server: WebServer;
  let port: number;
  let bridge: string;

  beforeEach(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'b24-access-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>panel</title>');
    const fake = fakeService({}, () => ({ ok: true, value: null }));
    fake.state.portalOrigin = 'https://acme.bitrix24.example';
    server = await startWebServer({ service: fake.service, staticDir });
    port = Number(new URL(server.origin).port);
    bridge = `${server.origin.replace('http', 'ws')}${WS_PATH}`;
  });
  afterEach(() => server.close());

  it('trades the printed token once for an HttpOnly, SameSite=Strict cookie and sends the page to a token-free address', async () => {
    const first = await fetch(server.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(
      new RegExp(`^b24presence_${port}=[\\w-]{20,}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    expect(cookie).not.toContain(new URL(server.url).searchParams.get('token'));
    // Used once: the same address gives nothing any more.
    const again = await fetch(server.url, { redirect: 'manual' });
    expect(again.status).toBe(303);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('trades a launcher token posted as a form once, and a wrong one never', async () => {
    const token = server.issueToken();
    const post = (value: string) =>
      fetch(`${server.origin}${SESSION_PATH}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${value}`,
      });
    expect((await post(`${token}x`)).headers.get('set-cookie')).toBeNull();
    const traded = await post(token);
    expect(traded.status).toBe(303);
    expect(traded.headers.get('location')).toBe('/');
    expect(traded.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect((await post(token)).headers.get('set-cookie')).toBeNull();
    // The printed address still works: each token is its own.
    await expect(tradeEntryUrl(server.url)).resolves.toMatch(/^b24presence_/);
  });

  it('opens the bridge for the session cookie only, never for a token in its URL', async () => {
    const token = new URL(server.url).searchParams.get('token')!;
    expect(await upgrade(bridge, { origin: server.origin })).toBe('HTTP 403');
    expect(await upgrade(`${bridge}?token=${token}`, { origin: server.origin })).toBe('HTTP 403');
    const cookie = await tradeEntryUrl(server.url);
    expect(await upgrade(bridge, { origin: server.origin, headers: { Cookie: cookie } })).toBe(
      'open',
    );
    // A cookie of another port's server (cookies ignore ports) is not this server's.
    expect(
      await upgrade(bridge, {
        origin: server.origin,
        headers: { Cookie: cookie.replace(`_${port}=`, '_1=') },
      }),
    ).toBe('HTTP 403');
  });

  it('tells a page whether its session is known (a restarted server knows none)', async () => {
    expect((await fetch(`${server.origin}${SESSION_PATH}`)).status).toBe(401);
    const cookie = await tradeEntryUrl(server.url);
    expect(
      (await fetch(`${server.origin}${SESSION_PATH}`, { headers: { Cookie: cookie } })).status,
    ).toBe(204);
  });

  it('answers only its own host names, on HTTP and on the bridge (DNS rebinding)', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost:${port + 1}`,
      '127.0.0.1',
    ]) {
      const answer = await rawRequest(port, host);
      expect(answer.status, host).toBe(421);
      expect(answer.body, host).toBe('');
      expect(JSON.stringify(answer.headers), host).not.toContain('acme.bitrix24.example');
    }
    const cookie = await tradeEntryUrl(server.url);
    const rebound = await upgrade(bridge, {
      origin: `http://evil.example:${port}`,
      headers: { Cookie: cookie, Host: `evil.example:${port}` },
    });
    expect(rebound).toBe('HTTP 421');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      const answer = await rawRequest(port, host);
      expect(answer.status, host).toBe(200);
      expect(String(answer.headers['content-security-policy']), host).toContain(
        `ws://${host.toLowerCase()}${WS_PATH}`,
      );
    }
    // The page opened as localhost gets a bridge from its own origin.
    expect(
      await upgrade(bridge, {
        origin: `http://localhost:${port}`,
        headers: { Cookie: cookie, Host: `localhost:${port}` },
      }),
    ).toBe('open');
  });
});

describe('browser mode: the browser launcher', () => {
  it('gives the browser a 0600 file, not the token, and no webhook in its environment', () => {
    const calls: Array<{
      command: string;
      args: readonly string[];
      env: NodeJS.ProcessEnv | undefined;
    }> = [];
    const launched = openInBrowser('http://127.0.0.1:4567', 'the-one-time-token', {
      platform: 'linux',
      env: { PATH: '/usr/bin', B24_WEBHOOK_URL: HOOK, DISPLAY: ':0' },
      spawn: (command, args, options) => {
        calls.push({ command, args, env: options.env });
        return { on: () => undefined, unref: () => undefined };
      },
    });
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.command).toBe('xdg-open');
    expect(call.args.join(' ')).not.toContain('the-one-time-token');
    expect(call.env).toEqual({ PATH: '/usr/bin', DISPLAY: ':0' });
    const file = fileURLToPath(call.args.at(-1)!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('<form method="post" action="http://127.0.0.1:4567/session">');
    expect(page).toContain('name="token" value="the-one-time-token"');
    launched.cleanUp();
    expect(existsSync(file)).toBe(false);
  });

  it('never hands a secret variable to a child', () => {
    expect(childEnv({ B24_WEBHOOK_URL: HOOK, HOME: '/home/u' })).toEqual({ HOME: '/home/u' });
  });
});

const BIN = fileURLToPath(new URL('../../dist/cli/cli.js', import.meta.url));

describe.skipIf(!existsSync(BIN) || process.platform !== 'linux')(
  'web --open, as a process (built CLI)',
  () => {
    it('starts the browser with neither the token in its arguments nor the webhook in its environment', async () => {
      // A stand-in for xdg-open on PATH records what a real browser launcher would be given.
      const bin = mkdtempSync(join(tmpdir(), 'b24-fake-open-'));
      const out = join(bin, 'seen');
      writeFileSync(
        join(bin, 'xdg-open'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > "${out}.args"\nenv > "${out}.env"\n`,
      );
      chmodSync(join(bin, 'xdg-open'), 0o755);
      const child = spawn(process.execPath, [BIN, 'web', '--demo', '--open', '--team-size', '3'], {
        cwd: tmpdir(),
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, B24_WEBHOOK_URL: HOOK },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        await expect
          .poll(() => existsSync(`${out}.env`) && stdout.includes('B24 Presence panel:'), {
            timeout: 15_000,
          })
          .toBe(true);
        await expect
          .poll(() => readFileSync(`${out}.env`, 'utf8'), { timeout: 2000 })
          .toContain('PATH=');
        const args = readFileSync(`${out}.args`, 'utf8');
        const printed = /B24 Presence panel: (\S+)/.exec(stdout)![1]!;
        expect(args).toMatch(/^file:\/\//);
        expect(args).not.toMatch(/token/i);
        expect(args).not.toContain(new URL(printed).searchParams.get('token'));
        expect(readFileSync(`${out}.env`, 'utf8')).not.toContain('B24_WEBHOOK_URL');
        expect(readFileSync(`${out}.env`, 'utf8')).not.toContain('s3cr3tc0de');
        // The file handed over holds a different one-time token, which lets the browser in.
        const handOver = readFileSync(fileURLToPath(args.trim()), 'utf8');
        const token = /name="token" value="([^"]+)"/.exec(handOver)![1]!;
        const origin = new URL(printed).origin;
        const traded = await fetch(`${origin}${SESSION_PATH}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `token=${token}`,
        });
        expect(traded.headers.get('set-cookie')).toMatch(/HttpOnly/);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }, 30_000);
  },
);
