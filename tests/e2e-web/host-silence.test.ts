/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, FIXED_NOW, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';
import { hostSilentAfter } from '../../renderer/src/lib/live.js';

/**
 * issue 22 item 8: a hung host (frozen, its socket still open) sends nothing. After about two
 * poll intervals without news the panel says so and shows only the last known, as it does when
 * the socket closes; the next news brings it back.
 */
type FakeWindow = { __fake: FakeControl };
// The fake timers start where the pinned clock stands (install() alone would take the machine's time).

const liveness = (page: Page) => page.locator('.panel').getAttribute('data-live');

function setSilent(page: Page, silent: boolean): Promise<void> {
  return page.evaluate((value) => {
    (globalThis as unknown as FakeWindow).__fake.silent = value;
  }, silent);
}

describe.skipIf(browserSkipReason !== null)('a hung host in Chromium with a fake bridge', () => {
  const env = usePanel();

  for (const [locale, words] of [
    ['en-US', 'stopped sending updates'],
    ['ru-RU', 'перестало присылать обновления'],
  ] as const) {
    it(`${locale}: is noticed after about two poll intervals without news, and forgotten at the next news`, async () => {
      const pollIntervalSec = 20;
      const panel = await openPanel(env.browser, env.server.url, {
        locale,
        settings: { ...DEFAULT_SETTINGS, pollIntervalSec },
      });
      const { page } = panel;
      await page.locator('.row.person').first().waitFor();
      await page.clock.install({ time: FIXED_NOW });
      expect(await liveness(page)).toBe('live');
      await setSilent(page, true);
      // The silence allowed, measured from the session the panel read at start.
      const allowedMs = hostSilentAfter(0, null, pollIntervalSec);
      await page.clock.runFor(allowedMs - 2000);
      expect(await liveness(page)).toBe('live');
      expect(await page.locator('[data-health=host-silent]').count()).toBe(0);

      await page.clock.runFor(4000);
      const banner = page.locator('[data-health=host-silent]');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(words);
      expect(await liveness(page)).toBe('last-known');

      // The host wakes up and reports its next poll.
      await setSilent(page, false);
      await page.evaluate(() => {
        const now = Date.now();
        (globalThis as unknown as FakeWindow).__fake.emit('health', {
          state: 'ok',
          since: now,
          until: null,
          lastSuccessAt: now,
          code: null,
          message: null,
        });
      });
      await expect.poll(() => liveness(page)).toBe('live');
      expect(await banner.count()).toBe(0);
      await finishPanel(panel);
    });
  }

  it('gives a longer poll interval its time', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      settings: { ...DEFAULT_SETTINGS, pollIntervalSec: 120 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.clock.install({ time: FIXED_NOW });
    await setSilent(page, true);
    // 130 s of silence, as in the issue: with polls every two minutes that is not yet a hang.
    await page.clock.runFor(130_000);
    expect(await liveness(page)).toBe('live');
    await page.clock.runFor(hostSilentAfter(0, null, 120) - 130_000 + 2000);
    await page.locator('[data-health=host-silent]').waitFor();
    await finishPanel(panel);
  });

  it('waits out a backoff the host announced before it calls it hung', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      settings: { ...DEFAULT_SETTINGS, pollIntervalSec: 30 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.clock.install({ time: FIXED_NOW });
    const backoffMs = 300_000;
    await page.evaluate((ms) => {
      const fake = (globalThis as unknown as FakeWindow).__fake;
      const now = Date.now();
      fake.emit('health', {
        state: 'rate-limited',
        since: now,
        until: now + ms,
        lastSuccessAt: now - 60_000,
        code: 'rate-limited',
        message: null,
      });
      fake.silent = true;
    }, backoffMs);
    await page.locator('[data-health=rate-limited]').waitFor();
    await page.clock.runFor(backoffMs);
    expect(await page.locator('[data-health=host-silent]').count()).toBe(0);
    await page.clock.runFor(hostSilentAfter(0, backoffMs, 30) - backoffMs + 2000);
    await page.locator('[data-health=host-silent]').waitFor();
    await finishPanel(panel);
  });
});
