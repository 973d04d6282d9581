/*
 * The rules for an inbound-webhook URL (`https://PORTAL/rest/<user id>/<code>/`), in one
 * place for the panel's as-you-type check and the host's parser. It answers with a problem
 * code, never a sentence: the panel shows its translation, the host its own message, and
 * neither ever repeats the URL, which is a credential.
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
  | {
      readonly ok: true;
      /** Host with port when not the default one, e.g. `team.bitrix24.com`. */
      readonly portalHost: string;
      readonly portalOrigin: string;
      /** The webhook's creator: the calls act with this user's permissions. */
      readonly userId: number;
      /** `https://PORTAL/rest/<user id>/<code>/`: method names are appended to it. Secret. */
      readonly endpoint: string;
    }
  | { readonly ok: false; readonly problem: WebhookProblem };

/** `/rest/<id>/<code>` with an optional method name and trailing slash, as the host accepts. */
const WEBHOOK_PATH =
  /^\/rest\/(\d{1,10})\/([A-Za-z0-9_-]{1,128})(?:\/(?:[A-Za-z][A-Za-z0-9_.]*)?)?$/;

/** True for hosts that never leave this machine, where plain http cannot be sniffed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // WHATWG URL has already normalised IPv4 forms such as `127.1` or `0x7f.1` to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function checkWebhookUrl(input: string): WebhookCheck {
  const text = input.trim();
  if (text === '') return rejected('empty');
  // WHATWG URL silently drops tabs and newlines inside a URL; a pasted secret should not be "repaired".
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return rejected('spaces');
  if (!/^https?:\/\//i.test(text))
    return rejected(/^[a-z][a-z0-9+.-]*:/i.test(text) ? 'scheme' : 'whole');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return rejected('invalid');
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return rejected('http');
  if (url.username !== '' || url.password !== '') return rejected('credentials');
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#'))
    return rejected('query');
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) return rejected('path');
  const userId = Number(match[1]);
  if (!Number.isSafeInteger(userId) || userId <= 0) return rejected('user-id');
  const code = match[2] as string;
  return {
    ok: true,
    portalHost: url.host,
    portalOrigin: url.origin,
    userId,
    endpoint: `${url.origin}/rest/${userId}/${code}/`,
  };
}

function rejected(problem: WebhookProblem): WebhookCheck {
  return { ok: false, problem };
}
