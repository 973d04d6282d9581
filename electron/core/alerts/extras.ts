import type { AlertIntent, Colleague, Digest } from '../../shared/domain.js';
import type { Locale } from '../../shared/locale.js';
import { alertText, freedText } from './messages.js';
import { blockEndedSince } from '../../shared/presence/available.js';
import { hash53 } from './burst.js';

/**
 * The two notifications that are not one transition each: the "while you were away" digest and
 * the notify-once the user asked for. Texts in English and Russian, built from the transition
 * phrases ("Anna, Boris and 3 others are online") so the words stay one set.
 */
const TITLES: Readonly<Record<Locale, { away: string; asked: string }>> = {
  en: { away: 'While you were away', asked: 'You asked to be told' },
  ru: { away: 'Пока вас не было', asked: 'Вы просили сообщить' },
};

/** One notification for a digest, or null when none of it concerns anyone named. */
export function digestAlert(
  digest: Digest,
  nameOf: (id: number) => string | null,
  locale: Locale,
): AlertIntent | null {
  const named = (ids: readonly number[]): string[] =>
    ids.map(nameOf).filter((name): name is string => name !== null);
  const parts: string[] = [];
  const arrived = named(digest.arrived);
  const back = named(digest.backFromLeave);
  const left = named(digest.left);
  if (arrived.length > 0) parts.push(alertText(locale, 'online', arrived).title);
  if (back.length > 0) parts.push(alertText(locale, 'back-from-leave', back).title);
  if (left.length > 0) parts.push(alertText(locale, 'offline', left).title);
  if (parts.length === 0) return null;
  const userIds = [...digest.arrived, ...digest.backFromLeave, ...digest.left];
  return {
    id: `digest:${hash53(`${digest.since}:${digest.until}:${userIds.join(',')}`)}`,
    kind: 'digest',
    title: TITLES[locale].away,
    body: parts.join('; '),
    userIds,
    at: digest.until,
  };
}

/**
 * "Anna Petrova is online", for the person someone asked to be told about once; "Anna Petrova
 * is free: her meeting ended" when a meeting (or an absence) that ended since the request was
 * what the bell waited for.
 */
export function notifyOnceAlert(
  person: Colleague,
  requestedAt: number,
  locale: Locale,
  at: number,
): AlertIntent {
  const ended = blockEndedSince(person.calendar, requestedAt, at);
  const title =
    ended === null
      ? alertText(locale, 'online', [person.name]).title
      : freedText(locale, ended, person.name, person.gender);
  return {
    id: `once:${hash53(`${person.id}:${requestedAt}`)}`,
    kind: 'notify-once',
    title,
    body: TITLES[locale].asked,
    userIds: [person.id],
    at,
  };
}
