import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceBridge } from '../../electron/shared/contract.js';
import { findElectronBinary } from './electron-binary.js';

/**
 * Smoke tests of the real desktop app: window on the demo portal, tray, a patch reaching the
 * panel. They need an Electron binary and a build (`npm run build`), and skip with the reason
 * when either is missing (this sandbox cannot download Electron).
 */
const root = join(import.meta.dirname, '..', '..');
const binary = findElectronBinary(root);
const built =
  existsSync(join(root, 'dist', 'main', 'main.js')) &&
  existsSync(join(root, 'dist', 'renderer', 'index.html'));
const skipReason = !binary.found
  ? binary.reason
  : !built
    ? 'the app is not built (run npm run build first)'
    : null;
if (skipReason) console.warn(`[e2e-electron] skipped: ${skipReason}`);

interface TestHooks {
  tray(): { state: string | null; tooltip: string | null };
  demo(): {
    control: { teamIds(): number[]; updatePerson(id: number, update: { presence: string }): void };
  } | null;
}
/** The panel page's globals (this tsconfig has no DOM lib; evaluate() bodies run in the page). */
interface PanelGlobals {
  b24presence: PresenceBridge;
  seenPatches: number[];
  require?: unknown;
  process?: unknown;
}

describe.skipIf(skipReason !== null)(
  `desktop app${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let app: ElectronApplication;
    let page: Page;
    let userData: string;

    beforeAll(async () => {
      if (!binary.found) return;
      userData = mkdtempSync(join(tmpdir(), 'b24-e2e-'));
      app = await _electron.launch({
        executablePath: binary.path,
        // Chromium refuses to run its sandbox as root (CI containers); the renderer stays Electron-sandboxed.
        args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
        env: { ...process.env, B24_PRESENCE_USER_DATA: userData, B24_PRESENCE_TEST_HOOKS: '1' },
        timeout: 60_000,
      });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
    }, 90_000);

    afterAll(async () => {
      await app?.close();
      if (userData) rmSync(userData, { recursive: true, force: true });
    });

    it('opens the panel from app:// with only the bridge exposed', async () => {
      expect(page.url()).toMatch(/^app:\/\/panel\/index\.html/);
      const exposed = await page.evaluate(() => {
        const panel = globalThis as unknown as PanelGlobals;
        return {
          bridge: Object.keys(panel.b24presence).sort(),
          node: typeof panel.require,
          process: typeof panel.process,
        };
      });
      expect(exposed).toEqual({
        bridge: ['invoke', 'on'],
        node: 'undefined',
        process: 'undefined',
      });
    });

    it('connects to the demo portal', async () => {
      const result = await page.evaluate(() =>
        (globalThis as unknown as PanelGlobals).b24presence.invoke('connection:connect', {
          kind: 'demo',
        }),
      );
      expect(result).toMatchObject({ ok: true, value: { kind: 'demo' } });
      await expect
        .poll(
          async () =>
            (
              await page.evaluate(() =>
                (globalThis as unknown as PanelGlobals).b24presence.invoke('snapshot:get', null),
              )
            ).ok,
          { timeout: 20_000 },
        )
        .toBe(true);
    }, 60_000);

    it('tells About where its settings and logs live, and writes its log there', async () => {
      const about = await page.evaluate(() =>
        (globalThis as unknown as PanelGlobals).b24presence.invoke('app:about', null),
      );
      expect(about).toMatchObject({
        ok: true,
        value: { host: 'desktop', settingsFolder: userData },
      });
      const { logFolder, runtime } = (
        about as { value: { logFolder: string; runtime: Record<string, string> } }
      ).value;
      expect(Object.keys(runtime).sort()).toEqual(['chrome', 'electron', 'node']);
      // The demo connection above was logged ("connected to the demo portal").
      expect(readFileSync(join(logFolder, 'main.log'), 'utf8')).toContain(
        'connected to the demo portal',
      );
    });

    it('has a tray whose tooltip summarises the team', async () => {
      await expect
        .poll(
          () =>
            app.evaluate(
              () =>
                (globalThis as unknown as { __b24presence: TestHooks }).__b24presence.tray()
                  .tooltip,
            ),
          {
            timeout: 20_000,
          },
        )
        .toMatch(/of \d+ online/);
    }, 30_000);

    it('delivers a patch to the panel when someone changes', async () => {
      await page.evaluate(() => {
        const panel = globalThis as unknown as PanelGlobals;
        panel.seenPatches = [];
        panel.b24presence.on('patch', (patch) => panel.seenPatches.push(patch.seq));
      });
      await app.evaluate(() => {
        const demo = (globalThis as unknown as { __b24presence: TestHooks }).__b24presence.demo();
        if (!demo) throw new Error('demo portal not running');
        const [first] = demo.control.teamIds();
        if (first !== undefined) demo.control.updatePerson(first, { presence: 'offline' });
        const second = demo.control.teamIds()[1];
        if (second !== undefined) demo.control.updatePerson(second, { presence: 'online' });
      });
      await page.evaluate(() =>
        (globalThis as unknown as PanelGlobals).b24presence.invoke('poll:refresh', null),
      );
      await expect
        .poll(
          () => page.evaluate(() => (globalThis as unknown as PanelGlobals).seenPatches.length),
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
    }, 60_000);
  },
);
