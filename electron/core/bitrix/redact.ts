/**
 * Removes credentials from any text before it can reach a message, a log or the panel.
 * Webhook codes, OAuth tokens and client secrets are replaced by `***`.
 */
const MASK = '***';

/** `/rest/<user id>/<code>` (also percent-encoded, as it appears inside other URLs). */
const WEBHOOK_PATH = /((?:\/|%2F)rest(?:\/|%2F)\d+(?:\/|%2F))[^/?#\s"'&<>\\%]+/gi;
/** `auth=…`, `access_token=…` in query strings and form bodies. */
const QUERY_SECRET = /(\b(?:auth|access_token|refresh_token|client_secret)=)[^&\s"'<>#]+/gi;
/** `"access_token": "…"` in JSON text. */
const JSON_SECRET =
  /("(?:auth|access_token|refresh_token|client_secret)"\s*:\s*")(?:[^"\\]|\\.)*"/gi;

export function redactSecrets(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret === '') continue;
    out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(MASK);
  }
  return out
    .replace(WEBHOOK_PATH, `$1${MASK}`)
    .replace(QUERY_SECRET, `$1${MASK}`)
    .replace(JSON_SECRET, `$1${MASK}"`);
}
