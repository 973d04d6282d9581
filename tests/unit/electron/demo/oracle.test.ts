import { describe, expect, it } from 'vitest';
import {
  lastDayOffAt,
  messengerPresence,
  presenceFromTruth,
  viewFromTruth,
} from '../../../../electron/demo/oracle.js';
import type { DemoPersonTruth } from '../../../../electron/demo/types.js';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0); // Monday 12:00 Moscow
const ago = (seconds: number): number => NOW - seconds * 1000;

function truth(fields: Partial<DemoPersonTruth> = {}): DemoPersonTruth {
  return {
    id: 5,
    activity: 'acting',
    lastActivity: ago(10),
    mobileLast: null,
    desktopLast: null,
    desktopTicking: false,
    idleSince: null,
    status: 'online',
    leave: null,
    ...fields,
  };
}

describe('the oracle: what the Bitrix24 messenger shows', () => {
  it('current portal: online under 300 s, "no activity for N min" until 900 s, offline past it', () => {
    expect(presenceFromTruth(truth({ lastActivity: ago(0) }), NOW)).toBe('online');
    expect(presenceFromTruth(truth({ lastActivity: ago(299) }), NOW)).toBe('online');
    expect(presenceFromTruth(truth({ lastActivity: ago(300) }), NOW)).toBe('idle');
    expect(presenceFromTruth(truth({ lastActivity: ago(899) }), NOW)).toBe('idle');
    // Counted online while now − last < limit, as the messenger's code: offline at the limit.
    expect(presenceFromTruth(truth({ lastActivity: ago(900) }), NOW)).toBe('offline');
    expect(presenceFromTruth(truth({ lastActivity: null }), NOW)).toBe('offline');
    expect(presenceFromTruth(truth({ lastActivity: ago(1000) }), NOW, { onlineLimitS: 1440 })).toBe(
      'idle',
    );
  });

  it('current portal: neither mobile, nor the idle date, nor a chosen status shows', () => {
    const phone = truth({ activity: 'mobile', lastActivity: ago(20), mobileLast: ago(20) });
    expect(presenceFromTruth(phone, NOW)).toBe('online');
    const awayAtDesk = truth({
      activity: 'connected',
      lastActivity: ago(100),
      desktopLast: ago(30),
      idleSince: ago(600),
      status: 'dnd',
    });
    expect(presenceFromTruth(awayAtDesk, NOW)).toBe('online');
  });

  it('legacy portal: 1440 s limit, real idle while the desktop app runs, mobile within 300 s of the last activity', () => {
    const legacy = { legacy: true };
    expect(presenceFromTruth(truth({ lastActivity: ago(1439) }), NOW, legacy)).toBe('idle');
    expect(presenceFromTruth(truth({ lastActivity: ago(1440) }), NOW, legacy)).toBe('offline');
    // desktop_last_date + 180 s > now: 170 s ago runs, 190 s ago does not.
    expect(
      presenceFromTruth(truth({ idleSince: ago(60), desktopLast: ago(170) }), NOW, legacy),
    ).toBe('idle');
    expect(
      presenceFromTruth(truth({ idleSince: ago(60), desktopLast: ago(190) }), NOW, legacy),
    ).toBe('online');
    expect(
      presenceFromTruth(truth({ lastActivity: ago(10), mobileLast: ago(200) }), NOW, legacy),
    ).toBe('mobile');
    expect(
      presenceFromTruth(truth({ lastActivity: ago(10), mobileLast: ago(400) }), NOW, legacy),
    ).toBe('online');
    // Phone put away 10 min ago: both dates frozen together, still within the limit.
    expect(
      presenceFromTruth(truth({ lastActivity: ago(600), mobileLast: ago(600) }), NOW, legacy),
    ).toBe('mobile');
    expect(
      presenceFromTruth(truth({ lastActivity: ago(1500), mobileLast: ago(1500) }), NOW, legacy),
    ).toBe('offline');
  });

  it('says whether the desktop app runs and the last day off within the leave only', () => {
    const leave = { from: '2026-11-23', to: '2026-12-03' };
    expect(viewFromTruth(truth({ desktopLast: ago(100), leave }), NOW)).toEqual({
      presence: 'online',
      desktopRunning: true,
      lastDayOff: '2026-12-03',
    });
    expect(lastDayOffAt(leave, Date.UTC(2026, 10, 22, 20, 59, 59))).toBeNull(); // 23:59:59 the day before, Moscow
    expect(lastDayOffAt(leave, Date.UTC(2026, 10, 22, 21, 0, 0))).toBe('2026-12-03');
    expect(lastDayOffAt(leave, Date.UTC(2026, 11, 3, 20, 59, 59))).toBe('2026-12-03');
    expect(lastDayOffAt(leave, Date.UTC(2026, 11, 3, 21, 0, 0))).toBeNull(); // midnight after the last day
    expect(lastDayOffAt(null, NOW)).toBeNull();
  });

  it('reads a source in its own mode, unless told otherwise', () => {
    const phone = truth({ lastActivity: ago(20), mobileLast: ago(20) });
    const source = (legacy: boolean) => ({
      legacy,
      truth: (id: number) => (id === 5 ? phone : null),
    });
    expect(messengerPresence(source(true), 5, NOW)?.presence).toBe('mobile');
    expect(messengerPresence(source(false), 5, NOW)?.presence).toBe('online');
    expect(messengerPresence(source(true), 5, NOW, { legacy: false })?.presence).toBe('online');
    expect(messengerPresence(source(true), 6, NOW)).toBeNull();
  });
});
