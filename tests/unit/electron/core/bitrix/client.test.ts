import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { asRequestFailure } from '../../../../../electron/core/request-failure.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import {
  B24Client,
  buildQuery,
  type RequestEvent,
} from '../../../../../electron/core/bitrix/client.js';
import type { OAuthCredential } from '../../../../../electron/core/bitrix/credential.js';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import {
  parseWebhookUrl,
  type WebhookCredential,
} from '../../../../../electron/core/bitrix/webhook-url.js';
import { fakePortal, json, parseQuery, user } from '../../../../support/fake-portal.js';

const CODE = 'w3bh00ks3cr3tc0d3';
const webhook = (origin = 'https://team.bitrix24.com'): WebhookCredential => {
  const parsed = parseWebhookUrl(`${origin}/rest/1/${CODE}/`);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

async function rejection(promise: Promise<unknown>): Promise<B24Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof B24Error) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('B24Client.call', () => {
  it('POSTs JSON to endpoint + method + .json and returns the envelope', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return json({ result: [1, 2], total: 120, next: 50, time: { start: 1 } });
    }) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    const answer = await client.call('im.department.colleagues.list', {
      USER_DATA: 'Y',
      LIMIT: 50,
    });
    expect(answer).toEqual({ result: [1, 2], total: 120, next: 50, time: { start: 1 } });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(
      `https://team.bitrix24.com/rest/1/${CODE}/im.department.colleagues.list.json`,
    );
    expect(requests[0]?.init).toMatchObject({
      method: 'POST',
      redirect: 'manual',
      body: '{"USER_DATA":"Y","LIMIT":50}',
    });
    expect(client.requestsSent).toBe(1);
    expect(client.portalOrigin).toBe('https://team.bitrix24.com');
    expect(client.portalHost).toBe('team.bitrix24.com');
  });

  it('answers null total/next when absent', async () => {
    const portal = fakePortal({ profile: () => ({ result: { ID: '1' } }) });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    expect(await client.call('profile')).toMatchObject({ total: null, next: null });
  });

  it('throws the mapped error for a portal error body', async () => {
    const portal = fakePortal({
      profile: () => ({
        error: 'insufficient_scope',
        error_description: 'The request requires higher privileges',
        status: 403,
      }),
    });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    const error = await rejection(client.call('profile'));
    expect(error).toMatchObject({
      kind: 'scope-missing',
      code: 'insufficient_scope',
      httpStatus: 403,
      method: 'profile',
    });
  });

  it('treats an error body with HTTP 200 as an error', async () => {
    const fetchImpl = (async () =>
      json({ error: 'ACCESS_ERROR', error_description: 'extranet' })) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    expect(await rejection(client.call('im.department.colleagues.list'))).toMatchObject({
      kind: 'access-denied',
      httpStatus: 200,
    });
  });

  it.each(['../batch', 'profile?x=1', 'a/b', '', 'x y', 'profile#'])(
    'refuses the method name %j without a request',
    async (method) => {
      const portal = fakePortal({});
      const client = new B24Client({
        credential: webhook(),
        fetch: portal.fetch,
        clock: new ManualClock(),
      });
      expect(() => client.call(method)).toThrow(B24Error);
      expect(portal.log).toHaveLength(0);
    },
  );

  it('never runs two requests at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const fetchImpl = (async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return json({ result: true });
    }) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    await Promise.all(Array.from({ length: 6 }, () => client.call('profile')));
    expect(maxInFlight).toBe(1);
    expect(client.requestsSent).toBe(6);
  });

  it('paces requests with the leaky bucket on the injected clock', async () => {
    const clock = new ManualClock();
    const sentAt: number[] = [];
    const fetchImpl = (async () => {
      sentAt.push(clock.now());
      return json({ result: true });
    }) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock,
      rateLimit: { drainPerSecond: 2, capacity: 3 },
    });
    const start = clock.now();
    const calls = Array.from({ length: 5 }, () => client.call('profile'));
    await clock.advance(5_000);
    await Promise.all(calls);
    expect(sentAt.map((t) => t - start)).toEqual([0, 0, 0, 500, 1000]);
  });

  it('reports every request to onRequest without secrets', async () => {
    const events: RequestEvent[] = [];
    const portal = fakePortal({
      profile: () => ({ result: { ID: 1 } }),
      'im.user.get': () => ({ error: 'ACCESS_DENIED', status: 403 }),
    });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
      onRequest: (e) => events.push(e),
    });
    await client.call('profile', { a: 'é' });
    await rejection(client.call('im.user.get'));
    expect(events).toEqual([
      {
        method: 'profile',
        commands: 1,
        status: 200,
        bytesSent: 10,
        bytesReceived: expect.any(Number),
        durationMs: 0,
      },
      {
        method: 'im.user.get',
        commands: 1,
        status: 403,
        bytesSent: 2,
        bytesReceived: expect.any(Number),
        durationMs: 0,
      },
    ]);
    expect(events[0]?.bytesReceived).toBeGreaterThan(10);
  });

  it('a throwing onRequest hook does not break the call', async () => {
    const portal = fakePortal({ profile: () => ({ result: 1 }) });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
      onRequest: () => {
        throw new Error('hook');
      },
    });
    expect((await client.call('profile')).result).toBe(1);
  });

  it('refuses a credential it cannot use', () => {
    expect(
      () => new B24Client({ credential: { ...webhook(), endpoint: 'https://x/rest/1/abc' } }),
    ).toThrow(B24Error);
    const oauth: OAuthCredential = {
      kind: 'oauth',
      clientEndpoint: 'http://portal.example/rest/',
      accessToken: 'a',
      refreshToken: 'r',
      clientId: 'c',
      clientSecret: 's',
    };
    expect(() => new B24Client({ credential: oauth })).toThrow(/https/);
  });
});

describe('buildQuery (http_build_query)', () => {
  it('encodes scalars, arrays, nested objects and booleans the way parse_str reads them', () => {
    const query = buildQuery({
      USER_DATA: 'Y',
      OFFSET: 50,
      ID: [4, 5],
      FILTER: { NAME: 'Ann & Bob', '>ID': 3 },
      FLAG: true,
      OFF: false,
      SKIP: null,
      NONE: undefined,
    });
    expect(query).toBe(
      'USER_DATA=Y&OFFSET=50&ID[0]=4&ID[1]=5&FILTER[NAME]=Ann%20%26%20Bob&FILTER[%3EID]=3&FLAG=1&OFF=0',
    );
    expect(parseQuery(query)).toEqual({
      USER_DATA: 'Y',
      OFFSET: '50',
      ID: ['4', '5'],
      FILTER: { NAME: 'Ann & Bob', '>ID': '3' },
      FLAG: '1',
      OFF: '0',
    });
  });

  it('encodes non-ASCII text', () => {
    expect(parseQuery(buildQuery({ FIND: 'Ёлка 東京?&=' }))).toEqual({ FIND: 'Ёлка 東京?&=' });
  });
});

describe('B24Client.batch', () => {
  it('sends cmd strings and splits results, totals, nexts and errors (PHP [] sections included)', async () => {
    const portal = fakePortal({
      'im.department.colleagues.list': (p) => ({
        result: [user(Number(p.OFFSET) + 1)],
        total: 120,
        next: Number(p.OFFSET) + 50,
      }),
      'im.user.list.get': () => ({ error: 'INVALID_FORMAT', error_description: 'bad ID' }),
      profile: () => ({ result: { ID: '1' } }),
    });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    const answer = await client.batch({
      p50: {
        method: 'im.department.colleagues.list',
        params: { USER_DATA: 'Y', OFFSET: 50, LIMIT: 50 },
      },
      w0: { method: 'im.user.list.get', params: { ID: [] } },
      me: { method: 'profile' },
    });
    expect(portal.log).toHaveLength(1);
    expect(portal.log[0]?.body).toEqual({
      halt: 0,
      cmd: {
        p50: 'im.department.colleagues.list?USER_DATA=Y&OFFSET=50&LIMIT=50',
        w0: 'im.user.list.get',
        me: 'profile',
      },
    });
    expect([...answer.results.keys()]).toEqual(['p50', 'me']);
    expect(answer.totals.get('p50')).toBe(120);
    expect(answer.nexts.get('p50')).toBe(100);
    expect(answer.totals.has('me')).toBe(false);
    expect(answer.errors.get('w0')).toMatchObject({
      kind: 'bad-request',
      code: 'INVALID_FORMAT',
      method: 'im.user.list.get',
    });
  });

  it('parses an answer where every section is the PHP empty array', async () => {
    const fetchImpl = (async () =>
      json({
        result: {
          result: [],
          result_error: [],
          result_total: [],
          result_next: [],
          result_time: [],
        },
        time: {},
      })) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    const answer = await client.batch({ a: { method: 'profile' } });
    expect(answer.results.size).toBe(0);
    expect(answer.errors.get('a')).toMatchObject({ kind: 'server-error', code: 'NOT_EXECUTED' });
  });

  it('with halt, commands after a failure are reported as not executed', async () => {
    const portal = fakePortal({
      profile: () => ({ error: 'ACCESS_DENIED', status: 403 }),
      'im.user.get': () => ({ result: user(1) }),
    });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    const answer = await client.batch(
      { a: { method: 'profile' }, b: { method: 'im.user.get' } },
      { halt: true },
    );
    expect(portal.log[0]?.body.halt).toBe(1);
    expect(answer.errors.get('a')?.kind).toBe('access-denied');
    expect(answer.errors.get('b')?.code).toBe('NOT_EXECUTED');
  });

  it('reads the reset time of a command blocked by OPERATION_TIME_LIMIT', async () => {
    const portal = fakePortal({
      'im.user.list.get': () => ({
        error: 'OPERATION_TIME_LIMIT',
        status: 429,
        time: { operating_reset_at: 1795000000 },
      }),
    });
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    const answer = await client.batch({
      w: { method: 'im.user.list.get', params: { ID: [1] } },
      x: { method: 'im.user.list.get', params: { ID: [2] } },
    });
    expect(answer.errors.get('w')).toMatchObject({
      kind: 'operation-time-limited',
      resetAt: 1_795_000_000_000,
    });
  });

  it('refuses more than 50 commands, nested batches and odd keys, without a request', async () => {
    const portal = fakePortal({});
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    const many = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [`c${i}`, { method: 'profile' }]),
    );
    expect(await rejection(client.batch(many))).toMatchObject({
      kind: 'bad-request',
      code: 'ERROR_BATCH_LENGTH_EXCEEDED',
    });
    expect(await rejection(client.batch({ a: { method: 'batch' } }))).toMatchObject({
      kind: 'bad-request',
    });
    expect(await rejection(client.batch({ 'a]&x=[': { method: 'profile' } }))).toMatchObject({
      kind: 'bad-request',
    });
    expect(portal.log).toHaveLength(0);
  });

  it('an empty batch makes no request', async () => {
    const portal = fakePortal({});
    const client = new B24Client({
      credential: webhook(),
      fetch: portal.fetch,
      clock: new ManualClock(),
    });
    expect((await client.batch({})).results.size).toBe(0);
    expect(client.requestsSent).toBe(0);
  });

  it('a batch answer of the wrong shape is malformed', async () => {
    const fetchImpl = (async () => json({ result: 'not a batch' })) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    expect(await rejection(client.batch({ a: { method: 'profile' } }))).toMatchObject({
      kind: 'malformed-response',
      code: 'WRONG_SHAPE',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// OAuth

const OAUTH: OAuthCredential = {
  kind: 'oauth',
  clientEndpoint: 'https://team.bitrix24.com/rest/',
  accessToken: 'access-0-SECRET',
  refreshToken: 'refresh-0-SECRET',
  clientId: 'app.12345',
  clientSecret: 'client-SECRET-xyz',
  tokenUrl: 'https://oauth.example.test/oauth/token/',
};

/** A portal plus token server: tokens rotate on every refresh. */
function oauthWorld(options: { refreshAnswer?: () => Response } = {}) {
  let generation = 0;
  const tokenRequests: URL[] = [];
  const portal = fakePortal(
    {
      profile: () => ({ result: { ID: '1', NAME: 'Ann' } }),
      'im.user.get': () => ({ result: user(1) }),
    },
    { oauth: { accessToken: () => `access-${generation}-SECRET` } },
  );
  const fetchImpl = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.host === 'oauth.example.test') {
      tokenRequests.push(url);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (options.refreshAnswer) return options.refreshAnswer();
      if (url.searchParams.get('refresh_token') !== `refresh-${generation}-SECRET`)
        return json({ error: 'invalid_grant', error_description: 'Invalid refresh token' }, 400);
      generation += 1;
      return json({
        access_token: `access-${generation}-SECRET`,
        refresh_token: `refresh-${generation}-SECRET`,
        expires_in: 3600,
      });
    }
    return portal.fetch(input, init);
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    tokenRequests,
    portal,
    expire: () => {
      generation += 1;
    },
  };
}

describe('OAuth', () => {
  it('sends the access token as auth in the body', async () => {
    const world = oauthWorld();
    const client = new B24Client({
      credential: OAUTH,
      fetch: world.fetch,
      clock: new ManualClock(),
    });
    await client.call('profile', { x: 1 });
    expect(world.portal.log[0]?.url).toBe('https://team.bitrix24.com/rest/profile.json');
    expect(world.portal.log[0]?.body).toEqual({ x: 1, auth: 'access-0-SECRET' });
  });

  it('on expired_token refreshes once for several concurrent calls, retries each, and reports the new tokens', async () => {
    const world = oauthWorld();
    const tokens: unknown[] = [];
    const events: RequestEvent[] = [];
    // The portal has rotated to generation 1: our access token 0 is expired, refresh token 1 is current.
    world.expire();
    const client = new B24Client({
      credential: { ...OAUTH, refreshToken: 'refresh-1-SECRET' },
      fetch: world.fetch,
      clock: new ManualClock(),
      onTokens: (t) => tokens.push(t),
      onRequest: (e) => events.push(e),
    });
    const answers = await Promise.all([
      client.call('profile'),
      client.call('im.user.get'),
      client.batch({ a: { method: 'profile' } }),
    ]);
    expect(answers[0].result).toEqual({ ID: '1', NAME: 'Ann' });
    expect(answers[1].result).toMatchObject({ id: 1 });
    expect(answers[2].results.get('a')).toEqual({ ID: '1', NAME: 'Ann' });
    expect(world.tokenRequests).toHaveLength(1);
    const refresh = world.tokenRequests[0] as URL;
    expect(Object.fromEntries(refresh.searchParams)).toEqual({
      grant_type: 'refresh_token',
      client_id: 'app.12345',
      client_secret: 'client-SECRET-xyz',
      refresh_token: 'refresh-1-SECRET',
    });
    expect(tokens).toEqual([{ accessToken: 'access-2-SECRET', refreshToken: 'refresh-2-SECRET' }]);
    // failed call, refresh, retried call, then the queued calls with the new token
    expect(events.map((e) => `${e.method}:${e.status}`)).toEqual([
      'profile:401',
      'oauth.token:200',
      'profile:200',
      'im.user.get:200',
      'batch:200',
    ]);
    expect(client.requestsSent).toBe(5);
    expect(world.portal.log.at(-1)?.body.auth).toBe('access-2-SECRET');
  });

  it('shares one refresh between sessions racing on the same stale token (single flight)', async () => {
    const world = oauthWorld();
    world.expire();
    const { OAuthSession } = await import('../../../../../electron/core/bitrix/credential.js');
    const session = new OAuthSession(
      { ...OAUTH, refreshToken: 'refresh-1-SECRET' },
      { fetch: world.fetch, timeoutMs: 1000 },
    );
    await Promise.all([
      session.refresh('access-0-SECRET'),
      session.refresh('access-0-SECRET'),
      session.refresh('access-0-SECRET'),
    ]);
    expect(world.tokenRequests).toHaveLength(1);
    // A caller that failed with the old token after the refresh just retries: no new refresh.
    await session.refresh('access-0-SECRET');
    expect(world.tokenRequests).toHaveLength(1);
    expect(session.accessToken).toBe('access-2-SECRET');
  });

  it('a refused refresh is auth-invalid (reconnect), with no secret in the message', async () => {
    const world = oauthWorld();
    world.expire();
    const client = new B24Client({
      credential: { ...OAUTH, refreshToken: 'refresh-stale-SECRET' },
      fetch: world.fetch,
      clock: new ManualClock(),
    });
    const error = await rejection(client.call('profile'));
    expect(error).toMatchObject({ kind: 'auth-invalid', code: 'invalid_grant' });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toMatch(
      /SECRET/,
    );
  });

  it('a token that is still expired after the refresh is auth-invalid, not an endless refresh loop', async () => {
    const world = oauthWorld({
      refreshAnswer: () =>
        json({ access_token: 'access-bogus-SECRET', refresh_token: 'refresh-bogus-SECRET' }),
    });
    world.expire();
    const client = new B24Client({
      credential: OAUTH,
      fetch: world.fetch,
      clock: new ManualClock(),
    });
    const error = await rejection(client.call('profile'));
    expect(error.kind).toBe('auth-invalid');
    expect(world.tokenRequests).toHaveLength(1);
  });

  it('a webhook answered with expired_token is auth-invalid (webhooks cannot be refreshed)', async () => {
    const fetchImpl = (async () =>
      json({ error: 'expired_token' }, 401)) as unknown as typeof fetch;
    const client = new B24Client({
      credential: webhook(),
      fetch: fetchImpl,
      clock: new ManualClock(),
    });
    expect(await rejection(client.call('profile'))).toMatchObject({ kind: 'auth-invalid' });
    expect(client.requestsSent).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Real HTTP on loopback: timeouts, resets, redirects, HTML pages

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];

async function serve(route: Route): Promise<{ origin: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => route(req, res, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe('transport over loopback HTTP', () => {
  it('reads a real answer and counts bytes', async () => {
    const { origin } = await serve((_req, res) =>
      res.end(JSON.stringify({ result: { ok: 'ä' }, time: {} })),
    );
    const events: RequestEvent[] = [];
    const client = new B24Client({ credential: webhook(origin), onRequest: (e) => events.push(e) });
    expect((await client.call('profile')).result).toEqual({ ok: 'ä' });
    expect(events[0]?.bytesReceived).toBe(
      Buffer.byteLength(JSON.stringify({ result: { ok: 'ä' }, time: {} })),
    );
  });

  it('times out a portal that never answers', async () => {
    const { origin } = await serve(() => undefined);
    const client = new B24Client({ credential: webhook(origin), timeoutMs: 150 });
    const error = await rejection(client.call('profile'));
    expect(error).toMatchObject({ kind: 'timeout', code: 'TIMEOUT', httpStatus: null });
  });

  it('a caller abort rejects with the caller reason, not a B24Error', async () => {
    const { origin } = await serve(() => undefined);
    const client = new B24Client({ credential: webhook(origin), timeoutMs: 10_000 });
    const controller = new AbortController();
    const call = client.call('profile', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 20);
    await expect(call).rejects.toThrow('user left');
  });

  it('maps a reset connection to a network error', async () => {
    const { origin } = await serve((req) => req.socket.destroy());
    const client = new B24Client({ credential: webhook(origin) });
    const error = await rejection(client.call('profile'));
    expect(error.kind).toBe('network');
    expect(error.code).toMatch(/ECONNRESET|UND_ERR_SOCKET|NETWORK_ERROR/);
  });

  it('maps a refused connection to a network error', async () => {
    const { origin } = await serve(() => undefined);
    await new Promise<void>((resolve) => {
      const server = servers.pop() as Server;
      server.close(() => resolve());
    });
    const client = new B24Client({ credential: webhook(origin) });
    const error = await rejection(client.call('profile'));
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    // A closed port is said in words, not as "network error ECONNREFUSED" or "check the network".
    expect(error.message).toBe(
      'profile: the portal refused the connection: nothing listens at that address and port',
    );
    // The panel gets a code of its own for it (issue 22, item 16).
    expect(asRequestFailure(error, () => undefined).error).toMatchObject({ code: 'refused' });
  });

  it('does not follow a redirect: portal-moved, naming only the new host', async () => {
    const { origin, hits } = await serve((req, res) => {
      res.writeHead(302, { location: `https://renamed.bitrix24.com${req.url}` });
      res.end('<html>moved</html>');
    });
    const client = new B24Client({ credential: webhook(origin) });
    const error = await rejection(client.call('profile'));
    expect(error).toMatchObject({ kind: 'portal-moved', httpStatus: 302 });
    expect(error.message).toContain('renamed.bitrix24.com');
    expect(error.message).not.toContain(CODE);
    expect(hits()).toBe(1);
  });

  it.each([
    [502, 'text/html', '<html><h1>502 Bad Gateway</h1></html>', 'server-error'],
    [200, 'text/html', '<html>Maintenance</html>', 'malformed-response'],
    [200, 'application/json', '', 'malformed-response'],
    [200, 'application/json', '{"result": [1, 2', 'malformed-response'],
    [200, 'application/json', '{"total": 3}', 'malformed-response'],
    [
      503,
      'application/json',
      '{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}',
      'rate-limited',
    ],
  ])('HTTP %i %s %j → %s', async (status, type, text, kind) => {
    const { origin } = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    });
    const client = new B24Client({ credential: webhook(origin) });
    expect((await rejection(client.call('profile'))).kind).toBe(kind);
  });
});

// ---------------------------------------------------------------------------------------------
// Secrets never leave the client

describe('no secret in anything the client emits', () => {
  it('keeps the webhook code and OAuth tokens out of errors, stacks, JSON and request events', async () => {
    const tokens = [
      'access-0-SECRET',
      'refresh-0-SECRET',
      'client-SECRET-xyz',
      'access-1-SECRET',
      'refresh-1-SECRET',
    ];
    const secrets = [CODE, ...tokens];
    // The portal echoes whatever it was sent: URL, body, auth, in every shape it can answer.
    const echo = (req: IncomingMessage, body: string) => `${req.url} ${body}`;
    const behaviours: Route[] = [
      (req, res, body) => {
        res.writeHead(401);
        res.end(JSON.stringify({ error: 'invalid_token', error_description: echo(req, body) }));
      },
      (req, res, body) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(`<html>${echo(req, body)}</html>`);
      },
      (req, res, body) => {
        res.writeHead(200);
        res.end(`{"weird": "${encodeURIComponent(echo(req, body))}"`);
      },
      (req, res) => {
        res.writeHead(301, { location: `https://other.example${req.url}?auth=access-0-SECRET` });
        res.end();
      },
      (req, res, body) => {
        res.writeHead(403);
        res.end(JSON.stringify({ error: `CODE_${echo(req, body)}` }));
      },
      (req) => req.socket.destroy(),
      () => undefined, // hang → timeout
      (req, res, body) => {
        res.writeHead(200);
        res.end(
          JSON.stringify({
            result: {
              result: [],
              result_error: { a: { error: 'ACCESS_DENIED', error_description: echo(req, body) } },
            },
          }),
        );
      },
    ];
    const emitted: string[] = [];
    const record = (value: unknown) =>
      emitted.push(typeof value === 'string' ? value : JSON.stringify(value));
    for (const behaviour of behaviours) {
      const { origin } = await serve(behaviour);
      const credentials = [
        webhook(origin),
        {
          ...OAUTH,
          clientEndpoint: `${origin}/rest/`,
          tokenUrl: `${origin}/oauth/token/`,
        } satisfies OAuthCredential,
      ];
      for (const credential of credentials) {
        const client = new B24Client({
          credential,
          timeoutMs: 100,
          onRequest: record,
          onTokens: record,
        });
        for (const run of [
          () => client.call('profile', { note: 'hello' }),
          () => client.batch({ a: { method: 'profile' }, b: { method: 'im.user.get' } }),
        ]) {
          try {
            const answer = await run();
            if ('errors' in answer)
              for (const error of answer.errors.values())
                record({ ...error, message: error.message, stack: error.stack });
          } catch (error) {
            const e = error as Error;
            record({
              ...e,
              message: e.message,
              stack: e.stack,
              string: String(e),
              cause: String(e.cause),
            });
          }
        }
      }
    }
    expect(emitted.length).toBeGreaterThan(30);
    const all = emitted.join('\n');
    // The portals really did echo the secrets: the test would catch a leak.
    for (const secret of secrets) {
      expect(all, `leaked ${secret}`).not.toContain(secret);
      expect(all).not.toContain(encodeURIComponent(secret));
    }
    expect(all).toContain('***');
  });
});
