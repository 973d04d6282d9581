import type { WebContents } from 'electron';

/**
 * The panel never navigates, never opens windows and never hosts a webview: links to the
 * portal go through the chat:open request, which uses the allowlisted opener.
 */
export function guardNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  log: (line: string) => void = () => {},
): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log('security: blocked a navigation away from the panel');
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log('security: blocked a redirect');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('security: blocked a webview');
  });
  contents.setWindowOpenHandler(() => {
    log('security: denied a new window');
    return { action: 'deny' };
  });
}
