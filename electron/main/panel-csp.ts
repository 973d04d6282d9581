import type { AppService } from '../core/ports.js';
import { buildCsp } from '../shared/csp.js';
import type { PanelWindow } from './window.js';

export interface PanelCsp {
  /** The CSP for the page being served now: its img-src names the portal the panel was loaded for. */
  csp(): string;
  /** Reloads the panel when the connected portal changed since it loaded. */
  sync(): void;
}

/**
 * A page's CSP is fixed when it loads, and its img-src names the connected portal (avatars).
 * So the panel is reloaded whenever the service connects to another portal, or to none.
 */
export function setupPanelCsp(
  service: Pick<AppService, 'on' | 'portalOrigin'>,
  panel: Pick<PanelWindow, 'reload'>,
): PanelCsp {
  let origin: string | null = null;
  const sync = (): void => {
    const now = service.portalOrigin();
    if (now === origin) return;
    origin = now;
    panel.reload();
  };
  service.on('connection', sync);
  return { csp: () => buildCsp(origin), sync };
}
