import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { cspViolations, launchBrowser, type PanelPage } from './browser.js';
import { ensureRendererBuilt, serveRenderer, type StaticServer } from './static-server.js';

/** One static server of the built panel and one Chromium for the describe block that calls it. */
export function usePanel(): { browser: Browser; server: StaticServer } {
  const env = {} as { browser: Browser; server: StaticServer };
  beforeAll(async () => {
    await ensureRendererBuilt();
    env.server = await serveRenderer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Every test ends clean: no page errors, console errors or CSP violations. */
export async function finishPanel({ page, problems }: PanelPage): Promise<void> {
  expect(await cspViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
  await page.context().close();
}
