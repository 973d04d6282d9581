import { describe, expect, it } from 'vitest';
import { nextRetryDelay } from '../../../../../electron/core/bitrix/backoff.js';
import {
  INVALID_ERROR_CODE,
  B24Error,
  errorFromErrorBody,
  errorFromResponse,
  errorFromTransport,
  portalMovedError,
  resetAtFromTime,
  type B24ErrorKind,
} from '../../../../../electron/core/bitrix/errors.js';

const body = (error: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error, error_description: `about ${error}`, ...extra });

describe('errorFromResponse: the API notes error table', () => {
  it.each<[string, number, B24ErrorKind]>([
    ['QUERY_LIMIT_EXCEEDED', 503, 'rate-limited'],
    ['OVERLOAD_LIMIT', 503, 'overloaded'],
    ['OPERATION_TIME_LIMIT', 429, 'operation-time-limited'],
    ['expired_token', 401, 'auth-expired'],
    ['invalid_token', 401, 'auth-invalid'],
    ['NO_AUTH_FOUND', 401, 'auth-invalid'],
    ['INVALID_CREDENTIALS', 403, 'auth-invalid'],
    ['user_access_error', 403, 'access-denied'],
    ['insufficient_scope', 403, 'scope-missing'],
    ['ACCESS_DENIED', 403, 'access-denied'],
    ['ACCESS_ERROR', 403, 'access-denied'],
    ['ERROR_METHOD_NOT_FOUND', 400, 'method-missing'],
    ['ERROR_METHOD_NOT_FOUND', 404, 'method-missing'],
    ['INVALID_FORMAT', 400, 'bad-request'],
    ['ID_EMPTY', 400, 'bad-request'],
    ['INTERNAL_SERVER_ERROR', 500, 'server-error'],
    ['ERROR_BATCH_LENGTH_EXCEEDED', 400, 'bad-request'],
  ])('%s (HTTP %i) → %s', (code, status, kind) => {
    const error = errorFromResponse(status, body(code), 'im.department.colleagues.list');
    expect(error).toBeInstanceOf(B24Error);
    expect(error).toMatchObject({
      kind,
      code,
      httpStatus: status,
      method: 'im.department.colleagues.list',
    });
    expect(error.message).toBe(`im.department.colleagues.list: ${code} (about ${code})`);
  });

  it.each<[number, B24ErrorKind]>([
    [401, 'auth-invalid'],
    [403, 'access-denied'],
    [404, 'bad-request'],
    [429, 'rate-limited'],
    [500, 'server-error'],
    [502, 'server-error'],
    [503, 'overloaded'],
    [200, 'bad-request'],
  ])('an unknown code with HTTP %i → %s', (status, kind) => {
    expect(errorFromResponse(status, body('SOMETHING_NEW'), 'profile')).toMatchObject({
      kind,
      code: 'SOMETHING_NEW',
    });
  });

  it('takes the reset time of OPERATION_TIME_LIMIT from time.operating_reset_at (Unix s → ms)', () => {
    const error = errorFromResponse(
      429,
      body('OPERATION_TIME_LIMIT', { time: { operating: 482.1, operating_reset_at: 1795000000 } }),
      'im.user.list.get',
    );
    expect(error.resetAt).toBe(1_795_000_000_000);
    expect(nextRetryDelay(error, 1, 1_795_000_000_000 - 60_000)).toBe(60_000);
    expect(errorFromResponse(429, body('OPERATION_TIME_LIMIT'), 'x').resetAt).toBeNull();
  });

  it.each([
    [
      'an HTML error page',
      502,
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      'server-error',
      'HTTP_502',
      /not JSON/,
    ],
    [
      'an HTML page with 200',
      200,
      '<!DOCTYPE html><html>Login</html>',
      'malformed-response',
      'NOT_JSON',
      /not JSON/,
    ],
    ['an empty body', 200, '', 'malformed-response', 'EMPTY_BODY', /empty answer/],
    ['an empty 500', 500, '  ', 'server-error', 'HTTP_500', /empty answer/],
    [
      'JSON of the wrong shape',
      200,
      '[1,2,3]',
      'malformed-response',
      'WRONG_SHAPE',
      /unexpected shape/,
    ],
    ['a truncated JSON body', 200, '{"result": [', 'malformed-response', 'NOT_JSON', /not JSON/],
    [
      'an HTML 403 from a proxy',
      403,
      '<html>Forbidden</html>',
      'access-denied',
      'HTTP_403',
      /HTTP 403/,
    ],
  ] as const)('maps %s', (_label, status, text, kind, code, message) => {
    const error = errorFromResponse(status, text, 'profile');
    expect(error).toMatchObject({ kind, code, httpStatus: status });
    expect(error.message).toMatch(message);
  });

  it('redacts secrets from codes and descriptions and keeps messages short', () => {
    const error = errorFromResponse(
      401,
      JSON.stringify({
        error: 'invalid_token',
        error_description: `token tok-SECRET-1 for https://p.com/rest/1/webhookcode42/ ${'x'.repeat(1000)}`,
      }),
      'profile',
      ['tok-SECRET-1'],
    );
    expect(error.message).not.toContain('tok-SECRET-1');
    expect(error.message).not.toContain('webhookcode42');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('hostile error codes and descriptions', () => {
  it.each([
    ['an escape sequence', 'QUERY\u001B]0;owned\u0007_LIMIT'],
    ['a space', 'ACCESS DENIED'],
    ['markup', '<b>x</b>'],
    ['a code over 100 characters', 'A'.repeat(101)],
    ['a bidi override', 'OK\u202E'],
  ])('replaces a code with %s by INVALID_ERROR_CODE', (_label, code) => {
    const error = errorFromResponse(
      400,
      JSON.stringify({ error: code, error_description: 'x' }),
      'profile',
    );
    expect(error.code).toBe(INVALID_ERROR_CODE);
    expect(error.message).toBe(`profile: ${INVALID_ERROR_CODE} (x)`);
  });

  it('keeps a plain identifier of up to 100 characters, and its kind', () => {
    expect(
      errorFromResponse(503, JSON.stringify({ error: 'QUERY_LIMIT_EXCEEDED' }), 'profile'),
    ).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', kind: 'rate-limited' });
    expect(
      errorFromResponse(400, JSON.stringify({ error: 'a_9'.repeat(33) + 'Z' }), 'profile').code,
    ).toBe('a_9'.repeat(33) + 'Z');
  });

  it('cleans the description of escape sequences, bells and bidi overrides', () => {
    const error = errorFromResponse(
      400,
      JSON.stringify({
        error: 'INVALID_FORMAT',
        error_description: 'bad\u001B[2J\u0007\nline\u202Etwo\u009B',
      }),
      'profile',
    );
    expect(error.message).toBe('profile: INVALID_FORMAT (bad[2J linetwo)');
  });
});

describe('errorFromErrorBody (batch commands)', () => {
  it('maps a command error without HTTP status and reads its result_time', () => {
    const error = errorFromErrorBody(
      { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked' },
      { method: 'im.user.list.get', time: { operating_reset_at: 1795000100 } },
    );
    expect(error).toMatchObject({
      kind: 'operation-time-limited',
      httpStatus: null,
      resetAt: 1_795_000_100_000,
    });
  });

  it('an unknown command error is a bad request (never retried blindly)', () => {
    expect(errorFromErrorBody({ error: 'WHATEVER' }).kind).toBe('bad-request');
  });
});

describe('resetAtFromTime', () => {
  it.each([
    [undefined],
    [null],
    ['x'],
    [{}],
    [{ operating_reset_at: 'soon' }],
    [{ operating_reset_at: -1 }],
  ])('%j → null', (time) => {
    expect(resetAtFromTime(time)).toBeNull();
  });
});

describe('portalMovedError', () => {
  it('names only the new host, never the path that repeats the webhook code', () => {
    const error = portalMovedError(
      302,
      'https://new-name.bitrix24.com/rest/1/code123secret/profile.json',
      'https://old.bitrix24.com/rest/1/code123secret/profile.json',
      'profile',
    );
    expect(error).toMatchObject({ kind: 'portal-moved', code: 'HTTP_302', httpStatus: 302 });
    expect(error.message).toContain('new-name.bitrix24.com');
    expect(error.message).not.toContain('code123secret');
  });

  it('copes with a missing or relative Location', () => {
    expect(portalMovedError(301, null, 'https://a.com/rest/x.json', 'x').message).toMatch(
      /redirect/,
    );
    expect(portalMovedError(307, '/elsewhere', 'https://a.com/rest/x.json', 'x').message).toContain(
      'a.com',
    );
  });
});

describe('errorFromTransport', () => {
  it('reads the system error code from fetch failures', () => {
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const error = errorFromTransport(new TypeError('fetch failed', { cause }), 'profile', false);
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNRESET', httpStatus: null });
    expect(error.message).toContain('read ECONNRESET');
  });

  it('recognises timeouts', () => {
    expect(
      errorFromTransport(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
        'profile',
        false,
      ),
    ).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    expect(errorFromTransport(new Error('aborted'), 'profile', true).kind).toBe('timeout');
  });

  it('redacts URLs in transport messages', () => {
    const error = errorFromTransport(
      new TypeError('Failed to parse URL from https://p.com/rest/3/abcdefcode/x.json'),
      'x',
      false,
    );
    expect(error).toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
    expect(error.message).not.toContain('abcdefcode');
  });
});
