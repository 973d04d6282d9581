/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createAppService } from '../../electron/core/app-service.js';
import type { AppService } from '../../electron/core/ports.js';
import type { Settings } from '../../electron/shared/settings/schema.js';
import { memoryPorts } from '../../electron/cli/memory-ports.js';
import { memoryHistoryFolders } from '../../electron/core/history/memory-files.js';
import type { AlertIntent } from '../../electron/shared/domain.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { openInBrowser } from '../../electron/cli/open-browser.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoDateFormat, DemoPortal } from '../../electron/demo/types.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser.js';
import { ensureRendererBuilt } from './support/static-server.js';
import { chromium } from 'playwright-core';
import { ManualClock } from '../../electron/core/clock.js';
import { DAY_MS, portalDate } from '../../electron/demo/portal-time.js';
import { clearOfMeetings } from '../support/demo-reachable.js';

/**
 * The whole product in browser mode, as `npm run web` runs it: the built panel in Chromium,
 * the WebSocket bridge, the app service, the engine and the demo portal over real HTTP.
 * Nothing is faked; the demo's people stand still (evolve: false) unless a test moves them,
 * and the test refreshes through the panel's own button instead of waiting for a poll.
 */
const STATIC_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

interface Running {
  readonly page: Page;
  readonly server: WebServer;
  readonly service: AppService;
  readonly demos: DemoPortal[];
  readonly problems: string[];
}

describe.skipIf(browserSkipReason !== null)(
  'browser mode end to end (panel + bridge + engine + demo portal)',
  () => {
    let browser: Browser;
    let running: Running | null = null;

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
      if (!running) return;
      await running.page.context().close();
      await running.server.close();
      await running.service.stop();
      await Promise.all(running.demos.map((demo) => demo.close()));
      running = null;
    });

    async function start(
      initial: Partial<Settings> = {},
      portal: {
        legacy?: boolean;
        clock?: ManualClock;
        dateFormat?: DemoDateFormat;
        prepare?: (demo: DemoPortal) => void;
      } = {},
      enter: (page: Page, server: WebServer) => Promise<unknown> = (page, server) =>
        page.goto(server.url),
      view: { width?: number; timezoneId?: string } = {},
    ): Promise<Running> {
      const demos: DemoPortal[] = [];
      const service = createAppService({
        ...(portal.clock ? { clock: portal.clock } : {}),
        host: 'browser',
        appVersion: 'test',
        platform: process.platform,
        ...memoryPorts(initial),
        opener: null,
        startDemo: async () => {
          const demo = await startDemoPortal({
            teamSize: 12,
            evolve: false,
            seed: 11,
            legacy: portal.legacy ?? false,
            ...(portal.clock ? { clock: portal.clock } : {}),
            ...(portal.dateFormat ? { dateFormat: portal.dateFormat } : {}),
          });
          portal.prepare?.(demo);
          demos.push(demo);
          return demo;
        },
        locale: () => 'en',
        historyFolder: memoryHistoryFolders(),
      });
      await service.start();
      const server = await startWebServer({ service, staticDir: STATIC_DIR });
      const context = await browser.newContext({
        viewport: { width: view.width ?? 1000, height: 700 },
        locale: 'en-US',
        ...(view.timezoneId ? { timezoneId: view.timezoneId } : {}),
      });
      const page = await context.newPage();
      page.setDefaultTimeout(8000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`);
      });
      running = { page, server, service, demos, problems };
      await enter(page, server);
      return running;
    }

    /**
     * A leave whose last day is `days` after today in the portal's calendar. These tests run the
     * demo on the real clock (the browser keeps its own), so the date comes from that clock at run
     * time, never from a literal that the clock overtakes; the text is what the panel shows for it.
     */
    function leaveEndingAfter(days: number): { lastDay: string; text: string } {
      const lastDay = portalDate(Date.now() + days * DAY_MS);
      const day = new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }).format(Date.parse(`${lastDay}T00:00:00Z`));
      return { lastDay, text: `On leave until ${day}` };
    }

    const rows = (page: Page) => page.locator('.row.person');
    const rowOf = (page: Page, name: string) =>
      page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });

    async function refresh(page: Page): Promise<void> {
      await page.getByRole('button', { name: 'Refresh now' }).click();
    }

    it('a newcomer tries the demo and sees the team', async () => {
      const { page, problems } = await start();
      await page.getByRole('heading', { name: 'Connect your portal' }).waitFor();
      await page.getByRole('button', { name: 'Try the demo' }).click();
      await expect.poll(() => rows(page).count()).toBe(12);
      await expect.poll(() => page.locator('h1').textContent()).toContain('12 people');
      // The page reloads for the portal's CSP, so the demo's avatars load instead of being blocked.
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              [...document.querySelectorAll('.row img')].filter(
                (img) => (img as HTMLImageElement).naturalWidth > 0,
              ).length,
          ),
        )
        .toBeGreaterThan(0);
      expect(problems).toEqual([]);
    });

    it('connects a pasted webhook after testing it, and shows whose it is', async () => {
      const { page, demos, problems } = await start();
      const portal = await startDemoPortal({ teamSize: 7, evolve: false, seed: 5 });
      demos.push(portal);
      const field = page.getByLabel('Inbound webhook address');
      await field.fill('https://portal.example/rest/7/');
      await expect
        .poll(() => page.locator('.onboarding').textContent())
        .toContain('The address must look like https://portal/rest/1/code/.');
      expect(await page.getByRole('button', { name: 'Connect', exact: true }).isDisabled()).toBe(
        true,
      );
      await field.fill(portal.webhookUrl);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect
        .poll(() => page.locator('.onboarding').textContent())
        .toContain('The “im” scope works.');
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect.poll(() => rows(page).count()).toBe(7);
      // The page never received the secret back: nothing on it shows the webhook code.
      const code = new URL(portal.webhookUrl).pathname.split('/')[3]!;
      expect(await page.content()).not.toContain(code);
      expect(problems).toEqual([]);
    });

    it('shows what a current portal reports: no mobile, no chosen status, "away" from the last activity', async () => {
      const { page, demos, problems } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      const portal = demos[0]!;
      const [dndId, idleId, mobileId, offlineId, leaveId] = portal.control.teamIds();
      const nameOf = (id: number) => String(portal.control.userObject(id)!.name);
      portal.control.updatePerson(dndId!, { presence: 'online', status: 'dnd' });
      portal.control.updatePerson(idleId!, { presence: 'idle' }); // laptop closed 6 minutes ago
      portal.control.updatePerson(mobileId!, { presence: 'mobile' });
      portal.control.updatePerson(offlineId!, { presence: 'offline' });
      const leave = leaveEndingAfter(10);
      portal.control.updatePerson(leaveId!, { presence: 'offline', absentUntil: leave.lastDay });
      await refresh(page);

      await expect
        .poll(() => rowOf(page, nameOf(idleId!)).textContent())
        .toMatch(/Away · [5-7] min/);
      // The portal stores the chosen status but never tells a REST caller, and a phone is just activity.
      expect(await rowOf(page, nameOf(dndId!)).textContent()).not.toContain('Do not disturb');
      expect(await rowOf(page, nameOf(dndId!)).textContent()).toMatch(/Online/);
      expect(await rowOf(page, nameOf(mobileId!)).textContent()).not.toContain('On mobile');
      await expect
        .poll(() => rowOf(page, nameOf(offlineId!)).textContent())
        .toMatch(/Offline · last seen/);
      await expect.poll(() => rowOf(page, nameOf(leaveId!)).textContent()).toContain(leave.text);
      expect(await page.getByRole('button', { name: /^Mobile/ }).count()).toBe(0);
      expect(await page.locator('header.header').innerHTML()).not.toMatch(/mobile/i);
      expect(problems).toEqual([]);
    });

    it('shows each presence an old on-premise portal reports, after a person changes state there', async () => {
      const { page, demos, problems } = await start(
        { connection: { kind: 'demo' } },
        { legacy: true },
      );
      await expect.poll(() => rows(page).count()).toBe(12);
      const portal = demos[0]!;
      const [onlineId, idleId, mobileId, offlineId, leaveId] = portal.control.teamIds();
      const nameOf = (id: number) => String(portal.control.userObject(id)!.name);
      portal.control.updatePerson(onlineId!, { presence: 'online', status: 'dnd' });
      portal.control.updatePerson(idleId!, { presence: 'idle' });
      portal.control.updatePerson(mobileId!, { presence: 'mobile' });
      portal.control.updatePerson(offlineId!, { presence: 'offline' });
      const leave = leaveEndingAfter(10);
      portal.control.updatePerson(leaveId!, { presence: 'offline', absentUntil: leave.lastDay });
      await refresh(page);

      await expect
        .poll(() => rowOf(page, nameOf(onlineId!)).textContent())
        .toContain('Do not disturb');
      await expect.poll(() => rowOf(page, nameOf(idleId!)).textContent()).toMatch(/Away · \d+ min/);
      await expect.poll(() => rowOf(page, nameOf(mobileId!)).textContent()).toContain('On mobile');
      await expect
        .poll(() => rowOf(page, nameOf(offlineId!)).textContent())
        .toMatch(/Offline · last seen/);
      await expect.poll(() => rowOf(page, nameOf(leaveId!)).textContent()).toContain(leave.text);

      portal.control.updatePerson(offlineId!, { presence: 'online', status: 'online' });
      await refresh(page);
      await expect.poll(() => rowOf(page, nameOf(offlineId!)).textContent()).toMatch(/Online/);
      expect(problems).toEqual([]);
    });

    it.each(['DD.MM.YYYY HH:MI:SS', 'MM/DD/YYYY H:MI:SS T'] as const)(
      "says who is in a meeting and until when at 400 px, and who is free now, in a browser zone other than the portal's (%s)",
      async (dateFormat) => {
        // The demo runs on the real clock here (the browser keeps its own), so every instant comes
        // from it at run time; the portal writes Moscow wall times, the browser reads Kolkata's.
        const now = Date.now();
        const until = (Math.floor(now / 60_000) + 45) * 60_000;
        let busyId = 0;
        let tentativeId = 0;
        const { page, problems } = await start(
          { connection: { kind: 'demo' } },
          {
            dateFormat,
            prepare: (demo) => {
              const ids = demo.control.teamIds();
              [busyId, tentativeId] = ids as [number, number];
              // Everyone online and free, but two: one in a meeting, one with an unanswered invitation.
              for (const id of ids) {
                demo.control.updatePerson(id, { presence: 'online', absentUntil: null });
                demo.control.setCalendar(id, []);
              }
              demo.control.setCalendar(busyId, [
                {
                  type: 'event',
                  accessibility: 'busy',
                  from: now - 15 * 60_000,
                  until: until - 15 * 60_000,
                },
                { type: 'event', accessibility: 'busy', from: until - 15 * 60_000, until }, // back to back: one block
              ]);
              demo.control.setCalendar(tentativeId, [
                { type: 'event', accessibility: 'quest', from: now - 5 * 60_000, until },
              ]);
            },
          },
          undefined,
          { width: 400, timezoneId: 'Asia/Kolkata' },
        );
        await expect.poll(() => rows(page).count()).toBe(12);
        const clock = new Intl.DateTimeFormat('en-GB', {
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone: 'Asia/Kolkata',
        }).format(until);
        const nameOf = async (index: number) =>
          (await rows(page).nth(index).locator('.name').textContent())!.trim();
        const names = await Promise.all(Array.from({ length: 12 }, (_, i) => nameOf(i)));
        const row = async (text: RegExp) => {
          for (const name of names)
            if (text.test((await rowOf(page, name).textContent()) ?? '')) return name;
          return null;
        };
        await expect.poll(() => row(new RegExp(`Meeting\\s*·\\s*until ${clock}`))).not.toBeNull();
        await expect.poll(() => row(new RegExp(`Tentative\\s*·\\s*until ${clock}`))).not.toBeNull();
        // The sort puts the free before the busy: the one in a meeting comes last among the online.
        expect(await rows(page).last().textContent()).toMatch(
          new RegExp(`Meeting\\s*·\\s*until ${clock}`),
        );
        // Free now: the 10 free and the tentative one (an invitation may yet be declined), not the meeting.
        const chip = page.locator('button[data-count=free]');
        await expect.poll(async () => Number(await chip.locator('strong').textContent())).toBe(11);
        await chip.click();
        expect(await page.getByTestId('filter-free').isChecked()).toBe(true);
        await expect.poll(() => rows(page).count()).toBe(11);
        expect(await page.locator('.row.person', { hasText: /Meeting\s*·\s*until/ }).count()).toBe(
          0,
        );
        expect(problems).toEqual([]);
      },
    );

    it('renders a hostile name from the portal as text', async () => {
      const { page, demos, problems } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      const id = demos[0]!.control.teamIds()[0]!;
      const hostile = '<img src=x onerror="window.__pwned=1">';
      demos[0]!.control.updatePerson(id, { name: hostile, firstName: '<b>', lastName: 'x' });
      await refresh(page);
      await expect
        .poll(() => page.locator('.row.person .name', { hasText: hostile }).count())
        .toBe(1);
      expect(
        await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
      ).toBeUndefined();
      expect(await page.locator('.row.person img[src="x"]').count()).toBe(0);
      expect(problems).toEqual([]);
    });

    it('says so when the portal revokes the webhook, and offers to reconnect', async () => {
      const { page, demos } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      demos[0]!.control.revokeWebhook();
      await refresh(page);
      await page.getByRole('button', { name: 'Reconnect' }).waitFor();
      expect(await page.locator('[data-health=auth-failed]').count()).toBe(1);
    });

    it('says so when the app behind the page goes away, instead of looking fresh', async () => {
      const { page, server } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      expect(await page.locator('[data-health=host-lost]').count()).toBe(0);
      await server.close();
      await page.locator('[data-health=host-lost]').waitFor();
      expect(await page.locator('[data-health=host-lost]').textContent()).toContain(
        'Lost the connection to B24 Presence',
      );
    });
    it('says how to get back in when the app behind the page was restarted, instead of reconnecting forever', async () => {
      const { page, server, service } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      const port = Number(new URL(server.origin).port);
      await server.close();
      await page.locator('[data-health=host-lost]').waitFor();
      // The same app again on the same port: it knows no session of the old one.
      const restarted = await startWebServer({ service, staticDir: STATIC_DIR, port });
      running = { ...running!, server: restarted };
      const banner = page.locator('[data-health=host-restarted]');
      await banner.waitFor({ timeout: 15_000 });
      expect(await banner.textContent()).toContain('it was restarted');
      expect(await banner.textContent()).toContain('Open the newest address it printed');
      expect(await page.locator('[data-health=host-lost]').count()).toBe(0);
      // Its newest address lets the tab back in.
      await page.goto(restarted.url);
      await expect.poll(() => rows(page).count()).toBe(12);
      expect(await page.locator('[data-health^=host-]').count()).toBe(0);
    });

    it('opens from the launcher’s hand-over file: the token is traded once and leaves the address', async () => {
      const { page, server, problems } = await start(
        { connection: { kind: 'demo' } },
        {},
        async (page, server) => {
          const launched = openInBrowser(server.origin, server.issueToken(), {
            platform: 'linux',
            spawn: (_command, args) => {
              void page.goto(args.at(-1)!);
              return { on: () => undefined, unref: () => undefined };
            },
          });
          await page.waitForURL(`${server.origin}/`);
          launched.cleanUp();
        },
      );
      await expect.poll(() => rows(page).count()).toBe(12);
      expect(page.url()).toBe(`${server.origin}/`);
      expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: no script reads it
      // A second tab of the printed address works once; opened again, it is not let in.
      await page.goto(server.url);
      expect(page.url()).toBe(`${server.origin}/`);
      const second = await browser.newContext();
      const other = await second.newPage();
      await other.goto(server.url);
      expect(other.url()).toBe(`${server.origin}/`);
      await other.locator('[data-health=host-restarted]').waitFor();
      await second.close();
      expect(problems).toEqual([]);
    });

    it('a star set while the app behind the page is gone says at once that it was not saved', async () => {
      const { page, server } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      await server.close();
      await page.locator('[data-health=host-lost]').waitFor();
      const first = rows(page).first();
      const name = (await first.locator('.name').textContent())!.trim();
      const star = first.locator('.icon-button.star');
      await star.click();
      const notice = page.getByTestId('failed-action');
      await notice.waitFor({ timeout: 1000 });
      expect(await notice.textContent()).toContain(`Not starred: ${name}`);
      expect(await star.getAttribute('aria-pressed')).toBe('false');
    });
    // issue 12: "while you were away", notify me once and the timeline, through the whole stack.

    it('shows "while you were away" after a simulated sleep, and a name there finds the row', async () => {
      const { page, demos, service, problems } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      const portal = demos[0]!;
      const [arrives, leaves] = portal.control.teamIds();
      const nameOf = (id: number) => String(portal.control.userObject(id)!.name);
      portal.control.updatePerson(arrives!, { presence: 'offline' });
      portal.control.updatePerson(leaves!, { presence: 'online' });
      await refresh(page);
      await expect.poll(() => rowOf(page, nameOf(arrives!)).textContent()).toMatch(/Offline/);
      await expect.poll(() => rowOf(page, nameOf(leaves!)).textContent()).toMatch(/Online/);
      expect(await page.getByTestId('digest').count()).toBe(0);

      // The laptop sleeps; meanwhile one comes online and one leaves; it wakes.
      service.pause();
      portal.control.updatePerson(arrives!, { presence: 'online' });
      portal.control.updatePerson(leaves!, { presence: 'offline' });
      service.resume();

      const card = page.getByRole('region', { name: 'While you were away' });
      await card.waitFor();
      expect(await card.locator('[data-kind=arrived]').textContent()).toContain(nameOf(arrives!));
      expect(await card.locator('[data-kind=left]').textContent()).toContain(nameOf(leaves!));
      await expect
        .poll(() => page.getByTestId('alert-live').textContent())
        .toContain(`Came online: ${nameOf(arrives!)}`);
      await card.getByRole('button', { name: `Show ${nameOf(leaves!)} in the list` }).click();
      await expect
        .poll(() => page.getByRole('listbox').getAttribute('aria-activedescendant'))
        .toBe(`person-${leaves!}`);
      await page.getByTestId('digest-dismiss').click();
      expect(await page.getByTestId('digest').count()).toBe(0);
      expect(problems).toEqual([]);
    });

    it('notify me once: asked from the bell, fires exactly once when the person comes online, and the bell goes', async () => {
      const { page, demos, service, problems } = await start({ connection: { kind: 'demo' } });
      await expect.poll(() => rows(page).count()).toBe(12);
      const portal = demos[0]!;
      const id = clearOfMeetings(portal.control, Date.now());
      const name = String(portal.control.userObject(id)!.name);
      portal.control.updatePerson(id, { presence: 'offline' });
      await refresh(page);
      await expect.poll(() => rowOf(page, name).textContent()).toMatch(/Offline/);
      const alerts: AlertIntent[] = [];
      service.on('alert', (alert) => alerts.push(alert));

      await rowOf(page, name).hover();
      await page.getByRole('button', { name: `Tell me when ${name} is available (B)` }).click();
      await expect.poll(() => rowOf(page, name).getByTestId('notify-mark').count()).toBe(1);
      expect(service.settings().notifyOnce.map((request) => request.id)).toEqual([id]);

      portal.control.updatePerson(id, { presence: 'online' });
      await refresh(page);
      await expect.poll(() => rowOf(page, name).textContent()).toMatch(/Online/);
      await refresh(page);
      await expect
        .poll(() => alerts.filter((alert) => alert.kind === 'notify-once').length)
        .toBe(1);
      await expect.poll(() => rowOf(page, name).getByTestId('notify-mark').count()).toBe(0);
      expect(service.settings().notifyOnce).toEqual([]);
      await refresh(page);
      await page.waitForTimeout(300);
      expect(
        alerts.filter((alert) => alert.kind === 'notify-once').map((alert) => alert.userIds),
      ).toEqual([[id]]);
      await rowOf(page, name).hover();
      expect(
        await rowOf(page, name).locator('.icon-button.bell').getAttribute('aria-pressed'),
      ).toBe('false');
      expect(problems).toEqual([]);
    });

    it('draws the time the app was asleep as unknown between known parts of today’s bar', async () => {
      // One driven clock for the demo portal and the service: an hour of polls and a sleep pass
      // in a moment (each fired timer waits a few real ms for the loopback HTTP to finish).
      const clock = new ManualClock(Date.UTC(2026, 11, 2, 10, 0));
      clock.settle = () => new Promise<void>((resolve) => setTimeout(resolve, 15));
      const { page, service, problems } = await start({ connection: { kind: 'demo' } }, { clock });
      await clock.advance(0);
      await expect.poll(() => rows(page).count()).toBe(12);
      for (let poll = 0; poll < 20; poll++) await clock.advance(30_000);
      // Asleep for 40 minutes: no refresh, so nothing is known of that time.
      service.pause();
      await clock.advance(40 * 60_000);
      service.resume();
      for (let poll = 0; poll < 20; poll++) await clock.advance(30_000);

      const first = rows(page).first();
      const name = (await first.locator('.name').textContent())!;
      await first.dblclick();
      await page.getByTestId('timeline').waitFor();
      const today = page.locator('.timeline-day').first();
      expect(await today.locator('.timeline-label').textContent()).toBe('Today');
      const states = await today
        .locator('.timeline-bar')
        .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-state')));
      // Unknown before the app started, something known, the unknown sleep, known again.
      expect(states[0]).toBe('unknown');
      const known = (state: string | null) => state !== null && state !== 'unknown';
      const gap = states.findIndex(
        (state, index) =>
          state === 'unknown' &&
          index > 0 &&
          known(states[index - 1]!) &&
          states.slice(index + 1).some(known),
      );
      expect(gap, JSON.stringify(states)).toBeGreaterThan(0);
      expect(await page.getByRole('group', { name: `Presence of ${name} by day` }).count()).toBe(1);
      expect(problems).toEqual([]);
    });
  },
);
