import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { displayText, LOG_LINE_MAX_GRAPHEMES } from '../shared/display-text.js';

/** One file grows to this, then becomes `main.old.log` (replacing the older one): at most 2 MB. */
export const LOG_FILE_LIMIT_BYTES = 1024 * 1024;

/**
 * A line as the log and the console may show it: portal text (error descriptions, names) can
 * carry terminal escape sequences, which a `tail` or `cat` of the log would otherwise obey.
 */
export function safeLogLine(line: string): string {
  return displayText(line, LOG_LINE_MAX_GRAPHEMES);
}

export interface LogFile {
  readonly folder: string;
  write(line: string): void;
}

/**
 * The desktop app's diagnostics, in the folder the About section names (a packaged app has no
 * console to read). Lines are rare (connections, failures), so a synchronous append is fine and
 * keeps the last line before a crash. Lines never contain secrets (the callers redact them); a
 * write that fails is dropped rather than take the app down.
 */
export function openLogFile(folder: string, limitBytes = LOG_FILE_LIMIT_BYTES): LogFile {
  const current = join(folder, 'main.log');
  const previous = join(folder, 'main.old.log');
  let size = -1;
  return {
    folder,
    write(line) {
      const text = `${safeLogLine(line)}\n`;
      try {
        if (size < 0) {
          mkdirSync(folder, { recursive: true });
          size = fileSize(current);
        }
        if (size > 0 && size + Buffer.byteLength(text) > limitBytes) {
          renameSync(current, previous);
          size = 0;
        }
        appendFileSync(current, text, { mode: 0o600 });
        size += Buffer.byteLength(text);
      } catch {
        size = -1; // look again next time: the folder may have come back
      }
    },
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
