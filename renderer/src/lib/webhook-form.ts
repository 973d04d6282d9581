/**
 * As-you-type check of the webhook URL in the connect form. Mirrors the host's rules
 * (electron/core/bitrix/webhook-url.ts, which the panel may not import) but answers with a
 * message key, so the hint is translated; the host validates again before using it.
 */
export type WebhookProblem =
  | 'empty'
  | 'spaces'
  | 'scheme'
  | 'whole'
  | 'invalid'
  | 'http'
  | 'credentials'
  | 'query'
  | 'path'
  | 'user-id';

export type WebhookCheck =
  | { readonly ok: true; readonly portalHost: string; readonly userId: number }
  | { readonly ok: false; readonly problem: WebhookProblem };

/** `/rest/<id>/<code>` with an optional method name and trailing slash, as the host accepts. */
const WEBHOOK_PATH = /^\/rest\/(\d{1,10})\/([A-Za-z0-9_-]{1,128})(?:\/(?:[A-Za-z][A-Za-z0-9_.]*)?)?$/;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkWebhookUrl(input: string): WebhookCheck {
  const text = input.trim();
  if (text === '') return fail('empty');
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail('spaces');
  if (!/^https?:\/\//i.test(text)) return fail(/^[a-z][a-z0-9+.-]*:/i.test(text) ? 'scheme' : 'whole');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('invalid');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return fail('http');
  if (url.username !== '' || url.password !== '') return fail('credentials');
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return fail('query');
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) return fail('path');
  const userId = Number(match[1]);
  if (!Number.isSafeInteger(userId) || userId <= 0) return fail('user-id');
  return { ok: true, portalHost: url.host, userId };
}

function fail(problem: WebhookProblem): WebhookCheck {
  return { ok: false, problem };
}
