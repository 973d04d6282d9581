import type { Colleague, PresenceTransition } from '../../shared/domain.js';

/**
 * What changed for one person between two polls that is worth telling anyone about: a change of
 * presence, or a leave starting or ending (absentUntil going from/to null). Returns null for
 * everything else: a refreshed lastActivity of someone who stays online, a new position, an
 * extended leave (one date to another) are not transitions.
 * When both presence and leave change, it is one transition carrying both; when only the leave
 * changes, `from === to`.
 */
export function transitionBetween(
  prev: Colleague,
  next: Colleague,
  at: number,
): PresenceTransition | null {
  const presenceChanged = prev.presence !== next.presence;
  const leave =
    prev.absentUntil === null && next.absentUntil !== null
      ? 'started'
      : prev.absentUntil !== null && next.absentUntil === null
        ? 'ended'
        : undefined;
  if (!presenceChanged && leave === undefined) return null;
  const base = { userId: next.id, name: next.name, from: prev.presence, to: next.presence, at };
  // `leave` is omitted rather than undefined: domain objects are plain JSON.
  return leave === undefined ? base : { ...base, leave };
}
