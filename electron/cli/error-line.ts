import { redactSecrets } from '../core/bitrix/redact.js';
import { displayText, LOG_LINE_MAX_GRAPHEMES } from '../shared/display-text.js';

/**
 * A line for the terminal's stderr: the first line of `text`, redacted (before the cut and
 * after it), without the escape sequences a portal's error text can carry, which a terminal
 * would obey (retitle the window, clear the screen, rewrite what came before).
 */
export function terminalLine(text: string, secrets: readonly string[] = []): string {
  const firstLine = text.split('\n')[0] ?? '';
  return `${redactSecrets(displayText(redactSecrets(firstLine, secrets), LOG_LINE_MAX_GRAPHEMES), secrets)}\n`;
}
