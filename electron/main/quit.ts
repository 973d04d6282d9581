import type { App } from 'electron';

export interface Quit {
  /** True once quitting has begun: the panel's close then really closes. */
  quitting(): boolean;
  /** A step of the shutdown (remove the tray, close the window, stop the service). */
  onQuit(step: () => void | Promise<void>): void;
}

/**
 * A tray app quits only when asked to (tray menu, system shutdown): closing the last window
 * is no reason. On quit the steps run (the synchronous ones at once), then the app quits,
 * whether or not a step failed.
 */
export function setupQuit(app: Pick<App, 'on' | 'quit'>): Quit {
  let quitting = false;
  const steps: Array<() => void | Promise<void>> = [];
  app.on('window-all-closed', () => {
    // The app lives in the tray: no window is not a reason to quit.
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    const running = steps.map((step) => {
      try {
        return Promise.resolve(step());
      } catch (error) {
        return Promise.reject(error);
      }
    });
    void Promise.allSettled(running).then(() => app.quit());
  });
  return { quitting: () => quitting, onQuit: (step) => void steps.push(step) };
}
