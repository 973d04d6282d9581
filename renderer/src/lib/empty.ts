import type { FilterKey } from './list.js';

/**
 * Why the list is empty, and so what it says and offers: the team is still loading, the portal
 * has nobody, nobody is starred yet (how to star someone, and a way back to everyone), or the
 * search and filter match nobody ("Clear filters").
 */
export type EmptyReason = 'waiting' | 'no-team' | 'no-starred' | 'no-match';

export function emptyReason(state: {
  readonly loaded: boolean;
  readonly teamSize: number;
  readonly filter: FilterKey;
  readonly query: string;
}): EmptyReason {
  if (state.teamSize === 0) return state.loaded ? 'no-team' : 'waiting';
  return state.filter === 'starred' && state.query.trim() === '' ? 'no-starred' : 'no-match';
}
