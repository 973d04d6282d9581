import type { App, Dialog } from 'electron';
import { redactSecrets } from '../core/bitrix/redact.js';
import { errorMessage } from '../core/error-message.js';
import { safeLogLine } from './log-file.js';

/**
 * A start-up that threw: said in a dialog (a tray app that failed to start has no window or
 * tray to say it with), logged, and the app quits with 1 instead of living on invisibly.
 */
export function reportStartupFailure(
  deps: {
    readonly app: Pick<App, 'exit'>;
    readonly dialog: Pick<Dialog, 'showErrorBox'>;
    readonly log: (line: string) => void;
  },
  productName: string,
  error: unknown,
): void {
  const reason = safeLogLine(redactSecrets(errorMessage(error)));
  deps.log(`startup failed: ${reason}`);
  deps.dialog.showErrorBox(`${productName} could not start`, reason);
  deps.app.exit(1);
}
