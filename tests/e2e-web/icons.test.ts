/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ICON_PATHS, ICONS, type IconName } from '../../renderer/src/lib/icons.js';
import { browserSkipReason, launchBrowser } from './support/browser.js';

/**
 * Icon.svelte draws each icon as one <path> of all its subpaths joined. That must look exactly like
 * the subpaths drawn as separate <path>s, which is how each was written: a relative moveto after a
 * join moves from where the previous subpath ended, not from the origin (issue 20: close, mute and
 * search had broken). Chromium renders both at 48 px; the pixels must match.
 */
const SIZE = 48;
const NAMES = Object.keys(ICONS) as IconName[];

/** The markup Icon.svelte produces, with anti-aliasing off so overlapping strokes cannot differ at their edges. */
function svg(name: IconName, paths: readonly string[]): string {
  const strokeWidth = name === 'ring' ? 3 : 2;
  const body = paths.map((d) => `<path d="${d}"/>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 24 24" fill="none" stroke="#000" ` +
    `stroke-width="${strokeWidth}" stroke-linecap="round" stroke-linejoin="round" shape-rendering="crispEdges">${body}</svg>`
  );
}

interface Comparison {
  readonly name: IconName;
  /** Pixels whose RGBA differ between the two renderings. */
  readonly differing: number;
  /** Painted pixels of the separate subpaths: a blank rendering would match a blank one. */
  readonly painted: number;
}

function compareInPage(
  page: Page,
  pairs: { name: IconName; joined: string; separate: string }[],
): Promise<Comparison[]> {
  return page.evaluate(
    async ({ pairs, size }) => {
      const pixels = async (markup: string): Promise<Uint8ClampedArray> => {
        const image = new Image();
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        const context = canvas.getContext('2d');
        if (context === null) throw new Error('no 2d context');
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, size, size).data;
      };
      const results = [];
      for (const { name, joined, separate } of pairs) {
        const [a, b] = [await pixels(joined), await pixels(separate)];
        let differing = 0;
        let painted = 0;
        for (let i = 0; i < a.length; i += 4) {
          if (
            a[i] !== b[i] ||
            a[i + 1] !== b[i + 1] ||
            a[i + 2] !== b[i + 2] ||
            a[i + 3] !== b[i + 3]
          )
            differing += 1;
          if ((b[i + 3] ?? 0) > 0) painted += 1;
        }
        results.push({ name, differing, painted });
      }
      return results;
    },
    { pairs, size: SIZE },
  );
}

describe.skipIf(browserSkipReason !== null)('icons: one path draws what the subpaths draw', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every icon, joined as Icon.svelte joins it, has the pixels of its separate subpaths', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>icons</title>');
    const pairs = NAMES.map((name) => ({
      name,
      joined: svg(name, [ICON_PATHS[name]]),
      separate: svg(name, ICONS[name]),
    }));
    const results = await compareInPage(page, pairs);
    await page.close();

    expect(results.map((r) => r.name)).toEqual(NAMES);
    for (const { name, painted } of results)
      expect(painted, `${name} draws something`).toBeGreaterThan(20);
    expect(results.filter((r) => r.differing > 0)).toEqual([]);
  });
});
