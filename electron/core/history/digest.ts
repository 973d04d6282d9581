import type { Colleague, Digest } from '../../shared/domain.js';

/*
 * "While you were away": what changed between the last picture before a gap (a sleep, an outage,
 * the user's own absence) and the first after it: arrived = offline before, around now; left =
 * around before, offline now; backFromLeave = on leave before, not now (the leave is the news,
 * whatever their presence). The alerts of such a gap stay silent; this one summary replaces them.
 */
export type { Digest };

/**
 * The digest of a gap, or null when nothing worth saying changed. `include` applies the alert
 * rules (scope, stars, mutes, bots); people who joined or left the team meanwhile are not news.
 */
export function digestBetween(
  before: readonly Colleague[],
  after: readonly Colleague[],
  since: number,
  until: number,
  include: (colleague: Colleague) => boolean = () => true,
): Digest | null {
  const previous = new Map(before.map((colleague) => [colleague.id, colleague]));
  const arrived: number[] = [];
  const left: number[] = [];
  const backFromLeave: number[] = [];
  for (const now of after) {
    const was = previous.get(now.id);
    if (was === undefined || !include(now)) continue;
    if (was.absentUntil !== null && now.absentUntil === null) backFromLeave.push(now.id);
    else if (was.presence === 'offline' && now.presence !== 'offline') arrived.push(now.id);
    else if (was.presence !== 'offline' && now.presence === 'offline') left.push(now.id);
  }
  if (arrived.length + left.length + backFromLeave.length === 0) return null;
  return { since, until, arrived, left, backFromLeave };
}
