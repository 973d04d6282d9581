/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, openPanel } from './support/browser.js';
import { finishPanel as finish, usePanel } from './support/suite.js';

/**
 * A failed action says so and stays visible (issue 11): the star goes back with a notice that
 * names it, the notice waits for the user (no timer takes it away), and "Try again" repeats it.
 */
type FakeWindow = { __fake: FakeControl };

function row(page: Page, name: string) {
  return page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });
}

async function failNext(page: Page, channel: string, code: string): Promise<void> {
  await page.evaluate(
    ([wanted, errorCode]) =>
      (globalThis as unknown as FakeWindow).__fake.failNext(wanted!, {
        code: errorCode!,
        message: 'refused',
        field: null,
      }),
    [channel, code],
  );
}

async function ruleCalls(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    (globalThis as unknown as FakeWindow).__fake.calls
      .filter((call) => call.channel === 'colleague:set-rule')
      .map((call) => call.request),
  );
}

describe.skipIf(browserSkipReason !== null)(
  'a failed action in Chromium with a fake bridge',
  () => {
    const env = usePanel();

    it('a refused star goes back, says which one, stays until dismissed, and "Try again" sets it', async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width: 400, height: 640 },
      });
      const { page } = panel;
      const star = row(page, 'Chloe Martin').locator('.icon-button.star');
      await star.waitFor();
      await page.clock.install();
      await failNext(page, 'colleague:set-rule', 'host-unreachable');
      await star.click();
      const notice = page.getByTestId('failed-action');
      await notice.waitFor();
      expect(await notice.getAttribute('role')).toBe('alert');
      expect(await notice.textContent()).toContain('Not starred: Chloe Martin');
      expect(await notice.textContent()).toContain('not reachable');
      expect(await star.getAttribute('aria-pressed')).toBe('false');
      // Long after any toast timeout: still there, still saying it.
      await page.clock.runFor(60_000);
      expect(await notice.count()).toBe(1);
      expect(await star.getAttribute('aria-pressed')).toBe('false');

      await notice.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
      expect(await notice.count()).toBe(0);
      expect(await ruleCalls(page)).toEqual([
        { id: 3, rule: 'starred' },
        { id: 3, rule: 'starred' },
      ]);
      await finish(panel);
    });

    it('fits the narrowest window, in Russian, and offers no retry where trying again cannot help', async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        viewport: { width: 320, height: 640 },
        locale: 'ru-RU',
      });
      const { page } = panel;
      await row(page, 'Chloe Martin').waitFor();
      await failNext(page, 'chat:open', 'chat-unavailable');
      await row(page, 'Chloe Martin').click();
      await page.keyboard.press('c');
      const notice = page.getByTestId('failed-action');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Чат не открыт: Chloe Martin');
      expect(await notice.getByRole('button', { name: 'Повторить' }).count()).toBe(0);
      const box = await notice.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
      await notice.getByRole('button', { name: /Закрыть|Скрыть/ }).click();
      expect(await notice.count()).toBe(0);
      await finish(panel);
    });
  },
);
