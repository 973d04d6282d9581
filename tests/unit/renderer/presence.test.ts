import { describe, expect, it } from 'vitest';
import type { Colleague } from '../../../electron/core/domain.js';
import { presenceView } from '../../../renderer/src/lib/presence.js';
import { phraseText, rowLabel } from '../../../renderer/src/lib/phrase.js';
import { createTranslator } from '../../../renderer/src/lib/i18n.js';
import { colleague } from '../../support/colleague.js';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const base: Colleague = colleague(1, {
  name: 'Anna Petrova',
  firstName: 'Anna',
  lastName: 'Petrova',
  position: 'Developer',
  lastActivity: NOW - 60_000,
  desktop: true,
});
const en = createTranslator('en');
const ru = createTranslator('ru');
const say = (c: Partial<Colleague>, t = en): [string, string] => {
  const view = presenceView({ ...base, ...c });
  return [view.badge, phraseText(view.phrase, t, NOW)];
};

describe('presence phrase selection', () => {
  it('says what Bitrix24 would show for each presence', () => {
    expect(say({})).toEqual(['online', 'Online']);
    expect(say({ presence: 'idle', presenceSince: NOW - 25 * 60_000 })).toEqual(['idle', 'Away · 25 min']);
    expect(say({ presence: 'mobile', desktop: false })).toEqual(['mobile', 'On mobile']);
    expect(say({ presence: 'offline', lastActivity: NOW - 2 * 3_600_000 })[1]).toMatch(/^Offline · last seen 2 hr\.? ago$/);
    expect(say({ presence: 'offline', lastActivity: null })).toEqual(['offline', 'Offline']);
    expect(say({ presence: 'offline', absentUntil: '2026-12-03' })).toEqual(['leave', 'On leave until 3 Dec']);
  });

  it('shows a chosen status when online, lets idle override it, and keeps unknown ones as text', () => {
    expect(say({ status: 'dnd' })).toEqual(['dnd', 'Do not disturb']);
    expect(say({ status: 'away' })).toEqual(['away', 'Away']);
    expect(say({ status: 'break' })).toEqual(['break', 'On a break']);
    expect(say({ status: 'dnd', presence: 'idle', presenceSince: NOW - 5 * 60_000 })).toEqual(['idle', 'Away · 5 min']);
    expect(say({ status: 'dnd', presence: 'mobile' })).toEqual(['mobile', 'On mobile']);
    expect(say({ status: 'vacation-mode' })).toEqual(['online', 'Online · vacation-mode']);
  });

  it('keeps leave as a side note for someone on leave who is online', () => {
    const view = presenceView({ ...base, absentUntil: '2026-12-03' });
    expect(view.badge).toBe('online');
    expect(view.leaveUntil).toBe('2026-12-03');
    expect(rowLabel({ name: 'Anna', position: 'Dev', department: 'Sales', view, rule: 'starred' }, en, NOW)).toBe(
      'Anna, Dev, Sales. Online. leave until 3 Dec. Desktop app. starred',
    );
  });

  it('speaks Russian', () => {
    expect(say({ presence: 'idle', presenceSince: NOW - 25 * 60_000 }, ru)).toEqual(['idle', 'Отошёл · 25 мин']);
    expect(say({ presence: 'offline', absentUntil: '2026-12-03' }, ru)[1]).toMatch(/^В отпуске до 3 дек/);
  });
});
