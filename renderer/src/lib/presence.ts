import type { Colleague, KnownChosenStatus } from '../../../electron/core/domain.js';

/**
 * Which badge and phrase a row shows. Mirrors how Bitrix24's messenger reads the same data:
 * idle overrides a chosen status, a chosen dnd/away/break shows when not on mobile, and leave
 * explains an absence. The panel formats the words; this only decides what to say.
 */
export type BadgeKind = 'online' | 'idle' | 'mobile' | 'offline' | 'leave' | 'dnd' | 'away' | 'break';

export type Phrase =
  | { readonly kind: 'online' }
  | { readonly kind: 'online-status'; readonly status: string }
  | { readonly kind: 'chosen'; readonly status: Exclude<KnownChosenStatus, 'online'> }
  | { readonly kind: 'idle'; readonly since: number | null }
  | { readonly kind: 'mobile' }
  | { readonly kind: 'offline'; readonly lastSeen: number | null }
  | { readonly kind: 'leave'; readonly until: string };

export interface PresenceView {
  readonly badge: BadgeKind;
  readonly phrase: Phrase;
  /** On leave but still around (online/idle/mobile): shown as a secondary tag. */
  readonly leaveUntil: string | null;
  readonly desktop: boolean;
  readonly mobile: boolean;
}

const CHOSEN = new Set<string>(['dnd', 'away', 'break']);

export function isChosenStatus(status: string): status is Exclude<KnownChosenStatus, 'online'> {
  return CHOSEN.has(status);
}

type PresenceInput = Pick<Colleague, 'presence' | 'presenceSince' | 'lastActivity' | 'desktop' | 'status' | 'absentUntil'>;

export function presenceView(c: PresenceInput): PresenceView {
  const mobile = c.presence === 'mobile';
  const base = { desktop: c.desktop, mobile };
  switch (c.presence) {
    case 'idle':
      return { ...base, badge: 'idle', phrase: { kind: 'idle', since: c.presenceSince }, leaveUntil: c.absentUntil };
    case 'mobile':
      return { ...base, badge: 'mobile', phrase: { kind: 'mobile' }, leaveUntil: c.absentUntil };
    case 'online': {
      const status = c.status.trim();
      if (isChosenStatus(status)) {
        return { ...base, badge: status, phrase: { kind: 'chosen', status }, leaveUntil: c.absentUntil };
      }
      // A status Bitrix24 does not know is shown verbatim (as text) rather than dropped.
      const phrase: Phrase = status === '' || status === 'online' ? { kind: 'online' } : { kind: 'online-status', status };
      return { ...base, badge: 'online', phrase, leaveUntil: c.absentUntil };
    }
    case 'offline':
      if (c.absentUntil !== null) {
        return { ...base, badge: 'leave', phrase: { kind: 'leave', until: c.absentUntil }, leaveUntil: null };
      }
      return { ...base, badge: 'offline', phrase: { kind: 'offline', lastSeen: c.lastActivity ?? c.presenceSince }, leaveUntil: null };
  }
}
