/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { browserSkipReason, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/**
 * issue 19 / issue 22: the panel with calendars and zones, at 320, 400 and 1280 px, light and dark,
 * English and Russian, with one row hovered and another selected, into /tmp/shots-cal (B24_SHOTS_DIR)
 * to look at. The browser runs in a zone other than the fake portal's people.
 */
const shots = process.env.B24_SHOTS_DIR ?? '/tmp/shots-cal';

describe.skipIf(browserSkipReason !== null)('calendar screenshots', () => {
  const env = usePanel();
  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
  });

  for (const width of [320, 400, 1280] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ru'] as const) {
        it(`${width} px, ${scheme}, ${lang}`, async () => {
          const panel = await openPanel(env.browser, env.server.url, {
            calendar: true,
            colorScheme: scheme,
            locale: lang === 'ru' ? 'ru-RU' : 'en-US',
            viewport: { width, height: 720 },
            timezoneId: 'Asia/Kolkata',
          });
          const { page } = panel;
          await page.locator('.row.person').first().waitFor();
          // One row selected (a click), another hovered.
          await page.locator('.row.person').nth(1).click();
          await page.locator('.row.person').nth(3).hover();
          await page.screenshot({ path: join(shots, `calendar-${width}-${scheme}-${lang}.png`) });
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
          // The details view of the person in a meeting (Anna, id 1).
          await page.getByTestId('search').fill('Anna Petrova');
          await page.locator('.row.person[data-id="1"]').dblclick();
          await page.getByTestId('detail-calendar').waitFor();
          await page.screenshot({
            path: join(shots, `calendar-detail-${width}-${scheme}-${lang}.png`),
          });
          await finishPanel(panel);
        });
      }
    }
  }
});
