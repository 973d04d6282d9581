import { describe, expect, it } from 'vitest';
import {
  absoluteSubpath,
  ICON_PATHS,
  ICONS,
  joinSubpaths,
} from '../../../../../renderer/src/lib/icons.js';

/** The pixels are compared in tests/e2e-web/icons.test.ts; these pin the rewrite itself. */
describe('absoluteSubpath', () => {
  it('turns a leading relative moveto into an absolute one and keeps its implied line-tos relative', () => {
    expect(absoluteSubpath('m20 20-4-4')).toBe('M20 20l-4-4');
    expect(absoluteSubpath('m6 6 12 12')).toBe('M6 6l12 12');
    expect(absoluteSubpath('m15 18-6-6 6-6')).toBe('M15 18l-6-6 6-6');
    expect(absoluteSubpath('m21.7 18-8-14a2 2 0 0 0-3.5 0')).toBe('M21.7 18l-8-14a2 2 0 0 0-3.5 0');
  });

  it('leaves a moveto followed by its own command, and absolute subpaths, as they are in effect', () => {
    expect(absoluteSubpath('m1,2h3')).toBe('M1 2h3');
    expect(absoluteSubpath('m.5-1.5')).toBe('M.5 -1.5');
    expect(absoluteSubpath('M18 6 6 18')).toBe('M18 6 6 18');
  });

  it('joins so that no icon path carries a relative moveto', () => {
    expect(joinSubpaths(['M18 6 6 18', 'm6 6 12 12'])).toBe('M18 6 6 18M6 6l12 12');
    for (const [name, path] of Object.entries(ICON_PATHS)) expect(path, name).not.toMatch(/m/);
    expect(Object.keys(ICON_PATHS)).toEqual(Object.keys(ICONS));
  });
});
