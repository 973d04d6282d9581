import type { Locale } from '$shared/locale.js';
import { en, type Messages } from '../i18n/en.js';
import { ru } from '../i18n/ru.js';
import { bucket, durationSpan, parseIsoDay } from './time.js';

/**
 * Message catalogs and locale-aware formatting. Every visible string goes through here;
 * numbers, dates, relative times and plurals through Intl, so Russian gets its own forms.
 */
export type TextKey = { [K in keyof Messages]: Messages[K] extends string ? K : never }[keyof Messages];
export type PluralKey = Exclude<keyof Messages, TextKey>;
export type Params = Readonly<Record<string, string | number>>;

type PluralForms = { readonly one: string; readonly few?: string; readonly many?: string; readonly other: string };
const catalogs: Record<Locale, Readonly<Record<string, string | PluralForms>>> = { en, ru };


function fill(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

export interface Translator {
  readonly lang: Locale;
  t(key: TextKey, params?: Params): string;
  plural(key: PluralKey, count: number, params?: Params): string;
  /** "20 s ago", "2 h ago", "just now". */
  ago(then: number, now: number, finest?: 'second' | 'minute'): string;
  /** "25 min", "2 h". */
  duration(ms: number): string;
  /** A leave's last day, "3 Dec". */
  day(isoDay: string): string;
  /** A clock time today, "14:32", or with the date when not today. */
  time(at: number, now: number): string;
  number(value: number): string;
  weekday(day: number): string;
}

export function createTranslator(lang: Locale): Translator {
  const catalog = catalogs[lang];
  const fallback = catalogs.en;
  const plurals = new Intl.PluralRules(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'short' });
  const units = new Map<string, Intl.NumberFormat>();
  const unitFormat = (unit: string): Intl.NumberFormat => {
    let format = units.get(unit);
    if (!format) {
      format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' });
      units.set(unit, format);
    }
    return format;
  };
  const dayFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const clockFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' });
  const dateTimeFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const weekdayFormat = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(lang);

  const text = (key: string): string | PluralForms | undefined => catalog[key] ?? fallback[key];

  return {
    lang,
    t(key, params) {
      const message = text(key);
      return typeof message === 'string' ? fill(message, params) : key;
    },
    plural(key, count, params) {
      const message = text(key);
      if (message === undefined || typeof message === 'string') return key;
      const category = plurals.select(count) as keyof PluralForms;
      const template = message[category] ?? message.other;
      return fill(template, { count: numberFormat.format(count), ...params });
    },
    ago(then, now, finest = 'minute') {
      const span = bucket(now - then, finest);
      if (span.unit === 'now') return this.t('time.justNow');
      return relative.format(-span.value, span.unit);
    },
    duration(ms) {
      const span = durationSpan(ms);
      return unitFormat(span.unit).format(span.value);
    },
    day(isoDay) {
      const at = parseIsoDay(isoDay);
      return at === null ? isoDay : dayFormat.format(at);
    },
    time(at, now) {
      const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
      return (sameDay ? clockFormat : dateTimeFormat).format(at);
    },
    number(value) {
      return numberFormat.format(value);
    },
    weekday(day) {
      // 2023-01-01 was a Sunday (day 0, as Date#getDay counts).
      return weekdayFormat.format(Date.UTC(2023, 0, 1 + day));
    },
  };
}
