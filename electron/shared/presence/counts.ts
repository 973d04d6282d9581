import type { Colleague } from '../domain.js';

export interface PresenceCounts {
  readonly total: number;
  readonly online: number;
  readonly idle: number;
  readonly mobile: number;
  readonly offline: number;
  readonly onLeave: number;
}

/**
 * How many people are in each presence: the panel's header and the tray's tooltip say the
 * same thing. People on leave are counted by presence too (someone on leave may be online).
 */
export function countPresence(colleagues: readonly Colleague[]): PresenceCounts {
  let online = 0;
  let idle = 0;
  let mobile = 0;
  let offline = 0;
  let onLeave = 0;
  for (const c of colleagues) {
    if (c.presence === 'online') online++;
    else if (c.presence === 'idle') idle++;
    else if (c.presence === 'mobile') mobile++;
    else offline++;
    if (c.absentUntil !== null) onLeave++;
  }
  return { total: colleagues.length, online, idle, mobile, offline, onLeave };
}
