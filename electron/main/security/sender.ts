import type { WebContents, WebFrameMain } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'panel';
export const PANEL_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * IPC is accepted only from the panel window's top frame showing our own app:// page. A
 * subframe, another window, or the panel after it somehow navigated elsewhere is refused.
 */
export function isTrustedSender(
  sender: Pick<WebContents, 'id'>,
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null,
  panel: Pick<WebContents, 'id'> | null,
): boolean {
  if (!panel || !frame || sender.id !== panel.id) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

export function isAppUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === `${APP_SCHEME}:` &&
      url.host === APP_HOST &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}
