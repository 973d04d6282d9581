/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../electron/shared/settings/schema.js';
import { nextMorning } from '../../electron/shared/settings/pause.js';
import type { FakeControl } from './support/fake-bridge.js';
import { browserSkipReason, FIXED_NOW, openPanel, type PanelPage } from './support/browser.js';
import { ru } from '../../renderer/src/i18n/ru.js';
import { finishPanel as finish, usePanel } from './support/suite.js';

/**
 * The settings dialog at the desktop window's size (issue 11): one label per control, minutes
 * for the online limit and the burst window, quiet hours that look off when off and refuse what
 * cannot work, pause buttons, "Saved", nothing wider than the dialog at 320/400 px in English and
 * Russian, "Also watch" by name or ID, and About. Screenshots go to B24_SHOTS_DIR (/tmp/shots).
 */
type FakeWindow = { __fake: FakeControl };
const shots = process.env.B24_SHOTS_DIR ?? '/tmp/shots';
const HEIGHT = 640;
const RU_NOT_CONNECTED = ru['error.code.not-connected'];

async function calls(page: Page, channel: string): Promise<unknown[]> {
  return page.evaluate(
    (wanted) =>
      (globalThis as unknown as FakeWindow).__fake.calls
        .filter((call) => call.channel === wanted)
        .map((call) => call.request),
    channel,
  );
}

const dialog = (page: Page) => page.locator('dialog.settings');

async function openSettings(page: Page): Promise<void> {
  await page.locator('.row.person').first().waitFor();
  await page.getByTestId('open-settings').click();
  await expect.poll(() => dialog(page).evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
}

/** Alerts paused for an hour from the fixed test time (12:00 → 13:00), some people watched. */
const BUSY: Settings = {
  ...DEFAULT_SETTINGS,
  watchIds: [3, 101, 999],
  alerts: {
    ...DEFAULT_SETTINGS.alerts,
    pausedUntil: FIXED_NOW + 60 * 60_000,
    quietHours: { ...DEFAULT_SETTINGS.alerts.quietHours, enabled: true },
  },
};

/**
 * Elements in the dialog that reach outside it sideways, text that is cut inside its own box,
 * and selects whose chosen text does not fit: what "fields run out of the dialog" looks like.
 */
function escapes(page: Page): Promise<string[]> {
  return dialog(page).evaluate((root) => {
    const box = root.getBoundingClientRect();
    const problems: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (!(el instanceof HTMLElement) || !el.checkVisibility() || el.closest('.sr-only') !== null)
        continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
        problems.push(
          `outside: ${name(el)} ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`,
        );
      const style = getComputedStyle(el);
      const clips =
        style.overflowX !== 'visible' ||
        el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement;
      if (
        clips &&
        !(el instanceof HTMLInputElement) &&
        !(el instanceof HTMLSelectElement) &&
        el.scrollWidth > el.clientWidth + 1
      )
        problems.push(`cut: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      if (el instanceof HTMLSelectElement) {
        const canvas = document.createElement('canvas').getContext('2d');
        if (canvas === null) continue;
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.selectedOptions[0]?.textContent ?? '';
        const room =
          el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20; // the arrow
        if (canvas.measureText(text).width > room)
          problems.push(
            `select cut: ${name(el)} “${text}” ${Math.round(canvas.measureText(text).width)} > ${Math.round(room)}`,
          );
      }
    }
    const body = root.querySelector('.dialog-body');
    if (body && body.scrollWidth > body.clientWidth + 1)
      problems.push(`body scrolls sideways: ${body.scrollWidth} > ${body.clientWidth}`);
    return problems;
  });
}

describe.skipIf(browserSkipReason !== null)(
  'settings dialog in Chromium with a fake bridge',
  () => {
    const env = usePanel();
    beforeAll(async () => {
      await mkdir(shots, { recursive: true });
    });

    const open = (options: Parameters<typeof openPanel>[2] = {}): Promise<PanelPage> =>
      openPanel(env.browser, env.server.url, {
        viewport: { width: 400, height: HEIGHT },
        ...options,
      });

    for (const locale of ['en-US', 'ru-RU'] as const) {
      it(`gives every control exactly one visible label, never repeated in its section (${locale})`, async () => {
        const panel = await open({ locale, settings: BUSY });
        const { page } = panel;
        await openSettings(page);
        const report = await dialog(page).evaluate((root) => {
          const visible = (el: Element) =>
            el instanceof HTMLElement && el.checkVisibility() && el.closest('.sr-only') === null;
          const unlabelled: string[] = [];
          for (const control of Array.from(root.querySelectorAll('input, select, textarea'))) {
            const c = control as HTMLInputElement;
            const visibleLabels = Array.from(c.labels ?? []).filter(
              (label) =>
                (label.textContent ?? '').trim() !== '' &&
                (visible(label) || c.type === 'checkbox'),
            );
            if (visibleLabels.length !== 1)
              unlabelled.push(
                `${c.id || c.dataset.testid || c.type}: ${visibleLabels.length} labels`,
              );
          }
          // Within a section, a label's or legend's text appears once: "Play a sound | ☐ Play a sound" fails.
          const repeated: string[] = [];
          for (const section of Array.from(root.querySelectorAll('section'))) {
            const texts: string[] = [];
            const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
              const parent = node.parentElement;
              const text = (node.textContent ?? '').trim().toLowerCase();
              if (
                text !== '' &&
                parent !== null &&
                visible(parent) &&
                parent.closest('option, code') === null
              )
                texts.push(text);
            }
            for (const label of Array.from(section.querySelectorAll('label, legend, h3, h4, dt'))) {
              if (!visible(label)) continue;
              const text = (label.textContent ?? '').trim().toLowerCase();
              if (text === '') continue;
              const count = texts.filter((t) => t === text).length;
              if (count !== 1) repeated.push(`${text} ×${count}`);
            }
          }
          return { unlabelled, repeated };
        });
        expect(report.unlabelled).toEqual([]);
        expect(report.repeated).toEqual([]);
        // The groups are fieldsets with legends: the alert kinds, quiet hours and their days, the pause.
        expect(await dialog(page).locator('fieldset > legend').count()).toBeGreaterThanOrEqual(4);
        await finish(panel);
      });
    }

    it('edits the online limit in minutes and stores seconds (×60), refusing in minutes', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const field = page.getByTestId('online-limit');
      expect(await page.locator('label[for=online-limit]').textContent()).toBe(
        'Online limit (minutes)',
      );
      expect(await field.inputValue()).toBe('15');
      await field.fill('24');
      await field.press('Tab');
      await expect.poll(() => calls(page, 'settings:update')).toEqual([{ onlineLimitSec: 1440 }]);
      expect(await field.inputValue()).toBe('24');
      await field.fill('7.5');
      await field.press('Tab');
      await expect
        .poll(() => calls(page, 'settings:update'))
        .toEqual([{ onlineLimitSec: 1440 }, { onlineLimitSec: 450 }]);

      // Out of range (below the 5-minute "online" window): said in minutes, nothing sent.
      await field.fill('4');
      await field.press('Tab');
      const error = page.locator('[data-error-for=onlineLimitSec]');
      await expect.poll(() => error.textContent()).toBe('From 5 to 1440 minutes (24 hours).');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.inputValue()).toBe('4');
      await field.fill('fifteen');
      await field.press('Tab');
      await expect.poll(() => error.textContent()).toContain('number of minutes');
      expect(await calls(page, 'settings:update')).toHaveLength(2);

      // The host's own refusal of the seconds is told in minutes too.
      await page.evaluate(() =>
        (globalThis as unknown as FakeWindow).__fake.failNext('settings:update', {
          code: 'invalid-settings',
          message: 'At least 5 minutes',
          field: 'onlineLimitSec',
        }),
      );
      await field.fill('30');
      await field.press('Tab');
      await expect.poll(() => error.textContent()).toBe('From 5 to 1440 minutes (24 hours).');
      await finish(panel);
    });

    it('shows the online limit in minutes in Russian, with the decimal comma', async () => {
      const panel = await open({
        locale: 'ru-RU',
        settings: { ...DEFAULT_SETTINGS, onlineLimitSec: 450 },
      });
      const { page } = panel;
      await openSettings(page);
      expect(await page.locator('label[for=online-limit]').textContent()).toBe(
        'Порог «в сети» (минут)',
      );
      expect(await page.getByTestId('online-limit').inputValue()).toBe('7,5');
      await page.getByTestId('online-limit').fill('24');
      await page.getByTestId('online-limit').press('Tab');
      await expect.poll(() => calls(page, 'settings:update')).toEqual([{ onlineLimitSec: 1440 }]);
      await finish(panel);
    });

    it('combines alerts within a choice of seconds and minutes, stored as seconds', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const select = page.getByTestId('burst-window');
      expect(
        await select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent),
      ).toBe('Within 10 seconds');
      expect(await select.locator('option').allTextContents()).toEqual([
        'Don’t combine',
        'Within 10 seconds',
        'Within 30 seconds',
        'Within 1 minute',
        'Within 2 minutes',
        'Within 5 minutes',
      ]);
      await select.selectOption({ label: 'Within 2 minutes' });
      await expect
        .poll(() => calls(page, 'settings:update'))
        .toEqual([{ alerts: { burstWindowSec: 120 } }]);
      await finish(panel);
    });

    it('quiet hours: disabled and dimmed while off; 24-hour times; From = To and no days refused with the reason', async () => {
      const panel = await open({ locale: 'en-US' });
      const { page } = panel;
      await openSettings(page);
      const from = page.getByTestId('quiet-from');
      const to = page.getByTestId('quiet-to');
      const window = page.getByTestId('quiet-window');
      // Off: every field is disabled, and looks it.
      expect(await from.isDisabled()).toBe(true);
      expect(await to.isDisabled()).toBe(true);
      expect(await page.getByTestId('quiet-day-1').isDisabled()).toBe(true);
      expect(Number(await window.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.7);
      // 24-hour text in an English-US browser, not "08:00 PM".
      expect(await from.getAttribute('type')).not.toBe('time');
      expect(await from.inputValue()).toBe('20:00');
      expect(await to.inputValue()).toBe('08:00');

      await page.getByTestId('quiet-enabled').check();
      await expect
        .poll(() => calls(page, 'settings:update'))
        .toEqual([
          {
            alerts: {
              quietHours: {
                enabled: true,
                windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '20:00', end: '08:00' }],
              },
            },
          },
        ]);
      expect(await from.isDisabled()).toBe(false);
      expect(Number(await window.evaluate((el) => getComputedStyle(el).opacity))).toBe(1);

      // A time that is not one: refused, kept as typed, nothing sent.
      await from.fill('7pm');
      await from.press('Tab');
      const timesError = page.locator('[data-error-for="quiet.times"]');
      await expect.poll(() => timesError.textContent()).toContain('HH:MM');
      expect(await from.inputValue()).toBe('7pm');
      expect(await calls(page, 'settings:update')).toHaveLength(1);
      // "9" is 09:00.
      await from.fill('9');
      await from.press('Tab');
      await expect.poll(() => calls(page, 'settings:update')).toHaveLength(2);
      expect(await from.inputValue()).toBe('09:00');
      expect(await timesError.count()).toBe(0);

      // From = To: refused next to the times, not saved.
      await to.fill('09:00');
      await to.press('Tab');
      await expect
        .poll(() => timesError.textContent())
        .toBe('“From” and “To” are the same time: choose when quiet hours end.');
      expect(
        await timesError.evaluate((el) => el.closest('[data-testid=quiet-window]') !== null),
      ).toBe(true);
      expect(await to.getAttribute('aria-invalid')).toBe('true');
      expect(await calls(page, 'settings:update')).toHaveLength(2);
      expect(await page.getByTestId('save-status').textContent()).toBe('Not saved');
      await to.fill('17:30');
      await to.press('Tab');
      await expect.poll(() => calls(page, 'settings:update')).toHaveLength(3);
      expect((await calls(page, 'settings:update'))[2]).toEqual({
        alerts: {
          quietHours: {
            enabled: true,
            windows: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '17:30' }],
          },
        },
      });

      // No days: the last one unticked is refused, and shown unticked with the reason.
      for (const day of [1, 2, 3, 4, 5, 6])
        await page.locator('label.day', { has: page.getByTestId(`quiet-day-${day}`) }).click();
      await expect.poll(() => calls(page, 'settings:update')).toHaveLength(9);
      await page.locator('label.day', { has: page.getByTestId('quiet-day-0') }).click();
      const daysError = page.locator('[data-error-for="quiet.days"]');
      await expect.poll(() => daysError.textContent()).toBe('Choose at least one day.');
      expect(await page.getByTestId('quiet-day-0').isChecked()).toBe(false);
      expect(await calls(page, 'settings:update')).toHaveLength(9);
      await page.locator('label.day', { has: page.getByTestId('quiet-day-5') }).click();
      await expect.poll(() => calls(page, 'settings:update')).toHaveLength(10);
      expect(await daysError.count()).toBe(0);
      await finish(panel);
    });

    it('quiet hours in Russian: the same 24-hour fields', async () => {
      const panel = await open({ locale: 'ru-RU', settings: BUSY });
      const { page } = panel;
      await openSettings(page);
      expect(await page.locator('label[for=quiet-from]').textContent()).toBe('С');
      expect(await page.locator('label[for=quiet-to]').textContent()).toBe('До');
      expect(await page.getByTestId('quiet-from').inputValue()).toBe('20:00');
      expect(await page.getByTestId('quiet-from').getAttribute('placeholder')).toBe('ЧЧ:ММ');
      await finish(panel);
    });

    it('pauses alerts with buttons, the one in effect pressed, and says until when', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const group = page.getByTestId('pause-alerts');
      expect(await group.locator('select').count()).toBe(0);
      expect(await group.locator('legend').textContent()).toBe('Pause alerts');
      const pressed = () => group.locator('button[aria-pressed=true]').allTextContents();
      expect(await group.locator('button').allTextContents()).toEqual([
        'Off',
        '1 hour',
        'Until tomorrow, 8:00',
      ]);
      expect(await pressed()).toEqual(['Off']);
      expect(await page.getByTestId('pause-state').textContent()).toContain('Not paused');

      await page.getByTestId('pause-hour').click();
      await expect
        .poll(() => calls(page, 'alerts:pause'))
        .toEqual([{ until: FIXED_NOW + 60 * 60_000 }]);
      await expect.poll(pressed).toEqual(['1 hour']);
      expect(await page.getByTestId('pause-state').textContent()).toBe('Paused until 13:00.');

      await page.getByTestId('pause-morning').click();
      await expect.poll(() => calls(page, 'alerts:pause')).toHaveLength(2);
      expect((await calls(page, 'alerts:pause'))[1]).toEqual({ until: nextMorning(FIXED_NOW) });
      await expect.poll(pressed).toEqual(['Until tomorrow, 8:00']);
      expect(await page.getByTestId('pause-state').textContent()).toMatch(
        /^Paused until 24 Nov,? 08:00\.$/,
      );

      await page.getByTestId('pause-off').click();
      await expect.poll(() => calls(page, 'alerts:pause')).toHaveLength(3);
      expect((await calls(page, 'alerts:pause'))[2]).toEqual({ until: null });
      await expect.poll(pressed).toEqual(['Off']);
      await finish(panel);
    });

    it('says "Saved" after a change is stored, then lets it fade; "Not saved" when the host refuses', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const status = page.getByTestId('save-status');
      expect(await status.getAttribute('role')).toBe('status');
      expect(await status.textContent()).toBe('');
      await page.getByTestId('alert-sound').check();
      await expect.poll(() => status.textContent()).toBe('Saved');
      expect(await status.locator('.save-status-text').isVisible()).toBe(true);
      await expect.poll(() => status.textContent(), { timeout: 6000 }).toBe('');

      await page.evaluate(() =>
        (globalThis as unknown as FakeWindow).__fake.failNext('settings:update', {
          code: 'invalid-settings',
          message: 'No',
          field: 'pollIntervalSec',
        }),
      );
      await page.getByTestId('poll-interval').fill('45');
      await page.getByTestId('poll-interval').press('Tab');
      await expect.poll(() => status.textContent()).toBe('Not saved');
      expect(await page.locator('[data-error-for=pollIntervalSec]').isVisible()).toBe(true);
      await finish(panel);
    });

    it('finds people by name, adds one with the keyboard, and lists the watched by name', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const search = page.getByTestId('watch-search');
      expect(await page.locator('label[for=watch-search]').textContent()).toBe(
        'Find by name or ID',
      );
      expect(await page.getByTestId('watched-empty').isVisible()).toBe(true);
      // Too short: said, not asked.
      await search.fill('Ve');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toContain('at least 3 letters');
      // Typing is debounced: one search for the last text.
      await search.pressSequentially('ronika', { delay: 20 });
      await page.getByTestId('watch-result').first().waitFor();
      // Six keystrokes, 20 ms apart: without the debounce, six searches (a busy machine may let one more through).
      const searches = await calls(page, 'people:search');
      expect(searches.length).toBeLessThanOrEqual(2);
      expect(searches.at(-1)).toEqual({ query: 'Veronika' });
      expect(await page.getByTestId('watch-result').allTextContents()).toEqual([
        expect.stringContaining('Veronika Daleko'),
      ]);

      await search.fill('Ver');
      await expect.poll(() => page.getByTestId('watch-result').count()).toBe(2);
      expect(await page.getByTestId('watch-status').textContent()).toBe('Found: 2');
      await search.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Add Veronika Daleko',
      );
      await page.keyboard.press('Enter');
      await expect.poll(() => calls(page, 'watch:set')).toEqual([{ ids: [102] }]);
      const watched = page.getByTestId('watched-person');
      await expect
        .poll(() => watched.allTextContents())
        .toEqual([expect.stringContaining('Veronika Daleko')]);
      expect(await watched.first().textContent()).toContain('after the next update');
      expect(await page.getByTestId('save-status').textContent()).toBe('Saved');

      // A team member is in the panel already: no Add.
      await search.fill('Anna');
      await page.getByTestId('watch-result').first().waitFor();
      expect(await page.getByTestId('watch-result').first().textContent()).toContain(
        'Already in the panel',
      );
      expect(await page.getByTestId('watch-result').first().locator('button').count()).toBe(0);

      // The next update brings her: name and position from the snapshot.
      await page.evaluate((at) => {
        const fake = (globalThis as unknown as FakeWindow).__fake;
        const snapshot = fake.snapshot;
        if (!snapshot) return;
        const vera = {
          ...fake.person(2, at),
          id: 102,
          name: 'Veronika Daleko',
          firstName: 'Veronika',
          lastName: 'Daleko',
          position: 'Accountant',
        };
        fake.snapshot = { seq: snapshot.seq + 1, at, colleagues: [...snapshot.colleagues, vera] };
        fake.emit('patch', { seq: snapshot.seq + 1, at, added: [vera], changed: [], removed: [] });
        fake.emit('health', {
          state: 'ok',
          since: at,
          until: null,
          lastSuccessAt: at,
          code: null,
          message: null,
        });
      }, FIXED_NOW + 30_000);
      await expect
        .poll(() => watched.first().innerText())
        .toBe('Veronika Daleko\nAccountant\nRemove');
      await finish(panel);
    });

    it('looks an ID up, says when no one has it, and shows a watched ID no one has as not found', async () => {
      const panel = await open({ settings: { ...DEFAULT_SETTINGS, watchIds: [3] } });
      const { page } = panel;
      await openSettings(page);
      const search = page.getByTestId('watch-search');
      await search.fill('#101');
      await page.getByTestId('watch-result').first().waitFor();
      expect(await calls(page, 'people:search')).toEqual([{ query: '#101' }]);
      expect(await page.getByTestId('watch-result').first().textContent()).toContain(
        'Vera Outsider',
      );
      await page.getByTestId('watch-add').click();
      await expect.poll(() => calls(page, 'watch:set')).toEqual([{ ids: [3, 101] }]);

      await search.fill('999');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe('No one with ID 999 on this portal.');
      expect(await page.getByTestId('watch-result').count()).toBe(0);
      // Enter adds nothing for an ID no one has.
      await search.press('Enter');
      expect(await calls(page, 'watch:set')).toHaveLength(1);

      // Still typed by ID, the old way: a list.
      await search.fill('12, x7');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe('“x7” is not a user ID.');
      await search.fill('999, 998');
      await search.press('Enter');
      await expect.poll(() => calls(page, 'watch:set')).toHaveLength(2);
      expect((await calls(page, 'watch:set'))[1]).toEqual({ ids: [3, 101, 999, 998] });

      // After an update that does not bring them: "not found", with Remove.
      await page.evaluate(
        (at) =>
          (globalThis as unknown as FakeWindow).__fake.emit('health', {
            state: 'ok',
            since: at,
            until: null,
            lastSuccessAt: at,
            code: null,
            message: null,
          }),
        FIXED_NOW + 30_000,
      );
      const missing = page.locator('[data-testid=watched-person][data-id="999"]');
      await expect.poll(() => missing.textContent()).toContain('ID 999 — not found on this portal');
      expect(
        await page.locator('[data-testid=watched-person][data-id="3"]').textContent(),
      ).toContain('Chloe Martin');
      await missing.getByRole('button', { name: 'Remove ID 999' }).click();
      await expect.poll(() => calls(page, 'watch:set')).toHaveLength(3);
      expect((await calls(page, 'watch:set'))[2]).toEqual({ ids: [3, 101, 998] });

      // A list skips people already in the panel, as a single ID is refused (issue 22, item 18).
      await search.fill('5, 997');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe('Press Enter or “Add” to watch ID 997. Already in the panel, not added: 5.');
      await search.press('Enter');
      await expect.poll(() => calls(page, 'watch:set')).toHaveLength(4);
      expect((await calls(page, 'watch:set'))[3]).toEqual({ ids: [3, 101, 998, 997] });
      await search.fill('5, 6');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe('Already in the panel, not added: 5, 6.');
      await search.press('Enter');
      expect(await calls(page, 'watch:set')).toHaveLength(4);
      await finish(panel);
    });

    it('drops a search answer that arrives after a newer one', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      await page.evaluate(
        () => ((globalThis as unknown as FakeWindow).__fake.searchLatency = { Vera: 900 }),
      );
      const search = page.getByTestId('watch-search');
      await search.fill('Vera');
      await expect.poll(() => calls(page, 'people:search')).toEqual([{ query: 'Vera' }]);
      await search.fill('Veronika');
      await expect
        .poll(() => page.getByTestId('watch-result').allTextContents())
        .toEqual([expect.stringContaining('Veronika Daleko')]);
      await page.waitForTimeout(1000); // the slow answer for "Vera" (Vera and Veronika) has come and gone
      expect(await page.getByTestId('watch-result').allTextContents()).toEqual([
        expect.stringContaining('Veronika Daleko'),
      ]);
      await finish(panel);
    });

    it('"Also watch" in Russian: ID пользователей, and the search failing without a portal is said', async () => {
      const panel = await open({ locale: 'ru-RU' });
      const { page } = panel;
      await openSettings(page);
      expect(await page.locator('label[for=watch-search]').textContent()).toBe(
        'Найти по имени или ID пользователя',
      );
      await page.getByTestId('watch-search').fill('777');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe('На этом портале нет пользователя с ID 777.');
      await page.evaluate(() =>
        (globalThis as unknown as FakeWindow).__fake.failNext('people:search', {
          code: 'not-connected',
          message: 'Not connected',
          field: null,
        }),
      );
      await page.getByTestId('watch-search').fill('Анна');
      await expect
        .poll(() => page.getByTestId('watch-status').textContent())
        .toBe(RU_NOT_CONNECTED);
      await finish(panel);
    });

    it('About: the version, what runs it, and where settings, logs and history live', async () => {
      const panel = await open();
      const { page } = panel;
      await openSettings(page);
      const about = page.getByTestId('about');
      await expect
        .poll(() => page.getByTestId('about-version').textContent())
        .toBe('B24 Presence 0.1.0-test');
      expect(await calls(page, 'app:about')).toEqual([null]);
      expect(await page.getByTestId('about-runtime').textContent()).toBe(
        'Desktop app · linux · Electron 45.4.1 · Chromium 142.0.7444.59 · Node.js 22.20.0',
      );
      expect(await page.getByTestId('about-settings').textContent()).toContain(
        '/home/anna/.config/B24 Presence',
      );
      expect(await page.getByTestId('about-logs').textContent()).toContain(
        '/home/anna/.config/B24 Presence/logs',
      );
      expect(await page.getByTestId('about-history').textContent()).toContain(
        '/home/anna/.config/B24 Presence/history',
      );
      await page.getByTestId('copy-logs').click();
      await expect
        .poll(() => page.getByTestId('about-logs').locator('[role=status]').textContent())
        .toMatch(/^(Copied|Selected: press Ctrl\+C)/);
      expect(
        await about
          .locator('code.path')
          .first()
          .evaluate((el) => getComputedStyle(el).userSelect),
      ).toBe('all');
      await finish(panel);
    });

    it('About in browser mode says in words what is kept in memory and what goes to the terminal', async () => {
      const panel = await open({ host: 'browser', locale: 'ru-RU' });
      const { page } = panel;
      await page.evaluate(() => {
        const fake = (globalThis as unknown as FakeWindow).__fake;
        fake.about = {
          ...fake.about,
          host: 'browser',
          runtime: { node: '22.20.0' },
          settingsFolder: null,
          logFolder: null,
          historyFolder: null,
        };
      });
      await openSettings(page);
      await expect
        .poll(() => page.getByTestId('about-runtime').textContent())
        .toBe('Режим браузера · linux · Node.js 22.20.0');
      expect(await page.getByTestId('about-settings').textContent()).toContain('Хранятся в памяти');
      expect(await page.getByTestId('about-logs').textContent()).toContain('терминал');
      expect(await page.getByTestId('about-history').textContent()).toContain('в памяти');
      expect(await page.getByTestId('about').locator('button').count()).toBe(0);
      await finish(panel);
    });

    for (const width of [320, 400] as const) {
      for (const locale of ['en-US', 'ru-RU'] as const) {
        for (const colorScheme of ['light', 'dark'] as const) {
          it(`nothing runs out of the dialog at ${width} px (${locale}, ${colorScheme}), and screenshots`, async () => {
            const lang = locale.slice(0, 2);
            const panel = await open({
              locale,
              colorScheme,
              settings: BUSY,
              viewport: { width, height: HEIGHT },
              longNames: true,
            });
            const { page } = panel;
            await page.evaluate(() => {
              const fake = (globalThis as unknown as FakeWindow).__fake;
              const long =
                '/home/anna-alexandra-konstantinopolskaya/.config/B24 Presence/some/very/deeply/nested/folder/that/keeps/going';
              fake.about = {
                ...fake.about,
                settingsFolder: long,
                logFolder: `${long}/logs`,
                historyFolder: `${long}/history`,
              };
              fake.directory = [
                ...fake.directory,
                {
                  id: 103,
                  name: 'Veronika-Alexandra Konstantinopolskaya-Shchedrovitskaya',
                  position: 'Senior principal accountant for partnerships and enterprise accounts',
                },
              ];
            });
            await openSettings(page);
            expect(await escapes(page)).toEqual([]);
            await page.getByTestId('watch-search').fill('Ver');
            await expect.poll(() => page.getByTestId('watch-result').count()).toBe(3);
            // A refusal shown, to measure it too.
            await page.getByTestId('quiet-to').fill('20:00');
            await page.getByTestId('quiet-to').press('Tab');
            await page.locator('[data-error-for="quiet.times"]').waitFor();
            await page.getByTestId('about-version').waitFor();
            expect(await escapes(page)).toEqual([]);
            // The page itself never scrolls sideways.
            expect(
              await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            ).toBe(true);

            // The whole dialog, section by section, at the window's real height.
            const body = dialog(page).locator('.dialog-body');
            await body.evaluate((el) => (el.scrollTop = 0));
            await page.screenshot({
              path: join(shots, `settings-${width}-${lang}-${colorScheme}-top.png`),
            });
            const { scrollHeight, clientHeight } = await body.evaluate((el) => ({
              scrollHeight: el.scrollHeight,
              clientHeight: el.clientHeight,
            }));
            let part = 1;
            for (let top = clientHeight - 40; top < scrollHeight; top += clientHeight - 40) {
              await body.evaluate((el, y) => (el.scrollTop = y), top);
              await page.screenshot({
                path: join(shots, `settings-${width}-${lang}-${colorScheme}-${++part}.png`),
              });
            }
            await finish(panel);
          });
        }
      }
    }

    it('is fine in a wide window too: 1280 px, the dialog centred and no wider than its column', async () => {
      const panel = await open({ viewport: { width: 1280, height: 800 }, settings: BUSY });
      const { page } = panel;
      await openSettings(page);
      await page.getByTestId('about-version').waitFor();
      const box = await dialog(page).boundingBox();
      expect(box?.width).toBeLessThanOrEqual(560);
      expect(await escapes(page)).toEqual([]);
      await page.screenshot({ path: join(shots, 'settings-1280-en-light.png') });
      await finish(panel);
    });
  },
);
