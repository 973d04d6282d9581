import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { openInBrowser } from '../../../../electron/cli/open-browser.js';
import { helpText } from '../../../../electron/cli/help.js';

const ORIGIN = 'http://127.0.0.1:4321';

/** Waits for the report of a launch, or for its absence after a short while. */
function launch(launcher: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve) => {
    const launched = openInBrowser(ORIGIN, 'one-time-token', {
      launcher,
      say: (line) => lines.push(line),
      tempRoot: tmpdir(),
    });
    const started = Date.now();
    const poll = setInterval(() => {
      if (lines.length > 0 || Date.now() - started > 3000) {
        clearInterval(poll);
        launched.cleanUp();
        resolve(lines);
      }
    }, 20);
  });
}

/** Issue 22, item 16: `web --open` says when no browser could be opened. */
describe('web --open', () => {
  it('reports a launcher that is missing', async () => {
    expect(await launch(['b24-no-such-launcher-xyz'])).toEqual([
      `could not open a browser (b24-no-such-launcher-xyz not found): open the address printed above yourself`,
    ]);
  });

  it('reports a launcher that fails (xdg-open without a browser exits non-zero)', async () => {
    expect(await launch([process.execPath, '-e', 'process.exit(3)'])).toEqual([
      `could not open a browser (${process.execPath} exited with 3): open the address printed above yourself`,
    ]);
  });

  it('says nothing when the browser opens', async () => {
    expect(await launch([process.execPath, '-e', 'process.exit(0)'])).toEqual([]);
  });

  it('web --help says what starts without a source: the demo', () => {
    expect(helpText('web')).toContain('Without a source it\nstarts the demo portal');
    expect(helpText('web')).not.toContain('offers to connect');
  });
});
