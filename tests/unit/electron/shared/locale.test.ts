import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../../../../electron/shared/locale.js';

describe('resolveLocale: one rule for the panel, the tray and alert texts', () => {
  it('follows the system language only when set to "system"', () => {
    expect(resolveLocale('system', ['ru-RU', 'en-US'])).toBe('ru');
    expect(resolveLocale('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(resolveLocale('system', ['fr'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
    expect(resolveLocale('en', ['ru-RU'])).toBe('en');
    expect(resolveLocale('ru', ['en-US'])).toBe('ru');
  });

  it('reads the tags Electron gives on every platform (ru, ru-RU, ru_RU)', () => {
    for (const tag of ['ru', 'ru-RU', 'ru_RU', 'RU-ru'])
      expect(resolveLocale('system', [tag])).toBe('ru');
  });
});
