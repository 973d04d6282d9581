import type { ColleagueRule } from '$shared/domain.js';
import type { Translator } from './i18n.js';
import type { BadgeKind, PresenceView } from './presence.js';
import { nextIsoDay } from './time.js';

/** What a phrase says and about whom: the Russian words agree with the person (`gender`). */
export type Said = Pick<PresenceView, 'phrase' | 'gender'>;

/**
 * The words for a presence phrase ("Away · 25 min", "Offline · last seen 2 h ago"), short
 * enough for the pill; `compact` (a narrow window) shortens the longest one to "Seen 2 h ago",
 * the offline icon saying the rest (Russian without a gender: "2 ч назад", and "8 мин" beside
 * the away moon, the neutral words being too long for the pill); `'tiny'` (about 320 px) keeps
 * only the age or the date beside the icon, never cutting them. The tooltip and screen
 * readers get phraseDetail.
 * Russian agrees with the person ("Отошла · 8 мин", "Был 2 ч назад") or, without a gender in
 * the profile, says it neutrally ("Нет активности · 8 мин"): the catalog's gendered messages.
 */
export function phraseText(
  { phrase, gender }: Said,
  i18n: Translator,
  now: number,
  compact: boolean | 'tiny' = false,
): string {
  switch (phrase.kind) {
    case 'online':
      return i18n.t('presence.online');
    case 'online-status':
      // An unknown chosen status is the portal's own word: shown as text, after ours.
      return `${i18n.t('presence.online')} · ${phrase.status}`;
    case 'chosen':
      return phrase.status === 'away'
        ? i18n.gendered('status.away', gender)
        : i18n.t(`status.${phrase.status}`);
    case 'idle':
      return phrase.since === null
        ? i18n.gendered('presence.idleShort', gender)
        : i18n.gendered(compact ? 'presence.idleCompact' : 'presence.idle', gender, {
            duration: i18n.duration(now - phrase.since),
          });
    case 'mobile':
      return i18n.t('presence.mobile');
    case 'offline':
      return phrase.lastSeen === null
        ? i18n.t('presence.offline')
        : i18n.gendered(
            compact === 'tiny'
              ? 'row.seenTiny'
              : compact
                ? 'presence.offlineSeenShort'
                : 'presence.offlineSeen',
            gender,
            { ago: i18n.ago(phrase.lastSeen, now) },
          );
    case 'leave':
      // The narrowest row keeps the date and lets the plane icon say "on leave".
      return i18n.t(compact === 'tiny' ? 'row.leaveTiny' : 'presence.leave', {
        date: i18n.day(phrase.until),
      });
  }
}

/**
 * The same phrase spelt out, for the tooltip and screen readers: what "Away · 8 min" really
 * means ("No activity for 8 min"), when someone on leave is back, and (Russian, no gender
 * known) "last activity 2 h ago" where the pill only says "2 h ago".
 */
export function phraseDetail(said: Said, i18n: Translator, now: number): string {
  const { phrase, gender } = said;
  switch (phrase.kind) {
    case 'idle':
      return phrase.since === null
        ? i18n.t('presence.idleDetailShort')
        : i18n.t('presence.idleDetail', { duration: i18n.duration(now - phrase.since) });
    case 'offline':
      return phrase.lastSeen === null
        ? i18n.t('presence.offline')
        : i18n.gendered('presence.offlineSeenDetail', gender, {
            ago: i18n.ago(phrase.lastSeen, now),
          });
    case 'leave':
      return leaveDetail(phrase.until, i18n);
    default:
      return phraseText(said, i18n, now);
  }
}

/** "On leave until 3 Dec, back on 4 Dec": the last day off, and the day after it. */
export function leaveDetail(lastDay: string, i18n: Translator): string {
  const back = nextIsoDay(lastDay);
  const date = i18n.day(lastDay);
  return back === null
    ? i18n.t('presence.leave', { date })
    : i18n.t('presence.leaveDetail', { date, back: i18n.day(back) });
}

/** Every badge has its own icon as well as its colour, so it never relies on colour alone. */
export const BADGE_ICON = {
  online: 'dot',
  mobile: 'phone',
  idle: 'moon',
  dnd: 'minus',
  away: 'clock',
  break: 'coffee',
  offline: 'ring',
  leave: 'plane',
} as const satisfies Record<BadgeKind, string>;

/** One line for screen readers: "Anna Petrova, Developer, Sales. No activity for 25 min. Desktop app running at the last check." */
export function rowLabel(
  parts: {
    name: string;
    position: string;
    department: string | null;
    view: PresenceView;
    rule: ColleagueRule;
  },
  i18n: Translator,
  now: number,
): string {
  const who = [parts.name, parts.position, parts.department]
    .filter((part): part is string => !!part && part.trim() !== '')
    .join(', ');
  const extras = [
    parts.view.leaveUntil !== null ? leaveDetail(parts.view.leaveUntil, i18n) : null,
    parts.view.desktop ? i18n.t('indicator.desktop') : null,
    parts.rule === 'starred'
      ? i18n.t('row.starred')
      : parts.rule === 'muted'
        ? i18n.t('row.muted')
        : null,
  ].filter((part): part is string => part !== null);
  return [who, phraseDetail(parts.view, i18n, now), ...extras].join('. ');
}
