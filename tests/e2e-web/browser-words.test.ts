/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { browserSkipReason, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/** Issue 22, item 16: browser mode keeps the webhook in memory, and says so instead of promising encryption on disk. */
describe.skipIf(browserSkipReason !== null)('browser mode words', () => {
  const env = usePanel();

  for (const host of ['browser', 'desktop'] as const) {
    it(`the connect form's hint tells where the webhook is kept (${host})`, async () => {
      const panel = await openPanel(env.browser, env.server.url, { connection: 'none', host });
      const hint = panel.page.locator('#webhook-hint');
      await hint.waitFor();
      const text = await hint.textContent();
      if (host === 'browser') {
        expect(text).toContain('only in the memory of the running server');
        expect(text).not.toContain('encrypted');
      } else expect(text).toContain('stays encrypted on this computer');
      await finishPanel(panel);
    });
  }
});
