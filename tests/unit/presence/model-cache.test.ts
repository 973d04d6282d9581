import { describe, expect, it } from 'vitest';
import type { RawUser } from '../../../electron/core/bitrix/types.js';
import { toColleague } from '../../../electron/core/presence/model.js';
import { ColleagueModel, modelValidUntil } from '../../../electron/core/presence/model-cache.js';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const MIN = 60_000;
const options = { onlineLimitSec: 1440 };

function atom(ms: number): string {
  return `${new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19)}+03:00`;
}

function raw(id: number, overrides: Partial<RawUser> = {}): RawUser {
  return {
    id,
    active: true,
    name: `Person ${id}`,
    first_name: 'Person',
    last_name: String(id),
    work_position: 'Analyst',
    color: '#29619b',
    avatar: '',
    avatar_hr: '',
    gender: 'F',
    extranet: false,
    bot: false,
    status: 'online',
    idle: false,
    last_activity_date: atom(T0 - MIN),
    mobile_last_date: false,
    desktop_last_date: atom(T0 - MIN),
    absent: false,
    departments: [3],
    ...overrides,
  };
}

describe('ColleagueModel', () => {
  it('reuses the Colleague object of an unchanged person, and derives a changed one again', () => {
    const model = new ColleagueModel();
    const [first] = model.update([raw(2)], T0, options);
    const [same] = model.update([raw(2)], T0 + 30_000, options);
    expect(same).toBe(first);
    const [moved] = model.update([raw(2, { status: 'dnd' })], T0 + 60_000, options);
    expect(moved).not.toBe(first);
    expect(moved).toEqual(toColleague(raw(2, { status: 'dnd' }), T0 + 60_000, options));
  });

  it('notices a change in every field the model reads', () => {
    const changes: Partial<RawUser>[] = [
      { name: 'Other' },
      { first_name: 'Other' },
      { last_name: 'Other' },
      { work_position: 'Boss' },
      { color: '#000000' },
      { avatar: 'https://cdn.example.com/a.png' },
      { avatar_hr: 'https://cdn.example.com/b.png' },
      { extranet: true },
      { bot: true },
      { status: 'away' },
      { idle: atom(T0 - 2 * MIN) },
      { last_activity_date: atom(T0 - 2 * MIN) },
      { mobile_last_date: atom(T0 - MIN) },
      { desktop_last_date: atom(T0 - 2 * MIN) },
      { absent: atom(T0 + 5 * 86_400_000) },
      { departments: [3, 4] },
    ];
    for (const change of changes) {
      const model = new ColleagueModel();
      const [before] = model.update([raw(2)], T0, options);
      const [after] = model.update([raw(2, change)], T0, options);
      expect(after, JSON.stringify(change)).toEqual(toColleague(raw(2, change), T0, options));
      expect(after, JSON.stringify(change)).not.toBe(before);
    }
  });

  it('derives again once time crosses a boundary: online limit, desktop grace, mobile window', () => {
    const person = raw(2, { mobile_last_date: atom(T0 - MIN) });
    const model = new ColleagueModel();
    // Walk past every boundary in 10 s steps; the result must always equal a fresh derivation.
    for (let now = T0; now < T0 + 30 * MIN; now += 10_000) {
      const [colleague] = model.update([person], now, options);
      expect(colleague).toEqual(toColleague(person, now, options));
    }
    expect(modelValidUntil(person, T0, options)).toBe(T0 - MIN + 180_000);
  });

  it('never trusts a result when the clock went back or the online limit changed', () => {
    const person = raw(2, { last_activity_date: atom(T0 - 23 * MIN) });
    const model = new ColleagueModel();
    model.update([person], T0 + 2 * MIN, options);
    expect(model.update([person], T0, options)[0]?.presence).toBe('online');
    expect(model.update([person], T0, { onlineLimitSec: 600 })[0]?.presence).toBe('offline');
  });

  it('derives people on leave every poll (the leave date depends on the calendar day)', () => {
    const person = raw(2, { absent: atom(Date.UTC(2026, 10, 23, 21, 0, 0)) });
    expect(modelValidUntil(person, T0, options)).toBe(T0);
    const model = new ColleagueModel();
    const [today] = model.update([person], T0, options);
    const [tomorrow] = model.update([person], T0 + 86_400_000, options);
    expect(today?.absentUntil).toBe('2026-11-24');
    expect(tomorrow).toEqual(toColleague(person, T0 + 86_400_000, options));
  });

  it('forgets people who left, and keeps the order and duplicates of its input', () => {
    const model = new ColleagueModel();
    model.update([raw(2), raw(3), raw(4)], T0, options);
    expect(model.size).toBe(3);
    const out = model.update([raw(4), raw(2), raw(4)], T0 + 1000, options);
    expect(out.map((colleague) => colleague.id)).toEqual([4, 2, 4]);
    expect(model.size).toBe(2);
  });
});
