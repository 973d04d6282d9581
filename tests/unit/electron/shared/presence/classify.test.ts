import { describe, expect, it } from 'vitest';
import {
  PRESENCE_RANK_COUNT,
  isBusy,
  isFreeNow,
  presenceRank,
  shownPresence,
  shownStatus,
} from '../../../../../electron/shared/presence/classify.js';
import type { CalendarBlock } from '../../../../../electron/shared/calendar.js';
import {
  CURRENT_PORTAL_REPORTS,
  type Colleague,
  type PortalReports,
} from '../../../../../electron/shared/domain.js';
import { colleague } from '../../../../support/colleague.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0);
const CURRENT = CURRENT_PORTAL_REPORTS;
const LEGACY: PortalReports = { ...CURRENT, idle: true, mobile: true, status: true };
const meeting: CalendarBlock = { kind: 'meeting', from: NOW - 60_000, until: NOW + 60_000 };
const tentative: CalendarBlock = { ...meeting, kind: 'tentative' };
const person = (fields: Partial<Colleague>): Colleague => colleague(1, fields);

describe('shownPresence', () => {
  it('shows mobile only where the portal reports it', () => {
    expect(shownPresence(person({ presence: 'mobile' }), LEGACY)).toBe('mobile');
    expect(shownPresence(person({ presence: 'mobile' }), CURRENT)).toBe('online');
  });

  it('a chosen "away" reads as away where the portal reports statuses', () => {
    expect(shownPresence(person({ status: ' away ' }), LEGACY)).toBe('idle');
    expect(shownPresence(person({ status: 'away' }), CURRENT)).toBe('online');
    expect(shownPresence(person({ status: 'away', presence: 'offline' }), LEGACY)).toBe('offline');
  });

  it('leaves the rest as it is', () => {
    for (const presence of ['online', 'idle', 'offline'] as const)
      expect(shownPresence(person({ presence }), LEGACY)).toBe(presence);
  });
});

describe('shownStatus', () => {
  it('is "online" unless the portal reports chosen statuses', () => {
    expect(shownStatus(person({ status: 'dnd' }), CURRENT)).toBe('online');
    expect(shownStatus(person({ status: ' dnd ' }), LEGACY)).toBe('dnd');
    expect(shownStatus(person({ status: '  ' }), LEGACY)).toBe('online');
    expect(shownStatus(person({ status: 'vacation' }), LEGACY)).toBe('vacation');
  });
});

describe('isBusy', () => {
  it('online with a busy chosen status, on a portal that reports it', () => {
    expect(isBusy(person({ status: 'dnd' }), LEGACY)).toBe(true);
    expect(isBusy(person({ status: 'break' }), LEGACY)).toBe(true);
    expect(isBusy(person({ status: 'dnd' }), CURRENT)).toBe(false);
    expect(isBusy(person({ status: 'vacation' }), LEGACY)).toBe(false);
  });

  it('not when shown as something else than online', () => {
    expect(isBusy(person({ status: 'away' }), LEGACY)).toBe(false); // shown as away instead
    expect(isBusy(person({ status: 'dnd', presence: 'offline' }), LEGACY)).toBe(false);
    expect(isBusy(person({ status: 'dnd', presence: 'mobile' }), LEGACY)).toBe(false);
  });
});

describe('isFreeNow', () => {
  it('online, not busy, and no meeting or absence at the moment', () => {
    expect(isFreeNow(person({}), CURRENT, NOW)).toBe(true);
    expect(isFreeNow(person({ calendar: [meeting] }), CURRENT, NOW)).toBe(false);
    expect(isFreeNow(person({ calendar: [meeting] }), CURRENT, meeting.until)).toBe(true);
    expect(isFreeNow(person({ calendar: [tentative] }), CURRENT, NOW)).toBe(true);
    expect(isFreeNow(person({ status: 'dnd' }), LEGACY, NOW)).toBe(false);
    expect(isFreeNow(person({ presence: 'idle' }), CURRENT, NOW)).toBe(false);
    // Mobile counts as online where the portal cannot tell them apart.
    expect(isFreeNow(person({ presence: 'mobile' }), CURRENT, NOW)).toBe(true);
    expect(isFreeNow(person({ presence: 'mobile' }), LEGACY, NOW)).toBe(false);
  });
});

describe('presenceRank', () => {
  it('orders who is reachable first', () => {
    const ranks = [
      presenceRank(person({}), LEGACY, NOW),
      presenceRank(person({ presence: 'mobile' }), LEGACY, NOW),
      presenceRank(person({ status: 'dnd' }), LEGACY, NOW),
      presenceRank(person({ presence: 'idle' }), LEGACY, NOW),
      presenceRank(person({ presence: 'offline' }), LEGACY, NOW),
      presenceRank(person({ presence: 'offline', absentUntil: '2026-12-03' }), LEGACY, NOW),
    ];
    expect(ranks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Math.max(...ranks) + 1).toBe(PRESENCE_RANK_COUNT);
  });

  it('a meeting makes an online person busy, only when the moment is given', () => {
    expect(presenceRank(person({ calendar: [meeting] }), CURRENT, NOW)).toBe(2);
    expect(presenceRank(person({ calendar: [meeting] }), CURRENT)).toBe(0);
    expect(presenceRank(person({ calendar: [tentative] }), CURRENT, NOW)).toBe(0);
  });

  it('a person on leave who is online anyway ranks by presence', () => {
    expect(presenceRank(person({ absentUntil: '2026-12-03' }), CURRENT, NOW)).toBe(0);
  });

  it('classifies by what is shown: away by status, mobile as online on a current portal', () => {
    expect(presenceRank(person({ status: 'away' }), LEGACY, NOW)).toBe(3);
    expect(presenceRank(person({ presence: 'mobile' }), CURRENT, NOW)).toBe(0);
  });
});
