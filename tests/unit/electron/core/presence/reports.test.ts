import { describe, expect, it } from 'vitest';
import type { RawUser } from '../../../../../electron/core/bitrix/types.js';
import { CURRENT_PORTAL_REPORTS } from '../../../../../electron/shared/domain.js';
import { learnReports } from '../../../../../electron/core/presence/reports.js';

const current = (id: number): RawUser => ({
  id,
  status: 'online',
  idle: false,
  mobile_last_date: false,
  last_activity_date: '2026-11-23T11:55:00+03:00',
});

describe('learnReports', () => {
  it('learns nothing from a current portal, and answers the same object', () => {
    const users = [current(1), current(2), { id: 3 }];
    expect(learnReports(CURRENT_PORTAL_REPORTS, users)).toBe(CURRENT_PORTAL_REPORTS);
  });

  it('takes each real field as proof of that field only', () => {
    expect(
      learnReports(CURRENT_PORTAL_REPORTS, [
        current(1),
        { ...current(2), idle: '2026-11-23T11:50:00+03:00' },
      ]),
    ).toEqual({ ...CURRENT_PORTAL_REPORTS, idle: true });
    expect(
      learnReports(CURRENT_PORTAL_REPORTS, [
        { ...current(2), mobile_last_date: '2026-11-23T11:50:00+03:00' },
      ]),
    ).toEqual({ ...CURRENT_PORTAL_REPORTS, mobile: true });
    expect(learnReports(CURRENT_PORTAL_REPORTS, [{ ...current(2), status: 'dnd' }])).toEqual({
      ...CURRENT_PORTAL_REPORTS,
      status: true,
    });
  });

  it('never forgets what it learnt', () => {
    const learnt = learnReports(CURRENT_PORTAL_REPORTS, [{ ...current(2), status: 'away' }]);
    expect(learnReports(learnt, [current(2)])).toBe(learnt);
  });
});
