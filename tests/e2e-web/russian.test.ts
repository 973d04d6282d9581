/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/**
 * The panel in Russian (issue 11): a woman's row says "Отошла", a man's "Отошёл", someone whose
 * profile has no gender a neutral "Нет активности"; names sit after a colon in tooltips. Shots
 * of the 400 px window go to B24_SHOTS_DIR (default: a folder in the system's temp directory).
 */
type FakeWindow = { __fake: FakeControl };

const shots = process.env.B24_SHOTS_DIR ?? join(tmpdir(), 'b24-russian-shots');

/** The fake team's names (support/fake-bridge.ts) as a Russian profile would give their gender; Quinn's profile says none. */
const WOMEN = new Set([
  'Anna',
  'Chloe',
  'Elena',
  'Galina',
  'Irina',
  'Ksenia',
  'Marta',
  'Olga',
  'Sofia',
  'Ulyana',
  'Wendy',
  'Xenia',
  'Zoe',
  'Beatrice',
  'Daria',
  'Fatima',
  'Hanna',
  'Julia',
  'Lina',
  'Nadia',
]);
const UNKNOWN = new Set(['Quinn', 'Leo']);

function row(page: Page, name: string) {
  return page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });
}

/** Gives everyone the gender their first name suggests (except UNKNOWN), as one patch. */
async function giveGenders(page: Page): Promise<void> {
  await page.evaluate(
    ({ women, unknown }) => {
      const fake = (globalThis as unknown as FakeWindow).__fake;
      const changes = (fake.snapshot?.colleagues ?? []).map((c) => {
        const first = String(c.firstName);
        return {
          id: c.id as number,
          fields: { gender: unknown.includes(first) ? null : women.includes(first) ? 'F' : 'M' },
        };
      });
      fake.change(changes);
    },
    { women: [...WOMEN], unknown: [...UNKNOWN] },
  );
}

describe.skipIf(browserSkipReason !== null)('the panel in Russian', () => {
  const env = usePanel();

  it('agrees with each person: "Отошла" for a woman, "Отошёл" for a man, neutral without a gender', async () => {
    // 400 px wide (the narrow row, with the short offline phrase), tall enough for all 40 rows.
    const panel = await openPanel(env.browser, env.server.url, {
      locale: 'ru-RU',
      viewport: { width: 400, height: 2300 },
    });
    const { page } = panel;
    await row(page, 'Fatima Khan').waitFor();
    // Before the profile says anything: neutral for everyone (in the narrow row, the moon and the time; the tooltip in words).
    expect((await row(page, 'Fatima Khan').locator('.pill').textContent())?.trim()).toBe(
      '8\u00a0мин',
    );
    expect(await row(page, 'Fatima Khan').locator('.pill').getAttribute('title')).toBe(
      'Нет активности уже 8\u00a0мин',
    );

    await giveGenders(page);
    await expect
      .poll(async () => (await row(page, 'Fatima Khan').locator('.pill').textContent())?.trim())
      .toBe('Отошла · 8\u00a0мин');
    expect((await row(page, 'Boris Ivanov').locator('.pill').textContent())?.trim()).toBe(
      'Отошёл · 8\u00a0мин',
    );
    expect((await row(page, 'Leo Fischer').locator('.pill').textContent())?.trim()).toBe(
      '8\u00a0мин',
    );
    // Offline, in the narrow window's short form, with the whole phrase in the tooltip and the row's label.
    const elena = row(page, 'Elena Kuznetsova');
    expect((await elena.locator('.pill').textContent())?.replace(/\s/g, ' ').trim()).toMatch(
      /^Была 2 ч\.? назад$/,
    );
    expect((await elena.locator('.pill').getAttribute('title'))?.replace(/\s/g, ' ')).toMatch(
      /^Не в сети · была 2 ч\.? назад$/,
    );
    expect(await elena.getAttribute('aria-label')).toContain('была');
    expect(await elena.getAttribute('aria-label')).not.toMatch(/(?<![а-яё])был(?![а-яё])/);
    expect(
      (await row(page, 'Yuri Gagarin').locator('.pill').textContent())?.replace(/\s/g, ' ').trim(),
    ).toMatch(/^Был 2 ч\.? назад$/);

    // Names after a colon: no declension needed.
    await elena.hover();
    expect(await elena.locator('.icon-button.star').getAttribute('title')).toBe(
      'В избранное, уведомлять всегда: Elena Kuznetsova',
    );
    // At 400 px the row has the star and "more" (the details, with chat, bell and mute: issue 22 item 2).
    expect(await elena.locator('.icon-button.more').getAttribute('title')).toBe(
      'Ещё: Elena Kuznetsova — чат, колокольчик, без уведомлений (Enter)',
    );

    // The detail view says it in full, and agrees too.
    await row(page, 'Fatima Khan').dblclick();
    await page.getByTestId('detail').waitFor();
    expect(await page.locator('.detail-presence').textContent()).toContain(
      'Нет активности уже 8\u00a0мин',
    );
    await page.getByTestId('detail-back').click();
    await finishPanel(panel);
  });

  it('at the window size, light and dark: screenshots to look at', async () => {
    mkdirSync(shots, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const panel = await openPanel(env.browser, env.server.url, {
        locale: 'ru-RU',
        colorScheme: scheme,
        viewport: { width: 400, height: 640 },
      });
      const { page } = panel;
      await page.locator('.row.person').first().waitFor();
      await giveGenders(page);
      // No page overflow sideways in Russian either.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        400,
      );
      // Further down first: the away and offline people, in their own words.
      await page.locator('.list-viewport').evaluate((list) => (list.scrollTop = 1000));
      await expect
        .poll(() => page.locator('.row.person .pill', { hasText: /Отошл?а?/ }).count())
        .toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, `ru-${scheme}-400-scrolled.png`) });
      await page.locator('.list-viewport').evaluate((list) => (list.scrollTop = 0));
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(shots, `ru-${scheme}-400.png`) });
      await finishPanel(panel);
    }
  });

  it('without genders (many portals send none): neutral words, at 400 px and 1280 px', async () => {
    mkdirSync(shots, { recursive: true });
    for (const width of [400, 1280]) {
      const panel = await openPanel(env.browser, env.server.url, {
        locale: 'ru-RU',
        viewport: { width, height: 640 },
      });
      const { page } = panel;
      await page.locator('.row.person').first().waitFor();
      await page.locator('.list-viewport').evaluate((list) => (list.scrollTop = 1000));
      const pill = page.locator('.row.person .pill', { hasText: /8\sмин/ }).first();
      await pill.waitFor();
      expect((await pill.textContent())?.replace(/\s/g, ' ').trim()).toBe(
        width === 400 ? '8 мин' : 'Нет активности · 8 мин',
      );
      expect(
        await page.locator('.row.person .pill', { hasText: /Отош|(?<![а-яё])был/ }).count(),
      ).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await page.screenshot({ path: join(shots, `ru-neutral-${width}.png`) });
      await finishPanel(panel);
    }
  });
});
