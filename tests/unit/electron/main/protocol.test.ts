import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appScheme,
  createPanelProtocolHandler,
  resolveAssetPath,
  setupPanelProtocol,
} from '../../../../electron/main/protocol.js';

let root = '';
let outside = '';

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'b24-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>panel</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
});

const handler = () => createPanelProtocolHandler({ root, csp: () => "default-src 'none'" });
const get = (url: string, method = 'GET') => handler()(new Request(url, { method }));

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(appScheme).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, codeCache: true },
    });
  });

  it('serves the renderer with CSP and type headers', async () => {
    const response = await get('app://panel/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>panel</title>');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://panel/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves index.html for the root', async () => {
    expect((await get('app://panel/')).status).toBe(200);
  });

  it.each([
    'app://panel/%2e%2e/secret.txt',
    'app://panel/assets/%2E%2E%2F%2E%2E%2Fsecret.txt',
    'app://panel/..%2fsecret.txt',
    'app://panel/..%5csecret.txt',
    'app://panel/index.html%00.png',
  ])('refuses traversal: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('secret');
  });

  it('keeps URL-normalised dot segments inside the root', async () => {
    const response = await get('app://panel/../../secret.txt');
    expect(response.status).toBe(404);
  });

  it('refuses other hosts, other methods and missing files', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://panel/index.html', 'POST')).status).toBe(405);
    expect((await get('app://panel/nope.js')).status).toBe(404);
  });

  it('resolves paths only below the root', () => {
    expect(resolveAssetPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAssetPath(root, '/..')).toBeNull();
    expect(resolveAssetPath(root, '/C:%5cwindows')).toBeNull();
    expect(resolveAssetPath(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('setupPanelProtocol', () => {
  it('serves app:// with the CSP asked for at each request', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response>>();
    let csp = "default-src 'none'";
    setupPanelProtocol(
      {
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
          void handlers.set(scheme, handler),
      } as never,
      {
        root: '/nowhere',
        csp: () => csp,
        read: async () => new TextEncoder().encode('<!doctype html>'),
      },
    );
    const handler = handlers.get('app');
    expect((await handler?.(new Request('app://panel/index.html')))?.status).toBe(200);
    csp = "default-src 'self'";
    expect(
      (await handler?.(new Request('app://panel/index.html')))?.headers.get(
        'content-security-policy',
      ),
    ).toBe("default-src 'self'");
  });
});
