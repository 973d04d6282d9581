import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../../renderer/src/lib/webhook-form.js';
import { parseWebhookUrl } from '../../../electron/core/bitrix/webhook-url.js';

const cases: Array<[string, string]> = [
  ['', 'empty'],
  ['https://a.bitrix24.com/rest/1/ab c/', 'spaces'],
  ['ftp://a.bitrix24.com/rest/1/abc/', 'scheme'],
  ['a.bitrix24.com/rest/1/abc/', 'whole'],
  ['http://a.bitrix24.com/rest/1/abc/', 'http'],
  ['https://u:p@a.bitrix24.com/rest/1/abc/', 'credentials'],
  ['https://a.bitrix24.com/rest/1/abc/?x=1', 'query'],
  ['https://a.bitrix24.com/rest/abc/', 'path'],
  ['https://a.bitrix24.com/rest/0/abc/', 'user-id'],
];

describe('webhook URL form check', () => {
  it.each(cases)('refuses %j (%s)', (input, problem) => {
    expect(checkWebhookUrl(input)).toEqual({ ok: false, problem });
  });

  it('accepts https, loopback http, a method suffix and no trailing slash', () => {
    expect(checkWebhookUrl(' https://a.bitrix24.com/rest/7/abc123/ ')).toEqual({ ok: true, portalHost: 'a.bitrix24.com', userId: 7 });
    expect(checkWebhookUrl('http://127.0.0.1:8080/rest/1/abc')).toEqual({ ok: true, portalHost: '127.0.0.1:8080', userId: 1 });
    expect(checkWebhookUrl('http://localhost/rest/1/abc/profile.json').ok).toBe(true);
  });

  it('agrees with the host parser on every case', () => {
    const inputs = [...cases.map(([input]) => input), 'https://a.bitrix24.com/rest/7/abc123/', 'http://127.0.0.1:8080/rest/1/abc', 'http://[::1]/rest/1/x/im.user.get'];
    for (const input of inputs) expect(checkWebhookUrl(input).ok, input).toBe(parseWebhookUrl(input).ok);
  });
});
