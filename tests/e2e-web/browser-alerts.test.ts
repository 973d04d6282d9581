/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createAppService } from '../../electron/core/app-service.js';
import type { AppService } from '../../electron/core/ports.js';
import { memoryPorts } from '../../electron/cli/memory-ports.js';
import { memoryHistoryFolders } from '../../electron/core/history/memory-files.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoPortal } from '../../electron/demo/types.js';
import { DEFAULT_SETTINGS } from '../../electron/shared/settings/schema.js';
import type { FakeControl } from './support/fake-bridge.js';
import {
  browserSkipReason,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  FIXED_NOW,
  openPanel,
} from './support/browser.js';
import { finishPanel, usePanel } from './support/suite.js';
import { ensureRendererBuilt } from './support/static-server.js';
import { clearOfMeetings } from '../support/demo-reachable.js';

/**
 * issue 22, item 1: in browser mode (what `npm start` opens without Electron) alerts are seen,
 * not only read to a screen reader: a web notification where the user allowed them, a toast in
 * the page for each, the chime when sound is on, and the online count in the tab's title.
 */
const STATIC_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
type FakeWindow = { __fake: FakeControl };
type Observed = {
  __notifications: Array<{ title: string; body: string; tag: string }>;
  __chimes: number;
};

/** Records every notification the page constructs, keeping the browser's real permission. */
const OBSERVE_NOTIFICATIONS = `(() => {
  window.__notifications = [];
  const Real = window.Notification;
  if (typeof Real !== 'function') return;
  window.Notification = class extends Real {
    constructor(title, options = {}) {
      super(title, options);
      window.__notifications.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
    }
  };
})();`;

/** A browser that asks and is refused (the user clicks "Block"). */
const REFUSING_NOTIFICATIONS = `(() => {
  window.__notifications = [];
  let permission = 'default';
  window.Notification = class {
    static get permission() { return permission; }
    static async requestPermission() { permission = 'denied'; return permission; }
    constructor(title, options = {}) { window.__notifications.push({ title, body: options.body ?? '', tag: options.tag ?? '' }); }
  };
})();`;

/** Counts the notes the chime plays (audio is otherwise inaudible in a headless browser). */
const COUNT_CHIMES = `(() => {
  window.__chimes = 0;
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    createOscillator() { window.__chimes++; return super.createOscillator(); }
  };
})();`;

const observed = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Observed).__notifications);
const chimes = (page: Page) => page.evaluate(() => (globalThis as unknown as Observed).__chimes);
const rowOf = (page: Page, name: string) =>
  page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });

describe.skipIf(browserSkipReason !== null)('browser mode end to end: alerts are seen', () => {
  let browser: Browser;
  let context: BrowserContext | null = null;
  let server: WebServer | null = null;
  let service: AppService | null = null;
  const demos: DemoPortal[] = [];

  beforeAll(async () => {
    await ensureRendererBuilt();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    await server?.close();
    await service?.stop();
    await Promise.all(demos.splice(0).map((demo) => demo.close()));
  });

  it('the bell’s alert comes as a web notification and a toast, and the tab says who is online', async () => {
    service = createAppService({
      host: 'browser',
      appVersion: 'test',
      platform: process.platform,
      ...memoryPorts({ connection: { kind: 'demo' } }),
      opener: null,
      startDemo: async () => {
        const demo = await startDemoPortal({ teamSize: 12, evolve: false, seed: 11 });
        demos.push(demo);
        return demo;
      },
      locale: () => 'en',
      historyFolder: memoryHistoryFolders(),
    });
    await service.start();
    server = await startWebServer({ service, staticDir: STATIC_DIR });
    context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'en-US' });
    await context.grantPermissions(['notifications'], { origin: new URL(server.url).origin });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.addInitScript({ content: OBSERVE_NOTIFICATIONS });
    await page.goto(server.url);
    await expect.poll(() => page.locator('.row.person').count()).toBe(12);

    // Allowed already: no prompt; the title counts who is online, as the header does.
    expect(await page.getByTestId('notify-prompt').count()).toBe(0);
    const online = async () =>
      Number(await page.locator('[data-count=online] strong').textContent());
    await expect.poll(() => page.title()).toBe(`(${await online()}) B24 Presence`);

    const portal = demos[0]!;
    const id = clearOfMeetings(portal.control, Date.now());
    const name = String(portal.control.userObject(id)!.name);
    portal.control.updatePerson(id, { presence: 'offline' });
    await page.getByRole('button', { name: 'Refresh now' }).click();
    await expect.poll(() => rowOf(page, name).textContent()).toMatch(/Offline/);
    await expect.poll(() => page.title()).toBe(`(${await online()}) B24 Presence`);
    await rowOf(page, name).hover();
    await page.getByRole('button', { name: `Tell me when ${name} is available (B)` }).click();
    await expect.poll(() => rowOf(page, name).getByTestId('notify-mark').count()).toBe(1);

    portal.control.updatePerson(id, { presence: 'online' });
    await page.getByRole('button', { name: 'Refresh now' }).click();
    // The bell is not used up silently: a toast the user sees, and the browser's notification.
    const toast = page.locator('[data-testid=alert-toast][data-kind=notify-once]');
    await toast.waitFor({ state: 'visible' });
    expect(await toast.textContent()).toContain(name);
    await expect
      .poll(async () => (await observed(page)).filter((note) => note.title.includes(name)).length)
      .toBeGreaterThan(0);
    await expect.poll(() => page.title()).toBe(`(${await online()}) B24 Presence`);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(browserSkipReason !== null)(
  'browser mode alerts in Chromium with a fake bridge',
  () => {
    const env = usePanel();
    const alert = (id: string, userId: number, title: string) => ({
      id,
      kind: 'online',
      title,
      body: 'Frontend developer',
      userIds: [userId],
      at: FIXED_NOW,
    });
    const emit = (page: Page, payload: unknown) =>
      page.evaluate(
        (value) => (globalThis as unknown as FakeWindow).__fake.emit('alert', value),
        payload,
      );

    it('asks from a click, then raises a notification, a toast that shows the person, and the chime', async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        host: 'browser',
        settings: { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, sound: true } },
      });
      const { page } = panel;
      await page.addInitScript({ content: OBSERVE_NOTIFICATIONS + COUNT_CHIMES });
      await page.reload();
      const prompt = page.getByTestId('notify-prompt');
      await prompt.waitFor();
      // The user says yes when the browser asks.
      await page
        .context()
        .grantPermissions(['notifications'], { origin: new URL(env.server.url).origin });
      // The chime needs a gesture before it can sound: the click on "Turn on" is one.
      await page.getByTestId('notify-allow').click();
      await expect.poll(() => prompt.count()).toBe(0);

      await emit(page, alert('a1', 12, 'Leo Fischer is online'));
      const toast = page.getByTestId('alert-toast');
      await toast.waitFor({ state: 'visible' });
      expect(await toast.textContent()).toContain('Leo Fischer is online');
      expect(await observed(page)).toEqual([
        { title: 'Leo Fischer is online', body: 'Frontend developer', tag: 'a1' },
      ]);
      await expect.poll(() => chimes(page)).toBeGreaterThan(0);
      // "Show" finds the person, even behind a filter.
      await page.getByTestId('filter-offline').check({ force: true });
      await toast.getByRole('button', { name: 'Show' }).click();
      await expect
        .poll(() => page.getByRole('listbox').getAttribute('aria-activedescendant'))
        .toBe('person-12');
      expect(await toast.count()).toBe(0);
      await finishPanel(panel);
    });

    it('without sound no chime; several alerts stack, each readable; they go after a while', async () => {
      const panel = await openPanel(env.browser, env.server.url, { host: 'browser' });
      const { page } = panel;
      await page.addInitScript({ content: COUNT_CHIMES });
      await page.reload();
      await page.locator('.row.person').first().waitFor();
      await page.clock.install();
      await page.locator('.row.person').first().click();
      for (const [index, name] of ['Anna Petrova', 'Boris Ivanov', 'Chloe Martin'].entries())
        await emit(page, alert(`s${index}`, index + 1, `${name} is online`));
      const toasts = page.getByTestId('alert-toast');
      await expect.poll(() => toasts.count()).toBe(3);
      await expectStacked(page);
      expect(await chimes(page)).toBe(0);
      await page.clock.runFor(13_000);
      await expect.poll(() => toasts.count()).toBe(0);
      await finishPanel(panel);
    });

    it('toasts of every kind stack instead of covering each other: a failed action, "online now", alerts (item 10)', async () => {
      for (const width of [320, 1280]) {
        const panel = await openPanel(env.browser, env.server.url, {
          host: 'browser',
          viewport: { width, height: 700 },
        });
        const { page } = panel;
        const anna = rowOf(page, 'Anna Petrova');
        await anna.waitFor();
        await page.evaluate(() =>
          (globalThis as unknown as FakeWindow).__fake.failNext('colleague:set-rule', {
            code: 'host-unreachable',
            message: 'refused',
            field: null,
          }),
        );
        await rowOf(page, 'Chloe Martin').hover();
        await rowOf(page, 'Chloe Martin').locator('.icon-button.star').click();
        await page.getByTestId('failed-action').waitFor();
        // The bell by its key on the selected row: a narrow row keeps only the star and "more" inline.
        await anna.click();
        await page.getByRole('listbox').focus();
        await page.keyboard.press('b');
        await page.getByTestId('available-now').waitFor();
        await emit(page, alert('k1', 12, 'Leo Fischer is online'));
        await page.getByTestId('alert-toast').waitFor();
        expect(await page.locator('.toasts > .toast').count()).toBe(4);
        await expectStacked(page);
        // The error is still readable and its buttons work: nothing lies on top of it.
        const close = page.getByTestId('failed-action').getByRole('button', { name: 'Dismiss' });
        const box = (await close.boundingBox())!;
        expect(
          await page.evaluate(
            ([x, y]) =>
              document
                .elementFromPoint(x!, y!)
                ?.closest('[data-testid]')
                ?.getAttribute('data-testid'),
            [box.x + box.width / 2, box.y + box.height / 2],
          ),
        ).toBe('failed-action');
        await page.screenshot({ path: `/tmp/shots-ui22/toasts-${width}.png` });
        await finishPanel(panel);
      }
    });

    it('a refused permission says where alerts go instead, and the toasts still come', async () => {
      const panel = await openPanel(env.browser, env.server.url, {
        host: 'browser',
        locale: 'ru-RU',
        viewport: { width: 320, height: 640 },
      });
      const { page } = panel;
      await page.addInitScript({ content: REFUSING_NOTIFICATIONS });
      await page.reload();
      await page.getByTestId('notify-allow').click();
      const denied = page.getByTestId('notify-denied');
      await denied.waitFor();
      expect(await denied.textContent()).toContain('только здесь, во вкладке');
      await emit(page, alert('r1', 5, 'Elena Kuznetsova в сети'));
      await page.getByTestId('alert-toast').waitFor({ state: 'visible' });
      expect(await observed(page)).toEqual([]);
      await expectStacked(page);
      // Settings → Alerts says the same, and offers no "Turn on" that cannot work.
      await page.getByTestId('open-settings').click();
      const setting = page.getByTestId('browser-notifications');
      await setting.waitFor();
      expect(await setting.getAttribute('data-permission')).toBe('denied');
      expect(await setting.getByRole('button').count()).toBe(0);
      await finishPanel(panel);
    });

    it('where the browser has no notifications, settings say so; the desktop shows none of this', async () => {
      const bare = await openPanel(env.browser, env.server.url, { host: 'browser' });
      await bare.page.addInitScript({ content: 'delete window.Notification;' });
      await bare.page.reload();
      await bare.page.locator('.row.person').first().waitFor();
      expect(await bare.page.getByTestId('notify-prompt').count()).toBe(0);
      await bare.page.getByTestId('open-settings').click();
      await bare.page.getByTestId('browser-notifications').waitFor();
      expect(
        await bare.page.getByTestId('browser-notifications').getAttribute('data-permission'),
      ).toBe('unsupported');
      await finishPanel(bare);

      // The desktop shell shows native notifications itself: no second copy in the page.
      const desktop = await openPanel(env.browser, env.server.url, { host: 'desktop' });
      await desktop.page.addInitScript({ content: OBSERVE_NOTIFICATIONS });
      await desktop.page.reload();
      await desktop.page.locator('.row.person').first().waitFor();
      await emit(desktop.page, alert('d1', 1, 'Anna Petrova is online'));
      await expect
        .poll(() => desktop.page.getByTestId('alert-live').textContent())
        .toContain('Anna Petrova is online');
      expect(await desktop.page.getByTestId('alert-toast').count()).toBe(0);
      expect(await desktop.page.getByTestId('notify-prompt').count()).toBe(0);
      expect(await observed(desktop.page)).toEqual([]);
      await desktop.page.getByTestId('open-settings').click();
      await desktop.page.getByTestId('alert-sound').waitFor();
      expect(await desktop.page.getByTestId('browser-notifications').count()).toBe(0);
      await finishPanel(desktop);
    });
  },
);

/** Every toast inside the window, none over another. */
async function expectStacked(page: Page): Promise<void> {
  const boxes = await page
    .locator('.toasts > .toast')
    .evaluateAll((toasts) =>
      toasts.map((toast) => toast.getBoundingClientRect().toJSON() as DOMRect),
    );
  const width = page.viewportSize()!.width;
  for (const [index, box] of boxes.entries()) {
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(width);
    const next = boxes[index + 1];
    if (next) expect(next.top, 'toasts overlap').toBeGreaterThanOrEqual(box.bottom);
  }
}
