import { parseWebhookUrl, type WebhookCredential } from '../../electron/core/bitrix/webhook-url.js';

/** A well-formed webhook for tests that talk to a fake portal (never a real one). */
export const TEST_CREDENTIAL: WebhookCredential = (() => {
  const parsed = parseWebhookUrl('https://team.bitrix24.com/rest/1/abcdef123456/');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
