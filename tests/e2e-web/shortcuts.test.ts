/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/** Issue 22, items 5 and 6: shortcuts on a Russian layout, the `?` help, the keys to the search. */
type FakeWindow = { __fake: FakeControl };

async function calls(page: Page, channel: string): Promise<unknown[]> {
  return page.evaluate(
    (wanted) =>
      (globalThis as unknown as FakeWindow).__fake.calls
        .filter((call) => call.channel === wanted)
        .map((call) => call.request),
    channel,
  );
}

const focused = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.getAttribute('data-testid') ??
      document.activeElement?.getAttribute('role'),
  );

/** A key as a Russian layout sends it: the Cyrillic letter, on the physical key's code. */
async function russianKey(page: Page, key: string, code: string): Promise<void> {
  await page.evaluate(
    ({ key, code }) =>
      document.activeElement?.dispatchEvent(
        new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }),
      ),
    { key, code },
  );
}

describe.skipIf(browserSkipReason !== null)('keyboard shortcuts in Chromium', () => {
  const env = usePanel();

  it('stars, mutes and opens the chat by the physical key on a Russian layout; Space does not star', async () => {
    const panel = await openPanel(env.browser, env.server.url);
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.getByRole('listbox').focus();
    const active = await page.getByRole('listbox').getAttribute('aria-activedescendant');
    const id = Number(active?.slice('person-'.length));

    await page.keyboard.press('Space');
    await russianKey(page, 'ы', 'KeyS');
    await expect.poll(() => calls(page, 'colleague:set-rule')).toEqual([{ id, rule: 'starred' }]);
    await russianKey(page, 'ь', 'KeyM');
    await expect
      .poll(() => calls(page, 'colleague:set-rule'))
      .toEqual([
        { id, rule: 'starred' },
        { id, rule: 'muted' },
      ]);
    await russianKey(page, 'с', 'KeyC');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as FakeWindow).__fake.opened))
      .toEqual([`https://team.example.com/online/?IM_DIALOG=${id}`]);
    await finishPanel(panel);
  });

  it('shows the shortcuts on ?, in Russian too, and Esc closes them', async () => {
    const panel = await openPanel(env.browser, env.server.url, { locale: 'ru-RU' });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.getByRole('listbox').focus();
    await page.keyboard.press('Shift+Slash');
    const help = page.getByTestId('shortcuts');
    await help.getByRole('heading', { name: 'Клавиши' }).waitFor();
    expect(await help.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await help.textContent()).toContain('В избранное или из избранного');
    expect(await help.locator('kbd').allTextContents()).toEqual(
      expect.arrayContaining(['S', 'M', 'C', 'B', '?', '/']),
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
    expect(await focused(page)).toBe('listbox');
    await finishPanel(panel);
  });

  it('jumps to the search with / and Ctrl+F, leaves ? to the search field, and finds a name typed in the wrong layout', async () => {
    const panel = await openPanel(env.browser, env.server.url);
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.getByRole('listbox').focus();
    await page.keyboard.press('/');
    expect(await focused(page)).toBe('search');
    expect(await page.getByTestId('search').inputValue()).toBe('');
    await page.keyboard.type('?');
    expect(await page.getByTestId('search').inputValue()).toBe('?');
    expect(await page.getByTestId('shortcuts').count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.getByRole('listbox').focus();
    await page.keyboard.press('Control+KeyF');
    expect(await focused(page)).toBe('search');
    // "Anna" typed with the Russian layout on: Фттф.
    await page.keyboard.type('Фттф');
    await expect
      .poll(() => page.locator('.row.person .name').allTextContents())
      .toContain('Anna Petrova');
    await finishPanel(panel);
  });
});
