/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason, FIXED_NOW, openPanel } from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';

/**
 * issue 19 in the panel, with the browser in a zone other than the portal people's (Asia/Kolkata,
 * +5:30): every expected time is derived from the pinned clock and Intl in that zone, and every
 * block from the fake's own snapshot, never written out.
 */
const ZONE = 'Asia/Kolkata';
const clock = (at: number, lang = 'en', zone = ZONE): string =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
const dayOf = (at: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(at);

type Block = { kind: string; from: number; until: number };
type Person = { id: number; presence: string; calendar: Block[] | null; timeZone: string | null };
type Fake = { __fake: { snapshot: { colleagues: Person[] } } };

const team = (page: Page): Promise<Person[]> =>
  page.evaluate(() => (globalThis as unknown as Fake).__fake.snapshot.colleagues);
const covering = (p: Person, at: number): Block | undefined =>
  p.calendar?.find((b) => b.from <= at && at < b.until);
const row = (page: Page, id: number) => page.locator(`.row.person[data-id="${id}"]`);
const ids = (page: Page) =>
  page
    .locator('.row.person')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));

/** Whether an element shows all of its text: nothing cut by an ellipsis, nothing outside its row. */
function whole(page: Page, selector: string): Promise<Array<{ text: string; whole: boolean }>> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((e) => e.checkVisibility())
      .map((e) => {
        const box = e.getBoundingClientRect();
        const rowBox = e.closest('.row')?.getBoundingClientRect();
        const cut =
          e.scrollWidth > e.clientWidth + 1 ||
          (rowBox !== undefined &&
            (box.left < rowBox.left - 0.5 || box.right > rowBox.right + 0.5));
        return { text: e.textContent ?? '', whole: !cut };
      }),
  );
}

describe.skipIf(browserSkipReason !== null)('who can be reached now (issue 19)', () => {
  const env = usePanel();

  for (const width of [400, 320] as const) {
    for (const lang of ['en', 'ru'] as const) {
      it(`says what the calendar means now at ${width} px (${lang}), the time never cut`, async () => {
        const panel = await openPanel(env.browser, env.server.url, {
          calendar: true,
          timezoneId: ZONE,
          locale: lang === 'ru' ? 'ru-RU' : 'en-US',
          viewport: { width, height: 2400 },
        });
        const { page } = panel;
        await page.locator('.row.person').first().waitFor();
        const people = new Map((await team(page)).map((p) => [p.id, p]));
        const anna = covering(people.get(1)!, FIXED_NOW)!;
        const dmitry = covering(people.get(4)!, FIXED_NOW)!;
        const galina = people.get(7)!.calendar![0]!;
        const until = lang === 'en' ? 'until' : 'до';
        // The line's tooltip has the whole sentence; the time is drawn whole at every width.
        const expected: Record<number, { kind: string; text: string; when: string }> = {
          1: {
            kind: 'meeting',
            text: `${lang === 'en' ? 'In a meeting' : 'На встрече'} · ${until} ${clock(anna.until, lang)}`,
            when: `${until} ${clock(anna.until, lang)}`,
          },
          4: {
            kind: 'tentative',
            text: `${lang === 'en' ? 'Tentative' : 'Возможно, на встрече'} · ${until} ${clock(dmitry.until, lang)}`,
            when: `${until} ${clock(dmitry.until, lang)}`,
          },
          7: {
            kind: 'meeting',
            text: `${lang === 'en' ? 'Meeting at' : 'Встреча в'} ${clock(galina.from, lang)}`,
            when: `${lang === 'en' ? 'at' : 'в'} ${clock(galina.from, lang)}`,
          },
        };
        for (const [id, want] of Object.entries(expected)) {
          const line = row(page, Number(id)).getByTestId('calendar-line');
          expect(await line.getAttribute('title'), id).toBe(want.text);
          expect(await line.getAttribute('data-kind'), id).toBe(want.kind);
          expect(await line.locator('.when').textContent(), id).toBe(want.when);
        }
        // Out of office, not on leave: until the last day, with its weekday.
        const away = covering(people.get(11)!, FIXED_NOW)!;
        const lastDay = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          timeZone: ZONE,
        }).format(away.until - 1);
        expect(
          await row(page, 11).getByTestId('calendar-line').locator('.when').textContent(),
        ).toBe(`${until} ${lastDay}`);
        // On leave with a chart absence too: the leave says it, the calendar line does not repeat it.
        expect(await row(page, 6).getByTestId('calendar-line').count()).toBe(0);
        expect(await row(page, 6).locator('.pill').getAttribute('data-badge')).toBe('leave');
        // Unknown calendar (17) and known free (2): nothing.
        expect(await row(page, 17).getByTestId('calendar-line').count()).toBe(0);
        expect(await row(page, 2).getByTestId('calendar-line').count()).toBe(0);
        // No time, date or age is cut anywhere: calendar times, pills, leave tags.
        for (const selector of ['.calendar-line .when', '.pill .phrase', '.leave-tag']) {
          const cut = (await whole(page, selector)).filter((e) => !e.whole);
          expect(cut, selector).toEqual([]);
        }
        await finishPanel(panel);
      });
    }
  }

  it('"Free now": a chip and a filter counting the same people, and the presence sort puts them before the busy', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      calendar: true,
      timezoneId: ZONE,
      viewport: { width: 400, height: 2400 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    const people = await team(page);
    // The oracle: online, and no meeting or out-of-office block now (tentative does not block).
    const blocked = (p: Person) =>
      ['meeting', 'out-of-office'].includes(covering(p, FIXED_NOW)?.kind ?? '');
    const free = people.filter((p) => p.presence === 'online' && !blocked(p)).map((p) => p.id);
    const busy = people.filter((p) => p.presence === 'online' && blocked(p)).map((p) => p.id);
    expect(free.length).toBeGreaterThan(5);
    expect(busy.length).toBeGreaterThan(1);
    // Sorted by presence: every free person before every online person who is busy.
    const order = await ids(page);
    expect(Math.max(...free.map((id) => order.indexOf(id)))).toBeLessThan(
      Math.min(...busy.map((id) => order.indexOf(id))),
    );
    const chip = page.locator('button[data-count=free]');
    expect(Number(await chip.locator('strong').textContent())).toBe(free.length);
    await chip.click();
    await expect
      .poll(async () => (await ids(page)).sort((a, b) => a - b))
      .toEqual([...free].sort((a, b) => a - b));
    expect(await page.getByTestId('filter-free').isChecked()).toBe(true);
    // Anna's meeting ends: she is free from that minute, without a new fetch.
    const anna = covering(
      people.find((p) => p.id === 1)!,
      FIXED_NOW,
    )!;
    await page.clock.setFixedTime(anna.until + 1_000);
    await expect.poll(() => ids(page)).toContain(1);
    expect(await row(page, 1).getByTestId('calendar-line').count()).toBe(0);
    await finishPanel(panel);
  });

  it('without calendars on the portal there is no "Free now", no calendar line and no local time', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      timezoneId: ZONE,
      viewport: { width: 1280, height: 900 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    expect(await page.locator('button[data-count=free]').count()).toBe(0);
    expect(await page.getByTestId('filter-free').count()).toBe(0);
    expect(await page.getByTestId('calendar-line').count()).toBe(0);
    expect(await page.getByTestId('local-time').count()).toBe(0);
    await finishPanel(panel);
  });

  it('at 1280 px: a column header, the calendar and the local time where the zone differs, half hours too', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      calendar: true,
      timezoneId: ZONE,
      viewport: { width: 1280, height: 2400 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    expect(await page.getByTestId('list-head').textContent()).toContain('Calendar and local time');
    const offset = (zone: string): number => {
      const name =
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
          .formatToParts(FIXED_NOW)
          .find((p) => p.type === 'timeZoneName')?.value ?? '';
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    };
    const span = (minutes: number): string => {
      const h = Math.floor(Math.abs(minutes) / 60);
      const m = Math.abs(minutes) % 60;
      return `${m === 0 ? `${h} h` : h === 0 ? `${m} min` : `${h} h ${m} min`} ${minutes > 0 ? 'ahead' : 'behind'}`;
    };
    for (const [id, zone] of [
      [1, 'Asia/Tokyo'],
      [7, 'America/St_Johns'],
    ] as const) {
      const local = row(page, id).getByTestId('local-time');
      expect(await local.locator('.words').textContent(), zone).toBe(
        `${clock(FIXED_NOW, 'en', zone)} local`,
      );
      expect(await local.locator('.when').textContent(), zone).toBe(
        span(offset(zone) - offset(ZONE)),
      );
    }
    // Tokyo is 3 h 30 min ahead of Kolkata: the half hour is said.
    expect(span(offset('Asia/Tokyo') - offset(ZONE))).toBe('3 h 30 min ahead');
    // The viewer's own zone (4, Kolkata) and an unknown one (11): nothing, never a guess.
    expect(await row(page, 4).getByTestId('local-time').count()).toBe(0);
    expect(await row(page, 11).getByTestId('local-time').count()).toBe(0);
    // The search box shows its whole placeholder.
    const placeholderFits = await page.getByTestId('search').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room =
        input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return context.measureText(input.placeholder).width <= room;
    });
    expect(placeholderFits).toBe(true);
    await finishPanel(panel);
  });

  it('the details view shows today’s and tomorrow’s busy blocks, never titles, and the local time', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      calendar: true,
      timezoneId: ZONE,
      viewport: { width: 400, height: 900 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    const anna = (await team(page)).find((p) => p.id === 1)!;
    await page.getByTestId('search').fill('Anna Petrova');
    await row(page, 1).dblclick();
    const calendar = page.getByTestId('detail-calendar');
    await calendar.waitFor();
    const today = dayOf(FIXED_NOW);
    // Kolkata keeps no summer time: a day on is tomorrow there.
    const tomorrow = dayOf(FIXED_NOW + 86_400_000);
    for (const [key, day] of [
      ['today', today],
      ['tomorrow', tomorrow],
    ] as const) {
      const expected = anna
        .calendar!.filter((b) => dayOf(b.from) === day && dayOf(b.until - 1) === day)
        .map((b) => `${clock(b.from)}–${clock(b.until)}`);
      expect(expected.length, key).toBeGreaterThan(0);
      expect(
        await calendar.locator(`[data-day=${key}] .calendar-block .span`).allTextContents(),
        key,
      ).toEqual(expected);
    }
    expect(await calendar.locator('.calendar-block .kind').allTextContents()).toEqual([
      'Busy',
      'Busy',
    ]);
    expect(await page.getByTestId('detail-local-time').textContent()).toContain(
      `${clock(FIXED_NOW, 'en', 'Asia/Tokyo')} local`,
    );
    // Star and mute are here too (a narrow row has room for the star and this view's button only).
    await page.getByTestId('detail-mute').click();
    await expect
      .poll(() => page.getByTestId('detail-mute').getAttribute('aria-pressed'))
      .toBe('true');
    await finishPanel(panel);
  });

  it('Settings → Connection says in one line each what the calendar and user_brief scopes would add, without an error', async () => {
    const panel = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: 900 },
    });
    const { page } = panel;
    await page.locator('.row.person').first().waitFor();
    await page.getByTestId('open-settings').click();
    expect(await page.getByTestId('scope-calendar').textContent()).toContain('“calendar”');
    expect(await page.getByTestId('scope-timezones').textContent()).toContain('“user_brief”');
    expect(await page.locator('.banner').count()).toBe(0);
    await finishPanel(panel);
    const given = await openPanel(env.browser, env.server.url, {
      calendar: true,
      viewport: { width: 400, height: 900 },
    });
    await given.page.locator('.row.person').first().waitFor();
    await given.page.getByTestId('open-settings').click();
    await given.page.getByTestId('disconnect').waitFor();
    expect(await given.page.getByTestId('scope-calendar').count()).toBe(0);
    expect(await given.page.getByTestId('scope-timezones').count()).toBe(0);
    await finishPanel(given);
  });
});

describe.skipIf(browserSkipReason !== null)(
  'a hovered or selected row keeps its presence readable (issue 22 items 2, 3, 13)',
  () => {
    const env = usePanel();

    for (const width of [320, 400, 1280] as const) {
      for (const lang of ['en', 'ru'] as const) {
        it(`${width} px, ${lang}: no button over the pill, no age or date cut, the star last`, async () => {
          const panel = await openPanel(env.browser, env.server.url, {
            calendar: true,
            timezoneId: ZONE,
            locale: lang === 'ru' ? 'ru-RU' : 'en-US',
            viewport: { width, height: 900 },
          });
          const { page } = panel;
          await page.locator('.row.person').first().waitFor();
          // Sort by name so offline and on-leave people (the longest pills) are on screen.
          await page.getByTestId('sort').selectOption('name');
          const rows = page.locator('.row.person');
          for (let i = 0; i < 8; i++) {
            // One selected by the keyboard, one hovered.
            await rows.nth(i).click();
            await page.keyboard.press('ArrowDown');
            await rows.nth(i).hover();
            const problems = await page
              .locator('.row.person.active, .row.person:hover')
              .evaluateAll((elements) =>
                elements.flatMap((r) => {
                  const pill = r.querySelector('.pill')!.getBoundingClientRect();
                  const phrase = r.querySelector('.pill .phrase')!;
                  const out: string[] = [];
                  if (phrase.scrollWidth > phrase.clientWidth + 1)
                    out.push(`cut: ${phrase.textContent}`);
                  for (const button of Array.from(r.querySelectorAll('.actions .icon-button'))) {
                    const b = button.getBoundingClientRect();
                    if (getComputedStyle(button).opacity === '0') continue;
                    if (
                      Math.min(b.right, pill.right) - Math.max(b.left, pill.left) > 0.5 &&
                      Math.min(b.bottom, pill.bottom) - Math.max(b.top, pill.top) > 0.5
                    ) {
                      out.push(`${button.className} over "${phrase.textContent}"`);
                    }
                  }
                  const buttons = Array.from(r.querySelectorAll('.actions .icon-button'));
                  if (buttons.at(-1)?.classList.contains('star') !== true)
                    out.push('the star is not last');
                  return out;
                }),
              );
            expect(problems, `row ${i}`).toEqual([]);
          }
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
          // The header's freshness and the sort are whole too.
          const freshness = await page
            .getByTestId('freshness')
            .evaluate((el) =>
              Array.from(el.children).every(
                (c) =>
                  c.scrollWidth <= c.clientWidth + 1 &&
                  c.getBoundingClientRect().right <= el.getBoundingClientRect().right + 1,
              ),
            );
          expect(freshness).toBe(true);
          await finishPanel(panel);
        });
      }
    }
  },
);
