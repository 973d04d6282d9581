import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { createAppService } from '../../electron/core/app-service.js';
import { B24Client } from '../../electron/core/bitrix/client.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import { fetchIdentity, fetchTeam } from '../../electron/core/bitrix/team.js';
import type { AppService } from '../../electron/core/ports.js';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { parseCliArgs, UsageError, type WatchArgs } from '../../electron/cli/args.js';
import { startWatch, type WatchSession } from '../../electron/cli/watch.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { bridgeSession } from '../support/web-session.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoFault, DemoPortal } from '../../electron/demo/types.js';
import { EVENT_CHANNELS } from '../../electron/shared/contract.js';
import { settleOnEngine } from '../support/settle.js';

/**
 * The credential canary: the webhook code of a run (random per demo portal) and a made-up
 * code in URLs that are refused. Every channel a secret could leak through is collected:
 * watch output (NDJSON and text), the app service's log, events, answers and saved settings,
 * the browser bridge's WebSocket traffic, and thrown errors (message, stack, JSON, inspect),
 * across the error paths (revoked, malformed, 500, HTML, redirect, reset, closed port).
 */

const MADE_UP_CODE = 'zq9canary7code4u';
const ERROR_FAULTS: DemoFault['kind'][] = [
  'malformed-json',
  'empty-body',
  'server-error',
  'html',
  'wrong-shape',
  'reset',
  'redirect',
];

function codeOf(webhookUrl: string): string {
  const code = new URL(webhookUrl).pathname.split('/')[3];
  if (!code || code.length < 8) throw new Error('demo webhook URL without a code');
  return code;
}

function expectNoSecret(text: string, secrets: readonly string[]): void {
  expect(text.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(encodeURIComponent(secret));
  }
}

/** Awaits work that may wait on the driven clock (the client's limiter), moving time meanwhile. */
async function driven<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  for (let guard = 0; !done && guard < 600; guard++) await clock.advance(1000);
  return result;
}

function errorTexts(error: unknown): string {
  return [
    String(error),
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 6 }),
  ].join('\n');
}

describe('the credential never leaks', () => {
  let portal: DemoPortal | null = null;
  let session: WatchSession | null = null;
  let service: AppService | null = null;
  let server: WebServer | null = null;

  afterEach(async () => {
    await session?.stop();
    await server?.close();
    await service?.stop();
    await portal?.close();
    session = service = server = portal = null;
  });

  it.each([true, false])('through watch output (json: %s) on every error path', async (json) => {
    const clock = new ManualClock();
    portal = await startDemoPortal({ clock, teamSize: 6, evolve: false, seed: 3 });
    const code = codeOf(portal.webhookUrl);
    const lines: string[] = [];
    const args = parseCliArgs(['watch', ...(json ? ['--json'] : []), '--interval', '10'], {
      B24_WEBHOOK_URL: portal.webhookUrl,
    }) as WatchArgs;
    session = await startWatch(args, {
      write: (line) => lines.push(line),
      startDemo: () => Promise.reject(new Error('unused')),
      clock,
      random: () => 0.5,
    });
    settleOnEngine(clock, session.engine);
    await clock.advance(0);
    for (const kind of ERROR_FAULTS) {
      portal.control.injectFault({ kind, count: 1 });
      await clock.advance(10_000);
      await session.engine.refreshNow(); // after a redirect polling waits for the user
      await clock.advance(10_000);
    }
    portal.control.revokeWebhook();
    await clock.advance(10_000);
    portal.control.restoreWebhook();
    await session.engine.refreshNow();
    const output = lines.join('\n');
    expect(output).toMatch(/moved-portal\.bitrix24\.invalid/); // the redirect was reported ...
    expect(output).toMatch(/INVALID_CREDENTIALS/); // ... and so was the revocation
    expectNoSecret(output, [code]);
  });

  it('through the app service: log, events, answers, summaries and the saved settings', async () => {
    const clock = new ManualClock();
    portal = await startDemoPortal({ clock, teamSize: 6, evolve: false, seed: 4 });
    const code = codeOf(portal.webhookUrl);
    const seen: string[] = [];
    let saved: Settings = DEFAULT_SETTINGS;
    let secret: string | null = null;
    service = createAppService({
      host: 'browser',
      appVersion: '0.0.0-test',
      platform: 'linux',
      clock,
      settings: {
        load: () => saved,
        save: (next) => void (saved = JSON.parse(JSON.stringify(next)) as Settings),
      },
      secrets: { get: () => secret, set: (next) => void (secret = next), weak: false },
      alertLedger: { load: () => ({}), save: (ledger) => void seen.push(JSON.stringify(ledger)) },
      opener: null,
      startDemo: () => Promise.reject(new Error('unused')),
      locale: () => 'en',
      log: (line) => seen.push(line),
    });
    for (const channel of EVENT_CHANNELS)
      service.on(channel, (event) => seen.push(JSON.stringify(event)));
    service.onSummary((summary) => seen.push(JSON.stringify(summary)));
    await service.start();

    const answer = async (promise: Promise<unknown>) =>
      seen.push(JSON.stringify(await driven(clock, promise)));
    // Refused URLs: the refusal explains without repeating the address.
    for (const bad of [
      `http://portal.example.com/rest/1/${MADE_UP_CODE}/`,
      `https://portal.example.com/rest/1/${MADE_UP_CODE}/?x=1`,
      `https://user:${MADE_UP_CODE}@portal.example.com/rest/1/abc/`,
      `ftp://portal.example.com/rest/1/${MADE_UP_CODE}/`,
      `https://portal.example.com/api/1/${MADE_UP_CODE}/`,
    ]) {
      const result = await driven(clock, service.handle('connection:test', { webhookUrl: bad }));
      expect(result.ok).toBe(false);
      seen.push(JSON.stringify(result));
    }
    // A well-formed URL to a portal that is not there.
    await answer(
      service.handle('connection:test', {
        webhookUrl: `http://127.0.0.1:9/rest/1/${MADE_UP_CODE}/`,
      }),
    );
    await answer(
      service.handle('connection:connect', { kind: 'webhook', webhookUrl: portal.webhookUrl }),
    );
    expect(secret).toBe(portal.webhookUrl); // handed to the (encrypting) secret port only
    await answer(service.handle('poll:refresh', null));
    for (const kind of ERROR_FAULTS) {
      portal.control.injectFault({ kind, count: 1 });
      await answer(service.handle('poll:refresh', null));
      await answer(service.handle('departments:get', { ids: [1, 2] }));
    }
    portal.control.revokeWebhook();
    await answer(service.handle('poll:refresh', null));
    await answer(service.handle('connection:test', { webhookUrl: portal.webhookUrl }));
    await answer(service.handle('session:get', null));
    await answer(service.handle('chat:open', { userId: 2 }));

    const everything = [...seen, JSON.stringify(saved)].join('\n');
    expect(everything).toMatch(/auth-failed/);
    expectNoSecret(everything, [code, MADE_UP_CODE]);
    expectNoSecret(JSON.stringify(saved), [code]);
    expect(saved.connection).toMatchObject({ kind: 'webhook', userId: 1 });
  });

  it('through the browser bridge WebSocket', async () => {
    const clock = new ManualClock();
    portal = await startDemoPortal({ clock, teamSize: 6, evolve: false, seed: 5 });
    const code = codeOf(portal.webhookUrl);
    let saved: Settings = DEFAULT_SETTINGS;
    service = createAppService({
      host: 'browser',
      appVersion: '0.0.0-test',
      platform: 'linux',
      clock,
      settings: { load: () => saved, save: (next) => void (saved = next) },
      secrets: { get: () => null, set: () => undefined, weak: false },
      alertLedger: { load: () => ({}), save: () => undefined },
      opener: null,
      startDemo: () => Promise.reject(new Error('unused')),
      locale: () => 'en',
    });
    await service.start();
    const staticDir = mkdtempSync(join(tmpdir(), 'b24-canary-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>panel</title>');
    server = await startWebServer({ service, staticDir, token: 'canary-token' });
    const session = await bridgeSession(server);
    const socket = new WebSocket(session.url, { origin: session.origin, headers: session.headers });
    const frames: string[] = [];
    socket.on('message', (data) => frames.push(data.toString()));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    let id = 0;
    const invoke = (channel: string, request: unknown): Promise<void> =>
      new Promise((resolve) => {
        const mine = ++id;
        const onMessage = (data: WebSocket.RawData): void => {
          if ((JSON.parse(data.toString()) as { id?: number }).id === mine) {
            socket.off('message', onMessage);
            resolve();
          }
        };
        socket.on('message', onMessage);
        socket.send(JSON.stringify({ type: 'invoke', id: mine, channel, request }));
      });
    await invoke('connection:test', {
      webhookUrl: `http://portal.example.com/rest/1/${MADE_UP_CODE}/`,
    });
    await invoke('connection:connect', { kind: 'webhook', webhookUrl: portal.webhookUrl });
    for (const kind of ERROR_FAULTS) {
      portal.control.injectFault({ kind, count: 1 });
      await invoke('poll:refresh', null);
    }
    portal.control.revokeWebhook();
    await invoke('poll:refresh', null);
    await invoke('session:get', null);
    socket.close();
    const traffic = frames.join('\n');
    expect(traffic).toMatch(/"health"/);
    expectNoSecret(traffic, [code, MADE_UP_CODE]);
  });

  it('through errors the client throws, read every way a crash handler might', async () => {
    portal = await startDemoPortal({ teamSize: 6, evolve: false, seed: 6 });
    const code = codeOf(portal.webhookUrl);
    const parsed = parseWebhookUrl(portal.webhookUrl);
    if (!parsed.ok) throw new Error(parsed.error);
    const client = new B24Client({ credential: parsed.value, timeoutMs: 300 });
    const texts: string[] = [];
    const capture = async (action: () => Promise<unknown>): Promise<void> => {
      const outcome = await Promise.resolve()
        .then(action)
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(outcome, 'the call should have failed').toBeInstanceOf(Error);
      texts.push(errorTexts(outcome));
    };
    for (const kind of [
      ...ERROR_FAULTS,
      'hang',
      'operation-limit',
      'rate-limit',
    ] as DemoFault['kind'][]) {
      portal.control.injectFault({ kind, count: 2 });
      await capture(() => fetchTeam(client));
      portal.control.clearFaults();
    }
    portal.control.revokeWebhook();
    await capture(() => fetchIdentity(client));
    await capture(() => client.call('profile'));
    portal.control.restoreWebhook();
    await capture(() => client.call(`no.such.method`));
    const closed = parseWebhookUrl(`http://127.0.0.1:9/rest/1/${MADE_UP_CODE}/`);
    if (!closed.ok) throw new Error(closed.error);
    await capture(() =>
      new B24Client({ credential: closed.value, timeoutMs: 300 }).call('profile'),
    );
    expect(texts.join('\n')).toMatch(/moved-portal/);
    expectNoSecret(texts.join('\n'), [code, MADE_UP_CODE]);
  });

  it('through a method name built from the URL', async () => {
    portal = await startDemoPortal({ teamSize: 2, evolve: false, seed: 6 });
    const code = codeOf(portal.webhookUrl);
    const parsed = parseWebhookUrl(portal.webhookUrl);
    if (!parsed.ok) throw new Error(parsed.error);
    const client = new B24Client({ credential: parsed.value });
    // The client refuses an invalid name synchronously, before any request.
    let error: unknown = null;
    try {
      await client.call(`im.user.get/${code}`);
    } catch (failure) {
      error = failure;
    }
    expect(error).toBeInstanceOf(Error);
    expectNoSecret(errorTexts(error), [code]);
  });

  it('through command-line errors', () => {
    const url = `https://portal.example.com/rest/1/${MADE_UP_CODE}/`;
    const attempts: string[][] = [
      ['watch', '--webhook', url, '--bogus'],
      ['watch', `--webhook=${url}`, '--interval', url],
      ['watch', '--demo', '--webhook', url],
      ['web', '--webhook', url, '--json'],
      ['watch', '--webhook', url, '--star', url],
      ['nonsense', url],
    ];
    const messages = attempts.map((argv) => {
      try {
        parseCliArgs(argv, {});
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return errorTexts(error);
      }
    });
    expect(messages).not.toContain('accepted');
    expectNoSecret(messages.join('\n'), [MADE_UP_CODE]);
  });
});
