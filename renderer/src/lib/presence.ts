import {
  isBusyStatus,
  type BusyStatus,
  type Colleague,
  type Gender,
  type PortalReports,
} from '$shared/domain.js';
import { shownPresence, shownStatus } from '$shared/presence/classify.js';

/*
 * Which badge and phrase a row shows. Mirrors how Bitrix24's messenger reads the same data:
 * idle overrides a chosen status, a chosen dnd/away/break shows when not on mobile, and leave
 * explains an absence. The panel formats the words; this only decides what to say.
 *
 * What the portal cannot report is never shown: a person is read through `shownPresence` and
 * `shownStatus` ($shared/presence/classify.ts), as the header counts, the filters, the sort and
 * the tray read them, so they all agree.
 */
export type BadgeKind =
  'online' | 'idle' | 'mobile' | 'offline' | 'leave' | 'dnd' | 'away' | 'break';

export type Phrase =
  | { readonly kind: 'online' }
  | { readonly kind: 'online-status'; readonly status: string }
  | { readonly kind: 'chosen'; readonly status: BusyStatus }
  /** No sign of activity since `since` (the last activity; old portals: the desktop app's idle date). */
  | { readonly kind: 'idle'; readonly since: number | null }
  | { readonly kind: 'mobile' }
  | { readonly kind: 'offline'; readonly lastSeen: number | null }
  /** `until` is the last day off (YYYY-MM-DD); the person is back the day after. */
  | { readonly kind: 'leave'; readonly until: string };

export interface PresenceView {
  readonly badge: BadgeKind;
  readonly phrase: Phrase;
  /** On leave but still around (online/idle/mobile): shown as a secondary tag. */
  readonly leaveUntil: string | null;
  readonly desktop: boolean;
  readonly mobile: boolean;
  /** Whom the phrase is about: Russian agrees with it ("Отошла"), neutral when null. */
  readonly gender: Gender | null;
}

type PresenceInput = Pick<
  Colleague,
  'presence' | 'presenceSince' | 'lastActivity' | 'desktop' | 'status' | 'absentUntil' | 'gender'
>;

export function presenceView(c: PresenceInput, reports: PortalReports): PresenceView {
  const presence = shownPresence(c, reports);
  const mobile = presence === 'mobile';
  const base = { desktop: c.desktop, mobile, gender: c.gender };
  switch (presence) {
    case 'idle':
      // Counted away because they chose "away" (an old portal reports it): say that, not a time.
      if (c.presence === 'online')
        return {
          ...base,
          badge: 'away',
          phrase: { kind: 'chosen', status: 'away' },
          leaveUntil: c.absentUntil,
        };
      return {
        ...base,
        badge: 'idle',
        phrase: { kind: 'idle', since: c.presenceSince ?? c.lastActivity },
        leaveUntil: c.absentUntil,
      };
    case 'mobile':
      return { ...base, badge: 'mobile', phrase: { kind: 'mobile' }, leaveUntil: c.absentUntil };
    case 'online': {
      const status = shownStatus(c, reports);
      if (isBusyStatus(status)) {
        return {
          ...base,
          badge: status,
          phrase: { kind: 'chosen', status },
          leaveUntil: c.absentUntil,
        };
      }
      // On a portal that reports statuses, one Bitrix24 does not know is shown verbatim (as text).
      const phrase: Phrase =
        status === 'online' ? { kind: 'online' } : { kind: 'online-status', status };
      return { ...base, badge: 'online', phrase, leaveUntil: c.absentUntil };
    }
    case 'offline':
      if (c.absentUntil !== null) {
        return {
          ...base,
          badge: 'leave',
          phrase: { kind: 'leave', until: c.absentUntil },
          leaveUntil: null,
        };
      }
      return {
        ...base,
        badge: 'offline',
        phrase: { kind: 'offline', lastSeen: c.lastActivity ?? c.presenceSince },
        leaveUntil: null,
      };
  }
}
