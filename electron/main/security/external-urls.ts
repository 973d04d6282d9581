import type { Shell } from 'electron';
import type { ExternalOpener } from '../../core/ports.js';

/**
 * The only URLs the app hands to the operating system: https pages on the connected portal
 * (a chat: https://PORTAL/online/?IM_DIALOG=<id>). Compared by parsed origin, so userinfo
 * tricks (https://portal@evil), other ports, other schemes and IDN lookalikes (which parse to
 * a different punycode host) are refused.
 */
export function isAllowedExternalUrl(candidate: string, portalOrigin: string | null): boolean {
  if (!portalOrigin) return false;
  let url: URL;
  let portal: URL;
  try {
    url = new URL(candidate);
    portal = new URL(portalOrigin);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || portal.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  // Raw string guards for what URL parsing silently repairs (backslashes, control characters).
  if (
    /[\\\s]/.test(candidate) ||
    [...candidate].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
  ) {
    return false;
  }
  return url.origin === portal.origin;
}

export function createExternalOpener(
  shell: Pick<Shell, 'openExternal'>,
  portalOrigin: () => string | null,
  log: (line: string) => void = () => {},
): ExternalOpener {
  return {
    async open(url) {
      if (!isAllowedExternalUrl(url, portalOrigin())) {
        log('external: refused a URL outside the connected portal');
        return false;
      }
      try {
        await shell.openExternal(url);
        return true;
      } catch {
        log('external: the system could not open the URL');
        return false;
      }
    },
  };
}
