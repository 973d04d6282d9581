/// <reference lib="dom" />
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createAppService } from '../../electron/core/app-service.js';
import type { AppService } from '../../electron/core/ports.js';
import type { Settings } from '../../electron/shared/settings/schema.js';
import { memoryPorts } from '../../electron/cli/memory-ports.js';
import { startWebServer, type WebServer } from '../../electron/cli/web-server.js';
import { startDemoPortal } from '../../electron/demo/portal.js';
import type { DemoPortal } from '../../electron/demo/types.js';
import { browserSkipReason, CHROMIUM_ARGS, CHROMIUM_PATH } from './support/browser.js';
import { ensureRendererBuilt } from './support/static-server.js';
import { chromium } from 'playwright-core';

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

describe.skipIf(browserSkipReason !== null)('browser mode end to end (panel + bridge + engine + demo portal)', () => {
  let browser: Browser;
  let running: Running | null = null;

  beforeAll(async () => {
    await ensureRendererBuilt();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
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

  async function start(initial: Partial<Settings> = {}, portal: { legacy?: boolean } = {}): Promise<Running> {
    const demos: DemoPortal[] = [];
    const service = createAppService({
      host: 'browser',
      appVersion: 'test',
      platform: process.platform,
      ...memoryPorts(initial),
      opener: null,
      startDemo: async () => {
        const demo = await startDemoPortal({ teamSize: 12, evolve: false, seed: 11, legacy: portal.legacy ?? false });
        demos.push(demo);
        return demo;
      },
      locale: () => 'en',
    });
    await service.start();
    const server = await startWebServer({ service, staticDir: STATIC_DIR });
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(server.url);
    running = { page, server, service, demos, problems };
    return running;
  }

  const rows = (page: Page) => page.locator('.row.person');
  const rowOf = (page: Page, name: string) => page.locator('.row.person', { has: page.locator('.name', { hasText: name }) });

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
      .poll(() => page.evaluate(() => [...document.querySelectorAll('.row img')].filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('connects a pasted webhook after testing it, and shows whose it is', async () => {
    const { page, demos, problems } = await start();
    const portal = await startDemoPortal({ teamSize: 7, evolve: false, seed: 5 });
    demos.push(portal);
    const field = page.getByLabel('Inbound webhook address');
    await field.fill('https://portal.example/rest/7/');
    await expect.poll(() => page.locator('.onboarding').textContent()).toContain('The address must look like https://portal/rest/1/code/.');
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).isDisabled()).toBe(true);
    await field.fill(portal.webhookUrl);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.locator('.onboarding').textContent()).toContain('The “im” scope works.');
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
    portal.control.updatePerson(leaveId!, { presence: 'offline', absentUntil: '2026-12-03' });
    await refresh(page);

    await expect.poll(() => rowOf(page, nameOf(idleId!)).textContent()).toMatch(/Away · [5-7] min/);
    // The portal stores the chosen status but never tells a REST caller, and a phone is just activity.
    expect(await rowOf(page, nameOf(dndId!)).textContent()).not.toContain('Do not disturb');
    expect(await rowOf(page, nameOf(dndId!)).textContent()).toMatch(/Online/);
    expect(await rowOf(page, nameOf(mobileId!)).textContent()).not.toContain('On mobile');
    await expect.poll(() => rowOf(page, nameOf(offlineId!)).textContent()).toMatch(/Offline · last seen/);
    await expect.poll(() => rowOf(page, nameOf(leaveId!)).textContent()).toContain('On leave until 3 Dec');
    expect(await page.getByRole('button', { name: /^Mobile/ }).count()).toBe(0);
    expect(await page.locator('header.header').innerHTML()).not.toMatch(/mobile/i);
    expect(problems).toEqual([]);
  });

  it('shows each presence an old on-premise portal reports, after a person changes state there', async () => {
    const { page, demos, problems } = await start({ connection: { kind: 'demo' } }, { legacy: true });
    await expect.poll(() => rows(page).count()).toBe(12);
    const portal = demos[0]!;
    const [onlineId, idleId, mobileId, offlineId, leaveId] = portal.control.teamIds();
    const nameOf = (id: number) => String(portal.control.userObject(id)!.name);
    portal.control.updatePerson(onlineId!, { presence: 'online', status: 'dnd' });
    portal.control.updatePerson(idleId!, { presence: 'idle' });
    portal.control.updatePerson(mobileId!, { presence: 'mobile' });
    portal.control.updatePerson(offlineId!, { presence: 'offline' });
    portal.control.updatePerson(leaveId!, { presence: 'offline', absentUntil: '2026-12-03' });
    await refresh(page);

    await expect.poll(() => rowOf(page, nameOf(onlineId!)).textContent()).toContain('Do not disturb');
    await expect.poll(() => rowOf(page, nameOf(idleId!)).textContent()).toMatch(/Away · \d+ min/);
    await expect.poll(() => rowOf(page, nameOf(mobileId!)).textContent()).toContain('On mobile');
    await expect.poll(() => rowOf(page, nameOf(offlineId!)).textContent()).toMatch(/Offline · last seen/);
    await expect.poll(() => rowOf(page, nameOf(leaveId!)).textContent()).toContain('On leave until 3 Dec');

    portal.control.updatePerson(offlineId!, { presence: 'online', status: 'online' });
    await refresh(page);
    await expect.poll(() => rowOf(page, nameOf(offlineId!)).textContent()).toMatch(/Online/);
    expect(problems).toEqual([]);
  });

  it('renders a hostile name from the portal as text', async () => {
    const { page, demos, problems } = await start({ connection: { kind: 'demo' } });
    await expect.poll(() => rows(page).count()).toBe(12);
    const id = demos[0]!.control.teamIds()[0]!;
    const hostile = '<img src=x onerror="window.__pwned=1">';
    demos[0]!.control.updatePerson(id, { name: hostile, firstName: '<b>', lastName: 'x' });
    await refresh(page);
    await expect.poll(() => page.locator('.row.person .name', { hasText: hostile }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
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
    expect(await page.locator('[data-health=host-lost]').textContent()).toContain('Lost the connection to B24 Presence');
  });
});
