import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, type WebhookProblem } from '../../../../electron/shared/webhook-url.js';
import { parseWebhookUrl } from '../../../../electron/core/bitrix/webhook-url.js';
import { en } from '../../../../renderer/src/i18n/en.js';
import { ru } from '../../../../renderer/src/i18n/ru.js';

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

describe('webhook URL rules (shared by the panel and the host)', () => {
  it.each(cases)('refuses %j (%s)', (input, problem) => {
    expect(checkWebhookUrl(input)).toEqual({ ok: false, problem });
  });

  it('accepts https, loopback http, a method suffix and no trailing slash', () => {
    expect(checkWebhookUrl(' https://a.bitrix24.com/rest/7/abc123/ ')).toEqual({
      ok: true,
      portalHost: 'a.bitrix24.com',
      portalOrigin: 'https://a.bitrix24.com',
      userId: 7,
      endpoint: 'https://a.bitrix24.com/rest/7/abc123/',
    });
    expect(checkWebhookUrl('http://127.0.0.1:8080/rest/1/abc')).toMatchObject({
      ok: true,
      portalHost: '127.0.0.1:8080',
      userId: 1,
    });
    expect(checkWebhookUrl('http://localhost/rest/1/abc/profile.json').ok).toBe(true);
  });

  it('gives every problem a message in the host and a translation in the panel, none repeating the URL', () => {
    for (const [input, problem] of cases) {
      const parsed = parseWebhookUrl(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok && input !== '') expect(parsed.error).not.toContain(input.trim());
      const key = `webhook.${problem as WebhookProblem}`;
      expect(en[key as keyof typeof en], key).toBeTruthy();
      expect(ru[key as keyof typeof ru], key).toBeTruthy();
    }
  });
});
