import { checkWebhookUrl, type WebhookProblem } from '../shared/webhook-url.js';

/**
 * What is wrong with a webhook URL, said for a terminal: the panel's words ("Paste the whole
 * address") are for a text field. Never repeats the URL, a secret.
 */
const CLI_PROBLEMS: Readonly<Record<WebhookProblem, string>> = {
  empty:
    'no webhook URL: give one with --webhook URL or B24_WEBHOOK_URL (Bitrix24: Developer resources → Inbound webhook)',
  spaces: 'the webhook URL contains spaces or line breaks (quote it, or check the copy)',
  scheme: 'the webhook URL must start with https://',
  whole: 'the webhook URL is incomplete: give all of it, from https:// to the code and its final /',
  invalid: 'the webhook URL is not a valid URL',
  http: 'the webhook URL must use https:// (plain http only for this computer)',
  credentials: 'the webhook URL must not contain a user name or password',
  query: 'the webhook URL must end after the code (no "?" or "#" parts)',
  path: 'the webhook URL must look like https://your-portal.bitrix24.com/rest/1/abc123xyz/',
  'user-id': 'the user id in the webhook URL must be a positive number',
};

/** The terminal's one-line refusal of a webhook URL, or null when it is usable. */
export function webhookProblemText(url: string): string | null {
  const check = checkWebhookUrl(url);
  return check.ok ? null : CLI_PROBLEMS[check.problem];
}
