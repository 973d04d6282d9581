import { describe, expect, it } from 'vitest';
import {
  inQuietHours,
  inQuietWindow,
  systemLocalTime,
} from '../../../../../electron/core/alerts/quiet-hours.js';

const at = (day: number, hhmm: string) => ({
  day,
  minutes: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)),
});

describe('inQuietWindow', () => {
  const workday = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  const fridayNight = { days: [5], start: '22:00', end: '07:00' };

  it('a same-day window covers start inclusive to end exclusive, on its days only', () => {
    expect(inQuietWindow(workday, at(1, '09:00'))).toBe(true);
    expect(inQuietWindow(workday, at(1, '16:59'))).toBe(true);
    expect(inQuietWindow(workday, at(1, '17:00'))).toBe(false);
    expect(inQuietWindow(workday, at(1, '08:59'))).toBe(false);
    expect(inQuietWindow(workday, at(6, '10:00'))).toBe(false);
  });

  it('a window that wraps past midnight belongs to the day it starts on', () => {
    expect(inQuietWindow(fridayNight, at(5, '22:00'))).toBe(true);
    expect(inQuietWindow(fridayNight, at(5, '23:59'))).toBe(true);
    expect(inQuietWindow(fridayNight, at(6, '06:59'))).toBe(true); // Saturday morning
    expect(inQuietWindow(fridayNight, at(6, '07:00'))).toBe(false);
    expect(inQuietWindow(fridayNight, at(5, '06:00'))).toBe(false); // Friday morning belongs to Thursday
    expect(inQuietWindow(fridayNight, at(6, '22:30'))).toBe(false);
  });

  it('wraps from Saturday into Sunday', () => {
    expect(inQuietWindow({ days: [6], start: '23:00', end: '01:00' }, at(0, '00:30'))).toBe(true);
  });

  it('start equal to end is a full day from start', () => {
    const allDay = { days: [3], start: '00:00', end: '00:00' };
    expect(inQuietWindow(allDay, at(3, '00:00'))).toBe(true);
    expect(inQuietWindow(allDay, at(3, '23:59'))).toBe(true);
    expect(inQuietWindow(allDay, at(4, '00:00'))).toBe(false);
  });

  it('any of several windows counts; none means never quiet', () => {
    expect(inQuietHours([workday, fridayNight], at(6, '03:00'))).toBe(true);
    expect(inQuietHours([], at(6, '03:00'))).toBe(false);
  });
});

describe('systemLocalTime', () => {
  it('reads the local wall clock like Date does', () => {
    const ms = Date.UTC(2026, 10, 23, 9, 30);
    const date = new Date(ms);
    expect(systemLocalTime(ms)).toEqual({
      day: date.getDay(),
      minutes: date.getHours() * 60 + date.getMinutes(),
    });
  });
});
