import type { Colleague } from '../../electron/shared/domain.js';

/** A plausible online colleague; override what a test is about. */
export function colleague(id: number, fields: Partial<Colleague> = {}): Colleague {
  return {
    id,
    name: `Person ${id}`,
    firstName: 'Person',
    lastName: String(id),
    position: '',
    departments: [1],
    avatar: null,
    color: null,
    presence: 'online',
    presenceSince: null,
    lastActivity: 1_700_000_000_000,
    desktop: false,
    status: 'online',
    absentUntil: null,
    bot: false,
    extranet: false,
    gender: null,
    calendar: null,
    timeZone: null,
    ...fields,
  };
}

export function byId(colleagues: readonly Colleague[]): Map<number, Colleague> {
  return new Map(colleagues.map((item) => [item.id, item]));
}
