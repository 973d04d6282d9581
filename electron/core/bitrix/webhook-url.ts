/**
 * Parses the inbound-webhook URL a user pastes (`https://PORTAL/rest/<user id>/<code>/`).
 * The URL is a credential: error messages describe what is wrong without ever repeating it.
 */
export interface WebhookCredential {
  readonly kind: 'webhook';
  /** `https://PORTAL/rest/<user id>/<code>/`: method names are appended to it. Secret. */
  readonly endpoint: string;
  readonly portalOrigin: string;
  /** Host with port when not the default one, e.g. `team.bitrix24.com`. */
  readonly portalHost: string;
  /** The webhook's creator: the calls act with this user's permissions. */
  readonly userId: number;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** `/rest/<id>/<code>` with an optional method (`profile`, `im.user.get.json`) and trailing slash. */
const WEBHOOK_PATH = /^\/rest\/(\d{1,10})\/([A-Za-z0-9_-]{1,128})(?:\/(?:[A-Za-z][A-Za-z0-9_.]*)?)?$/;

/** True for hosts that never leave this machine, where plain http cannot be sniffed. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // WHATWG URL has already normalised IPv4 forms such as `127.1` or `0x7f.1` to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Checks that a URL may carry credentials: https, or http to loopback only; no user:pass@.
 * Returns an error message or null. Shared with the OAuth endpoint checks.
 */
export function transportProblem(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The address must start with https://.';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'The address must use https:// (plain http is only allowed for this computer).';
  }
  if (url.username !== '' || url.password !== '') return 'The address must not contain a user name or password.';
  return null;
}

export function parseWebhookUrl(input: string): ParseResult<WebhookCredential> {
  const text = input.trim();
  if (text === '') return fail('Paste the webhook address from Bitrix24 (Developer resources → Inbound webhook).');
  // WHATWG URL silently drops tabs and newlines inside a URL; a pasted secret should not be "repaired".
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return fail('The address must not contain spaces or line breaks.');
  if (!/^https?:\/\//i.test(text)) {
    return fail(/^[a-z][a-z0-9+.-]*:/i.test(text) ? 'The address must start with https://.' : 'Paste the whole address, starting with https://.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('This is not a valid web address.');
  }
  const transport = transportProblem(url);
  if (transport !== null) return fail(transport);
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    return fail('The address must end after the webhook code (no "?" or "#" parts).');
  }
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) return fail('The address must look like https://your-portal.bitrix24.com/rest/1/abc123xyz/.');
  const userId = Number(match[1]);
  if (!Number.isSafeInteger(userId) || userId <= 0) return fail('The user id in the address must be a positive number.');
  const code = match[2] as string;
  return {
    ok: true,
    value: {
      kind: 'webhook',
      endpoint: `${url.origin}/rest/${userId}/${code}/`,
      portalOrigin: url.origin,
      portalHost: url.host,
      userId,
    },
  };
}

function fail(error: string): ParseResult<never> {
  return { ok: false, error };
}
