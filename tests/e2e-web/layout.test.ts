/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import { browserSkipReason, cspViolations, FIXED_NOW, openPanel } from './support/browser.js';
import { usePanel } from './support/suite.js';

/**
 * The panel at the sizes people use (issue 11): the desktop window opens at 400×640 and can be
 * made 320 wide; some make it 1280. At each: no sideways page scroll, no text drawn over other
 * text, and screenshots into /tmp/shots (B24_SHOTS_DIR) to look at.
 */
const shots = process.env.B24_SHOTS_DIR ?? '/tmp/shots';
const WIDTHS = [320, 400, 1280] as const;
const HEIGHT = 640;

/** Alerts paused until 14:30 on the fixed test day: the header's longest state. */
const PAUSED = {
  ...DEFAULT_SETTINGS,
  alerts: { ...DEFAULT_SETTINGS.alerts, pausedUntil: FIXED_NOW + 150 * 60_000 },
};

interface Overlap {
  readonly a: string;
  readonly b: string;
}

/**
 * Pairs of visible text boxes that overlap, inside the header, banners, toolbar and rows. Each
 * text node's line boxes are clipped by its ancestors' overflow (an ellipsis or .sr-only clips
 * what is not drawn) and only then compared.
 */
function overlappingText(page: Page): Promise<Overlap[]> {
  return page.evaluate(() => {
    const roots = Array.from(
      document.querySelectorAll('.header, .banner, .toolbar, .row, .list-empty'),
    );
    type Box = {
      left: number;
      top: number;
      right: number;
      bottom: number;
      text: string;
      node: Node;
    };
    const boxes: Box[] = [];
    const clipOf = (element: Element): DOMRect | null => {
      let clip: { left: number; top: number; right: number; bottom: number } | null = null;
      for (
        let e: Element | null = element;
        e !== null && e !== document.documentElement;
        e = e.parentElement
      ) {
        const style = getComputedStyle(e);
        if (
          style.overflowX !== 'visible' ||
          style.overflowY !== 'visible' ||
          style.clip !== 'auto'
        ) {
          const r = e.getBoundingClientRect();
          clip =
            clip === null
              ? r
              : {
                  left: Math.max(clip.left, r.left),
                  top: Math.max(clip.top, r.top),
                  right: Math.min(clip.right, r.right),
                  bottom: Math.min(clip.bottom, r.bottom),
                };
        }
      }
      return clip === null
        ? null
        : new DOMRect(clip.left, clip.top, clip.right - clip.left, clip.bottom - clip.top);
    };
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text === '' || parent === null || parent.closest('option, select, script') !== null)
          continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const clip = clipOf(parent);
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of Array.from(range.getClientRects())) {
          const left = Math.max(r.left, clip?.left ?? -Infinity);
          const right = Math.min(r.right, clip?.right ?? Infinity);
          const top = Math.max(r.top, clip?.top ?? -Infinity);
          const bottom = Math.min(r.bottom, clip?.bottom ?? Infinity);
          if (right - left > 1.5 && bottom - top > 1.5)
            boxes.push({ left, top, right, bottom, text, node });
        }
      }
    }
    const overlaps: Array<{ a: string; b: string }> = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box;
        const b = boxes[j] as Box;
        // One text node may report its line box twice (an ellipsis): not text over other text.
        if (a.node === b.node) continue;
        // Line boxes of neighbouring words may touch: only a real overlap (> 1 px both ways) counts.
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push({ a: a.text, b: b.text });
      }
    }
    return overlaps;
  });
}

function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(browserSkipReason !== null)('panel layout from 320 px to 1280 px', () => {
  const env = usePanel();
  beforeAll(async () => {
    await mkdir(shots, { recursive: true });
  });

  const CASES = [
    { portal: 'current', lang: 'en', scheme: 'light' },
    { portal: 'legacy', lang: 'ru', scheme: 'dark' },
    { portal: 'legacy', lang: 'en', scheme: 'dark' },
    { portal: 'current', lang: 'ru', scheme: 'light' },
  ] as const;

  for (const width of WIDTHS) {
    for (const { portal, lang, scheme } of CASES) {
      it(`${width} px, ${portal} portal, ${lang}, ${scheme}, long names, alerts paused: nothing overflows or overlaps`, async () => {
        const { page, problems } = await openPanel(env.browser, env.server.url, {
          portal,
          colorScheme: scheme,
          locale: lang === 'ru' ? 'ru-RU' : 'en-US',
          viewport: { width, height: HEIGHT },
          longNames: true,
          settings: PAUSED,
        });
        const name = `layout-${width}-${portal}-${lang}-${scheme}`;
        await page.locator('.row.person').first().waitFor();
        await page.getByTestId('paused').waitFor();
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(shots, `${name}.png`) });
        expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
        expect(await overlappingText(page)).toEqual([]);

        if (width === 1280) {
          // A wide row keeps presence near the name (pills end in the row's first two thirds), and
          // the room after it is the calendar and local-time column (issue 19, issue 22 item 13),
          // starting right after the pill instead of leaving it empty.
          const spread = await page.locator('.row.person').evaluateAll((rows) =>
            rows.map((r) => {
              const row = r.getBoundingClientRect();
              const pill = r.querySelector('.pill')?.getBoundingClientRect();
              const context = r.querySelector('.context')?.getBoundingClientRect();
              return {
                end: pill === undefined ? 0 : (pill.right - row.left) / row.width,
                gap: (context?.left ?? Infinity) - (pill?.right ?? 0),
              };
            }),
          );
          expect(Math.max(...spread.map((row) => row.end))).toBeLessThan(2 / 3);
          expect(Math.max(...spread.map((row) => row.gap))).toBeLessThan(24);
        }

        // The desktop app's icon shows at every width, inside its row, for whoever runs it.
        const desktops = await page.locator('.row.person').evaluateAll((rows) =>
          rows.map((r) => {
            const icon = r.querySelector('.indicators > .indicator:first-child.on');
            const box = icon?.getBoundingClientRect();
            const row = r.getBoundingClientRect();
            return box === undefined
              ? null
              : box.width > 0 && box.left >= row.left && box.right <= row.right;
          }),
        );
        expect(desktops.filter((shown) => shown !== null).length).toBeGreaterThan(0);
        expect(desktops.every((shown) => shown !== false)).toBe(true);

        // Every filter, the last ones too ("Starred" used to push the page sideways).
        const segments = page.locator('label.segment');
        const count = await segments.count();
        for (let i = 0; i < count; i++) {
          await segments.nth(i).click();
          expect(await pageOverflow(page), `filter ${i}`).toBeLessThanOrEqual(0);
          expect(await page.evaluate(() => window.scrollX)).toBe(0);
        }
        await segments.first().click();

        // Grouped, a row hovered (its buttons shown), a rate-limit banner.
        await page.getByTestId('group').check();
        await page.locator('.row.group').first().waitFor();
        await page.evaluate((now) => {
          (globalThis as unknown as { __fake: { emit(c: string, p: unknown): void } }).__fake.emit(
            'health',
            {
              state: 'rate-limited',
              since: now,
              until: now + 90_000,
              lastSuccessAt: now - 60_000,
              code: 'QUERY_LIMIT_EXCEEDED',
              message: null,
            },
          );
        }, FIXED_NOW);
        await page.locator('.banner').waitFor();
        await page.locator('.row.person').nth(1).hover();
        await page.screenshot({ path: join(shots, `${name}-grouped.png`) });
        expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
        expect(await overlappingText(page)).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('never scrolls sideways at any width from 320 px up, with every filter and while paused', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      portal: 'legacy',
      locale: 'ru-RU',
      viewport: { width: 320, height: HEIGHT },
      longNames: true,
      settings: PAUSED,
    });
    await page.locator('.row.person').first().waitFor();
    for (let width = 320; width <= 1400; width += 40) {
      await page.setViewportSize({ width, height: HEIGHT });
      await page.locator('label.segment').last().click();
      expect(await pageOverflow(page), `${width} px`).toBeLessThanOrEqual(0);
      await page.locator('label.segment').first().click();
      expect(await pageOverflow(page), `${width} px`).toBeLessThanOrEqual(0);
      expect(await overlappingText(page), `${width} px`).toEqual([]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a truncated name and position are there in full for screen readers', async () => {
    const { page } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 320, height: HEIGHT },
      longNames: true,
    });
    const anna = page.locator('.row.person[data-id="1"]');
    await anna.waitFor();
    const name = anna.locator('.name');
    // Drawn with an ellipsis…
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // …and whole in the row's accessible name.
    const label = (await anna.getAttribute('aria-label')) ?? '';
    expect(label).toContain('Anna-Alexandra Petrova-Konstantinopolskaya');
    expect(label).toContain(
      'Senior principal Account manager for partnerships and enterprise accounts',
    );
    await page.context().close();
  });
  it('a truncated name and position show their whole text in a tooltip', async () => {
    const { page } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 320, height: HEIGHT },
      longNames: true,
    });
    const anna = page.locator('.row.person[data-id="1"]');
    await anna.waitFor();
    expect(await anna.locator('.name').getAttribute('title')).toBe(
      'Anna-Alexandra Petrova-Konstantinopolskaya',
    );
    expect(await anna.locator('.sub').getAttribute('title')).toContain(
      'Senior principal Account manager for partnerships and enterprise accounts',
    );
    await page.context().close();
  });

  it('the overlap check catches text drawn over text', async () => {
    const { page } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: HEIGHT },
    });
    await page.locator('.row.person').first().waitFor();
    await page.evaluate(() => {
      const name = document.querySelector<HTMLElement>('.row.person .name');
      if (name) name.style.setProperty('margin-right', '-400px');
      const sub = document.querySelector<HTMLElement>('.row.person .sub');
      if (sub) sub.style.setProperty('margin-top', '-18px');
    });
    expect((await overlappingText(page)).length).toBeGreaterThan(0);
    await page.context().close();
  });
});

type Fake = { __fake: { emit(channel: string, payload: unknown): void } };

describe.skipIf(browserSkipReason !== null)('truth in every number', () => {
  const env = usePanel();

  const shown = (page: Page) => page.locator('.row.person').count();
  const chip = (page: Page, key: string) => page.locator(`button[data-count=${key}]`);

  it('each header chip is a button that applies its filter, pressed while it is on, its number what the list shows', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      portal: 'legacy',
      viewport: { width: 400, height: 2400 },
    });
    await page.locator('.row.person').first().waitFor();
    for (const key of ['online', 'idle', 'mobile', 'offline', 'leave']) {
      const button = chip(page, key);
      const value = Number(await button.locator('strong').textContent());
      await button.click();
      expect(await button.getAttribute('aria-pressed'), key).toBe('true');
      await expect.poll(() => shown(page), { message: key }).toBe(value);
      // The toolbar agrees: the same filter is checked there.
      expect(
        await page.getByTestId(`filter-${key === 'leave' ? 'leave' : key}`).isChecked(),
        key,
      ).toBe(true);
      expect(await page.locator('button[data-count][aria-pressed=true]').count()).toBe(1);
    }
    // Pressed again: everyone.
    await chip(page, 'leave').click();
    expect(await chip(page, 'leave').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => shown(page)).toBe(40);
    expect(await page.getByTestId('filter-all').isChecked()).toBe(true);
    // At 400 px the filter bar wraps: the chosen filter is in view.
    await chip(page, 'offline').click();
    const inView = await page.locator('label.segment.checked').evaluate((label) => {
      const bar = label.parentElement?.getBoundingClientRect();
      const box = label.getBoundingClientRect();
      return bar !== undefined && box.left >= bar.left - 1 && box.right <= bar.right + 1;
    });
    expect(inView).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      400,
    );
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('tones presence down to "last known" while the data is stale or the credential was rejected', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: HEIGHT },
    });
    const anna = page.locator('.row.person[data-id="1"] .pill');
    await anna.waitFor();
    const colour = () => anna.evaluate((el) => getComputedStyle(el).color);
    const green = await colour();
    expect(await page.locator('.panel').getAttribute('data-live')).toBe('live');
    expect(await page.getByTestId('last-known').count()).toBe(0);
    for (const state of ['stale', 'auth-failed', 'offline'] as const) {
      await page.evaluate(
        ([now, health]) =>
          (globalThis as unknown as Fake).__fake.emit('health', {
            state: health,
            since: now,
            until: null,
            lastSuccessAt: now - 600_000,
            code: null,
            message: null,
          }),
        [FIXED_NOW, state] as const,
      );
      await expect
        .poll(() => page.locator('.panel').getAttribute('data-live'), { message: state })
        .toBe('last-known');
      expect(await page.getByTestId('last-known').textContent()).toBe('Last known');
      expect(await colour(), state).not.toBe(green);
      await page.screenshot({ path: join(shots, `last-known-${state}-400.png`) });
    }
    await page.evaluate(
      (now) =>
        (globalThis as unknown as Fake).__fake.emit('health', {
          state: 'ok',
          since: now,
          until: null,
          lastSuccessAt: now,
          code: null,
          message: null,
        }),
      FIXED_NOW,
    );
    await expect.poll(() => page.locator('.panel').getAttribute('data-live')).toBe('live');
    expect(await colour()).toBe(green);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('search finds people by department name', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 1000, height: 2400 },
    });
    await page.locator('.row.person').first().waitFor();
    // The fake's departments: 1 is "Engineering" (no position says it), for ids whose floor(id / 3) % 5 is 0.
    const engineering = Array.from({ length: 40 }, (_, i) => i + 1).filter(
      (id) => Math.floor(id / 3) % 5 === 0,
    );
    await page.getByTestId('search').fill('engineering');
    await expect
      .poll(() =>
        page
          .locator('.row.person')
          .evaluateAll((rows) =>
            rows.map((r) => Number(r.getAttribute('data-id'))).sort((a, b) => a - b),
          ),
      )
      .toEqual(engineering);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

type FakeCalls = {
  __fake: {
    calls: Array<{ channel: string; request: unknown }>;
    failNext(channel: string, error: { code: string; message: string; field: string | null }): void;
  };
};

describe.skipIf(browserSkipReason !== null)('connecting and disconnecting', () => {
  const env = usePanel();

  const callsOf = (page: Page, channel: string) =>
    page.evaluate(
      (wanted) =>
        (globalThis as unknown as FakeCalls).__fake.calls.filter((call) => call.channel === wanted)
          .length,
      channel,
    );

  it('hides the webhook like a password until asked, and a failed test takes back "Looks right"', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      connection: 'none',
      viewport: { width: 400, height: HEIGHT },
    });
    const input = page.getByTestId('webhook-url');
    await input.waitFor();
    expect(await input.getAttribute('type')).toBe('password');
    const reveal = page.getByTestId('reveal-webhook');
    expect(await reveal.getAttribute('aria-pressed')).toBe('false');
    await reveal.click();
    expect(await input.getAttribute('type')).toBe('url');
    expect(await reveal.getAttribute('aria-pressed')).toBe('true');
    expect(await reveal.textContent()).toContain('Hide');
    await reveal.click();
    expect(await input.getAttribute('type')).toBe('password');

    await input.fill('https://team.example.com/rest/7/abc123xyz/');
    const status = page.locator('#webhook-status');
    await expect.poll(() => status.textContent()).toContain('Looks right');
    await page.evaluate(() =>
      (globalThis as unknown as FakeCalls).__fake.failNext('connection:test', {
        code: 'auth-invalid',
        message: 'rejected',
        field: null,
      }),
    );
    await page.getByTestId('test-connection').click();
    await page.getByRole('alert').filter({ hasText: 'That did not work' }).waitFor();
    expect(await status.textContent()).not.toContain('Looks right');
    expect(await status.evaluate((el) => el.classList.contains('ok'))).toBe(false);
    await page.screenshot({ path: join(shots, 'onboarding-test-failed-400.png') });
    // Editing the address starts over.
    await input.fill('https://team.example.com/rest/7/abc123xyz2/');
    await expect.poll(() => status.textContent()).toContain('Looks right');
    // A test that works shows the owner, and still "Looks right".
    await page.getByTestId('test-connection').click();
    await expect
      .poll(() => page.getByTestId('test-result').textContent())
      .toContain('Webhook Owner');
    expect(await status.textContent()).toContain('Looks right');
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks before disconnecting, and offers "Change webhook" next to Disconnect', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: HEIGHT },
      locale: 'ru-RU',
    });
    await page.locator('.row.person').first().waitFor();
    await page.getByTestId('open-settings').click();
    const disconnect = page.getByTestId('disconnect');
    const change = page.getByTestId('change-webhook');
    await disconnect.waitFor();
    // Side by side, in one row of actions.
    expect(
      await change.evaluate(
        (el, other) => el.parentElement === other?.parentElement,
        await disconnect.elementHandle(),
      ),
    ).toBe(true);
    await page.screenshot({ path: join(shots, 'settings-connection-ru-400.png') });

    await disconnect.click();
    expect(await page.getByTestId('disconnect-yes').isVisible()).toBe(true);
    expect(await page.locator('#disconnect-question').textContent()).toContain('Отключиться?');
    expect(await callsOf(page, 'connection:disconnect')).toBe(0);
    await page.getByTestId('disconnect-no').click();
    expect(await callsOf(page, 'connection:disconnect')).toBe(0);
    await disconnect.click();
    await page.getByTestId('disconnect-yes').click();
    await page.getByTestId('webhook-url').waitFor();
    expect(await callsOf(page, 'connection:disconnect')).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('"Change webhook" opens the connect form, and Back returns to the panel still connected', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: HEIGHT },
    });
    await page.locator('.row.person').first().waitFor();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('change-webhook').click();
    await page.getByTestId('webhook-url').waitFor();
    await page.getByRole('button', { name: 'Back to the panel' }).click();
    await page.locator('.row.person').first().waitFor();
    expect(await callsOf(page, 'connection:disconnect')).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe.skipIf(browserSkipReason !== null)('avatar initials', () => {
  const env = usePanel();

  it('shows Georgian initials in Mkhedruli, and every avatar colour gets initials at 4.5:1 or more', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      firstName: 'ნინო',
      viewport: { width: 400, height: 2400 },
      colorScheme: 'dark',
    });
    await page.locator('.row.person').first().waitFor();
    expect(await page.locator('.row.person[data-id="1"] .initials').textContent()).toBe('ნ');
    const ratios = await page.locator('.avatar').evaluateAll((avatars) => {
      const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (css: string) => {
        const [r = 0, g = 0, b = 0] = rgb(css).map((v) => {
          const c = v / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      return avatars.map((avatar) => {
        const style = getComputedStyle(avatar);
        const a = luminance(style.backgroundColor);
        const b = luminance(style.color);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
    });
    expect(ratios.length).toBeGreaterThan(30);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
    await page.screenshot({
      path: join(shots, 'avatars-dark-400.png'),
      clip: { x: 0, y: 0, width: 400, height: 900 },
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe.skipIf(browserSkipReason !== null)('empty results', () => {
  const env = usePanel();

  it('offers "Clear filters" when nobody matches, and says how to star someone on an empty Starred list', async () => {
    const { page, problems } = await openPanel(env.browser, env.server.url, {
      viewport: { width: 400, height: HEIGHT },
    });
    await page.locator('.row.person').first().waitFor();
    await page.locator('label.segment', { has: page.getByTestId('filter-leave') }).click();
    await page.getByTestId('search').fill('nobody by this name');
    const empty = page.locator('.list-empty');
    await expect.poll(() => empty.getAttribute('data-empty')).toBe('no-match');
    expect(await empty.textContent()).toContain('Nobody matches these filters.');
    await page.screenshot({ path: join(shots, 'empty-no-match-400.png') });
    await page.getByTestId('clear-filters').click();
    await expect.poll(() => page.locator('.row.person').count()).toBeGreaterThan(5);
    expect(await page.getByTestId('search').inputValue()).toBe('');
    expect(await page.getByTestId('filter-all').isChecked()).toBe(true);

    await page.locator('label.segment', { has: page.getByTestId('filter-starred') }).click();
    await expect.poll(() => empty.getAttribute('data-empty')).toBe('no-starred');
    expect(await empty.textContent()).toContain('Star a colleague with ☆ on their row');
    await page.screenshot({ path: join(shots, 'empty-starred-400.png') });
    // Following the advice: a star, and the list shows that person.
    await page.getByTestId('clear-filters').click();
    await page.locator('.row.person').first().locator('.icon-button.star').click();
    await page.locator('label.segment', { has: page.getByTestId('filter-starred') }).click();
    await expect.poll(() => page.locator('.row.person').count()).toBe(1);
    expect(await cspViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
