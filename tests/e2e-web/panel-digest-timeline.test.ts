/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FakeControl } from './support/fake-bridge.js';
import {
  browserSkipReason,
  cspViolations,
  FIXED_NOW,
  launchBrowser,
  openPanel,
  type PanelPage,
} from './support/browser.js';
import { ensureRendererBuilt, serveRenderer, type StaticServer } from './support/static-server.js';

/**
 * Issue 12 in the panel, against the fake bridge: the "while you were away" card, notify me
 * once, a person's detail view with the 7-day timeline, Settings → History; and screenshots of
 * them at 400×640 (light and dark, en and ru) into /tmp/shots/.
 */
type FakeWindow = { __fake: FakeControl };

function row(page: Page, name: string) {
  return page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });
}

async function calls(page: Page, channel: string): Promise<unknown[]> {
  return page.evaluate(
    (wanted) =>
      (globalThis as unknown as FakeWindow).__fake.calls
        .filter((call) => call.channel === wanted)
        .map((call) => call.request),
    channel,
  );
}

async function emit(page: Page, channel: string, payload: unknown): Promise<void> {
  await page.evaluate(
    ([c, p]) => (globalThis as unknown as FakeWindow).__fake.emit(c as string, p),
    [channel, payload] as const,
  );
}

const focused = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.getAttribute('data-testid') ??
      document.activeElement?.getAttribute('role') ??
      document.activeElement?.tagName,
  );

describe.skipIf(browserSkipReason !== null)('issue 12 in the panel (fake bridge)', () => {
  let server: StaticServer;
  let browser: Browser;
  const shots = process.env.B24_SHOTS_DIR ?? '/tmp/shots';

  beforeAll(async () => {
    await ensureRendererBuilt();
    server = await serveRenderer();
    browser = await launchBrowser();
    await mkdir(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function finish({ page, problems }: PanelPage): Promise<void> {
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }

  it('shows "while you were away" above the list, merges a second digest, and its names find the row', async () => {
    const panel = await openPanel(browser, server.url);
    const { page } = panel;
    await row(page, 'Anna Petrova').waitFor();
    expect(await page.getByTestId('digest').count()).toBe(0);
    // Elena (5) came online, Jonas (10) left, Farid (6) is back from leave.
    await emit(page, 'digest', {
      since: FIXED_NOW - 90 * 60_000,
      until: FIXED_NOW - 60_000,
      arrived: [5],
      left: [10],
      backFromLeave: [6],
    });
    const card = page.getByRole('region', { name: 'While you were away' });
    await card.waitFor();
    expect(await page.getByTestId('digest-since').textContent()).toBe('Since 10:30');
    expect(await card.locator('[data-kind=arrived]').textContent()).toContain('Elena Kuznetsova');
    expect(await card.locator('[data-kind=left]').textContent()).toContain('Jonas Berg');
    expect(await card.locator('[data-kind=backFromLeave]').textContent()).toContain('Farid Aliyev');
    await expect
      .poll(() => page.getByTestId('alert-live').textContent())
      .toContain('While you were away, since 10:30: Came online: Elena Kuznetsova');
    // The digest's own notification is not read out a second time.
    await emit(page, 'alert', {
      id: 'd1',
      kind: 'digest',
      title: 'While you were away',
      body: 'Elena came online',
      userIds: [5],
      at: FIXED_NOW,
    });
    await page.waitForTimeout(100);
    expect(await page.getByTestId('alert-live').textContent()).toContain(
      'Came online: Elena Kuznetsova',
    );

    // A second digest while the card shows: one card, earliest since, the lists united.
    await emit(page, 'digest', {
      since: FIXED_NOW - 3 * 3_600_000,
      until: FIXED_NOW,
      arrived: [2, 5],
      left: [],
      backFromLeave: [],
    });
    await expect.poll(() => page.getByTestId('digest-since').textContent()).toBe('Since 09:00');
    expect(await page.getByTestId('digest').count()).toBe(1);
    expect(await card.locator('[data-kind=arrived] .digest-name').allTextContents()).toEqual([
      'Boris Ivanov',
      'Elena Kuznetsova',
    ]);

    // A name is a button: by keyboard it selects and shows that row (even past a filter that hides it).
    await page.locator('label.segment', { has: page.getByTestId('filter-online') }).click();
    await card.getByRole('button', { name: 'Show Jonas Berg in the list' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('listbox').getAttribute('aria-activedescendant'))
      .toBe('person-10');
    expect(await page.locator('#person-10').isVisible()).toBe(true);
    expect(await page.locator('#person-10').getAttribute('class')).toContain('highlighted');

    await page.getByTestId('digest-dismiss').click();
    expect(await page.getByTestId('digest').count()).toBe(0);
    await finish(panel);
  });

  it('notify me once: the bell on a row, B on the focused row, "online now", and the alert clears it', async () => {
    // Tall enough that all 40 rows are in the window.
    const panel = await openPanel(browser, server.url, { viewport: { width: 1100, height: 2300 } });
    const { page } = panel;
    await row(page, 'Elena Kuznetsova').waitFor();
    const elena = row(page, 'Elena Kuznetsova');
    const bell = elena.locator('.icon-button.bell');
    // The buttons shown only on a hovered row are made then, and nothing on the row moves.
    const boxes = () =>
      elena.evaluate((r) =>
        ['.icon-button.star', '.pill', '.name'].map((s) =>
          JSON.stringify(r.querySelector(s)?.getBoundingClientRect()),
        ),
      );
    const before = await boxes();
    expect(await bell.count()).toBe(0);
    await elena.hover();
    expect(await bell.getAttribute('title')).toBe('Tell me when Elena Kuznetsova is available (B)');
    expect(await boxes()).toEqual(before);
    await bell.click();
    await expect.poll(() => calls(page, 'notify-once:set')).toEqual([{ id: 5, on: true }]);
    await expect.poll(() => elena.getByTestId('notify-mark').count()).toBe(1);
    expect(await bell.getAttribute('aria-pressed')).toBe('true');
    expect(await bell.getAttribute('title')).toBe('Stop waiting for Elena Kuznetsova (B)');
    expect(await elena.getAttribute('aria-label')).toContain('you will be told when available');

    // The focused row: B asks and takes back.
    await row(page, 'Jonas Berg').click();
    await page.getByRole('listbox').focus();
    expect(await page.getByRole('listbox').getAttribute('aria-activedescendant')).toBe('person-10');
    await page.keyboard.press('b');
    await expect.poll(() => page.locator('#person-10 [data-testid=notify-mark]').count()).toBe(1);
    await page.keyboard.press('B');
    await expect.poll(() => page.locator('#person-10 [data-testid=notify-mark]').count()).toBe(0);
    expect((await calls(page, 'notify-once:set')).slice(1)).toEqual([
      { id: 10, on: true },
      { id: 10, on: false },
    ]);

    // Asked about someone online already: said so, nothing waits.
    const anna = row(page, 'Anna Petrova');
    await anna.hover();
    await anna.locator('.icon-button.bell').click();
    await expect
      .poll(() => page.getByTestId('available-now').textContent())
      .toContain('Anna Petrova is online now');
    expect(await anna.getByTestId('notify-mark').count()).toBe(0);

    // The one alert fires: the bell goes at once, before any settings event.
    await emit(page, 'alert', {
      id: 'n1',
      kind: 'notify-once',
      title: 'Elena Kuznetsova is available',
      body: '',
      userIds: [5],
      at: FIXED_NOW,
    });
    await expect.poll(() => elena.getByTestId('notify-mark').count()).toBe(0);
    await elena.hover();
    expect(await bell.getAttribute('aria-pressed')).toBe('false');
    await finish(panel);
  });

  it('opens a person’s details with Enter, draws the 7 days with the unknown hatched, refreshes each minute, and Esc goes back', async () => {
    const panel = await openPanel(browser, server.url);
    const { page } = panel;
    await row(page, 'Anna Petrova').waitFor();
    await page.getByRole('listbox').focus();
    await page.keyboard.press('Home');
    const first = await page.getByRole('listbox').getAttribute('aria-activedescendant');
    const id = Number(first?.slice('person-'.length));
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('detail');
    await detail.waitFor();
    expect(await calls(page, 'timeline:get')).toEqual([{ id, days: 7 }]);
    expect(await focused(page)).toBe('detail-back');
    await page.getByTestId('timeline').waitFor();
    const days = page.locator('.timeline-day');
    expect(await days.count()).toBe(7);
    expect(await days.first().locator('.timeline-label').textContent()).toBe('Today');
    expect(await days.first().locator('.timeline-text').textContent()).toBe(
      'in at 09:05, 2 h 25 min online',
    );
    // Today: the half hour the app saw nothing is its own, hatched part, between online parts.
    expect(
      await days
        .first()
        .locator('.timeline-bar')
        .evaluateAll((bars) => bars.map((b) => b.getAttribute('data-state'))),
    ).toEqual(['offline', 'online', 'unknown', 'online']);
    // Three days ago the app ran only from 14:00: unknown, and not counted as offline.
    expect(await days.nth(3).locator('.timeline-bar').first().getAttribute('data-state')).toBe(
      'unknown',
    );
    // …and found them online: when they came in is unknown, so it says since when it watched (issue 22).
    expect(await days.nth(3).locator('.timeline-text').textContent()).toBe(
      'watching since 14:00, 3 h 40 min online',
    );
    const unknownBackground = await page
      .locator('.timeline-bar.state-unknown')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(unknownBackground).toContain('repeating-linear-gradient');
    const picture = page.getByRole('group', { name: /Presence of .* by day/ });
    expect(await picture.getAttribute('aria-label')).toContain(
      'Today: in at 09:05, 2 h 25 min online',
    );
    expect(await page.locator('.timeline table tbody tr').count()).toBe(7);

    // The list behind is inert while the details show.
    expect(await page.locator('.panel-list').getAttribute('inert')).not.toBeNull();

    // Every minute while open, and when the person changes, it is asked again.
    await page.clock.setFixedTime(FIXED_NOW + 61_000);
    await expect.poll(async () => (await calls(page, 'timeline:get')).length).toBe(2);
    await page.evaluate(
      (who) =>
        (globalThis as unknown as FakeWindow).__fake.change([
          { id: who, fields: { presence: 'offline' } },
        ]),
      id,
    );
    await expect.poll(async () => (await calls(page, 'timeline:get')).length).toBe(3);

    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    expect(await focused(page)).toBe('listbox');
    expect(await page.getByRole('listbox').getAttribute('aria-activedescendant')).toBe(first);

    // A double click and the details button open it too; Back closes it.
    await row(page, 'Boris Ivanov').dblclick();
    await expect.poll(() => detail.getAttribute('data-id')).toBe('2');
    // The detail view's own bell (Boris is away, so it waits for him).
    await page.getByTestId('detail-notify').click();
    await expect
      .poll(() => page.getByTestId('detail-notify').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await page.getByTestId('detail-notify').textContent()).toContain('Stop waiting');
    await page.getByTestId('detail-back').click();
    expect(await page.locator('#person-2 [data-testid=notify-mark]').count()).toBe(1);
    const otherId = await page
      .locator('.row.person:not(#person-2)')
      .first()
      .getAttribute('data-id');
    const other = page.locator(`#person-${otherId}`);
    await other.hover();
    await other.locator('.icon-button.details').click();
    await expect.poll(() => detail.getAttribute('data-id')).toBe(otherId);
    await finish(panel);
  });

  it('Settings → History: retention, its limits, and "Forget history" after a confirmation', async () => {
    const panel = await openPanel(browser, server.url);
    const { page } = panel;
    await row(page, 'Anna Petrova').waitFor();
    await page.getByTestId('open-settings').click();
    const field = page.getByTestId('history-retention');
    expect(await field.inputValue()).toBe('7');
    expect(await page.locator('#history-privacy').textContent()).toContain(
      'Kept only on this machine',
    );
    await field.fill('14');
    await field.press('Tab');
    await expect
      .poll(() => calls(page, 'settings:update'))
      .toEqual([{ history: { retentionDays: 14 } }]);
    await expect
      .poll(() => page.locator('dialog.settings [role=status]').first().textContent())
      .toBe('Saved');
    await field.fill('45');
    await field.press('Tab');
    await expect
      .poll(() => page.locator('[data-error-for="history.retentionDays"]').textContent())
      .toBe('From 0 to 30 days.');

    await page.getByTestId('forget-history').click();
    expect(await page.getByText('Delete the whole presence history now?').isVisible()).toBe(true);
    await page.getByTestId('forget-no').click();
    expect(await calls(page, 'history:forget')).toEqual([]);
    await page.getByTestId('forget-history').click();
    await page.getByTestId('forget-yes').click();
    await expect.poll(() => calls(page, 'history:forget')).toEqual([null]);
    await expect.poll(() => page.getByTestId('forgotten').textContent()).toBe('History forgotten.');
    await finish(panel);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ru'] as const) {
      it(`screenshots at 400×640: card, bell, details (${scheme}, ${lang})`, async () => {
        const panel = await openPanel(browser, server.url, {
          colorScheme: scheme,
          viewport: { width: 400, height: 640 },
          locale: lang === 'ru' ? 'ru-RU' : 'en-US',
        });
        const { page } = panel;
        await page.locator('.row.person').first().waitFor();
        await emit(page, 'digest', {
          since: FIXED_NOW - 95 * 60_000,
          until: FIXED_NOW,
          arrived: [5, 9, 2, 12, 15, 19, 25, 29],
          left: [10],
          backFromLeave: [6],
        });
        await page.getByTestId('digest').waitFor();
        await page.evaluate(() => {
          const f = (globalThis as unknown as FakeWindow).__fake;
          f.settings = { ...f.settings, notifyOnce: [{ id: 5, since: Date.now() }] };
          f.emit('settings', f.settings);
        });
        // Elena (5) is offline, far down a list sorted by presence: a notification click brings her into view.
        await emit(page, 'focus-colleague', { id: 5 });
        await page.locator('#person-5 [data-testid=notify-mark]').waitFor();
        await expect
          .poll(() => page.locator('#person-5').getAttribute('class'), { timeout: 4000 })
          .not.toContain('highlighted');
        await page.mouse.move(0, 0);
        const suffix = `${scheme}-${lang}-400x640`;
        await page.screenshot({ path: join(shots, `digest-${suffix}.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          400,
        );
        await page.locator('#person-5').hover();
        await page.screenshot({ path: join(shots, `bell-${suffix}.png`) });
        await page.locator('#person-5').dblclick();
        await page.getByTestId('timeline').waitFor();
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(shots, `detail-${suffix}.png`) });
        // Further down: the hour scale, the legend and the note about the hatched time.
        await page.getByTestId('detail').evaluate((el) => (el.scrollTop = el.scrollHeight));
        await page.screenshot({ path: join(shots, `detail-scrolled-${suffix}.png`) });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          400,
        );
        await finish(panel);
      });
    }
  }
});
