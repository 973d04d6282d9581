import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../../electron/shared/settings/schema.js';
import { fakeBridgeScript, type FakeBridgeOptions } from './fake-bridge.js';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether the browser tests can run. Without Chromium they are skipped with this reason, unless
 * B24_REQUIRE_BROWSER=1 (CI) makes that a failure.
 */
export const browserSkipReason: string | null = existsSync(CHROMIUM_PATH)
  ? null
  : `Chromium not found at ${CHROMIUM_PATH}`;
if (browserSkipReason !== null && process.env.B24_REQUIRE_BROWSER === '1') {
  throw new Error(`B24_REQUIRE_BROWSER=1 but ${browserSkipReason}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A fixed wall clock for deterministic relative times: 23 Nov 2026, 12:00 local. */
export const FIXED_NOW = new Date(2026, 10, 23, 12, 0, 0).getTime();

export interface PanelPage {
  readonly page: Page;
  /** Page errors, console errors and CSP violations seen so far. */
  readonly problems: string[];
}

export async function openPanel(
  browser: Browser,
  url: string,
  options: Partial<FakeBridgeOptions> & {
    colorScheme?: 'light' | 'dark';
    locale?: string;
    viewport?: { width: number; height: number };
    timezoneId?: string;
  } = {},
): Promise<PanelPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1000, height: 700 },
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce',
    ...(options.timezoneId !== undefined ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  // Fail at the step that is stuck, well before the test's own timeout.
  page.setDefaultTimeout(5000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  // Date.now() is pinned (timers still run), so "25 min" and "2 h ago" are the same on every run.
  await page.clock.setFixedTime(FIXED_NOW);
  await page.addInitScript({
    content: fakeBridgeScript({
      settings: options.settings ?? DEFAULT_SETTINGS,
      connection: options.connection ?? 'demo',
      teamSize: options.teamSize ?? 40,
      ...(options.firstName !== undefined ? { firstName: options.firstName } : {}),
      weakSecretStorage: options.weakSecretStorage ?? false,
      ...(options.truncation !== undefined ? { truncation: options.truncation } : {}),
      host: options.host ?? 'desktop',
      portal: options.portal ?? 'current',
      ...(options.longNames !== undefined ? { longNames: options.longNames } : {}),
      ...(options.calendar !== undefined ? { calendar: options.calendar } : {}),
    }),
  });
  await page.goto(url);
  return { page, problems };
}

/** CSP violations recorded by the fake bridge's listener. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { __fake: { csp: string[] } }).__fake.csp);
}
