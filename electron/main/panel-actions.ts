import { pushTo } from './push.js';
import type { PanelWindow } from './window.js';

/**
 * What the tray, the notifications and a second launch ask of the panel. Focusing a colleague
 * and opening the settings show the window and push to the page once it has loaded: written
 * here once.
 */
export interface PanelActions {
  show(): void;
  toggle(): void;
  /** Shows the panel on one colleague (an alert about one person), or just shows it (null). */
  focusColleague(id: number | null): void;
  openSettings(): void;
}

export function panelActions(
  panel: Pick<PanelWindow, 'show' | 'toggle' | 'afterLoad' | 'send'>,
): PanelActions {
  const sink = (wire: string, payload: unknown): void => panel.send(wire, payload);
  return {
    show: () => void panel.show(),
    toggle: () => panel.toggle(),
    focusColleague(id) {
      panel.show();
      if (id !== null) panel.afterLoad(() => pushTo(sink, 'focus-colleague', { id }));
    },
    openSettings() {
      panel.show();
      panel.afterLoad(() => pushTo(sink, 'open-settings', null));
    },
  };
}
