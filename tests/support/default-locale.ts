/**
 * Runs `body` as on a machine whose default locale writes 12-hour times ("2:05 PM", en-US):
 * Intl.DateTimeFormat without a locale falls back to that, and Date's toLocale…String without
 * a locale says "DEFAULT-LOCALE". A time formatted in the UI's language is unaffected; one that
 * follows the process's or browser's default shows it.
 */
export function withTwelveHourDefault<T>(body: () => T): T {
  const Original = Intl.DateTimeFormat;
  class DefaultIsTwelveHour extends Original {
    constructor(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions) {
      super(locales ?? 'en-US', locales === undefined ? { ...options, hour12: true } : options);
    }
  }
  const date = Date.prototype;
  type ToLocale = (
    this: Date,
    locales?: Intl.LocalesArgument,
    options?: Intl.DateTimeFormatOptions,
  ) => string;
  const saved: Record<'toLocaleTimeString' | 'toLocaleString' | 'toLocaleDateString', ToLocale> = {
    toLocaleTimeString: date.toLocaleTimeString,
    toLocaleString: date.toLocaleString,
    toLocaleDateString: date.toLocaleDateString,
  };
  Object.defineProperty(Intl, 'DateTimeFormat', {
    value: DefaultIsTwelveHour,
    configurable: true,
    writable: true,
  });
  for (const [name, original] of Object.entries(saved) as Array<[keyof typeof saved, ToLocale]>) {
    date[name] = function (
      this: Date,
      locales?: Intl.LocalesArgument,
      options?: Intl.DateTimeFormatOptions,
    ): string {
      return locales === undefined ? 'DEFAULT-LOCALE' : original.call(this, locales, options);
    };
  }
  try {
    return body();
  } finally {
    Object.defineProperty(Intl, 'DateTimeFormat', {
      value: Original,
      configurable: true,
      writable: true,
    });
    Object.assign(date, saved);
  }
}
