import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TTL_MS, Credentials } from '../../../../electron/demo/auth.js';
import { ManualClock } from '../../../../electron/core/clock.js';

const OWNER = 1;
const ORIGIN = 'http://127.0.0.1:41234';
const START = new ManualClock().now();

function refreshParams(credentials: Credentials, fields: Record<string, string> = {}) {
  return {
    grant_type: 'refresh_token',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken,
    ...fields,
  };
}

describe('Credentials, secrets', () => {
  it('are random per run, and shaped as Bitrix24 shapes them', () => {
    const a = new Credentials(OWNER, START);
    const b = new Credentials(OWNER, START);
    expect(a.webhookCode).toMatch(/^[a-z0-9]{16}$/);
    expect(a.clientId).toMatch(/^local\.[0-9a-f]{14}$/);
    expect(a.clientSecret).toMatch(/^[0-9a-f]{48}$/);
    expect(a.accessToken).toMatch(/^[0-9a-f]{70}$/);
    for (const key of [
      'webhookCode',
      'clientId',
      'clientSecret',
      'accessToken',
      'refreshToken',
    ] as const)
      expect(a[key]).not.toBe(b[key]);
  });
});

describe('Credentials.checkWebhook', () => {
  it("accepts the owner's webhook code only", () => {
    const credentials = new Credentials(OWNER, START);
    expect(credentials.checkWebhook('1', credentials.webhookCode)).toBeNull();
    const refused = {
      status: 403,
      error: 'INVALID_CREDENTIALS',
      description: 'Invalid request credentials',
    };
    expect(credentials.checkWebhook('2', credentials.webhookCode)).toEqual(refused);
    expect(credentials.checkWebhook('1', `${credentials.webhookCode}x`)).toEqual(refused);
    expect(credentials.checkWebhook('1', '')).toEqual(refused);
  });

  it('a revoked webhook is refused until restored', () => {
    const credentials = new Credentials(OWNER, START);
    credentials.revokeWebhook();
    expect(credentials.checkWebhook('1', credentials.webhookCode)?.status).toBe(403);
    credentials.restoreWebhook();
    expect(credentials.checkWebhook('1', credentials.webhookCode)).toBeNull();
  });
});

describe('Credentials.checkAccessToken', () => {
  it('accepts the current token for an hour of portal time', () => {
    const credentials = new Credentials(OWNER, START);
    const token = credentials.accessToken;
    expect(credentials.checkAccessToken(token, START)).toBeNull();
    expect(credentials.checkAccessToken(token, START + ACCESS_TOKEN_TTL_MS - 1)).toBeNull();
    expect(credentials.checkAccessToken(token, START + ACCESS_TOKEN_TTL_MS)).toEqual({
      status: 401,
      error: 'expired_token',
      description: 'The access token provided has expired.',
    });
  });

  it('tells a missing token from an unknown one', () => {
    const credentials = new Credentials(OWNER, START);
    expect(credentials.checkAccessToken(null, START)?.error).toBe('NO_AUTH_FOUND');
    expect(credentials.checkAccessToken('', START)?.error).toBe('NO_AUTH_FOUND');
    expect(credentials.checkAccessToken('deadbeef', START)?.error).toBe('invalid_token');
  });

  it('expiring the tokens makes every one answer expired_token at once', () => {
    const credentials = new Credentials(OWNER, START);
    credentials.expireAccessTokens(START + 60_000);
    expect(credentials.checkAccessToken(credentials.accessToken, START + 60_000)?.error).toBe(
      'expired_token',
    );
    expect(credentials.checkAccessToken(credentials.accessToken, START + 59_999)).toBeNull();
  });
});

describe('Credentials.refresh', () => {
  it('issues a new pair and says what the token server says', () => {
    const credentials = new Credentials(OWNER, START, () => ['im', 'user', 'calendar']);
    const old = { access: credentials.accessToken, refresh: credentials.refreshToken };
    const now = START + 30 * 60_000;
    const answer = credentials.refresh(refreshParams(credentials), now, ORIGIN);
    expect(answer.ok).toBe(true);
    expect(credentials.accessToken).not.toBe(old.access);
    expect(credentials.refreshToken).not.toBe(old.refresh);
    expect(answer.ok && answer.body).toEqual({
      access_token: credentials.accessToken,
      expires: Math.floor((now + ACCESS_TOKEN_TTL_MS) / 1000),
      expires_in: 3600,
      scope: 'im,user,calendar,basic',
      domain: '127.0.0.1:41234',
      server_endpoint: `${ORIGIN}/oauth/rest/`,
      status: 'L',
      client_endpoint: `${ORIGIN}/rest/`,
      member_id: credentials.memberId,
      user_id: OWNER,
      refresh_token: credentials.refreshToken,
    });
  });

  it('spends the refresh token; the old access token lives out its hour', () => {
    const credentials = new Credentials(OWNER, START);
    const spent = refreshParams(credentials);
    const oldAccess = credentials.accessToken;
    expect(credentials.refresh(spent, START, ORIGIN).ok).toBe(true);
    expect(credentials.refresh(spent, START, ORIGIN)).toMatchObject({
      ok: false,
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(credentials.checkAccessToken(oldAccess, START + 1)).toBeNull();
    expect(credentials.checkAccessToken(oldAccess, START + ACCESS_TOKEN_TTL_MS)?.error).toBe(
      'expired_token',
    );
  });

  it('forgets tokens long dead: they read as unknown, not as expired', () => {
    const credentials = new Credentials(OWNER, START);
    const first = credentials.accessToken;
    const later = START + 2 * ACCESS_TOKEN_TTL_MS + 1;
    credentials.refresh(refreshParams(credentials), later, ORIGIN);
    expect(credentials.checkAccessToken(first, later)?.error).toBe('invalid_token');
  });

  it('refuses other grants and wrong client keys', () => {
    const credentials = new Credentials(OWNER, START);
    expect(
      credentials.refresh(
        refreshParams(credentials, { grant_type: 'authorization_code' }),
        START,
        ORIGIN,
      ),
    ).toMatchObject({ ok: false, status: 400, body: { error: 'unsupported_grant_type' } });
    expect(
      credentials.refresh(refreshParams(credentials, { client_secret: 'guess' }), START, ORIGIN),
    ).toMatchObject({ ok: false, status: 401, body: { error: 'invalid_client' } });
    expect(
      credentials.refresh(refreshParams(credentials, { client_id: 'local.other' }), START, ORIGIN),
    ).toMatchObject({ ok: false, status: 401, body: { error: 'invalid_client' } });
    expect(credentials.refresh({ grant_type: 'refresh_token' }, START, ORIGIN)).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
