import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../../../electron/core/bitrix/redact.js';

describe('redactSecrets', () => {
  it.each([
    [
      'https://p.bitrix24.com/rest/1/abc123def456/profile.json',
      'https://p.bitrix24.com/rest/1/***/profile.json',
    ],
    ['POST /rest/17/abc123def456 failed', 'POST /rest/17/*** failed'],
    [
      'see https%3A%2F%2Fp.com%2Frest%2F1%2Fabc123def456%2F',
      'see https%3A%2F%2Fp.com%2Frest%2F1%2F***%2F',
    ],
    [
      'https://p.com/rest/im.user.get.json?auth=tok123&x=1',
      'https://p.com/rest/im.user.get.json?auth=***&x=1',
    ],
    [
      'grant_type=refresh_token&client_id=app.1&client_secret=S3CR3T&refresh_token=rrr',
      'grant_type=refresh_token&client_id=app.1&client_secret=***&refresh_token=***',
    ],
    ['access_token=aaa', 'access_token=***'],
    [
      '{"access_token":"aaa","refresh_token": "bbb","expires_in":3600}',
      '{"access_token":"***","refresh_token": "***","expires_in":3600}',
    ],
    ['{"auth":"a\\"b","x":1}', '{"auth":"***","x":1}'],
  ])('redacts %j', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves text without secrets alone', () => {
    const text =
      'im.department.colleagues.list: QUERY_LIMIT_EXCEEDED (Too many requests) at /rest/batch.json';
    expect(redactSecrets(text)).toBe(text);
  });

  it('replaces extra secrets verbatim and percent-encoded', () => {
    const secret = 'tok/en+with=chars';
    const text = `plain ${secret} and encoded ${encodeURIComponent(secret)}`;
    const out = redactSecrets(text, [secret, '']);
    expect(out).toBe('plain *** and encoded ***');
  });
});
