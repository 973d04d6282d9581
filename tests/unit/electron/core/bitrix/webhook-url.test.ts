import { describe, expect, it } from 'vitest';
import { parseWebhookUrl } from '../../../../../electron/core/bitrix/webhook-url.js';

const CODE = 'k3x9q2w7e5r1t8y4';

describe('parseWebhookUrl', () => {
  it('accepts a webhook URL and splits it into endpoint, origin, host and user', () => {
    expect(parseWebhookUrl(`https://team.bitrix24.com/rest/17/${CODE}/`)).toEqual({
      ok: true,
      value: {
        kind: 'webhook',
        endpoint: `https://team.bitrix24.com/rest/17/${CODE}/`,
        portalOrigin: 'https://team.bitrix24.com',
        portalHost: 'team.bitrix24.com',
        userId: 17,
      },
    });
  });

  it.each([
    [`  https://team.bitrix24.com/rest/1/${CODE}/ \n`, 'surrounding whitespace'],
    [`https://team.bitrix24.com/rest/1/${CODE}`, 'no trailing slash'],
    [`https://team.bitrix24.com/rest/1/${CODE}/profile.json`, 'a method with .json'],
    [`https://team.bitrix24.com/rest/1/${CODE}/im.user.get`, 'a method without .json'],
    [`https://TEAM.Bitrix24.com/rest/1/${CODE}/`, 'upper-case host'],
    [`HTTPS://team.bitrix24.com/rest/1/${CODE}/`, 'upper-case scheme'],
  ])('normalises %j (%s)', (input) => {
    const parsed = parseWebhookUrl(input);
    expect(parsed).toMatchObject({
      ok: true,
      value: { endpoint: `https://team.bitrix24.com/rest/1/${CODE}/`, userId: 1 },
    });
  });

  it('keeps a non-default port in host and endpoint', () => {
    const parsed = parseWebhookUrl(`https://crm.example.org:8443/rest/5/${CODE}/`);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        portalHost: 'crm.example.org:8443',
        endpoint: `https://crm.example.org:8443/rest/5/${CODE}/`,
      },
    });
  });

  it.each([
    `http://127.0.0.1:4567/rest/1/${CODE}/`,
    `http://127.10.0.3/rest/1/${CODE}/`,
    `http://localhost:8080/rest/1/${CODE}/`,
    `http://[::1]:9000/rest/1/${CODE}/`,
  ])('allows plain http for loopback: %s', (input) => {
    expect(parseWebhookUrl(input).ok).toBe(true);
  });

  it.each([
    ['', /Paste the webhook address/],
    ['   ', /Paste the webhook address/],
    [`team.bitrix24.com/rest/1/${CODE}/`, /starting with https/],
    [`http://team.bitrix24.com/rest/1/${CODE}/`, /must use https/],
    [`http://192.168.1.10/rest/1/${CODE}/`, /must use https/],
    [`http://localhost.evil.com/rest/1/${CODE}/`, /must use https/],
    [`http://127.0.0.1.nip.io/rest/1/${CODE}/`, /must use https/],
    [`ftp://team.bitrix24.com/rest/1/${CODE}/`, /must start with https/],
    [`javascript:alert(1)//rest/1/${CODE}/`, /must start with https/],
    [`file:///rest/1/${CODE}/`, /must start with https/],
    [`data:text/plain,/rest/1/${CODE}/`, /must start with https/],
    [`https://user:pass@team.bitrix24.com/rest/1/${CODE}/`, /user name or password/],
    [`https://evil.com@team.bitrix24.com/rest/1/${CODE}/`, /user name or password/],
    [`https://team.bitrix24.com/rest/1/${CODE}/?auth=1`, /no "\?" or "#"/],
    [`https://team.bitrix24.com/rest/1/${CODE}/?`, /no "\?" or "#"/],
    [`https://team.bitrix24.com/rest/1/${CODE}/#x`, /no "\?" or "#"/],
    [`https://team.bitrix24.com/rest/${CODE}/`, /must look like/],
    [`https://team.bitrix24.com/rest/0/${CODE}/`, /positive number/],
    [`https://team.bitrix24.com/rest/-1/${CODE}/`, /must look like/],
    [`https://team.bitrix24.com/api/1/${CODE}/`, /must look like/],
    [`https://team.bitrix24.com/rest/1/${CODE}/a/b/`, /must look like/],
    [`https://team.bitrix24.com/rest/1/`, /must look like/],
    [`https://team.bitrix24.com/rest/1/${CODE}%2F..%2F/`, /must look like/],
    [
      `https://team.bitrix24.com/rest/1/${CODE.slice(0, 6)}\n${CODE.slice(6)}/`,
      /spaces or line breaks/,
    ],
    [
      `https://team.bitrix24.com/rest/1/${CODE.slice(0, 6)}\t${CODE.slice(6)}/`,
      /spaces or line breaks/,
    ],
    [`https://team bitrix24.com/rest/1/${CODE}/`, /spaces or line breaks/],
    [`https://[::1/rest/1/${CODE}/`, /not a valid web address/],
  ])('rejects %j with a clear message that never repeats the code', (input, message) => {
    const parsed = parseWebhookUrl(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(message);
    expect(parsed.error).not.toContain(CODE.slice(0, 6));
    expect(parsed.error).not.toContain('\n');
  });

  it('never echoes any part of the input in an error', () => {
    const hostile = [
      `http://secret-host.example/rest/1/${CODE}/`,
      `https://x/rest/1/${CODE}/?q=${CODE}`,
      `gopher://${CODE}`,
    ];
    for (const input of hostile) {
      const parsed = parseWebhookUrl(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).not.toMatch(new RegExp(`${CODE}|secret-host`));
    }
  });
});
