/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { browserSkipReason, cspViolations, launchBrowser, openPanel } from './support/browser.js';
import {
  ensureRendererBuilt,
  ROOT,
  serveRenderer,
  type StaticServer,
} from './support/static-server.js';

/** Screenshots of the panel with a 40-person team, light and dark, for the README and for review. */
describe.skipIf(browserSkipReason !== null)('panel screenshots', () => {
  let server: StaticServer;
  let browser: Browser;
  const out = join(ROOT, 'test-results');
  /** The narrow window the desktop panel usually has, for review (B24_SHOTS_DIR overrides). */
  const shots = process.env.B24_SHOTS_DIR ?? '/tmp/shots';

  beforeAll(async () => {
    await ensureRendererBuilt();
    server = await serveRenderer();
    browser = await launchBrowser();
    await mkdir(out, { recursive: true });
    await mkdir(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`renders the ${scheme} theme without CSP violations`, async () => {
      const { page, problems } = await openPanel(browser, server.url, { colorScheme: scheme });
      await page.locator('.row.person').first().waitFor();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
        .toBe(scheme);
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

  for (const portal of ['current', 'legacy'] as const) {
    for (const lang of ['en', 'ru'] as const) {
      it(`renders a ${portal} portal in a 400×640 window (${lang})`, async () => {
        const { page, problems } = await openPanel(browser, server.url, {
          portal,
          viewport: { width: 400, height: 640 },
          locale: lang === 'ru' ? 'ru-RU' : 'en-US',
        });
        await page.locator('.row.person').first().waitFor();
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(shots, `panel-${portal}-${lang}-400x640.png`) });
        // Nothing may stick out sideways in the narrow window.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          400,
        );
        const rowOverflow = await page
          .locator('.row.person')
          .evaluateAll((rows) => rows.filter((r) => r.scrollWidth > r.clientWidth + 1).length);
        expect(rowOverflow).toBe(0);
        expect(await page.locator('[data-count=mobile]').count()).toBe(portal === 'legacy' ? 1 : 0);
        // Grouped, so one screen shows the kinds of badge; one row hovered, to see its buttons.
        await page.getByTestId('group').check();
        await page.locator('.row.group').first().waitFor();
        await page.locator('.row.person').nth(2).hover();
        await page.screenshot({ path: join(shots, `panel-${portal}-${lang}-400x640-grouped.png`) });
        // Ungrouped, further down: mobile, busy and idle people (where the portal has them).
        await page.getByTestId('group').uncheck();
        await page.locator('.list-viewport').evaluate((el) => (el.scrollTop = 52 * 15));
        await page.mouse.move(0, 0);
        await page.screenshot({
          path: join(shots, `panel-${portal}-${lang}-400x640-scrolled.png`),
        });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          400,
        );
        expect(await cspViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }
  }
});
