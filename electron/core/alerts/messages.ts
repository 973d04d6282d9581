import type { AlertKind, Gender } from '../../shared/domain.js';
import type { CalendarKind } from '../../shared/calendar.js';

/*
 * The alert texts, in English and Russian. Russian predicates are chosen to need no gender
 * agreement ("в сети", "снова на месте", never "вернулся"/"вернулась"): one title may name a
 * man, a woman and someone whose profile has no gender ("Анна, Борис и ещё 3 коллеги в сети"),
 * and no single form could agree with all of them. The count of others uses CLDR plural
 * categories through Intl.PluralRules.
 */
export type { Locale as AlertLocale } from '../../shared/locale.js';
import type { Locale as AlertLocale } from '../../shared/locale.js';

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

interface Catalog {
  /** [one person, several people] */
  readonly predicate: Readonly<Record<AlertKind, readonly [string, string]>>;
  readonly and: string;
  /** "{n} others", by plural category. */
  readonly others: PluralForms;
}

const CATALOGS: Readonly<Record<AlertLocale, Catalog>> = {
  en: {
    predicate: {
      online: ['is online', 'are online'],
      'back-from-idle': ['is back', 'are back'],
      offline: ['went offline', 'went offline'],
      'back-from-leave': ['is back from leave', 'are back from leave'],
    },
    and: 'and',
    others: { one: '{n} other', other: '{n} others' },
  },
  ru: {
    predicate: {
      online: ['в сети', 'в сети'],
      'back-from-idle': ['снова на месте', 'снова на месте'],
      offline: ['не в сети', 'не в сети'],
      'back-from-leave': ['снова на работе', 'снова на работе'],
    },
    and: 'и',
    others: {
      one: 'ещё {n} коллега',
      few: 'ещё {n} коллеги',
      many: 'ещё {n} коллег',
      other: 'ещё {n} коллеги',
    },
  },
};

const pluralRules = new Map<AlertLocale, Intl.PluralRules>();

function plural(locale: AlertLocale, forms: PluralForms, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return (forms[rules.select(n)] ?? forms.other).replace('{n}', String(n));
}

/** How many names the body lists before "+N". */
const BODY_NAMES = 10;

/**
 * "Anna Petrova is online" / "Anna Petrova and Boris Smirnov are online" /
 * "Anna Petrova, Boris Smirnov and 4 others are online"; the body lists everyone when the title
 * could not.
 */
export function alertText(
  locale: AlertLocale,
  kind: AlertKind,
  names: readonly string[],
): { title: string; body: string } {
  const catalog = CATALOGS[locale];
  const [single, several] = catalog.predicate[kind];
  const [first = '', second = ''] = names;
  let subject: string;
  if (names.length <= 1) subject = first;
  else if (names.length === 2) subject = `${first} ${catalog.and} ${second}`;
  else
    subject = `${first}, ${second} ${catalog.and} ${plural(locale, catalog.others, names.length - 2)}`;
  const title = `${subject} ${names.length <= 1 ? single : several}`;

  let body = '';
  if (names.length > 2) {
    const listed = names.slice(0, BODY_NAMES).join(', ');
    body = names.length > BODY_NAMES ? `${listed} +${names.length - BODY_NAMES}` : listed;
  }
  return { title, body };
}

type GenderForms = { readonly M: string; readonly F: string; readonly neutral: string };

/**
 * The bell's title when a meeting or an absence was what kept the person: one person named, so
 * Russian agrees with the profile's gender, and a profile without one gets a form that needs none.
 */
const FREED: Readonly<
  Record<AlertLocale, Readonly<Record<'meeting' | 'out-of-office', GenderForms>>>
> = {
  en: {
    meeting: {
      M: '{name} is free: his meeting ended',
      F: '{name} is free: her meeting ended',
      neutral: '{name} is free: the meeting ended',
    },
    'out-of-office': {
      M: '{name} is back: out of office ended',
      F: '{name} is back: out of office ended',
      neutral: '{name} is back: out of office ended',
    },
  },
  ru: {
    meeting: {
      M: '{name} свободен: встреча закончилась',
      F: '{name} свободна: встреча закончилась',
      neutral: '{name}: встреча закончилась',
    },
    'out-of-office': {
      M: '{name} снова на месте',
      F: '{name} снова на месте',
      neutral: '{name} снова на месте',
    },
  },
};

/** "Anna Petrova is free: her meeting ended", for a block of `kind` that has just ended. */
export function freedText(
  locale: AlertLocale,
  kind: Exclude<CalendarKind, 'tentative'>,
  name: string,
  gender: Gender | null,
): string {
  return FREED[locale][kind][gender ?? 'neutral'].replace('{name}', name);
}
