import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKEN_URL,
  OAuthSession,
  credentialSecrets,
  validateOAuthCredential,
  type OAuthCredential,
} from '../../../../../electron/core/bitrix/credential.js';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import { ManualClock } from '../../../../../electron/core/clock.js';
import { TEST_CREDENTIAL } from '../../../../support/credential.js';

const OAUTH: OAuthCredential = {
  kind: 'oauth',
  clientEndpoint: 'https://team.bitrix24.com/rest/',
  accessToken: 'access-one',
  refreshToken: 'refresh-one',
  clientId: 'local.app',
  clientSecret: 'client-secret-xyz',
};

describe('validateOAuthCredential', () => {
  it('accepts https endpoints, and loopback http (the demo portal)', () => {
    expect(validateOAuthCredential(OAUTH)).toEqual({ ok: true, value: OAUTH });
    const local = {
      ...OAUTH,
      clientEndpoint: 'http://127.0.0.1:4000/rest/',
      tokenUrl: 'http://127.0.0.1:4000/oauth/token/',
    };
    expect(validateOAuthCredential(local).ok).toBe(true);
  });

  it.each([
    [
      'a client endpoint that is no URL',
      { clientEndpoint: 'team.bitrix24.com/rest/' },
      /client endpoint is not a valid/,
    ],
    [
      'plain http off this machine',
      { clientEndpoint: 'http://team.bitrix24.com/rest/' },
      /^OAuth client endpoint: .*https/,
    ],
    [
      'a user in the token URL',
      { tokenUrl: 'https://me:pw@oauth.bitrix.info/oauth/token/' },
      /^OAuth token URL: .*user name/,
    ],
    [
      'a query',
      { clientEndpoint: 'https://team.bitrix24.com/rest/?x=1' },
      /must not have "\?" or "#"/,
    ],
    [
      'a fragment in the token URL',
      { tokenUrl: `${DEFAULT_TOKEN_URL}#x` },
      /token URL must not have/,
    ],
    ['no final slash', { clientEndpoint: 'https://team.bitrix24.com/rest' }, /must end with "\/"/],
    ['an empty access token', { accessToken: '' }, /access token is empty/],
    ['a blank refresh token', { refreshToken: '   ' }, /refresh token is empty/],
    ['no client id', { clientId: '' }, /client id is empty/],
    ['no client secret', { clientSecret: ' ' }, /client secret is empty/],
  ])('refuses %s', (_what, change, error) => {
    const result = validateOAuthCredential({ ...OAUTH, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('never repeats a secret in its message', () => {
    const result = validateOAuthCredential({
      ...OAUTH,
      clientEndpoint: 'http://team.bitrix24.com/rest/',
    });
    expect(JSON.stringify(result)).not.toMatch(/access-one|refresh-one|client-secret-xyz/);
  });
});

describe('credentialSecrets', () => {
  it("a webhook's secret is its code", () => {
    expect(credentialSecrets(TEST_CREDENTIAL)).toEqual(['abcdef123456']);
  });

  it("an OAuth app's are its tokens and client secret", () => {
    expect(credentialSecrets(OAUTH)).toEqual(['access-one', 'refresh-one', 'client-secret-xyz']);
  });
});

interface Answer {
  readonly status?: number;
  readonly body: string;
}

/** A token server: answers in order, records what was asked, and can take time on the clock. */
function tokenServer(answers: (Answer | Error)[], clock = new ManualClock(), takesMs = 0) {
  const asked: URL[] = [];
  const fetch = (async (input: URL | RequestInfo) => {
    asked.push(new URL(String(input)));
    clock.jump(takesMs);
    await Promise.resolve();
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return new Response(answer.body, { status: answer.status ?? 200 });
  }) as typeof globalThis.fetch;
  return { fetch, asked, clock };
}

const tokens = (access: string, refresh: string): Answer => ({
  body: JSON.stringify({ access_token: access, refresh_token: refresh, expires_in: 3600 }),
});

describe('OAuthSession', () => {
  it('asks the token server with the refresh token and keeps the new pair', async () => {
    const server = tokenServer([tokens('access-two', 'refresh-two')]);
    const stored: unknown[] = [];
    const session = new OAuthSession(OAUTH, {
      fetch: server.fetch,
      timeoutMs: 5_000,
      onTokens: (pair) => stored.push(pair),
    });
    expect(session.accessToken).toBe('access-one');
    await session.refresh('access-one');
    expect(session.accessToken).toBe('access-two');
    expect(stored).toEqual([{ accessToken: 'access-two', refreshToken: 'refresh-two' }]);
    const [url] = server.asked;
    expect(url?.origin + (url?.pathname ?? '')).toBe(DEFAULT_TOKEN_URL);
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      grant_type: 'refresh_token',
      client_id: 'local.app',
      client_secret: 'client-secret-xyz',
      refresh_token: 'refresh-one',
    });
  });

  it('the next refresh spends the new refresh token, at the credential’s own token URL', async () => {
    const server = tokenServer([tokens('a2', 'r2'), tokens('a3', 'r3')]);
    const session = new OAuthSession(
      { ...OAUTH, tokenUrl: 'http://127.0.0.1:4000/oauth/token/' },
      { fetch: server.fetch, timeoutMs: 5_000 },
    );
    await session.refresh('access-one');
    await session.refresh('a2');
    expect(server.asked.map((url) => url.searchParams.get('refresh_token'))).toEqual([
      'refresh-one',
      'r2',
    ]);
    expect(server.asked[1]?.host).toBe('127.0.0.1:4000');
    expect(session.accessToken).toBe('a3');
  });

  it('calls that fail together share one refresh; a stale token already replaced asks nothing', async () => {
    const server = tokenServer([tokens('access-two', 'refresh-two')]);
    const session = new OAuthSession(OAUTH, { fetch: server.fetch, timeoutMs: 5_000 });
    await Promise.all([session.refresh('access-one'), session.refresh('access-one')]);
    expect(server.asked).toHaveLength(1);
    await session.refresh('access-one');
    expect(server.asked).toHaveLength(1);
  });

  it('remembers every token it held as a secret', async () => {
    const server = tokenServer([tokens('access-two', 'refresh-two')]);
    const session = new OAuthSession(OAUTH, { fetch: server.fetch, timeoutMs: 5_000 });
    await session.refresh('access-one');
    expect(new Set(session.secrets)).toEqual(
      new Set(['access-one', 'refresh-one', 'access-two', 'refresh-two', 'client-secret-xyz']),
    );
  });

  it.each([
    [400, 'invalid_grant'],
    [400, 'INVALID_REQUEST'],
    [403, 'ACCESS_DENIED'],
    [401, 'expired_token'],
  ])('a refusal (%i %s) means reconnecting, and says no secret', async (status, code) => {
    const refused = {
      status,
      body: JSON.stringify({ error: code, error_description: 'refresh-one is spent' }),
    };
    const server = tokenServer([refused]);
    const session = new OAuthSession(OAUTH, { fetch: server.fetch, timeoutMs: 5_000 });
    const error = await session.refresh('access-one').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(B24Error);
    expect(error).toMatchObject({
      kind: 'auth-invalid',
      code,
      method: 'oauth.token',
      httpStatus: status,
    });
    expect((error as B24Error).message).toMatch(/^Could not refresh the OAuth token/);
    expect((error as B24Error).message).not.toContain('refresh-one');
    expect(session.accessToken).toBe('access-one');
  });

  it('a server error stays a server error (worth retrying), and a later refresh asks again', async () => {
    const server = tokenServer([
      { status: 502, body: '<html>Bad gateway</html>' },
      tokens('a2', 'r2'),
    ]);
    const session = new OAuthSession(OAUTH, { fetch: server.fetch, timeoutMs: 5_000 });
    await expect(session.refresh('access-one')).rejects.toMatchObject({ kind: 'server-error' });
    await session.refresh('access-one');
    expect(session.accessToken).toBe('a2');
  });

  it('an answer that is not tokens is a malformed response', async () => {
    for (const body of ['not json', JSON.stringify({ access_token: 'only half' })]) {
      const session = new OAuthSession(OAUTH, {
        fetch: tokenServer([{ body }]).fetch,
        timeoutMs: 5_000,
      });
      await expect(session.refresh('access-one')).rejects.toMatchObject({
        kind: 'malformed-response',
      });
      expect(session.accessToken).toBe('access-one');
    }
  });

  it('a network failure is a network error without the secrets in it', async () => {
    const server = tokenServer([new TypeError('fetch failed for client-secret-xyz')]);
    const session = new OAuthSession(OAUTH, { fetch: server.fetch, timeoutMs: 5_000 });
    const error = await session.refresh('access-one').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'network' });
    expect((error as Error).message).not.toContain('client-secret-xyz');
  });

  it('accounts every token request, failed or not, on its own clock', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 9, 0));
    const start = clock.now();
    const server = tokenServer([tokens('a2', 'r2'), new TypeError('fetch failed')], clock, 250);
    const events: unknown[] = [];
    const session = new OAuthSession(OAUTH, {
      fetch: server.fetch,
      timeoutMs: 5_000,
      now: () => clock.now(),
      onRefreshRequest: (event) => events.push(event),
    });
    await session.refresh('access-one');
    await session.refresh('a2').catch(() => undefined);
    const body = tokens('a2', 'r2').body;
    expect(events).toEqual([
      { status: 200, bytesReceived: body.length, durationMs: 250, startedAt: start },
      { status: null, bytesReceived: 0, durationMs: 250, startedAt: start + 250 },
    ]);
  });
});
