import { describe, expect, it } from 'vitest';
import {
  CURRENT_PORTAL_REPORTS,
  type Colleague,
  type PortalReports,
} from '../../../../../electron/shared/domain.js';
import { presenceView } from '../../../../../renderer/src/lib/presence.js';
import {
  leaveDetail,
  phraseDetail,
  phraseText,
  rowLabel,
} from '../../../../../renderer/src/lib/phrase.js';
import { createTranslator } from '../../../../../renderer/src/lib/i18n.js';
import { colleague } from '../../../../support/colleague.js';

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
const CURRENT = CURRENT_PORTAL_REPORTS;
const LEGACY: PortalReports = {
  idle: true,
  mobile: true,
  status: true,
  calendar: false,
  timeZones: false,
};
const say = (c: Partial<Colleague>, reports: PortalReports = LEGACY, t = en): [string, string] => {
  const view = presenceView({ ...base, ...c }, reports);
  return [view.badge, phraseText(view, t, NOW)];
};
const detail = (c: Partial<Colleague>, reports: PortalReports = CURRENT, t = en): string =>
  phraseDetail(presenceView({ ...base, ...c }, reports), t, NOW);

describe('presence phrase selection', () => {
  it('says what Bitrix24 would show for each presence', () => {
    for (const reports of [CURRENT, LEGACY]) {
      expect(say({}, reports)).toEqual(['online', 'Online']);
      expect(say({ presence: 'idle', presenceSince: NOW - 25 * 60_000 }, reports)).toEqual([
        'idle',
        'Away · 25 min',
      ]);
      expect(say({ presence: 'offline', lastActivity: NOW - 2 * 3_600_000 }, reports)[1]).toMatch(
        /^Offline · last seen 2 h ago$/,
      );
      expect(say({ presence: 'offline', lastActivity: null }, reports)).toEqual([
        'offline',
        'Offline',
      ]);
      expect(say({ presence: 'offline', absentUntil: '2026-12-03' }, reports)).toEqual([
        'leave',
        'On leave until 3 Dec',
      ]);
    }
    expect(say({ presence: 'mobile', desktop: false }, LEGACY)).toEqual(['mobile', 'On mobile']);
  });

  it('on an old portal: shows a chosen status when online, lets idle override it, and keeps unknown ones as text', () => {
    expect(say({ status: 'dnd' })).toEqual(['dnd', 'Do not disturb']);
    // A chosen away says so: idle without a date also reads "Away" (issue 22, item 15).
    expect(say({ status: 'away' })).toEqual(['away', 'Away (status)']);
    expect(say({ status: 'break' })).toEqual(['break', 'On a break']);
    expect(say({ status: ' dnd ' })).toEqual(['dnd', 'Do not disturb']);
    expect(say({ status: 'dnd', presence: 'idle', presenceSince: NOW - 5 * 60_000 })).toEqual([
      'idle',
      'Away · 5 min',
    ]);
    expect(say({ status: 'dnd', presence: 'mobile' })).toEqual(['mobile', 'On mobile']);
    expect(say({ status: 'vacation-mode' })).toEqual(['online', 'Online · vacation-mode']);
    expect(presenceView({ ...base, presence: 'mobile' }, LEGACY).mobile).toBe(true);
  });

  it('on a current portal: never shows mobile or a chosen status, not even verbatim', () => {
    for (const status of ['dnd', 'away', 'break', 'vacation-mode'])
      expect(say({ status }, CURRENT), status).toEqual(['online', 'Online']);
    const mobile = presenceView({ ...base, presence: 'mobile', desktop: false }, CURRENT);
    expect([mobile.badge, mobile.mobile, mobile.phrase.kind]).toEqual(['online', false, 'online']);
    // Each flag on its own: mobile without statuses, statuses without mobile.
    expect(say({ presence: 'mobile', status: 'dnd' }, { ...CURRENT, mobile: true })).toEqual([
      'mobile',
      'On mobile',
    ]);
    expect(say({ status: 'dnd' }, { ...CURRENT, mobile: true })).toEqual(['online', 'Online']);
    expect(say({ presence: 'mobile', status: 'dnd' }, { ...CURRENT, status: true })).toEqual([
      'dnd',
      'Do not disturb',
    ]);
  });

  it('spells idle out as "no activity for N min", dated from presenceSince', () => {
    expect(
      detail({
        presence: 'idle',
        presenceSince: NOW - 8 * 60_000 - 30_000,
        lastActivity: NOW - 30 * 60_000,
      }),
    ).toBe('No activity for 8 min');
    expect(detail({ presence: 'idle', presenceSince: NOW - 8 * 60_000 }, LEGACY)).toBe(
      'No activity for 8 min',
    );
    expect(detail({ presence: 'idle', presenceSince: NOW - 8 * 60_000 }, CURRENT, ru)).toBe(
      'Нет активности уже 8\u00a0мин',
    );
    // Without presenceSince, the last activity dates it; without either, no number at all.
    expect(detail({ presence: 'idle', presenceSince: null, lastActivity: NOW - 12 * 60_000 })).toBe(
      'No activity for 12 min',
    );
    expect(say({ presence: 'idle', presenceSince: null, lastActivity: null })).toEqual([
      'idle',
      'Away',
    ]);
    expect(detail({ presence: 'idle', presenceSince: null, lastActivity: null })).toBe(
      'No recent activity',
    );
    // Other phrases read the same in full.
    expect(detail({})).toBe('Online');
    // A narrow window shortens the offline phrase; the tooltip keeps it whole.
    const offline = presenceView(
      { ...base, presence: 'offline', lastActivity: NOW - 50 * 60_000, gender: 'M' },
      CURRENT,
    );
    expect(phraseText(offline, en, NOW, true)).toMatch(/^Seen 50 min\.? ago$/);
    expect(phraseText(offline, ru, NOW, true)).toMatch(/^Был 50\sмин\.? назад$/);
    expect(phraseText({ ...offline, gender: 'F' }, ru, NOW, true)).toMatch(
      /^Была 50\sмин\.? назад$/,
    );
    expect(phraseText({ ...offline, gender: null }, ru, NOW, true)).toMatch(/^50\sмин\.? назад$/);
    expect(phraseDetail(offline, en, NOW)).toMatch(/^Offline · last seen 50 min\.? ago$/);
    expect(phraseDetail({ ...offline, gender: null }, ru, NOW)).toMatch(
      /^Не в сети · последняя активность 50\sмин\.? назад$/,
    );
    expect(
      phraseText(
        { phrase: { kind: 'idle', since: NOW - 8 * 60_000 }, gender: null },
        en,
        NOW,
        true,
      ),
    ).toBe('Away · 8 min');
  });

  it('says the last day of leave, and the day after as the day back, in any time zone', () => {
    expect(detail({ presence: 'offline', absentUntil: '2026-12-03' })).toBe(
      'On leave until 3 Dec, back on 4 Dec',
    );
    expect(leaveDetail('2026-12-31', en)).toBe('On leave until 31 Dec, back on 1 Jan');
    expect(leaveDetail('2028-02-28', en)).toBe('On leave until 28 Feb, back on 29 Feb');
    expect(leaveDetail('2026-03-28', ru)).toMatch(
      /^В отпуске по 28 мар\.? включительно, вернётся 29 мар/,
    );
    expect(leaveDetail('not a day', en)).toBe('On leave until not a day');
  });

  it('never moves the leave by a day in a time zone far from UTC', () => {
    const before = process.env.TZ;
    const offsets = new Set<number>();
    try {
      for (const zone of [
        'Pacific/Kiritimati',
        'America/Los_Angeles',
        'Pacific/Pago_Pago',
        'Europe/Moscow',
      ]) {
        process.env.TZ = zone;
        offsets.add(new Date(2026, 11, 3).getTimezoneOffset());
        const t = createTranslator('en');
        expect(
          phraseText({ phrase: { kind: 'leave', until: '2026-12-03' }, gender: null }, t, NOW),
          zone,
        ).toBe('On leave until 3 Dec');
        expect(leaveDetail('2026-12-03', t), zone).toBe('On leave until 3 Dec, back on 4 Dec');
      }
      expect(offsets.size, 'the zones really applied').toBe(4);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('keeps leave as a side note for someone on leave who is online', () => {
    const view = presenceView({ ...base, absentUntil: '2026-12-03' }, CURRENT);
    expect(view.badge).toBe('online');
    expect(view.leaveUntil).toBe('2026-12-03');
    expect(
      rowLabel(
        { name: 'Anna', position: 'Dev', department: 'Sales', view, rule: 'starred' },
        en,
        NOW,
      ),
    ).toBe(
      'Anna, Dev, Sales. Online. On leave until 3 Dec, back on 4 Dec. Desktop app running at the last check. starred',
    );
    const idle = presenceView(
      { ...base, presence: 'idle', presenceSince: NOW - 8 * 60_000, desktop: false },
      CURRENT,
    );
    expect(
      rowLabel(
        { name: 'Anna', position: '', department: null, view: idle, rule: 'default' },
        en,
        NOW,
      ),
    ).toBe('Anna. No activity for 8 min');
  });

  it('speaks Russian', () => {
    expect(
      say({ presence: 'idle', presenceSince: NOW - 25 * 60_000, gender: 'M' }, CURRENT, ru),
    ).toEqual(['idle', 'Отошёл · 25\u00a0мин']);
    expect(
      say({ presence: 'idle', presenceSince: NOW - 25 * 60_000, gender: 'F' }, CURRENT, ru),
    ).toEqual(['idle', 'Отошла · 25\u00a0мин']);
    expect(
      say({ presence: 'idle', presenceSince: NOW - 25 * 60_000, gender: null }, CURRENT, ru),
    ).toEqual(['idle', 'Нет активности · 25\u00a0мин']);
    // "по" includes the day: "до 3 декабря" would read as back on the 3rd.
    expect(say({ presence: 'offline', absentUntil: '2026-12-03' }, CURRENT, ru)[1]).toMatch(
      /^В отпуске по 3 дек/,
    );
  });
});
