import { checkWebhookUrl, isLoopbackHost, type WebhookProblem } from '../../shared/webhook-url.js';

/*
 * Parses the inbound-webhook URL a user pastes (`https://PORTAL/rest/<user id>/<code>/`) with
 * the rules in electron/shared/webhook-url.ts. The URL is a credential: error messages
 * describe what is wrong without ever repeating it.
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

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export { isLoopbackHost };

/** What the host says for each problem (the panel has its own, translated). */
const PROBLEM_MESSAGES: Readonly<Record<WebhookProblem, string>> = {
  empty: 'Paste the webhook address from Bitrix24 (Developer resources → Inbound webhook).',
  spaces: 'The address must not contain spaces or line breaks.',
  scheme: 'The address must start with https://.',
  whole: 'Paste the whole address, starting with https://.',
  invalid: 'This is not a valid web address.',
  http: 'The address must use https:// (plain http is only allowed for this computer).',
  credentials: 'The address must not contain a user name or password.',
  query: 'The address must end after the webhook code (no "?" or "#" parts).',
  path: 'The address must look like https://your-portal.bitrix24.com/rest/1/abc123xyz/.',
  'user-id': 'The user id in the address must be a positive number.',
};

/**
 * Checks that a URL may carry credentials: https, or http to loopback only; no user:pass@.
 * Returns an error message or null. Shared with the OAuth endpoint checks.
 */
export function transportProblem(url: URL): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return PROBLEM_MESSAGES.scheme;
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return PROBLEM_MESSAGES.http;
  if (url.username !== '' || url.password !== '') return PROBLEM_MESSAGES.credentials;
  return null;
}

export function parseWebhookUrl(input: string): ParseResult<WebhookCredential> {
  const check = checkWebhookUrl(input);
  if (!check.ok) return { ok: false, error: PROBLEM_MESSAGES[check.problem] };
  const { endpoint, portalOrigin, portalHost, userId } = check;
  return { ok: true, value: { kind: 'webhook', endpoint, portalOrigin, portalHost, userId } };
}
