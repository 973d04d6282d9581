import { describe, expect, it } from 'vitest';
import {
  CURRENT_PORTAL_REPORTS,
  PRESENCES,
  type PortalReports,
  type Presence,
} from '../../../../../electron/shared/domain.js';
import {
  isBusy,
  shownPresence,
  shownStatus,
} from '../../../../../electron/shared/presence/classify.js';
import { countedAs, countPresence } from '../../../../../electron/shared/presence/counts.js';
import { colleague } from '../../../../support/colleague.js';

/** The one reading of a person behind the header counts, the filters, the badges and the tray. */
const LEGACY: PortalReports = {
  idle: true,
  mobile: true,
  status: true,
  calendar: false,
  timeZones: false,
};
const CURRENT = CURRENT_PORTAL_REPORTS;

describe('the reports-aware classification', () => {
  it('shows "mobile" only where the portal reports mobile activity', () => {
    expect(shownPresence({ presence: 'mobile', status: 'online' }, LEGACY)).toBe('mobile');
    expect(shownPresence({ presence: 'mobile', status: 'online' }, CURRENT)).toBe('online');
    for (const presence of PRESENCES.filter((p) => p !== 'mobile')) {
      expect(shownPresence({ presence, status: 'online' }, CURRENT)).toBe(presence);
      expect(shownPresence({ presence, status: 'online' }, LEGACY)).toBe(presence);
    }
  });

  it('counts someone who chose "away" as away, where the portal reports chosen statuses', () => {
    expect(shownPresence({ presence: 'online', status: 'away' }, LEGACY)).toBe('idle');
    expect(shownPresence({ presence: 'online', status: 'away' }, CURRENT)).toBe('online');
    expect(shownPresence({ presence: 'online', status: 'dnd' }, LEGACY)).toBe('online');
    const team = [
      colleague(1, { status: 'away' }),
      colleague(2, { status: 'dnd' }),
      colleague(3, { presence: 'idle' }),
    ];
    expect(countPresence(team, LEGACY)).toMatchObject({ online: 1, idle: 2 });
    expect(countPresence(team, CURRENT)).toMatchObject({ online: 2, idle: 1 });
  });

  it('shows a chosen status only where the portal reports them, blank as online', () => {
    expect(shownStatus({ status: 'dnd' }, LEGACY)).toBe('dnd');
    expect(shownStatus({ status: ' away ' }, LEGACY)).toBe('away');
    expect(shownStatus({ status: '  ' }, LEGACY)).toBe('online');
    expect(shownStatus({ status: 'lunch' }, LEGACY)).toBe('lunch');
    expect(shownStatus({ status: 'dnd' }, CURRENT)).toBe('online');
  });

  it('counts as busy only someone shown online with a busy status', () => {
    expect(isBusy({ presence: 'online', status: 'dnd' }, LEGACY)).toBe(true);
    expect(isBusy({ presence: 'online', status: 'break' }, LEGACY)).toBe(true);
    expect(isBusy({ presence: 'online', status: 'lunch' }, LEGACY)).toBe(false);
    expect(isBusy({ presence: 'online', status: 'dnd' }, CURRENT)).toBe(false);
    expect(isBusy({ presence: 'idle', status: 'dnd' }, LEGACY)).toBe(false);
    expect(isBusy({ presence: 'mobile', status: 'away' }, LEGACY)).toBe(false);
    // On a portal with statuses but no mobile reports, a mobile person reads as online, so busy.
    expect(isBusy({ presence: 'mobile', status: 'away' }, { ...CURRENT, status: true })).toBe(true);
  });
});

describe('countPresence', () => {
  const LEAVE = '2026-12-03';
  const person = (id: number, presence: Presence, absentUntil: string | null = null) =>
    colleague(id, { presence, absentUntil });
  const team = [
    person(1, 'online'),
    person(2, 'mobile'),
    person(3, 'idle', LEAVE),
    person(4, 'offline'),
    person(5, 'offline', LEAVE),
  ];

  it('counts by the presence shown, offline people on leave as on leave only, so the counts add up to the team', () => {
    expect(countPresence(team, LEGACY)).toEqual({
      total: 5,
      online: 1,
      idle: 1,
      mobile: 1,
      offline: 1,
      onLeave: 1,
    });
    expect(countPresence(team, CURRENT)).toEqual({
      total: 5,
      online: 2,
      idle: 1,
      mobile: 0,
      offline: 1,
      onLeave: 1,
    });
    expect(countPresence([], LEGACY)).toEqual({
      total: 0,
      online: 0,
      idle: 0,
      mobile: 0,
      offline: 0,
      onLeave: 0,
    });
  });

  it('puts everybody in exactly one count', () => {
    expect(countedAs(person(6, 'offline', LEAVE), CURRENT)).toBe('onLeave');
    expect(countedAs(person(7, 'online', LEAVE), CURRENT)).toBe('online');
    expect(countedAs(person(8, 'mobile', LEAVE), CURRENT)).toBe('online');
    for (const reports of [LEGACY, CURRENT]) {
      const { total, ...counts } = countPresence(team, reports);
      expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(total);
    }
  });

  it('reads a current portal when not told the reports', () => {
    expect(countPresence(team)).toEqual(countPresence(team, CURRENT));
  });
});
