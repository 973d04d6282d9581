/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, FIXED_NOW, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';
import { notifyOnceAlert } from '../../electron/core/alerts/extras.js';
import type { Colleague } from '../../electron/shared/domain.js';

/**
 * issue 19: the bell waits out a meeting, with the browser in a zone other than the portal's
 * people's (St John's, -3:30, DST-dependent) and every moment derived from the pinned clock and
 * the fake's own snapshot. The fake applies the service's reachability rule (REACHABLE_RULES);
 * the alert it would ring with is built by the core, as the engine builds it.
 */
const ZONE = 'America/St_Johns';
type FakeWindow = { __fake: FakeControl };

const row = (page: Page, id: number) => page.locator(`.row.person[data-id="${id}"]`);
const fake = <T>(page: Page, read: (f: FakeControl) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(globalThis.__fake)`) as Promise<T>;
const person = async (page: Page, id: number): Promise<Colleague> =>
  (await page.evaluate(
    (wanted) =>
      (globalThis as unknown as FakeWindow).__fake.snapshot!.colleagues.find(
        (c) => c.id === wanted,
      ),
    id,
  )) as unknown as Colleague;
const bellCalls = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as FakeWindow).__fake.calls
      .filter((c) => c.channel === 'notify-once:set')
      .map((c) => c.request),
  );

describe.skipIf(browserSkipReason !== null)(
  'the bell waits for a reachable person (issue 19)',
  () => {
    const env = usePanel();

    it('asked about someone online in a meeting, it waits, then rings after the meeting saying so', async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        calendar: true,
        timezoneId: ZONE,
        host: 'browser',
        viewport: { width: 1100, height: 2300 },
      });
      const { page } = panel;
      await row(page, 14).waitFor();
      // Nikolai (14): online, in a short meeting now; Dmitry (4): online, only a tentative invitation.
      await page.evaluate(() =>
        (globalThis as unknown as FakeWindow).__fake.change([{ id: 14, fields: { gender: 'M' } }]),
      );
      const nikolai = await person(page, 14);
      expect(nikolai.presence).toBe('online');
      const meeting = nikolai.calendar!.find((b) => b.from <= FIXED_NOW && FIXED_NOW < b.until)!;
      expect(meeting.kind).toBe('meeting');
      expect(await row(page, 14).getByTestId('calendar-line').getAttribute('data-kind')).toBe(
        'meeting',
      );

      // In a meeting: the bell waits (no "online now"), and the row says it waits.
      await row(page, 14).hover();
      await row(page, 14).locator('.icon-button.bell').click();
      await expect.poll(() => bellCalls(page)).toEqual([{ id: 14, on: true }]);
      await expect.poll(() => row(page, 14).getByTestId('notify-mark').count()).toBe(1);
      expect(await page.getByTestId('available-now').count()).toBe(0);
      // Tentative does not hold anyone back: asked about Dmitry, the answer is "online now".
      await row(page, 4).hover();
      await row(page, 4).locator('.icon-button.bell').click();
      await expect
        .poll(() => page.getByTestId('available-now').textContent())
        .toContain(String((await person(page, 4)).name));
      expect(await row(page, 4).getByTestId('notify-mark').count()).toBe(0);

      // A second before the meeting's end the refresh still finds Nikolai unreachable…
      await page.clock.setFixedTime(meeting.until - 1_000);
      expect(await fake(page, (f) => f.dueBells())).toEqual([]);
      // …at its end the row says nothing of a meeting, and the next refresh rings for him.
      await page.clock.setFixedTime(meeting.until);
      await expect.poll(() => row(page, 14).getByTestId('calendar-line').count()).toBe(0);
      expect(await fake(page, (f) => f.dueBells())).toEqual([14]);
      const since = (
        await fake(page, (f) => f.settings.notifyOnce as Array<{ id: number; since: number }>)
      ).find((r) => r.id === 14)!.since;
      const alert = notifyOnceAlert(await person(page, 14), since, 'en', meeting.until);
      expect(alert.title).toBe(`${nikolai.name} is free: his meeting ended`);
      await page.evaluate(
        (payload) => (globalThis as unknown as FakeWindow).__fake.emit('alert', payload),
        alert,
      );
      const toast = page.locator('[data-testid=alert-toast][data-kind=notify-once]');
      await toast.waitFor({ state: 'visible' });
      expect(await toast.textContent()).toContain(`${nikolai.name} is free: his meeting ended`);
      await expect.poll(() => row(page, 14).getByTestId('notify-mark').count()).toBe(0);
      await finishPanel(panel);
    });

    it('Test connection says in one line each what the optional calendar and user_brief scopes add', async () => {
      for (const calendar of [true, false]) {
        const panel = await openPanel(env.browser, env.server.url, {
          connection: 'none',
          calendar,
          timezoneId: ZONE,
        });
        const { page } = panel;
        await page.getByTestId('webhook-url').fill('https://team.example.com/rest/7/abc123xyz/');
        await page.getByTestId('test-connection').click();
        await expect
          .poll(() => page.getByTestId('test-result').textContent())
          .toContain('Webhook Owner');
        const lines = [
          await page.getByTestId('test-calendar').textContent(),
          await page.getByTestId('test-time-zones').textContent(),
        ].map((t) => t?.trim());
        expect(lines).toEqual(
          calendar
            ? [
                'The “calendar” scope works: you see who is in a meeting.',
                'The “user_brief” scope works: you see colleagues’ local time.',
              ]
            : [
                'Tick “calendar” to see who is in a meeting (optional).',
                'Tick “user_brief” to see colleagues’ local time (optional).',
              ],
        );
        // Missing optional scopes never fail the test: the form still connects.
        expect(await page.getByTestId('connect').isDisabled()).toBe(false);
        expect(await page.locator('.field-status.error').count()).toBe(0);
        await finishPanel(panel);
      }
    });
  },
);
