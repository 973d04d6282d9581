/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserSkipReason, cspViolations, launchBrowser, openPanel } from './support/browser.js';
import { ensureRendererBuilt, ROOT, serveRenderer, type StaticServer } from './support/static-server.js';

/** Screenshots of the panel with a 40-person team, light and dark, for the README and for review. */
describe.skipIf(browserSkipReason !== null)('panel screenshots', () => {
  let server: StaticServer;
  let browser: Browser;
  const out = join(ROOT, 'test-results');

  beforeAll(async () => {
    await ensureRendererBuilt();
    server = await serveRenderer();
    browser = await launchBrowser();
    await mkdir(out, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`renders the ${scheme} theme without CSP violations`, async () => {
      const { page, problems } = await openPanel(browser, server.url, { colorScheme: scheme });
      await page.locator('.row.person').first().waitFor();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      // Grouped by department, so one screen shows every kind of badge, headers and a star.
      await page.getByTestId('group').check();
      await page.locator('.row.group').first().waitFor();
      await page.locator('.row.person').nth(1).locator('.icon-button.star').click();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(out, `panel-${scheme}.png`) });
      expect(await cspViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});
