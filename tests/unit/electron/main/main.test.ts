import type { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeElectronState } from './support/fake-electron.js';

/**
 * The real composition root (electron/main/main.ts) bundled with `electron` replaced by a
 * recording fake: proves the modules are wired together (IPC guarded, events pushed, tray
 * and notifications fed, credential encrypted on disk), which the per-module tests cannot.
 */
const root = join(import.meta.dirname, '..', '..', '..', '..');
let fake: FakeElectronState;
let userData: string;

/** The bundle's own fake `app` (the test file's import would be a second module instance). */
const fakeApp = () =>
  (globalThis as unknown as { __fakeElectronApp: EventEmitter }).__fakeElectronApp;

const trustedEvent = () => {
  const window = fake.windows[0];
  if (!window) throw new Error('no window');
  return {
    sender: window.webContents,
    senderFrame: { url: 'app://panel/index.html', parent: null },
  };
};
const invoke = async (channel: string, payload: unknown, event: unknown = trustedEvent()) => {
  const handler = fake.handlers.get(`b24:req:${channel}`);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return (await handler(event, payload)) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  };
};
const until = async (condition: () => boolean, ms = 15_000): Promise<void> => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'b24-main-'));
  userData = mkdtempSync(join(tmpdir(), 'b24-userdata-'));
  await build({
    absWorkingDir: root,
    entryPoints: ['electron/main/main.ts'],
    outfile: join(out, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    alias: { electron: './tests/unit/electron/main/support/fake-electron.ts' },
    // Bundled CommonJS dependencies (ajv, …) need require() inside an ES module.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'error',
  });
  process.env.B24_PRESENCE_USER_DATA = userData;
  process.env.B24_PRESENCE_TEST_HOOKS = '1';
  await import(pathToFileURL(join(out, 'main.mjs')).href);
  fake = (globalThis as unknown as { __fakeElectron: FakeElectronState }).__fakeElectron;
  fake.readyResolve();
  await until(() => fake.windows.length > 0);
}, 60_000);

afterAll(async () => {
  await invoke('connection:disconnect', null).catch(() => undefined);
});

/** The README's promise for the composition root: it wires, it does not grow logic. */
const MAIN_MAX_LINES = 210;

describe('composition root with a fake Electron', () => {
  it(`stays at most ${MAIN_MAX_LINES} lines, as electron/main/README.md says`, () => {
    const lines = readFileSync(join(root, 'electron/main/main.ts'), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(MAIN_MAX_LINES);
    const readme = readFileSync(join(root, 'electron/main/README.md'), 'utf8');
    expect(readme).toContain(`≤ ${MAIN_MAX_LINES} lines`);
  });
  it('registers app:// as privileged before ready and serves it', async () => {
    expect(fake.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const handler = fake.protocolHandlers.get('app');
    const response = await handler?.(new Request('app://panel/../../package.json'));
    expect(response?.status).toBe(404);
    expect(response?.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('opens a hardened window on app://panel and a tray', () => {
    const window = fake.windows[0];
    expect(window?.url).toBe('app://panel/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window?.visible).toBe(true);
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]?.tooltip).toMatch(/^B24 Presence — Not connected/);
  });

  it('answers the panel and refuses a foreign sender', async () => {
    expect(await invoke('session:get', null)).toMatchObject({
      ok: true,
      value: { host: 'desktop', appVersion: '0.0.0-test' },
    });
    const foreign = {
      sender: { id: 999 },
      senderFrame: { url: 'app://panel/index.html', parent: null },
    };
    expect(await invoke('session:get', null, foreign)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await invoke('alerts:pause', { until: 'soon' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });

  it('connects to the demo portal, feeds the tray and pushes the snapshot to the panel', async () => {
    expect(await invoke('connection:connect', { kind: 'demo' })).toMatchObject({
      ok: true,
      value: { kind: 'demo' },
    });
    const window = fake.windows.at(-1);
    await until(() =>
      (window?.webContents.sent ?? []).some(([channel]) => channel === 'b24:evt:snapshot'),
    );
    await until(() => /of \d+ online/.test(fake.trays[0]?.tooltip ?? ''));
    const settings = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as {
      connection: { kind: string };
    };
    expect(settings.connection.kind).toBe('demo');
  }, 30_000);

  it('stores a webhook credential only encrypted, and removes it on disconnect', async () => {
    const hooks = (
      globalThis as unknown as { __b24presence: { demo(): { webhookUrl: string } | null } }
    ).__b24presence;
    const webhookUrl = hooks.demo()?.webhookUrl;
    if (!webhookUrl) throw new Error('demo portal not running');
    const code = webhookUrl.split('/').filter(Boolean).at(-1) ?? '';
    expect(code.length).toBeGreaterThan(3);
    expect(await invoke('connection:connect', { kind: 'webhook', webhookUrl })).toMatchObject({
      ok: true,
      value: { kind: 'webhook' },
    });
    const stored = readFileSync(join(userData, 'credentials.json'), 'utf8');
    expect(JSON.parse(stored)).toEqual({ credential: expect.any(String) });
    expect(stored).not.toContain(code);
    expect(stored).not.toContain('/rest/');
    expect(readFileSync(join(userData, 'settings.json'), 'utf8')).not.toContain(code);
    expect(await invoke('connection:disconnect', null)).toMatchObject({
      ok: true,
      value: { kind: 'none' },
    });
    expect(JSON.parse(readFileSync(join(userData, 'credentials.json'), 'utf8'))).toEqual({});
    // The log file About names holds the session, never the secret.
    const logged = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(logged).toContain('connected to');
    expect(logged).not.toContain(code);
  }, 30_000);

  it('keeps a webhook for this session only where storage is weak: nothing is written', async () => {
    const hooks = (
      globalThis as unknown as { __b24presence: { demo(): { webhookUrl: string } | null } }
    ).__b24presence;
    /** A fresh demo portal's webhook (connecting the webhook stops the demo connection and its portal). */
    const demoWebhook = async (): Promise<string> => {
      expect(await invoke('connection:connect', { kind: 'demo' })).toMatchObject({ ok: true });
      const url = hooks.demo()?.webhookUrl;
      if (!url) throw new Error('demo portal not running');
      return url;
    };
    fake.storageBackend = 'basic_text';
    try {
      expect(await invoke('session:get', null)).toMatchObject({
        ok: true,
        value: { connection: { weakSecretStorage: true, sessionOnly: false } },
      });
      // A copy saved earlier goes too: the user chose not to keep it on this computer.
      expect(
        await invoke('connection:connect', { kind: 'webhook', webhookUrl: await demoWebhook() }),
      ).toMatchObject({ ok: true, value: { sessionOnly: false } });
      expect(JSON.parse(readFileSync(join(userData, 'credentials.json'), 'utf8'))).toEqual({
        credential: expect.any(String),
      });
      const webhookUrl = await demoWebhook();
      const code = webhookUrl.split('/').filter(Boolean).at(-1) ?? '';
      const encryptedBefore = fake.encryptCalls;
      const answer = await invoke('connection:connect', {
        kind: 'webhook',
        webhookUrl,
        sessionOnly: true,
      });
      expect(answer).toMatchObject({
        ok: true,
        value: { kind: 'webhook', weakSecretStorage: true, sessionOnly: true },
      });
      expect(fake.encryptCalls).toBe(encryptedBefore);
      expect(JSON.parse(readFileSync(join(userData, 'credentials.json'), 'utf8'))).toEqual({});
      const settings = readFileSync(join(userData, 'settings.json'), 'utf8');
      // The next start shows the connect form instead of a saved connection it cannot read.
      expect((JSON.parse(settings) as { connection: unknown }).connection).toEqual({
        kind: 'none',
      });
      expect(settings).not.toContain(code);
      expect(await invoke('session:get', null)).toMatchObject({
        ok: true,
        value: { connection: { kind: 'webhook', sessionOnly: true } },
      });
      expect(await invoke('connection:disconnect', null)).toMatchObject({
        ok: true,
        value: { kind: 'none', sessionOnly: false },
      });
    } finally {
      fake.storageBackend = 'gnome_libsecret';
    }
  }, 30_000);

  it('on quit: stops the service, removes the tray, then quits', async () => {
    const quitsBefore = fake.quitCalls;
    let prevented = false;
    fakeApp().emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.trays[0]?.destroyed).toBe(true);
    await until(() => fake.quitCalls > quitsBefore);
  });
});
