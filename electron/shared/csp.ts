/**
 * The panel's Content-Security-Policy, sent as a response header by both hosts (the app://
 * protocol in Electron, the browser-mode server). Scripts and styles only from the app
 * itself; images also from the connected portal (avatars); nothing may be fetched, framed or
 * posted anywhere, except the browser-mode bridge socket given as `connect`.
 */
export function buildCsp(
  portalOrigin: string | null,
  { connect = null }: { readonly connect?: string | null } = {},
): string {
  const imgSources = ["'self'", 'data:'];
  const origin = safeOrigin(portalOrigin);
  if (origin) imgSources.push(origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${imgSources.join(' ')}`,
    "font-src 'self'",
    `connect-src ${connect ?? "'none'"}`,
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Re-serialises an http(s) origin, so whatever the setting holds can never smuggle another
 * directive (`;`), a wildcard or a path into the policy. Anything else is dropped.
 */
export function safeOrigin(value: string | null): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.hostname.includes('*')) return null;
  return url.origin;
}
