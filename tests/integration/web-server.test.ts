import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { fakeService } from '../support/fake-service.js';
import { bridgeSession } from '../support/web-session.js';

/** Records what reached the service, so a test can prove a bad message never did. */
function recordingService() {
  const fake = fakeService({}, (channel) => ({
    ok: true,
    value: channel === 'alerts:pause' ? DEFAULT_SETTINGS : null,
  }));
  // The portal connected now: the CSP's img-src names it.
  fake.state.portalOrigin = 'https://acme.bitrix24.example';
  return { service: fake.service, events: fake.events, handled: fake.handled };
}

function open(url: string, origin: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin, headers: { Cookie: cookie } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
  });
}

function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(data.toString()))),
  );
}

describe('browser-mode server', () => {
  let server: WebServer;
  let recorder: ReturnType<typeof recordingService>;
  let bridgeUrl: string;
  let cookie: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'b24-web-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>panel</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'outside-secret.txt'), 'secret');
    recorder = recordingService();
    server = await startWebServer({ service: recorder.service, staticDir, token: 'tok-123' });
    const session = await bridgeSession(server);
    bridgeUrl = session.url;
    cookie = session.headers.Cookie;
  });

  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.terminate());
    await server.close();
  });

  it('serves the panel with a strict CSP and no-sniff headers', async () => {
    const response = await fetch(server.origin);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>panel</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`connect-src ${server.origin.replace('http', 'ws')}/bridge`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // The service was connected before the server started: its portal may serve avatars.
    expect(csp).toContain("img-src 'self' data: https://acme.bitrix24.example;");
    expect((await fetch(`${server.origin}/assets/app.js`)).headers.get('content-type')).toContain(
      'javascript',
    );
  });

  it('refuses paths outside the panel folder and non-GET methods', async () => {
    for (const path of [
      '/../outside-secret.txt',
      '/%2e%2e/outside-secret.txt',
      '/assets/..%2f..%2foutside-secret.txt',
      '/missing.js',
    ]) {
      const response = await fetch(`${server.origin}${path}`);
      expect(response.status, path).toBe(404);
    }
    expect((await fetch(server.origin, { method: 'POST' })).status).toBe(405);
  });

  it('opens the bridge only for its own origin with a session cookie', async () => {
    await expect(open(bridgeUrl, 'http://evil.example', cookie)).rejects.toThrow('HTTP 403');
    await expect(open(bridgeUrl, server.origin, `${cookie}x`)).rejects.toThrow('HTTP 403');
    await expect(open(bridgeUrl, server.origin, '')).rejects.toThrow('HTTP 403');
    // The entry token itself is no key to the bridge.
    await expect(open(`${bridgeUrl}?token=tok-123`, server.origin, '')).rejects.toThrow('HTTP 403');
    const socket = await open(bridgeUrl, server.origin, cookie);
    sockets.push(socket);
    expect(server.clientCount).toBe(1);
  });

  it('answers invokes with the same id after validating them against the contract', async () => {
    const socket = await open(bridgeUrl, server.origin, cookie);
    sockets.push(socket);
    socket.send(
      JSON.stringify({ type: 'invoke', id: 7, channel: 'alerts:pause', request: { until: null } }),
    );
    const answer = await nextMessage(socket);
    expect(answer).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
    expect(recorder.handled).toEqual([{ channel: 'alerts:pause', request: { until: null } }]);
  });

  it('rejects a payload of the wrong shape before it reaches the service', async () => {
    const socket = await open(bridgeUrl, server.origin, cookie);
    sockets.push(socket);
    socket.send(
      JSON.stringify({
        type: 'invoke',
        id: 8,
        channel: 'alerts:pause',
        request: { until: 'tomorrow' },
      }),
    );
    expect(await nextMessage(socket)).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'invalid-payload', field: 'until' } },
    });
    socket.send(JSON.stringify({ type: 'invoke', id: 9, channel: 'shell:exec', request: null }));
    expect(await nextMessage(socket)).toMatchObject({ id: 9, result: { ok: false } });
    expect(recorder.handled).toEqual([]);
  });

  it('closes the bridge on a message it cannot even answer', async () => {
    const socket = await open(bridgeUrl, server.origin, cookie);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('not json at all');
    expect(await closed).toBe(1008);
  });

  it('pushes service events and stops when the page goes away', async () => {
    const socket = await open(bridgeUrl, server.origin, cookie);
    const pushed = nextMessage(socket);
    recorder.events.emit('focus-colleague', { id: 5 });
    expect(await pushed).toEqual({ type: 'event', channel: 'focus-colleague', payload: { id: 5 } });
    const before = recorder.events.listenerCount;
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
    await expect.poll(() => recorder.events.listenerCount).toBeLessThan(before);
  });
});
