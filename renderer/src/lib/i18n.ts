import type { Gender } from '$shared/domain.js';
import type { Locale } from '$shared/locale.js';
import { en, type Messages } from '../i18n/en.js';
import { ru } from '../i18n/ru.js';
import { bucket, durationSpan, parseIsoDay } from './time.js';

/*
 * Message catalogs and locale-aware formatting. Every visible string goes through here;
 * numbers, dates, relative times and plurals through Intl, so Russian gets its own forms.
 */
export type TextKey = {
  [K in keyof Messages]: Messages[K] extends string ? K : never;
}[keyof Messages];
/** Messages about one person whose words depend on their gender (Russian "отошёл" / "отошла"). */
export type GenderKey = {
  [K in keyof Messages]: Messages[K] extends { readonly neutral: string } ? K : never;
}[keyof Messages];
export type PluralKey = Exclude<keyof Messages, TextKey | GenderKey>;
export type Params = Readonly<Record<string, string | number>>;

type PluralForms = {
  readonly one: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
};
/**
 * A gendered message: `m` and `f` agree with the person, `neutral` reads right for anyone (no
 * gender in the profile). A language whose words do not change (English) gives `neutral` only;
 * ru.ts's type demands all three, so no Russian form can be forgotten.
 */
export type GenderForms = { readonly m?: string; readonly f?: string; readonly neutral: string };
const catalogs: Record<Locale, Readonly<Record<string, string | PluralForms | GenderForms>>> = {
  en,
  ru,
};

/** The form for this person: theirs when the profile says, else the neutral one. */
export function genderForm(forms: GenderForms, gender: Gender | null): string {
  const own = gender === 'M' ? forms.m : gender === 'F' ? forms.f : undefined;
  return own ?? forms.neutral;
}

function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export interface Translator {
  readonly lang: Locale;
  t(key: TextKey, params?: Params): string;
  plural(key: PluralKey, count: number, params?: Params): string;
  /** A message about one person, agreeing with their gender ("Отошла · 8 мин"); neutral when null. */
  gendered(key: GenderKey, gender: Gender | null, params?: Params): string;
  /** "20 s ago", "2 h ago", "just now". */
  ago(then: number, now: number, finest?: 'second' | 'minute'): string;
  /** "25 min", "2 h". */
  duration(ms: number): string;
  /** A leave's last day, "3 Dec". */
  day(isoDay: string): string;
  /** A clock time today, "14:32", or with the date when not today. */
  time(at: number, now: number): string;
  /** A clock time, "14:32", in the viewer's zone or in `zone` (a colleague's local time). */
  clock(at: number, zone?: string): string;
  /** A day with its weekday in the viewer's zone, "Fri 11 Dec". */
  weekdayDate(at: number): string;
  number(value: number): string;
  weekday(day: number): string;
}

export function createTranslator(lang: Locale): Translator {
  const catalog = catalogs[lang];
  const fallback = catalogs.en;
  // Each Intl object is built on first use: constructing all of them cost ~20-35 ms of the
  // panel's start-up, and the first screen needs only a few.
  const lazy = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const plurals = lazy(() => new Intl.PluralRules(lang));
  const dayFormat = lazy(
    () =>
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }),
  );
  // The UI's language, never the browser's: "14:05" in both, whatever locale the system runs.
  const clockFormat = lazy(
    () =>
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const dateTimeFormat = lazy(
    () =>
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  const zoneClocks = new Map<string, Intl.DateTimeFormat>();
  const weekdayDateFormat = lazy(
    () =>
      new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
      }),
  );
  const weekdayFormat = lazy(
    () => new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }),
  );
  const numberFormat = lazy(() => new Intl.NumberFormat(lang));

  const text = (key: string): string | PluralForms | GenderForms | undefined =>
    catalog[key] ?? fallback[key];

  return {
    lang,
    t(key, params) {
      const message = text(key);
      return typeof message === 'string' ? fill(message, params) : key;
    },
    plural(key, count, params) {
      const message = text(key);
      if (message === undefined || typeof message === 'string' || !('other' in message)) return key;
      const category = plurals().select(count) as keyof PluralForms;
      const template = message[category] ?? message.other;
      return fill(template, { count: numberFormat().format(count), ...params });
    },
    gendered(key, gender, params) {
      const message = text(key);
      return message !== undefined && typeof message !== 'string' && 'neutral' in message
        ? fill(genderForm(message, gender), params)
        : key;
    },
    // The catalog's units, not Intl's: Intl's short forms mix "8 min" with "8 min. ago" (and
    // "мин" with "мин."); the catalog says one form per language, as the timeline and tray do.
    ago(then, now, finest = 'minute') {
      const span = bucket(now - then, finest);
      if (span.unit === 'now') return this.t('time.justNow');
      return this.t('time.ago', { span: this.plural(`time.${span.unit}`, span.value) });
    },
    duration(ms) {
      const span = durationSpan(ms);
      return this.plural(`time.${span.unit}`, span.value);
    },
    day(isoDay) {
      const at = parseIsoDay(isoDay);
      return at === null ? isoDay : dayFormat().format(at);
    },
    time(at, now) {
      const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
      return (sameDay ? clockFormat : dateTimeFormat)().format(at);
    },
    clock(at, zone) {
      if (zone === undefined) return clockFormat().format(at);
      let format = zoneClocks.get(zone);
      if (!format) {
        format = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone: zone,
        });
        zoneClocks.set(zone, format);
      }
      return format.format(at);
    },
    weekdayDate(at) {
      // en-GB writes "Fri 11 Dec"; Russian "пт, 11 дек.".
      return weekdayDateFormat().format(at);
    },
    number(value) {
      return numberFormat().format(value);
    },
    weekday(day) {
      // 2023-01-01 was a Sunday (day 0, as Date#getDay counts).
      return weekdayFormat().format(Date.UTC(2023, 0, 1 + day));
    },
  };
}
