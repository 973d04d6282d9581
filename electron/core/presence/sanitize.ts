/**
 * Checks for the two display fields that end up in the panel's markup: avatar URLs and colours.
 * Portal data is untrusted. An avatar must be an absolute https URL (or http(s) on loopback, for
 * the demo portal); anything else (relative paths, javascript:, data:, credentials in the URL,
 * odd hosts) becomes null so the panel falls back to initials. Hand-written rather than
 * `new URL()` because it runs for every person on every poll and must stay cheap; the checks are
 * deliberately stricter than the URL standard.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);
const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;
const COLOR = /^#[0-9a-f]{6}$/i;

function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || IPV4_LOOPBACK.test(host);
}

/** Characters allowed after the authority: printable, no whitespace, no quotes/angle brackets/backslash. */
function hasSafeTail(url: string, from: number): boolean {
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c === 0x22 /* " */ || c === 0x27 /* ' */ || c === 0x3c /* < */ || c === 0x3e /* > */) return false;
    if (c === 0x5c /* \ */ || c === 0x60 /* ` */) return false;
  }
  return true;
}

export function safeAvatarUrl(value: string | undefined): string | null {
  if (!value) return null;
  let rest: string;
  let secure: boolean;
  if (value.startsWith('https://')) {
    rest = value.slice(8);
    secure = true;
  } else if (value.startsWith('http://')) {
    rest = value.slice(7);
    secure = false;
  } else {
    return null;
  }
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 0x2f /* / */ || c === 0x3f /* ? */ || c === 0x23 /* # */) {
      end = i;
      break;
    }
  }
  const authority = rest.slice(0, end);
  // A port is optional; an IPv6 literal is only accepted as the loopback [::1].
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
  const host = portMatch?.[1] ?? '';
  const port = portMatch?.[2];
  if (port !== undefined && Number(port) > 65_535) return null;
  const loopback = isLoopbackHost(host);
  if (!loopback && !HOST_NAME.test(host)) return null;
  if (!secure && !loopback) return null;
  return hasSafeTail(rest, end) ? value : null;
}

export function safeColor(value: string | undefined): string | null {
  return value !== undefined && COLOR.test(value) ? value.toLowerCase() : null;
}
