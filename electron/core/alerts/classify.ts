import type { AlertKind, Colleague, PresenceTransition } from '../../shared/domain.js';
import type { Settings } from '../../shared/settings/schema.js';
import { isAvailableNow } from '../../shared/presence/available.js';
import type { SaidAbout } from './ledger.js';

/*
 * Which alert a presence transition is, and whether it was already said.
 *
 * - Kinds (settings.alerts.kinds): online = offline → online/mobile/idle; backFromIdle = idle →
 *   online/mobile; offline = anything → offline; backFromLeave = a leave ended. One transition
 *   yields at most one alert: a leave ending wins over the presence change that came with it.
 * - Each alert has a marker that does not depend on when it was seen (online: when the offline
 *   period began; back-from-idle: when idle began; offline: last activity; leave: its last day
 *   off; `@`time of the transition when the data has none). The ledger keeps the last handled
 *   marker per kind, so the same transition is never said twice.
 * - A leave usually ends at midnight, while the person is away: that is news when they are back,
 *   so it waits in the ledger (`awaitingReturnFrom`) for the first arrival and replaces it.
 */

export type AlertKinds = Settings['alerts']['kinds'];

export interface Candidate {
  readonly kind: AlertKind;
  readonly marker: string;
}

export function kindEnabled(kinds: AlertKinds, kind: AlertKind): boolean {
  switch (kind) {
    case 'online':
      return kinds.online;
    case 'back-from-idle':
      return kinds.backFromIdle;
    case 'offline':
      return kinds.offline;
    case 'back-from-leave':
      return kinds.backFromLeave;
  }
}

function marker(value: number | string | null | undefined, fallback: number): string {
  return value === null || value === undefined ? `@${fallback}` : String(value);
}

/** The alert a transition is on its own (whatever was said before), or null: not alerted or switched off. */
export function classify(
  transition: PresenceTransition,
  before: Colleague | undefined,
  after: Colleague,
  kinds: AlertKinds,
): Candidate | null {
  const at = transition.at;
  if (transition.leave === 'ended' && kinds.backFromLeave) {
    return { kind: 'back-from-leave', marker: marker(before?.absentUntil, at) };
  }
  const { from, to } = transition;
  if (from === to) return null;
  if (from === 'offline') {
    return kinds.online ? { kind: 'online', marker: marker(before?.presenceSince, at) } : null;
  }
  if (to === 'offline') {
    return kinds.offline ? { kind: 'offline', marker: marker(after.presenceSince, at) } : null;
  }
  if (from === 'idle' && isAvailableNow(to)) {
    return kinds.backFromIdle
      ? { kind: 'back-from-idle', marker: marker(before?.presenceSince, at) }
      : null;
  }
  return null; // online ↔ mobile, going idle: not alerted
}

export interface Decision {
  /** What was said about the person after this transition: the same object when nothing changed. */
  readonly said: SaidAbout;
  /** What to say, or null: nothing, or already said. */
  readonly alert: Candidate | null;
}

/** What one transition of a wanted person means, given what was already said about them. */
export function decide(
  transition: PresenceTransition,
  before: Colleague | undefined,
  after: Colleague,
  kinds: AlertKinds,
  said: SaidAbout,
): Decision {
  let record = said;
  let candidate = classify(transition, before, after, kinds);
  if (candidate?.kind === 'back-from-leave' && after.presence === 'offline') {
    if (record.awaitingReturnFrom !== candidate.marker)
      record = { ...record, awaitingReturnFrom: candidate.marker };
    return { said: record, alert: null };
  }
  const awaiting = record.awaitingReturnFrom;
  if (awaiting !== undefined && transition.from === 'offline' && transition.to !== 'offline') {
    const { awaitingReturnFrom: _said, ...rest } = record;
    record = rest;
    if (kinds.backFromLeave) candidate = { kind: 'back-from-leave', marker: awaiting };
  }
  if (candidate === null || record[candidate.kind] === candidate.marker)
    return { said: record, alert: null };
  return { said: { ...record, [candidate.kind]: candidate.marker }, alert: candidate };
}
