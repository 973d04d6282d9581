import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock.js';
import { MOVED_PORTAL_ORIGIN } from '../../electron/demo/http-server.js';
import { DEMO_CONTROL_TOKEN_HEADER } from '../../electron/demo/control-http.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoFaultKind, DemoPortal, DemoPortalOptions } from '../../electron/demo/types.js';

const MONDAY_NOON = Date.UTC(2026, 10, 23, 9, 0, 0);
const open: DemoPortal[] = [];

async function start(
  options: DemoPortalOptions = {},
): Promise<{ portal: DemoPortal; clock: ManualClock }> {
  const clock = new ManualClock(MONDAY_NOON);
  const portal = await startDemoPortal({ clock, teamSize: 12, seed: 3, ...options });
  open.push(portal);
  return { portal, clock };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((portal) => portal.close()));
});

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** node:http, because fetch manages Host and Origin itself. */
function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const postJson = (url: string, body: unknown): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A /_demo/ control request with the portal's token (the portal must be started with controlApi). */
const control = (portal: DemoPortal, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${portal.origin}/_demo/${path}`, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string> | undefined),
      [DEMO_CONTROL_TOKEN_HEADER]: portal.controlToken ?? '',
    },
  });
const postControl = (portal: DemoPortal, path: string, body: unknown): Promise<Response> =>
  control(portal, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('REST over HTTP', () => {
  it('answers webhook calls with and without .json, from query, form and JSON parameters alike', async () => {
    const { portal } = await start();
    const [a, b] = portal.control.teamIds();
    const viaQuery = await json(
      await fetch(`${portal.webhookUrl}im.user.list.get.json?ID[]=${a}&ID[]=${b}`),
    );
    const viaForm = await json(
      await fetch(`${portal.webhookUrl}im.user.list.get`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `ID%5B0%5D=${a}&ID%5B1%5D=${b}`,
      }),
    );
    const viaJson = await json(
      await postJson(`${portal.webhookUrl}im.user.list.get`, { ID: [a, b] }),
    );
    expect(Object.keys(viaQuery.result as object)).toEqual([String(a), String(b)]);
    expect(viaForm.result).toEqual(viaQuery.result);
    expect(viaJson.result).toEqual(viaQuery.result);
    expect(Object.keys(viaJson.time as object)).toEqual([
      'start',
      'finish',
      'duration',
      'processing',
      'date_start',
      'date_finish',
      'operating_reset_at',
      'operating',
    ]);
  });

  it('pages the whole team of 5,000 with total and next, without the owner', async () => {
    const { portal } = await start({ teamSize: 5000 });
    const seen: number[] = [];
    const commands = Object.fromEntries(
      Array.from({ length: 50 }, (_, page) => [
        `p${page}`,
        `im.department.colleagues.list?OFFSET=${page * 50}&LIMIT=50`,
      ]),
    );
    for (let round = 0; round < 2; round++) {
      const cmd = Object.fromEntries(
        Object.entries(commands).map(([key, value]) => [
          key,
          value.replace(
            /OFFSET=(\d+)/,
            (_, offset: string) => `OFFSET=${Number(offset) + round * 2500}`,
          ),
        ]),
      );
      const answer = await json(await postJson(`${portal.webhookUrl}batch`, { halt: 0, cmd }));
      const result = answer.result as {
        result: Record<string, number[]>;
        result_total: Record<string, number>;
        result_next: Record<string, number> | [];
      };
      for (const ids of Object.values(result.result)) seen.push(...ids);
      expect(new Set(Object.values(result.result_total))).toEqual(new Set([5000]));
      if (round === 1) expect(Object.keys(result.result_next)).toHaveLength(49); // the last page has no next
    }
    expect(seen).toEqual(portal.control.teamIds());
    expect(seen).not.toContain(portal.control.ownerId);
  });

  it('finds people by the beginning of a word in their name, position or department (im.search.user.list)', async () => {
    const { portal } = await start();
    const outsider = portal.control.addOutsider({
      firstName: 'Zinaida',
      lastName: 'Kovalenko-Stark',
      position: 'Night auditor',
    });
    const search = async (find: string, extra = '') =>
      json(
        await fetch(
          `${portal.webhookUrl}im.search.user.list?FIND=${encodeURIComponent(find)}${extra}`,
        ),
      );
    const ids = (answer: Record<string, unknown>) =>
      (answer.result as { id: number }[]).map((user) => user.id);
    expect(ids(await search('zin'))).toEqual([outsider]);
    expect(ids(await search('STARK'))).toEqual([outsider]); // after a hyphen, any case
    expect(ids(await search('audit'))).toEqual([outsider]);
    expect(ids(await search('uditor'))).toEqual([]); // the beginning of a word only
    const first = portal.control.userObject(portal.control.teamIds()[0]!)!;
    expect(ids(await search(String(first.last_name).slice(0, 4)))).toContain(first.id);
    const short = await fetch(`${portal.webhookUrl}im.search.user.list?FIND=zi`);
    expect(short.status).toBe(400);
    expect(await json(short)).toMatchObject({ error: 'FIND_SHORT' });
    // Paged like the other lists: `total` always, `next` while more remain.
    for (const name of ['Quillon', 'Quillory', 'Quillet'])
      portal.control.addOutsider({ firstName: 'Ada', lastName: name });
    expect(await search('quill', '&LIMIT=2')).toMatchObject({ total: 3, next: 2 });
    const rest = await search('quill', '&OFFSET=2&LIMIT=2');
    expect(rest).toMatchObject({ total: 3 });
    expect(ids(rest)).toHaveLength(1);
    expect(rest).not.toHaveProperty('next');
  });

  it('serves the OAuth client endpoint with auth in query or body, and the token endpoint', async () => {
    const { portal } = await start();
    const { oauth } = portal;
    expect((await fetch(`${oauth.clientEndpoint}profile?auth=${oauth.accessToken}`)).status).toBe(
      200,
    );
    expect(
      (await postJson(`${oauth.clientEndpoint}user.current.json`, { auth: oauth.accessToken }))
        .status,
    ).toBe(200);
    expect(await json(await fetch(`${oauth.clientEndpoint}profile`))).toMatchObject({
      error: 'NO_AUTH_FOUND',
    });
    const wrong = await fetch(`${oauth.clientEndpoint}profile?auth=nope`);
    expect([wrong.status, (await json(wrong)).error]).toEqual([401, 'invalid_token']);

    portal.control.expireAccessToken();
    const expired = await fetch(`${oauth.clientEndpoint}profile?auth=${oauth.accessToken}`);
    expect([expired.status, (await json(expired)).error]).toEqual([401, 'expired_token']);

    const oldRefresh = oauth.refreshToken;
    const query = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      refresh_token: oldRefresh,
    });
    const refreshed = await json(await fetch(`${oauth.tokenUrl}?${query}`));
    expect(refreshed).toMatchObject({
      expires_in: 3600,
      client_endpoint: oauth.clientEndpoint,
      user_id: 1,
      refresh_token: oauth.refreshToken,
      access_token: oauth.accessToken,
    });
    expect(refreshed.refresh_token).not.toBe(oldRefresh);
    expect(
      (await fetch(`${oauth.clientEndpoint}profile?auth=${String(refreshed.access_token)}`)).status,
    ).toBe(200);
    const reused = await fetch(`${oauth.tokenUrl}?${query}`);
    expect([reused.status, (await json(reused)).error]).toEqual([400, 'invalid_grant']);
  });

  it('lets access tokens expire after an hour of portal time', async () => {
    const { portal, clock } = await start();
    await clock.advance(3_601_000);
    expect(
      await json(
        await fetch(`${portal.oauth.clientEndpoint}profile?auth=${portal.oauth.accessToken}`),
      ),
    ).toMatchObject({ error: 'expired_token' });
  });

  it('refuses a revoked or wrong webhook with 403 INVALID_CREDENTIALS until restored', async () => {
    const { portal } = await start();
    portal.control.revokeWebhook();
    const revoked = await fetch(`${portal.webhookUrl}profile`);
    expect([revoked.status, (await json(revoked)).error]).toEqual([403, 'INVALID_CREDENTIALS']);
    portal.control.restoreWebhook();
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
    const wrongCode = portal.webhookUrl.replace(/\/[^/]+\/$/, '/wrongcode/');
    expect((await fetch(`${wrongCode}profile`)).status).toBe(403);
  });

  it('answers unknown methods and malformed JSON bodies with Bitrix-style errors', async () => {
    const { portal } = await start();
    const missing = await fetch(`${portal.webhookUrl}im.no.such.method`);
    expect([missing.status, (await json(missing)).error]).toEqual([404, 'ERROR_METHOD_NOT_FOUND']);
    const broken = await fetch(`${portal.webhookUrl}profile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses the 51st request of a burst with 503 QUERY_LIMIT_EXCEEDED; a batch counts once', async () => {
    const { portal, clock } = await start();
    const statuses: number[] = [];
    for (let index = 0; index < 50; index++) {
      const cmd = Object.fromEntries(
        Array.from({ length: 10 }, (_, n) => [`c${n}`, 'im.revision.get']),
      );
      statuses.push((await postJson(`${portal.webhookUrl}batch`, { cmd })).status);
    }
    const refused = await fetch(`${portal.webhookUrl}profile`);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect([refused.status, (await json(refused)).error]).toEqual([503, 'QUERY_LIMIT_EXCEEDED']);
    await clock.advance(1000);
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
  });

  it('honours a custom rate limit', async () => {
    const { portal } = await start({ rateLimit: { drainPerSecond: 1, capacity: 2 } });
    const statuses = [];
    for (let index = 0; index < 3; index++)
      statuses.push((await fetch(`${portal.webhookUrl}profile`)).status);
    expect(statuses).toEqual([200, 200, 503]);
  });

  it('logs every request without its secrets', async () => {
    const { portal } = await start();
    await fetch(`${portal.webhookUrl}profile`);
    await postJson(`${portal.webhookUrl}batch`, {
      cmd: { a: 'im.revision.get', b: 'user.current' },
    });
    await fetch(`${portal.oauth.clientEndpoint}profile?auth=${portal.oauth.accessToken}`);
    const log = portal.control.requestLog;
    expect(log.map((entry) => [entry.method, entry.commands, entry.auth, entry.status])).toEqual([
      ['profile', ['profile'], 'webhook', 200],
      ['batch', ['im.revision.get', 'user.current'], 'webhook', 200],
      ['profile', ['profile'], 'oauth', 200],
    ]);
    expect(log[1]?.requestBytes).toBeGreaterThan(20);
    expect(log[1]?.responseBytes).toBeGreaterThan(100);
    const code = portal.webhookUrl.split('/').at(-2) ?? '';
    expect(JSON.stringify(log)).not.toContain(code);
    expect(JSON.stringify(log)).not.toContain(portal.oauth.accessToken);
    portal.control.clearRequestLog();
    expect(portal.control.requestLog).toHaveLength(0);
  });

  it('serves the blank.gif placeholder that avatar_hr points to for people without a photo', async () => {
    const { portal } = await start({ teamSize: 30 });
    const without = portal.control
      .teamIds()
      .map((id) => portal.control.userObject(id))
      .find((user) => user?.avatar === '');
    expect(without?.avatar_hr).toBe(`${portal.origin}/bitrix/js/im/images/blank.gif`);
    const gif = await fetch(String(without?.avatar_hr));
    const bytes = Buffer.from(await gif.arrayBuffer());
    expect([gif.status, gif.headers.get('content-type')]).toEqual([200, 'image/gif']);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect([bytes.readUInt16LE(6), bytes.readUInt16LE(8)]).toEqual([1, 1]);
  });

  it('answers as an old on-premise portal with legacy: true', async () => {
    const { portal } = await start({ legacy: true, controlApi: true });
    const [idle, phone] = portal.control.teamIds() as [number, number];
    portal.control.updatePerson(idle, { presence: 'idle', status: 'break' });
    portal.control.updatePerson(phone, { presence: 'mobile' });
    const page = await json(
      await fetch(`${portal.webhookUrl}im.department.colleagues.list?USER_DATA=Y&LIMIT=2`),
    );
    const [a, b] = page.result as Record<string, unknown>[];
    expect([a?.status, typeof a?.idle, typeof a?.desktop_last_date]).toEqual([
      'break',
      'string',
      'string',
    ]);
    expect(typeof b?.mobile_last_date).toBe('string');
    expect([
      portal.control.expected(idle)?.presence,
      portal.control.expected(phone)?.presence,
    ]).toEqual(['idle', 'mobile']);
    expect((await json(await control(portal, 'state'))).legacy).toBe(true);
  });

  it('serves generated avatars on loopback', async () => {
    const { portal } = await start({ teamSize: 30 });
    const withAvatar = portal.control
      .teamIds()
      .map((id) => portal.control.userObject(id))
      .find((user) => user?.avatar !== '');
    expect(String(withAvatar?.avatar)).toMatch(new RegExp(`^${portal.origin}/avatars/\\d+\\.svg$`));
    const svg = await fetch(String(withAvatar?.avatar));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
  });
});

describe('faults', () => {
  const erroring: [DemoFaultKind, number, string][] = [
    ['rate-limit', 503, 'QUERY_LIMIT_EXCEEDED'],
    ['overload', 503, 'OVERLOAD_LIMIT'],
    ['operation-limit', 429, 'OPERATION_TIME_LIMIT'],
    ['server-error', 500, 'INTERNAL_SERVER_ERROR'],
  ];
  for (const [kind, status, error] of erroring) {
    it(`${kind}: ${status} ${error} once, then normal answers`, async () => {
      const { portal, clock } = await start();
      portal.control.injectFault({ kind });
      const faulty = await fetch(`${portal.webhookUrl}profile`);
      const body = await json(faulty);
      expect([faulty.status, body.error]).toEqual([status, error]);
      if (kind === 'operation-limit')
        expect((body.time as { operating_reset_at: number }).operating_reset_at).toBeGreaterThan(
          clock.now() / 1000,
        );
      expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
    });
  }

  it('html: 502 with a proxy page', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'html' });
    const response = await fetch(`${portal.webhookUrl}profile`);
    expect([response.status, response.headers.get('content-type')]).toEqual([502, 'text/html']);
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('malformed-json and empty-body: 200 that does not parse', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'malformed-json' });
    portal.control.injectFault({ kind: 'empty-body' });
    const malformed = await fetch(`${portal.webhookUrl}profile`);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
    const empty = await fetch(`${portal.webhookUrl}profile`);
    expect([empty.status, await empty.text()]).toEqual([200, '']);
  });

  it('wrong-shape: a 200 whose result has the wrong type, only for the named method', async () => {
    const { portal } = await start();
    portal.control.injectFault({
      kind: 'wrong-shape',
      method: 'im.department.colleagues.list',
      count: 2,
    });
    expect((await json(await fetch(`${portal.webhookUrl}profile`))).result).toMatchObject({
      ID: '1',
    });
    for (let index = 0; index < 2; index++) {
      const body = await json(await fetch(`${portal.webhookUrl}im.department.colleagues.list`));
      expect(Array.isArray(body.result)).toBe(false);
    }
    expect(
      Array.isArray(
        (await json(await fetch(`${portal.webhookUrl}im.department.colleagues.list`))).result,
      ),
    ).toBe(true);
  });

  it('reset: the connection dies without an answer', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'reset' });
    await expect(fetch(`${portal.webhookUrl}profile`)).rejects.toThrow();
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
  });

  it('redirect: 302 to another host', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'redirect' });
    const response = await fetch(`${portal.webhookUrl}profile`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '').origin).toBe(MOVED_PORTAL_ORIGIN);
  });

  it('hang: never answers, and close() ends it promptly', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'hang', count: Number.POSITIVE_INFINITY });
    const pending = fetch(`${portal.webhookUrl}profile`);
    const outcome = pending.then(
      () => 'answered',
      () => 'failed',
    );
    const early = await Promise.race([
      outcome,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 150)),
    ]);
    expect(early).toBe('still waiting');
    const began = performance.now();
    await portal.close();
    expect(await outcome).toBe('failed');
    expect(performance.now() - began).toBeLessThan(1000);
  });

  it('a transport fault for a method breaks the whole batch carrying it, and spares other requests', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'html', method: 'im.user.list.get' });
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
    const batch = await postJson(`${portal.webhookUrl}batch`, {
      cmd: { a: 'profile', b: 'im.user.list.get?ID[]=1' },
    });
    expect(batch.status).toBe(502);
    expect(
      (await postJson(`${portal.webhookUrl}batch`, { cmd: { b: 'im.user.list.get?ID[]=1' } }))
        .status,
    ).toBe(200);
  });

  it('clearFaults drops every pending fault; infinite faults last until then', async () => {
    const { portal } = await start();
    portal.control.injectFault({ kind: 'overload', count: Number.POSITIVE_INFINITY });
    for (let index = 0; index < 3; index++)
      expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(503);
    portal.control.clearFaults();
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200);
    expect(() => portal.control.injectFault({ kind: 'nonsense' as DemoFaultKind })).toThrow();
  });
});

describe('the /_demo/ control API', () => {
  it('updates, adds and removes people, and reads them back', async () => {
    const { portal } = await start({ controlApi: true });
    const id = portal.control.teamIds()[0] as number;
    expect(
      (
        await postControl(portal, `person/${id}`, {
          presence: 'mobile',
          status: 'dnd',
          desktop: true,
        })
      ).status,
    ).toBe(200);
    const user = await json(await control(portal, `person/${id}`));
    // A current portal hides the phone, the chosen status and (in lists) the desktop date.
    expect([user.status, user.mobile_last_date, user.desktop_last_date]).toEqual([
      'online',
      false,
      false,
    ]);
    const single = await json(await control(portal, `person/${id}?form=get`));
    expect(typeof single.desktop_last_date).toBe('string');
    expect(await json(await control(portal, `person/${id}/expected`))).toEqual({
      presence: 'online',
      desktopRunning: true,
      lastDayOff: null,
    });
    expect(portal.control.truth(id)).toMatchObject({
      activity: 'mobile',
      status: 'dnd',
      desktopTicking: true,
    });

    const added = (
      await json(await postControl(portal, `person`, { firstName: 'Nova', presence: 'online' }))
    ).id as number;
    const state = await json(await control(portal, `state`));
    expect(state.teamIds).toContain(added);
    const outsider = (await json(await postControl(portal, `outsider`, {}))).id as number;
    expect(portal.control.teamIds()).not.toContain(outsider);
    const listed = await json(await fetch(`${portal.webhookUrl}im.user.list.get?ID[]=${outsider}`));
    expect((listed.result as Record<string, { id: number }>)[String(outsider)]?.id).toBe(outsider);

    expect((await control(portal, `person/${added}`, { method: 'DELETE' })).status).toBe(200);
    expect(portal.control.teamIds()).not.toContain(added);
    expect((await control(portal, `person/${added}`)).status).toBe(404);
  });

  it('injects faults, revokes and restores, expires tokens and shows the request log', async () => {
    const { portal } = await start({ controlApi: true });
    await postControl(portal, `fault`, { kind: 'server-error', count: 'Infinity' });
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(500);
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(500);
    await postControl(portal, `faults/clear`, {});
    await postControl(portal, `revoke`, {});
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(403);
    await postControl(portal, `restore`, {});
    await postControl(portal, `expire-token`, {});
    expect(
      (await fetch(`${portal.oauth.clientEndpoint}profile?auth=${portal.oauth.accessToken}`))
        .status,
    ).toBe(401);
    const log = (await (await control(portal, `requests`)).json()) as { status: number }[];
    expect(log.map((entry) => entry.status)).toEqual([500, 500, 403, 401]);
    await postControl(portal, `requests/clear`, {});
    expect(portal.control.requestLog).toHaveLength(0);
  });

  it('changes the offset dates are written in, from the next answer on (same instants)', async () => {
    const { portal } = await start({ controlApi: true });
    const id = portal.control.teamIds()[0] as number;
    await postControl(portal, `person/${id}`, { presence: 'online' });
    const before = await json(await fetch(`${portal.webhookUrl}im.user.get?ID=${id}`));
    expect((await postControl(portal, `date-offset`, { minutes: 0 })).status).toBe(200);
    const after = await json(await fetch(`${portal.webhookUrl}im.user.get?ID=${id}`));
    const [old, now] = [before.result, after.result] as Record<string, string>[];
    expect(old?.last_activity_date).toMatch(/\+03:00$/);
    expect(now?.last_activity_date).toMatch(/\+00:00$/);
    expect(Date.parse(String(now?.last_activity_date))).toBe(
      Date.parse(String(old?.last_activity_date)),
    );
    expect(String((after.time as Record<string, unknown>).date_start)).toMatch(/\+00:00$/);
    expect((await postControl(portal, `date-offset`, { minutes: 'UTC' })).status).toBe(400);
  });

  it('rejects impossible combinations over HTTP with a clear message', async () => {
    const { portal } = await start({ controlApi: true });
    const id = portal.control.teamIds()[0] as number;
    const bad = await postControl(portal, `person/${id}`, { presence: 'offline', desktop: true });
    expect(bad.status).toBe(400);
    expect(String((await json(bad)).error)).toMatch(/desktop app/);
    const idle = await postControl(portal, `person/${id}`, { presence: 'idle', desktop: true });
    expect([idle.status, String((await json(idle)).error)]).toEqual([
      400,
      expect.stringMatching(/disconnected/),
    ]);
  });

  it('rejects bad bodies with a clear message and changes nothing', async () => {
    const { portal } = await start({ controlApi: true });
    const id = portal.control.teamIds()[0] as number;
    const before = portal.control.userObject(id);
    const bad = await postControl(portal, `person/${id}`, { presence: 'asleep' });
    expect(bad.status).toBe(400);
    expect(String((await json(bad)).error)).toContain('presence');
    expect((await postControl(portal, `fault`, { kind: 'meteor' })).status).toBe(400);
    expect((await control(portal, `nothing-here`)).status).toBe(404);
    expect(portal.control.userObject(id)).toEqual(before);
  });

  it('exists only when a test asks for it', async () => {
    const { portal } = await start();
    expect(portal.controlToken).toBeNull();
    for (const path of ['state', 'revoke', 'person/1']) {
      const answer = await rawRequest(
        `${portal.origin}/_demo/${path}`,
        path === 'state' ? 'GET' : 'POST',
        { [DEMO_CONTROL_TOKEN_HEADER]: 'anything' },
      );
      expect(answer.status, path).toBe(404);
    }
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200); // not revoked
  });

  it('wants its random token, refuses web pages and rebound Host names, and never sends CORS headers', async () => {
    const { portal } = await start({ controlApi: true });
    const other = await start({ controlApi: true });
    expect(portal.controlToken).toMatch(/^[\w-]{32}$/);
    expect(other.portal.controlToken).not.toBe(portal.controlToken);
    const token = portal.controlToken!;
    const refused: Array<[string, string, Record<string, string>]> = [
      ['no token', 'POST', {}],
      ['wrong token', 'POST', { [DEMO_CONTROL_TOKEN_HEADER]: `${token.slice(0, -1)}x` }],
      [
        'another portal’s token',
        'POST',
        { [DEMO_CONTROL_TOKEN_HEADER]: other.portal.controlToken! },
      ],
      [
        'a loopback web page',
        'POST',
        { [DEMO_CONTROL_TOKEN_HEADER]: token, Origin: 'http://127.0.0.1:5173' },
      ],
      [
        'another web page',
        'POST',
        { [DEMO_CONTROL_TOKEN_HEADER]: token, Origin: 'https://evil.example' },
      ],
      ['a rebound Host', 'POST', { [DEMO_CONTROL_TOKEN_HEADER]: token, Host: 'evil.example' }],
      [
        'a preflight',
        'OPTIONS',
        {
          Origin: 'http://127.0.0.1:5173',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': DEMO_CONTROL_TOKEN_HEADER,
        },
      ],
    ];
    for (const [what, method, headers] of refused) {
      const answer = await rawRequest(`${portal.origin}/_demo/revoke`, method, headers);
      expect(answer.status, what).toBe(403);
      expect(
        Object.keys(answer.headers).filter((name) => name.startsWith('access-control-')),
        what,
      ).toEqual([]);
    }
    expect((await fetch(`${portal.webhookUrl}profile`)).status).toBe(200); // not revoked
    const allowed = await rawRequest(`${portal.origin}/_demo/state`, 'GET', {
      [DEMO_CONTROL_TOKEN_HEADER]: token,
    });
    expect(allowed.status).toBe(200);
    expect(
      Object.keys(allowed.headers).filter((name) => name.startsWith('access-control-')),
    ).toEqual([]);
  });
});
