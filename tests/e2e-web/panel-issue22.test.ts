/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { browserSkipReason, FIXED_NOW, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/**
 * issue 22, items 4, 11, 12, 14 and 19, as a newcomer met them: filters past the right edge,
 * a settings dialog with two scroll areas, header counts adding up to more than the team, a
 * Tab order that jumps around the header, and a timeline that called "watching began" "in at".
 */
const SHOTS = '/tmp/shots-ui22';

/** The element's box lies inside the window and nothing covers its middle. */
async function inSight(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (
      box.width === 0 ||
      box.left < 0 ||
      box.right > window.innerWidth ||
      box.top < 0 ||
      box.bottom > window.innerHeight
    )
      return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

describe.skipIf(browserSkipReason !== null)('issue 22 in Chromium with a fake bridge', () => {
  const env = usePanel();

  for (const width of [320, 400]) {
    for (const portal of ['current', 'legacy'] as const) {
      for (const locale of ['en-US', 'ru-RU']) {
        it(`${width} px, ${portal} portal, ${locale}: every filter is in sight and reached by keyboard (item 4)`, async () => {
          const panel = await openPanel(env.browser, env.server.url, {
            viewport: { width, height: 640 },
            portal,
            locale,
          });
          const { page } = panel;
          await page.locator('.row.person').first().waitFor();
          const keys = await page
            .locator('.segment input')
            .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
          expect(keys.length).toBe(portal === 'legacy' ? 7 : 6);
          for (const key of keys)
            expect(await inSight(page, `label.segment:has([data-testid=filter-${key}])`), key).toBe(
              true,
            );
          // The arrow keys walk the radio group; each filter it lands on is in sight.
          await page.getByTestId('filter-all').focus();
          for (const key of keys.slice(1)) {
            await page.keyboard.press('ArrowRight');
            expect(await page.getByTestId(`filter-${key}`).isChecked(), key).toBe(true);
            expect(await inSight(page, `label.segment:has([data-testid=filter-${key}])`), key).toBe(
              true,
            );
          }
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
          if (locale === 'ru-RU')
            await page.screenshot({ path: `${SHOTS}/filters-${width}-${portal}-ru.png` });
          await finishPanel(panel);
        });
      }
    }
  }

  it('header chips are a partition: they add up to the team, the person on leave counted once (item 12)', async () => {
    for (const portal of ['current', 'legacy'] as const) {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width: 1280, height: 800 },
        portal,
      });
      const { page } = panel;
      await page.locator('.row.person').first().waitFor();
      const values = await page
        .locator('[data-count] strong')
        .evaluateAll((chips) => chips.map((chip) => Number(chip.textContent)));
      expect(
        values.reduce((sum, value) => sum + value, 0),
        portal,
      ).toBe(40);
      // Each chip's filter lists as many people as the chip says, and nobody is in two of them.
      const seen = new Set<string>();
      for (const key of await page
        .locator('[data-count]')
        .evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-count')!))) {
        await page.locator(`[data-count=${key}]`).click();
        const ids = await page
          .locator('.row.person')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')!));
        expect(ids.length, key).toBe(
          Number(await page.locator(`[data-count=${key}] strong`).textContent()),
        );
        for (const id of ids) {
          expect(seen.has(id), `${id} in two chips`).toBe(false);
          seen.add(id);
        }
        await page.locator(`[data-count=${key}]`).click();
      }
      expect(seen.size).toBe(40);
      await finishPanel(panel);
    }
  });

  it('the settings dialog has one scroll area: the wheel over its title scrolls nothing away (item 11)', async () => {
    for (const width of [320, 400, 1280]) {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width, height: 600 },
      });
      const { page } = panel;
      await page.getByTestId('open-settings').click();
      const dialog = page.locator('dialog.settings');
      await page.getByTestId('alert-sound').waitFor();
      const scrollers = await dialog.evaluate((root) =>
        [root, ...root.querySelectorAll('*')]
          .filter(
            (element) =>
              element.scrollHeight > element.clientHeight + 1 &&
              ['auto', 'scroll'].includes(getComputedStyle(element).overflowY),
          )
          .map((element) => element.className),
      );
      expect(scrollers, String(width)).toEqual(['dialog-body']);
      expect(await dialog.evaluate((root) => getComputedStyle(root).overflowY)).toBe('hidden');
      const title = page.locator('#settings-title');
      const before = (await title.boundingBox())!;
      await title.hover();
      await page.mouse.wheel(0, 600);
      await page.locator('.dialog-body').hover();
      await page.mouse.wheel(0, 600);
      await expect
        .poll(() => page.locator('.dialog-body').evaluate((body) => body.scrollTop))
        .toBeGreaterThan(0);
      expect(await dialog.evaluate((root) => root.scrollTop)).toBe(0);
      expect((await title.boundingBox())!.y).toBe(before.y);
      expect(await inSight(page, '#settings-title')).toBe(true);
      await finishPanel(panel);
    }
  });

  it('at 400 px Tab follows the screen: title line, then chips, then refresh and settings (item 14)', async () => {
    for (const width of [320, 400, 1280]) {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width, height: 640 },
        // Paused an hour past the page's own (fixed) clock: "Resume" is the header's last stop.
        settings: {
          ...DEFAULT_SETTINGS,
          alerts: { ...DEFAULT_SETTINGS.alerts, pausedUntil: FIXED_NOW + 3_600_000 },
        },
      });
      const { page } = panel;
      await page.locator('.row.person').first().waitFor();
      const stops: Array<{ name: string; x: number; y: number }> = [];
      await page.locator('body').focus();
      for (let step = 0; step < 9; step++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          if (!element.closest('.header')) return null;
          const box = element.getBoundingClientRect();
          return {
            name:
              element.getAttribute('data-count') ??
              element.getAttribute('aria-label') ??
              element.textContent!.trim(),
            x: box.left,
            y: box.top,
          };
        });
        if (stop === null) break;
        stops.push(stop);
      }
      expect(stops.map((stop) => stop.name)).toEqual([
        'online',
        'idle',
        'offline',
        'leave',
        'Refresh now',
        'Settings',
        'Resume',
      ]);
      // Reading order: each stop is below the previous, or on its line to its right.
      for (const [index, stop] of stops.entries()) {
        const previous = stops[index - 1];
        if (previous)
          expect(
            stop.y > previous.y + 4 || (Math.abs(stop.y - previous.y) <= 4 && stop.x > previous.x),
            `${width}: ${previous.name} → ${stop.name}`,
          ).toBe(true);
      }
      await page.screenshot({ path: `${SHOTS}/header-${width}.png` });
      await finishPanel(panel);
    }
  });

  for (const [locale, since, online] of [
    ['en-US', 'watching since 14:00, 3 h 40 min online', /^Online, \d\d:\d\d–\d\d:\d\d$/],
    ['ru-RU', 'наблюдение с 14:00, в сети 3\u00a0ч 40\u00a0мин', /^В сети, \d\d:\d\d–\d\d:\d\d$/],
  ] as const) {
    it(`${locale}: the timeline says since when it watched, and each part tells its exact times on hover and focus (item 19)`, async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width: 400, height: 800 },
        locale,
      });
      const { page } = panel;
      await page.locator('.row.person').first().dblclick();
      await page.getByTestId('timeline').waitFor();
      const days = page.locator('.timeline-day');
      // Three days ago the app began at 14:00 and found them online: not "in at 14:00".
      expect(await days.nth(3).locator('.timeline-text').textContent()).toBe(since);
      expect(await days.nth(3).locator('.timeline-bar').first().getAttribute('title')).toMatch(
        /00:00–14:00$/,
      );

      // One Tab stop for the picture; the arrows walk its parts, each read out and shown with its times.
      const bars = page.locator('.timeline-bar');
      expect(
        await bars.evaluateAll(
          (all) => all.filter((bar) => bar.getAttribute('tabindex') === '0').length,
        ),
      ).toBe(1);
      await bars.first().focus();
      const first = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      expect(first).toContain(await days.first().locator('.timeline-label').getAttribute('title'));
      await page.keyboard.press('ArrowRight');
      const second = bars.nth(1);
      expect(await second.evaluate((bar) => bar === document.activeElement)).toBe(true);
      expect(await page.getByTestId('timeline-detail').textContent()).toContain(
        (await second.getAttribute('title'))!,
      );
      await page.keyboard.press('End');
      expect(await bars.last().evaluate((bar) => bar === document.activeElement)).toBe(true);
      await page.keyboard.press('Home');
      expect(await bars.first().evaluate((bar) => bar === document.activeElement)).toBe(true);

      // Pointing at an online part shows its exact times too.
      const onlinePart = days.first().locator('.timeline-bar[data-state=online]').first();
      await onlinePart.hover();
      expect(await onlinePart.getAttribute('title')).toMatch(online);
      await expect
        .poll(() => page.getByTestId('timeline-detail').textContent())
        .toContain((await onlinePart.getAttribute('title'))!);
      await page.screenshot({ path: `${SHOTS}/timeline-400-${locale}.png` });
      await finishPanel(panel);
    });
  }
});
