import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { TEST_CREDENTIAL } from '../support/credential.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { B24Client } from '../../electron/core/bitrix/client.js';
import { parseWebhookUrl } from '../../electron/core/bitrix/webhook-url.js';
import type { RefreshSummary } from '../../electron/core/engine/engine.js';
import { PresenceEngine } from '../../electron/core/engine/engine.js';
import { createBitrixSource } from '../../electron/core/engine/presence-source.js';
import { DISPLAY_NAME_MAX_GRAPHEMES } from '../../electron/shared/display-text.js';
import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Settings,
} from '../../electron/shared/settings/schema.js';
import { fakeService } from '../support/fake-service.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { bridgeSession } from '../support/web-session.js';
import { guardedHandler } from '../../electron/main/ipc.js';
import { nodeFileOps, prepareSettingsFile } from '../../electron/main/store-files.js';
import {
  REQUEST_CHANNELS,
  SnapshotSchema,
  type RequestChannel,
} from '../../electron/shared/contract.js';
import { colleaguesHandler, fakePortal, user, usersHandler } from '../support/fake-portal.js';

/**
 * Hostile and bad input at every door: portal data (markup, huge and odd text, missing or
 * mistyped fields, unknown statuses, offset-less dates, null users, duplicates, a team that
 * changes while being paged, 5,000 people), webhook URLs, WebSocket and IPC messages, and
 * hand-edited or corrupt settings files.
 */

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
const atom = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const online = {
  last_activity_date: atom(NOW - 60_000),
  idle: false,
  mobile_last_date: false,
  desktop_last_date: false,
};
const credential = TEST_CREDENTIAL;

async function engineOver(
  people: () => unknown[],
  watched: () => Map<number, unknown>,
  watchIds: number[] = [],
) {
  const clock = new ManualClock(NOW);
  const portal = fakePortal({
    'im.department.colleagues.list': colleaguesHandler(() => people() as Record<string, unknown>[]),
    'im.user.list.get': usersHandler(() => watched() as Map<number, Record<string, unknown>>),
  });
  const client = new B24Client({
    credential,
    fetch: portal.fetch,
    clock,
    rateLimit: { drainPerSecond: 100, capacity: 1000 },
  });
  const settings: Settings = { ...DEFAULT_SETTINGS, watchIds };
  const engine = new PresenceEngine({
    source: createBitrixSource(client),
    clock,
    getSettings: () => settings,
    alertLedger: { load: () => ({}), save: () => undefined },
    locale: () => 'en',
    random: () => 0.5,
  });
  const reports: RefreshSummary[] = [];
  const alerts: string[] = [];
  engine.on('refreshed', (report) => reports.push(report));
  engine.on('alert', (alert) => alerts.push(`${alert.title}|${alert.body}`));
  clock.settle = async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await engine.idle();
  };
  engine.start();
  await clock.advance(0);
  return { clock, engine, reports, alerts, portal };
}

describe('hostile portal data through the client and the engine', () => {
  const script = '<script>alert(document.cookie)</script>';
  const img = '<img src=x onerror="alert(1)">';
  const long = 'Ш'.repeat(10_000);
  const rtl = 'مرحبا \u202Eevil.exe\u202C 👩‍💻🚀 \u200B';

  it('keeps every odd person as plain data, degrades bad fields only, and alerts in plain text', async () => {
    let hostileOnline = false;
    const people = () => [
      user(100, {
        ...online,
        name: hostileOnline ? script : script,
        work_position: img,
        last_activity_date: hostileOnline ? atom(NOW + 60_000) : atom(NOW - 7200_000),
      }),
      user(101, { ...online, name: long, first_name: long, work_position: long }),
      user(102, { ...online, name: rtl, last_name: rtl }),
      { id: 103 },
      user(104, { ...online, status: 'vacation-mode' }),
      user(105, { last_activity_date: '2026-11-23 08:59:00', idle: false }),
      user(106, {
        ...online,
        avatar: 'javascript:alert(1)',
        avatar_hr: 'https://evil.example/a.png"onload="x',
        color: 'red;background:url(//evil)',
      }),
      user(107, {
        ...online,
        name: 42,
        first_name: ['x'],
        departments: 'all',
        last_activity_date: true,
        absent: { until: 'never' },
      }),
      user(108, { ...online }),
      user(108, { ...online, name: 'Second copy' }),
      null,
      'not a user',
      { id: 'abc' },
      { id: -5 },
    ];
    const watched = () => new Map<number, unknown>([[900, null]]);
    const { clock, engine, reports, alerts } = await engineOver(people, watched, [900, 901]);

    expect(engine.health.state).toBe('ok');
    const snapshot = engine.snapshot!;
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    const byId = new Map(snapshot.colleagues.map((c) => [c.id, c]));
    expect([...byId.keys()]).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108]);
    expect(byId.get(100)).toMatchObject({ name: script, position: img });
    expect(byId.get(101)!.name).toBe(`${'Ш'.repeat(DISPLAY_NAME_MAX_GRAPHEMES - 1)}…`);
    expect(byId.get(102)!.name).toBe('مرحبا evil.exe 👩‍💻🚀 \u200B'); // no override; zero-width space is no control
    expect(byId.get(103)).toMatchObject({
      name: '#103',
      presence: 'offline',
      status: 'online',
      departments: [],
    });
    expect(byId.get(104)!.status).toBe('vacation-mode');
    expect(byId.get(105)).toMatchObject({ presence: 'offline', lastActivity: null }); // no offset: unknown, not guessed
    expect(byId.get(106)).toMatchObject({ avatar: null, color: null });
    expect(byId.get(107)).toMatchObject({
      name: '107',
      firstName: '',
      lastActivity: null,
      absentUntil: null,
      departments: [],
    }); // falls back to the usable last name
    expect(byId.get(108)!.name).toBe('Person 108'); // the first of two copies wins
    expect(reports.at(-1)).toMatchObject({ missingWatchIds: [900, 901] });
    expect(reports.at(-1)!.degraded).toBeGreaterThanOrEqual(2);

    // The script-named person comes online: the alert carries the name as text, unchanged.
    hostileOnline = true;
    await clock.advance(DEFAULT_SETTINGS.pollIntervalSec * 1000);
    expect(alerts).toEqual([`${script} is online|`]);
    await engine.stop();
  });

  it('puts a clean, capped name in the notification title: no bidi override, escape or bell', async () => {
    let cameOnline = false;
    const mallory = `Mallory \u202Eenilno si\u202C\u001B]0;owned\u0007${'\u0007x'.repeat(5_000)}`;
    const people = () => [
      user(5, {
        ...online,
        name: mallory,
        last_activity_date: atom(cameOnline ? NOW + 60_000 : NOW - 7200_000),
      }),
    ];
    const { clock, engine, alerts } = await engineOver(people, () => new Map());
    cameOnline = true;
    await clock.advance(DEFAULT_SETTINGS.pollIntervalSec * 1000);
    expect(alerts).toHaveLength(1);
    const title = alerts[0]!.split('|')[0]!;
    expect(title.startsWith('Mallory enilno si]0;ownedxxx')).toBe(true);
    expect(title).toBe(`${engine.snapshot!.colleagues[0]!.name} is online`);
    // eslint-disable-next-line no-control-regex -- the characters a title must not carry
    expect(title).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(engine.snapshot!.colleagues[0]!.name).toHaveLength(DISPLAY_NAME_MAX_GRAPHEMES);
    await engine.stop();
  });

  it('lists each person once while the team grows during paging, and catches up at the next poll', async () => {
    let size = 120;
    let calls = 0;
    const people = () => {
      // Every page request sees a bigger team: newcomers push everyone down a page.
      calls += 1;
      size += 3;
      return Array.from({ length: size }, (_, index) => user(10_000 - index, online));
    };
    const { clock, engine } = await engineOver(people, () => new Map());
    const first = engine.snapshot!.colleagues.map((c) => c.id);
    expect(new Set(first).size).toBe(first.length);
    await clock.advance(30_000);
    const second = engine.snapshot!.colleagues.map((c) => c.id);
    expect(new Set(second).size).toBe(second.length);
    expect(second.length).toBeGreaterThan(first.length);
    expect(calls).toBeGreaterThan(2);
    expect(engine.health.state).toBe('ok');
    await engine.stop();
  });

  it('takes a 5,000-person team in two requests on the first poll and one per poll after', async () => {
    const team = Array.from({ length: 5000 }, (_, index) =>
      user(2 + index, { ...online, name: `${rtl} ${index}` }),
    );
    const started = performance.now();
    const { clock, engine, portal } = await engineOver(
      () => team,
      () => new Map(),
    );
    expect(engine.snapshot!.colleagues).toHaveLength(5000);
    const firstPoll = portal.log.length;
    await clock.advance(30_000);
    expect(portal.log.length - firstPoll).toBe(Math.ceil(5000 / 50 / 50));
    expect(performance.now() - started).toBeLessThan(15_000);
    await engine.stop();
  });

  it('refuses a response body far larger than any team, without reading it all', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(' '.repeat(1 << 20));
    const endless = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent >= 64) {
              controller.enqueue(new TextEncoder().encode('{"result":[]}'));
              controller.close();
              return;
            }
            sent += 1;
            controller.enqueue(chunk);
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      )) as typeof fetch;
    const client = new B24Client({ credential, fetch: endless, clock: new ManualClock(NOW) });
    await expect(client.call('profile')).rejects.toMatchObject({ kind: 'malformed-response' });
    expect(sent).toBeLessThanOrEqual(20); // 16 MB read, a little buffered ahead, the rest never pulled
  });
});

describe('webhook URLs are refused with a clear message that never repeats them', () => {
  const code = 'q7w8e9r0t1y2u3i4';
  it.each([
    ['', /Paste the webhook address/],
    ['   ', /Paste the webhook address/],
    [`portal.bitrix24.com/rest/1/${code}/`, /whole address, starting with https/],
    [`http://portal.bitrix24.com/rest/1/${code}/`, /must use https/],
    [`HTTP://PORTAL.bitrix24.com/rest/1/${code}/`, /must use https/],
    [`http://127.0.0.1.nip.io/rest/1/${code}/`, /must use https/],
    [`http://localhost.evil.example/rest/1/${code}/`, /must use https/],
    [`ftp://portal.bitrix24.com/rest/1/${code}/`, /must start with https/],
    [`javascript:alert('${code}')`, /must start with https/],
    [`file:///rest/1/${code}/`, /must start with https/],
    [`data:text/plain,${code}`, /must start with https/],
    [`https://user:${code}@portal.bitrix24.com/rest/1/abc/`, /user name or password/],
    [`https://${code}@portal.bitrix24.com/rest/1/abc/`, /user name or password/],
    [`https://portal.bitrix24.com/rest/1/${code}/?auth=${code}`, /no "\?" or "#"/],
    [`https://portal.bitrix24.com/rest/1/${code}/#${code}`, /no "\?" or "#"/],
    [`https://portal.bitrix24.com/rest/1/${code}/profile?x`, /no "\?" or "#"/],
    [`https://portal.bitrix24.com/api/1/${code}/`, /must look like/],
    [`https://portal.bitrix24.com/rest/${code}/`, /must look like/],
    [`https://portal.bitrix24.com/rest/0/${code}/`, /positive number/],
    [`https://portal.bitrix24.com/rest/1/${code}/extra/path/`, /must look like/],
    [`https://portal.bitrix24.com/rest/1/${code}%2F..%2F/`, /must look like/],
    [`https://portal.bitrix24.com/rest/1/co de${code}/`, /spaces or line breaks/],
    [`https://portal.bitrix24.com/rest/1/${code}\n/`, /spaces or line breaks/],
    [`https://portal.bitrix24.com:99999/rest/1/${code}/`, /not a valid web address/],
    [`https://portal.bitrix24.com/rest/1/${code}${'x'.repeat(10_000)}/`, /must look like/],
  ])('%j', (input, message) => {
    const parsed = parseWebhookUrl(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(message);
    expect(parsed.error).not.toContain(code);
    expect(parsed.error.length).toBeLessThan(200);
  });

  // Backslashes are read as slashes, as every browser reads them: the same address, normalised.
  it.each([
    `https://portal.bitrix24.com\\rest\\1\\${code}\\`,
    `https://portal.bitrix24.com/rest/1/${code}/`,
    `http://127.0.0.1:8080/rest/7/${code}`,
    `https://portal.bitrix24.com/rest/1/${code}/profile.json`,
  ])('accepts %j', (input) => {
    expect(parseWebhookUrl(input).ok).toBe(true);
  });
});

describe('WebSocket bridge messages of the wrong shape never reach the service', () => {
  let server: WebServer;
  let session: Awaited<ReturnType<typeof bridgeSession>>;
  const fake = fakeService({}, () => ({
    ok: false,
    error: { code: 'not-connected', message: 'test double', field: null },
  }));
  const { service, handled } = fake;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'b24-hostile-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    server = await startWebServer({ service, staticDir, token: 't0k' });
    session = await bridgeSession(server);
    handled.length = 0; // only what a page sends counts
  });
  afterAll(() => server.close());

  const open = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(session.url, {
        origin: session.origin,
        headers: session.headers,
      });
      socket.once('open', () => resolve(socket)).once('error', reject);
    });

  /** Sends one frame; resolves with the answer, or with the close code if the server hung up. */
  const exchange = (
    frame: string | Buffer,
    binary = false,
  ): Promise<{ answer?: Record<string, unknown>; closed?: number }> =>
    open().then(
      (socket) =>
        new Promise((resolve) => {
          socket.once('message', (data) => {
            resolve({ answer: JSON.parse(data.toString()) as Record<string, unknown> });
            socket.close();
          });
          socket.once('close', (code) => resolve({ closed: code }));
          socket.on('error', () => undefined); // the server's refusal of an oversized frame
          socket.send(frame, { binary });
        }),
    );

  it.each([
    ['not JSON', '{"type":"invoke",'],
    ['JSON null', 'null'],
    ['an array', '[1,2,3]'],
    [
      'a negative id',
      JSON.stringify({ type: 'invoke', id: -1, channel: 'session:get', request: null }),
    ],
    [
      'a fractional id',
      JSON.stringify({ type: 'invoke', id: 1.5, channel: 'session:get', request: null }),
    ],
    [
      'an id as text',
      JSON.stringify({ type: 'invoke', id: '1', channel: 'session:get', request: null }),
    ],
    ['an unsafe id', `{"type":"invoke","id":${2 ** 60},"channel":"session:get","request":null}`],
  ])('closes on %s', async (_what, frame) => {
    expect(await exchange(frame)).toEqual({ closed: 1008 });
    expect(handled).toEqual([]);
  });

  it('closes on a binary frame', async () => {
    expect(
      await exchange(
        Buffer.from(
          JSON.stringify({ type: 'invoke', id: 1, channel: 'session:get', request: null }),
        ),
        true,
      ),
    ).toEqual({ closed: 1008 });
  });

  it.each([
    ['a message without a type', { type: undefined, channel: 'session:get', request: null }],
    ['a server message sent back', { type: 'result', result: { ok: true, value: 1 } }],
    ['an unknown channel', { channel: 'shell:exec', request: 'rm -rf /' }],
    ['a prototype key as channel', { channel: '__proto__', request: null }],
    ['a request where none is taken', { channel: 'session:get', request: { all: true } }],
    [
      'a settings update of the wrong type',
      { channel: 'settings:update', request: { pollIntervalSec: '1' } },
    ],
    [
      'a poll interval below the minimum',
      { channel: 'settings:update', request: { pollIntervalSec: 1 } },
    ],
    [
      'a webhook URL of 5,000 characters',
      { channel: 'connection:test', request: { webhookUrl: 'x'.repeat(5000) } },
    ],
    ['a non-integer user id', { channel: 'chat:open', request: { userId: 1.5 } }],
    [
      'a rule outside the enum',
      { channel: 'colleague:set-rule', request: { id: 2, rule: 'admin' } },
    ],
    [
      'a watch list of 10,000 ids',
      { channel: 'watch:set', request: { ids: Array.from({ length: 10_000 }, (_, i) => i + 1) } },
    ],
    ['a pause until text', { channel: 'alerts:pause', request: { until: 'tomorrow' } }],
  ])('answers invalid-payload for %s', async (_what, message) => {
    const result = await exchange(JSON.stringify({ type: 'invoke', id: 42, ...message }));
    expect(result.answer).toMatchObject({ type: 'result', id: 42, result: { ok: false } });
    expect(handled).toEqual([]);
  });

  it('closes a frame above the size limit without reading it', async () => {
    const huge = JSON.stringify({
      type: 'invoke',
      id: 1,
      channel: 'connection:test',
      request: { webhookUrl: 'x'.repeat(17 * 1024 * 1024) },
    });
    expect(await exchange(huge)).toEqual({ closed: 1009 });
    expect(handled).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('IPC payloads of the wrong shape never reach the service', () => {
  const payloads: unknown[] = [
    undefined,
    'text',
    42,
    [],
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { id: 'x', ids: 'x', until: 'x', webhookUrl: 5, kind: 'other' },
  ];
  it.each(REQUEST_CHANNELS)('%s', async (channel: RequestChannel) => {
    const reached: unknown[] = [];
    const handler = guardedHandler(channel, {
      isTrusted: () => true,
      handle: async (_channel, request) => {
        reached.push(request);
        return { ok: true, value: null } as never;
      },
    });
    for (const payload of payloads) {
      const result = await handler({} as never, payload);
      // Only a channel whose request is an all-optional object may accept an empty-ish object.
      if (result.ok) expect(channel).toBe('settings:update');
      else expect(result.error.code).toBe('invalid-payload');
    }
    for (const request of reached)
      expect(SettingsSchema.partial().safeParse(request).success).toBe(true);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('a corrupt or hand-edited settings file', () => {
  const valid = JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalSec: 45 }, null, '\t');
  const cases: Array<[string, string, 'aside' | 'repaired' | 'kept']> = [
    ['truncated JSON', valid.slice(0, valid.length / 2), 'aside'],
    ['binary garbage', '\u0000\u0001\u00ff\ufffd', 'aside'],
    ['an empty file', '', 'aside'],
    ['JSON that is not an object', '[1,2,3]', 'aside'],
    ['a newer version', JSON.stringify({ ...DEFAULT_SETTINGS, version: 99 }), 'aside'],
    ['a version of the wrong type', JSON.stringify({ ...DEFAULT_SETTINGS, version: '1' }), 'aside'],
    [
      'wrong types in some fields',
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        pollIntervalSec: 'fast',
        alerts: { scope: 'everyone!' },
      }),
      'repaired',
    ],
    [
      'a poll interval of 0 typed by hand',
      JSON.stringify({ ...DEFAULT_SETTINGS, pollIntervalSec: 0 }),
      'repaired',
    ],
    ['a prototype-polluting key', `{"__proto__":{"polluted":true},${valid.slice(1)}`, 'kept'],
    [
      'a credential pasted in by hand',
      JSON.stringify({ ...DEFAULT_SETTINGS, webhookUrl: 'https://p.example/rest/1/secretcode/' }),
      'kept',
    ],
  ];

  it.each(cases)(
    '%s: recovered, the original kept aside when anything was dropped',
    (_what, text, outcome) => {
      const dir = mkdtempSync(join(tmpdir(), 'b24-settings-'));
      const path = join(dir, 'settings.json');
      writeFileSync(path, text);
      const prepared = prepareSettingsFile(path, nodeFileOps, NOW);
      expect(SettingsSchema.safeParse(prepared.settings).success).toBe(true);
      expect(Object.prototype).not.toHaveProperty('polluted');
      const files = readdirSync(dir);
      if (outcome === 'kept') {
        expect(prepared.problem).toBeNull();
        // Unknown keys are dropped from the rewritten file (a pasted credential does not linger).
        expect(readFileSync(path, 'utf8')).not.toMatch(/secretcode|polluted/);
        return;
      }
      expect(prepared.asidePath).not.toBeNull();
      expect(prepared.problem).toContain(prepared.asidePath!);
      expect(files.some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
      expect(readFileSync(prepared.asidePath!, 'utf8')).toBe(text); // the user's file, byte for byte
      if (outcome === 'repaired') {
        expect(prepared.settings.connection).toEqual(DEFAULT_SETTINGS.connection);
        expect(prepared.problem).toMatch(/reset/);
      }
    },
  );

  it('a file saved with a byte-order mark (Windows Notepad) keeps its settings, and is rewritten without it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-settings-'));
    const path = join(dir, 'settings.json');
    writeFileSync(path, `\uFEFF${valid}`);
    const prepared = prepareSettingsFile(path, nodeFileOps, NOW);
    expect(prepared.settings.pollIntervalSec).toBe(45);
    expect(prepared.problem).toBeNull();
    expect(readFileSync(path, 'utf8').charCodeAt(0)).not.toBe(0xfeff);
  });
});
