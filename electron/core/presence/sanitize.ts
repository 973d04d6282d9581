/**
 * Checks for the two display fields that end up in the panel's markup: avatar URLs and colours.
 * Portal data is untrusted. An avatar must be an absolute https URL (or http(s) on loopback, for
 * the demo portal); anything else (relative paths, javascript:, data:, credentials in the URL,
 * IPv6 or odd hosts, whitespace, quotes) becomes null so the panel falls back to initials.
 * One anchored regex per case rather than `new URL()`: it runs for every person on every poll,
 * and is deliberately stricter than the URL standard.
 */

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const PORT = '(?::(\\d{1,5}))?';
/** Path, query, fragment: printable, no whitespace, quotes, angle brackets, backslash, backtick. */
const TAIL = '(?:[/?#][^\\s"\'<>\\\\`\\u0000-\\u001f\\u007f-\\u009f]*)?';
const HTTPS_URL = new RegExp(`^https://${LABEL}(?:\\.${LABEL})*${PORT}${TAIL}$`);
const LOOPBACK_URL = new RegExp(
  `^https?://(?:localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])${PORT}${TAIL}$`,
);
const COLOR = /^#[0-9a-f]{6}$/i;

export function safeAvatarUrl(value: string | undefined): string | null {
  if (!value) return null;
  const match = HTTPS_URL.exec(value) ?? LOOPBACK_URL.exec(value);
  if (match === null) return null;
  const port = match[1];
  return port === undefined || Number(port) <= 65_535 ? value : null;
}

export function safeColor(value: string | undefined): string | null {
  return value !== undefined && COLOR.test(value) ? value.toLowerCase() : null;
}
