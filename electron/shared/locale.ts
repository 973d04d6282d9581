/*
 * The languages the app speaks, and how a language setting resolves: one rule for the panel,
 * the tray, host errors and alert texts.
 */
export type Locale = 'en' | 'ru';
export const LOCALES: readonly Locale[] = ['en', 'ru'];
export type LanguageSetting = 'system' | Locale;

/**
 * 'system' follows the first of the system's (or browser's) preferred languages the app has,
 * else English. `preferred` is BCP 47 tags, most preferred first (`navigator.languages`,
 * Electron's `app.getPreferredSystemLanguages()` or `[app.getLocale()]`).
 */
export function resolveLocale(setting: LanguageSetting, preferred: readonly string[]): Locale {
  if (setting !== 'system') return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}
