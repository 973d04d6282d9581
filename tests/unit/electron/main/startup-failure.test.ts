import { describe, expect, it, vi } from 'vitest';
import { reportStartupFailure } from '../../../../electron/main/startup-failure.js';

describe('reportStartupFailure', () => {
  it('shows the reason in a dialog, logs it without secrets or escapes, and exits with 1', () => {
    const app = { exit: vi.fn() };
    const dialog = { showErrorBox: vi.fn() };
    const lines: string[] = [];
    const error = new Error('cannot open https://p.example/rest/1/s3cr3tc0de/ \u001B[2J\nstack');
    reportStartupFailure({ app, dialog, log: (line) => lines.push(line) }, 'B24 Presence', error);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'B24 Presence could not start',
      'cannot open https://p.example/rest/1/***/ [2J stack',
    );
    expect(lines).toEqual(['startup failed: cannot open https://p.example/rest/1/***/ [2J stack']);
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});
